/* Adding what a document yields to a graph, through the graph's public
 * API.
 *
 * Parallel extraction appends every document on the one thread that owns
 * the graph, so every call here is on the critical path. The calls are
 * one per entity and per edge of the document, not one per mention.
 * ng_graph_add_entity computes the slug of a label and looks the alias up
 * each time; but what a (label, type) becomes never changes once it has
 * been added (entities are never removed or retyped, and the label is then
 * the entity's label or one of its aliases), so the appender remembers it
 * and later documents skip the call. */
#include "extract/append.h"

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
    const ng_entity **mapped;  /* the document's entity i -> dst's, per append */
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

/* ng_graph_add_entity(dst, e's label, e's type), called once per (label,
 * type). The label's length and hash come with it from the thread that
 * extracted it: this one appends for every thread. */
static const ng_entity *add_entity(ng_appender *a, const ng_found_entity *found, ng_error *err)
{
    const char *label = found->label;
    ng_entity_type type = found->type;
    size_t len = found->label_len;
    known_label *k = ng_strmap_get_hashed(&a->labels, label, len, found->label_hash);
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

/* The entity of dst that e becomes, with e's aliases and mentions. */
static const ng_entity *append_entity(ng_appender *a, const ng_found_entity *e,
                                      const char *name, ng_error *err)
{
    ng_graph *dst = a->dst;
    const ng_entity *to = add_entity(a, e, err);
    if (!to)
        return NULL;
    for (size_t i = 0; i < e->alias_count; i++)
        if (ng_graph_add_alias(dst, to, e->aliases[i], err) != 0)
            return NULL;
    /* Mentions are counted in every document, so one call gives the same
     * count and the same document list as one call per mention. */
    if (ng_graph_add_mentions(dst, to, e->in_document ? name : NULL, e->mentions, err) != 0)
        return NULL;
    return to;
}

static int append_edge(ng_appender *a, const ng_found *found, const ng_found_edge *e,
                       const char *name, ng_error *err)
{
    const ng_entity *from = a->mapped[e->source->index];
    const ng_entity *to = a->mapped[e->target->index];
    if (from == to)
        return 0; /* two names that are one entity in dst: extraction skips such links */
    const ng_edge *edge = ng_graph_add_edge(a->dst, from, e->relation, to, err);
    if (!edge)
        return err ? err->status : NG_ERR_INVALID;
    for (size_t i = 0; i < e->evidence_count; i++) {
        ng_evidence ev = e->evidence[i];
        ev.doc = name;
        const ng_found_entity *place = ev.place ? ng_found_entity_by_id(found, ev.place) : NULL;
        if (place)
            ev.place = ng_entity_id(a->mapped[place->index]);
        if (ng_graph_add_evidence(a->dst, edge, &ev, err) != 0)
            return err ? err->status : NG_ERR_INVALID;
    }
    return 0;
}

int ng_appender_add(ng_appender *a, const ng_found *found, const char *name, ng_error *err)
{
    ng_docinfo doc = *ng_found_document(found);
    if (!doc.name)
        return 0; /* nothing was extracted */
    doc.name = name ? name : doc.name;
    size_t n = ng_found_entity_count(found);
    void *mapped = a->mapped;
    if (ng_array_grow(&mapped, &a->mapped_cap, n ? n : 1, sizeof *a->mapped) != 0)
        return ng_fail_nomem(err);
    a->mapped = mapped;
    if (ng_graph_add_document(a->dst, &doc, err) != 0)
        return err ? err->status : NG_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        if (!(a->mapped[i] = append_entity(a, ng_found_entity_at(found, i), doc.name, err)))
            return err ? err->status : NG_ERR_NOMEM;
    for (size_t i = 0; i < ng_found_edge_count(found); i++) {
        int rc = append_edge(a, found, ng_found_edge_at(found, i), doc.name, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}
