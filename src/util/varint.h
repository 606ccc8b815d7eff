/* LEB128 variable-length integers: seven bits a byte, low bits first, the
 * high bit set on every byte but the last. Small numbers, which most of a
 * record's fields are, take one byte. */
#ifndef NG_UTIL_VARINT_H
#define NG_UTIL_VARINT_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* The most bytes one value takes. */
#define NG_VARINT_MAX 10

/* Writes v at out (which has room for NG_VARINT_MAX bytes); returns the
 * number of bytes written. */
size_t ng_varint_encode(uint64_t v, unsigned char *out);

/* Appends v to buf. Returns 0 or NG_ERR_NOMEM. */
int ng_varint_put(ng_buf *buf, uint64_t v);

/* Reads a value at *p, which must stay below end, and advances *p.
 * Returns 0, or -1 if the bytes end early or the value is too long. */
int ng_varint_get(const char **p, const char *end, uint64_t *v);

/* Signed values, zigzag-mapped so that small negative numbers stay short. */
static inline uint64_t ng_zigzag(long long v)
{
    return ((uint64_t)v << 1) ^ (uint64_t)(v < 0 ? -1 : 0);
}

static inline long long ng_unzigzag(uint64_t v)
{
    return (long long)(v >> 1) ^ -(long long)(v & 1);
}

#endif
