/* The name key of the scorer, one test per rule of the reference's
 * norm(). The expected keys are what score.py's norm() returns for the
 * same input, so a test here fails exactly when matching would differ. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <newsgraph/error.h>

#include "eval/norm.h"
#include "util/buf.h"

static void assert_key(const char *name, const char *expected)
{
    ng_buf out = {0};
    assert_int_equal(ng_norm_name(name, strlen(name), &out), 0);
    assert_string_equal(ng_buf_cstr(&out), expected);
    ng_buf_free(&out);
}

/* Rule 1: compatibility forms are folded (full-width letters, ligatures,
 * circled digits)... */
static void nfkc_folds_compatibility_forms(void **state)
{
    (void)state;
    assert_key("\xef\xbc\xab\xef\xbc\xa9\xef\xbc\xad", "kim");        /* ＫＩＭ */
    assert_key("\xef\xac\x81nland", "finland");                       /* ﬁnland */
    assert_key("\xe2\x91\xa0", "1");                                  /* ① */
}

/* ...and then case is folded, fully ("ß" is "ss"), keeping accents. */
static void case_is_folded_after_nfkc(void **state)
{
    (void)state;
    assert_key("KIM JONG UN", "kim jong un");
    assert_key("Stra\xc3\x9f" "e", "strasse");
    assert_key("\xc3\x89lys\xc3\xa9" "e", "\xc3\xa9lys\xc3\xa9" "e"); /* Élysée -> élysée */
    assert_key("\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd",                 /* Путин */
               "\xd0\xbf\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd");
    /* Folding İ and ǰ yields a letter and a combining mark, which NFKC
     * would recompose but which the reference, folding last, leaves
     * apart: the mark then becomes a space (rule 5). */
    assert_key("\xc4\xb0stanbul", "i stanbul");
    assert_key("\xc7\xb0", "j");
}

/* Rule 2: typographic single quotes are apostrophes. */
static void curly_quotes_become_apostrophes(void **state)
{
    (void)state;
    assert_key("O\xe2\x80\x99" "Brien", "o'brien");
    assert_key("\xe2\x80\x98" "Ali\xe2\x80\x99", "'ali'");
}

/* Rule 3: hyphens, underscores and U+2010..U+2015 are spaces, before the
 * possessive rule looks at what follows "'s". */
static void hyphens_and_underscores_become_spaces(void **state)
{
    (void)state;
    assert_key("Kim Jong-un", "kim jong un");
    assert_key("Kim_Jong_Un", "kim jong un");
    assert_key("Kim\xe2\x80\x93Jong\xe2\x80\x95Un", "kim jong un"); /* en dash, U+2015 */
    assert_key("Russia's_army", "russia army");                      /* '_' is a word character */
}

/* Rule 4: a possessive "'s" goes where no word character follows. */
static void possessive_s_is_dropped_at_word_end(void **state)
{
    (void)state;
    assert_key("Russia's", "russia");
    assert_key("Russia\xe2\x80\x99s", "russia");
    assert_key("the Kremlin's envoy", "kremlin envoy");
    assert_key("'s", "");
    assert_key("O'Sullivan", "o'sullivan");
    assert_key("it'sy", "it'sy");
}

/* Rule 5: anything but letters, numbers and apostrophes is a space;
 * combining marks are not word characters for Python's \w. */
static void other_characters_become_spaces(void **state)
{
    (void)state;
    assert_key("U.S.", "u s");
    assert_key("Kim (KCNA)", "kim kcna");
    assert_key("a\xe2\x88\x92" "b", "a b");          /* U+2212 minus sign */
    assert_key("x\xcc\xb0y", "x y");                 /* U+0330, a mark with nothing to join */
    assert_key("Paris's\xcc\xb0", "paris");         /* nor is it a word character after "'s" */
    assert_key("o'neill", "o'neill");
    assert_key("\xea\xb9\x80\xec\xa0\x95\xec\x9d\x80", "\xea\xb9\x80\xec\xa0\x95\xec\x9d\x80");
}

/* Rule 6: white space of any kind collapses, and the ends are trimmed. */
static void spaces_collapse_and_ends_are_trimmed(void **state)
{
    (void)state;
    assert_key("  Kim \t Jong   Un  ", "kim jong un");
    assert_key("Kim\xc2\xa0Jong\xe3\x80\x80Un", "kim jong un"); /* no-break, ideographic */
    assert_key(" - ", "");
}

/* Rule 7: one leading "the " goes, after trimming. */
static void one_leading_article_is_dropped(void **state)
{
    (void)state;
    assert_key("The Kremlin", "kremlin");
    assert_key("  the   Kremlin", "kremlin");
    assert_key("the the x", "the x");
    assert_key("theatre", "theatre");
    assert_key("the", "the");
    assert_key("Kremlin, the", "kremlin the");
}

static void invalid_utf8_is_refused(void **state)
{
    (void)state;
    ng_buf out = {0};
    assert_int_equal(ng_norm_name("Kim\xff", 4, &out), NG_ERR_ENCODING);
    ng_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nfkc_folds_compatibility_forms),
        cmocka_unit_test(case_is_folded_after_nfkc),
        cmocka_unit_test(curly_quotes_become_apostrophes),
        cmocka_unit_test(hyphens_and_underscores_become_spaces),
        cmocka_unit_test(possessive_s_is_dropped_at_word_end),
        cmocka_unit_test(other_characters_become_spaces),
        cmocka_unit_test(spaces_collapse_and_ends_are_trimmed),
        cmocka_unit_test(one_leading_article_is_dropped),
        cmocka_unit_test(invalid_utf8_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
