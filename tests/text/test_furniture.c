/* Unit tests of page furniture recognition: what is blanked and, as
 * importantly, what is kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "text/furniture.h"

static int furniture(const char *line)
{
    return ng_furniture_line(line, strlen(line));
}

static void test_furniture_blanks_advertisement_line(void **state)
{
    (void)state;
    assert_true(furniture("Advertisement"));
    assert_true(furniture("  ADVERTISEMENT  "));
    assert_true(furniture("Advertisement - Scroll to continue"));
    assert_true(furniture("Story continues below advertisement"));
}

static void test_furniture_blanks_navigation_labels(void **state)
{
    (void)state;
    assert_true(furniture("Continue Reading"));
    assert_true(furniture("Connect with us"));
    assert_true(furniture("Trending"));
    assert_true(furniture("Source link"));
    assert_true(furniture("Skip to content"));
    assert_true(furniture("Read more"));
    assert_true(furniture("Read more..."));
    assert_true(furniture("Related articles"));
    assert_true(furniture("You may also like"));
    assert_true(furniture("Don't miss"));
    assert_true(furniture("Home | World | Asia"));
}

static void test_furniture_blanks_lone_published_on_by_lines(void **state)
{
    (void)state;
    assert_true(furniture("Published"));
    assert_true(furniture("on"));
    assert_true(furniture("By"));
}

static void test_furniture_blanks_lone_section_name(void **state)
{
    (void)state;
    assert_true(furniture("World"));
    assert_true(furniture("Politics"));
    assert_true(furniture("Middle East"));
}

static void test_furniture_blanks_share_buttons(void **state)
{
    (void)state;
    assert_true(furniture("Share on Facebook"));
    assert_true(furniture("Share this article"));
    assert_true(furniture("Follow us on Twitter"));
    assert_true(furniture("Copy link"));
    assert_true(furniture("Share  |  Tweet  |  Email"));
}

static void test_furniture_blanks_newsletter_promotions(void **state)
{
    (void)state;
    assert_true(furniture("Sign up for our newsletter"));
    assert_true(furniture("Get our free daily newsletter"));
    assert_true(furniture("Subscribe"));
}

static void test_furniture_blanks_copyright_line(void **state)
{
    (void)state;
    assert_true(furniture("Copyright \xc2\xa9 GLOBAL TIMES PAKISTAN"));
    assert_true(furniture("\xc2\xa9 2024 BBC"));
    assert_true(furniture("Copyright 2023 The Associated Press. All rights reserved."));
    assert_true(furniture("All rights reserved."));
    assert_true(furniture("(c) Reuters"));
}

static void test_furniture_keeps_copyright_headline(void **state)
{
    (void)state;
    assert_false(furniture("Copyright lawsuit against chatbot maker goes to trial"));
}

static void test_furniture_blanks_cookie_notice(void **state)
{
    (void)state;
    assert_true(furniture("We use cookies to improve your experience on our site. "
                          "By continuing you agree to our use of cookies."));
    assert_true(furniture("Accept all cookies"));
    assert_true(furniture("Manage cookie preferences"));
}

static void test_furniture_blanks_letterless_lines(void **state)
{
    (void)state;
    assert_true(furniture("-"));
    assert_true(furniture("* * *"));
    assert_true(furniture("|"));
    assert_true(furniture("2023"));
}

static void test_furniture_blanks_headline_list_item_with_relative_time(void **state)
{
    (void)state;
    assert_true(furniture("TikTok influencer Fiona Ryan sentenced over anti-Semitic videos"
                          " - 9 mins ago"));
    assert_true(furniture("\"I worry for Mike Tyson in this contest,\" says British Boxing Board "
                          "Chief Medical Officer - 6 mins ago"));
    assert_true(furniture("Markets rally after rate cut | 2 days ago"));
    assert_true(furniture("Markets rally after rate cut 5h ago"));
}

static void test_furniture_blanks_timestamps(void **state)
{
    (void)state;
    assert_true(furniture("Updated 3 hours ago"));
    assert_true(furniture("Updated an hour ago"));
    assert_true(furniture("Published 12 September 2023, 10:14 BST"));
    assert_true(furniture("Updated: Sep 12, 2023 / 10:14 AM EDT"));
    assert_true(furniture("Last updated on Tuesday 12 September 2023 at 10:14"));
}

static void test_furniture_keeps_sentence_ending_in_years_ago(void **state)
{
    (void)state;
    assert_false(furniture("Russia invaded Ukraine two years ago."));
    assert_false(furniture("Kim last visited Russia 4 years ago"));
}

static void test_furniture_blanks_byline(void **state)
{
    (void)state;
    assert_true(furniture("By Kim Tong-Hyung"));
    assert_true(furniture("By Kim Tong-Hyung and Hyung-Jin Kim"));
    assert_true(furniture("BY JOHN SMITH | Associated Press"));
    assert_true(furniture("By The Associated Press"));
    assert_true(furniture("Written by Jane Doe"));
}

static void test_furniture_keeps_title_case_headline_starting_with_by(void **state)
{
    (void)state;
    assert_false(furniture("By Land And Sea"));
    assert_false(furniture("By Train To Moscow"));
    assert_false(furniture("By Tuesday, Russian troops had withdrawn from the town."));
}

static void test_furniture_blanks_credits(void **state)
{
    (void)state;
    assert_true(furniture("Photo: AFP / official telegram channel of the Governor of Khabarovsk"));
    assert_true(furniture("Image credit: Reuters"));
    assert_true(furniture("Image credit"));
    assert_true(furniture("Photograph: Vladimir Smirnov/AP"));
    assert_true(furniture("Photo by Getty Images"));
    assert_true(furniture("AFP via Getty Images"));
    assert_true(furniture("(Reporting by Jane Doe in Seoul; Editing by John Smith)"));
    assert_true(furniture("Additional reporting by Kim Tong-Hyung"));
}

static void test_furniture_blanks_link_lists(void **state)
{
    (void)state;
    assert_true(furniture("Tags: Russia, North Korea, Kim Jong Un"));
    assert_true(furniture("Read more: Kim Jong Un arrives in Russia"));
    assert_true(furniture("Related: Putin meets Kim at cosmodrome"));
}

static void test_furniture_keeps_question_headline(void **state)
{
    (void)state;
    assert_false(furniture("Why did Russia invade Ukraine?"));
    assert_false(furniture("Who were part of Kim Jong-un's delegation to Russia?"));
}

static void test_furniture_keeps_short_sentence_without_period(void **state)
{
    (void)state;
    assert_false(furniture("Kim arrived at Vostochny by train, after crossing into Russia "
                           "early on Tuesday"));
    assert_false(furniture("Russia's war in Ukraine"));
    assert_false(furniture("Kim and Putin are expected to meet to discuss supply of weapons "
                           "to Moscow"));
}

static void test_furniture_keeps_labelled_headlines(void **state)
{
    (void)state;
    assert_false(furniture("In pictures: Kim Jong Un leaves for Russia"));
    assert_false(furniture("Breaking: North Korea's leader Kim Jong-un arrives in Russia"));
    assert_false(furniture("ICYMI: Ukraine has around 45 days left before weather hinders "
                           "offensive"));
}

static void test_furniture_keeps_headline_of_one_name(void **state)
{
    (void)state;
    assert_false(furniture("North Korea"));
    assert_false(furniture("Vladivostok"));
    assert_false(furniture("\xe6\xad\x90\xe9\x99\xbd"));
}

static void test_furniture_finds_notice_phrases_anywhere(void **state)
{
    (void)state;
    /* The phrases are looked for in blocks of bytes: try them at every
     * offset, in any case, and their near misses. */
    static const char *const found[] = {
        "All rights reserved.", "ALL RIGHTS RESERVED", "all Rights Reserved",
        "We use cookies; accept them.", "this website uses COOKIES",
    };
    static const char *const missed[] = {
        "All rights reserve", "all right reserved", "Cookie-free maps are used.",
        "Cookies are sold here, not given.", "Kiev revives arks",
    };
    char line[160];
    for (size_t pad = 0; pad < 40; pad++) {
        for (size_t i = 0; i < sizeof found / sizeof *found; i++) {
            memset(line, 'x', pad);
            line[pad] = '\0';
            strcat(line, pad ? " Kim " : "Kim ");
            strcat(line, found[i]);
            assert_true(ng_furniture_line(line, strlen(line)));
            strcat(line, " Kim met Putin");
            assert_true(ng_furniture_line(line, strlen(line)));
        }
        for (size_t i = 0; i < sizeof missed / sizeof *missed; i++) {
            memset(line, 'x', pad);
            line[pad] = '\0';
            strcat(line, pad ? " Kim " : "Kim ");
            strcat(line, missed[i]);
            assert_false(ng_furniture_line(line, strlen(line)));
        }
    }
}

static void test_furniture_keeps_long_line_with_notice_phrase(void **state)
{
    (void)state;
    /* Only short lines are notices. */
    char line[700];
    memset(line, 'a', 600);
    memcpy(line, "Kim ", 4);
    strcpy(line + 600, " all rights reserved");
    assert_false(ng_furniture_line(line, strlen(line)));
    line[600 - 21] = '\0';
    strcat(line, " all rights reserved");
    assert_int_equal(strlen(line), 599);
    assert_true(ng_furniture_line(line, strlen(line)));
}

static void test_furniture_label_has_at_most_ten_words(void **state)
{
    (void)state;
    assert_true(furniture("Share on Facebook Share on Twitter Share on WhatsApp Email"));
    assert_false(furniture("Share on Facebook Share on Twitter Share on WhatsApp Email Print"));
    assert_true(furniture("- Share | on | Facebook - Share | on | Twitter | Share on WhatsApp - "
                          "Email -"));
}

static void test_furniture_numbers_in_labels(void **state)
{
    (void)state;
    assert_true(furniture("Updated 1,234,567,890,123,456,7"));
    assert_false(furniture("Updated 1,234,567,890,123,456,78"));
    assert_true(furniture("Posted 12th May, 5mins, 10:14pm"));
    assert_false(furniture("Posted 12xy May"));
    assert_false(furniture("Posted 12\xc3\xa9 May"));
}

static void test_furniture_keeps_article_line_after_credit_word(void **state)
{
    (void)state;
    assert_false(furniture("Photographs of the summit were released by the Kremlin."));
    assert_false(furniture("Reporting from Seoul, the agency said Kim had left."));
    assert_true(furniture("Images: Reuters"));
    assert_true(furniture("\"Reporting by Jane Doe\""));
}

static void test_furniture_blank_keeps_length_and_newlines(void **state)
{
    (void)state;
    char text[] = "World\n\nKim met Putin.\nAdvertisement\n-\nThey talked.";
    size_t n = strlen(text);
    assert_int_equal(ng_furniture_blank(text, n), 3);
    assert_int_equal(strlen(text), n);
    assert_string_equal(text, "     \n\nKim met Putin.\n             \n \nThey talked.");
}

static void test_furniture_blank_handles_text_without_newline(void **state)
{
    (void)state;
    char text[] = "Advertisement";
    assert_int_equal(ng_furniture_blank(text, strlen(text)), 1);
    assert_string_equal(text, "             ");
    assert_int_equal(ng_furniture_blank(text, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_furniture_blanks_advertisement_line),
        cmocka_unit_test(test_furniture_blanks_navigation_labels),
        cmocka_unit_test(test_furniture_blanks_lone_published_on_by_lines),
        cmocka_unit_test(test_furniture_blanks_lone_section_name),
        cmocka_unit_test(test_furniture_blanks_share_buttons),
        cmocka_unit_test(test_furniture_blanks_newsletter_promotions),
        cmocka_unit_test(test_furniture_blanks_copyright_line),
        cmocka_unit_test(test_furniture_keeps_copyright_headline),
        cmocka_unit_test(test_furniture_blanks_cookie_notice),
        cmocka_unit_test(test_furniture_blanks_letterless_lines),
        cmocka_unit_test(test_furniture_blanks_headline_list_item_with_relative_time),
        cmocka_unit_test(test_furniture_blanks_timestamps),
        cmocka_unit_test(test_furniture_keeps_sentence_ending_in_years_ago),
        cmocka_unit_test(test_furniture_blanks_byline),
        cmocka_unit_test(test_furniture_keeps_title_case_headline_starting_with_by),
        cmocka_unit_test(test_furniture_blanks_credits),
        cmocka_unit_test(test_furniture_blanks_link_lists),
        cmocka_unit_test(test_furniture_keeps_question_headline),
        cmocka_unit_test(test_furniture_keeps_short_sentence_without_period),
        cmocka_unit_test(test_furniture_keeps_labelled_headlines),
        cmocka_unit_test(test_furniture_keeps_headline_of_one_name),
        cmocka_unit_test(test_furniture_finds_notice_phrases_anywhere),
        cmocka_unit_test(test_furniture_keeps_long_line_with_notice_phrase),
        cmocka_unit_test(test_furniture_label_has_at_most_ten_words),
        cmocka_unit_test(test_furniture_numbers_in_labels),
        cmocka_unit_test(test_furniture_keeps_article_line_after_credit_word),
        cmocka_unit_test(test_furniture_blank_keeps_length_and_newlines),
        cmocka_unit_test(test_furniture_blank_handles_text_without_newline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
