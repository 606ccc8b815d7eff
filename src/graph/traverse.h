/* Adjacency lists over the edges that pass a filter, and breadth-first
 * search over them: the common ground of neighbours, paths and subgraphs.
 * Building the lists once per query keeps every traversal linear in the
 * size of the graph. */
#ifndef NG_GRAPH_TRAVERSE_H
#define NG_GRAPH_TRAVERSE_H

#include <stddef.h>

#include <newsgraph/query.h>

/* One edge as seen from one of its ends. */
typedef struct ng_link {
    const ng_edge *edge;
    const ng_entity *other; /* the entity at the other end */
    int out;                /* the end whose list holds the link is the edge's source */
} ng_link;

/* The links of entity i are links[first[i]] .. links[first[i + 1] - 1],
 * sorted by the label and id of the other end, then relation, then
 * direction, so that every traversal visits them in an order that does
 * not depend on how the graph was built. */
typedef struct ng_adjacency {
    const ng_graph *graph;
    ng_query_filter filter; /* a copy; its strings stay borrowed */
    size_t *first;
    ng_link *links;
} ng_adjacency;

/* Builds the lists of the edges of `graph` that pass `filter` (NULL: all).
 * Returns 0 or NG_ERR_NOMEM; free with ng_adjacency_free either way. */
int ng_adjacency_build(ng_adjacency *adj, const ng_graph *graph, const ng_query_filter *filter,
                       ng_error *err);
void ng_adjacency_free(ng_adjacency *adj);

/* Whether a traversal may go along `link` from the entity whose list
 * holds it to link->other (reverse: from link->other to that entity),
 * given the filter's direction. */
int ng_link_followed(const ng_adjacency *adj, const ng_link *link, int reverse);

/* Whether the filter lets a traversal reach `entity`. */
int ng_entity_allowed(const ng_query_filter *filter, const ng_entity *entity);

/* The result of a breadth-first search: distance[i] is the number of hops
 * from the start to entity i (NG_QUERY_NONE if not reached), and order
 * lists the entities reached, the start first, in the order reached. */
typedef struct ng_bfs {
    size_t *distance;
    const ng_entity **order;
    size_t count;
} ng_bfs;

/* Searches from `start` up to `depth` hops, following links forwards (or,
 * with reverse, backwards: the distances are then those *to* start).
 * Entities of types the filter does not allow are not reached, except
 * `stop` (may be NULL), at which the search ends. Returns 0 or
 * NG_ERR_NOMEM; free with ng_bfs_free either way. */
int ng_bfs_run(ng_bfs *bfs, const ng_adjacency *adj, const ng_entity *start, size_t depth,
               int reverse, const ng_entity *stop, ng_error *err);
void ng_bfs_free(ng_bfs *bfs);

#endif
