/* Filling ng_error records: the library's only way of saying what failed. */
#ifndef NG_UTIL_FAIL_H
#define NG_UTIL_FAIL_H

#include <newsgraph/error.h>

/* Fills `err` (if not NULL) with the status, the source (may be NULL) and
 * a printf-style message, clears the location, and returns `status`, so
 * that `return ng_fail(err, NG_ERR_IO, path, "cannot open: %s", ...)` reads
 * naturally. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
int ng_fail(ng_error *err, ng_status status, const char *source, const char *fmt, ...);

/* Sets the location of an error filled by ng_fail; -1/0 mean unknown. */
void ng_fail_at(ng_error *err, long line, long column, long long offset);

/* Shorthand for the most common failure. */
int ng_fail_nomem(ng_error *err);

#endif
