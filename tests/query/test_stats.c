/* Counts and the most connected entities. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <newsgraph/query.h>

#include "support.h"

static void test_counts(void **state)
{
    (void)state;
    ng_graph *g = test_traversal_graph();
    assert_non_null(ng_graph_add_entity(g, "Hermit", NG_ENTITY_PERSON, NULL));
    ng_stats s;
    assert_int_equal(ng_query_stats(g, 3, &s, NULL), 0);
    assert_int_equal(s.documents, 3);
    assert_int_equal(s.dated_documents, 2);
    assert_string_equal(s.first_date, "2023-02-20");
    assert_string_equal(s.last_date, "2023-04-01");
    assert_int_equal(s.entities, 8);
    assert_int_equal(s.isolated, 1);
    assert_int_equal(s.entities_by_type[NG_ENTITY_PERSON], 3);
    assert_int_equal(s.entities_by_type[NG_ENTITY_COUNTRY], 3);
    assert_int_equal(s.entities_by_type[NG_ENTITY_ORGANIZATION], 1);
    assert_int_equal(s.entities_by_type[NG_ENTITY_PLACE], 1);
    assert_int_equal(s.edges, 8);
    assert_int_equal(s.evidence, 9);
    assert_int_equal(s.edges_by_relation[NG_RELATION_MEETS], 1);
    assert_int_equal(s.edges_by_relation[NG_RELATION_VISITS], 2);
    assert_int_equal(s.edges_by_relation[NG_RELATION_SUPPLIES], 3);
    assert_int_equal(s.edges_by_relation[NG_RELATION_SANCTIONS], 2);
    assert_int_equal(s.evidence_by_relation[NG_RELATION_VISITS], 3);
    assert_int_equal(s.edges_by_modality[NG_MODALITY_ASSERTED], 5);
    assert_int_equal(s.edges_by_modality[NG_MODALITY_PLANNED], 1);
    assert_int_equal(s.edges_by_modality[NG_MODALITY_ALLEGED], 1);
    assert_int_equal(s.edges_by_modality[NG_MODALITY_DENIED], 1);
    assert_int_equal(s.evidence_by_modality[NG_MODALITY_ASSERTED], 6);
    ng_query_stats_free(&s);
    ng_graph_free(g);
}

static void test_most_connected(void **state)
{
    (void)state;
    ng_graph *g = test_traversal_graph();
    ng_stats s;
    assert_int_equal(ng_query_stats(g, 3, &s, NULL), 0);
    assert_int_equal(s.top_count, 3);
    assert_string_equal(ng_entity_id(s.top[0].entity), "dorvia");
    assert_int_equal(s.top[0].edges, 4);
    assert_int_equal(s.top[0].neighbours, 4);
    assert_int_equal(s.top[0].evidence, 4);
    /* bob and carland tie on everything but the id */
    assert_string_equal(ng_entity_id(s.top[1].entity), "bob");
    assert_string_equal(ng_entity_id(s.top[2].entity), "carland");
    ng_query_stats_free(&s);
    assert_int_equal(ng_query_stats(g, 100, &s, NULL), 0);
    assert_int_equal(s.top_count, 7);
    ng_query_stats_free(&s);
    ng_graph_free(g);
}

/* Two edges to one neighbour count as two edges but one neighbour. */
static void test_neighbours_are_distinct(void **state)
{
    (void)state;
    ng_graph *g = ng_graph_new(NULL);
    const ng_entity *a = ng_graph_add_entity(g, "Arland", NG_ENTITY_COUNTRY, NULL);
    const ng_entity *b = ng_graph_add_entity(g, "Borland", NG_ENTITY_COUNTRY, NULL);
    assert_non_null(ng_graph_add_edge(g, a, NG_RELATION_SUPPLIES, b, NULL));
    assert_non_null(ng_graph_add_edge(g, b, NG_RELATION_SUPPLIES, a, NULL));
    ng_stats s;
    assert_int_equal(ng_query_stats(g, 1, &s, NULL), 0);
    assert_int_equal(s.top[0].edges, 2);
    assert_int_equal(s.top[0].neighbours, 1);
    assert_int_equal(s.dated_documents, 0);
    assert_null(s.first_date);
    ng_query_stats_free(&s);
    ng_graph_free(g);
}

/* Sentences add up over the documents that know their count (0: unknown). */
static void test_sentences(void **state)
{
    (void)state;
    ng_graph *g = ng_graph_new(NULL);
    ng_docinfo a = {"a.txt", NULL, 3}, b = {"b.txt", "2023-01-02", 0}, c = {"c.txt", NULL, 40};
    assert_int_equal(ng_graph_add_document(g, &a, NULL), 0);
    assert_int_equal(ng_graph_add_document(g, &b, NULL), 0);
    assert_int_equal(ng_graph_add_document(g, &c, NULL), 0);
    ng_stats s;
    assert_int_equal(ng_query_stats(g, 1, &s, NULL), 0);
    assert_int_equal(s.documents, 3);
    assert_int_equal(s.sentences, 43);
    assert_int_equal(s.dated_documents, 1);
    ng_query_stats_free(&s);
    ng_graph_free(g);
}

static void test_empty_graph(void **state)
{
    (void)state;
    ng_graph *g = ng_graph_new(NULL);
    ng_stats s;
    assert_int_equal(ng_query_stats(g, 10, &s, NULL), 0);
    assert_int_equal(s.entities + s.edges + s.documents + s.top_count, 0);
    ng_query_stats_free(&s);
    ng_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_most_connected),
        cmocka_unit_test(test_neighbours_are_distinct),
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_empty_graph),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
