/* Name folding and slugs: what makes "Kim Jong-un" and "kim jong UN" one
 * name, and what ids look like. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "util/names.h"

static void assert_fold(const char *in, const char *expected)
{
    ng_buf out = {0};
    assert_int_equal(ng_name_fold(in, strlen(in), &out), 0);
    assert_string_equal(ng_buf_cstr(&out), expected);
    ng_buf_free(&out);
}

static void assert_slug(const char *in, const char *expected)
{
    ng_buf out = {0};
    assert_int_equal(ng_name_slug(in, strlen(in), &out), 0);
    assert_string_equal(ng_buf_cstr(&out), expected);
    ng_buf_free(&out);
}

static void test_fold_ignores_case_hyphens_and_spacing(void **state)
{
    (void)state;
    assert_fold("Kim Jong-un", "kim jong un");
    assert_fold("  kim   jong UN ", "kim jong un");
    assert_fold("Kim_Jong\xe2\x80\x93Un", "kim jong un"); /* en dash */
}

static void test_fold_unifies_apostrophes(void **state)
{
    (void)state;
    assert_fold("Russia\xe2\x80\x99s", "russia's");
}

static void test_fold_strips_diacritics_and_composes(void **state)
{
    (void)state;
    assert_fold("\xc3\x89lys\xc3\xa9" "e", "elysee");
    assert_fold("E\xcc\x81lyse\xcc\x81" "e", "elysee"); /* decomposed accents */
}

static void test_fold_keeps_non_latin_scripts(void **state)
{
    (void)state;
    assert_fold("\xea\xb9\x80\xec\xa0\x95\xec\x9d\x80", "\xea\xb9\x80\xec\xa0\x95\xec\x9d\x80");
    assert_fold("\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd", "\xd0\xbf\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd");
}

static void test_fold_drops_invalid_bytes(void **state)
{
    (void)state;
    assert_fold("Bad\xff\xfe" "Name", "badname");
}

static void test_slug_of_person(void **state)
{
    (void)state;
    assert_slug("Kim Jong Un", "kim-jong-un");
    assert_slug("Kim Jong-un", "kim-jong-un");
}

static void test_slug_drops_apostrophes_and_full_stops(void **state)
{
    (void)state;
    assert_slug("U.S.", "us");
    assert_slug("Russia's Far East", "russias-far-east");
}

static void test_slug_collapses_punctuation_runs(void **state)
{
    (void)state;
    assert_slug("Quote \"Group\" \\ & <Co>", "quote-group-co");
    assert_slug("--Komsomolsk-on-Amur--", "komsomolsk-on-amur");
}

static void test_slug_of_punctuation_only_is_empty(void **state)
{
    (void)state;
    assert_slug("!!! ???", "");
}

/* A name is mapped byte by byte as ASCII until a byte past 0x7f, and
 * then again from its start with utf8proc: what was written is taken
 * back, wherever that byte is and whatever the buffer held before. */
static void test_non_ascii_anywhere_after_ascii(void **state)
{
    (void)state;
    assert_fold("\xc3\x89lys\xc3\xa9" "e Palace", "elysee palace");
    assert_fold("Palais de l'\xc3\x89lys\xc3\xa9" "e", "palais de l'elysee");
    assert_slug("Palais de l'\xc3\x89lys\xc3\xa9" "e", "palais-de-lelysee");
    assert_slug("Kim Jong Un \xea\xb9\x80", "kim-jong-un-\xea\xb9\x80");
    assert_fold("Kim\xff", "kim");
    assert_slug("Bad \xff\xfe" "Name", "bad-name");

    ng_buf out = {0};
    assert_int_equal(ng_buf_append_str(&out, "held: "), 0);
    assert_int_equal(ng_name_fold("Long ASCII prefix \xc3\x89", 20, &out), 0);
    assert_string_equal(ng_buf_cstr(&out), "held: long ascii prefix e");
    assert_int_equal(ng_name_slug(" -- \xff", 5, &out), 0);
    assert_string_equal(ng_buf_cstr(&out), "held: long ascii prefix e");
    assert_int_equal(out.len, strlen(ng_buf_cstr(&out)));
    ng_buf_free(&out);
}

/* A plus sign is a word of its own in a slug: "OPEC+" is not "OPEC". */
static void test_slug_spells_plus(void **state)
{
    (void)state;
    assert_slug("OPEC+", "opec-plus");
    assert_slug("OPEC Plus", "opec-plus");
    assert_slug("OPEC", "opec");
    assert_slug("C++", "c-plus-plus");
    assert_slug("+", "plus");
    assert_slug("G7 + Partners", "g7-plus-partners");
    assert_slug("\xef\xbc\xa7" "7\xef\xbc\x8b", "g7-plus"); /* fullwidth G and plus */
    assert_fold("OPEC+", "opec+");
}

/* Every ASCII byte alone and between two letters, against the rules:
 * a slug keeps letters and digits, spells + as a word, drops ' and .,
 * separates the rest; a fold separates - _ and white space and keeps the
 * rest. */
static void test_every_ascii_byte(void **state)
{
    (void)state;
    for (int c = 1; c < 0x80; c++) {
        if (c == '+')
            continue; /* test_slug_spells_plus */
        int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        int lower = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
        int fold_space = c == '-' || c == '_' || c == ' ' || (c >= '\t' && c <= '\r');
        char in[4] = {'a', (char)c, 'b', '\0'};
        char fold[4] = {'a', (char)(fold_space ? ' ' : lower), 'b', '\0'};
        char slug[4] = {'a', (char)(alnum ? lower : '-'), 'b', '\0'};
        if (c == '\'' || c == '.')
            memmove(slug + 1, slug + 2, 2); /* dropped */
        assert_fold(in, fold);
        assert_slug(in, slug);
        char one[2] = {(char)c, '\0'};
        char fold_one[2] = {(char)(fold_space ? '\0' : lower), '\0'};
        char slug_one[2] = {(char)(alnum ? lower : '\0'), '\0'};
        assert_fold(one, fold_one);
        assert_slug(one, slug_one);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_ignores_case_hyphens_and_spacing),
        cmocka_unit_test(test_fold_unifies_apostrophes),
        cmocka_unit_test(test_fold_strips_diacritics_and_composes),
        cmocka_unit_test(test_fold_keeps_non_latin_scripts),
        cmocka_unit_test(test_fold_drops_invalid_bytes),
        cmocka_unit_test(test_slug_of_person),
        cmocka_unit_test(test_slug_drops_apostrophes_and_full_stops),
        cmocka_unit_test(test_slug_collapses_punctuation_runs),
        cmocka_unit_test(test_slug_of_punctuation_only_is_empty),
        cmocka_unit_test(test_non_ascii_anywhere_after_ascii),
        cmocka_unit_test(test_slug_spells_plus),
        cmocka_unit_test(test_every_ascii_byte),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
