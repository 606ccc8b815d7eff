/* Writing to a file descriptor. */
#ifndef NG_UTIL_FDIO_H
#define NG_UTIL_FDIO_H

#include <stddef.h>

/* Writes all n bytes to fd, going on after short writes and interrupted
 * ones. Returns 0, or the errno of the write that failed (EIO for one
 * that wrote nothing). */
int ng_write_all(int fd, const void *bytes, size_t n);

#endif
