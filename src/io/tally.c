/* Counting evidence records without keeping them; see tally.h. */
#include "io/tally.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/strmap.h"

/* A record's key: the edge, the document and the trigger (by their
 * interned copies, so equal strings give equal bytes), then the
 * sentence, the span and the modality. Packed field by field, so that no
 * padding takes part in comparisons. */
#define KEY_SIZE (sizeof(size_t) + 2 * sizeof(const char *) + 4 * sizeof(long long))

/* A listing longer than this gets an index: up to it, comparing with
 * every record before costs less than hashing. */
#define LINEAR_MAX 64

static const unsigned char *key_at(const ng_tally *t, size_t k)
{
    return t->keys + k * KEY_SIZE;
}

static size_t *index_slot(const ng_tally *t, const ng_tally_index *ix, const unsigned char *key)
{
    size_t mask = ix->cap - 1;
    for (size_t i = (size_t)ng_hash_bytes(key, KEY_SIZE) & mask;; i = (i + 1) & mask)
        if (!ix->slots[i] || memcmp(key_at(t, ix->slots[i] - 1), key, KEY_SIZE) == 0)
            return &ix->slots[i];
}

/* Makes room in the index for one more key, building or growing it
 * over the keys from ix->first on. */
static int index_reserve(const ng_tally *t, ng_tally_index *ix)
{
    size_t needed = 2 * (t->key_count - ix->first + 1);
    if (needed <= ix->cap)
        return 0;
    size_t cap = ix->cap ? ix->cap : 2 * LINEAR_MAX;
    while (cap < needed)
        cap *= 2;
    size_t *slots = cap <= SIZE_MAX / sizeof *slots ? calloc(cap, sizeof *slots) : NULL;
    if (!slots)
        return NG_ERR_NOMEM;
    free(ix->slots);
    ix->slots = slots;
    ix->cap = cap;
    for (size_t k = ix->first; k < t->key_count; k++)
        *index_slot(t, ix, key_at(t, k)) = k + 1;
    return 0;
}

static void index_free(ng_tally_index *ix)
{
    free(ix->slots);
    memset(ix, 0, sizeof *ix);
}

static int reserve_edge(ng_tally *t, size_t edge)
{
    size_t old = t->edge_cap, cap = old;
    void *weights = t->weights;
    if (ng_array_grow(&weights, &cap, edge + 1, sizeof *t->weights) != 0)
        return NG_ERR_NOMEM;
    t->weights = weights;
    if (cap == old)
        return 0;
    unsigned char *strongest = realloc(t->strongest, cap);
    if (!strongest)
        return NG_ERR_NOMEM;
    t->strongest = strongest;
    memset(t->weights + old, 0, (cap - old) * sizeof *t->weights);
    memset(t->strongest + old, 0, cap - old);
    t->edge_cap = cap;
    return 0;
}

int ng_tally_begin(ng_tally *t, size_t edge)
{
    if (reserve_edge(t, edge) != 0)
        return NG_ERR_NOMEM;
    t->listing = t->key_count;
    index_free(&t->current);
    /* The records of the edge's earlier listing are not in this one. */
    if (!t->all.slots && t->weights[edge] > 0)
        return index_reserve(t, &t->all);
    return 0;
}

static int pack_key(ng_tally *t, size_t edge, const ng_evidence *ev, unsigned char *key)
{
    const char *doc = ng_intern_str(&t->names, ev->doc);
    const char *trigger = ng_intern_str(&t->names, ev->trigger);
    if (!doc || (ev->trigger && !trigger))
        return NG_ERR_NOMEM;
    long long numbers[4] = {ev->sentence, ev->start, ev->end, (long long)ev->modality};
    memcpy(key, &edge, sizeof edge);
    key += sizeof edge;
    memcpy(key, &doc, sizeof doc);
    key += sizeof doc;
    memcpy(key, &trigger, sizeof trigger);
    key += sizeof trigger;
    memcpy(key, numbers, sizeof numbers);
    return 0;
}

/* The index a new key goes through, if any. */
static ng_tally_index *index_of(ng_tally *t)
{
    if (t->all.slots)
        return &t->all;
    return t->current.slots ? &t->current : NULL;
}

/* Whether the key is among those counted that could repeat it, noting
 * where it goes in the index if there is one. */
static int seen(ng_tally *t, const unsigned char *key, size_t **slot)
{
    ng_tally_index *ix = index_of(t);
    if (ix) {
        *slot = index_slot(t, ix, key);
        return **slot != 0;
    }
    for (size_t k = t->listing; k < t->key_count; k++)
        if (memcmp(key_at(t, k), key, KEY_SIZE) == 0)
            return 1;
    return 0;
}

int ng_tally_add(ng_tally *t, size_t edge, const ng_evidence *ev)
{
    unsigned char key[KEY_SIZE];
    size_t *slot = NULL;
    ng_tally_index *ix = index_of(t);
    if (pack_key(t, edge, ev, key) != 0 || (ix && index_reserve(t, ix) != 0))
        return NG_ERR_NOMEM;
    if (seen(t, key, &slot))
        return 0;
    void *keys = t->keys;
    if (ng_array_grow(&keys, &t->key_cap, t->key_count + 1, KEY_SIZE) != 0)
        return NG_ERR_NOMEM;
    t->keys = keys;
    memcpy(t->keys + t->key_count * KEY_SIZE, key, KEY_SIZE);
    t->key_count++;
    if (slot) {
        *slot = t->key_count;
    } else if (t->key_count - t->listing > LINEAR_MAX) {
        t->current.first = t->listing;
        if (index_reserve(t, &t->current) != 0)
            return NG_ERR_NOMEM;
    }
    if (t->weights[edge]++ == 0 || ev->modality > t->strongest[edge])
        t->strongest[edge] = (unsigned char)ev->modality;
    return 0;
}

size_t ng_tally_weight(const ng_tally *t, size_t edge)
{
    return edge < t->edge_cap ? t->weights[edge] : 0;
}

ng_modality ng_tally_modality(const ng_tally *t, size_t edge)
{
    return edge < t->edge_cap ? (ng_modality)t->strongest[edge] : NG_MODALITY_ASSERTED;
}

void ng_tally_free(ng_tally *t)
{
    ng_intern_free(&t->names);
    free(t->keys);
    index_free(&t->all);
    index_free(&t->current);
    free(t->weights);
    free(t->strongest);
    memset(t, 0, sizeof *t);
}
