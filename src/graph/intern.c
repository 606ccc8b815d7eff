#include "intern.h"

#include <stdlib.h>
#include <string.h>

/* Strings live in large chunks so that interning costs no malloc per
 * string; a string too long for a chunk gets one of its own. */
#define CHUNK_SIZE (64 * 1024)

struct ng_intern_chunk {
    ng_intern_chunk *next;
    size_t used;
    size_t size;
    char data[];
};

static char *pool_alloc(ng_intern *pool, size_t n)
{
    ng_intern_chunk *c = pool->chunks;
    if (!c || c->size - c->used < n) {
        size_t size = n > CHUNK_SIZE ? n : CHUNK_SIZE;
        ng_intern_chunk *fresh = malloc(sizeof *fresh + size);
        if (!fresh)
            return NULL;
        fresh->used = 0;
        fresh->size = size;
        /* A dedicated chunk for a big string goes behind the current one,
         * so the current one's free space is not abandoned. */
        if (c && size > CHUNK_SIZE) {
            fresh->next = c->next;
            c->next = fresh;
        } else {
            fresh->next = c;
            pool->chunks = fresh;
        }
        c = fresh;
    }
    char *p = c->data + c->used;
    c->used += n;
    return p;
}

const char *ng_intern_bytes(ng_intern *pool, const char *s, size_t n)
{
    const char *found = ng_strmap_get(&pool->index, s, n);
    if (found)
        return found;
    char *copy = pool_alloc(pool, n + 1);
    if (!copy)
        return NULL;
    memcpy(copy, s, n);
    copy[n] = '\0';
    if (ng_strmap_put(&pool->index, copy, n, copy) != 0)
        return NULL;
    return copy;
}

const char *ng_intern_keep(ng_intern *pool, const void *s, size_t n)
{
    char *copy = pool_alloc(pool, n);
    if (copy && n)
        memcpy(copy, s, n);
    return copy;
}

const char *ng_intern_str(ng_intern *pool, const char *s)
{
    return s ? ng_intern_bytes(pool, s, strlen(s)) : NULL;
}

void ng_intern_free(ng_intern *pool)
{
    ng_intern_chunk *c = pool->chunks;
    while (c) {
        ng_intern_chunk *next = c->next;
        free(c);
        c = next;
    }
    pool->chunks = NULL;
    ng_strmap_free(&pool->index);
}
