/* Counting evidence records without keeping them.
 *
 * A graph loaded without its evidence (NG_LOAD_SKIP_EVIDENCE) must still
 * give each edge the weight and modality its records would have given it:
 * their number, where ng_graph_add_evidence keeps a record that repeats
 * one of the edge's (same document, trigger, sentence, span and
 * modality) only once, and the strongest modality among them. A tally
 * counts records that way from those keys alone.
 *
 * Records come in listings, one per edge record of a file. A file holds
 * each edge once as a rule, so a record is compared only with the ones
 * before it in its listing (through an index of them when the listing is
 * long), until an edge is listed again: from then on every record goes
 * through an index of them all. An index is a hash table, and one over
 * every record would cost a cache miss a record.
 */
#ifndef NG_IO_TALLY_H
#define NG_IO_TALLY_H

#include <stddef.h>

#include <newsgraph/graph.h>

#include "graph/intern.h"

/* Open addressing over the keys from `first` on: key number + 1, or 0. */
typedef struct ng_tally_index {
    size_t *slots;
    size_t cap;
    size_t first;
} ng_tally_index;

/* Zero-initialise ({0}) before use; release with ng_tally_free. */
typedef struct ng_tally {
    ng_intern names;        /* documents and triggers, so that keys are fixed-size */
    unsigned char *keys;    /* the key of every record counted, in order */
    size_t key_count, key_cap;
    size_t listing;         /* the first key of the current listing */
    ng_tally_index all;     /* over every key, once an edge is listed again */
    ng_tally_index current; /* over the keys of the current listing, when long */
    size_t *weights;        /* by edge index */
    unsigned char *strongest;
    size_t edge_cap;
} ng_tally;

/* Starts a listing of the records of edge number `edge`. Returns 0 or
 * NG_ERR_NOMEM. */
int ng_tally_begin(ng_tally *tally, size_t edge);

/* Counts the record for the edge of the current listing, unless the edge
 * has one with the same key. The strings of `evidence` are copied as
 * needed. Returns 0 or NG_ERR_NOMEM. */
int ng_tally_add(ng_tally *tally, size_t edge, const ng_evidence *evidence);

/* The distinct records counted for the edge, and the strongest modality
 * among them (meaningful when there are any). */
size_t ng_tally_weight(const ng_tally *tally, size_t edge);
ng_modality ng_tally_modality(const ng_tally *tally, size_t edge);

void ng_tally_free(ng_tally *tally);

#endif
