/* The small word sets of the text stage: a probe gives every list a word
 * is in, folded or not, and nothing for words it cannot hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "util/wordset.h"

static const char *const fruits[] = {"apple", "pear", "sixteen-letters!"};
static const char *const reds[] = {"apple", "cherry"};

static void test_bits_of_every_list(void **state)
{
    (void)state;
    static ng_wordset set;
    ng_wordset_add(&set, fruits, 3, 1);
    ng_wordset_add(&set, reds, 2, 2);
    assert_int_equal(ng_wordset_bits(&set, "apple", 5), 3);
    assert_int_equal(ng_wordset_bits(&set, "pear", 4), 1);
    assert_int_equal(ng_wordset_bits(&set, "cherry", 6), 2);
    assert_int_equal(ng_wordset_bits(&set, "sixteen-letters!", 16), 1);
    assert_int_equal(ng_wordset_bits(&set, "appl", 4), 0);     /* a prefix */
    assert_int_equal(ng_wordset_bits(&set, "apples", 6), 0);   /* longer */
    assert_int_equal(ng_wordset_bits(&set, "Apple", 5), 0);    /* case kept */
    assert_int_equal(ng_wordset_bits(&set, "", 0), 0);
    assert_int_equal(ng_wordset_bits(&set, "seventeen-letters", 17), 0);
}

static void test_folded_set(void **state)
{
    (void)state;
    static ng_wordset set = {.fold = 1};
    ng_wordset_add(&set, fruits, 3, 4);
    assert_int_equal(ng_wordset_bits(&set, "APPLE", 5), 4);
    assert_int_equal(ng_wordset_bits(&set, "Pear", 4), 4);
    assert_int_equal(ng_wordset_bits(&set, "pe\xc3\xa1r", 5), 0); /* not ASCII */
    /* Only letters fold: '@' stands just below 'A'. */
    assert_int_equal(ng_wordset_bits(&set, "@pple", 5), 0);
}

/* Many words, each with its own bit pattern, all found again. */
static void test_many_words(void **state)
{
    (void)state;
    static ng_wordset set;
    static char words[300][12];
    for (int i = 0; i < 300; i++) {
        snprintf(words[i], sizeof words[i], "w%d", i);
        const char *list[] = {words[i]};
        ng_wordset_add(&set, list, 1, (uint32_t)(i + 1));
    }
    for (int i = 0; i < 300; i++)
        assert_int_equal(ng_wordset_bits(&set, words[i], strlen(words[i])), (uint32_t)(i + 1));
    assert_int_equal(ng_wordset_bits(&set, "w300", 4), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bits_of_every_list),
        cmocka_unit_test(test_folded_set),
        cmocka_unit_test(test_many_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
