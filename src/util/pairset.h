/* A set of pointer pairs, with open addressing.
 *
 * The graph uses it to remember which (entity, document) and (entity,
 * alias) pairs it has recorded: one pair per slot, sixteen bytes, with
 * nothing stored elsewhere, because there is about one pair per entity
 * per document and a corpus has many documents. The pointers are only
 * compared and hashed, never followed. */
#ifndef NG_UTIL_PAIRSET_H
#define NG_UTIL_PAIRSET_H

#include <stddef.h>

typedef struct ng_pair {
    const void *first;  /* NULL marks an empty slot */
    const void *second;
} ng_pair;

/* Zero-initialise ({0}) before use; release with ng_pairset_free. */
typedef struct ng_pairset {
    ng_pair *slots;
    size_t cap;   /* a power of two, or 0 */
    size_t count;
} ng_pairset;

/* Adds (first, second); first must not be NULL. Returns 1 if the pair is
 * new, 0 if it was there already, NG_ERR_NOMEM (negative) if the set could
 * not grow, in which case it is unchanged. */
int ng_pairset_add(ng_pairset *set, const void *first, const void *second);

/* 1 if the set holds (first, second), else 0. */
int ng_pairset_has(const ng_pairset *set, const void *first, const void *second);

void ng_pairset_free(ng_pairset *set);

#endif
