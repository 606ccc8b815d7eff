/* Appending a graph to another through the public API.
 *
 * Parallel extraction appends one small graph per document to the
 * corpus's graph, on the one thread that owns it, so every call here is
 * on the critical path. ng_graph_add_entity computes the slug of a label
 * and looks the alias up each time; but what a (label, type) becomes never
 * changes once it has been added (entities are never removed or retyped,
 * and the label is then the entity's label or one of its aliases), so the
 * appender remembers it and later documents skip the call. */
#include "graph/append.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/fail.h"
#include "util/strmap.h"

/* What one label became in the graph, for each type it was added with. */
typedef struct known_label {
    const ng_entity *as[NG_ENTITY_TYPE_COUNT];
    char label[]; /* the key */
} known_label;

struct ng_appender {
    ng_graph *dst;
    ng_strmap labels;          /* label -> known_label */
    const ng_entity **mapped;  /* src entity index -> dst entity, per append */
    size_t mapped_cap;
};

ng_appender *ng_appender_new(ng_graph *dst, ng_error *err)
{
    ng_appender *a = calloc(1, sizeof *a);
    if (!a) {
        ng_fail_nomem(err);
        return NULL;
    }
    a->dst = dst;
    return a;
}

void ng_appender_free(ng_appender *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->labels.cap; i++)
        if (a->labels.slots[i].key)
            free(a->labels.slots[i].value);
    ng_strmap_free(&a->labels);
    free(a->mapped);
    free(a);
}

/* ng_graph_add_entity(dst, label, type), called once per (label, type). */
static const ng_entity *add_entity(ng_appender *a, const char *label, ng_entity_type type,
                                   ng_error *err)
{
    size_t len = strlen(label);
    known_label *k = ng_strmap_get(&a->labels, label, len);
    if (k && (unsigned)type < NG_ENTITY_TYPE_COUNT && k->as[type])
        return k->as[type];
    const ng_entity *e = ng_graph_add_entity(a->dst, label, type, err);
    if (!e)
        return NULL;
    if (!k) {
        k = calloc(1, sizeof *k + len + 1);
        if (!k || ng_strmap_put(&a->labels, memcpy(k->label, label, len + 1), len, k) != 0) {
            free(k);
            ng_fail_nomem(err);
            return NULL;
        }
    }
    k->as[type] = e;
    return e;
}

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

/* The entity of dst that e becomes, with e's aliases and mentions. */
static const ng_entity *append_entity(ng_appender *a, const ng_entity *e, const char *name,
                                      ng_error *err)
{
    ng_graph *dst = a->dst;
    const ng_entity *to = add_entity(a, ng_entity_label(e), ng_entity_typeof(e), err);
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

int ng_appender_add(ng_appender *a, const ng_graph *src, const char *name, ng_error *err)
{
    size_t n = ng_graph_entity_count(src);
    void *mapped = a->mapped;
    if (ng_array_grow(&mapped, &a->mapped_cap, n ? n : 1, sizeof *a->mapped) != 0)
        return ng_fail_nomem(err);
    a->mapped = mapped;
    int rc = append_documents(a->dst, src, name, err);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (!(a->mapped[i] = append_entity(a, ng_graph_entity_at(src, i), name, err)))
            rc = err ? err->status : NG_ERR_NOMEM;
    for (size_t i = 0; rc == 0 && i < ng_graph_edge_count(src); i++)
        rc = append_edge(a->dst, src, ng_graph_edge_at(src, i), a->mapped, name, err);
    return rc;
}

int ng_append_graph(ng_graph *dst, const ng_graph *src, const char *name, ng_error *err)
{
    ng_appender *a = ng_appender_new(dst, err);
    if (!a)
        return NG_ERR_NOMEM;
    int rc = ng_appender_add(a, src, name, err);
    ng_appender_free(a);
    return rc;
}
