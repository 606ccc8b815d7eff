/* The DOT loader: round trips (the fixtures and random graphs, which
 * check that entities come back in the order agwrite needs), plain DOT
 * from other tools, and refusals of malformed and hostile files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <newsgraph/io.h>

#include "fixtures.h"
#include "loading.h"
#include "util/buf.h"

#define DOT NG_FORMAT_DOT

static void refused(const char *text, ng_status status, long line, const char *words)
{
    ng_test_assert_refused(DOT, text, strlen(text), status, line, words);
}

/* --- round trips ---------------------------------------------------------- */

static void summit_round_trip_is_identical(void **state)
{
    (void)state;
    ng_test_assert_round_trip(ng_fixture_summit(), DOT);
}

static void awkward_round_trip_is_identical(void **state)
{
    (void)state;
    ng_test_assert_round_trip(ng_fixture_awkward(), DOT);
}

static void random_graphs_round_trip_identically(void **state)
{
    (void)state;
    for (unsigned seed = 1; seed <= 300; seed++)
        ng_test_assert_round_trip(ng_test_random_graph(seed, 30), DOT);
}

static ng_graph *summit_read_back(void)
{
    ng_graph *g = ng_fixture_summit();
    assert_non_null(g);
    char *text = ng_test_write(g, DOT);
    ng_graph_free(g);
    g = ng_test_load(DOT, text);
    free(text);
    return g;
}

static void summit_reads_back_entities_and_edge_summaries(void **state)
{
    (void)state;
    ng_graph *g = summit_read_back();
    assert_string_equal(ng_graph_label(g), "summit fixture");
    assert_int_equal(ng_graph_entity_count(g), 7);
    assert_int_equal(ng_graph_edge_count(g), 5);
    const ng_entity *vc = ng_graph_entity_by_id(g, "vostochny-cosmodrome");
    assert_non_null(vc);
    assert_string_equal(ng_entity_label(vc), "Vostochny Cosmodrome");
    assert_int_equal(ng_entity_typeof(vc), NG_ENTITY_PLACE);
    const ng_edge *meets = ng_test_edge(g, "kim-jong-un", NG_RELATION_MEETS, "vladimir-putin");
    assert_int_equal(ng_edge_index(meets), 0);
    assert_int_equal(ng_edge_weight(meets), 2);
    const ng_evidence *best = ng_test_strongest(meets);
    assert_string_equal(best->text, "Kim Jong Un met Vladimir Putin at Vostochny.");
    assert_string_equal(best->doc, "in.graph"); /* DOT names no documents */
    const ng_edge *denied = ng_test_edge(g, "united-states", NG_RELATION_SUPPLIES, "russia");
    assert_int_equal(ng_edge_modality(denied), NG_MODALITY_DENIED);
    ng_graph_free(g);
}

/* --- other writers ---------------------------------------------------------- */

static void plain_dot_takes_names_labels_and_defaults(void **state)
{
    (void)state;
    ng_graph *g = ng_test_load(DOT, "digraph \"talks\" {\n"
                                    "  node [shape=box];\n"
                                    "  \"Kim Jong Un\" -> \"Vladimir Putin\" [label=meets];\n"
                                    "  seoul [label=\"Seoul\", type=place];\n"
                                    "  \"Kim Jong Un\" -> seoul [label=\"Visits\"];\n"
                                    "  wagner -> seoul;\n"
                                    "}\n");
    assert_int_equal(ng_graph_entity_count(g), 4);
    const ng_entity *kim = ng_graph_entity_by_id(g, "Kim Jong Un");
    assert_non_null(kim);
    assert_string_equal(ng_entity_label(kim), "Kim Jong Un");
    assert_int_equal(ng_entity_typeof(kim), NG_ENTITY_ORGANIZATION); /* no type */
    const ng_entity *seoul = ng_graph_entity_by_id(g, "seoul");
    assert_string_equal(ng_entity_label(seoul), "Seoul");
    assert_int_equal(ng_entity_typeof(seoul), NG_ENTITY_PLACE);
    ng_test_edge(g, "Kim Jong Un", NG_RELATION_MEETS, "Vladimir Putin");
    ng_test_edge(g, "Kim Jong Un", NG_RELATION_VISITS, "seoul");
    const ng_edge *plain = ng_test_edge(g, "seoul", NG_RELATION_MEETS, "wagner");
    assert_int_equal(ng_edge_weight(plain), 1);
    assert_int_equal(ng_edge_modality(plain), NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void undirected_graphs_and_subgraphs_load(void **state)
{
    (void)state;
    ng_graph *g = ng_test_load(DOT, "strict graph {\n"
                                    "  subgraph cluster_a { a -- b [relation=meets] }\n"
                                    "  b -- c [relation=sanctions, modality=planned]\n"
                                    "}\n");
    assert_int_equal(ng_graph_entity_count(g), 3);
    ng_test_edge(g, "a", NG_RELATION_MEETS, "b");
    const ng_edge *e = ng_test_edge(g, "b", NG_RELATION_SANCTIONS, "c");
    assert_int_equal(ng_edge_modality(e), NG_MODALITY_PLANNED);
    ng_graph_free(g);
}

static void keyed_edges_come_first_in_key_order(void **state)
{
    (void)state;
    ng_graph *g = ng_test_load(DOT, "digraph {\n"
                                    "  a -> b [key=e1, relation=visits];\n"
                                    "  a -> c [relation=visits];\n"
                                    "  c -> b [key=e0, relation=visits];\n"
                                    "}\n");
    assert_int_equal(ng_edge_index(ng_test_edge(g, "c", NG_RELATION_VISITS, "b")), 0);
    assert_int_equal(ng_edge_index(ng_test_edge(g, "a", NG_RELATION_VISITS, "b")), 1);
    assert_int_equal(ng_edge_index(ng_test_edge(g, "a", NG_RELATION_VISITS, "c")), 2);
    ng_graph_free(g);
}

static void parallel_edges_add_up(void **state)
{
    (void)state;
    ng_graph *g = ng_test_load(DOT, "digraph {\n"
                                    "  a -> b [relation=supplies, weight=2, modality=alleged];\n"
                                    "  a -> b [relation=supplies, weight=3, modality=denied];\n"
                                    "}\n");
    const ng_edge *e = ng_test_edge(g, "a", NG_RELATION_SUPPLIES, "b");
    assert_int_equal(ng_edge_weight(e), 5);
    assert_int_equal(ng_edge_modality(e), NG_MODALITY_ALLEGED);
    ng_graph_free(g);
}

static void long_text_in_pieces_is_read(void **state)
{
    (void)state;
    ng_buf text = {0};
    assert_int_equal(ng_buf_append_str(&text, "digraph { a -> b [evidence=\""), 0);
    for (int i = 0; i < 40; i++) /* 4 MB, cut by escaped quotes */
        assert_int_equal(ng_buf_printf(&text, "%0100000d\\\"", i), 0);
    assert_int_equal(ng_buf_append_str(&text, "\"] }\n"), 0);
    ng_graph *g = ng_test_load(DOT, text.data);
    const ng_evidence *ev = ng_test_evidence(ng_test_edge(g, "a", NG_RELATION_MEETS, "b"), 0);
    assert_int_equal(strlen(ev->text), 40 * 100001);
    ng_graph_free(g);
    ng_buf_free(&text);
}

/* --- malformed files ----------------------------------------------------------- */

static void unknown_relation_is_refused_naming_the_edge(void **state)
{
    (void)state;
    refused("digraph {\n a -> b [relation=likes]\n}\n", NG_ERR_PARSE, -1,
            "edge \"a\" -> \"b\": unknown relation \"likes\"");
}

static void unknown_modality_is_refused_naming_the_edge(void **state)
{
    (void)state;
    refused("digraph { a -> b [modality=rumoured] }", NG_ERR_PARSE, -1,
            "edge \"a\" -> \"b\": unknown modality \"rumoured\"");
}

static void weight_of_the_wrong_type_is_refused(void **state)
{
    (void)state;
    refused("digraph { a -> b [weight=abc] }", NG_ERR_PARSE, -1,
            "the weight \"abc\" is not a whole number");
}

static void edge_from_a_node_to_itself_is_refused(void **state)
{
    (void)state;
    refused("digraph { a -> a }", NG_ERR_PARSE, -1, "two different entities");
}

static void syntax_error_is_refused_with_its_line(void **state)
{
    (void)state;
    refused("digraph {\n  a -> b;\n  c -> -> d;\n}\n", NG_ERR_PARSE, 3, "syntax error");
}

static void truncated_file_is_refused_with_its_line(void **state)
{
    (void)state;
    refused("digraph {\n  a -> b [label=\"me", NG_ERR_PARSE, 2, "not valid DOT");
}

static void empty_file_is_refused(void **state)
{
    (void)state;
    ng_test_assert_refused(DOT, "", 0, NG_ERR_PARSE, -1, "no graph");
}

static void second_graph_is_refused(void **state)
{
    (void)state;
    refused("digraph { a -> b }\ndigraph { c }\ndigraph { d }\n", NG_ERR_PARSE, -1,
            "more than one graph");
}

static void trailing_garbage_is_refused_with_its_line(void **state)
{
    (void)state;
    refused("digraph { a -> b }\n\n}}}\n", NG_ERR_PARSE, 3, "syntax error");
}

static void repeated_statements_are_one_node_and_one_edge(void **state)
{
    (void)state;
    ng_graph *g = ng_test_load(DOT, "digraph { a [type=person]; a; a -> b [key=e0]; "
                                    "a -> b [key=e0, relation=visits] }");
    assert_int_equal(ng_graph_entity_count(g), 2);
    assert_int_equal(ng_graph_edge_count(g), 1);
    ng_test_edge(g, "a", NG_RELATION_VISITS, "b");
    ng_graph_free(g);
}

static void invalid_utf8_is_refused_with_its_place(void **state)
{
    (void)state;
    ng_error err;
    static const char text[] = "digraph {\n  a -> \"B\xc3\x28\"\n}\n";
    ng_test_assert_refused(DOT, text, strlen(text), NG_ERR_PARSE, 2, "invalid UTF-8");
    assert_null(ng_test_read(DOT, text, strlen(text), &err));
    assert_int_equal(err.column, 11);
}

static void nul_byte_is_refused_with_its_line(void **state)
{
    (void)state;
    static const char text[] = "digraph {\n a -> b [label=\"x\0y\"]\n}\n";
    ng_test_assert_refused(DOT, text, sizeof text - 1, NG_ERR_PARSE, 2, "NUL");
}

static void unreadable_stream_is_an_io_error(void **state)
{
    (void)state;
    FILE *out = fopen("/dev/null", "w"); /* reading it fails */
    assert_non_null(out);
    ng_error err;
    assert_null(ng_io_read(DOT, out, "out", &err));
    assert_int_equal(err.status, NG_ERR_IO);
    fclose(out);
}

/* --- hostile files ------------------------------------------------------------ */

static void deep_nesting_is_refused(void **state)
{
    (void)state;
    ng_buf text = {0};
    assert_int_equal(ng_buf_append_str(&text, "digraph {\n"), 0);
    for (int i = 0; i < 100000; i++)
        assert_int_equal(ng_buf_append_str(&text, "subgraph { "), 0);
    ng_test_assert_refused(DOT, text.data, text.len, NG_ERR_PARSE, 2, "not valid DOT");
    ng_buf_free(&text);
}

static void huge_string_fails_with_limit(void **state)
{
    (void)state;
    size_t len;
    char *text = ng_test_big_text("digraph {\n a -> b [evidence=\"", 'x', 50000000, "\"]\n}\n",
                                  &len);
    ng_test_assert_refused(DOT, text, len, NG_ERR_LIMIT, 2, "longer than");
    free(text);
}

static void huge_name_fails_with_limit(void **state)
{
    (void)state;
    size_t len;
    char *text = ng_test_big_text("digraph {\n\n a -> ", 'x', 50000000, "\n}\n", &len);
    ng_test_assert_refused(DOT, text, len, NG_ERR_LIMIT, 3, "longer than");
    free(text);
}

static void huge_comment_fails_with_limit(void **state)
{
    (void)state;
    size_t len;
    char *text = ng_test_big_text("digraph { /* ", 'x', 50000000, " */ }\n", &len);
    ng_test_assert_refused(DOT, text, len, NG_ERR_LIMIT, 1, "longer than");
    free(text);
}

/* cgraph's scanner keeps what it has buffered of one read for the next:
 * every refusal must leave it clean. */
static void reading_after_a_refusal_starts_afresh(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "digraph { a -> b }\ndigraph { c -> d }\n",
        "digraph { a -> b }\n}}}\n digraph { x }",
        "digraph { a -> \"b\xff\" }",
        "digraph { a -> ",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ng_error err;
        assert_null(ng_test_read(DOT, bad[i], strlen(bad[i]), &err));
        ng_test_assert_round_trip(ng_fixture_summit(), DOT);
    }
}

static void refusals_print_nothing(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "digraph { a -> -> b }",
        "digraph { 1a -> b [label=\"x\"]; }", /* cgraph warns about "1a" */
        "digraph { a -> b [relation=likes] }",
        "digraph { a -> \"\xc3\" }",
    };
    ng_test_stderr_begin();
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ng_error err;
        ng_graph_free(ng_test_read(DOT, bad[i], strlen(bad[i]), &err));
    }
    char *printed = ng_test_stderr_end();
    assert_string_equal(printed, "");
    free(printed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(summit_round_trip_is_identical),
        cmocka_unit_test(awkward_round_trip_is_identical),
        cmocka_unit_test(random_graphs_round_trip_identically),
        cmocka_unit_test(summit_reads_back_entities_and_edge_summaries),
        cmocka_unit_test(plain_dot_takes_names_labels_and_defaults),
        cmocka_unit_test(undirected_graphs_and_subgraphs_load),
        cmocka_unit_test(keyed_edges_come_first_in_key_order),
        cmocka_unit_test(parallel_edges_add_up),
        cmocka_unit_test(long_text_in_pieces_is_read),
        cmocka_unit_test(unknown_relation_is_refused_naming_the_edge),
        cmocka_unit_test(unknown_modality_is_refused_naming_the_edge),
        cmocka_unit_test(weight_of_the_wrong_type_is_refused),
        cmocka_unit_test(edge_from_a_node_to_itself_is_refused),
        cmocka_unit_test(syntax_error_is_refused_with_its_line),
        cmocka_unit_test(truncated_file_is_refused_with_its_line),
        cmocka_unit_test(empty_file_is_refused),
        cmocka_unit_test(second_graph_is_refused),
        cmocka_unit_test(trailing_garbage_is_refused_with_its_line),
        cmocka_unit_test(repeated_statements_are_one_node_and_one_edge),
        cmocka_unit_test(invalid_utf8_is_refused_with_its_place),
        cmocka_unit_test(nul_byte_is_refused_with_its_line),
        cmocka_unit_test(unreadable_stream_is_an_io_error),
        cmocka_unit_test(deep_nesting_is_refused),
        cmocka_unit_test(huge_string_fails_with_limit),
        cmocka_unit_test(huge_name_fails_with_limit),
        cmocka_unit_test(huge_comment_fails_with_limit),
        cmocka_unit_test(reading_after_a_refusal_starts_afresh),
        cmocka_unit_test(refusals_print_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
