/* The closed word classes of the extractor's grammar. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "extract/lexicon.h"

static void test_lexicon_finds_members(void **state)
{
    (void)state;
    assert_true(ng_lex_is(NG_LEX_LOCATION_PREP, "in"));
    assert_true(ng_lex_is(NG_LEX_NEGATION, "didn't"));
    assert_true(ng_lex_is(NG_LEX_FACILITY_NOUN, "facility"));
    assert_true(ng_lex_is(NG_LEX_VEHICLE_NOUN, "train"));
    assert_true(ng_lex_is(NG_LEX_GROUP_NOUN, "troops"));
    assert_false(ng_lex_is(NG_LEX_GROUP_NOUN, "artillery"));
    assert_false(ng_lex_is(NG_LEX_DETERMINER, NULL));
}

/* Lookups are binary searches: a list out of order loses words. Every
 * word of every class must be found. */
static void test_every_word_of_every_class_is_found(void **state)
{
    (void)state;
    for (int c = 0; c < NG_LEX_CLASS_COUNT; c++) {
        size_t n = 0;
        const char *const *words = ng_lex_words((ng_lex_class)c, &n);
        assert_true(n > 0);
        for (size_t i = 0; i < n; i++) {
            if (!ng_lex_is((ng_lex_class)c, words[i]))
                fail_msg("class %d: \"%s\" is out of order", c, words[i]);
        }
    }
}

static void test_new_classes(void **state)
{
    (void)state;
    assert_true(ng_lex_is(NG_LEX_CLAUSE_END, ";"));
    assert_true(ng_lex_is(NG_LEX_CLAUSE_END, "\""));
    assert_false(ng_lex_is(NG_LEX_CLAUSE_END, ","));
    assert_true(ng_lex_is(NG_LEX_BE, "been"));
    assert_false(ng_lex_is(NG_LEX_BE, "has"));
    unsigned stop = ng_lex_classes(".", 1);
    assert_true(stop & NG_LEX_BIT(NG_LEX_CLAUSE_END));
}

/* Every numbered word comes back with its number, next to its classes,
 * and no other word has one. */
static void test_numbered_words(void **state)
{
    (void)state;
    assert_true(NG_LEX_CLASS_COUNT <= NG_LEX_WORD_SHIFT);
    assert_null(ng_lex_word_text(NG_WORD_NONE));
    assert_null(ng_lex_word_text(NG_WORD_COUNT));
    for (int w = 1; w < NG_WORD_COUNT; w++) {
        const char *text = ng_lex_word_text((ng_lex_word)w);
        assert_non_null(text);
        unsigned lex = ng_lex_classes(text, strlen(text));
        if (ng_lex_word_of(lex) != (ng_lex_word)w)
            fail_msg("\"%s\" is word %d, not %d", text, (int)ng_lex_word_of(lex), w);
        for (int c = 0; c < NG_LEX_CLASS_COUNT; c++)
            assert_int_equal(!!(lex & NG_LEX_BIT(c)), ng_lex_is((ng_lex_class)c, text));
    }
    unsigned in = ng_lex_classes("in", 2);
    assert_int_equal(ng_lex_word_of(in), NG_WORD_IN);
    assert_true(in & NG_LEX_BIT(NG_LEX_LOCATION_PREP));
    assert_int_equal(ng_lex_word_of(ng_lex_classes("into", 4)), NG_WORD_NONE);
    assert_int_equal(ng_lex_word_of(ng_lex_classes("andy", 4)), NG_WORD_NONE);
    assert_int_equal(ng_lex_word_of(ng_lex_classes("an", 2)), NG_WORD_NONE);
    assert_int_equal(ng_lex_word_of(ng_lex_classes("troops", 6)), NG_WORD_NONE);
    assert_int_equal(ng_lex_word_of(ng_lex_classes("and", 2)), NG_WORD_NONE); /* "an" */
}

/* The relation finder tests two ranges of numbers (lexicon.h). */
static void test_numbered_ranges(void **state)
{
    (void)state;
    const char *asides[] = {",", "-", "("};
    for (int w = NG_WORD_COMMA; w <= NG_WORD_OPEN_PAREN; w++)
        assert_string_equal(ng_lex_word_text((ng_lex_word)w), asides[w - NG_WORD_COMMA]);
    const char *readings[] = {"bring", "bringing", "brings", "brought", "include",
                              "included", "includes", "carrying", "transporting"};
    assert_int_equal(NG_WORD_TRANSPORTING - NG_WORD_BRING + 1, sizeof readings / sizeof *readings);
    for (int w = NG_WORD_BRING; w <= NG_WORD_TRANSPORTING; w++)
        assert_string_equal(ng_lex_word_text((ng_lex_word)w), readings[w - NG_WORD_BRING]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lexicon_finds_members),
        cmocka_unit_test(test_every_word_of_every_class_is_found),
        cmocka_unit_test(test_new_classes),
        cmocka_unit_test(test_numbered_words),
        cmocka_unit_test(test_numbered_ranges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
