/* The JSON format: golden output, round trips, and errors on bad input
 * that name the place. Golden files live in $NG_TESTS_DIR/io/golden;
 * running with NG_UPDATE_GOLDEN=1 rewrites them from the current output. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <newsgraph/io.h>
#include <newsgraph/version.h>

#include "fixtures.h"
#include "io/sanitize.h"
#include "util/buf.h"

/* --- helpers -------------------------------------------------------------- */

/* The graph as JSON text, owned by the caller. */
static char *to_json(const ng_graph *g)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    ng_error err;
    int rc = ng_io_write(g, NG_FORMAT_JSON, f, &err);
    assert_int_equal(fclose(f), 0);
    if (rc != 0)
        fail_msg("ng_io_write: %s", err.text);
    return text;
}

static char *fixture_json(ng_graph *(*make)(void))
{
    ng_graph *g = make();
    assert_non_null(g);
    char *text = to_json(g);
    ng_graph_free(g);
    return text;
}

/* Reads `text` as a JSON graph with the NG_LOAD_* flags; NULL with err
 * filled on failure. */
static ng_graph *from_json_with(const char *text, unsigned flags, ng_error *err)
{
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(f);
    ng_graph *g = ng_io_read_with_flags(NG_FORMAT_JSON, f, "t.json", flags, err);
    assert_int_equal(fclose(f), 0);
    return g;
}

static ng_graph *from_json(const char *text, ng_error *err)
{
    return from_json_with(text, 0, err);
}

/* The graph `text` holds, written back as JSON; fails if it is refused. */
static char *reread(const char *text)
{
    ng_error err;
    ng_graph *g = from_json(text, &err);
    if (!g)
        fail_msg("%s:%ld:%ld: %s", err.source, err.line, err.column, err.text);
    char *out = to_json(g);
    ng_graph_free(g);
    return out;
}

/* Asserts that `text` is refused as malformed, with `where` in the
 * message, and refused alike when evidence is skipped: the records are
 * checked all the same. */
static void assert_refused(const char *text, const char *where)
{
    ng_error err, skipping;
    ng_graph *g = from_json(text, &err);
    if (g) {
        ng_graph_free(g);
        fail_msg("accepted: %s", text);
    }
    assert_int_equal(err.status, NG_ERR_PARSE);
    assert_string_equal(err.source, "t.json");
    if (!strstr(err.text, where))
        fail_msg("message \"%s\" does not name \"%s\"", err.text, where);
    assert_null(from_json_with(text, NG_LOAD_SKIP_EVIDENCE | NG_LOAD_SKIP_ENTITY_DOCS, &skipping));
    assert_int_equal(skipping.status, err.status);
    assert_string_equal(skipping.text, err.text);
    assert_int_equal(skipping.line, err.line);
    assert_int_equal(skipping.column, err.column);
}

static char *read_whole(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s: %s", path, strerror(errno));
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    assert_non_null(mem);
    int c;
    while ((c = fgetc(f)) != EOF)
        assert_int_not_equal(fputc(c, mem), EOF);
    assert_false(ferror(f));
    assert_int_equal(fclose(f), 0);
    assert_int_equal(fclose(mem), 0);
    return text;
}

static void write_whole(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        fail_msg("cannot create %s: %s", path, strerror(errno));
    assert_true(fputs(text, f) >= 0);
    assert_int_equal(fclose(f), 0);
}

/* Fails showing the first line where `actual` departs from `expected`. */
static void assert_same_text(const char *expected, const char *actual, const char *name)
{
    if (strcmp(expected, actual) == 0)
        return;
    size_t i = 0, line = 1, line_start = 0;
    for (; expected[i] && expected[i] == actual[i]; i++)
        if (expected[i] == '\n') {
            line++;
            line_start = i + 1;
        }
    int want = (int)strcspn(expected + line_start, "\n");
    int got = (int)strcspn(actual + line_start, "\n");
    fail_msg("%s differs at line %zu, column %zu\n  expected: %.*s\n  actual:   %.*s", name, line,
             i - line_start + 1, want, expected + line_start, got, actual + line_start);
}

static void check_golden(ng_graph *(*make)(void), const char *name)
{
    const char *dir = getenv("NG_TESTS_DIR");
    if (!dir)
        fail_msg("NG_TESTS_DIR is not set");
    char path[1024];
    snprintf(path, sizeof path, "%s/io/golden/%s", dir, name);
    char *actual = fixture_json(make);
    if (getenv("NG_UPDATE_GOLDEN"))
        write_whole(path, actual);
    char *expected = read_whole(path);
    assert_same_text(expected, actual, path);
    free(expected);
    free(actual);
}

static void check_round_trip(ng_graph *(*make)(void))
{
    char *first = fixture_json(make);
    ng_error err;
    ng_graph *g = from_json(first, &err);
    if (!g)
        fail_msg("%s:%ld:%ld: %s", err.source, err.line, err.column, err.text);
    char *second = to_json(g);
    assert_same_text(first, second, "the output read back and written again");
    ng_graph_free(g);
    free(first);
    free(second);
}

/* A graph of two nodes and one edge, for breaking one member at a time. */
#define NODE_A "{\"id\": \"a\", \"label\": \"A\", \"metadata\": {\"type\": \"person\"}}"
#define NODE_B "{\"id\": \"b\", \"label\": \"B\", \"metadata\": {\"type\": \"country\"}}"
#define GRAPH(nodes, edges) "{\"graph\": {\"nodes\": [" nodes "], \"edges\": [" edges "]}}"
#define EDGE(rest) "{\"source\": \"a\", \"target\": \"b\", " rest "}"

/* --- output --------------------------------------------------------------- */

static void summit_matches_golden_file(void **state)
{
    (void)state;
    check_golden(ng_fixture_summit, "summit.json");
}

static void awkward_matches_golden_file(void **state)
{
    (void)state;
    check_golden(ng_fixture_awkward, "awkward.json");
}

static void empty_graph_has_every_member(void **state)
{
    (void)state;
    ng_graph *g = ng_graph_new(NULL);
    assert_non_null(g);
    char *text = to_json(g);
    assert_same_text("{\n"
                     "  \"graph\": {\n"
                     "    \"directed\": true,\n"
                     "    \"type\": \"newsgraph\",\n"
                     "    \"label\": \"\",\n"
                     "    \"metadata\": {\n"
                     "      \"generator\": \"newsgraph " NG_VERSION_STRING "\",\n"
                     "      \"documents\": []\n"
                     "    },\n"
                     "    \"nodes\": [],\n"
                     "    \"edges\": []\n"
                     "  }\n"
                     "}\n",
                     text, "empty graph");
    free(text);
    ng_graph_free(g);
}

static void write_error_is_reported(void **state)
{
    (void)state;
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        skip();
    setvbuf(full, NULL, _IONBF, 0); /* fail inside jansson, not at the flush */
    ng_graph *g = ng_fixture_summit();
    assert_non_null(g);
    ng_error err;
    assert_int_equal(ng_io_write(g, NG_FORMAT_JSON, full, &err), NG_ERR_IO);
    assert_non_null(strstr(err.text, strerror(ENOSPC)));
    ng_graph_free(g);
    fclose(full);
}

/* --- reading back --------------------------------------------------------- */

static void summit_survives_a_round_trip(void **state)
{
    (void)state;
    check_round_trip(ng_fixture_summit);
}

static void awkward_survives_a_round_trip(void **state)
{
    (void)state;
    check_round_trip(ng_fixture_awkward);
}

static void read_keeps_ids_aliases_mentions_and_evidence(void **state)
{
    (void)state;
    char *text = fixture_json(ng_fixture_summit);
    ng_error err;
    ng_graph *g = from_json(text, &err);
    assert_non_null(g);
    const ng_entity *kim = ng_graph_entity_by_id(g, "kim-jong-un");
    assert_non_null(kim);
    assert_string_equal(ng_entity_label(kim), "Kim Jong Un");
    assert_int_equal(ng_entity_alias_count(kim), 2);
    assert_string_equal(ng_entity_alias_at(kim, 1), "Mr Kim");
    assert_int_equal(ng_entity_mentions(kim), 4);
    assert_int_equal(ng_entity_doc_count(kim), 2);
    const ng_entity *putin = ng_graph_entity_by_id(g, "vladimir-putin");
    const ng_edge *meets = ng_graph_find_edge(g, putin, NG_RELATION_MEETS, kim);
    assert_non_null(meets);
    assert_int_equal(ng_edge_weight(meets), 2);
    const ng_evidence *planned = ng_test_evidence(meets, 1);
    assert_int_equal(planned->modality, NG_MODALITY_PLANNED);
    assert_null(planned->date);
    assert_int_equal(planned->start, 10);
    assert_int_equal(ng_graph_document_count(g), 2);
    assert_null(ng_graph_document_at(g, 1)->date);
    ng_graph_free(g);
    free(text);
}

static void optional_members_may_be_missing(void **state)
{
    (void)state;
    ng_error err;
    ng_graph *g = from_json(GRAPH("{\"id\": \"a\", \"metadata\": {\"type\": \"person\"}}, " NODE_B,
                                  EDGE("\"relation\": \"visits\"")),
                            &err);
    if (!g)
        fail_msg("%s", err.text);
    assert_string_equal(ng_graph_label(g), "");
    assert_string_equal(ng_entity_label(ng_graph_entity_at(g, 0)), "a");
    const ng_edge *e = ng_graph_edge_at(g, 0);
    assert_non_null(e);
    assert_int_equal(ng_edge_weight(e), 0);
    ng_graph_free(g);
}

static void null_members_read_as_unknown(void **state)
{
    (void)state;
    ng_error err;
    ng_graph *g = from_json(GRAPH(NODE_A ", " NODE_B,
                                  EDGE("\"relation\": \"visits\", \"metadata\": {\"evidence\": "
                                       "[{\"doc\": \"d\", \"sentence\": null, \"start\": null, "
                                       "\"end\": null, \"modality\": null, \"text\": null}]}")),
                            &err);
    if (!g)
        fail_msg("%s", err.text);
    const ng_evidence *ev = ng_test_evidence(ng_graph_edge_at(g, 0), 0);
    assert_non_null(ev);
    assert_int_equal(ev->sentence, 0);
    assert_int_equal(ev->start, -1);
    assert_int_equal(ev->end, -1);
    assert_int_equal(ev->modality, NG_MODALITY_ASSERTED);
    assert_null(ev->text);
    ng_graph_free(g);
}

/* --- malformed input ------------------------------------------------------ */

static void truncated_file_is_a_parse_error_with_position(void **state)
{
    (void)state;
    char *text = fixture_json(ng_fixture_summit);
    text[strlen(text) / 2] = '\0';
    ng_error err;
    assert_null(from_json(text, &err));
    assert_int_equal(err.status, NG_ERR_PARSE);
    assert_string_equal(err.source, "t.json");
    assert_true(err.line > 1);
    assert_true(err.column > 0);
    assert_true(err.offset > 0);
    assert_non_null(strstr(err.text, "not valid JSON"));
    free(text);
}

static void syntax_error_reports_line_and_column(void **state)
{
    (void)state;
    ng_error err;
    assert_null(from_json("{\n  \"graph\": {,}\n}", &err));
    assert_int_equal(err.status, NG_ERR_PARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 13);
}

static void trailing_garbage_is_a_parse_error(void **state)
{
    (void)state;
    ng_error err;
    assert_null(from_json(GRAPH("", "") " x", &err));
    assert_int_equal(err.status, NG_ERR_PARSE);
}

/* A 20 MB label loads, and comes back whole: no fixed-size buffer on the
 * way, and no cost beyond the length of the string. */
static void huge_string_loads_whole(void **state)
{
    (void)state;
    enum { LENGTH = 20 * 1024 * 1024 };
    static const char head[] = "{\"graph\": {\"nodes\": [{\"id\": \"n\", \"label\": \"";
    static const char tail[] = "\", \"metadata\": {\"type\": \"person\"}}]}}";
    char *text = malloc(sizeof head + LENGTH + sizeof tail);
    assert_non_null(text);
    memcpy(text, head, sizeof head - 1);
    memset(text + sizeof head - 1, 'x', LENGTH);
    memcpy(text + sizeof head - 1 + LENGTH, tail, sizeof tail);
    ng_error err;
    ng_graph *g = from_json(text, &err);
    assert_non_null(g);
    assert_int_equal(strlen(ng_entity_label(ng_graph_entity_at(g, 0))), LENGTH);
    ng_graph_free(g);
    free(text);
}

static void deep_nesting_is_refused_without_crashing(void **state)
{
    (void)state;
    enum { DEPTH = 100000 };
    char *text = malloc(2 * DEPTH + 1);
    assert_non_null(text);
    memset(text, '[', DEPTH);
    memset(text + DEPTH, ']', DEPTH);
    text[2 * DEPTH] = '\0';
    ng_error err;
    assert_null(from_json(text, &err));
    assert_int_equal(err.status, NG_ERR_PARSE);
    assert_true(err.offset > 0);
    assert_non_null(strstr(err.text, "depth"));
    free(text);
}

static void duplicate_keys_are_refused(void **state)
{
    (void)state;
    ng_error err;
    assert_null(from_json("{\"graph\": {\"nodes\": [],\n \"nodes\": []}}", &err));
    assert_int_equal(err.status, NG_ERR_PARSE);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.text, "duplicate"));
}

static void nul_in_a_string_is_refused(void **state)
{
    (void)state;
    assert_refused(GRAPH("{\"id\": \"a\\u0000b\", \"metadata\": {\"type\": \"person\"}}", ""),
                   "not valid JSON");
}

static void document_that_is_not_an_object_is_refused(void **state)
{
    (void)state;
    assert_refused("[]", "document: expected an object, found an array");
}

static void missing_graph_is_refused(void **state)
{
    (void)state;
    assert_refused("{\"graphs\": []}", "graph: missing");
}

static void missing_nodes_are_refused(void **state)
{
    (void)state;
    assert_refused("{\"graph\": {\"edges\": []}}", "graph.nodes: missing");
}

static void nodes_of_the_wrong_type_are_refused(void **state)
{
    (void)state;
    assert_refused("{\"graph\": {\"nodes\": {}}}",
                   "graph.nodes: expected an array, found an object");
}

static void node_that_is_not_an_object_is_refused(void **state)
{
    (void)state;
    assert_refused(GRAPH(NODE_A ", 3", ""), "graph.nodes[1]: expected an object, found an integer");
}

static void node_without_id_is_refused(void **state)
{
    (void)state;
    assert_refused(GRAPH(NODE_A ", {\"label\": \"B\", \"metadata\": {\"type\": \"place\"}}", ""),
                   "graph.nodes[1].id: missing");
}

static void node_without_type_is_refused(void **state)
{
    (void)state;
    assert_refused(GRAPH("{\"id\": \"a\"}", ""), "graph.nodes[0].metadata.type: missing");
}

static void unknown_entity_type_is_refused(void **state)
{
    (void)state;
    assert_refused(GRAPH("{\"id\": \"a\", \"metadata\": {\"type\": \"planet\"}}", ""),
                   "graph.nodes[0].metadata.type: unknown entity type \"planet\"");
}

static void duplicate_node_id_is_refused(void **state)
{
    (void)state;
    assert_refused(GRAPH(NODE_A ", " NODE_A, ""),
                   "graph.nodes[1].id: \"a\" is the id of an earlier node");
}

static void mentions_of_the_wrong_type_are_refused(void **state)
{
    (void)state;
    assert_refused(GRAPH("{\"id\": \"a\", \"metadata\": {\"type\": \"person\", "
                         "\"mentions\": \"3\"}}", ""),
                   "graph.nodes[0].metadata.mentions: expected an integer, found a string");
}

static void alias_of_the_wrong_type_is_refused(void **state)
{
    (void)state;
    assert_refused(
        GRAPH("{\"id\": \"a\", \"metadata\": {\"type\": \"person\", \"aliases\": [\"x\", 1]}}", ""),
        "graph.nodes[0].metadata.aliases: item 1: expected a string");
}

static void edge_to_an_unknown_node_is_refused(void **state)
{
    (void)state;
    assert_refused(GRAPH(NODE_A ", " NODE_B,
                         EDGE("\"relation\": \"meets\"") ", "
                         "{\"source\": \"a\", \"target\": \"xyz\", \"relation\": \"meets\"}"),
                   "graph.edges[1].target: no node with id \"xyz\"");
}

static void edge_without_source_is_refused(void **state)
{
    (void)state;
    assert_refused(GRAPH(NODE_A, "{\"target\": \"a\", \"relation\": \"meets\"}"),
                   "graph.edges[0].source: missing");
}

static void unknown_relation_is_refused(void **state)
{
    (void)state;
    assert_refused(GRAPH(NODE_A ", " NODE_B, EDGE("\"relation\": \"likes\"")),
                   "graph.edges[0].relation: unknown relation \"likes\"");
}

static void edge_from_a_node_to_itself_is_refused(void **state)
{
    (void)state;
    assert_refused(GRAPH(NODE_A, "{\"source\": \"a\", \"target\": \"a\", \"relation\": \"meets\"}"),
                   "graph.edges[0]: ");
}

static void evidence_of_the_wrong_type_is_refused(void **state)
{
    (void)state;
    assert_refused(GRAPH(NODE_A ", " NODE_B,
                         EDGE("\"relation\": \"visits\", \"metadata\": {\"evidence\": {}}")),
                   "graph.edges[0].metadata.evidence: expected an array, found an object");
}

static void evidence_without_doc_is_refused(void **state)
{
    (void)state;
    assert_refused(GRAPH(NODE_A ", " NODE_B,
                         EDGE("\"relation\": \"visits\", \"metadata\": {\"evidence\": "
                              "[{\"doc\": \"d\"}, {\"sentence\": 2}]}")),
                   "graph.edges[0].metadata.evidence[1].doc: missing");
}

static void unknown_modality_is_refused(void **state)
{
    (void)state;
    assert_refused(GRAPH(NODE_A ", " NODE_B,
                         EDGE("\"relation\": \"visits\", \"metadata\": {\"evidence\": "
                              "[{\"doc\": \"d\", \"modality\": \"rumoured\"}]}")),
                   "graph.edges[0].metadata.evidence[0].modality: unknown modality \"rumoured\"");
}

static void negative_sentence_number_is_refused(void **state)
{
    (void)state;
    assert_refused(GRAPH(NODE_A ", " NODE_B,
                         EDGE("\"relation\": \"visits\", \"metadata\": {\"evidence\": "
                              "[{\"doc\": \"d\", \"sentence\": -3}]}")),
                   "graph.edges[0].metadata.evidence[0].sentence: -3 is out of range");
}

static void document_without_name_is_refused(void **state)
{
    (void)state;
    assert_refused("{\"graph\": {\"metadata\": {\"documents\": [{\"date\": null}]}, "
                   "\"nodes\": []}}",
                   "graph.metadata.documents[0].doc: missing");
}

static void control_characters_in_messages_are_neutralised(void **state)
{
    (void)state;
    ng_error err;
    assert_null(from_json(GRAPH(NODE_A, "{\"source\": \"a\", \"target\": \"\\u001b[31mred\", "
                                        "\"relation\": \"meets\"}"),
                          &err));
    assert_null(strchr(err.text, '\x1b'));
    assert_non_null(strstr(err.text, "\" [31mred\""));
}

static void long_values_in_messages_are_cut(void **state)
{
    (void)state;
    char long_id[31 * 2 + 1] = "";
    for (int i = 0; i < 31; i++)
        strcat(long_id, "\xc3\xa9"); /* U+00E9, two bytes */
    char text[512];
    snprintf(text, sizeof text,
             GRAPH(NODE_A, "{\"source\": \"a\", \"target\": \"%s\", \"relation\": \"meets\"}"),
             long_id);
    ng_error err;
    assert_null(from_json(text, &err));
    assert_non_null(strstr(err.text, "\xc3\xa9...\""));
    assert_null(strstr(err.text, long_id));
}

/* --- the order of members ------------------------------------------------- */

/* The writer's order is not the only one: edges before nodes, an edge's
 * metadata before its ends, a node's metadata before its id. */
static void members_may_come_in_any_order(void **state)
{
    (void)state;
    static const char usual[] =
        "{\"graph\": {\"label\": \"L\", \"metadata\": {\"documents\": [{\"doc\": \"d\"}]},"
        " \"nodes\": [{\"id\": \"a\", \"label\": \"A\", \"metadata\": {\"type\": \"person\","
        " \"aliases\": [\"Ay\"], \"mentions\": 2, \"docs\": [\"d\"]}}, " NODE_B "],"
        " \"edges\": [{\"source\": \"a\", \"target\": \"b\", \"relation\": \"visits\","
        " \"metadata\": {\"evidence\": [{\"doc\": \"d\", \"trigger\": \"went\", \"sentence\": 3}]}}]}}";
    static const char unusual[] =
        "{\"x\": [1, {\"y\": null}], \"graph\": {\"edges\": [{\"metadata\": {\"evidence\":"
        " [{\"sentence\": 3, \"trigger\": \"went\", \"doc\": \"d\"}], \"weight\": 9},"
        " \"relation\": \"visits\", \"target\": \"b\", \"source\": \"a\"}],"
        " \"nodes\": [{\"metadata\": {\"docs\": [\"d\"], \"mentions\": 2, \"aliases\": [\"Ay\"],"
        " \"type\": \"person\"}, \"label\": \"A\", \"id\": \"a\"}, " NODE_B "],"
        " \"metadata\": {\"documents\": [{\"doc\": \"d\"}]}, \"label\": \"L\"}}";
    char *expected = reread(usual), *actual = reread(unusual);
    assert_same_text(expected, actual, "the graph read from members in another order");
    free(expected);
    free(actual);
}

static void error_in_early_edges_names_its_place_in_the_file(void **state)
{
    (void)state;
    ng_error err;
    assert_null(from_json("{\"graph\": {\"edges\": [\n  {\"source\": \"a\", \"target\": \"zz\","
                          " \"relation\": \"meets\"}],\n \"nodes\": [" NODE_A "]}}",
                          &err));
    assert_non_null(strstr(err.text, "graph.edges[0].target: no node with id \"zz\""));
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 29);
}

/* --- skipping what the caller does not need ----------------------------- */

/* A graph whose records include repeats, within an edge, across two
 * listings of one edge, and in a listing long enough to be indexed. */
static char *repetitive_json(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    fputs("{\"graph\": {\"nodes\": [" NODE_A ", " NODE_B "], \"edges\": [", f);
    fputs(EDGE("\"relation\": \"meets\", \"metadata\": {\"evidence\": ["
               "{\"doc\": \"d\", \"sentence\": 1, \"modality\": \"alleged\"},"
               "{\"doc\": \"d\", \"sentence\": 1, \"modality\": \"alleged\", \"text\": \"other\"},"
               "{\"doc\": \"d\", \"sentence\": 1, \"modality\": \"denied\"}]}") ",\n", f);
    fputs("{\"source\": \"b\", \"target\": \"a\", \"relation\": \"meets\", \"metadata\": "
          "{\"evidence\": [{\"doc\": \"d\", \"sentence\": 1, \"modality\": \"alleged\"},"
          "{\"doc\": \"e\", \"modality\": \"planned\"}]}},\n", f);
    fputs("{\"source\": \"a\", \"target\": \"b\", \"relation\": \"supplies\", "
          "\"metadata\": {\"evidence\": [", f);
    for (int i = 0; i < 300; i++) /* each record twice */
        fprintf(f, "%s{\"doc\": \"d%d\", \"trigger\": \"sent\"}", i ? "," : "", i % 150);
    fputs("]}},\n", f);
    fputs(EDGE("\"relation\": \"visits\"") "]}}", f);
    assert_int_equal(fclose(f), 0);
    return text;
}

/* Loads `text` in full and skipping evidence: every edge has the same
 * weight and modality either way, and no records when skipped. */
static void assert_same_summaries(const char *text)
{
    ng_error err;
    ng_graph *full = from_json(text, &err);
    if (!full)
        fail_msg("%s", err.text);
    ng_graph *light = from_json_with(text, NG_LOAD_SKIP_EVIDENCE, &err);
    if (!light)
        fail_msg("%s", err.text);
    assert_int_equal(ng_graph_edge_count(light), ng_graph_edge_count(full));
    for (size_t i = 0; i < ng_graph_edge_count(full); i++) {
        const ng_edge *a = ng_graph_edge_at(full, i), *b = ng_graph_edge_at(light, i);
        assert_int_equal(ng_edge_weight(b), ng_edge_weight(a));
        assert_int_equal(ng_edge_modality(b), ng_edge_modality(a));
        assert_int_equal(ng_edge_evidence_count(b), 0);
    }
    ng_graph_free(full);
    ng_graph_free(light);
}

static void skipping_evidence_keeps_weights_and_modalities(void **state)
{
    (void)state;
    char *text = fixture_json(ng_fixture_summit);
    assert_same_summaries(text);
    free(text);
    text = fixture_json(ng_fixture_awkward);
    assert_same_summaries(text);
    free(text);
    text = repetitive_json();
    assert_same_summaries(text);
    ng_error err;
    ng_graph *g = from_json(text, &err);
    assert_non_null(g);
    /* Two records of the first listing are one; the second listing adds one. */
    assert_int_equal(ng_edge_weight(ng_graph_edge_at(g, 0)), 3);
    assert_int_equal(ng_edge_weight(ng_graph_edge_at(g, 1)), 150);
    ng_graph_free(g);
    free(text);
}

static void skipping_entity_documents_keeps_the_rest(void **state)
{
    (void)state;
    char *text = fixture_json(ng_fixture_summit);
    ng_error err;
    ng_graph *full = from_json(text, &err);
    ng_graph *light = from_json_with(text, NG_LOAD_SKIP_ENTITY_DOCS, &err);
    assert_non_null(full);
    assert_non_null(light);
    for (size_t i = 0; i < ng_graph_entity_count(full); i++) {
        const ng_entity *a = ng_graph_entity_at(full, i), *b = ng_graph_entity_at(light, i);
        assert_string_equal(ng_entity_label(b), ng_entity_label(a));
        assert_int_equal(ng_entity_alias_count(b), ng_entity_alias_count(a));
        assert_int_equal(ng_entity_mentions(b), ng_entity_mentions(a));
        assert_int_equal(ng_entity_doc_count(b), 0);
    }
    assert_int_equal(ng_edge_evidence_count(ng_graph_edge_at(light, 0)),
                     ng_edge_evidence_count(ng_graph_edge_at(full, 0)));
    ng_graph_free(full);
    ng_graph_free(light);
    free(text);
}

static void unknown_flags_are_refused(void **state)
{
    (void)state;
    ng_error err;
    assert_null(from_json_with(GRAPH("", ""), 1u << 30, &err));
    assert_int_equal(err.status, NG_ERR_INVALID);
}

/* GraphML and DOT carry one sentence per edge: they load it regardless. */
static void other_formats_load_in_full_with_the_flags(void **state)
{
    (void)state;
    static const ng_format formats[] = {NG_FORMAT_GRAPHML, NG_FORMAT_DOT};
    ng_graph *summit = ng_fixture_summit();
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        char *text = NULL;
        size_t len = 0;
        ng_error err;
        FILE *f = open_memstream(&text, &len);
        assert_int_equal(ng_io_write(summit, formats[i], f, &err), 0);
        assert_int_equal(fclose(f), 0);
        f = fmemopen(text, len, "r");
        ng_graph *g = ng_io_read_with_flags(formats[i], f, "t", NG_LOAD_SKIP_EVIDENCE, &err);
        fclose(f);
        assert_non_null(g);
        assert_true(ng_edge_evidence_count(ng_graph_edge_at(g, 0)) > 0);
        ng_graph_free(g);
        free(text);
    }
    ng_graph_free(summit);
}

/* --- more malformed input ------------------------------------------------- */

static void errors_in_records_say_where_they_are(void **state)
{
    (void)state;
    ng_error err;
    assert_null(from_json("{\"graph\": {\"nodes\": [" NODE_A ", " NODE_B "],\n"
                          "  \"edges\": [\n    {\"source\": \"a\", \"target\": \"b\", "
                          "\"relation\": \"likes\"}]}}",
                          &err));
    assert_non_null(strstr(err.text, "graph.edges[0].relation: unknown relation \"likes\""));
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 48);
    /* What is missing is reported where the record ends. */
    assert_null(from_json("{\"graph\": {\"nodes\": [\n {\"label\": \"x\"\n }]}}", &err));
    assert_non_null(strstr(err.text, "graph.nodes[0].id: missing"));
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 2);
}

static void evidence_with_an_empty_document_is_refused(void **state)
{
    (void)state;
    assert_refused(GRAPH(NODE_A ", " NODE_B,
                         EDGE("\"relation\": \"visits\", \"metadata\": {\"evidence\": "
                              "[{\"doc\": \"\"}]}")),
                   "graph.edges[0].metadata.evidence[0].doc: empty");
}

static void numbers_of_the_wrong_kind_are_refused(void **state)
{
    (void)state;
    assert_refused(GRAPH("{\"id\": \"a\", \"metadata\": {\"type\": \"person\", \"mentions\": 2.0}}",
                         ""),
                   "graph.nodes[0].metadata.mentions: expected an integer, found a real number");
    assert_refused(GRAPH(NODE_A ", " NODE_B,
                         EDGE("\"relation\": \"visits\", \"metadata\": {\"evidence\": "
                              "[{\"doc\": \"d\", \"sentence\": 99999999999999999999}]}")),
                   "not valid JSON: integer out of range");
    assert_refused(GRAPH(NODE_A ", " NODE_B,
                         EDGE("\"relation\": \"visits\", \"metadata\": {\"evidence\": "
                              "[{\"doc\": \"d\", \"weight\": 1e999}]}")),
                   "not valid JSON: real number out of range");
    assert_refused(GRAPH("{\"id\": true, \"metadata\": {\"type\": \"person\"}}", ""),
                   "graph.nodes[0].id: expected a string, found a boolean");
}

static void bad_text_in_skipped_values_is_refused(void **state)
{
    (void)state;
    assert_refused(GRAPH(NODE_A ", " NODE_B,
                         EDGE("\"relation\": \"visits\", \"metadata\": {\"evidence\": "
                              "[{\"doc\": \"d\", \"text\": \"\xC0\xAF\"}]}")),
                   "not valid JSON: invalid UTF-8");
    assert_refused("{\"other\": {\"a\": 1, \"a\": 2}, \"graph\": {\"nodes\": []}}",
                   "not valid JSON: duplicate key \"a\"");
}

/* The label's line of the JSON of a graph labelled `label`: the writer
 * formats every string the same way. Owned by the caller. */
static char *label_line(const char *label)
{
    ng_graph *g = ng_graph_new(NULL);
    assert_non_null(g);
    assert_int_equal(ng_graph_set_label(g, label, NULL), 0);
    char *text = to_json(g);
    const char *key = "\n    \"label\": ";
    const char *start = strstr(text, key);
    assert_non_null(start);
    start += strlen(key);
    const char *end = strstr(start, ",\n");
    assert_non_null(end);
    char *line = strndup(start, (size_t)(end - start));
    free(text);
    ng_graph_free(g);
    return line;
}

/* The slow definition of a JSON string: the sanitised text, in quotes,
 * with quotes and backslashes escaped byte by byte. */
static void expected_string(const char *s, ng_buf *out)
{
    ng_buf clean = {0};
    assert_int_equal(ng_sanitize(s, strlen(s), &clean), 0);
    ng_buf_clear(out);
    ng_buf_putc(out, '"');
    for (size_t i = 0; i < clean.len; i++) {
        if (clean.data[i] == '"' || clean.data[i] == '\\')
            ng_buf_putc(out, '\\');
        ng_buf_putc(out, clean.data[i]);
    }
    ng_buf_putc(out, '"');
    ng_buf_free(&clean);
}

/* Strings are scanned several bytes a step: a byte that needs care (a
 * quote, a backslash, a control character, DEL, UTF-8 valid or not) is
 * found at every position of strings of every length up to a few steps,
 * alone and twice. */
static void strings_are_escaped_as_the_slow_definition_says(void **state)
{
    (void)state;
    static const char *const specials[] = {"\"", "\\", "\t", "\n", "\x7f", "\xc3\xa9",
                                           "\xe2\x80\xae", "\xff", "\xe2\x82", "\x01"};
    ng_buf label = {0}, want = {0};
    for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++)
        for (size_t len = 0; len < 13; len++)
            for (size_t at = 0; at <= len; at++)
                for (int twice = 0; twice < 2; twice++) {
                    ng_buf_clear(&label);
                    for (size_t i = 0; i < len; i++) {
                        if (i == at || (twice && i == len - 1))
                            ng_buf_append_str(&label, specials[k]);
                        ng_buf_putc(&label, (char)('a' + i % 26));
                    }
                    if (at == len)
                        ng_buf_append_str(&label, specials[k]);
                    expected_string(ng_buf_cstr(&label), &want);
                    char *got = label_line(ng_buf_cstr(&label));
                    assert_string_equal(got, want.data);
                    free(got);
                }
    ng_buf_free(&label);
    ng_buf_free(&want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(summit_matches_golden_file),
        cmocka_unit_test(strings_are_escaped_as_the_slow_definition_says),
        cmocka_unit_test(awkward_matches_golden_file),
        cmocka_unit_test(empty_graph_has_every_member),
        cmocka_unit_test(write_error_is_reported),
        cmocka_unit_test(summit_survives_a_round_trip),
        cmocka_unit_test(awkward_survives_a_round_trip),
        cmocka_unit_test(read_keeps_ids_aliases_mentions_and_evidence),
        cmocka_unit_test(optional_members_may_be_missing),
        cmocka_unit_test(null_members_read_as_unknown),
        cmocka_unit_test(truncated_file_is_a_parse_error_with_position),
        cmocka_unit_test(syntax_error_reports_line_and_column),
        cmocka_unit_test(trailing_garbage_is_a_parse_error),
        cmocka_unit_test(huge_string_loads_whole),
        cmocka_unit_test(deep_nesting_is_refused_without_crashing),
        cmocka_unit_test(duplicate_keys_are_refused),
        cmocka_unit_test(nul_in_a_string_is_refused),
        cmocka_unit_test(document_that_is_not_an_object_is_refused),
        cmocka_unit_test(missing_graph_is_refused),
        cmocka_unit_test(missing_nodes_are_refused),
        cmocka_unit_test(nodes_of_the_wrong_type_are_refused),
        cmocka_unit_test(node_that_is_not_an_object_is_refused),
        cmocka_unit_test(node_without_id_is_refused),
        cmocka_unit_test(node_without_type_is_refused),
        cmocka_unit_test(unknown_entity_type_is_refused),
        cmocka_unit_test(duplicate_node_id_is_refused),
        cmocka_unit_test(mentions_of_the_wrong_type_are_refused),
        cmocka_unit_test(alias_of_the_wrong_type_is_refused),
        cmocka_unit_test(edge_to_an_unknown_node_is_refused),
        cmocka_unit_test(edge_without_source_is_refused),
        cmocka_unit_test(unknown_relation_is_refused),
        cmocka_unit_test(edge_from_a_node_to_itself_is_refused),
        cmocka_unit_test(evidence_of_the_wrong_type_is_refused),
        cmocka_unit_test(evidence_without_doc_is_refused),
        cmocka_unit_test(unknown_modality_is_refused),
        cmocka_unit_test(negative_sentence_number_is_refused),
        cmocka_unit_test(document_without_name_is_refused),
        cmocka_unit_test(control_characters_in_messages_are_neutralised),
        cmocka_unit_test(long_values_in_messages_are_cut),
        cmocka_unit_test(members_may_come_in_any_order),
        cmocka_unit_test(error_in_early_edges_names_its_place_in_the_file),
        cmocka_unit_test(skipping_evidence_keeps_weights_and_modalities),
        cmocka_unit_test(skipping_entity_documents_keeps_the_rest),
        cmocka_unit_test(unknown_flags_are_refused),
        cmocka_unit_test(other_formats_load_in_full_with_the_flags),
        cmocka_unit_test(errors_in_records_say_where_they_are),
        cmocka_unit_test(evidence_with_an_empty_document_is_refused),
        cmocka_unit_test(numbers_of_the_wrong_kind_are_refused),
        cmocka_unit_test(bad_text_in_skipped_values_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
