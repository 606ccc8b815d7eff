#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include <newsgraph/error.h>

/* The n < 8 bytes at p as a little-endian number, as if read one byte at
 * a time, but with at most three loads: two overlapping 4-byte reads for
 * 4..7 bytes, three single bytes for 1..3. Words are short, and a loop
 * over their last bytes was a third of the hashing. */
static uint64_t load_tail(const unsigned char *p, size_t n)
{
    if (n >= 4) {
        uint64_t lo = (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
                      (uint64_t)p[3] << 24;
        const unsigned char *q = p + n - 4;
        uint64_t hi = (uint64_t)q[0] | (uint64_t)q[1] << 8 | (uint64_t)q[2] << 16 |
                      (uint64_t)q[3] << 24;
        return lo | hi << (8 * (n - 4)); /* the overlap ORs equal bytes */
    }
    if (n == 0)
        return 0;
    return (uint64_t)p[0] | (uint64_t)p[n / 2] << (8 * (n / 2)) |
           (uint64_t)p[n - 1] << (8 * (n - 1));
}

uint64_t ng_hash_bytes(const void *bytes, size_t n)
{
    /* Eight bytes at a time, each word folded in with a multiply and a
     * shift (the finaliser of SplitMix64): every token of every sentence
     * is hashed, and a byte-at-a-time hash was a tenth of the run. */
    const unsigned char *p = bytes;
    uint64_t h = 0x9e3779b97f4a7c15u ^ (uint64_t)n;
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9u;
        h ^= h >> 31;
    }
    h = (h ^ load_tail(p, n)) * 0x94d049bb133111ebu;
    return h ^ (h >> 29);
}

uint32_t ng_strmap_hash(const char *key, size_t len)
{
    return (uint32_t)ng_hash_bytes(key, len);
}

static ng_strmap_slot *find_slot(ng_strmap_slot *slots, size_t cap, const char *key,
                                 uint32_t len, uint32_t hash)
{
    size_t mask = cap - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        ng_strmap_slot *s = &slots[i];
        if (!s->key)
            return s;
        if (s->hash == hash && s->len == len && ng_bytes_equal(s->key, key, len))
            return s;
    }
}

void *ng_strmap_get(const ng_strmap *map, const char *key, size_t len)
{
    if (!map->cap || len > UINT32_MAX)
        return NULL;
    return ng_strmap_get_hashed(map, key, len, ng_strmap_hash(key, len));
}

static int rehash(ng_strmap *map, size_t cap)
{
    ng_strmap_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < map->cap; i++) {
        ng_strmap_slot *old = &map->slots[i];
        if (old->key)
            *find_slot(slots, cap, old->key, old->len, old->hash) = *old;
    }
    free(map->slots);
    map->slots = slots;
    map->cap = cap;
    return 0;
}

int ng_strmap_put(ng_strmap *map, const char *key, size_t len, void *value)
{
    if (len > UINT32_MAX)
        return NG_ERR_NOMEM;
    /* Keep the load factor under 1/2 so probe runs stay short. */
    if ((map->count + 1) * 2 > map->cap) {
        if (rehash(map, map->cap ? map->cap * 2 : 16) != 0)
            return NG_ERR_NOMEM;
    }
    uint32_t hash = ng_strmap_hash(key, len);
    ng_strmap_slot *s = find_slot(map->slots, map->cap, key, (uint32_t)len, hash);
    if (!s->key) {
        s->key = key;
        s->len = (uint32_t)len;
        s->hash = hash;
        map->count++;
    }
    s->value = value;
    return 0;
}

void ng_strmap_free(ng_strmap *map)
{
    free(map->slots);
    map->slots = NULL;
    map->cap = map->count = 0;
}
