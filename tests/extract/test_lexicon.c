/* The closed word classes of the extractor's grammar. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lexicon_finds_members),
        cmocka_unit_test(test_every_word_of_every_class_is_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
