/* Unit tests of sentence splitting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text/sentence.h"

#define MAX_SENTENCES 16

typedef struct split {
    char text[MAX_SENTENCES][512];
    size_t count;
} split;

static void split_text(const char *text, split *out)
{
    size_t n = strlen(text), pos = 0;
    ng_span span;
    out->count = 0;
    while (ng_sentence_next(text, n, &pos, &span)) {
        assert_true(out->count < MAX_SENTENCES);
        assert_true(span.start < span.end && span.end <= n);
        assert_true(pos >= span.end && pos <= n);
        size_t len = span.end - span.start;
        assert_true(len < sizeof out->text[0]);
        memcpy(out->text[out->count], text + span.start, len);
        out->text[out->count][len] = '\0';
        out->count++;
    }
    assert_int_equal(pos, n);
}

/* Checks that `text` splits into exactly the sentences given, NULL-ended. */
static void expect_sentences(const char *text, ...)
{
    split s;
    split_text(text, &s);
    va_list ap;
    va_start(ap, text);
    size_t i = 0;
    for (const char *want; (want = va_arg(ap, const char *)) != NULL; i++) {
        assert_true(i < s.count);
        assert_string_equal(s.text[i], want);
    }
    va_end(ap);
    assert_int_equal(s.count, i);
}

static void test_sentence_splits_at_full_stops(void **state)
{
    (void)state;
    expect_sentences("Kim met Putin. They talked for hours. Nothing was signed.",
                     "Kim met Putin.", "They talked for hours.", "Nothing was signed.", NULL);
}

static void test_sentence_empty_or_blank_text_has_none(void **state)
{
    (void)state;
    expect_sentences("", NULL);
    expect_sentences("   \n\n\t ", NULL);
}

static void test_sentence_span_is_trimmed(void **state)
{
    (void)state;
    expect_sentences("   Kim left.   \n\n   Putin stayed   ", "Kim left.", "Putin stayed", NULL);
}

static void test_sentence_question_and_exclamation_end(void **state)
{
    (void)state;
    expect_sentences("Will they meet? Nobody knows! Talks go on.", "Will they meet?",
                     "Nobody knows!", "Talks go on.", NULL);
}

static void test_sentence_keeps_us_abbreviation(void **state)
{
    (void)state;
    expect_sentences("A U.S. official said Monday that talks were over. Kim left.",
                     "A U.S. official said Monday that talks were over.", "Kim left.", NULL);
    expect_sentences("The U.N. Security Council met.", "The U.N. Security Council met.", NULL);
}

static void test_sentence_us_abbreviation_can_end_sentence(void **state)
{
    (void)state;
    expect_sentences("Russia blamed the U.S. The talks ended.", "Russia blamed the U.S.",
                     "The talks ended.", NULL);
}

static void test_sentence_keeps_currency_amount(void **state)
{
    (void)state;
    expect_sentences("Australia will provide A$110 million ($72.27 million) over nine years. "
                     "Tuvalu welcomed it.",
                     "Australia will provide A$110 million ($72.27 million) over nine years.",
                     "Tuvalu welcomed it.", NULL);
}

static void test_sentence_keeps_decimal(void **state)
{
    (void)state;
    expect_sentences("Growth was 3.5 percent. Prices rose.", "Growth was 3.5 percent.",
                     "Prices rose.", NULL);
}

static void test_sentence_mr_title(void **state)
{
    (void)state;
    expect_sentences("Mr. Kim met Mr. Putin. They talked.", "Mr. Kim met Mr. Putin.",
                     "They talked.", NULL);
}

static void test_sentence_keeps_gov_and_gen_titles(void **state)
{
    (void)state;
    expect_sentences("He was greeted by Gov. Oleg Kozhemyako and Gen. Valery Gerasimov.",
                     "He was greeted by Gov. Oleg Kozhemyako and Gen. Valery Gerasimov.", NULL);
}

static void test_sentence_keeps_initials(void **state)
{
    (void)state;
    expect_sentences("J. R. R. Tolkien met George W. Bush. It was a dream.",
                     "J. R. R. Tolkien met George W. Bush.", "It was a dream.", NULL);
}

static void test_sentence_keeps_month_abbreviation_before_day(void **state)
{
    (void)state;
    expect_sentences("The summit on Sept. 13 was short. Both left.",
                     "The summit on Sept. 13 was short.", "Both left.", NULL);
}

static void test_sentence_keeps_abbreviation_before_lower_case(void **state)
{
    (void)state;
    expect_sentences("Arms, e.g. shells, rockets, etc. were sold. Kim denied it.",
                     "Arms, e.g. shells, rockets, etc. were sold.", "Kim denied it.", NULL);
}

static void test_sentence_keeps_clock_time(void **state)
{
    (void)state;
    expect_sentences("The jet left at 4 p.m. Friday and landed late. Nobody saw it.",
                     "The jet left at 4 p.m. Friday and landed late.", "Nobody saw it.", NULL);
}

static void test_sentence_includes_closing_quote(void **state)
{
    (void)state;
    expect_sentences("He said: \"It is over.\" Then he left.", "He said: \"It is over.\"",
                     "Then he left.", NULL);
}

static void test_sentence_goes_on_after_quoted_question(void **state)
{
    (void)state;
    expect_sentences("\"Why?\" he asked. Nobody answered.", "\"Why?\" he asked.",
                     "Nobody answered.", NULL);
}

static void test_sentence_ellipsis_before_capital_ends(void **state)
{
    (void)state;
    expect_sentences("He waited... Then he left.", "He waited...", "Then he left.", NULL);
}

static void test_sentence_headline_line_is_own_sentence(void **state)
{
    (void)state;
    expect_sentences("Kim arrives in Russia\nThe train crossed the border today.",
                     "Kim arrives in Russia", "The train crossed the border today.", NULL);
}

static void test_sentence_lower_case_next_line_continues(void **state)
{
    (void)state;
    expect_sentences("The train left Pyongyang\non Sunday evening.",
                     "The train left Pyongyang\non Sunday evening.", NULL);
}

static void test_sentence_line_with_final_punctuation_ends(void **state)
{
    (void)state;
    expect_sentences("Why did Russia invade Ukraine?\nthe question remains.",
                     "Why did Russia invade Ukraine?", "the question remains.", NULL);
}

static void test_sentence_blank_line_ends_sentence(void **state)
{
    (void)state;
    expect_sentences("Kim arrived\n   \nand left", "Kim arrived", "and left", NULL);
}

static void test_sentence_starts_after_blanked_furniture(void **state)
{
    (void)state;
    expect_sentences("             \n\nKim met Putin.\n             \nThey talked.",
                     "Kim met Putin.", "They talked.", NULL);
}

static void test_sentence_non_ascii_capital_starts_sentence(void **state)
{
    (void)state;
    expect_sentences("He left. \xc3\x89milie stayed.", "He left.", "\xc3\x89milie stayed.", NULL);
}

static void test_sentence_ends_found_at_every_offset(void **state)
{
    (void)state;
    /* Ends are looked for in blocks of bytes: put one at every offset. */
    static const char *const ends[] = {". ", "! ", "? ", "\n", "\r\n", ".\" ", "?) "};
    char text[128], first[64];
    for (size_t len = 2; len < 40; len++) { /* "K." would be an initial */
        for (size_t e = 0; e < sizeof ends / sizeof *ends; e++) {
            memset(first, 'a', len);
            first[0] = 'K';
            first[len] = '\0';
            strcpy(text, first);
            strcat(text, ends[e]);
            strcat(text, "They talked.");
            split s;
            split_text(text, &s);
            assert_int_equal(s.count, 2);
            assert_memory_equal(s.text[0], first, len);
            assert_string_equal(s.text[1], "They talked.");
        }
    }
}

static void test_sentence_skips_runs_of_white_space(void **state)
{
    (void)state;
    /* After a full stop, blanks and line breaks; before a sentence, any
     * white space. */
    static const char between[] = " \t  \n \n\t", before[] = " \t\v\f\n\r ";
    char text[128];
    for (size_t run = 1; run < 60; run++) {
        strcpy(text, "Kim met Putin.");
        size_t n = strlen(text);
        for (size_t i = 0; i < run; i++)
            text[n++] = between[i % (sizeof between - 1)];
        strcpy(text + n, "They talked.");
        expect_sentences(text, "Kim met Putin.", "They talked.", NULL);
        for (size_t i = 0; i < run; i++)
            text[i] = before[i % (sizeof before - 1)];
        strcpy(text + run, "They talked.");
        expect_sentences(text, "They talked.", NULL);
    }
}

static void test_sentence_abbreviations_at_every_offset(void **state)
{
    (void)state;
    char text[256], want[160];
    for (size_t pad = 0; pad < 20; pad++) {
        snprintf(want, sizeof want, "%.*sHe met Gen. Gerasimov and Mr. Kim in the U.S. Navy yard.",
                 (int)pad, "It is true that \"a\" b c d");
        snprintf(text, sizeof text, "%s They blamed the U.S. The talks ended.", want);
        expect_sentences(text, want, "They blamed the U.S.", "The talks ended.", NULL);
    }
}

static void test_sentence_is_linear_on_long_text(void **state)
{
    (void)state;
    /* 8 MB of one unpunctuated line, then of "Ab. " sentences: each byte
     * is looked at a bounded number of times, so this is quick */
    size_t n = 8u << 20;
    char *text = malloc(n + 1);
    assert_non_null(text);
    memset(text, 'a', n);
    text[n] = '\0';
    size_t pos = 0;
    ng_span span;
    assert_int_equal(ng_sentence_next(text, n, &pos, &span), 1);
    assert_int_equal(span.end, n);
    for (size_t i = 0; i + 4 <= n; i += 4)
        memcpy(text + i, "Ab. ", 4);
    size_t count = 0;
    for (pos = 0; ng_sentence_next(text, n, &pos, &span);)
        count++;
    assert_int_equal(count, n / 4);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sentence_splits_at_full_stops),
        cmocka_unit_test(test_sentence_empty_or_blank_text_has_none),
        cmocka_unit_test(test_sentence_span_is_trimmed),
        cmocka_unit_test(test_sentence_question_and_exclamation_end),
        cmocka_unit_test(test_sentence_keeps_us_abbreviation),
        cmocka_unit_test(test_sentence_us_abbreviation_can_end_sentence),
        cmocka_unit_test(test_sentence_keeps_currency_amount),
        cmocka_unit_test(test_sentence_keeps_decimal),
        cmocka_unit_test(test_sentence_mr_title),
        cmocka_unit_test(test_sentence_keeps_gov_and_gen_titles),
        cmocka_unit_test(test_sentence_keeps_initials),
        cmocka_unit_test(test_sentence_keeps_month_abbreviation_before_day),
        cmocka_unit_test(test_sentence_keeps_abbreviation_before_lower_case),
        cmocka_unit_test(test_sentence_keeps_clock_time),
        cmocka_unit_test(test_sentence_includes_closing_quote),
        cmocka_unit_test(test_sentence_goes_on_after_quoted_question),
        cmocka_unit_test(test_sentence_ellipsis_before_capital_ends),
        cmocka_unit_test(test_sentence_headline_line_is_own_sentence),
        cmocka_unit_test(test_sentence_lower_case_next_line_continues),
        cmocka_unit_test(test_sentence_line_with_final_punctuation_ends),
        cmocka_unit_test(test_sentence_blank_line_ends_sentence),
        cmocka_unit_test(test_sentence_starts_after_blanked_furniture),
        cmocka_unit_test(test_sentence_non_ascii_capital_starts_sentence),
        cmocka_unit_test(test_sentence_ends_found_at_every_offset),
        cmocka_unit_test(test_sentence_skips_runs_of_white_space),
        cmocka_unit_test(test_sentence_abbreviations_at_every_offset),
        cmocka_unit_test(test_sentence_is_linear_on_long_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
