#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <newsgraph/error.h>

int ng_array_grow_zeroed(void **items, size_t *capacity, size_t needed, size_t item_size)
{
    size_t old = *capacity;
    if (ng_array_grow(items, capacity, needed, item_size) != 0)
        return NG_ERR_NOMEM;
    memset((char *)*items + old * item_size, 0, (*capacity - old) * item_size);
    return 0;
}

int ng_array_grow_from(void **items, size_t *capacity, size_t needed, size_t item_size,
                       size_t first)
{
    if (needed <= *capacity)
        return 0;
    size_t cap = *capacity ? *capacity : first ? first : 1;
    while (cap < needed) {
        if (cap > SIZE_MAX / 2)
            return NG_ERR_NOMEM;
        cap *= 2;
    }
    if (cap > SIZE_MAX / item_size)
        return NG_ERR_NOMEM;
    void *p = realloc(*items, cap * item_size);
    if (!p)
        return NG_ERR_NOMEM;
    *items = p;
    *capacity = cap;
    return 0;
}

int ng_buf_reserve(ng_buf *buf, size_t extra)
{
    /* The common case first: writers append a few bytes at a time. */
    if (buf->cap && extra < buf->cap - buf->len) {
        buf->data[buf->len] = '\0';
        return 0;
    }
    if (extra > SIZE_MAX - buf->len - 1)
        return NG_ERR_NOMEM;
    void *data = buf->data;
    if (ng_array_grow(&data, &buf->cap, buf->len + extra + 1, 1) != 0)
        return NG_ERR_NOMEM;
    buf->data = data;
    buf->data[buf->len] = '\0'; /* keeps the buffer a C string even if nothing follows */
    return 0;
}

int ng_buf_append(ng_buf *buf, const void *bytes, size_t n)
{
    if (ng_buf_reserve(buf, n) != 0)
        return NG_ERR_NOMEM;
    if (n)
        memcpy(buf->data + buf->len, bytes, n);
    buf->len += n;
    buf->data[buf->len] = '\0';
    return 0;
}

int ng_buf_append_str(ng_buf *buf, const char *s)
{
    return ng_buf_append(buf, s, strlen(s));
}

int ng_buf_putc(ng_buf *buf, char c)
{
    return ng_buf_append(buf, &c, 1);
}

int ng_buf_printf(ng_buf *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || ng_buf_reserve(buf, (size_t)n) != 0)
        return NG_ERR_NOMEM;
    va_start(ap, fmt);
    vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf->len += (size_t)n;
    return 0;
}

const char *ng_buf_cstr(const ng_buf *buf)
{
    return buf->data ? buf->data : "";
}

void ng_buf_clear(ng_buf *buf)
{
    buf->len = 0;
    if (buf->data)
        buf->data[0] = '\0';
}

void ng_buf_free(ng_buf *buf)
{
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}

char *ng_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
