/* Filters, breadth-first neighbours with each filter, and subgraphs, on
 * the traversal fixture (see support.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <newsgraph/query.h>

#include "fixtures.h"
#include "support.h"

static int setup(void **state)
{
    *state = test_traversal_graph();
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    ng_graph_free(*state);
    return 0;
}

static const ng_entity *entity(void **state, const char *id)
{
    const ng_entity *e = ng_graph_entity_by_id(*state, id);
    assert_non_null(e);
    return e;
}

/* The records as "distance:id:relation:from" joined by spaces. */
static void describe(const ng_neighbours *n, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n->count && used < size; i++) {
        const ng_neighbour *r = &n->items[i];
        used += (size_t)snprintf(out + used, size - used, "%s%zu:%s:%s:%s", i ? " " : "",
                                 r->distance, ng_entity_id(r->entity),
                                 ng_relation_name(ng_edge_relation(r->edge)),
                                 ng_entity_id(r->from));
    }
}

static void expect(void **state, const char *start, size_t depth, const ng_query_filter *f,
                   const char *wanted)
{
    ng_neighbours n;
    ng_error err;
    if (ng_query_neighbours(*state, entity(state, start), depth, f, &n, &err) != 0)
        fail_msg("%s", err.text);
    char got[1024];
    describe(&n, got, sizeof got);
    assert_string_equal(got, wanted);
    ng_query_neighbours_free(&n);
}

static void test_filter_init_lets_everything_through(void **state)
{
    ng_query_filter f;
    ng_query_filter_init(&f);
    assert_int_equal(f.direction, NG_DIRECTION_BOTH);
    assert_int_equal(f.min_modality, NG_MODALITY_DENIED);
    for (size_t i = 0; i < ng_graph_edge_count(*state); i++) {
        assert_true(ng_query_edge_passes(&f, ng_graph_edge_at(*state, i)));
        assert_true(ng_query_edge_passes(NULL, ng_graph_edge_at(*state, i)));
    }
}

static void test_dates_and_modality_need_the_same_record(void **state)
{
    ng_graph *g = *state;
    const ng_entity *a = entity(state, "alice"), *f = entity(state, "fort-place");
    const ng_edge *e = ng_graph_find_edge(g, a, NG_RELATION_VISITS, f);
    ng_evidence denial = {"two.txt", 9, 0, 5, "No visit.", "visit", NG_MODALITY_DENIED,
                          "2024-06-01", NULL, NULL};
    assert_int_equal(ng_graph_add_evidence(g, e, &denial, NULL), 0);
    ng_query_filter q;
    ng_query_filter_init(&q);
    q.since = "2024";
    assert_true(ng_query_edge_passes(&q, e));
    q.min_modality = NG_MODALITY_ASSERTED;
    assert_false(ng_query_edge_passes(&q, e));
    q.since = "2022-12";
    q.until = "2022-12";
    assert_true(ng_query_edge_passes(&q, e));
    q.until = "2022-11-30";
    assert_false(ng_query_edge_passes(&q, e));
}

static void test_undated_evidence_is_out_of_any_range(void **state)
{
    const ng_edge *e = ng_graph_find_edge(*state, entity(state, "dorvia"),
                                          NG_RELATION_SANCTIONS, entity(state, "estoria"));
    ng_query_filter q;
    ng_query_filter_init(&q);
    assert_true(ng_query_edge_passes(&q, e));
    q.until = "2100";
    assert_false(ng_query_edge_passes(&q, e));
}

static void test_depth_one(void **state)
{
    expect(state, "bob", 1, NULL,
           "1:alice:meets:bob 1:carland:visits:bob 1:dorvia:supplies:bob");
}

static void test_depth_two_lists_every_last_hop(void **state)
{
    expect(state, "bob", 2, NULL,
           "1:alice:meets:bob 1:carland:visits:bob 1:dorvia:supplies:bob "
           "2:estoria:supplies:carland 2:estoria:sanctions:dorvia "
           "2:fort-place:visits:alice 2:gamma-org:sanctions:dorvia");
}

static void test_previous_gives_the_route(void **state)
{
    ng_neighbours n;
    assert_int_equal(ng_query_neighbours(*state, entity(state, "alice"), 3, NULL, &n, NULL), 0);
    const ng_neighbour *last = &n.items[n.count - 1];
    assert_string_equal(ng_entity_id(last->entity), "gamma-org");
    assert_int_equal(last->distance, 3);
    char route[256] = "";
    for (const ng_neighbour *r = last; r; r = r->previous == NG_QUERY_NONE ? NULL
                                                                          : &n.items[r->previous]) {
        char step[64];
        snprintf(step, sizeof step, "<%s%s", ng_entity_id(r->entity), route);
        strcpy(route, step);
        assert_int_equal(r->from == n.start, r->previous == NG_QUERY_NONE);
    }
    assert_string_equal(route, "<bob<dorvia<gamma-org");
    assert_true(ng_neighbour_forward(&n.items[0]));  /* alice meets bob: stored that way */
    assert_false(ng_neighbour_forward(last));        /* gamma-org sanctions dorvia */
    ng_query_neighbours_free(&n);
}

static void test_direction_out(void **state)
{
    ng_query_filter f;
    ng_query_filter_init(&f);
    f.direction = NG_DIRECTION_OUT;
    expect(state, "bob", 2, &f,
           "1:alice:meets:bob 1:carland:visits:bob 1:dorvia:supplies:bob "
           "2:estoria:sanctions:dorvia 2:fort-place:visits:alice");
}

static void test_direction_in(void **state)
{
    ng_query_filter f;
    ng_query_filter_init(&f);
    f.direction = NG_DIRECTION_IN;
    expect(state, "dorvia", 1, &f,
           "1:bob:supplies:dorvia 1:carland:supplies:dorvia 1:gamma-org:sanctions:dorvia");
}

static void test_relations(void **state)
{
    ng_query_filter f;
    ng_query_filter_init(&f);
    f.relations = NG_RELATION_BIT(NG_RELATION_SUPPLIES);
    expect(state, "bob", 2, &f, "1:dorvia:supplies:bob 2:carland:supplies:dorvia");
    f.relations |= NG_RELATION_BIT(NG_RELATION_MEETS);
    expect(state, "bob", 1, &f, "1:alice:meets:bob 1:dorvia:supplies:bob");
}

static void test_minimum_modality(void **state)
{
    ng_query_filter f;
    ng_query_filter_init(&f);
    f.min_modality = NG_MODALITY_ASSERTED;
    expect(state, "bob", 1, &f, "1:alice:meets:bob 1:carland:visits:bob");
    f.min_modality = NG_MODALITY_PLANNED;
    expect(state, "bob", 1, &f,
           "1:alice:meets:bob 1:carland:visits:bob 1:dorvia:supplies:bob");
    f.min_modality = NG_MODALITY_ALLEGED;
    expect(state, "carland", 1, &f, "1:bob:visits:carland 1:dorvia:supplies:carland");
}

static void test_date_range(void **state)
{
    ng_query_filter f;
    ng_query_filter_init(&f);
    f.since = "2023-02";
    f.until = "2023-02";
    expect(state, "bob", 1, &f, "1:carland:visits:bob 1:dorvia:supplies:bob");
    f.since = "2023-02-02";
    f.until = NULL;
    expect(state, "bob", 1, &f, "1:dorvia:supplies:bob");
}

static void test_types(void **state)
{
    ng_query_filter f;
    ng_query_filter_init(&f);
    f.types = NG_ENTITY_TYPE_BIT(NG_ENTITY_COUNTRY);
    expect(state, "bob", 3, &f,
           "1:carland:visits:bob 1:dorvia:supplies:bob "
           "2:estoria:supplies:carland 2:estoria:sanctions:dorvia");
}

static void test_minimum_weight(void **state)
{
    ng_query_filter f;
    ng_query_filter_init(&f);
    f.min_weight = 2;
    expect(state, "alice", 2, &f, "1:fort-place:visits:alice");
}

static void test_nothing_around(void **state)
{
    ng_query_filter f;
    ng_query_filter_init(&f);
    f.relations = NG_RELATION_BIT(NG_RELATION_MEETS);
    expect(state, "gamma-org", 4, &f, "");
}

static void test_bad_arguments(void **state)
{
    ng_neighbours n;
    ng_error err;
    assert_int_equal(ng_query_neighbours(*state, entity(state, "bob"), 0, NULL, &n, &err),
                     NG_ERR_INVALID);
    assert_int_equal(n.count, 0);
    ng_graph *other = test_traversal_graph();
    assert_int_equal(ng_query_neighbours(other, entity(state, "bob"), 1, NULL, &n, &err),
                     NG_ERR_INVALID);
    ng_graph_free(other);
}

/* --- subgraphs ------------------------------------------------------------ */

static void expect_graph(const ng_graph *g, size_t entities, size_t edges)
{
    assert_non_null(g);
    assert_int_equal(ng_graph_entity_count(g), entities);
    assert_int_equal(ng_graph_edge_count(g), edges);
}

static void test_ego_network(void **state)
{
    ng_subgraph_report r;
    ng_graph *sub = ng_query_subgraph(*state, entity(state, "bob"), 1, NULL, 0, &r, NULL);
    expect_graph(sub, 4, 4); /* bob, alice, carland, dorvia; carland-dorvia too */
    assert_int_equal(r.dropped_entities, 0);
    assert_int_equal(r.dropped_edges, 0);
    const ng_entity *a = ng_graph_entity_by_id(sub, "alice");
    assert_non_null(a);
    assert_int_equal(ng_entity_mentions(a), 3);
    assert_int_equal(ng_entity_doc_count(a), 2);
    assert_int_equal(ng_graph_document_count(sub), 3);
    assert_string_equal(ng_graph_label(sub), "test");
    ng_graph_free(sub);
}

static void test_ego_network_keeps_the_most_connected(void **state)
{
    ng_subgraph_report r;
    ng_graph *sub = ng_query_subgraph(*state, entity(state, "bob"), 1, NULL, 2, &r, NULL);
    expect_graph(sub, 2, 1);
    assert_non_null(ng_graph_entity_by_id(sub, "bob"));
    assert_non_null(ng_graph_entity_by_id(sub, "carland")); /* ties dorvia; smaller id */
    assert_int_equal(r.dropped_entities, 2);
    assert_int_equal(r.dropped_edges, 3);
    ng_graph_free(sub);
}

static void test_whole_graph_of_some_types(void **state)
{
    ng_query_filter f;
    ng_query_filter_init(&f);
    f.types = NG_ENTITY_TYPE_BIT(NG_ENTITY_COUNTRY);
    ng_graph *sub = ng_query_subgraph(*state, NULL, 0, &f, 0, NULL, NULL);
    expect_graph(sub, 3, 3);
    const ng_edge *e = ng_graph_edge_at(sub, 0);
    assert_int_equal(ng_edge_weight(e), 1);
    assert_string_equal(ng_test_evidence(e, 0)->text, "Carland supplies Dorvia.");
    ng_graph_free(sub);
}

static void test_whole_graph_filtered_edges(void **state)
{
    ng_query_filter f;
    ng_query_filter_init(&f);
    f.relations = NG_RELATION_BIT(NG_RELATION_VISITS);
    ng_graph *sub = ng_query_subgraph(*state, NULL, 0, &f, 3, NULL, NULL);
    /* alice and fort-place (two records), then bob before carland (ids) */
    expect_graph(sub, 3, 1);
    assert_non_null(ng_graph_entity_by_id(sub, "bob"));
    ng_graph_free(sub);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_filter_init_lets_everything_through),
        T(test_dates_and_modality_need_the_same_record),
        T(test_undated_evidence_is_out_of_any_range),
        T(test_depth_one),
        T(test_depth_two_lists_every_last_hop),
        T(test_previous_gives_the_route),
        T(test_direction_out),
        T(test_direction_in),
        T(test_relations),
        T(test_minimum_modality),
        T(test_date_range),
        T(test_types),
        T(test_minimum_weight),
        T(test_nothing_around),
        T(test_bad_arguments),
        T(test_ego_network),
        T(test_ego_network_keeps_the_most_connected),
        T(test_whole_graph_of_some_types),
        T(test_whole_graph_filtered_edges),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
