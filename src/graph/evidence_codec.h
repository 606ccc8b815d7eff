/* Evidence records as bytes, for the graph's byte log (util/bytelog.h).
 *
 * The strings of a record that come from small sets (document names,
 * triggers, dates, places, items) are stored as numbers into the graph's
 * table of such strings, its atoms; only the sentence is stored as text.
 * A record also carries the number of its edge, so that a record found by
 * its hash can be checked to belong to the edge. */
#ifndef NG_GRAPH_EVIDENCE_CODEC_H
#define NG_GRAPH_EVIDENCE_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include <newsgraph/graph.h>

#include "util/buf.h"

/* Atom numbers plus one; 0 stands for NULL. */
typedef struct ng_evidence_atoms {
    uint32_t doc, trigger, date, place, item;
} ng_evidence_atoms;

/* Appends the record to `out`. Returns 0 or NG_ERR_NOMEM. */
int ng_evidence_encode(ng_buf *out, uint32_t edge, const ng_evidence *ev,
                       const ng_evidence_atoms *atoms);

/* Decodes n bytes made by ng_evidence_encode. The strings of *out point
 * into `atoms` (atom_count of them) and into the bytes, which must outlive
 * it. Returns 0, or -1 if the bytes are not a record. */
int ng_evidence_decode(const char *bytes, size_t n, const char *const *atoms,
                       size_t atom_count, uint32_t *edge, ng_evidence *out);

#endif
