/* A hash map from byte strings to pointers, with open addressing.
 *
 * Keys are borrowed: the map stores the pointer and length it is given, so
 * keys must outlive their entries (the graph keeps them in its string
 * pool). Values are opaque and never freed by the map. */
#ifndef NG_UTIL_STRMAP_H
#define NG_UTIL_STRMAP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* 24 bytes: the graph holds a few slots per edge and per sentence it
 * keeps, so lengths and stored hashes are 32 bits (keys longer than
 * UINT32_MAX bytes are refused). */
typedef struct ng_strmap_slot {
    const char *key; /* NULL: empty */
    uint32_t len;
    uint32_t hash;
    void *value;
} ng_strmap_slot;

/* Zero-initialise ({0}) before use. */
typedef struct ng_strmap {
    ng_strmap_slot *slots;
    size_t cap;   /* a power of two, or 0 */
    size_t count;
} ng_strmap;

uint64_t ng_hash_bytes(const void *bytes, size_t n);

/* Whether a[0, n) and b[0, n) are the same bytes: memcmp, without a call
 * for the short keys that most are (words, names), which take two loads
 * from each side at most. */
static inline int ng_bytes_equal(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;
    if (n >= 8) {
        if (n > 16)
            return memcmp(p, q, n) == 0;
        uint64_t x0, x1, y0, y1; /* the first 8 and the last 8, overlapping */
        memcpy(&x0, p, 8);
        memcpy(&y0, q, 8);
        memcpy(&x1, p + n - 8, 8);
        memcpy(&y1, q + n - 8, 8);
        return ((x0 ^ y0) | (x1 ^ y1)) == 0;
    }
    if (n >= 4) {
        uint32_t x0, x1, y0, y1;
        memcpy(&x0, p, 4);
        memcpy(&y0, q, 4);
        memcpy(&x1, p + n - 4, 4);
        memcpy(&y1, q + n - 4, 4);
        return ((x0 ^ y0) | (x1 ^ y1)) == 0;
    }
    /* 0 to 3 bytes: the first, middle and last cover them */
    return n == 0 || (p[0] == q[0] && p[n / 2] == q[n / 2] && p[n - 1] == q[n - 1]);
}

/* The hash a map stores for a key: callers that look the same string up
 * many times (a token's folded form) compute it once. */
uint32_t ng_strmap_hash(const char *key, size_t len);

/* The value stored under the key, or NULL. */
void *ng_strmap_get(const ng_strmap *map, const char *key, size_t len);
/* ng_strmap_get with the key's ng_strmap_hash already known. Inline: the
 * tokenizer and the gazetteer look up every token, and most lookups end
 * at the first slot, in fewer instructions than a call costs. */
static inline void *ng_strmap_get_hashed(const ng_strmap *map, const char *key, size_t len,
                                         uint32_t hash)
{
    if (!map->cap || len > UINT32_MAX)
        return NULL;
    size_t mask = map->cap - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const ng_strmap_slot *s = &map->slots[i];
        if (!s->key)
            return NULL;
        if (s->hash == hash && s->len == len && ng_bytes_equal(s->key, key, len))
            return s->value;
    }
}
/* Stores or replaces the value of the key. 0, or NG_ERR_NOMEM (also for a
 * key longer than UINT32_MAX bytes). */
int ng_strmap_put(ng_strmap *map, const char *key, size_t len, void *value);
void ng_strmap_free(ng_strmap *map);

#endif
