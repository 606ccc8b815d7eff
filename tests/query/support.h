/* Graphs for the query and merge tests, built from tables of facts. */
#ifndef NG_TEST_QUERY_SUPPORT_H
#define NG_TEST_QUERY_SUPPORT_H

#include <stddef.h>

#include <newsgraph/graph.h>

/* "source relation target", stated in a sentence of a document. */
typedef struct test_fact {
    const char *doc;
    const char *source;
    ng_entity_type source_type;
    ng_relation relation;
    const char *target;
    ng_entity_type target_type;
    ng_modality modality;
    const char *date; /* of the evidence, or NULL */
    long sentence;
} test_fact;

/* A graph of the facts of document `doc` (NULL: of all documents), added
 * in table order or, with `reversed`, backwards. Each fact also counts a
 * mention of both its ends in its document. Owned by the caller; NULL only
 * if out of memory. */
ng_graph *test_graph_of(const test_fact *facts, size_t count, const char *doc, int reversed);

/* The facts behind the traversal fixture: Alice meets Bob; Bob visits
 * Carland and supplies Dorvia (planned); Carland supplies Dorvia
 * (alleged); Dorvia sanctions Estoria (undated); Estoria supplies Carland
 * (denied); Alice visits Fort Place (twice); Gamma Org sanctions Dorvia.
 * In documents one.txt, two.txt and three.txt. */
extern const test_fact test_traversal_facts[];
extern const size_t test_traversal_fact_count;

/* test_graph_of(test_traversal_facts, all of them, NULL, 0). */
ng_graph *test_traversal_graph(void);

/* The graph as JSON, a string owned by the caller; NULL on failure. */
char *test_json_of(const ng_graph *graph);

#endif
