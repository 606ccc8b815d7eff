/* newsgraph: asking a graph questions, and combining graphs.
 *
 * Filters select edges by relation, modality, weight and date, and the
 * entities they reach by type; names are resolved the way a user types
 * them; a subgraph around an entity (or of the whole graph) is a graph of
 * its own, which the exporters and the renderer take as any other. On top
 * of these: the neighbours of an entity, breadth first, with the route to
 * each; the shortest paths between two entities; counts and the most
 * connected entities; and the merge of several graphs into one.
 *
 * Traversals follow an edge from source to target (`out`), from target to
 * source (`in`) or both; `meets` is followed both ways whatever the
 * direction. Entities are listed in byte order of their labels, so results
 * do not depend on the order a graph was built in.
 *
 * Ownership: results are owned by the caller and freed with the function
 * named beside them; entity and edge handles inside results are borrowed
 * from the graph queried, which must outlive them.
 */
#ifndef NEWSGRAPH_QUERY_H
#define NEWSGRAPH_QUERY_H

#include <stddef.h>

#include <newsgraph/error.h>
#include <newsgraph/graph.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NG_RELATION_BIT(relation) (1u << (relation))
#define NG_ENTITY_TYPE_BIT(type) (1u << (type))

typedef enum ng_direction {
    NG_DIRECTION_BOTH, /* follow edges either way */
    NG_DIRECTION_OUT,  /* from source to target only */
    NG_DIRECTION_IN    /* from target to source only */
} ng_direction;

/* Which edges and entities a query may use. `meets` edges are followed
 * both ways whatever the direction. */
typedef struct ng_query_filter {
    unsigned relations;       /* NG_RELATION_BIT set; 0: every relation */
    unsigned types;           /* NG_ENTITY_TYPE_BIT set for entities reached; 0: all */
    ng_direction direction;
    ng_modality min_modality; /* edges at least this strong; DENIED: all */
    size_t min_weight;        /* edges with at least this many evidence records */
    const char *since;        /* YYYY-MM-DD: an edge passes if one of its evidence */
    const char *until;        /* records is dated within [since, until]; NULL: open */
} ng_query_filter;
/* With dates, one and the same evidence record must be both in range and
 * at least min_modality strong: a denial dated in range does not let an
 * undated assertion through. `since` and `until` may also be YYYY or
 * YYYY-MM, which stand for the whole year or month; undated evidence is
 * out of every range. The strings are borrowed for as long as the filter
 * is used. */

/* Sets the filter that lets everything through. */
void ng_query_filter_init(ng_query_filter *filter);

/* Whether the edge passes the filter (its relation, modality, weight and
 * dates; not the types of its ends). A NULL filter lets everything through. */
int ng_query_edge_passes(const ng_query_filter *filter, const ng_edge *edge);

/* Whether one evidence record is at least min_modality strong and, when
 * the filter has dates, dated within them: the records to show for an
 * edge that passes. A NULL filter lets everything through. */
int ng_query_evidence_passes(const ng_query_filter *filter, const ng_evidence *evidence);

/* Resolves what a user typed to one entity: the exact label, then an
 * alias, then the same name ignoring case, hyphens and spacing, then a
 * unique prefix of a label or alias, then the closest spelling (a few
 * edits away). Returns 0 and sets *found; NG_ERR_NOT_FOUND; or
 * NG_ERR_AMBIGUOUS when several entities match equally well, storing up to
 * `capacity` of them in `candidates` and their number in *count (both may
 * be NULL/0). err says which name and why. On success *count is 1 (and
 * candidates[0] the entity found); on NG_ERR_NOT_FOUND it is 0. The
 * closest spelling is at most one edit away for names of up to five
 * characters and two for longer ones (Damerau-Levenshtein over the folded
 * names); names of one or two characters are matched exactly. */
int ng_query_resolve(const ng_graph *graph, const char *name, const ng_entity **found,
                     const ng_entity **candidates, size_t capacity, size_t *count,
                     ng_error *err);

/* What ng_query_subgraph left out because of max_nodes. */
typedef struct ng_subgraph_report {
    size_t dropped_entities;
    size_t dropped_edges;
} ng_subgraph_report;

/* A new graph (owned by the caller, ng_graph_free) with the entities
 * within `depth` hops of `center` along edges that pass the filter (the
 * whole graph when center is NULL: every entity of the types allowed), the edges between them that pass it,
 * with all their evidence, aliases, mentions and the documents. With
 * max_nodes > 0 only the most connected entities are kept (the center
 * always), and *report (may be NULL) says what was dropped. */
ng_graph *ng_query_subgraph(const ng_graph *graph, const ng_entity *center, size_t depth,
                            const ng_query_filter *filter, size_t max_nodes,
                            ng_subgraph_report *report, ng_error *err);

/* --- neighbours ------------------------------------------------------------ */

#define NG_QUERY_NONE ((size_t)-1)

/* One way an entity is reached: the last hop of a shortest route to it.
 * An entity one hop further than several others, or joined to one of them
 * by several edges, has one record per edge. */
typedef struct ng_neighbour {
    const ng_entity *entity; /* the entity reached */
    size_t distance;         /* hops from the start, 1 or more */
    const ng_edge *edge;     /* the edge of the last hop */
    const ng_entity *from;   /* the entity the hop leaves, distance - 1 from the start */
    size_t previous;         /* index of the first record of `from` in the same
                              * list, NG_QUERY_NONE when `from` is the start:
                              * following `previous` gives the whole route */
} ng_neighbour;

typedef struct ng_neighbours {
    const ng_entity *start;
    ng_neighbour *items; /* by distance, then label and id of the entity,
                          * then relation and label of `from` */
    size_t count;
} ng_neighbours;

/* Finds, breadth first, the entities within `depth` hops of `start`
 * (depth >= 1) along edges that pass the filter, in the direction it
 * says, reaching only entities of the types it allows. Fills *out, which
 * the caller then owns and frees with ng_query_neighbours_free. Returns 0,
 * NG_ERR_INVALID (no start, or depth 0) or NG_ERR_NOMEM; on failure *out
 * is empty. */
int ng_query_neighbours(const ng_graph *graph, const ng_entity *start, size_t depth,
                        const ng_query_filter *filter, ng_neighbours *out, ng_error *err);

/* Frees what ng_query_neighbours stored and empties *neighbours. */
void ng_query_neighbours_free(ng_neighbours *neighbours);

/* Whether the route ending in `n` follows `n->edge` from its source to its
 * target (for `meets`, the order the edge stores). */
int ng_neighbour_forward(const ng_neighbour *n);

/* --- paths ---------------------------------------------------------------- */

/* One step of a path: along `edge` from `from` to `to`. */
typedef struct ng_hop {
    const ng_edge *edge;
    const ng_entity *from;
    const ng_entity *to;
} ng_hop;

typedef struct ng_path {
    ng_hop *hops;
    size_t length;
} ng_path;

typedef struct ng_paths {
    ng_path *items; /* all of the same length, in byte order of the labels
                     * along them, then of the relations */
    size_t count;
    size_t length;  /* hops in each path; 0 when `from` is `to` */
    int truncated;  /* nonzero: there are more than max_paths of them */
} ng_paths;

/* Finds up to `max_paths` (>= 1) of the shortest paths from `from` to
 * `to` along edges that pass the filter, in the direction it says; the
 * entities in between must be of the types it allows (the two ends need
 * not be). A path never visits an entity twice. Fills *out, which the
 * caller owns and frees with ng_query_paths_free; out->count is 0 when no
 * path joins them. Returns 0, NG_ERR_INVALID or NG_ERR_NOMEM. */
int ng_query_paths(const ng_graph *graph, const ng_entity *from, const ng_entity *to,
                   const ng_query_filter *filter, size_t max_paths, ng_paths *out,
                   ng_error *err);

/* Frees what ng_query_paths stored and empties *paths. */
void ng_query_paths_free(ng_paths *paths);

/* --- statistics ----------------------------------------------------------- */

/* How connected one entity is. */
typedef struct ng_stats_entity {
    const ng_entity *entity;
    size_t edges;      /* edges at the entity, of any relation and direction */
    size_t neighbours; /* distinct entities at the other end of them */
    size_t evidence;   /* evidence records of those edges */
} ng_stats_entity;

typedef struct ng_stats {
    size_t documents;
    size_t sentences;       /* over the documents that know theirs */
    size_t dated_documents;
    const char *first_date; /* earliest and latest document date, borrowed */
    const char *last_date;  /* from the graph; NULL when no document is dated */
    size_t entities;
    size_t isolated;        /* entities without any edge */
    size_t edges;
    size_t evidence;
    size_t entities_by_type[NG_ENTITY_TYPE_COUNT];
    size_t edges_by_relation[NG_RELATION_COUNT];
    size_t evidence_by_relation[NG_RELATION_COUNT];
    size_t edges_by_modality[NG_MODALITY_COUNT];    /* by the edge's modality */
    size_t evidence_by_modality[NG_MODALITY_COUNT]; /* by each record's */
    ng_stats_entity *top;   /* the most connected entities: by edges, then
                             * evidence, neighbours and id; none isolated */
    size_t top_count;
} ng_stats;

/* Counts what the graph holds and ranks up to `top` of its most connected
 * entities. Fills *out, which the caller owns and frees with
 * ng_query_stats_free. Returns 0 or NG_ERR_NOMEM. */
int ng_query_stats(const ng_graph *graph, size_t top, ng_stats *out, ng_error *err);

/* Frees what ng_query_stats stored and empties *stats. */
void ng_query_stats_free(ng_stats *stats);

/* --- merging -------------------------------------------------------------- */

/* Returns a new graph, owned by the caller (ng_graph_free), that is the
 * union of `count` graphs, or NULL with err set (NG_ERR_NOMEM).
 *
 * Entities are the same when they have the same id and type, or the same
 * type and the label of one is a name (label or alias, ignoring case and
 * hyphens) of the other and of no third entity of that type. A merged
 * entity takes the id of the fuller one (the one whose label is not
 * another's alias; the smaller id when that does not decide) and the
 * smallest in byte order of the labels that one has in the inputs; the
 * other labels become aliases.
 * Two entities of different types with the same id stay apart: the type
 * listed first in ng_entity_type keeps the id, the other gets its type
 * appended ("georgia-place"), as ng_graph_add_entity would name it.
 * Mentions add up; documents, aliases and evidence are unions, evidence
 * de-duplicated as ng_graph_add_evidence does; evidence places follow the
 * ids of the entities they name. An edge whose two ends become one entity
 * is dropped. A document keeps its earliest date and largest sentence
 * count; the graph keeps the label its inputs share, else none.
 *
 * The result is canonical: entities in byte order of their ids, edges of
 * (source id, relation, target id), aliases, documents and evidence
 * sorted. So merging is commutative, and merging one graph gives its
 * canonical form. It is associative as well (merging A with B and then C
 * gives what merging A with the merge of B and C gives) unless a label
 * names several entities, which only a merge that sees all of them can
 * tell. Graphs extracted from parts of a corpus merge into the canonical
 * form of the graph of the whole corpus, since extraction treats each
 * document on its own. Mentions add up whatever the documents, so merge
 * graphs of different documents. */
ng_graph *ng_graph_merge(const ng_graph *const *graphs, size_t count, ng_error *err);

#ifdef __cplusplus
}
#endif

#endif
