/* Writing a file all-or-nothing, for every output (graph formats through
 * ng_io_save, diagrams through ng_render_save): the file is written
 * beside its destination under a temporary name, flushed to disk, given
 * the permissions of the file it replaces, and renamed into place only
 * when complete, so a failure leaves any previous file intact. A
 * destination that exists but is not a regular file (a device such as
 * /dev/null, a pipe) is written in place: renaming over it would replace
 * it with a file. */
#ifndef NG_IO_ATOMIC_H
#define NG_IO_ATOMIC_H

#include <stdio.h>

#include <newsgraph/error.h>

/* Writes the whole output to `out`, which it must neither close nor
 * rewind; returns 0 or a negative ng_status with err filled. */
typedef int (*ng_atomic_write_fn)(FILE *out, void *ctx, ng_error *err);

/* Calls `write` on a temporary file beside `path` and renames it into
 * place; or on standard output when `path` is "-", or on `path` itself
 * when it is not a regular file. Errors without a source name `path`. */
int ng_atomic_save(const char *path, ng_atomic_write_fn write, void *ctx, ng_error *err);

#endif
