/* Shortest paths on the traversal fixture (see support.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <newsgraph/query.h>

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

/* The paths as "id-relation-id-..." joined by " | ". */
static void describe(const ng_paths *p, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < p->count && used < size; i++) {
        const ng_path *path = &p->items[i];
        assert_int_equal(path->length, p->length);
        for (size_t h = 0; h < path->length && used < size; h++) {
            const ng_hop *hop = &path->hops[h];
            if (h > 0)
                assert_ptr_equal(hop->from, path->hops[h - 1].to);
            used += (size_t)snprintf(out + used, size - used, "%s%s-%s%s",
                                     h ? "-" : i ? " | " : "", ng_entity_id(hop->from),
                                     ng_relation_name(ng_edge_relation(hop->edge)),
                                     h + 1 == path->length ? "-" : "");
            if (h + 1 == path->length)
                used += (size_t)snprintf(out + used, size - used, "%s", ng_entity_id(hop->to));
        }
    }
}

static void expect(void **state, const char *from, const char *to, const ng_query_filter *f,
                   size_t max, const char *wanted, int truncated)
{
    ng_paths p;
    ng_error err;
    if (ng_query_paths(*state, entity(state, from), entity(state, to), f, max, &p, &err) != 0)
        fail_msg("%s", err.text);
    char got[1024];
    describe(&p, got, sizeof got);
    assert_string_equal(got, wanted);
    assert_int_equal(p.truncated, truncated);
    ng_query_paths_free(&p);
}

static void test_all_shortest_paths_in_label_order(void **state)
{
    expect(state, "alice", "estoria", NULL, 10,
           "alice-meets-bob-visits-carland-supplies-estoria | "
           "alice-meets-bob-supplies-dorvia-sanctions-estoria",
           0);
}

static void test_hops_know_their_direction(void **state)
{
    ng_paths p;
    assert_int_equal(ng_query_paths(*state, entity(state, "alice"), entity(state, "estoria"),
                                    NULL, 1, &p, NULL),
                     0);
    const ng_hop *last = &p.items[0].hops[2];
    assert_string_equal(ng_entity_id(ng_edge_source(last->edge)), "estoria");
    assert_string_equal(ng_entity_id(last->from), "carland");
    ng_query_paths_free(&p);
}

static void test_at_most_max_paths(void **state)
{
    expect(state, "alice", "estoria", NULL, 1, "alice-meets-bob-visits-carland-supplies-estoria",
           1);
}

static void test_direction(void **state)
{
    ng_query_filter f;
    ng_query_filter_init(&f);
    f.direction = NG_DIRECTION_OUT;
    expect(state, "alice", "estoria", &f, 10,
           "alice-meets-bob-supplies-dorvia-sanctions-estoria", 0);
    f.direction = NG_DIRECTION_IN;
    expect(state, "estoria", "alice", &f, 10,
           "estoria-sanctions-dorvia-supplies-bob-meets-alice", 0);
}

static void test_filters_can_lengthen_a_path(void **state)
{
    ng_query_filter f;
    ng_query_filter_init(&f);
    f.min_modality = NG_MODALITY_ALLEGED;
    expect(state, "carland", "estoria", NULL, 10, "carland-supplies-estoria", 0);
    expect(state, "carland", "estoria", &f, 10, "carland-supplies-dorvia-sanctions-estoria", 0);
}

static void test_types_apply_between_the_ends(void **state)
{
    ng_query_filter f;
    ng_query_filter_init(&f);
    f.types = NG_ENTITY_TYPE_BIT(NG_ENTITY_PERSON);
    expect(state, "fort-place", "dorvia", &f, 10,
           "fort-place-visits-alice-meets-bob-supplies-dorvia", 0);
    f.types = NG_ENTITY_TYPE_BIT(NG_ENTITY_COUNTRY);
    expect(state, "fort-place", "dorvia", &f, 10, "", 0);
}

static void test_no_path(void **state)
{
    ng_query_filter f;
    ng_query_filter_init(&f);
    f.relations = NG_RELATION_BIT(NG_RELATION_MEETS);
    ng_paths p;
    assert_int_equal(ng_query_paths(*state, entity(state, "fort-place"),
                                    entity(state, "gamma-org"), &f, 5, &p, NULL),
                     0);
    assert_int_equal(p.count, 0);
    ng_query_paths_free(&p);
}

static void test_from_an_entity_to_itself(void **state)
{
    ng_paths p;
    assert_int_equal(ng_query_paths(*state, entity(state, "bob"), entity(state, "bob"), NULL, 5,
                                    &p, NULL),
                     0);
    assert_int_equal(p.count, 1);
    assert_int_equal(p.length, 0);
    assert_int_equal(p.items[0].length, 0);
    ng_query_paths_free(&p);
}

static void test_bad_arguments(void **state)
{
    ng_paths p;
    ng_error err;
    assert_int_equal(ng_query_paths(*state, entity(state, "bob"), entity(state, "alice"), NULL,
                                    0, &p, &err),
                     NG_ERR_INVALID);
    assert_int_equal(ng_query_paths(*state, NULL, entity(state, "alice"), NULL, 1, &p, &err),
                     NG_ERR_INVALID);
    assert_int_equal(p.count, 0);
}

/* A long chain: the enumeration keeps its own stack. */
static void test_long_chain(void **state)
{
    (void)state;
    ng_graph *g = ng_graph_new(NULL);
    const ng_entity *prev = ng_graph_add_entity(g, "n0", NG_ENTITY_PLACE, NULL), *first = prev;
    for (int i = 1; i <= 20000; i++) {
        char name[16];
        snprintf(name, sizeof name, "n%d", i);
        const ng_entity *e = ng_graph_add_entity(g, name, NG_ENTITY_PLACE, NULL);
        assert_non_null(ng_graph_add_edge(g, prev, NG_RELATION_MEETS, e, NULL));
        prev = e;
    }
    ng_paths p;
    assert_int_equal(ng_query_paths(g, first, prev, NULL, 3, &p, NULL), 0);
    assert_int_equal(p.count, 1);
    assert_int_equal(p.length, 20000);
    ng_query_paths_free(&p);
    ng_graph_free(g);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_all_shortest_paths_in_label_order),
        T(test_hops_know_their_direction),
        T(test_at_most_max_paths),
        T(test_direction),
        T(test_filters_can_lengthen_a_path),
        T(test_types_apply_between_the_ends),
        T(test_no_path),
        T(test_from_an_entity_to_itself),
        T(test_bad_arguments),
        T(test_long_chain),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
