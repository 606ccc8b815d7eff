#include "pairset.h"

#include <stdint.h>
#include <stdlib.h>

#include <newsgraph/error.h>

static size_t hash_pair(const void *first, const void *second)
{
    /* Pointers are aligned, so their low bits carry little; the multiply
     * and shift (SplitMix64's finaliser) spread the rest over the word. */
    uint64_t h = (uint64_t)(uintptr_t)first * 0x9e3779b97f4a7c15u ^ (uint64_t)(uintptr_t)second;
    h = (h ^ (h >> 31)) * 0xbf58476d1ce4e5b9u;
    return (size_t)(h ^ (h >> 29));
}

static ng_pair *find_slot(ng_pair *slots, size_t cap, const void *first, const void *second)
{
    size_t mask = cap - 1;
    for (size_t i = hash_pair(first, second) & mask;; i = (i + 1) & mask) {
        ng_pair *s = &slots[i];
        if (!s->first || (s->first == first && s->second == second))
            return s;
    }
}

static int rehash(ng_pairset *set, size_t cap)
{
    ng_pair *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < set->cap; i++)
        if (set->slots[i].first)
            *find_slot(slots, cap, set->slots[i].first, set->slots[i].second) = set->slots[i];
    free(set->slots);
    set->slots = slots;
    set->cap = cap;
    return 0;
}

int ng_pairset_add(ng_pairset *set, const void *first, const void *second)
{
    /* Load factor under 1/2, as in ng_strmap. */
    if ((set->count + 1) * 2 > set->cap && rehash(set, set->cap ? set->cap * 2 : 16) != 0)
        return NG_ERR_NOMEM;
    ng_pair *s = find_slot(set->slots, set->cap, first, second);
    if (s->first)
        return 0;
    s->first = first;
    s->second = second;
    set->count++;
    return 1;
}

int ng_pairset_has(const ng_pairset *set, const void *first, const void *second)
{
    return set->cap && find_slot(set->slots, set->cap, first, second)->first != NULL;
}

void ng_pairset_free(ng_pairset *set)
{
    free(set->slots);
    set->slots = NULL;
    set->cap = set->count = 0;
}
