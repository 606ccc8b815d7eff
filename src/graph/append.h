/* Appending the graph of some documents to the graph of the documents
 * before them: how parallel extraction puts its pieces together. */
#ifndef NG_GRAPH_APPEND_H
#define NG_GRAPH_APPEND_H

#include <newsgraph/graph.h>

/* Appends into one graph, remembering what each entity label became
 * there, so that the labels of later documents cost one lookup. */
typedef struct ng_appender ng_appender;

/* Returns an appender into `dst` (borrowed: it must outlive the
 * appender), owned by the caller (ng_appender_free); NULL if out of
 * memory. `dst` may change between appends. */
ng_appender *ng_appender_new(ng_graph *dst, ng_error *err);
void ng_appender_free(ng_appender *a);

/* Adds to the appender's graph what extracting src's documents straight
 * into it would have added, in the same order: documents, then entities
 * (found or created by label and type, as ng_graph_add_entity does), their
 * aliases and mentions, then edges and their evidence, with evidence
 * places renamed to the ids the entities have there. With `name` not
 * NULL, src must hold one document, which joins under that name
 * (extraction ran under a provisional one). `src` must come from
 * extraction (no declared edge summaries). Returns 0, or NG_ERR_NOMEM
 * with err set; the graph may then hold part of `src`. */
int ng_appender_add(ng_appender *a, const ng_graph *src, const char *name, ng_error *err);

/* ng_appender_add through an appender of its own. */
int ng_append_graph(ng_graph *dst, const ng_graph *src, const char *name, ng_error *err);

#endif
