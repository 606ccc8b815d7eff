#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include <newsgraph/error.h>

uint64_t ng_hash_bytes(const void *bytes, size_t n)
{
    /* FNV-1a: simple, and good enough for names and short phrases. */
    const unsigned char *p = bytes;
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211u;
    }
    return h;
}

static ng_strmap_slot *find_slot(ng_strmap_slot *slots, size_t cap, const char *key,
                                 size_t len, uint64_t hash)
{
    size_t mask = cap - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        ng_strmap_slot *s = &slots[i];
        if (!s->key)
            return s;
        if (s->hash == hash && s->len == len && memcmp(s->key, key, len) == 0)
            return s;
    }
}

void *ng_strmap_get(const ng_strmap *map, const char *key, size_t len)
{
    if (!map->cap)
        return NULL;
    ng_strmap_slot *s = find_slot(map->slots, map->cap, key, len, ng_hash_bytes(key, len));
    return s->key ? s->value : NULL;
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
    /* Keep the load factor under 1/2 so probe runs stay short. */
    if ((map->count + 1) * 2 > map->cap) {
        if (rehash(map, map->cap ? map->cap * 2 : 16) != 0)
            return NG_ERR_NOMEM;
    }
    uint64_t hash = ng_hash_bytes(key, len);
    ng_strmap_slot *s = find_slot(map->slots, map->cap, key, len, hash);
    if (!s->key) {
        s->key = key;
        s->len = len;
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
