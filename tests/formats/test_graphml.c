/* The GraphML exporter: golden files for the fixtures, and the properties
 * the loaders depend on. Validation against the schema and loading in
 * NetworkX, igraph and graph-tool are in check_formats.py. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <newsgraph/graph.h>

#include "fixtures.h"
#include "golden.h"
#include "io/format.h"

static ng_output write_fixture(ng_graph *(*fixture)(void))
{
    ng_graph *g = fixture();
    assert_non_null(g);
    ng_output out = ng_output_capture(ng_graphml_write, g);
    ng_graph_free(g);
    assert_int_equal(out.status, 0);
    return out;
}

static size_t count(const char *haystack, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(haystack, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void summit_matches_golden(void **state)
{
    (void)state;
    ng_output out = write_fixture(ng_fixture_summit);
    ng_golden_assert("summit.graphml", out.text, out.len);
    free(out.text);
}

static void awkward_matches_golden(void **state)
{
    (void)state;
    ng_output out = write_fixture(ng_fixture_awkward);
    ng_golden_assert("awkward.graphml", out.text, out.len);
    free(out.text);
}

/* Neo4j types a relationship by the edge's first <data>, if its key is
 * "label". */
static void every_edge_starts_with_its_label(void **state)
{
    (void)state;
    ng_output out = write_fixture(ng_fixture_summit);
    size_t edges = 0;
    for (const char *p = strstr(out.text, "<edge "); p; p = strstr(p + 1, "<edge ")) {
        const char *first = strstr(p, "<data ");
        assert_non_null(first);
        assert_true(strncmp(first, "<data key=\"label\">", 18) == 0);
        edges++;
    }
    assert_int_equal(edges, 5);
    free(out.text);
}

static void no_control_character_reaches_the_output(void **state)
{
    (void)state;
    ng_output out = write_fixture(ng_fixture_awkward);
    for (size_t i = 0; i < out.len; i++) {
        unsigned char c = (unsigned char)out.text[i];
        if ((c < 0x20 && c != '\n') || c == 0x7f)
            fail_msg("control character 0x%02x at byte %zu", c, i);
    }
    free(out.text);
}

static void empty_graph_declares_keys_and_no_elements(void **state)
{
    (void)state;
    ng_graph *g = ng_graph_new(NULL);
    assert_non_null(g);
    ng_output out = ng_output_capture(ng_graphml_write, g);
    ng_graph_free(g);
    assert_int_equal(out.status, 0);
    assert_int_equal(count(out.text, "<key "), 17);
    assert_non_null(strstr(out.text, "<graph id=\"G\" edgedefault=\"directed\""));
    assert_null(strstr(out.text, "<node"));
    assert_null(strstr(out.text, "<edge"));
    free(out.text);
}

static void output_ends_with_one_newline(void **state)
{
    (void)state;
    ng_output out = write_fixture(ng_fixture_summit);
    assert_true(out.len >= 2);
    assert_string_equal(out.text + out.len - 2, ">\n");
    free(out.text);
}

/* Unbuffered, so that the first write meets the full device rather than
 * the caller's final fflush. */
static void write_error_is_reported(void **state)
{
    (void)state;
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        skip();
    assert_int_equal(setvbuf(full, NULL, _IONBF, 0), 0);
    ng_graph *g = ng_fixture_summit();
    assert_non_null(g);
    ng_error err;
    assert_int_equal(ng_graphml_write(g, full, &err), NG_ERR_IO);
    assert_int_equal(err.status, NG_ERR_IO);
    assert_non_null(strstr(err.text, "GraphML"));
    ng_graph_free(g);
    fclose(full);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(summit_matches_golden),
        cmocka_unit_test(awkward_matches_golden),
        cmocka_unit_test(every_edge_starts_with_its_label),
        cmocka_unit_test(no_control_character_reaches_the_output),
        cmocka_unit_test(empty_graph_declares_keys_and_no_elements),
        cmocka_unit_test(output_ends_with_one_newline),
        cmocka_unit_test(write_error_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
