#include "graph/traverse.h"

#include <stdlib.h>
#include <string.h>

#include "util/fail.h"

static int compare_links(const void *pa, const void *pb)
{
    const ng_link *a = pa, *b = pb;
    int c = strcmp(ng_entity_label(a->other), ng_entity_label(b->other));
    if (c == 0)
        c = strcmp(ng_entity_id(a->other), ng_entity_id(b->other));
    if (c == 0)
        c = (int)ng_edge_relation(a->edge) - (int)ng_edge_relation(b->edge);
    if (c == 0)
        c = b->out - a->out; /* outgoing first */
    if (c == 0)
        c = ng_edge_index(a->edge) < ng_edge_index(b->edge) ? -1
            : ng_edge_index(a->edge) > ng_edge_index(b->edge);
    return c;
}

/* Counts the passing edges at each entity into first[i + 1]. */
static void count_links(ng_adjacency *adj, size_t entities)
{
    const ng_graph *g = adj->graph;
    for (size_t i = 0; i < ng_graph_edge_count(g); i++) {
        const ng_edge *e = ng_graph_edge_at(g, i);
        if (!ng_query_edge_passes(&adj->filter, e))
            continue;
        adj->first[ng_entity_index(ng_edge_source(e)) + 1]++;
        adj->first[ng_entity_index(ng_edge_target(e)) + 1]++;
    }
    for (size_t i = 0; i < entities; i++)
        adj->first[i + 1] += adj->first[i];
}

static void fill_links(ng_adjacency *adj, size_t entities)
{
    const ng_graph *g = adj->graph;
    size_t *next = adj->first + entities + 1; /* the spare half of the allocation */
    memcpy(next, adj->first, entities * sizeof *next);
    for (size_t i = 0; i < ng_graph_edge_count(g); i++) {
        const ng_edge *e = ng_graph_edge_at(g, i);
        if (!ng_query_edge_passes(&adj->filter, e))
            continue;
        const ng_entity *s = ng_edge_source(e), *t = ng_edge_target(e);
        adj->links[next[ng_entity_index(s)]++] = (ng_link){e, t, 1};
        adj->links[next[ng_entity_index(t)]++] = (ng_link){e, s, 0};
    }
    for (size_t i = 0; i < entities; i++)
        qsort(adj->links + adj->first[i], adj->first[i + 1] - adj->first[i], sizeof *adj->links,
              compare_links);
}

int ng_adjacency_build(ng_adjacency *adj, const ng_graph *graph, const ng_query_filter *filter,
                       ng_error *err)
{
    memset(adj, 0, sizeof *adj);
    adj->graph = graph;
    if (filter)
        adj->filter = *filter;
    else
        ng_query_filter_init(&adj->filter);
    size_t entities = ng_graph_entity_count(graph);
    size_t edges = ng_graph_edge_count(graph);
    /* first[] and, after it, the insertion cursors fill_links needs. */
    adj->first = calloc(2 * entities + 1, sizeof *adj->first);
    adj->links = malloc((2 * edges + 1) * sizeof *adj->links);
    if (!adj->first || !adj->links)
        return ng_fail_nomem(err);
    count_links(adj, entities);
    fill_links(adj, entities);
    return 0;
}

void ng_adjacency_free(ng_adjacency *adj)
{
    free(adj->first);
    free(adj->links);
    adj->first = NULL;
    adj->links = NULL;
}

int ng_link_followed(const ng_adjacency *adj, const ng_link *link, int reverse)
{
    if (!ng_edge_directed(link->edge))
        return 1;
    int forward = reverse ? !link->out : link->out;
    switch (adj->filter.direction) {
    case NG_DIRECTION_OUT: return forward;
    case NG_DIRECTION_IN: return !forward;
    case NG_DIRECTION_BOTH: break;
    }
    return 1;
}

int ng_entity_allowed(const ng_query_filter *filter, const ng_entity *entity)
{
    return !filter || filter->types == 0 ||
           (filter->types & NG_ENTITY_TYPE_BIT(ng_entity_typeof(entity))) != 0;
}

int ng_bfs_run(ng_bfs *bfs, const ng_adjacency *adj, const ng_entity *start, size_t depth,
               int reverse, const ng_entity *stop, ng_error *err)
{
    size_t entities = ng_graph_entity_count(adj->graph);
    memset(bfs, 0, sizeof *bfs);
    bfs->distance = malloc((entities + 1) * sizeof *bfs->distance);
    bfs->order = malloc((entities + 1) * sizeof *bfs->order);
    if (!bfs->distance || !bfs->order)
        return ng_fail_nomem(err);
    for (size_t i = 0; i < entities; i++)
        bfs->distance[i] = NG_QUERY_NONE;
    bfs->distance[ng_entity_index(start)] = 0;
    bfs->order[bfs->count++] = start;
    /* order[] doubles as the queue: entities before `head` are done. */
    for (size_t head = 0; head < bfs->count; head++) {
        const ng_entity *v = bfs->order[head];
        size_t vi = ng_entity_index(v), d = bfs->distance[vi];
        if (v == stop || d >= depth)
            break;
        for (size_t k = adj->first[vi]; k < adj->first[vi + 1]; k++) {
            const ng_link *l = &adj->links[k];
            size_t wi = ng_entity_index(l->other);
            if (bfs->distance[wi] != NG_QUERY_NONE || !ng_link_followed(adj, l, reverse) ||
                (l->other != stop && !ng_entity_allowed(&adj->filter, l->other)))
                continue;
            bfs->distance[wi] = d + 1;
            bfs->order[bfs->count++] = l->other;
        }
    }
    return 0;
}

void ng_bfs_free(ng_bfs *bfs)
{
    free(bfs->distance);
    free(bfs->order);
    bfs->distance = NULL;
    bfs->order = NULL;
    bfs->count = 0;
}
