/* The output sanitiser: what it replaces, drops and keeps. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>

#include <cmocka.h>

#include "io/sanitize.h"

#define REPLACEMENT "\xEF\xBF\xBD"

/* Sanitises s[0..n) into a fresh buffer and compares with `want`. */
static void check_bytes(const char *s, size_t n, const char *want)
{
    ng_buf out = {0};
    assert_int_equal(ng_sanitize(s, n, &out), 0);
    assert_string_equal(ng_buf_cstr(&out), want);
    assert_int_equal(out.len, strlen(want));
    ng_buf_free(&out);
}

static void check(const char *s, const char *want)
{
    check_bytes(s, strlen(s), want);
}

static void invalid_byte_becomes_replacement_char(void **state)
{
    (void)state;
    check("a\xff" "b", "a" REPLACEMENT "b");
    check("\x80", REPLACEMENT);
}

static void truncated_sequence_becomes_one_replacement_char(void **state)
{
    (void)state;
    check("x\xe2\x82", "x" REPLACEMENT);
    check("\xf0\x9f\x98 ok", REPLACEMENT " ok");
}

static void overlong_encoding_is_replaced_byte_by_byte(void **state)
{
    (void)state;
    check("\xc0\xaf", REPLACEMENT REPLACEMENT);
    check("\xe0\x80\xaf", REPLACEMENT REPLACEMENT REPLACEMENT);
}

static void encoded_surrogate_is_replaced(void **state)
{
    (void)state;
    check("\xed\xa0\x80", REPLACEMENT REPLACEMENT REPLACEMENT);
}

static void code_point_above_unicode_is_replaced(void **state)
{
    (void)state;
    check("\xf4\x90\x80\x80", REPLACEMENT REPLACEMENT REPLACEMENT REPLACEMENT);
}

static void c0_controls_and_del_become_spaces(void **state)
{
    (void)state;
    check("a\tb\nc\rd\x01" "e\x7f" "f\x1b[31m", "a b c d e f [31m");
}

static void c1_controls_become_spaces(void **state)
{
    (void)state;
    check("a\xc2\x85" "b\xc2\x9f" "c", "a b c");
}

static void nul_inside_the_span_becomes_space(void **state)
{
    (void)state;
    check_bytes("a\0b", 3, "a b");
}

static void bidi_overrides_and_isolates_are_dropped(void **state)
{
    (void)state;
    check("evil\xe2\x80\xae" "edirrevo", "evil" "edirrevo");
    check("\xe2\x80\xaa" "a\xe2\x81\xa6" "b\xe2\x81\xa9", "ab");
}

static void bidi_marks_are_kept(void **state)
{
    (void)state;
    check("a\xe2\x80\x8f" "b", "a\xe2\x80\x8f" "b"); /* U+200F is a mark, not an override */
}

static void cjk_and_hangul_are_kept(void **state)
{
    (void)state;
    check("\xe5\xb9\xb3\xe5\xa3\xa4 \xea\xb9\x80\xec\xa0\x95\xec\x9d\x80",
          "\xe5\xb9\xb3\xe5\xa3\xa4 \xea\xb9\x80\xec\xa0\x95\xec\x9d\x80");
}

static void four_byte_characters_are_kept(void **state)
{
    (void)state;
    check("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");
}

static void markup_characters_are_kept(void **state)
{
    (void)state;
    check("\"quoted\" \\ & <tag> 'x' ]]>", "\"quoted\" \\ & <tag> 'x' ]]>");
}

static void xml_noncharacters_are_replaced(void **state)
{
    (void)state;
    check("a\xef\xbf\xbe" "b\xef\xbf\xbf", "a" REPLACEMENT "b" REPLACEMENT);
}

static void replacement_char_itself_is_kept(void **state)
{
    (void)state;
    check(REPLACEMENT, REPLACEMENT);
}

static void empty_input_gives_empty_string(void **state)
{
    (void)state;
    check("", "");
}

static void sanitize_appends_to_the_buffer(void **state)
{
    (void)state;
    ng_buf out = {0};
    assert_int_equal(ng_sanitize("ab", 2, &out), 0);
    assert_int_equal(ng_sanitize("\x01" "c", 2, &out), 0);
    assert_string_equal(ng_buf_cstr(&out), "ab c");
    ng_buf_free(&out);
}

static void sanitize_str_replaces_the_scratch_contents(void **state)
{
    (void)state;
    ng_buf scratch = {0};
    assert_string_equal(ng_sanitize_str(&scratch, "first"), "first");
    assert_string_equal(ng_sanitize_str(&scratch, "x\ny"), "x y");
    ng_buf_free(&scratch);
}

static void sanitize_str_of_null_is_empty(void **state)
{
    (void)state;
    ng_buf scratch = {0};
    assert_int_equal(ng_buf_putc(&scratch, 'z'), 0);
    assert_string_equal(ng_sanitize_str(&scratch, NULL), "");
    ng_buf_free(&scratch);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(invalid_byte_becomes_replacement_char),
        cmocka_unit_test(truncated_sequence_becomes_one_replacement_char),
        cmocka_unit_test(overlong_encoding_is_replaced_byte_by_byte),
        cmocka_unit_test(encoded_surrogate_is_replaced),
        cmocka_unit_test(code_point_above_unicode_is_replaced),
        cmocka_unit_test(c0_controls_and_del_become_spaces),
        cmocka_unit_test(c1_controls_become_spaces),
        cmocka_unit_test(nul_inside_the_span_becomes_space),
        cmocka_unit_test(bidi_overrides_and_isolates_are_dropped),
        cmocka_unit_test(bidi_marks_are_kept),
        cmocka_unit_test(cjk_and_hangul_are_kept),
        cmocka_unit_test(four_byte_characters_are_kept),
        cmocka_unit_test(markup_characters_are_kept),
        cmocka_unit_test(xml_noncharacters_are_replaced),
        cmocka_unit_test(replacement_char_itself_is_kept),
        cmocka_unit_test(empty_input_gives_empty_string),
        cmocka_unit_test(sanitize_appends_to_the_buffer),
        cmocka_unit_test(sanitize_str_replaces_the_scratch_contents),
        cmocka_unit_test(sanitize_str_of_null_is_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
