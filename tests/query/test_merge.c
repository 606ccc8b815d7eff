/* Merging: the laws (commutative, associative, canonical, shards merge
 * into the whole), round trips through JSON, and how entities, documents
 * and evidence are combined. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <newsgraph/io.h>
#include <newsgraph/query.h>

#include "fixtures.h"
#include "support.h"

static ng_graph *shard(const char *doc)
{
    ng_graph *g = test_graph_of(test_traversal_facts, test_traversal_fact_count, doc, 0);
    assert_non_null(g);
    return g;
}

static ng_graph *merge2(const ng_graph *a, const ng_graph *b)
{
    const ng_graph *both[] = {a, b};
    ng_error err;
    ng_graph *m = ng_graph_merge(both, 2, &err);
    if (!m)
        fail_msg("%s", err.text);
    return m;
}

static ng_graph *merge1(const ng_graph *a)
{
    ng_graph *m = ng_graph_merge(&a, 1, NULL);
    assert_non_null(m);
    return m;
}

/* Asserts that two graphs export the same JSON, and frees them. */
static void assert_same_json(ng_graph *a, ng_graph *b)
{
    char *ja = test_json_of(a), *jb = test_json_of(b);
    assert_non_null(ja);
    assert_non_null(jb);
    assert_string_equal(ja, jb);
    free(ja);
    free(jb);
    ng_graph_free(a);
    ng_graph_free(b);
}

/* --- laws ------------------------------------------------------------------ */

static void test_commutative(void **state)
{
    (void)state;
    ng_graph *a = shard("one.txt"), *b = shard("two.txt");
    assert_same_json(merge2(a, b), merge2(b, a));
    ng_graph_free(a);
    ng_graph_free(b);
}

static void test_associative(void **state)
{
    (void)state;
    ng_graph *a = shard("one.txt"), *b = shard("two.txt"), *c = shard("three.txt");
    ng_graph *ab = merge2(a, b), *bc = merge2(b, c);
    assert_same_json(merge2(ab, c), merge2(a, bc));
    const ng_graph *all[] = {c, a, b};
    assert_same_json(ng_graph_merge(all, 3, NULL), merge2(ab, c));
    ng_graph_free(ab);
    ng_graph_free(bc);
    ng_graph_free(a);
    ng_graph_free(b);
    ng_graph_free(c);
}

static void test_shards_merge_into_the_whole(void **state)
{
    (void)state;
    ng_graph *whole = test_graph_of(test_traversal_facts, test_traversal_fact_count, NULL, 1);
    ng_graph *a = shard("one.txt"), *b = shard("two.txt"), *c = shard("three.txt");
    const ng_graph *parts[] = {a, b, c};
    assert_same_json(ng_graph_merge(parts, 3, NULL), merge1(whole));
    ng_graph_free(whole);
    ng_graph_free(a);
    ng_graph_free(b);
    ng_graph_free(c);
}

static void test_canonical_form_is_a_fixed_point(void **state)
{
    (void)state;
    ng_graph *g = ng_fixture_summit();
    ng_graph *once = merge1(g);
    assert_same_json(merge1(once), once);
    ng_graph_free(g);
}

/* Insertion order does not show in the canonical form. */
static void test_canonical_form_ignores_insertion_order(void **state)
{
    (void)state;
    ng_graph *fwd = test_graph_of(test_traversal_facts, test_traversal_fact_count, NULL, 0);
    ng_graph *back = test_graph_of(test_traversal_facts, test_traversal_fact_count, NULL, 1);
    assert_same_json(merge1(fwd), merge1(back));
    ng_graph_free(fwd);
    ng_graph_free(back);
}

static void test_sorted_by_id(void **state)
{
    (void)state;
    ng_graph *g = test_graph_of(test_traversal_facts, test_traversal_fact_count, NULL, 1);
    ng_graph *m = merge1(g);
    for (size_t i = 1; i < ng_graph_entity_count(m); i++)
        assert_true(strcmp(ng_entity_id(ng_graph_entity_at(m, i - 1)),
                           ng_entity_id(ng_graph_entity_at(m, i))) < 0);
    assert_string_equal(ng_entity_id(ng_edge_source(ng_graph_edge_at(m, 0))), "alice");
    assert_string_equal(ng_graph_document_at(m, 0)->name, "one.txt");
    assert_string_equal(ng_graph_document_at(m, 1)->name, "three.txt");
    const ng_entity *alice = ng_graph_entity_by_id(m, "alice");
    assert_string_equal(ng_entity_doc_at(alice, 0), "one.txt");
    assert_string_equal(ng_entity_doc_at(alice, 1), "three.txt");
    ng_graph_free(m);
    ng_graph_free(g);
}

/* --- round trips ----------------------------------------------------------- */

static ng_graph *from_json(const char *text)
{
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(f);
    ng_error err;
    ng_graph *g = ng_io_read(NG_FORMAT_JSON, f, "memory", &err);
    fclose(f);
    if (!g)
        fail_msg("%s", err.text);
    return g;
}

static void test_round_trip_through_json(void **state)
{
    (void)state;
    ng_graph *a = shard("one.txt"), *b = shard("three.txt");
    ng_graph *m = merge2(a, b);
    char *text = test_json_of(m);
    ng_graph *back = from_json(text);
    assert_same_json(merge1(back), m);
    ng_graph *again = from_json(text);
    char *text2 = test_json_of(again);
    assert_string_equal(text, text2);
    free(text);
    free(text2);
    ng_graph_free(back);
    ng_graph_free(again);
    ng_graph_free(a);
    ng_graph_free(b);
}

static void test_merging_saved_graphs_equals_merging_in_memory(void **state)
{
    (void)state;
    ng_graph *a = shard("one.txt"), *b = shard("two.txt");
    char *ja = test_json_of(a), *jb = test_json_of(b);
    ng_graph *ra = from_json(ja), *rb = from_json(jb);
    assert_same_json(merge2(ra, rb), merge2(a, b));
    free(ja);
    free(jb);
    ng_graph_free(ra);
    ng_graph_free(rb);
    ng_graph_free(a);
    ng_graph_free(b);
}

/* --- entities -------------------------------------------------------------- */

static const ng_entity *person(ng_graph *g, const char *label, const char *alias)
{
    const ng_entity *e = ng_graph_add_entity(g, label, NG_ENTITY_PERSON, NULL);
    assert_non_null(e);
    if (alias)
        assert_int_equal(ng_graph_add_alias(g, e, alias, NULL), 0);
    assert_int_equal(ng_graph_add_mentions(g, e, "x.txt", 2, NULL), 0);
    return e;
}

static void link(ng_graph *g, const ng_entity *a, ng_relation r, const ng_entity *b,
                 const char *place)
{
    const ng_edge *e = ng_graph_add_edge(g, a, r, b, NULL);
    assert_non_null(e);
    ng_evidence ev = {"x.txt", 1, 0, 10, "Some sentence.", "met", NG_MODALITY_ASSERTED,
                      "2024-01-01", place, NULL};
    assert_int_equal(ng_graph_add_evidence(g, e, &ev, NULL), 0);
}

static void test_short_name_joins_the_one_entity_it_is_an_alias_of(void **state)
{
    (void)state;
    ng_graph *a = ng_graph_new(NULL), *b = ng_graph_new(NULL);
    const ng_entity *liu = person(a, "Liu", NULL), *full = person(a, "Liu Guozhong", NULL);
    const ng_entity *pyongyang = ng_graph_add_entity(a, "Pyongyang", NG_ENTITY_PLACE, NULL);
    link(a, liu, NG_RELATION_VISITS, pyongyang, NULL);
    link(a, liu, NG_RELATION_MEETS, full, NULL);
    person(b, "Liu Guozhong", "Liu");
    ng_graph *m = merge2(a, b);
    assert_int_equal(ng_graph_entity_count(m), 2);
    const ng_entity *e = ng_graph_entity_by_id(m, "liu-guozhong");
    assert_non_null(e);
    assert_null(ng_graph_entity_by_id(m, "liu"));
    assert_string_equal(ng_entity_label(e), "Liu Guozhong");
    assert_int_equal(ng_entity_alias_count(e), 1);
    assert_string_equal(ng_entity_alias_at(e, 0), "Liu");
    assert_int_equal(ng_entity_mentions(e), 6);
    assert_int_equal(ng_graph_edge_count(m), 1); /* Liu meets Liu Guozhong is gone */
    assert_ptr_equal(ng_edge_source(ng_graph_edge_at(m, 0)), e);
    assert_same_json(m, merge2(b, a));
    ng_graph_free(a);
    ng_graph_free(b);
}

static void test_ambiguous_short_name_stays_apart(void **state)
{
    (void)state;
    ng_graph *a = ng_graph_new(NULL), *b = ng_graph_new(NULL), *c = ng_graph_new(NULL);
    person(a, "Kim", NULL);
    person(b, "Kim Jong Un", "Kim");
    person(c, "Kim Jong Il", "Kim");
    const ng_graph *all[] = {a, b, c};
    ng_graph *m = ng_graph_merge(all, 3, NULL);
    assert_int_equal(ng_graph_entity_count(m), 3);
    assert_non_null(ng_graph_entity_by_id(m, "kim"));
    ng_graph_free(m);
    ng_graph_free(a);
    ng_graph_free(b);
    ng_graph_free(c);
}

static void test_aliases_are_not_compared_with_aliases(void **state)
{
    (void)state;
    ng_graph *a = ng_graph_new(NULL), *b = ng_graph_new(NULL);
    person(a, "Kim Jong Un", "leader");
    person(b, "Vladimir Putin", "leader");
    ng_graph *m = merge2(a, b);
    assert_int_equal(ng_graph_entity_count(m), 2);
    ng_graph_free(m);
    ng_graph_free(a);
    ng_graph_free(b);
}

static void test_same_id_different_labels(void **state)
{
    (void)state;
    ng_graph *a = ng_graph_new(NULL), *b = ng_graph_new(NULL);
    person(a, "Kim Jong-un", "Mr Kim");
    person(b, "Kim Jong Un", NULL);
    ng_graph *m = merge2(a, b);
    assert_int_equal(ng_graph_entity_count(m), 1);
    const ng_entity *e = ng_graph_entity_at(m, 0);
    assert_string_equal(ng_entity_id(e), "kim-jong-un");
    assert_string_equal(ng_entity_label(e), "Kim Jong Un");
    assert_int_equal(ng_entity_alias_count(e), 2);
    assert_string_equal(ng_entity_alias_at(e, 0), "Kim Jong-un");
    assert_string_equal(ng_entity_alias_at(e, 1), "Mr Kim");
    assert_same_json(m, merge2(b, a));
    ng_graph_free(a);
    ng_graph_free(b);
}

static void test_same_id_different_types(void **state)
{
    (void)state;
    ng_graph *a = ng_graph_new(NULL), *b = ng_graph_new(NULL), *c = ng_graph_new(NULL);
    assert_non_null(ng_graph_add_entity(a, "Georgia", NG_ENTITY_PLACE, NULL));
    assert_non_null(ng_graph_add_entity(b, "Georgia", NG_ENTITY_COUNTRY, NULL));
    assert_non_null(ng_graph_add_entity(c, "Georgia", NG_ENTITY_COUNTRY, NULL));
    assert_non_null(ng_graph_add_entity(c, "Georgia", NG_ENTITY_PLACE, NULL)); /* georgia-place */
    ng_graph *m = merge2(a, b);
    assert_int_equal(ng_graph_entity_count(m), 2);
    assert_int_equal(ng_entity_typeof(ng_graph_entity_by_id(m, "georgia")), NG_ENTITY_COUNTRY);
    assert_int_equal(ng_entity_typeof(ng_graph_entity_by_id(m, "georgia-place")),
                     NG_ENTITY_PLACE);
    ng_graph *mc = merge2(m, c);
    assert_int_equal(ng_graph_entity_count(mc), 2);
    assert_same_json(mc, merge2(c, m));
    assert_same_json(m, merge2(b, a));
    ng_graph_free(a);
    ng_graph_free(b);
    ng_graph_free(c);
}

/* --- documents, evidence, label -------------------------------------------- */

static void test_documents_keep_earliest_date_and_most_sentences(void **state)
{
    (void)state;
    ng_graph *g[3];
    ng_docinfo d[3] = {{"x.txt", NULL, 3}, {"x.txt", "2023-01-02", 5}, {"x.txt", "2022-12-31", 4}};
    for (int i = 0; i < 3; i++) {
        g[i] = ng_graph_new(NULL);
        assert_int_equal(ng_graph_add_document(g[i], &d[i], NULL), 0);
        assert_int_equal(ng_graph_set_label(g[i], i == 2 ? "other" : "same", NULL), 0);
    }
    ng_graph *m = merge2(g[0], g[1]);
    assert_string_equal(ng_graph_label(m), "same");
    const ng_graph *all[] = {g[1], g[2], g[0]};
    ng_graph *m3 = ng_graph_merge(all, 3, NULL);
    assert_int_equal(ng_graph_document_count(m3), 1);
    assert_string_equal(ng_graph_document_at(m3, 0)->date, "2022-12-31");
    assert_int_equal(ng_graph_document_at(m3, 0)->sentences, 5);
    assert_string_equal(ng_graph_label(m3), "");
    ng_graph_free(m);
    ng_graph_free(m3);
    for (int i = 0; i < 3; i++)
        ng_graph_free(g[i]);
}

static void test_evidence_is_deduplicated_and_places_follow_ids(void **state)
{
    (void)state;
    ng_graph *a = ng_graph_new(NULL), *b = ng_graph_new(NULL);
    const ng_entity *ka = person(a, "Kim Jong Un", NULL), *kb = person(b, "Kim Jong Un", NULL);
    const ng_entity *va = ng_graph_add_entity(a, "Vostochny", NG_ENTITY_PLACE, NULL);
    const ng_entity *vb = ng_graph_add_entity(b, "Vostochny Cosmodrome", NG_ENTITY_PLACE, NULL);
    assert_int_equal(ng_graph_add_alias(b, vb, "Vostochny", NULL), 0);
    link(a, ka, NG_RELATION_VISITS, va, "vostochny");
    link(b, kb, NG_RELATION_VISITS, vb, "vostochny-cosmodrome");
    ng_graph *m = merge2(a, b);
    assert_int_equal(ng_graph_edge_count(m), 1);
    const ng_edge *e = ng_graph_edge_at(m, 0);
    assert_int_equal(ng_edge_weight(e), 1);
    assert_string_equal(ng_test_evidence(e, 0)->place, "vostochny-cosmodrome");
    ng_graph_free(m);
    ng_graph_free(a);
    ng_graph_free(b);
}

static void test_merging_a_graph_with_itself_keeps_its_evidence(void **state)
{
    (void)state;
    ng_graph *g = ng_fixture_summit();
    ng_graph *m = merge2(g, g);
    assert_int_equal(ng_graph_edge_count(m), ng_graph_edge_count(g));
    assert_int_equal(ng_graph_entity_count(m), ng_graph_entity_count(g));
    const ng_entity *kim = ng_graph_entity_by_id(m, "kim-jong-un");
    const ng_entity *putin = ng_graph_entity_by_id(m, "vladimir-putin");
    assert_int_equal(ng_edge_weight(ng_graph_find_edge(m, kim, NG_RELATION_MEETS, putin)), 2);
    assert_int_equal(ng_entity_mentions(kim), 8); /* mentions add up */
    ng_graph_free(m);
    ng_graph_free(g);
}

/* Edges loaded from GraphML or DOT declare their weight and modality
 * rather than carry every record: merging and subgraphs keep them. */
static void test_declared_summaries_survive_merge_and_subgraph(void **state)
{
    (void)state;
    ng_graph *g = ng_graph_new(NULL);
    const ng_entity *a = ng_graph_add_entity(g, "North Korea", NG_ENTITY_COUNTRY, NULL);
    const ng_entity *b = ng_graph_add_entity(g, "Russia", NG_ENTITY_COUNTRY, NULL);
    const ng_edge *e = ng_graph_add_edge(g, a, NG_RELATION_SUPPLIES, b, NULL);
    assert_int_equal(ng_graph_set_edge_summary(g, e, 7, NG_MODALITY_PLANNED, NULL), 0);

    const ng_graph *inputs[] = {g};
    ng_graph *merged = ng_graph_merge(inputs, 1, NULL);
    ng_graph *sub = ng_query_subgraph(g, NULL, 0, NULL, 0, NULL, NULL);
    for (int k = 0; k < 2; k++) {
        const ng_graph *out = k ? sub : merged;
        assert_non_null(out);
        assert_int_equal(ng_graph_edge_count(out), 1);
        const ng_edge *copy = ng_graph_edge_at(out, 0);
        assert_int_equal(ng_edge_weight(copy), 7);
        assert_int_equal(ng_edge_modality(copy), NG_MODALITY_PLANNED);
    }
    ng_graph_free(merged);
    ng_graph_free(sub);
    ng_graph_free(g);
}

static void test_nothing_to_merge(void **state)
{
    (void)state;
    ng_graph *m = ng_graph_merge(NULL, 0, NULL);
    assert_non_null(m);
    assert_int_equal(ng_graph_entity_count(m), 0);
    ng_graph_free(m);
    const ng_graph *none[] = {NULL};
    ng_error err;
    assert_null(ng_graph_merge(none, 1, &err));
    assert_int_equal(err.status, NG_ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commutative),
        cmocka_unit_test(test_associative),
        cmocka_unit_test(test_shards_merge_into_the_whole),
        cmocka_unit_test(test_canonical_form_is_a_fixed_point),
        cmocka_unit_test(test_canonical_form_ignores_insertion_order),
        cmocka_unit_test(test_sorted_by_id),
        cmocka_unit_test(test_round_trip_through_json),
        cmocka_unit_test(test_merging_saved_graphs_equals_merging_in_memory),
        cmocka_unit_test(test_short_name_joins_the_one_entity_it_is_an_alias_of),
        cmocka_unit_test(test_ambiguous_short_name_stays_apart),
        cmocka_unit_test(test_aliases_are_not_compared_with_aliases),
        cmocka_unit_test(test_same_id_different_labels),
        cmocka_unit_test(test_same_id_different_types),
        cmocka_unit_test(test_documents_keep_earliest_date_and_most_sentences),
        cmocka_unit_test(test_evidence_is_deduplicated_and_places_follow_ids),
        cmocka_unit_test(test_merging_a_graph_with_itself_keeps_its_evidence),
        cmocka_unit_test(test_declared_summaries_survive_merge_and_subgraph),
        cmocka_unit_test(test_nothing_to_merge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
