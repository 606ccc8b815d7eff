/* Growable byte buffers and arrays: the only containers the code needs
 * besides the string map. Every function that can grow memory returns 0 or
 * NG_ERR_NOMEM and leaves the container unchanged on failure. */
#ifndef NG_UTIL_BUF_H
#define NG_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

/* A byte string that is always NUL-terminated once anything has been
 * appended. Zero-initialise it ({0}) before use; release with ng_buf_free. */
typedef struct ng_buf {
    char *data;
    size_t len;
    size_t cap;
} ng_buf;

int ng_buf_reserve(ng_buf *buf, size_t extra);
int ng_buf_append(ng_buf *buf, const void *bytes, size_t n);
int ng_buf_append_str(ng_buf *buf, const char *s);
int ng_buf_putc(ng_buf *buf, char c);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int ng_buf_printf(ng_buf *buf, const char *fmt, ...);
/* The contents as a C string; "" for an empty buffer. Borrowed. */
const char *ng_buf_cstr(const ng_buf *buf);
/* Empties the buffer but keeps its memory. */
void ng_buf_clear(ng_buf *buf);
void ng_buf_free(ng_buf *buf);

/* As ng_array_grow, starting from `first` items: for the many arrays that
 * mostly stay small, such as the evidence of an edge. */
int ng_array_grow_from(void **items, size_t *capacity, size_t needed, size_t item_size,
                       size_t first);

/* Makes room for at least `needed` items of `item_size` bytes in the array
 * *items of capacity *capacity, growing geometrically from 8 items.
 * Inline because it is called for every token and nearly always finds
 * the room already there. */
static inline int ng_array_grow(void **items, size_t *capacity, size_t needed,
                                size_t item_size)
{
    if (needed <= *capacity)
        return 0;
    return ng_array_grow_from(items, capacity, needed, item_size, 8);
}

/* As ng_array_grow, with the new items set to zero bytes: for arrays
 * indexed by a number that grows, where 0 means "none". */
int ng_array_grow_zeroed(void **items, size_t *capacity, size_t needed, size_t item_size);

/* A copy of n bytes plus a terminating NUL, owned by the caller; NULL if
 * out of memory. */
char *ng_strndup(const char *s, size_t n);

#endif
