/* Appending the graph of some documents to the graph of the documents
 * before them: how parallel extraction puts its pieces together. */
#ifndef NG_GRAPH_APPEND_H
#define NG_GRAPH_APPEND_H

#include <newsgraph/graph.h>

/* Adds to `dst` what extracting src's documents straight into `dst`
 * would have added, in the same order: documents, then entities (found
 * or created by label and type, as ng_graph_add_entity does), their
 * aliases and mentions, then edges and their evidence, with evidence
 * places renamed to the ids the entities have in `dst`. With `name` not
 * NULL, src must hold one document, which joins `dst` under that name
 * (extraction ran under a provisional one). `src` must come from
 * extraction (no declared edge summaries). Returns 0, or NG_ERR_NOMEM
 * with err set; `dst` may then hold part of `src`. */
int ng_append_graph(ng_graph *dst, const ng_graph *src, const char *name, ng_error *err);

#endif
