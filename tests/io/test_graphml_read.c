/* The GraphML loader: round trips, the dialects of NetworkX, igraph and
 * yEd (samples in data/: networkx.graphml and igraph.graphml written by
 * nx.write_graphml of NetworkX 2.8.8 and Graph.write_graphml of
 * python-igraph 0.10.2, yed.graphml by hand in the form yEd 3 saves; the
 * installed libraries are checked by check_loaders_external.py), and
 * refusals of malformed and hostile files that name the file and line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <newsgraph/io.h>

#include "fixtures.h"
#include "loading.h"
#include "util/buf.h"

#define GRAPHML NG_FORMAT_GRAPHML

/* A document whose body starts on line 8: two lines of header, four keys,
 * the graph element. */
#define HEAD                                                                           \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                     \
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"                     \
    "<key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"    \
    "<key id=\"relation\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n" \
    "<key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"int\"/>\n"     \
    "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"        \
    "<graph edgedefault=\"directed\">\n"
#define TAIL "</graph>\n</graphml>\n"
#define DOC(body) HEAD body TAIL
/* Two nodes, on lines 8 and 9. */
#define NODES "<node id=\"a\"/>\n<node id=\"b\"/>\n"

static void refused(const char *text, ng_status status, long line, const char *words)
{
    ng_test_assert_refused(GRAPHML, text, strlen(text), status, line, words);
}

/* --- round trips ---------------------------------------------------------- */

static void summit_round_trip_is_identical(void **state)
{
    (void)state;
    ng_test_assert_round_trip(ng_fixture_summit(), GRAPHML);
}

static void awkward_round_trip_is_identical(void **state)
{
    (void)state;
    ng_test_assert_round_trip(ng_fixture_awkward(), GRAPHML);
}

static void random_graphs_round_trip_identically(void **state)
{
    (void)state;
    for (unsigned seed = 1; seed <= 300; seed++)
        ng_test_assert_round_trip(ng_test_random_graph(seed, 12), GRAPHML);
}

static ng_graph *summit_read_back(void)
{
    ng_graph *g = ng_fixture_summit();
    assert_non_null(g);
    char *text = ng_test_write(g, GRAPHML);
    ng_graph_free(g);
    g = ng_test_load(GRAPHML, text);
    free(text);
    return g;
}

static void summit_reads_back_entities_as_they_were(void **state)
{
    (void)state;
    ng_graph *g = summit_read_back();
    assert_string_equal(ng_graph_label(g), "summit fixture");
    assert_int_equal(ng_graph_entity_count(g), 7);
    const ng_entity *kim = ng_graph_entity_at(g, 0);
    assert_string_equal(ng_entity_id(kim), "kim-jong-un");
    assert_string_equal(ng_entity_label(kim), "Kim Jong Un");
    assert_int_equal(ng_entity_typeof(kim), NG_ENTITY_PERSON);
    assert_int_equal(ng_entity_alias_count(kim), 2);
    assert_string_equal(ng_entity_alias_at(kim, 1), "Mr Kim");
    assert_int_equal(ng_entity_mentions(kim), 4);
    assert_int_equal(ng_entity_doc_count(kim), 2);
    assert_int_equal(ng_entity_typeof(ng_graph_entity_by_id(g, "un-security-council")),
                     NG_ENTITY_ORGANIZATION);
    ng_graph_free(g);
}

static void summit_reads_back_edge_summaries(void **state)
{
    (void)state;
    ng_graph *g = summit_read_back();
    assert_int_equal(ng_graph_edge_count(g), 5);
    const ng_edge *meets = ng_test_edge(g, "kim-jong-un", NG_RELATION_MEETS, "vladimir-putin");
    assert_int_equal(ng_edge_weight(meets), 2);
    assert_int_equal(ng_edge_modality(meets), NG_MODALITY_ASSERTED);
    assert_int_equal(ng_edge_evidence_count(meets), 2); /* one per document */
    const ng_evidence *best = ng_test_strongest(meets);
    assert_string_equal(best->doc, "a.txt");
    assert_string_equal(best->text, "Kim Jong Un met Vladimir Putin at Vostochny.");
    assert_string_equal(best->trigger, "met");
    assert_int_equal(best->sentence, 0);
    assert_int_equal(best->start, -1);
    const ng_edge *arms = ng_test_edge(g, "north-korea", NG_RELATION_SUPPLIES, "russia");
    assert_int_equal(ng_edge_modality(arms), NG_MODALITY_ALLEGED);
    assert_string_equal(ng_test_evidence(arms, 0)->item, "artillery shells");
    ng_graph_free(g);
}

/* --- other writers ----------------------------------------------------------- */

static void networkx_names_types_and_parallel_edges_are_read(void **state)
{
    (void)state;
    ng_graph *g = ng_test_load_data(GRAPHML, "networkx.graphml");
    assert_string_equal(ng_graph_label(g), "networkx sample");
    assert_int_equal(ng_graph_entity_count(g), 5);
    const ng_entity *kim = ng_graph_entity_by_id(g, "kim-jong-un");
    assert_non_null(kim);
    assert_string_equal(ng_entity_label(kim), "Kim Jong Un"); /* the node's id */
    assert_int_equal(ng_entity_typeof(kim), NG_ENTITY_PERSON);
    assert_int_equal(ng_entity_typeof(ng_graph_entity_by_id(g, "north-korea")),
                     NG_ENTITY_COUNTRY); /* from "kind" */
    assert_int_equal(ng_entity_typeof(ng_graph_entity_by_id(g, "wagner-group")),
                     NG_ENTITY_ORGANIZATION); /* no type */
    assert_int_equal(ng_graph_edge_count(g), 4);
    assert_int_equal(ng_edge_weight(ng_test_edge(g, "kim-jong-un", NG_RELATION_MEETS,
                                                 "vladimir-putin")),
                     3);
    const ng_edge *arms = ng_test_edge(g, "north-korea", NG_RELATION_SUPPLIES, "russia");
    assert_int_equal(ng_edge_weight(arms), 3); /* two parallel edges, 1 + 2 */
    assert_int_equal(ng_edge_modality(arms), NG_MODALITY_ASSERTED);
    ng_test_edge(g, "vladimir-putin", NG_RELATION_VISITS, "north-korea"); /* "label" */
    assert_int_equal(ng_edge_weight(ng_test_edge(g, "russia", NG_RELATION_MEETS, "wagner-group")),
                     1); /* no relation: meets, once */
    ng_graph_free(g);
}

static void igraph_names_and_numbers_are_read(void **state)
{
    (void)state;
    ng_graph *g = ng_test_load_data(GRAPHML, "igraph.graphml");
    assert_int_equal(ng_graph_entity_count(g), 4);
    const ng_entity *xi = ng_graph_entity_at(g, 0);
    assert_string_equal(ng_entity_label(xi), "Xi Jinping"); /* "name" */
    assert_int_equal(ng_entity_mentions(xi), 3);            /* a double, 3 */
    assert_int_equal(ng_entity_typeof(ng_graph_entity_by_id(g, "beijing")), NG_ENTITY_PLACE);
    assert_int_equal(ng_entity_typeof(ng_graph_entity_by_id(g, "huawei")),
                     NG_ENTITY_ORGANIZATION); /* "company" is no entity type */
    assert_int_equal(ng_edge_weight(ng_test_edge(g, "xi-jinping", NG_RELATION_VISITS, "beijing")),
                     2);
    ng_test_edge(g, "united-states", NG_RELATION_SANCTIONS, "huawei");
    ng_test_edge(g, "united-states", NG_RELATION_MEETS, "xi-jinping");
    ng_graph_free(g);
}

static void yed_labels_defaults_and_groups_are_read(void **state)
{
    (void)state;
    ng_graph *g = ng_test_load_data(GRAPHML, "yed.graphml");
    assert_int_equal(ng_graph_entity_count(g), 4);
    const ng_entity *kim = ng_graph_entity_by_id(g, "kim-jong-un");
    assert_non_null(kim);
    assert_int_equal(ng_entity_typeof(kim), NG_ENTITY_PERSON); /* the key's default */
    assert_int_equal(ng_entity_typeof(ng_graph_entity_by_id(g, "russia")), NG_ENTITY_COUNTRY);
    const ng_entity *putin = ng_graph_entity_by_id(g, "vladimir-putin"); /* in the group */
    assert_non_null(putin);
    assert_string_equal(ng_entity_label(putin), "Vladimir Putin"); /* trimmed */
    const ng_entity *place = ng_graph_entity_by_id(g, "vostochny-cosmodrome");
    assert_non_null(place); /* the first label that is not blank */
    assert_int_equal(ng_entity_typeof(place), NG_ENTITY_PLACE);
    ng_test_edge(g, "kim-jong-un", NG_RELATION_MEETS, "vladimir-putin");
    ng_test_edge(g, "kim-jong-un", NG_RELATION_VISITS, "vostochny-cosmodrome"); /* "Visits" */
    ng_test_edge(g, "kim-jong-un", NG_RELATION_MEETS, "russia"); /* unlabelled */
    ng_graph_free(g);
}

static void edges_may_come_before_their_nodes(void **state)
{
    (void)state;
    ng_graph *g = ng_test_load(GRAPHML, DOC("<edge source=\"a\" target=\"b\">"
                                            "<data key=\"relation\">visits</data></edge>\n" NODES));
    assert_int_equal(ng_graph_entity_count(g), 2);
    ng_test_edge(g, "a", NG_RELATION_VISITS, "b");
    ng_graph_free(g);
}

/* --- summaries as evidence ------------------------------------------------- */

#define SUMMARY_KEYS                                                                 \
    "<key id=\"docs\" for=\"edge\" attr.name=\"docs\" attr.type=\"string\"/>\n"     \
    "<key id=\"items\" for=\"edge\" attr.name=\"items\" attr.type=\"string\"/>\n"   \
    "<key id=\"evidence\" for=\"edge\" attr.name=\"evidence\" attr.type=\"string\"/>\n"

static ng_graph *load_summary(const char *data)
{
    ng_buf text = {0};
    assert_int_equal(ng_buf_printf(&text,
                                   "<graphml>\n" SUMMARY_KEYS
                                   "<key id=\"relation\" for=\"edge\" attr.name=\"relation\"/>\n"
                                   "<graph>" NODES "<edge source=\"a\" target=\"b\">"
                                   "<data key=\"relation\">supplies</data>%s</edge>"
                                   "</graph></graphml>",
                                   data),
                     0);
    ng_graph *g = ng_test_load(GRAPHML, text.data);
    ng_buf_free(&text);
    return g;
}

static void items_beyond_the_documents_go_to_the_last_record(void **state)
{
    (void)state;
    ng_graph *g = load_summary("<data key=\"docs\">a.txt | b.txt</data>"
                               "<data key=\"items\">oil | wheat | gas</data>");
    const ng_edge *e = ng_test_edge(g, "a", NG_RELATION_SUPPLIES, "b");
    assert_int_equal(ng_edge_evidence_count(e), 2);
    assert_string_equal(ng_test_evidence(e, 0)->item, "oil");
    assert_string_equal(ng_test_evidence(e, 1)->doc, "b.txt");
    assert_string_equal(ng_test_evidence(e, 1)->item, "wheat | gas");
    ng_test_assert_round_trip(g, GRAPHML);
}

static void a_sentence_without_documents_is_filed_under_the_file(void **state)
{
    (void)state;
    ng_graph *g = load_summary("<data key=\"evidence\">A sent oil to B.</data>");
    const ng_edge *e = ng_test_edge(g, "a", NG_RELATION_SUPPLIES, "b");
    assert_int_equal(ng_edge_evidence_count(e), 1);
    assert_string_equal(ng_test_evidence(e, 0)->doc, "in.graph");
    assert_string_equal(ng_test_evidence(e, 0)->text, "A sent oil to B.");
    ng_graph_free(g);
}

/* --- malformed files ----------------------------------------------------------- */

static void unknown_relation_is_refused_with_its_line(void **state)
{
    (void)state;
    refused(DOC(NODES "<edge source=\"a\" target=\"b\">\n"
                      "<data key=\"relation\">likes</data></edge>\n"),
            NG_ERR_PARSE, 11, "unknown relation \"likes\"");
}

static void unknown_modality_is_refused_with_its_line(void **state)
{
    (void)state;
    refused("<graphml><key id=\"m\" for=\"edge\" attr.name=\"modality\"/><graph>\n" NODES
            "<edge source=\"a\" target=\"b\"><data key=\"m\">rumoured</data></edge>\n"
            "</graph></graphml>",
            NG_ERR_PARSE, 4, "unknown modality \"rumoured\"");
}

static void value_of_the_wrong_type_is_refused_with_its_line(void **state)
{
    (void)state;
    refused(DOC(NODES "<edge source=\"a\" target=\"b\"><data key=\"weight\">abc</data></edge>\n"),
            NG_ERR_PARSE, 10, "key \"weight\" holds an integer, not \"abc\"");
}

static void fractional_weight_is_refused(void **state)
{
    (void)state;
    refused(DOC(NODES "<edge source=\"a\" target=\"b\"><data key=\"w\">2.5</data></edge>\n"),
            NG_ERR_PARSE, 10, "weight \"2.5\" is not a whole number");
}

static void duplicate_node_ids_are_refused(void **state)
{
    (void)state;
    refused(DOC(NODES "<node id=\"a\"/>\n"), NG_ERR_PARSE, 10,
            "node \"a\": the id is used by an earlier node");
}

static void duplicate_entity_ids_are_refused(void **state)
{
    (void)state;
    refused("<graphml><key id=\"k\" for=\"node\" attr.name=\"entity_id\"/><graph>\n"
            "<node id=\"a\"><data key=\"k\">x</data></node>\n"
            "<node id=\"b\"><data key=\"k\">x</data></node>\n</graph></graphml>",
            NG_ERR_PARSE, 3, "entity_id \"x\" is used by an earlier node");
}

static void duplicate_key_ids_are_refused(void **state)
{
    (void)state;
    refused("<graphml>\n<key id=\"k\" for=\"node\"/>\n<key id=\"k\" for=\"edge\"/>\n"
            "<graph/></graphml>",
            NG_ERR_PARSE, 3, "key \"k\" is declared twice");
}

static void second_value_for_a_key_is_refused(void **state)
{
    (void)state;
    refused(DOC("<node id=\"a\"><data key=\"label\">A</data>\n"
                "<data key=\"label\">B</data></node>\n"),
            NG_ERR_PARSE, 9, "a second value for key \"label\"");
}

static void undeclared_key_is_refused(void **state)
{
    (void)state;
    refused(DOC("<node id=\"a\"><data key=\"colour\">red</data></node>\n"), NG_ERR_PARSE, 8,
            "undeclared key \"colour\"");
}

static void edge_to_a_missing_node_is_refused(void **state)
{
    (void)state;
    refused(DOC(NODES "<edge id=\"e7\" source=\"a\" target=\"z\"/>\n"), NG_ERR_PARSE, 10,
            "edge \"e7\": no node has the id \"z\"");
}

static void edge_from_a_node_to_itself_is_refused(void **state)
{
    (void)state;
    refused(DOC(NODES "<edge source=\"a\" target=\"a\"/>\n"), NG_ERR_PARSE, 10,
            "two different entities");
}

static void hyperedges_are_refused(void **state)
{
    (void)state;
    refused(DOC(NODES "<hyperedge><endpoint node=\"a\"/></hyperedge>\n"), NG_ERR_PARSE, 10,
            "hyperedges");
}

static void truncated_file_is_refused_with_its_line(void **state)
{
    (void)state;
    refused(HEAD NODES "<edge source=\"a\" target=\"b\">\n<data key=\"rela", NG_ERR_PARSE, 11,
            "not well-formed XML");
}

static void empty_file_is_refused(void **state)
{
    (void)state;
    ng_test_assert_refused(GRAPHML, "", 0, NG_ERR_PARSE, -1, "the file is empty");
}

static void other_xml_is_refused(void **state)
{
    (void)state;
    refused("<?xml version=\"1.0\"?>\n<html><body/></html>\n", NG_ERR_PARSE, 2,
            "not GraphML: the root element is <html>");
}

static void invalid_utf8_is_refused_with_its_line(void **state)
{
    (void)state;
    refused(DOC("<node id=\"a\"><data key=\"label\">Bad\xff\xfe</data></node>\n"), NG_ERR_PARSE,
            8, "UTF-8");
}

static void nul_byte_is_refused_with_its_line(void **state)
{
    (void)state;
    static const char text[] = DOC("<node id=\"a\"><data key=\"label\">A\0B</data></node>\n");
    ng_test_assert_refused(GRAPHML, text, sizeof text - 1, NG_ERR_PARSE, 8, "0x0");
}

static void unreadable_stream_is_an_io_error(void **state)
{
    (void)state;
    FILE *out = fopen("/dev/null", "w"); /* reading it fails */
    assert_non_null(out);
    ng_error err;
    assert_null(ng_io_read(GRAPHML, out, "out", &err));
    assert_int_equal(err.status, NG_ERR_IO);
    assert_string_equal(err.source, "out");
    fclose(out);
}

/* --- hostile files ------------------------------------------------------------ */

static void deep_nesting_fails_with_limit(void **state)
{
    (void)state;
    ng_buf text = {0};
    assert_int_equal(ng_buf_append_str(&text, HEAD "<node id=\"a\"><data key=\"label\">\n"), 0);
    for (int i = 0; i < 100000; i++)
        assert_int_equal(ng_buf_append_str(&text, "<x>"), 0);
    ng_test_assert_refused(GRAPHML, text.data, text.len, NG_ERR_LIMIT, 9, "depth");
    ng_buf_free(&text);
}

static void deeply_nested_graphs_fail_with_limit(void **state)
{
    (void)state;
    ng_buf text = {0};
    assert_int_equal(ng_buf_append_str(&text, HEAD), 0);
    for (int i = 0; i < 100; i++)
        assert_int_equal(ng_buf_printf(&text, "<node id=\"n%d\">\n<graph>\n", i), 0);
    ng_test_assert_refused(GRAPHML, text.data, text.len, NG_ERR_LIMIT, 0, "nested");
    ng_buf_free(&text);
}

static void huge_value_fails_with_limit(void **state)
{
    (void)state;
    size_t len;
    char *text = ng_test_big_text(HEAD "<node id=\"a\"><data key=\"label\">", 'x', 50000000,
                                  "</data></node>\n" TAIL, &len);
    ng_test_assert_refused(GRAPHML, text, len, NG_ERR_LIMIT, 8, "too large");
    free(text);
}

static void huge_attribute_fails_with_limit(void **state)
{
    (void)state;
    size_t len;
    char *text = ng_test_big_text(HEAD "<node id=\"", 'x', 50000000, "\"/>\n" TAIL, &len);
    ng_test_assert_refused(GRAPHML, text, len, NG_ERR_LIMIT, 8, "too large");
    free(text);
}

/* A file holding `secret`, to show that an entity naming it is not read. */
static void write_secret(char *path, size_t size, const char *secret)
{
    snprintf(path, size, "/tmp/ng-graphml-secret-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, secret, strlen(secret)), (ssize_t)strlen(secret));
    assert_int_equal(close(fd), 0);
}

/* Asserts that `before` "file://<a file holding secret>" `after` is
 * refused with a message that does not show the secret. */
static void assert_refused_unread(const char *before, const char *after, const char *secret)
{
    char path[64];
    write_secret(path, sizeof path, secret);
    ng_buf text = {0};
    assert_int_equal(ng_buf_printf(&text, "%sfile://%s%s", before, path, after), 0);
    ng_error err;
    ng_graph *g = ng_test_read(GRAPHML, text.data, text.len, &err);
    unlink(path);
    if (g)
        fail_msg("accepted: %s", text.data);
    assert_int_equal(err.status, NG_ERR_PARSE);
    assert_non_null(strstr(err.text, "DOCTYPE"));
    assert_null(strstr(err.text, "SECRET"));
    ng_buf_free(&text);
}

static void external_entity_is_refused_unread(void **state)
{
    (void)state;
    assert_refused_unread("<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [<!ENTITY xxe SYSTEM \"",
                          "\">]>\n<graphml><key id=\"k\" for=\"graph\" attr.name=\"label\"/>"
                          "<graph><data key=\"k\">&xxe;</data></graph></graphml>\n",
                          "SECRET");
}

static void external_parameter_entity_is_refused_unread(void **state)
{
    (void)state;
    assert_refused_unread("<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [<!ENTITY % xxe SYSTEM \"",
                          "\"> %xxe;]>\n<graphml><graph><node id=\"a\"/></graph></graphml>\n",
                          "<!ENTITY leak \"SECRET\">");
}

static void billion_laughs_is_refused(void **state)
{
    (void)state;
    ng_buf text = {0};
    assert_int_equal(ng_buf_append_str(&text, "<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [\n"
                                              "<!ENTITY lol0 \"lol\">\n"),
                     0);
    for (int i = 1; i < 10; i++) {
        assert_int_equal(ng_buf_printf(&text, "<!ENTITY lol%d \"", i), 0);
        for (int j = 0; j < 10; j++)
            assert_int_equal(ng_buf_printf(&text, "&lol%d;", i - 1), 0);
        assert_int_equal(ng_buf_append_str(&text, "\">\n"), 0);
    }
    assert_int_equal(ng_buf_append_str(&text, "]>\n<graphml><key id=\"k\" for=\"graph\" "
                                              "attr.name=\"label\"/><graph><data key=\"k\">"
                                              "&lol9;</data></graph></graphml>\n"),
                     0);
    ng_test_assert_refused(GRAPHML, text.data, text.len, NG_ERR_PARSE, 14, NULL);
    ng_buf_free(&text);
}

static void declarations_in_a_doctype_are_refused(void **state)
{
    (void)state;
    refused("<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [\n<!ENTITY name \"Kim\">\n]>\n"
            "<graphml><graph/></graphml>\n",
            NG_ERR_PARSE, -1, "the DOCTYPE declares entities");
}

static void undeclared_entity_is_refused(void **state)
{
    (void)state;
    refused("<?xml version=\"1.0\"?>\n<!DOCTYPE graphml SYSTEM \"graphml.dtd\">\n"
            "<graphml><key id=\"k\" for=\"node\" attr.name=\"label\"/><graph>\n"
            "<node id=\"a\"><data key=\"k\">&who;</data></node></graph></graphml>\n",
            NG_ERR_PARSE, 4, "who");
}

static void an_external_dtd_alone_is_harmless(void **state)
{
    (void)state;
    ng_graph *g = ng_test_load(GRAPHML, "<?xml version=\"1.0\"?>\n"
                                        "<!DOCTYPE graphml SYSTEM \"http://example.com/g.dtd\">\n"
                                        "<graphml><graph><node id=\"a\"/></graph></graphml>\n");
    assert_int_equal(ng_graph_entity_count(g), 1);
    ng_graph_free(g);
}

static void refusals_print_nothing(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "<graphml><graph><node id=\"a\"></graph></graphml>",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE g [<!ENTITY e \"x\">]><g>&e;</g>",
        DOC("<node id=\"a\"><data key=\"label\">\xc3\x28</data></node>\n"),
        "<graphml><graph><data key=\"nope\"/></graph></graphml>",
    };
    ng_test_stderr_begin();
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ng_error err;
        ng_graph *g = ng_test_read(GRAPHML, bad[i], strlen(bad[i]), &err);
        ng_graph_free(g);
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
        cmocka_unit_test(summit_reads_back_entities_as_they_were),
        cmocka_unit_test(summit_reads_back_edge_summaries),
        cmocka_unit_test(networkx_names_types_and_parallel_edges_are_read),
        cmocka_unit_test(igraph_names_and_numbers_are_read),
        cmocka_unit_test(yed_labels_defaults_and_groups_are_read),
        cmocka_unit_test(edges_may_come_before_their_nodes),
        cmocka_unit_test(items_beyond_the_documents_go_to_the_last_record),
        cmocka_unit_test(a_sentence_without_documents_is_filed_under_the_file),
        cmocka_unit_test(unknown_relation_is_refused_with_its_line),
        cmocka_unit_test(unknown_modality_is_refused_with_its_line),
        cmocka_unit_test(value_of_the_wrong_type_is_refused_with_its_line),
        cmocka_unit_test(fractional_weight_is_refused),
        cmocka_unit_test(duplicate_node_ids_are_refused),
        cmocka_unit_test(duplicate_entity_ids_are_refused),
        cmocka_unit_test(duplicate_key_ids_are_refused),
        cmocka_unit_test(second_value_for_a_key_is_refused),
        cmocka_unit_test(undeclared_key_is_refused),
        cmocka_unit_test(edge_to_a_missing_node_is_refused),
        cmocka_unit_test(edge_from_a_node_to_itself_is_refused),
        cmocka_unit_test(hyperedges_are_refused),
        cmocka_unit_test(truncated_file_is_refused_with_its_line),
        cmocka_unit_test(empty_file_is_refused),
        cmocka_unit_test(other_xml_is_refused),
        cmocka_unit_test(invalid_utf8_is_refused_with_its_line),
        cmocka_unit_test(nul_byte_is_refused_with_its_line),
        cmocka_unit_test(unreadable_stream_is_an_io_error),
        cmocka_unit_test(deep_nesting_fails_with_limit),
        cmocka_unit_test(deeply_nested_graphs_fail_with_limit),
        cmocka_unit_test(huge_value_fails_with_limit),
        cmocka_unit_test(huge_attribute_fails_with_limit),
        cmocka_unit_test(external_entity_is_refused_unread),
        cmocka_unit_test(external_parameter_entity_is_refused_unread),
        cmocka_unit_test(billion_laughs_is_refused),
        cmocka_unit_test(declarations_in_a_doctype_are_refused),
        cmocka_unit_test(undeclared_entity_is_refused),
        cmocka_unit_test(an_external_dtd_alone_is_harmless),
        cmocka_unit_test(refusals_print_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
