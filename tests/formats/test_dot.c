/* The DOT exporter: golden files for the fixtures, and what cgraph reads
 * back from its output. Rendering with dot and sfdp and queries with gvpr
 * are in check_formats.py. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <graphviz/cgraph.h>

#include <newsgraph/graph.h>

#include "fixtures.h"
#include "golden.h"
#include "io/format.h"
#include "io/sanitize.h"
#include "util/buf.h"

static char *cg(const char *s)
{
    return (char *)s;
}

static ng_output write_graph(const ng_graph *g)
{
    ng_output out = ng_output_capture(ng_dot_write, g);
    if (out.status != 0)
        fail_msg("ng_dot_write: %s", out.err.text);
    return out;
}

static ng_output write_fixture(ng_graph *(*fixture)(void))
{
    ng_graph *g = fixture();
    assert_non_null(g);
    ng_output out = write_graph(g);
    ng_graph_free(g);
    return out;
}

/* The output parsed by cgraph, as dot and gvpr would read it. */
static Agraph_t *read_back(const ng_output *out)
{
    Agraph_t *parsed = agmemread(out->text);
    if (!parsed)
        fail_msg("cgraph cannot parse the output:\n%s", out->text);
    return parsed;
}

/* A graph of one person with this id and label, written and read back;
 * returns its node. */
static Agnode_t *one_person(const char *id, const char *label, Agraph_t **parsed)
{
    ng_graph *g = ng_graph_new(NULL);
    assert_non_null(g);
    assert_non_null(ng_graph_add_entity_with_id(g, id, label, NG_ENTITY_PERSON, NULL));
    ng_output out = write_graph(g);
    ng_graph_free(g);
    *parsed = read_back(&out);
    free(out.text);
    return agfstnode(*parsed);
}

static Agedge_t *edge_by_key(Agraph_t *g, const char *key)
{
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e))
            if (strcmp(agnameof(e), key) == 0)
                return e;
    fail_msg("no edge keyed %s", key);
    return NULL;
}

static void summit_matches_golden(void **state)
{
    (void)state;
    ng_output out = write_fixture(ng_fixture_summit);
    ng_golden_assert("summit.dot", out.text, out.len);
    free(out.text);
}

static void awkward_matches_golden(void **state)
{
    (void)state;
    ng_output out = write_fixture(ng_fixture_awkward);
    ng_golden_assert("awkward.dot", out.text, out.len);
    free(out.text);
}

/* Every node is found under its sanitised id and keeps its sanitised
 * label in "title": quoting by agwrite loses nothing. */
static void awkward_names_and_titles_read_back(void **state)
{
    (void)state;
    ng_graph *g = ng_fixture_awkward();
    assert_non_null(g);
    ng_output out = write_graph(g);
    Agraph_t *parsed = read_back(&out);
    assert_int_equal(agnnodes(parsed), ng_graph_entity_count(g));
    assert_int_equal(agnedges(parsed), ng_graph_edge_count(g));
    ng_buf id = {0}, label = {0};
    for (size_t i = 0; i < ng_graph_entity_count(g); i++) {
        const ng_entity *e = ng_graph_entity_at(g, i);
        Agnode_t *n = agnode(parsed, cg(ng_sanitize_str(&id, ng_entity_id(e))), 0);
        assert_non_null(n);
        assert_string_equal(agget(n, cg("title")), ng_sanitize_str(&label, ng_entity_label(e)));
    }
    ng_buf_free(&id);
    ng_buf_free(&label);
    agclose(parsed);
    free(out.text);
    ng_graph_free(g);
}

/* Graphviz reads \N, \n, \l... in a label as escapes; doubled, the
 * backslashes render as written. */
static void label_backslashes_are_doubled(void **state)
{
    (void)state;
    Agraph_t *parsed;
    Agnode_t *n = one_person("path", "C:\\new\\Name", &parsed);
    assert_string_equal(agget(n, cg("label")), "C:\\\\new\\\\Name");
    assert_string_equal(agget(n, cg("title")), "C:\\new\\Name");
    agclose(parsed);
}

/* Graphviz decodes entity references in labels. */
static void entity_reference_in_label_is_escaped(void **state)
{
    (void)state;
    Agraph_t *parsed;
    Agnode_t *n = one_person("att", "AT&amp;T & Co &#38;", &parsed);
    assert_string_equal(agget(n, cg("label")), "AT&amp;amp;T & Co &amp;#38;");
    assert_string_equal(agget(n, cg("title")), "AT&amp;T & Co &#38;");
    agclose(parsed);
}

/* cgraph 2.43 would write "Ends\" and escape the closing quote. */
static void trailing_backslash_keeps_the_output_parseable(void **state)
{
    (void)state;
    Agraph_t *parsed;
    Agnode_t *n = one_person("ends\\", "Ends\\", &parsed);
    assert_string_equal(agnameof(n), "ends\\ ");
    assert_string_equal(agget(n, cg("title")), "Ends\\ ");
    assert_string_equal(agget(n, cg("label")), "Ends\\\\ ");
    agclose(parsed);
}

/* An empty escString must stay empty, not become whatever was in memory. */
static void unlabelled_graph_has_no_label(void **state)
{
    (void)state;
    Agraph_t *parsed;
    one_person("x", "X", &parsed);
    const char *label = agget(parsed, cg("label"));
    assert_true(!label || !label[0]);
    agclose(parsed);
}

static void meets_is_drawn_without_direction(void **state)
{
    (void)state;
    ng_output out = write_fixture(ng_fixture_summit);
    Agraph_t *parsed = read_back(&out);
    Agedge_t *meets = edge_by_key(parsed, "e0");
    Agedge_t *visits = edge_by_key(parsed, "e1");
    assert_string_equal(agget(meets, cg("relation")), "meets");
    assert_string_equal(agget(meets, cg("dir")), "none");
    assert_string_equal(agget(visits, cg("relation")), "visits");
    assert_string_equal(agget(visits, cg("dir")), "forward");
    agclose(parsed);
    free(out.text);
}

/* Two ids that differ only in invalid bytes sanitise to one name. */
static void ids_merged_by_sanitising_are_an_error(void **state)
{
    (void)state;
    ng_graph *g = ng_graph_new(NULL);
    assert_non_null(g);
    assert_non_null(ng_graph_add_entity_with_id(g, "x\xff", "X1", NG_ENTITY_PERSON, NULL));
    assert_non_null(ng_graph_add_entity_with_id(g, "x\xfe", "X2", NG_ENTITY_PERSON, NULL));
    ng_output out = ng_output_capture(ng_dot_write, g);
    assert_int_equal(out.status, NG_ERR_INVALID);
    assert_int_equal(out.err.status, NG_ERR_INVALID);
    free(out.text);
    ng_graph_free(g);
}

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
    assert_int_equal(ng_dot_write(g, full, &err), NG_ERR_IO);
    assert_int_equal(err.status, NG_ERR_IO);
    assert_non_null(strstr(err.text, "DOT"));
    ng_graph_free(g);
    fclose(full);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(summit_matches_golden),
        cmocka_unit_test(awkward_matches_golden),
        cmocka_unit_test(awkward_names_and_titles_read_back),
        cmocka_unit_test(label_backslashes_are_doubled),
        cmocka_unit_test(entity_reference_in_label_is_escaped),
        cmocka_unit_test(trailing_backslash_keeps_the_output_parseable),
        cmocka_unit_test(unlabelled_graph_has_no_label),
        cmocka_unit_test(meets_is_drawn_without_direction),
        cmocka_unit_test(ids_merged_by_sanitising_are_an_error),
        cmocka_unit_test(write_error_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
