/* Shortest paths between two entities.
 *
 * A breadth-first search backwards from the target gives every entity its
 * distance to it; the paths are then the walks from the source that get
 * one hop closer at each step, enumerated depth first in the order of the
 * (sorted) adjacency lists, which is the order they are returned in. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <newsgraph/query.h>

#include "graph/traverse.h"
#include "util/buf.h"
#include "util/fail.h"

/* The state of the enumeration: the walk so far, and for each of its
 * entities the next link to try. */
typedef struct walk {
    const ng_adjacency *adj;
    const size_t *to_target; /* hops from each entity to the target */
    size_t length;           /* hops in a shortest path */
    ng_hop *hops;            /* hops[0 .. level) */
    size_t *next;            /* next[level]: the link of hops[level] to try */
    size_t path_cap;
} walk;

static int record_path(walk *w, ng_paths *out, ng_error *err)
{
    void *items = out->items;
    if (ng_array_grow(&items, &w->path_cap, out->count + 1, sizeof *out->items) != 0)
        return ng_fail_nomem(err);
    out->items = items;
    ng_hop *hops = malloc((w->length ? w->length : 1) * sizeof *hops);
    if (!hops)
        return ng_fail_nomem(err);
    memcpy(hops, w->hops, w->length * sizeof *hops);
    out->items[out->count++] = (ng_path){hops, w->length};
    return 0;
}

/* Moves on from `u`, at `level` hops from the source, along its next link
 * that leads one hop closer to the target. Returns 0 when none is left. */
static int step(walk *w, size_t level, const ng_entity *u)
{
    const ng_adjacency *adj = w->adj;
    size_t ui = ng_entity_index(u), end = adj->first[ui + 1];
    size_t wanted = w->length - level - 1;
    for (size_t k = w->next[level]; k < end; k++) {
        const ng_link *l = &adj->links[k];
        if (w->to_target[ng_entity_index(l->other)] == wanted && ng_link_followed(adj, l, 0)) {
            w->hops[level] = (ng_hop){l->edge, u, l->other};
            w->next[level] = k + 1;
            return 1;
        }
    }
    w->next[level] = end;
    return 0;
}

/* Enumerates the shortest paths from `from`, keeping up to max_paths and
 * looking for one more to tell whether the list is complete. */
static int enumerate(walk *w, const ng_entity *from, size_t max_paths, ng_paths *out,
                     ng_error *err)
{
    size_t level = 0;
    w->next[0] = w->adj->first[ng_entity_index(from)];
    for (;;) {
        const ng_entity *u = level ? w->hops[level - 1].to : from;
        if (!step(w, level, u)) {
            if (level-- == 0)
                return 0;
            continue;
        }
        if (++level < w->length) {
            w->next[level] = w->adj->first[ng_entity_index(w->hops[level - 1].to)];
            continue;
        }
        if (out->count == max_paths) {
            out->truncated = 1;
            return 0;
        }
        int rc = record_path(w, out, err);
        if (rc != 0)
            return rc;
        level--;
    }
}

static int find_paths(const ng_adjacency *adj, const ng_entity *from, const ng_entity *to,
                      size_t max_paths, ng_paths *out, ng_error *err)
{
    ng_bfs bfs;
    int rc = ng_bfs_run(&bfs, adj, to, SIZE_MAX, 1, from, err);
    size_t length = rc == 0 ? bfs.distance[ng_entity_index(from)] : NG_QUERY_NONE;
    if (length == NG_QUERY_NONE) {
        ng_bfs_free(&bfs);
        return rc;
    }
    walk w = {adj, bfs.distance, length, NULL, NULL, 0};
    out->length = length;
    w.hops = malloc(length * sizeof *w.hops);
    w.next = malloc(length * sizeof *w.next);
    rc = w.hops && w.next ? enumerate(&w, from, max_paths, out, err) : ng_fail_nomem(err);
    free(w.hops);
    free(w.next);
    ng_bfs_free(&bfs);
    return rc;
}

/* The one path from an entity to itself: no hop at all. */
static int empty_path(ng_paths *out, ng_error *err)
{
    out->items = malloc(sizeof *out->items);
    if (!out->items)
        return ng_fail_nomem(err);
    out->items[0] = (ng_path){NULL, 0};
    out->count = 1;
    return 0;
}

static int belongs(const ng_graph *graph, const ng_entity *e)
{
    return e && ng_graph_entity_at(graph, ng_entity_index(e)) == e;
}

int ng_query_paths(const ng_graph *graph, const ng_entity *from, const ng_entity *to,
                   const ng_query_filter *filter, size_t max_paths, ng_paths *out,
                   ng_error *err)
{
    memset(out, 0, sizeof *out);
    if (!graph || !belongs(graph, from) || !belongs(graph, to) || max_paths == 0)
        return ng_fail(err, NG_ERR_INVALID, NULL,
                       "paths need two entities of the graph and room for one path");
    if (from == to)
        return empty_path(out, err);
    ng_adjacency adj;
    int rc = ng_adjacency_build(&adj, graph, filter, err);
    if (rc == 0)
        rc = find_paths(&adj, from, to, max_paths, out, err);
    ng_adjacency_free(&adj);
    if (rc != 0)
        ng_query_paths_free(out);
    return rc;
}

void ng_query_paths_free(ng_paths *paths)
{
    if (!paths)
        return;
    for (size_t i = 0; i < paths->count; i++)
        free(paths->items[i].hops);
    free(paths->items);
    memset(paths, 0, sizeof *paths);
}
