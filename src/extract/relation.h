/* Finding the relations of a sentence: the words of meets, visits,
 * supplies and sanctions (from the dictionary) with their arguments, and
 * the modality of each. There is no parser: arguments are found by the
 * shape of the sentence around the word.
 *
 *   verbs    subject before, object after (directly or after one of the
 *            word's prepositions): "Kim met Putin", "arrived in Russia",
 *            "sent shells to Russia", "provided Russia with arms"; passive
 *            with "by"; coordination on both sides; a relative clause
 *            takes its antecedent ("Vladivostok, where Putin arrived");
 *            a vehicle's subject is who it carries ("the train carrying
 *            Kim arrived in Khasan")
 *   nouns    "a meeting between A and B", "the Kim-Putin summit", "Putin's
 *            visit to Pyongyang", "arms deliveries from A to B", "US
 *            sanctions on Iran", "North Korean troops' deployment to ..."
 *   places   a visit's destination may be a place described rather than
 *            named ("toured an aircraft factory")
 *   modality cues earlier in the clause: "expected to", "accused of",
 *            "did not"; the strongest of several wins as in GUIDELINES.md
 */
#ifndef NG_EXTRACT_RELATION_H
#define NG_EXTRACT_RELATION_H

#include <newsgraph/extract.h>
#include <newsgraph/graph.h>

#include "extract/found.h"
#include "extract/gazetteer.h"
#include "extract/mention.h"
#include "extract/resolve.h"
#include "extract/token.h"
#include "text/sentence.h"
#include "util/buf.h"

/* One sentence, with its tokens and resolved mentions. */
typedef struct ng_sentence_view {
    const ng_document *doc;
    long number; /* 1-based */
    ng_span span;
    const ng_tokens *tokens;
    ng_mentions *mentions;
} ng_sentence_view;

/* The memory ng_relations_find works in, kept by the caller from one
 * sentence to the next so that reading a sentence allocates nothing once
 * the arrays have grown. Zero-initialise; release with
 * ng_relation_scratch_free. */
typedef struct ng_relation_scratch {
    long *owner;
    size_t owner_cap;
    size_t *region;
    size_t region_cap;
    size_t *starts;
    size_t starts_cap;
    ng_buf sentence, item, text;
} ng_relation_scratch;

void ng_relation_scratch_free(ng_relation_scratch *scratch);

/* Adds to `found` every relation found in the sentence, with its
 * evidence. Facilities described as destinations are added through the
 * resolver. Returns 0 or NG_ERR_NOMEM. */
int ng_relations_find(const ng_gaz_hits *hits, ng_resolver *resolver, ng_found *found,
                      const ng_sentence_view *s, ng_relation_scratch *scratch,
                      ng_error *err);

#endif
