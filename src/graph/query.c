/* Filters, neighbours and subgraphs (see query.h). Paths, name resolution,
 * statistics and merging have files of their own. */
#include <stdlib.h>
#include <string.h>

#include <newsgraph/query.h>

#include "graph/traverse.h"
#include "util/fail.h"

/* --- filters -------------------------------------------------------------- */

void ng_query_filter_init(ng_query_filter *filter)
{
    memset(filter, 0, sizeof *filter);
    filter->direction = NG_DIRECTION_BOTH;
    filter->min_modality = NG_MODALITY_DENIED;
}

/* Whether `date` lies within [since, until], each bound compared on its
 * own length so that "2023-09" covers the whole month. */
static int date_in_range(const char *date, const char *since, const char *until)
{
    if (!date)
        return 0;
    if (since && strncmp(date, since, strlen(since)) < 0)
        return 0;
    return !until || strncmp(date, until, strlen(until)) <= 0;
}

int ng_query_evidence_passes(const ng_query_filter *f, const ng_evidence *ev)
{
    if (!f)
        return 1;
    if (ev->modality < f->min_modality)
        return 0;
    return (!f->since && !f->until) || date_in_range(ev->date, f->since, f->until);
}

/* Whether one evidence record is both strong enough and in the range. A
 * record that cannot be read back does not pass. Modalities are known
 * without reading, so a reader is made only for a record that may pass. */
static int dated_evidence_passes(const ng_query_filter *f, const ng_edge *edge)
{
    ng_evidence_reader *reader = NULL;
    int passes = 0;
    for (size_t i = 0; !passes && i < ng_edge_evidence_count(edge); i++) {
        if (ng_edge_evidence_modality(edge, i) < f->min_modality)
            continue;
        if (!reader && !(reader = ng_evidence_reader_new(NULL)))
            break;
        const ng_evidence *ev = ng_edge_evidence_read(edge, i, reader, NULL);
        passes = ev && ng_query_evidence_passes(f, ev);
    }
    ng_evidence_reader_free(reader);
    return passes;
}

int ng_query_edge_passes(const ng_query_filter *f, const ng_edge *edge)
{
    if (!f)
        return 1;
    if (f->relations && !(f->relations & NG_RELATION_BIT(ng_edge_relation(edge))))
        return 0;
    if (ng_edge_weight(edge) < f->min_weight)
        return 0;
    if (f->since || f->until)
        return dated_evidence_passes(f, edge);
    return ng_edge_modality(edge) >= f->min_modality;
}

/* --- neighbours ----------------------------------------------------------- */

static int compare_neighbours(const void *pa, const void *pb)
{
    const ng_neighbour *a = pa, *b = pb;
    if (a->distance != b->distance)
        return a->distance < b->distance ? -1 : 1;
    int c = strcmp(ng_entity_label(a->entity), ng_entity_label(b->entity));
    if (c == 0)
        c = strcmp(ng_entity_id(a->entity), ng_entity_id(b->entity));
    if (c == 0)
        c = (int)ng_edge_relation(a->edge) - (int)ng_edge_relation(b->edge);
    if (c == 0)
        c = strcmp(ng_entity_label(a->from), ng_entity_label(b->from));
    if (c == 0)
        c = strcmp(ng_entity_id(a->from), ng_entity_id(b->from));
    if (c == 0)
        c = ng_neighbour_forward(b) - ng_neighbour_forward(a);
    return c;
}

/* One record per link from an entity at distance d to one at d + 1:
 * counted, or stored in items when it is not NULL. */
static size_t gather_records(const ng_adjacency *adj, const ng_bfs *bfs, size_t depth,
                             ng_neighbour *items)
{
    size_t n = 0;
    for (size_t i = 0; i < bfs->count; i++) {
        const ng_entity *v = bfs->order[i];
        size_t vi = ng_entity_index(v), d = bfs->distance[vi];
        for (size_t k = adj->first[vi]; d < depth && k < adj->first[vi + 1]; k++) {
            const ng_link *l = &adj->links[k];
            if (bfs->distance[ng_entity_index(l->other)] != d + 1 || !ng_link_followed(adj, l, 0))
                continue;
            if (items)
                items[n] = (ng_neighbour){l->other, d + 1, l->edge, v, NG_QUERY_NONE};
            n++;
        }
    }
    return n;
}

/* Points each record at the first record of the entity it comes from,
 * which the sort has put before it. `first` has a slot per entity. */
static void link_records(ng_neighbours *out, size_t *first, size_t entities)
{
    for (size_t i = 0; i < entities; i++)
        first[i] = NG_QUERY_NONE;
    for (size_t i = 0; i < out->count; i++) {
        ng_neighbour *n = &out->items[i];
        size_t ei = ng_entity_index(n->entity);
        if (first[ei] == NG_QUERY_NONE)
            first[ei] = i;
        n->previous = n->from == out->start ? NG_QUERY_NONE : first[ng_entity_index(n->from)];
    }
}

static int collect_neighbours(const ng_adjacency *adj, const ng_bfs *bfs, size_t depth,
                              ng_neighbours *out, ng_error *err)
{
    size_t n = gather_records(adj, bfs, depth, NULL);
    out->items = malloc((n ? n : 1) * sizeof *out->items);
    if (!out->items)
        return ng_fail_nomem(err);
    out->count = gather_records(adj, bfs, depth, out->items);
    qsort(out->items, n, sizeof *out->items, compare_neighbours);
    /* The distances are no longer needed: reuse them as the index. */
    link_records(out, bfs->distance, ng_graph_entity_count(adj->graph));
    return 0;
}

int ng_query_neighbours(const ng_graph *graph, const ng_entity *start, size_t depth,
                        const ng_query_filter *filter, ng_neighbours *out, ng_error *err)
{
    memset(out, 0, sizeof *out);
    if (!graph || !start || ng_graph_entity_at(graph, ng_entity_index(start)) != start ||
        depth == 0)
        return ng_fail(err, NG_ERR_INVALID, NULL,
                       "neighbours need an entity of the graph and a depth of 1 or more");
    out->start = start;
    ng_adjacency adj;
    ng_bfs bfs = {0};
    int rc = ng_adjacency_build(&adj, graph, filter, err);
    if (rc == 0)
        rc = ng_bfs_run(&bfs, &adj, start, depth, 0, NULL, err);
    if (rc == 0)
        rc = collect_neighbours(&adj, &bfs, depth, out, err);
    ng_bfs_free(&bfs);
    ng_adjacency_free(&adj);
    if (rc != 0)
        ng_query_neighbours_free(out);
    return rc;
}

void ng_query_neighbours_free(ng_neighbours *neighbours)
{
    if (!neighbours)
        return;
    free(neighbours->items);
    memset(neighbours, 0, sizeof *neighbours);
}

int ng_neighbour_forward(const ng_neighbour *n)
{
    return ng_edge_source(n->edge) == n->from;
}

/* --- subgraphs ------------------------------------------------------------ */

/* Which entities a subgraph keeps: keep[i] for entity i. */
static int select_reached(const ng_adjacency *adj, const ng_entity *center, size_t depth,
                          unsigned char *keep, ng_error *err)
{
    const ng_graph *g = adj->graph;
    if (!center) {
        for (size_t i = 0; i < ng_graph_entity_count(g); i++)
            keep[i] = (unsigned char)ng_entity_allowed(&adj->filter, ng_graph_entity_at(g, i));
        return 0;
    }
    ng_bfs bfs;
    int rc = ng_bfs_run(&bfs, adj, center, depth, 0, NULL, err);
    for (size_t i = 0; rc == 0 && i < bfs.count; i++)
        keep[ng_entity_index(bfs.order[i])] = 1;
    ng_bfs_free(&bfs);
    return rc;
}

/* An entity of the subgraph with the number of its edges in it. */
typedef struct ranked {
    const ng_entity *entity;
    size_t degree;
    size_t evidence;
} ranked;

static int compare_ranked(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    if (a->degree != b->degree)
        return a->degree > b->degree ? -1 : 1;
    if (a->evidence != b->evidence)
        return a->evidence > b->evidence ? -1 : 1;
    return strcmp(ng_entity_id(a->entity), ng_entity_id(b->entity));
}

/* Keeps the center and the max_nodes - 1 (or max_nodes, without a
 * center) entities with the most edges among those kept. */
static int trim_to(const ng_adjacency *adj, const ng_entity *center, size_t max_nodes,
                   unsigned char *keep, ng_error *err)
{
    const ng_graph *g = adj->graph;
    size_t entities = ng_graph_entity_count(g), n = 0;
    ranked *r = malloc((entities ? entities : 1) * sizeof *r);
    if (!r)
        return ng_fail_nomem(err);
    for (size_t i = 0; i < entities; i++) {
        if (!keep[i] || ng_graph_entity_at(g, i) == center)
            continue;
        ranked x = {ng_graph_entity_at(g, i), 0, 0};
        for (size_t k = adj->first[i]; k < adj->first[i + 1]; k++)
            if (keep[ng_entity_index(adj->links[k].other)]) {
                x.degree++;
                x.evidence += ng_edge_weight(adj->links[k].edge);
            }
        r[n++] = x;
    }
    qsort(r, n, sizeof *r, compare_ranked);
    size_t room = center ? max_nodes - 1 : max_nodes;
    for (size_t i = room; i < n; i++)
        keep[ng_entity_index(r[i].entity)] = 0;
    free(r);
    return 0;
}

/* Copies an entity with its aliases, documents and mentions. */
static const ng_entity *copy_entity(ng_graph *dst, const ng_entity *e, ng_error *err)
{
    const ng_entity *c = ng_graph_add_entity_with_id(dst, ng_entity_id(e), ng_entity_label(e),
                                                     ng_entity_typeof(e), err);
    int rc = c ? 0 : NG_ERR_NOMEM;
    for (size_t i = 0; rc == 0 && i < ng_entity_alias_count(e); i++)
        rc = ng_graph_add_alias(dst, c, ng_entity_alias_at(e, i), err);
    for (size_t i = 0; rc == 0 && i < ng_entity_doc_count(e); i++)
        rc = ng_graph_add_mentions(dst, c, ng_entity_doc_at(e, i), 0, err);
    if (rc == 0)
        rc = ng_graph_add_mentions(dst, c, NULL, ng_entity_mentions(e), err);
    return rc == 0 ? c : NULL;
}

static int copy_edge(ng_graph *dst, const ng_edge *e, const ng_entity *const *copies,
                     ng_error *err)
{
    const ng_edge *c = ng_graph_add_edge(dst, copies[ng_entity_index(ng_edge_source(e))],
                                         ng_edge_relation(e),
                                         copies[ng_entity_index(ng_edge_target(e))], err);
    ng_evidence_reader *reader = c ? ng_evidence_reader_new(err) : NULL;
    int rc = reader ? 0 : NG_ERR_NOMEM;
    for (size_t i = 0; rc == 0 && i < ng_edge_evidence_count(e); i++) {
        const ng_evidence *ev = ng_edge_evidence_read(e, i, reader, err);
        rc = ev ? ng_graph_add_evidence(dst, c, ev, err) : NG_ERR_IO;
    }
    ng_evidence_reader_free(reader);
    /* an edge loaded from GraphML or DOT may declare more than its records */
    if (rc == 0)
        rc = ng_graph_set_edge_summary(dst, c, ng_edge_weight(e), ng_edge_modality(e), err);
    return rc;
}

static int copy_documents(ng_graph *dst, const ng_graph *src, ng_error *err)
{
    int rc = ng_graph_set_label(dst, ng_graph_label(src), err);
    for (size_t i = 0; rc == 0 && i < ng_graph_document_count(src); i++)
        rc = ng_graph_add_document(dst, ng_graph_document_at(src, i), err);
    return rc;
}

/* Copies the kept entities and the passing edges between them, in the
 * order of the source graph, and counts the edges lost to max_nodes
 * (those with one end selected and the other trimmed). */
static int copy_selection(ng_graph *dst, const ng_adjacency *adj, const unsigned char *keep,
                          const unsigned char *reached, ng_subgraph_report *report,
                          ng_error *err)
{
    const ng_graph *src = adj->graph;
    size_t entities = ng_graph_entity_count(src);
    const ng_entity **copies = calloc(entities ? entities : 1, sizeof *copies);
    int rc = copies ? copy_documents(dst, src, err) : ng_fail_nomem(err);
    for (size_t i = 0; rc == 0 && i < entities; i++) {
        report->dropped_entities += reached[i] && !keep[i];
        if (keep[i] && !(copies[i] = copy_entity(dst, ng_graph_entity_at(src, i), err)))
            rc = NG_ERR_NOMEM;
    }
    for (size_t i = 0; rc == 0 && i < ng_graph_edge_count(src); i++) {
        const ng_edge *e = ng_graph_edge_at(src, i);
        size_t s = ng_entity_index(ng_edge_source(e)), t = ng_entity_index(ng_edge_target(e));
        if (!ng_query_edge_passes(&adj->filter, e) || !reached[s] || !reached[t])
            continue;
        if (keep[s] && keep[t])
            rc = copy_edge(dst, e, copies, err);
        else
            report->dropped_edges++;
    }
    free(copies);
    return rc;
}

static int build_subgraph(ng_graph *dst, const ng_adjacency *adj, const ng_entity *center,
                          size_t depth, size_t max_nodes, ng_subgraph_report *report,
                          ng_error *err)
{
    size_t entities = ng_graph_entity_count(adj->graph);
    unsigned char *keep = calloc(2 * entities + 1, 1);
    if (!keep)
        return ng_fail_nomem(err);
    unsigned char *reached = keep + entities;
    int rc = select_reached(adj, center, depth, keep, err);
    if (rc == 0) {
        memcpy(reached, keep, entities);
        size_t n = 0;
        for (size_t i = 0; i < entities; i++)
            n += keep[i];
        if (max_nodes > 0 && n > max_nodes)
            rc = trim_to(adj, center, max_nodes, keep, err);
    }
    if (rc == 0)
        rc = copy_selection(dst, adj, keep, reached, report, err);
    free(keep);
    return rc;
}

ng_graph *ng_query_subgraph(const ng_graph *graph, const ng_entity *center, size_t depth,
                            const ng_query_filter *filter, size_t max_nodes,
                            ng_subgraph_report *report, ng_error *err)
{
    ng_subgraph_report ignored;
    if (!report)
        report = &ignored;
    memset(report, 0, sizeof *report);
    if (!graph || (center && ng_graph_entity_at(graph, ng_entity_index(center)) != center)) {
        ng_fail(err, NG_ERR_INVALID, NULL, "a subgraph needs a graph and one of its entities");
        return NULL;
    }
    ng_graph *dst = ng_graph_new(err);
    ng_adjacency adj;
    int rc = dst ? ng_adjacency_build(&adj, graph, filter, err) : NG_ERR_NOMEM;
    if (rc == 0)
        rc = build_subgraph(dst, &adj, center, depth, max_nodes, report, err);
    if (dst)
        ng_adjacency_free(&adj);
    if (rc != 0) {
        ng_graph_free(dst);
        return NULL;
    }
    return dst;
}
