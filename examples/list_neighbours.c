/* list_neighbours: the entities around one, in a graph saved by
 * `newsgraph extract`.
 *
 *     list_neighbours GRAPH.json NAME [DEPTH]
 *
 * NAME is resolved as a user types it ("putin", "Kim Jong-un"); each
 * entity within DEPTH hops (default 1) is printed with its distance and
 * the hop that reaches it, e.g.
 *
 *     1  Vladimir Putin -meets- Kim Jong Un  (asserted, 2 evidence)
 *
 * Build against an installed library with
 *     cc list_neighbours.c $(pkg-config --cflags --libs newsgraph)
 */
#include <stdio.h>
#include <stdlib.h>

#include <newsgraph/newsgraph.h>

#define MAX_CANDIDATES 8

/* The entity NAME stands for, or NULL after saying why there is none. */
static const ng_entity *resolve(const ng_graph *g, const char *name)
{
    const ng_entity *found, *candidates[MAX_CANDIDATES];
    size_t count;
    ng_error err;
    int rc = ng_query_resolve(g, name, &found, candidates, MAX_CANDIDATES, &count, &err);
    if (rc == 0)
        return found;
    fprintf(stderr, "list_neighbours: %s\n", err.text);
    for (size_t i = 0; rc == NG_ERR_AMBIGUOUS && i < count && i < MAX_CANDIDATES; i++)
        fprintf(stderr, "  %s (%s)\n", ng_entity_label(candidates[i]),
                ng_entity_type_name(ng_entity_typeof(candidates[i])));
    return NULL;
}

/* "Vladimir Putin -meets- Kim Jong Un", "Russia <-supplies- North Korea" */
static void print_hop(const ng_neighbour *n)
{
    const ng_edge *e = n->edge;
    const char *relation = ng_relation_name(ng_edge_relation(e));
    const char *head = !ng_edge_directed(e) ? "-" : ng_neighbour_forward(n) ? "->" : "-";
    const char *tail = ng_edge_directed(e) && !ng_neighbour_forward(n) ? "<-" : "-";
    printf("%zu  %s %s%s%s %s  (%s, %zu evidence)\n", n->distance, ng_entity_label(n->from),
           tail, relation, head, ng_entity_label(n->entity),
           ng_modality_name(ng_edge_modality(e)), ng_edge_weight(e));
}

static int list(const ng_graph *g, const char *name, size_t depth)
{
    const ng_entity *start = resolve(g, name);
    if (!start)
        return 1;
    ng_query_filter everything;
    ng_query_filter_init(&everything);
    ng_neighbours around;
    ng_error err;
    if (ng_query_neighbours(g, start, depth, &everything, &around, &err) != 0) {
        fprintf(stderr, "list_neighbours: %s\n", err.text);
        return 1;
    }
    printf("%s (%s): %zu within %zu hop%s\n", ng_entity_label(start),
           ng_entity_type_name(ng_entity_typeof(start)), around.count, depth,
           depth == 1 ? "" : "s");
    for (size_t i = 0; i < around.count; i++)
        print_hop(&around.items[i]);
    ng_query_neighbours_free(&around);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: list_neighbours GRAPH.json NAME [DEPTH]\n");
        return 2;
    }
    long depth = argc == 4 ? strtol(argv[3], NULL, 10) : 1;
    if (depth < 1) {
        fprintf(stderr, "list_neighbours: DEPTH is a whole number of hops, 1 or more\n");
        return 2;
    }
    ng_error err;
    ng_graph *g = ng_io_load(argv[1], NG_FORMAT_UNKNOWN, &err);
    if (!g) {
        fprintf(stderr, "list_neighbours: %s: %s\n", err.source, err.text);
        return 1;
    }
    int rc = list(g, argv[2], (size_t)depth);
    ng_graph_free(g);
    return rc;
}
