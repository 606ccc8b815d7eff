#include "graph/append.h"

#include <stdlib.h>

#include "util/fail.h"

static int append_documents(ng_graph *dst, const ng_graph *src, const char *name,
                            ng_error *err)
{
    for (size_t i = 0; i < ng_graph_document_count(src); i++) {
        ng_docinfo doc = *ng_graph_document_at(src, i);
        doc.name = name ? name : doc.name;
        if (ng_graph_add_document(dst, &doc, err) != 0)
            return NG_ERR_NOMEM;
    }
    return 0;
}

/* The entity of `dst` that e becomes, with e's aliases and mentions. */
static const ng_entity *append_entity(ng_graph *dst, const ng_entity *e, const char *name,
                                      ng_error *err)
{
    const ng_entity *to = ng_graph_add_entity(dst, ng_entity_label(e), ng_entity_typeof(e), err);
    if (!to)
        return NULL;
    for (size_t i = 0; i < ng_entity_alias_count(e); i++)
        if (ng_graph_add_alias(dst, to, ng_entity_alias_at(e, i), err) != 0)
            return NULL;
    /* Mentions are counted in every document, so one call per document
     * gives the same count and the same document list. */
    size_t docs = ng_entity_doc_count(e);
    for (size_t i = 0; i < docs; i++)
        if (ng_graph_add_mentions(dst, to, name ? name : ng_entity_doc_at(e, i),
                                  i == 0 ? ng_entity_mentions(e) : 0, err) != 0)
            return NULL;
    if (docs == 0 && ng_graph_add_mentions(dst, to, NULL, ng_entity_mentions(e), err) != 0)
        return NULL;
    return to;
}

static int append_edge(ng_graph *dst, const ng_graph *src, const ng_edge *e,
                       const ng_entity *const *mapped, const char *name, ng_error *err)
{
    const ng_entity *from = mapped[ng_entity_index(ng_edge_source(e))];
    const ng_entity *to = mapped[ng_entity_index(ng_edge_target(e))];
    if (from == to)
        return 0; /* two names that are one entity in dst: extraction skips such links */
    const ng_edge *edge = ng_graph_add_edge(dst, from, ng_edge_relation(e), to, err);
    if (!edge)
        return err ? err->status : NG_ERR_INVALID;
    for (size_t i = 0; i < ng_edge_evidence_count(e); i++) {
        ng_evidence ev = *ng_edge_evidence_at(e, i);
        ev.doc = name ? name : ev.doc;
        const ng_entity *place = ev.place ? ng_graph_entity_by_id(src, ev.place) : NULL;
        if (place)
            ev.place = ng_entity_id(mapped[ng_entity_index(place)]);
        if (ng_graph_add_evidence(dst, edge, &ev, err) != 0)
            return err ? err->status : NG_ERR_INVALID;
    }
    return 0;
}

int ng_append_graph(ng_graph *dst, const ng_graph *src, const char *name, ng_error *err)
{
    size_t n = ng_graph_entity_count(src);
    const ng_entity **mapped = calloc(n ? n : 1, sizeof *mapped);
    if (!mapped)
        return ng_fail_nomem(err);
    int rc = append_documents(dst, src, name, err);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (!(mapped[i] = append_entity(dst, ng_graph_entity_at(src, i), name, err)))
            rc = err ? err->status : NG_ERR_NOMEM;
    for (size_t i = 0; rc == 0 && i < ng_graph_edge_count(src); i++)
        rc = append_edge(dst, src, ng_graph_edge_at(src, i), mapped, name, err);
    free(mapped);
    return rc;
}
