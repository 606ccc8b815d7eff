/* The attribute counter in front of libxml2 (src/io/xml_guard.h): it must
 * stop a start tag with too many attributes, wherever the chunks of input
 * split it, and count nothing that is not an attribute of a start tag. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/xml_guard.h"
#include "util/buf.h"

/* `head`, then a start tag with `count` attributes, then `tail`. */
static void tag_with(ng_buf *xml, const char *head, size_t count, const char *tail)
{
    ng_buf_clear(xml);
    assert_int_equal(ng_buf_printf(xml, "%s<node", head), 0);
    for (size_t i = 0; i < count; i++)
        assert_int_equal(ng_buf_printf(xml, " a%zu=\"%zu\"", i, i), 0);
    assert_int_equal(ng_buf_printf(xml, "/>%s", tail), 0);
}

/* Scans xml in chunks of `chunk` bytes; returns what the scan returned. */
static int scan(const ng_buf *xml, size_t chunk, ng_xml_guard *g)
{
    *g = (ng_xml_guard){0};
    for (size_t at = 0; at < xml->len; at += chunk) {
        size_t n = xml->len - at < chunk ? xml->len - at : chunk;
        if (ng_xml_guard_scan(g, xml->data + at, n) != 0)
            return -1;
    }
    return 0;
}

static void test_limit_is_exact_in_any_chunking(void **state)
{
    (void)state;
    ng_buf xml = {0};
    ng_xml_guard g;
    for (size_t chunk = 1; chunk <= 4096; chunk *= 8) {
        tag_with(&xml, "<graphml>\n\n", NG_XML_MAX_ATTRIBUTES, "</graphml>");
        assert_int_equal(scan(&xml, chunk, &g), 0);
        tag_with(&xml, "<graphml>\n\n", NG_XML_MAX_ATTRIBUTES + 1, "</graphml>");
        assert_int_equal(scan(&xml, chunk, &g), -1);
        assert_int_equal(g.line, 3);
    }
    ng_buf_free(&xml);
}

static void test_each_tag_counts_alone(void **state)
{
    (void)state;
    ng_buf xml = {0}, twice = {0};
    tag_with(&xml, "", NG_XML_MAX_ATTRIBUTES, "");
    for (int i = 0; i < 3; i++)
        assert_int_equal(ng_buf_append(&twice, xml.data, xml.len), 0);
    ng_xml_guard g;
    assert_int_equal(scan(&twice, 1000, &g), 0);
    ng_buf_free(&xml);
    ng_buf_free(&twice);
}

/* '=' signs in values, text, end tags, comments, CDATA and processing
 * instructions are not attributes, nor is a quote in them the start of a
 * value: the '>' after them still ends what they are in. */
static void test_only_start_tag_attributes_count(void **state)
{
    (void)state;
    static const struct {
        const char *before, *filler, *after;
    } places[] = {
        {"<a v=\"", "x=' >", "\"/>"}, {"<a v='", "x=\" >", "'/>"},
        {"<a>", "x=' >", "</a>"},      {"<!-- ", "x=' >", " -->"},
        {"<![CDATA[", "x=' >", "]]>"}, {"<?pi ", "x=' >", "?>"},
        {"</a ", "x=' >", ">"},
    };
    ng_buf head = {0}, xml = {0};
    for (size_t p = 0; p < sizeof places / sizeof places[0]; p++) {
        ng_buf_clear(&head);
        assert_int_equal(ng_buf_append_str(&head, places[p].before), 0);
        for (size_t i = 0; i <= NG_XML_MAX_ATTRIBUTES; i++)
            assert_int_equal(ng_buf_append_str(&head, places[p].filler), 0);
        assert_int_equal(ng_buf_append_str(&head, places[p].after), 0);
        /* and a tag after them is counted from zero */
        tag_with(&xml, head.data, NG_XML_MAX_ATTRIBUTES, "");
        ng_xml_guard g;
        if (scan(&xml, 7, &g) != 0)
            fail_msg("counted attributes in %s...%s", places[p].before, places[p].after);
    }
    ng_buf_free(&head);
    ng_buf_free(&xml);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_limit_is_exact_in_any_chunking),
        cmocka_unit_test(test_each_tag_counts_alone),
        cmocka_unit_test(test_only_start_tag_attributes_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
