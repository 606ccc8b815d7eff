/* The format table: names, aliases, extensions and what each can do. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <newsgraph/io.h>

#include "io/format.h"

static void names_select_their_format(void **state)
{
    (void)state;
    assert_int_equal(ng_format_from_name("json"), NG_FORMAT_JSON);
    assert_int_equal(ng_format_from_name("graphml"), NG_FORMAT_GRAPHML);
    assert_int_equal(ng_format_from_name("dot"), NG_FORMAT_DOT);
}

static void aliases_select_their_format(void **state)
{
    (void)state;
    assert_int_equal(ng_format_from_name("jgf"), NG_FORMAT_JSON);
    assert_int_equal(ng_format_from_name("gv"), NG_FORMAT_DOT);
}

static void names_ignore_ascii_case(void **state)
{
    (void)state;
    assert_int_equal(ng_format_from_name("JSON"), NG_FORMAT_JSON);
    assert_int_equal(ng_format_from_name("GraphML"), NG_FORMAT_GRAPHML);
    assert_int_equal(ng_format_from_name("Gv"), NG_FORMAT_DOT);
}

static void unknown_names_are_unknown(void **state)
{
    (void)state;
    assert_int_equal(ng_format_from_name(NULL), NG_FORMAT_UNKNOWN);
    assert_int_equal(ng_format_from_name(""), NG_FORMAT_UNKNOWN);
    assert_int_equal(ng_format_from_name("xml"), NG_FORMAT_UNKNOWN);
    assert_int_equal(ng_format_from_name("jsonl"), NG_FORMAT_UNKNOWN);
    assert_int_equal(ng_format_from_name("jso"), NG_FORMAT_UNKNOWN);
    assert_int_equal(ng_format_from_name(".json"), NG_FORMAT_UNKNOWN);
}

static void extensions_select_their_format(void **state)
{
    (void)state;
    assert_int_equal(ng_format_from_path("out.json"), NG_FORMAT_JSON);
    assert_int_equal(ng_format_from_path("dir/out.graphml"), NG_FORMAT_GRAPHML);
    assert_int_equal(ng_format_from_path("/tmp/a.b/out.dot"), NG_FORMAT_DOT);
    assert_int_equal(ng_format_from_path("out.gv"), NG_FORMAT_DOT);
}

static void extensions_ignore_ascii_case(void **state)
{
    (void)state;
    assert_int_equal(ng_format_from_path("OUT.JSON"), NG_FORMAT_JSON);
    assert_int_equal(ng_format_from_path("out.GraphML"), NG_FORMAT_GRAPHML);
}

static void paths_without_a_known_extension_are_unknown(void **state)
{
    (void)state;
    assert_int_equal(ng_format_from_path(NULL), NG_FORMAT_UNKNOWN);
    assert_int_equal(ng_format_from_path("-"), NG_FORMAT_UNKNOWN);
    assert_int_equal(ng_format_from_path("json"), NG_FORMAT_UNKNOWN);
    assert_int_equal(ng_format_from_path("out.json.bak"), NG_FORMAT_UNKNOWN);
    assert_int_equal(ng_format_from_path("out.json/file"), NG_FORMAT_UNKNOWN);
    assert_int_equal(ng_format_from_path("out.jgf"), NG_FORMAT_UNKNOWN);
}

static void format_names_are_lower_case(void **state)
{
    (void)state;
    assert_string_equal(ng_format_name(NG_FORMAT_JSON), "json");
    assert_string_equal(ng_format_name(NG_FORMAT_GRAPHML), "graphml");
    assert_string_equal(ng_format_name(NG_FORMAT_DOT), "dot");
    assert_null(ng_format_name(NG_FORMAT_UNKNOWN));
}

static void every_known_format_can_be_read(void **state)
{
    (void)state;
    assert_true(ng_format_can_read(NG_FORMAT_JSON));
    assert_true(ng_format_can_read(NG_FORMAT_GRAPHML));
    assert_true(ng_format_can_read(NG_FORMAT_DOT));
    assert_false(ng_format_can_read(NG_FORMAT_UNKNOWN));
}

static void every_format_has_a_consistent_entry(void **state)
{
    (void)state;
    const ng_format all[] = {NG_FORMAT_JSON, NG_FORMAT_GRAPHML, NG_FORMAT_DOT};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        const ng_format_ops *ops = ng_format_ops_of(all[i]);
        assert_non_null(ops);
        assert_int_equal(ops->format, all[i]);
        assert_non_null(ops->write);
        assert_int_equal(ng_format_from_name(ops->name), all[i]);
        assert_non_null(ops->extensions[0]);
        for (const char *const *ext = ops->extensions; *ext; ext++)
            assert_int_equal(ng_format_from_path(*ext), all[i]);
    }
    assert_null(ng_format_ops_of(NG_FORMAT_UNKNOWN));
}

static void writing_an_unknown_format_fails(void **state)
{
    (void)state;
    ng_graph *g = ng_graph_new(NULL);
    assert_non_null(g);
    ng_error err;
    assert_int_equal(ng_io_write(g, NG_FORMAT_UNKNOWN, stdout, &err), NG_ERR_FORMAT);
    assert_int_equal(err.status, NG_ERR_FORMAT);
    ng_graph_free(g);
}

static void reading_an_unknown_format_fails_naming_the_source(void **state)
{
    (void)state;
    ng_error err;
    assert_null(ng_io_read(NG_FORMAT_UNKNOWN, stdin, "in.txt", &err));
    assert_int_equal(err.status, NG_ERR_FORMAT);
    assert_string_equal(err.source, "in.txt");
    assert_non_null(strstr(err.text, "format"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names_select_their_format),
        cmocka_unit_test(aliases_select_their_format),
        cmocka_unit_test(names_ignore_ascii_case),
        cmocka_unit_test(unknown_names_are_unknown),
        cmocka_unit_test(extensions_select_their_format),
        cmocka_unit_test(extensions_ignore_ascii_case),
        cmocka_unit_test(paths_without_a_known_extension_are_unknown),
        cmocka_unit_test(format_names_are_lower_case),
        cmocka_unit_test(every_known_format_can_be_read),
        cmocka_unit_test(every_format_has_a_consistent_entry),
        cmocka_unit_test(writing_an_unknown_format_fails),
        cmocka_unit_test(reading_an_unknown_format_fails_naming_the_source),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
