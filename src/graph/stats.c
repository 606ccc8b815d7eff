/* Counting what a graph holds, and ranking its most connected entities. */
#include <stdlib.h>
#include <string.h>

#include <newsgraph/query.h>

#include "graph/traverse.h"
#include "util/fail.h"

static void count_documents(const ng_graph *g, ng_stats *s)
{
    s->documents = ng_graph_document_count(g);
    for (size_t i = 0; i < s->documents; i++) {
        const ng_docinfo *doc = ng_graph_document_at(g, i);
        const char *date = doc->date;
        if (doc->sentences > 0)
            s->sentences += (size_t)doc->sentences;
        if (!date)
            continue;
        s->dated_documents++;
        if (!s->first_date || strcmp(date, s->first_date) < 0)
            s->first_date = date;
        if (!s->last_date || strcmp(date, s->last_date) > 0)
            s->last_date = date;
    }
}

static void count_edges(const ng_graph *g, ng_stats *s)
{
    s->edges = ng_graph_edge_count(g);
    for (size_t i = 0; i < s->edges; i++) {
        const ng_edge *e = ng_graph_edge_at(g, i);
        ng_relation r = ng_edge_relation(e);
        s->edges_by_relation[r]++;
        s->edges_by_modality[ng_edge_modality(e)]++;
        s->evidence_by_relation[r] += ng_edge_evidence_count(e);
        s->evidence += ng_edge_evidence_count(e);
        for (size_t k = 0; k < ng_edge_evidence_count(e); k++)
            s->evidence_by_modality[ng_edge_evidence_modality(e, k)]++;
    }
}

/* The connections of entity i; its links are sorted by the other end, so
 * distinct neighbours are the changes along the list. */
static ng_stats_entity connections(const ng_adjacency *adj, size_t i)
{
    ng_stats_entity c = {ng_graph_entity_at(adj->graph, i), 0, 0, 0};
    const ng_entity *last = NULL;
    for (size_t k = adj->first[i]; k < adj->first[i + 1]; k++) {
        const ng_link *l = &adj->links[k];
        c.edges++;
        c.evidence += ng_edge_weight(l->edge);
        c.neighbours += l->other != last;
        last = l->other;
    }
    return c;
}

static int compare_connected(const void *pa, const void *pb)
{
    const ng_stats_entity *a = pa, *b = pb;
    if (a->edges != b->edges)
        return a->edges > b->edges ? -1 : 1;
    if (a->evidence != b->evidence)
        return a->evidence > b->evidence ? -1 : 1;
    if (a->neighbours != b->neighbours)
        return a->neighbours > b->neighbours ? -1 : 1;
    return strcmp(ng_entity_id(a->entity), ng_entity_id(b->entity));
}

static int rank_entities(const ng_graph *g, size_t top, ng_stats *s, ng_error *err)
{
    ng_adjacency adj;
    int rc = ng_adjacency_build(&adj, g, NULL, err);
    size_t n = 0;
    ng_stats_entity *all = rc == 0 ? malloc((s->entities + 1) * sizeof *all) : NULL;
    if (rc == 0 && !all)
        rc = ng_fail_nomem(err);
    for (size_t i = 0; rc == 0 && i < s->entities; i++) {
        ng_stats_entity c = connections(&adj, i);
        s->entities_by_type[ng_entity_typeof(c.entity)]++;
        if (c.edges)
            all[n++] = c;
        else
            s->isolated++;
    }
    ng_adjacency_free(&adj);
    if (rc != 0) {
        free(all);
        return rc;
    }
    qsort(all, n, sizeof *all, compare_connected);
    s->top = all;
    s->top_count = n < top ? n : top;
    return 0;
}

int ng_query_stats(const ng_graph *graph, size_t top, ng_stats *out, ng_error *err)
{
    memset(out, 0, sizeof *out);
    if (!graph)
        return ng_fail(err, NG_ERR_INVALID, NULL, "no graph to count");
    count_documents(graph, out);
    count_edges(graph, out);
    out->entities = ng_graph_entity_count(graph);
    int rc = rank_entities(graph, top, out, err);
    if (rc != 0)
        ng_query_stats_free(out);
    return rc;
}

void ng_query_stats_free(ng_stats *stats)
{
    if (!stats)
        return;
    free(stats->top);
    memset(stats, 0, sizeof *stats);
}
