/* Adding what one document yields (found.h) to a graph. */
#ifndef NG_EXTRACT_APPEND_H
#define NG_EXTRACT_APPEND_H

#include <newsgraph/graph.h>

#include "extract/found.h"

/* Appends into one graph, remembering what each entity label became
 * there, so that the labels of later documents cost one lookup. */
typedef struct ng_appender ng_appender;

/* Returns an appender into `dst` (borrowed: it must outlive the
 * appender), owned by the caller (ng_appender_free); NULL if out of
 * memory. `dst` may change between appends. */
ng_appender *ng_appender_new(ng_graph *dst, ng_error *err);
void ng_appender_free(ng_appender *a);

/* Adds the document of `found` to the appender's graph under `name` (NULL:
 * the name it was extracted under): its record, then its entities (found
 * or created by label and type, as ng_graph_add_entity does) with their
 * aliases and mentions, then its edges and their evidence, with evidence
 * places renamed to the ids their entities have in the graph. Returns 0,
 * or NG_ERR_NOMEM with err set; the graph may then hold part of the
 * document. */
int ng_appender_add(ng_appender *a, const ng_found *found, const char *name, ng_error *err);

#endif
