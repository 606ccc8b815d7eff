/* How an entity's id is made from its label: one rule for the graph and
 * for the per-document records extraction gathers before they join it,
 * so that both give an entity the same id. */
#ifndef NG_GRAPH_ENTITY_ID_H
#define NG_GRAPH_ENTITY_ID_H

#include <newsgraph/graph.h>

#include "util/buf.h"

/* Finds the entity that holds `id` in the caller's collection: returns
 * its handle and sets *type, or returns NULL. */
typedef const void *(*ng_entity_id_lookup)(const void *collection, const char *id,
                                           ng_entity_type *type);

/* Writes into `id` (cleared first) the id for an entity labelled `label`
 * of `type`: the slug of the label ("entity" if it has no letters), or,
 * when an entity of another type holds that, the slug with the type
 * appended ("georgia-place"), then with a counter too. Sets *existing to
 * the entity of the same type that already holds the id, or NULL.
 * Returns 0 or NG_ERR_NOMEM. */
int ng_entity_id_choose(const char *label, ng_entity_type type, ng_buf *id,
                        ng_entity_id_lookup lookup, const void *collection,
                        const void **existing);

/* ng_entity_id_choose in two halves, for a caller that meets the same
 * labels again and again and keeps their slugs (found.c). The first
 * appends to `id` the id the search starts from: the slug of
 * label[0..len), or "entity". Returns 0 or NG_ERR_NOMEM. */
int ng_entity_id_base(const char *label, size_t len, ng_buf *id);

/* The second: with `id` holding that base and nothing else, the rest of
 * ng_entity_id_choose (the type appended, then a counter, while an entity
 * of another type holds the id). */
int ng_entity_id_settle(ng_entity_type type, ng_buf *id, ng_entity_id_lookup lookup,
                        const void *collection, const void **existing);

#endif
