/* Unit tests of ng_normalize: repairs, folding, NFC and the origin map. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text/normalize.h"
#include "util/utf8.h"

typedef struct result {
    ng_buf text;
    size_t *origin;
    size_t origin_cap;
    ng_normalize_report report;
} result;

static void normalize(result *r, const char *raw, size_t n)
{
    *r = (result){0};
    assert_int_equal(ng_normalize(raw, n, &r->text, &r->origin, &r->origin_cap, &r->report), 0);
    assert_non_null(r->text.data);
    assert_int_equal(r->text.data[r->text.len], '\0');
    assert_int_equal(r->origin[r->text.len], n);
}

static void release(result *r)
{
    ng_buf_free(&r->text);
    free(r->origin);
}

/* Normalises a C string and checks the text it gives. */
static void expect_text(const char *raw, const char *want)
{
    result r;
    normalize(&r, raw, strlen(raw));
    assert_string_equal(r.text.data, want);
    release(&r);
}

static void test_normalize_ascii_has_identity_origin(void **state)
{
    (void)state;
    const char *raw = "Kim met Putin.\nThey talked.";
    result r;
    normalize(&r, raw, strlen(raw));
    assert_string_equal(r.text.data, raw);
    for (size_t i = 0; i <= r.text.len; i++)
        assert_int_equal(r.origin[i], i);
    assert_int_equal(r.report.invalid_bytes, 0);
    assert_int_equal(r.report.control_chars, 0);
    release(&r);
}

static void test_normalize_empty_input_gives_empty_text(void **state)
{
    (void)state;
    result r;
    normalize(&r, "", 0);
    assert_int_equal(r.text.len, 0);
    assert_int_equal(r.origin[0], 0);
    release(&r);
}

static void test_normalize_folds_curly_quotes(void **state)
{
    (void)state;
    expect_text("Russia\xe2\x80\x99s \xe2\x80\x9cspecial operation\xe2\x80\x9d "
                "\xe2\x80\x98no\xe2\x80\x99",
                "Russia's \"special operation\" 'no'");
    expect_text("\xc2\xabnon\xc2\xbb", "\"non\"");
}

static void test_normalize_folds_dashes_and_minus(void **state)
{
    (void)state;
    expect_text("a\xe2\x80\x90" "b\xe2\x80\x93" "c\xe2\x80\x94" "d\xe2\x80\x95" "e\xe2\x88\x92" "1",
                "a-b-c-d-e-1");
}

static void test_normalize_folds_unicode_spaces(void **state)
{
    (void)state;
    expect_text("A\xc2\xa0" "B\xe2\x80\x83" "C\xe2\x80\xaf" "D\xe3\x80\x80" "E", "A B C D E");
}

static void test_normalize_line_separator_becomes_newline(void **state)
{
    (void)state;
    expect_text("one\xe2\x80\xa8two", "one\ntwo");
}

static void test_normalize_removes_zero_width_soft_hyphen_and_bom(void **state)
{
    (void)state;
    expect_text("\xef\xbb\xbfKim\xe2\x80\x8b Jong\xc2\xad" "Un\xe2\x80\x8f", "Kim JongUn");
}

static void test_normalize_expands_ellipsis_with_one_origin(void **state)
{
    (void)state;
    const char *raw = "wait\xe2\x80\xa6";
    result r;
    normalize(&r, raw, strlen(raw));
    assert_string_equal(r.text.data, "wait...");
    for (size_t i = 4; i < 7; i++)
        assert_int_equal(r.origin[i], 4);
    release(&r);
}

static void test_normalize_nfc_composes_decomposed_e_acute(void **state)
{
    (void)state;
    const char *raw = "Kim re\xcc\x81sume\xcc\x81";
    result r;
    normalize(&r, raw, strlen(raw));
    assert_string_equal(r.text.data, "Kim r\xc3\xa9sum\xc3\xa9");
    /* both bytes of the first é come from the 'e' at offset 5 */
    assert_int_equal(r.origin[5], 5);
    assert_int_equal(r.origin[6], 5);
    assert_int_equal(r.origin[7], 8); /* 's' after the combining mark */
    release(&r);
}

static void test_normalize_nfc_composes_hangul_jamo(void **state)
{
    (void)state;
    /* U+1112 U+1161 U+11AB -> U+D55C */
    expect_text("\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab", "\xed\x95\x9c");
}

static void test_normalize_nfc_reorders_combining_marks(void **state)
{
    (void)state;
    /* a + U+0301 (ccc 230) + U+0323 (ccc 220) -> U+1EA1 (a with dot below) + U+0301 */
    expect_text("a\xcc\x81\xcc\xa3", "\xe1\xba\xa1\xcc\x81");
}

static void test_normalize_keeps_precomposed_text_with_exact_origin(void **state)
{
    (void)state;
    const char *raw = "Zelensk\xc3\xbd \xe6\xad\x90\xe9\x99\xbd";
    result r;
    normalize(&r, raw, strlen(raw));
    assert_string_equal(r.text.data, raw);
    /* every byte maps to the first byte of its own character */
    static const size_t want[] = {0, 1, 2, 3, 4, 5, 6, 7, 7, 9, 10, 10, 10, 13, 13, 13, 16};
    for (size_t i = 0; i <= r.text.len; i++)
        assert_int_equal(r.origin[i], want[i]);
    release(&r);
}

static void test_normalize_invalid_byte_maps_to_replacement_with_offset(void **state)
{
    (void)state;
    const char *raw = "ab\xffgh";
    result r;
    normalize(&r, raw, strlen(raw));
    assert_string_equal(r.text.data, "ab\xef\xbf\xbdgh");
    assert_int_equal(r.origin[2], 2);
    assert_int_equal(r.origin[3], 2);
    assert_int_equal(r.origin[4], 2);
    assert_int_equal(r.origin[5], 3);
    assert_int_equal(r.report.invalid_bytes, 1);
    assert_int_equal(r.report.first_invalid, 2);
    release(&r);
}

static size_t count_replacements(const char *s)
{
    size_t k = 0;
    for (const char *p = s; (p = strstr(p, "\xef\xbf\xbd")) != NULL; p += 3)
        k++;
    return k;
}

static void test_normalize_replaces_each_maximal_invalid_subpart(void **state)
{
    (void)state;
    static const struct {
        const char *raw;
        size_t replacements;
        size_t invalid_bytes;
    } cases[] = {
        {"\xe2\x82", 1, 2},          /* truncated three-byte sequence */
        {"\xe2\x82 x", 1, 2},        /* truncated, then text */
        {"\xed\xa0\x80", 3, 3},      /* encoded surrogate */
        {"\xc0\xaf", 2, 2},          /* overlong */
        {"\xf0\x80\x80\x80", 4, 4},  /* overlong four-byte */
        {"\xf4\x90\x80\x80", 4, 4},  /* above U+10FFFF */
        {"\x80\x80", 2, 2},          /* lone continuation bytes */
        {"\xf0\x9f\x98", 1, 3},      /* truncated four-byte */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        result r;
        normalize(&r, cases[i].raw, strlen(cases[i].raw));
        assert_int_equal(count_replacements(r.text.data), cases[i].replacements);
        assert_int_equal(r.report.invalid_bytes, cases[i].invalid_bytes);
        release(&r);
    }
}

static void test_normalize_crlf_and_cr_become_newline(void **state)
{
    (void)state;
    const char *raw = "one\r\ntwo\rthree\r";
    result r;
    normalize(&r, raw, strlen(raw));
    assert_string_equal(r.text.data, "one\ntwo\nthree\n");
    assert_int_equal(r.origin[3], 3);
    assert_int_equal(r.origin[4], 5);
    assert_int_equal(r.report.control_chars, 0);
    release(&r);
}

static void test_normalize_controls_become_spaces_and_are_reported(void **state)
{
    (void)state;
    const char raw[] = "a\0b\x01" "c\xc2\x85" "d\x7f";
    result r;
    normalize(&r, raw, sizeof raw - 1);
    assert_string_equal(r.text.data, "a b c d ");
    assert_int_equal(r.report.control_chars, 4);
    assert_int_equal(r.report.first_control, 1);
    release(&r);
}

static void test_normalize_tab_becomes_space_unreported(void **state)
{
    (void)state;
    result r;
    normalize(&r, "a\tb", 3);
    assert_string_equal(r.text.data, "a b");
    assert_int_equal(r.report.control_chars, 0);
    release(&r);
}

static void test_normalize_appends_after_existing_text(void **state)
{
    (void)state;
    ng_buf text = {0};
    size_t *origin = NULL, cap = 0;
    assert_int_equal(ng_buf_append_str(&text, "old "), 0);
    assert_int_equal(ng_normalize("new\xe2\x80\x99", 6, &text, &origin, &cap, NULL), 0);
    assert_string_equal(text.data, "old new'");
    assert_int_equal(origin[4], 0);
    assert_int_equal(origin[7], 3);
    assert_int_equal(origin[8], 6);
    ng_buf_free(&text);
    free(origin);
}

static void test_normalize_origin_is_monotonic(void **state)
{
    (void)state;
    const char *raw = "\xef\xbb\xbfR\xc3\xa9sum\xe2\x80\x99"
                      "e\xcc\x81\xff x\r\ny\xe2\x80\xa6\xe1\x84\x92\xe1\x85\xa1";
    result r;
    normalize(&r, raw, strlen(raw));
    for (size_t i = 0; i < r.text.len; i++)
        assert_true(r.origin[i] <= r.origin[i + 1]);
    assert_true(r.origin[r.text.len - 1] < strlen(raw));
    release(&r);
}

static void test_normalize_long_run_of_marks_stays_valid(void **state)
{
    (void)state;
    /* a base letter with 100 000 alternating combining marks: normalised in
     * bounded pieces, so this is quick, and the output is valid UTF-8 */
    size_t marks = 100000, n = 1 + 2 * marks;
    char *raw = malloc(n);
    assert_non_null(raw);
    raw[0] = 'a';
    for (size_t i = 0; i < marks; i++)
        memcpy(raw + 1 + 2 * i, i % 2 ? "\xcc\xa3" : "\xcc\x81", 2);
    result r;
    normalize(&r, raw, n);
    assert_int_equal(r.report.invalid_bytes, 0);
    assert_true(r.text.len >= n - 1 && r.text.len <= n);
    release(&r);
    free(raw);
}

/* How many bytes p[0..n) starts with that are printable ASCII (or also
 * '\n'), one byte at a time. */
static size_t plain_prefix(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n && ((p[i] >= 0x20 && p[i] < 0x7F) || p[i] == '\n'))
        i++;
    return i;
}

static void test_normalize_ascii_prefixes_stop_at_first_other_byte(void **state)
{
    (void)state;
    /* The scans take blocks of bytes: put the byte that stops them at
     * every offset of every length, after every alignment. */
    static const unsigned char stops[] = {0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x7F, 0x80, 0xA0, 0xC3, 0xFF};
    unsigned char buf[80];
    for (size_t align = 0; align < 8; align++) {
        for (size_t n = 0; n + align <= sizeof buf; n++) {
            unsigned char *p = buf + align;
            for (size_t k = 0; k < n; k++)
                p[k] = (unsigned char)(0x20 + (k * 7) % 95);
            assert_int_equal(ng_ascii_text_prefix(p, n), n);
            for (size_t at = 0; at < n; at++) {
                for (size_t s = 0; s < sizeof stops; s++) {
                    unsigned char keep = p[at];
                    p[at] = stops[s];
                    if (at + 1 < n && s % 2) /* a second stop after the first */
                        p[n - 1] = stops[(s + 3) % sizeof stops];
                    assert_int_equal(ng_ascii_text_prefix(p, n), plain_prefix(p, n));
                    p[at] = keep;
                    p[n - 1] = (unsigned char)(0x20 + ((n - 1) * 7) % 95);
                }
            }
        }
    }
}

static void test_normalize_mark_after_ascii_run_of_any_length(void **state)
{
    (void)state;
    /* The ASCII before a combining mark is normalised with it, wherever
     * the run of ASCII before it ends. */
    char raw[128], want[128];
    for (size_t run = 0; run < 70; run++) {
        for (size_t k = 0; k < run; k++)
            raw[k] = k % 9 == 8 ? '\n' : (char)('a' + k % 26);
        memcpy(raw + run, "e\xcc\x81 ok", 6);
        memcpy(want, raw, run);
        memcpy(want + run, "\xc3\xa9 ok", 6);
        result r;
        normalize(&r, raw, run + 6);
        assert_string_equal(r.text.data, want);
        for (size_t k = 0; k < run; k++)
            assert_int_equal(r.origin[k], k);
        assert_int_equal(r.origin[run], run);     /* both bytes of the e acute */
        assert_int_equal(r.origin[run + 1], run); /* come from the 'e' */
        for (size_t k = run + 2; k <= r.text.len; k++)
            assert_int_equal(r.origin[k], k + 1);
        release(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_ascii_has_identity_origin),
        cmocka_unit_test(test_normalize_empty_input_gives_empty_text),
        cmocka_unit_test(test_normalize_folds_curly_quotes),
        cmocka_unit_test(test_normalize_folds_dashes_and_minus),
        cmocka_unit_test(test_normalize_folds_unicode_spaces),
        cmocka_unit_test(test_normalize_line_separator_becomes_newline),
        cmocka_unit_test(test_normalize_removes_zero_width_soft_hyphen_and_bom),
        cmocka_unit_test(test_normalize_expands_ellipsis_with_one_origin),
        cmocka_unit_test(test_normalize_nfc_composes_decomposed_e_acute),
        cmocka_unit_test(test_normalize_nfc_composes_hangul_jamo),
        cmocka_unit_test(test_normalize_nfc_reorders_combining_marks),
        cmocka_unit_test(test_normalize_keeps_precomposed_text_with_exact_origin),
        cmocka_unit_test(test_normalize_invalid_byte_maps_to_replacement_with_offset),
        cmocka_unit_test(test_normalize_replaces_each_maximal_invalid_subpart),
        cmocka_unit_test(test_normalize_crlf_and_cr_become_newline),
        cmocka_unit_test(test_normalize_controls_become_spaces_and_are_reported),
        cmocka_unit_test(test_normalize_tab_becomes_space_unreported),
        cmocka_unit_test(test_normalize_appends_after_existing_text),
        cmocka_unit_test(test_normalize_origin_is_monotonic),
        cmocka_unit_test(test_normalize_long_run_of_marks_stays_valid),
        cmocka_unit_test(test_normalize_ascii_prefixes_stop_at_first_other_byte),
        cmocka_unit_test(test_normalize_mark_after_ascii_run_of_any_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
