/* Tests of the dictionary loader (src/extract/dict.c) and of the data
 * shipped in data/: one behaviour per test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract/dict.h"
#include "util/buf.h"
#include "util/names.h"

/* ---- helpers ------------------------------------------------------------ */

/* A dictionary holding `text`, which must load; owned by the caller. */
static ng_dict *load_text(const char *text)
{
    ng_error err;
    ng_dict *d = ng_dict_new(&err);
    assert_non_null(d);
    if (ng_dict_load(d, text, strlen(text), "test.tsv", &err) != 0)
        fail_msg("%s:%ld:%ld: %s", err.source, err.line, err.column, err.text);
    return d;
}

/* Loading n bytes of `text` fails with `status` at line:column, with a
 * message containing `words`, and adds nothing. */
static void expect_error_n(const char *text, size_t n, ng_status status, long line,
                           long column, const char *words)
{
    ng_error err;
    ng_dict *d = ng_dict_new(NULL);
    assert_non_null(d);
    assert_int_equal(ng_dict_load(d, text, n, "user.tsv", &err), status);
    assert_int_equal(err.status, status);
    assert_string_equal(err.source, "user.tsv");
    if (err.line != line || err.column != column || !strstr(err.text, words))
        fail_msg("got %ld:%ld: %s; expected %ld:%ld: ...%s...", err.line, err.column, err.text,
                 line, column, words);
    assert_int_equal(ng_dict_count(d), 0);
    ng_dict_free(d);
}

static void expect_error(const char *text, long line, long column, const char *words)
{
    expect_error_n(text, strlen(text), NG_ERR_PARSE, line, column, words);
}

/* The values of e's key are exactly `expected` (NULL-terminated). */
static void assert_values(const ng_dict_entry *e, const char *key, const char *const *expected)
{
    const char *const *values;
    size_t n = ng_dict_values(e, key, &values);
    size_t want = 0;
    while (expected[want])
        want++;
    assert_int_equal(n, want);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(values[i], expected[i]);
}

static const ng_dict_entry *find(const ng_dict *d, ng_dict_kind kind, const char *name)
{
    const ng_dict_entry *e = ng_dict_find(d, kind, name);
    if (!e)
        fail_msg("no %s named '%s'", ng_dict_kind_name(kind), name);
    return e;
}

/* ---- the format ------------------------------------------------------- */

static void test_person_fields_are_read(void **state)
{
    (void)state;
    ng_dict *d = load_text("person\tKim Jong Un\talias=Kim Jong-un|Kim Jong-Un\t"
                           "role=supreme leader|leader\tcountry=North Korea\tfrom=2011-12-17\n"
                           "person\tJoe Biden\trole=president\tfrom=2021-01-20\tuntil=2025\n");
    assert_int_equal(ng_dict_count(d), 2);
    const ng_dict_entry *kim = ng_dict_at(d, 0);
    assert_int_equal(kim->kind, NG_DICT_PERSON);
    assert_string_equal(kim->name, "Kim Jong Un");
    assert_string_equal(kim->source, "test.tsv");
    assert_int_equal(kim->line, 1);
    assert_values(kim, "alias", (const char *const[]){"Kim Jong-un", "Kim Jong-Un", NULL});
    assert_values(kim, "role", (const char *const[]){"supreme leader", "leader", NULL});
    assert_values(kim, "country", (const char *const[]){"North Korea", NULL});
    assert_string_equal(ng_dict_value(kim, "from"), "2011-12-17");
    assert_null(ng_dict_value(kim, "until"));
    const ng_dict_entry *biden = ng_dict_at(d, 1);
    assert_int_equal(biden->line, 2);
    assert_string_equal(ng_dict_value(biden, "until"), "2025");
    ng_dict_free(d);
}

static void test_country_fields_are_read(void **state)
{
    (void)state;
    ng_dict *d = load_text("country\tRussia\talias=Russian Federation\t"
                           "demonym=Russian|Russians\tcapital=Moscow\tmetonym=Kremlin\n");
    const ng_dict_entry *e = find(d, NG_DICT_COUNTRY, "Russia");
    assert_values(e, "alias", (const char *const[]){"Russian Federation", NULL});
    assert_values(e, "demonym", (const char *const[]){"Russian", "Russians", NULL});
    assert_values(e, "capital", (const char *const[]){"Moscow", NULL});
    assert_values(e, "metonym", (const char *const[]){"Kremlin", NULL});
    ng_dict_free(d);
}

static void test_organization_and_place_fields_are_read(void **state)
{
    (void)state;
    ng_dict *d = load_text("organization\tKorean Central News Agency\talias=KCNA\t"
                           "country=North Korea\n"
                           "place\tPanmunjom\tcountry=North Korea|South Korea\n");
    const ng_dict_entry *kcna = find(d, NG_DICT_ORGANIZATION, "Korean Central News Agency");
    assert_values(kcna, "alias", (const char *const[]){"KCNA", NULL});
    assert_values(kcna, "country", (const char *const[]){"North Korea", NULL});
    const ng_dict_entry *p = find(d, NG_DICT_PLACE, "Panmunjom");
    assert_values(p, "country", (const char *const[]){"North Korea", "South Korea", NULL});
    ng_dict_free(d);
}

static void test_title_and_suffix_fields_are_read(void **state)
{
    (void)state;
    ng_dict *d = load_text("title\tGeneral\talias=Gen.\ttype=person\n"
                           "suffix\tCosmodrome\ttype=place\n");
    const ng_dict_entry *t = find(d, NG_DICT_TITLE, "General");
    assert_values(t, "alias", (const char *const[]){"Gen.", NULL});
    assert_string_equal(ng_dict_value(t, "type"), "person");
    assert_string_equal(ng_dict_value(find(d, NG_DICT_SUFFIX, "Cosmodrome"), "type"), "place");
    ng_dict_free(d);
}

static void test_comments_and_blank_lines_are_skipped(void **state)
{
    (void)state;
    ng_dict *d = load_text("# countries\n\n   \n\t\ncountry\tJapan\n# end\n");
    assert_int_equal(ng_dict_count(d), 1);
    assert_int_equal(ng_dict_at(d, 0)->line, 5);
    ng_dict_free(d);
}

static void test_crlf_bom_and_spaces_are_tolerated(void **state)
{
    (void)state;
    ng_dict *d = load_text("\xEF\xBB\xBF" "country\t Japan \talias= Nippon | Nihon \r\n"
                           "country\tChina\r\n");
    assert_int_equal(ng_dict_count(d), 2);
    const ng_dict_entry *japan = ng_dict_at(d, 0);
    assert_string_equal(japan->name, "Japan");
    assert_values(japan, "alias", (const char *const[]){"Nippon", "Nihon", NULL});
    assert_string_equal(ng_dict_at(d, 1)->name, "China");
    ng_dict_free(d);
}

static void test_last_line_needs_no_newline(void **state)
{
    (void)state;
    ng_dict *d = load_text("country\tJapan\ncountry\tChina");
    assert_int_equal(ng_dict_count(d), 2);
    assert_string_equal(ng_dict_at(d, 1)->name, "China");
    ng_dict_free(d);
}

static void test_find_folds_case_hyphens_and_spaces(void **state)
{
    (void)state;
    ng_dict *d = load_text("person\tKim Jong Un\talias=Kim Jong-il\n");
    const ng_dict_entry *e = ng_dict_find(d, NG_DICT_PERSON, "kim  JONG-un");
    assert_non_null(e);
    assert_string_equal(e->name, "Kim Jong Un");
    assert_null(ng_dict_find(d, NG_DICT_COUNTRY, "Kim Jong Un"));
    assert_null(ng_dict_find(d, NG_DICT_PERSON, "Kim Jong-il")); /* aliases are not names */
    ng_dict_free(d);
}

static void test_absent_key_has_no_values(void **state)
{
    (void)state;
    ng_dict *d = load_text("country\tJapan\n");
    const char *const *values = (const char *const[]){"sentinel"};
    assert_int_equal(ng_dict_values(ng_dict_at(d, 0), "alias", &values), 0);
    assert_null(values);
    assert_null(ng_dict_value(ng_dict_at(d, 0), "capital"));
    ng_dict_free(d);
}

static void test_empty_text_loads_nothing(void **state)
{
    (void)state;
    ng_dict *d = ng_dict_new(NULL);
    assert_non_null(d);
    assert_int_equal(ng_dict_load(d, NULL, 0, "empty", NULL), 0);
    assert_int_equal(ng_dict_count(d), 0);
    assert_null(ng_dict_at(d, 0));
    ng_dict_free(d);
}

/* ---- overriding and removing ----------------------------------------- */

static void test_later_file_overrides_entry(void **state)
{
    (void)state;
    ng_dict *d = load_text("country\tJapan\talias=Nippon\ncountry\tChina\n");
    const char *user = "country\tJAPAN\tcapital=Tokyo\n";
    assert_int_equal(ng_dict_load(d, user, strlen(user), "user.tsv", NULL), 0);
    assert_int_equal(ng_dict_count(d), 2);
    const ng_dict_entry *e = ng_dict_at(d, 0); /* the replacement keeps the place */
    assert_string_equal(e->name, "JAPAN");
    assert_string_equal(e->source, "user.tsv");
    assert_int_equal(ng_dict_values(e, "alias", NULL), 0); /* replaced, not merged */
    assert_string_equal(ng_dict_value(e, "capital"), "Tokyo");
    assert_ptr_equal(ng_dict_find(d, NG_DICT_COUNTRY, "Japan"), e);
    ng_dict_free(d);
}

static void test_later_line_overrides_earlier_line(void **state)
{
    (void)state;
    ng_dict *d = load_text("place\tKursk\nplace\tKursk\talias=Kursk city\n");
    assert_int_equal(ng_dict_count(d), 1);
    assert_int_equal(ng_dict_at(d, 0)->line, 2);
    ng_dict_free(d);
}

static void test_override_keeps_earlier_pointers_valid(void **state)
{
    (void)state;
    ng_dict *d = load_text("country\tJapan\talias=Nippon\n");
    const ng_dict_entry *old = ng_dict_at(d, 0);
    const char *user = "country\tJapan\n";
    assert_int_equal(ng_dict_load(d, user, strlen(user), "user.tsv", NULL), 0);
    assert_string_equal(old->name, "Japan");
    assert_string_equal(ng_dict_value(old, "alias"), "Nippon");
    ng_dict_free(d);
}

static void test_same_name_in_another_kind_is_another_entry(void **state)
{
    (void)state;
    ng_dict *d = load_text("country\tGeorgia\nplace\tGeorgia\n");
    assert_int_equal(ng_dict_count(d), 2);
    ng_dict_free(d);
}

static void test_removal_deletes_entry(void **state)
{
    (void)state;
    ng_dict *d = load_text("country\tJapan\ncountry\tChina\ncountry\tIndia\n");
    const char *user = "-country\tchina\n";
    assert_int_equal(ng_dict_load(d, user, strlen(user), "user.tsv", NULL), 0);
    assert_int_equal(ng_dict_count(d), 2);
    assert_null(ng_dict_find(d, NG_DICT_COUNTRY, "China"));
    assert_string_equal(ng_dict_at(d, 0)->name, "Japan");
    assert_string_equal(ng_dict_at(d, 1)->name, "India");
    assert_null(ng_dict_at(d, 2));
    ng_dict_free(d);
}

static void test_removing_a_missing_entry_is_not_an_error(void **state)
{
    (void)state;
    ng_dict *d = load_text("-person\tNobody\ncountry\tJapan\n");
    assert_int_equal(ng_dict_count(d), 1);
    ng_dict_free(d);
}

static void test_removed_entry_can_be_added_again(void **state)
{
    (void)state;
    ng_dict *d = load_text("country\tJapan\ncountry\tChina\n-country\tJapan\ncountry\tJapan\n");
    assert_int_equal(ng_dict_count(d), 2);
    assert_string_equal(ng_dict_at(d, 1)->name, "Japan");
    assert_int_equal(ng_dict_find(d, NG_DICT_COUNTRY, "Japan")->line, 4);
    ng_dict_free(d);
}

static void test_failed_load_leaves_dictionary_unchanged(void **state)
{
    (void)state;
    ng_dict *d = load_text("country\tJapan\n");
    const char *bad = "-country\tJapan\ncountry\tChina\ncountry\tIndia\tcolour=red\n";
    assert_int_equal(ng_dict_load(d, bad, strlen(bad), "user.tsv", NULL), NG_ERR_PARSE);
    assert_int_equal(ng_dict_count(d), 1);
    assert_non_null(ng_dict_find(d, NG_DICT_COUNTRY, "Japan"));
    assert_null(ng_dict_find(d, NG_DICT_COUNTRY, "China"));
    ng_dict_free(d);
}

/* ---- errors ------------------------------------------------------------ */

static void test_error_unknown_kind(void **state)
{
    (void)state;
    expect_error("country\tJapan\npersn\tKim Jong Un\n", 2, 1, "unknown kind 'persn'");
}

static void test_error_spaces_instead_of_tabs(void **state)
{
    (void)state;
    expect_error("person Kim Jong Un\n", 1, 1, "separated by TABs");
}

static void test_error_missing_name(void **state)
{
    (void)state;
    expect_error("person\n", 1, 7, "missing name");
}

static void test_error_empty_name(void **state)
{
    (void)state;
    expect_error("person\t \talias=Kim\n", 1, 8, "missing name");
}

static void test_error_key_in_place_of_name(void **state)
{
    (void)state;
    expect_error("person\talias=Kim\n", 1, 8, "missing name");
}

static void test_error_bar_in_name(void **state)
{
    (void)state;
    expect_error("person\tKim|Kim Jong Un\n", 1, 11, "cannot contain '|'");
}

static void test_error_unknown_key(void **state)
{
    (void)state;
    expect_error("person\tKim\tnickname=Rocket Man\n", 1, 12, "unknown key 'nickname'");
}

static void test_error_key_of_another_kind(void **state)
{
    (void)state;
    expect_error("person\tKim\tdemonym=Kimist\n", 1, 12, "demonym= does not apply to a person");
}

static void test_error_key_without_equals(void **state)
{
    (void)state;
    expect_error("country\tJapan\tNippon\n", 1, 15, "has no '='");
}

static void test_error_missing_key(void **state)
{
    (void)state;
    expect_error("country\tJapan\t=Nippon\n", 1, 15, "missing key");
}

static void test_error_empty_field(void **state)
{
    (void)state;
    expect_error("country\tJapan\t\talias=Nippon\n", 1, 15, "empty field");
}

static void test_error_empty_value(void **state)
{
    (void)state;
    expect_error("country\tJapan\talias=\n", 1, 21, "empty value for alias=");
}

static void test_error_empty_value_between_bars(void **state)
{
    (void)state;
    expect_error("country\tJapan\talias=Nippon||Nihon\n", 1, 28, "empty value for alias=");
}

static void test_error_key_given_twice(void **state)
{
    (void)state;
    expect_error("country\tJapan\talias=Nippon\talias=Nihon\n", 1, 28, "alias= given twice");
}

static void test_error_bad_dates(void **state)
{
    (void)state;
    static const char *const bad[] = {"2023-13-01", "2023-02-29", "2023-04-31", "2023-00-10",
                                      "2023-1-1",   "2023/01/01", "23",         "2023-01-01x",
                                      "1900-02-29", "twenty"};
    char line[128];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(line, sizeof line, "person\tKim\tfrom=%s\n", bad[i]);
        expect_error(line, 1, 17, "bad date");
    }
}

static void test_leap_day_is_a_date(void **state)
{
    (void)state;
    ng_dict *d = load_text("person\tKim\tfrom=2000-02-29\tuntil=2024-02-29\n");
    assert_string_equal(ng_dict_value(ng_dict_at(d, 0), "from"), "2000-02-29");
    ng_dict_free(d);
}

static void test_error_until_before_from(void **state)
{
    (void)state;
    expect_error("person\tKim\tfrom=2024-05-14\tuntil=2024-05-13\n", 1, 34, "is before from=");
}

static void test_dates_compare_at_shared_precision(void **state)
{
    (void)state;
    ng_dict *d = load_text("person\tKim\tfrom=2024-05-14\tuntil=2024\n");
    assert_int_equal(ng_dict_count(d), 1);
    ng_dict_free(d);
}

static void test_error_two_values_for_one_value_key(void **state)
{
    (void)state;
    expect_error("person\tKim\tfrom=2020|2021\n", 1, 22, "from= takes one value");
}

static void test_error_bad_type(void **state)
{
    (void)state;
    expect_error("suffix\tCosmodrome\ttype=building\n", 1, 24, "bad type 'building'");
}

static void test_error_cue_without_type(void **state)
{
    (void)state;
    expect_error("title\tGeneral\talias=Gen.\n", 1, 25, "missing type= for a title");
}

static void test_error_removal_with_fields(void **state)
{
    (void)state;
    expect_error("-country\tJapan\talias=Nippon\n", 1, 16, "removal takes only");
}

static void test_error_line_counts_every_line(void **state)
{
    (void)state;
    expect_error("# header\n\ncountry\tJapan\r\n\ncountry\tChina\tflag=red\n", 5, 15,
                 "unknown key");
}

static void test_error_column_counts_characters(void **state)
{
    (void)state;
    expect_error("country\tCôte d'Ivoire\tflag=orange\n", 1, 23, "unknown key");
}

static void test_error_invalid_utf8(void **state)
{
    (void)state;
    expect_error_n("country\tJapan\ncountry\tC\xF4te\n", 26, NG_ERR_ENCODING, 2, 10,
                   "invalid UTF-8 byte 0xF4");
}

static void test_error_overlong_and_surrogate_utf8(void **state)
{
    (void)state;
    expect_error_n("country\t\xC0\xAF\n", 11, NG_ERR_ENCODING, 1, 9, "invalid UTF-8");
    expect_error_n("country\t\xED\xA0\x80\n", 12, NG_ERR_ENCODING, 1, 9, "invalid UTF-8");
    expect_error_n("country\tX\xE2\x82", 11, NG_ERR_ENCODING, 1, 10, "invalid UTF-8");
}

static void test_error_nul_byte(void **state)
{
    (void)state;
    expect_error_n("country\tJa\0pan\n", 15, NG_ERR_ENCODING, 1, 11, "NUL byte");
}

static void test_error_without_dictionary(void **state)
{
    (void)state;
    ng_error err;
    assert_int_equal(ng_dict_load(NULL, "", 0, "x", &err), NG_ERR_INVALID);
    assert_int_equal(err.status, NG_ERR_INVALID);
}

/* ---- files ------------------------------------------------------------- */

static void test_load_file_reads_the_file(void **state)
{
    (void)state;
    char path[] = "/tmp/ng-dict-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs("# mine\ncountry\tJapan\talias=Nippon\n", f);
    assert_int_equal(fclose(f), 0);

    ng_dict *d = ng_dict_new(NULL);
    assert_int_equal(ng_dict_load_file(d, path, NULL), 0);
    const ng_dict_entry *e = find(d, NG_DICT_COUNTRY, "Japan");
    assert_string_equal(e->source, path);
    assert_int_equal(e->line, 2);
    ng_dict_free(d);
    unlink(path);
}

static void test_load_file_reports_missing_file(void **state)
{
    (void)state;
    ng_error err;
    ng_dict *d = ng_dict_new(NULL);
    const char *path = "/nonexistent/newsgraph/dict.tsv";
    assert_int_equal(ng_dict_load_file(d, path, &err), NG_ERR_NOT_FOUND);
    assert_string_equal(err.source, path);
    assert_non_null(strstr(err.text, "cannot open"));
    ng_dict_free(d);
}

static void test_load_file_reports_unreadable_file(void **state)
{
    (void)state;
    ng_error err;
    ng_dict *d = ng_dict_new(NULL);
    assert_int_equal(ng_dict_load_file(d, "/", &err), NG_ERR_IO);
    assert_string_equal(err.source, "/");
    ng_dict_free(d);
}

static void test_kind_names(void **state)
{
    (void)state;
    assert_string_equal(ng_dict_kind_name(NG_DICT_PERSON), "person");
    assert_string_equal(ng_dict_kind_name(NG_DICT_COUNTRY), "country");
    assert_string_equal(ng_dict_kind_name(NG_DICT_ORGANIZATION), "organization");
    assert_string_equal(ng_dict_kind_name(NG_DICT_PLACE), "place");
    assert_string_equal(ng_dict_kind_name(NG_DICT_TITLE), "title");
    assert_string_equal(ng_dict_kind_name(NG_DICT_SUFFIX), "suffix");
    assert_null(ng_dict_kind_name((ng_dict_kind)NG_DICT_KIND_COUNT));
}

/* ---- the default dictionary ------------------------------------------- */

static int default_setup(void **state)
{
    ng_error err;
    ng_dict *d = ng_dict_new(&err);
    if (!d || ng_dict_load_default(d, &err) != 0) {
        print_error("%s:%ld:%ld: %s\n", err.source, err.line, err.column, err.text);
        ng_dict_free(d);
        return -1;
    }
    *state = d;
    return 0;
}

static int default_teardown(void **state)
{
    ng_dict_free(*state);
    return 0;
}

static size_t count_kind(const ng_dict *d, ng_dict_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < ng_dict_count(d); i++)
        n += ng_dict_at(d, i)->kind == kind;
    return n;
}

/* Whether `name` is one of the values of e's key, compared folded. */
static int has_value(const ng_dict_entry *e, const char *key, const char *name)
{
    ng_buf want = {0}, got = {0};
    assert_int_equal(ng_name_fold(name, strlen(name), &want), 0);
    const char *const *values;
    size_t n = ng_dict_values(e, key, &values);
    int found = 0;
    for (size_t i = 0; i < n && !found; i++) {
        ng_buf_clear(&got);
        assert_int_equal(ng_name_fold(values[i], strlen(values[i]), &got), 0);
        found = strcmp(ng_buf_cstr(&got), ng_buf_cstr(&want)) == 0;
    }
    ng_buf_free(&want);
    ng_buf_free(&got);
    return found;
}

static void test_default_loads_every_kind(void **state)
{
    const ng_dict *d = *state;
    for (int k = 0; k < NG_DICT_KIND_COUNT; k++) {
        if (count_kind(d, (ng_dict_kind)k) < 50)
            fail_msg("only %zu %s entries", count_kind(d, (ng_dict_kind)k),
                     ng_dict_kind_name((ng_dict_kind)k));
    }
}

static void test_default_has_every_un_member(void **state)
{
    const ng_dict *d = *state;
    static const char *const sample[] = {
        "Afghanistan", "Antigua and Barbuda", "Bhutan",          "Cabo Verde",
        "Côte d'Ivoire", "Democratic Republic of the Congo", "Republic of the Congo",
        "Eswatini",    "Kiribati",     "Marshall Islands",       "Micronesia",
        "North Korea", "South Korea",  "North Macedonia",        "Palau",
        "Saint Vincent and the Grenadines", "São Tomé and Príncipe", "South Sudan",
        "Timor-Leste", "Tuvalu",       "United Kingdom",         "United States",
        "Vanuatu",     "Zimbabwe",
    };
    for (size_t i = 0; i < sizeof sample / sizeof sample[0]; i++)
        find(d, NG_DICT_COUNTRY, sample[i]);
    assert_true(count_kind(d, NG_DICT_COUNTRY) >= 193);
}

static void test_default_resolves_aliases_and_demonyms(void **state)
{
    const ng_dict *d = *state;
    const ng_dict_entry *nk = find(d, NG_DICT_COUNTRY, "North Korea");
    assert_true(has_value(nk, "alias", "DPRK"));
    assert_true(has_value(nk, "demonym", "North Korean"));
    assert_true(has_value(nk, "capital", "Pyongyang"));
    assert_true(has_value(find(d, NG_DICT_COUNTRY, "Russia"), "metonym", "Kremlin"));
    assert_true(has_value(find(d, NG_DICT_COUNTRY, "United States"), "alias", "U.S."));
    assert_true(has_value(find(d, NG_DICT_COUNTRY, "United Kingdom"), "demonym", "Britons"));
    assert_true(has_value(find(d, NG_DICT_PERSON, "Volodymyr Zelensky"), "alias", "Zelenskyy"));
    assert_true(has_value(find(d, NG_DICT_PERSON, "Choe Son Hui"), "alias", "Choe Sun Hui"));
    assert_true(has_value(find(d, NG_DICT_ORGANIZATION, "Korean Central News Agency"), "alias",
                          "KCNA"));
    assert_true(has_value(find(d, NG_DICT_PLACE, "Vostochny Cosmodrome"), "country", "Russia"));
}

static void test_default_records_tenures(void **state)
{
    const ng_dict *d = *state;
    const ng_dict_entry *biden = find(d, NG_DICT_PERSON, "Joe Biden");
    assert_string_equal(ng_dict_value(biden, "until"), "2025-01-20");
    const ng_dict_entry *trump = find(d, NG_DICT_PERSON, "Donald Trump");
    assert_string_equal(ng_dict_value(trump, "from"), "2025-01-20");
    assert_null(ng_dict_value(trump, "until"));
    assert_true(has_value(find(d, NG_DICT_PERSON, "Kim Jong Un"), "role", "leader"));
}

/* Every data line of the embedded files is a distinct entry: no file
 * silently replaces a line of its own or of another file. */
static void test_default_has_no_duplicate_entries(void **state)
{
    const ng_dict *d = *state;
    size_t lines = 0;
    for (const ng_embedded_file *f = ng_default_dictionary; f->name; f++) {
        const char *line = f->text;
        while (line && *line) {
            lines += *line != '#' && *line != '\n';
            line = strchr(line, '\n');
            line = line ? line + 1 : NULL;
        }
    }
    assert_int_equal(ng_dict_count(d), lines);
}

typedef struct name_use {
    char *key; /* kind, then the folded name */
    const ng_dict_entry *entry;
    const char *field;
} name_use;

static int compare_uses(const void *a, const void *b)
{
    return strcmp(((const name_use *)a)->key, ((const name_use *)b)->key);
}

static void add_use(name_use **uses, size_t *n, size_t *cap, const ng_dict_entry *e,
                    const char *field, const char *name)
{
    ng_buf key = {0};
    assert_int_equal(ng_buf_putc(&key, (char)('0' + e->kind)), 0);
    assert_int_equal(ng_name_fold(name, strlen(name), &key), 0);
    void *items = *uses;
    assert_int_equal(ng_array_grow(&items, cap, *n + 1, sizeof **uses), 0);
    *uses = items;
    (*uses)[(*n)++] = (name_use){key.data, e, field};
}

/* No name (canonical, alias, demonym, capital or metonym) belongs to two
 * entries of one kind, or twice to one entry: the extractor could not
 * tell which is meant. */
static void test_default_names_are_unambiguous(void **state)
{
    const ng_dict *d = *state;
    static const char *const keys[] = {"alias", "demonym", "capital", "metonym"};
    name_use *uses = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < ng_dict_count(d); i++) {
        const ng_dict_entry *e = ng_dict_at(d, i);
        add_use(&uses, &n, &cap, e, "name", e->name);
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            const char *const *values;
            size_t count = ng_dict_values(e, keys[k], &values);
            for (size_t v = 0; v < count; v++)
                add_use(&uses, &n, &cap, e, keys[k], values[v]);
        }
    }
    qsort(uses, n, sizeof *uses, compare_uses);
    int clashes = 0;
    for (size_t i = 1; i < n; i++) {
        if (strcmp(uses[i - 1].key, uses[i].key) == 0) {
            print_error("'%s' is %s of %s (%s:%ld) and %s of %s (%s:%ld)\n", uses[i].key + 1,
                        uses[i - 1].field, uses[i - 1].entry->name, uses[i - 1].entry->source,
                        uses[i - 1].entry->line, uses[i].field, uses[i].entry->name,
                        uses[i].entry->source, uses[i].entry->line);
            clashes++;
        }
    }
    for (size_t i = 0; i < n; i++)
        free(uses[i].key);
    free(uses);
    assert_int_equal(clashes, 0);
}

/* Every country= names a country entry, which catches misspellings. */
static void test_default_country_references_exist(void **state)
{
    const ng_dict *d = *state;
    int missing = 0;
    for (size_t i = 0; i < ng_dict_count(d); i++) {
        const ng_dict_entry *e = ng_dict_at(d, i);
        const char *const *values;
        size_t n = ng_dict_values(e, "country", &values);
        for (size_t v = 0; v < n; v++) {
            if (!ng_dict_find(d, NG_DICT_COUNTRY, values[v])) {
                print_error("%s:%ld: %s: no country '%s'\n", e->source, e->line, e->name,
                            values[v]);
                missing++;
            }
        }
    }
    assert_int_equal(missing, 0);
}

/* Capitals come from countries.tsv only, so that "Pyongyang" has one
 * meaning: a place entry of the same name would compete with it. */
static void test_default_places_are_not_capitals(void **state)
{
    const ng_dict *d = *state;
    int clashes = 0;
    for (size_t i = 0; i < ng_dict_count(d); i++) {
        const ng_dict_entry *c = ng_dict_at(d, i);
        const char *const *capitals;
        size_t n = c->kind == NG_DICT_COUNTRY ? ng_dict_values(c, "capital", &capitals) : 0;
        for (size_t k = 0; k < n; k++) {
            const ng_dict_entry *p = ng_dict_find(d, NG_DICT_PLACE, capitals[k]);
            if (p) {
                print_error("%s:%ld: %s is the capital of %s\n", p->source, p->line, p->name,
                            c->name);
                clashes++;
            }
        }
    }
    assert_int_equal(clashes, 0);
}

static void test_default_roles_are_lower_case(void **state)
{
    const ng_dict *d = *state;
    for (size_t i = 0; i < ng_dict_count(d); i++) {
        const ng_dict_entry *e = ng_dict_at(d, i);
        const char *const *roles;
        size_t n = ng_dict_values(e, "role", &roles);
        for (size_t r = 0; r < n; r++) {
            for (const char *s = roles[r]; *s; s++) {
                if (*s >= 'A' && *s <= 'Z')
                    fail_msg("%s:%ld: role '%s' is not lower case", e->source, e->line, roles[r]);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest format[] = {
        cmocka_unit_test(test_person_fields_are_read),
        cmocka_unit_test(test_country_fields_are_read),
        cmocka_unit_test(test_organization_and_place_fields_are_read),
        cmocka_unit_test(test_title_and_suffix_fields_are_read),
        cmocka_unit_test(test_comments_and_blank_lines_are_skipped),
        cmocka_unit_test(test_crlf_bom_and_spaces_are_tolerated),
        cmocka_unit_test(test_last_line_needs_no_newline),
        cmocka_unit_test(test_find_folds_case_hyphens_and_spaces),
        cmocka_unit_test(test_absent_key_has_no_values),
        cmocka_unit_test(test_empty_text_loads_nothing),
        cmocka_unit_test(test_later_file_overrides_entry),
        cmocka_unit_test(test_later_line_overrides_earlier_line),
        cmocka_unit_test(test_override_keeps_earlier_pointers_valid),
        cmocka_unit_test(test_same_name_in_another_kind_is_another_entry),
        cmocka_unit_test(test_removal_deletes_entry),
        cmocka_unit_test(test_removing_a_missing_entry_is_not_an_error),
        cmocka_unit_test(test_removed_entry_can_be_added_again),
        cmocka_unit_test(test_failed_load_leaves_dictionary_unchanged),
        cmocka_unit_test(test_error_unknown_kind),
        cmocka_unit_test(test_error_spaces_instead_of_tabs),
        cmocka_unit_test(test_error_missing_name),
        cmocka_unit_test(test_error_empty_name),
        cmocka_unit_test(test_error_key_in_place_of_name),
        cmocka_unit_test(test_error_bar_in_name),
        cmocka_unit_test(test_error_unknown_key),
        cmocka_unit_test(test_error_key_of_another_kind),
        cmocka_unit_test(test_error_key_without_equals),
        cmocka_unit_test(test_error_missing_key),
        cmocka_unit_test(test_error_empty_field),
        cmocka_unit_test(test_error_empty_value),
        cmocka_unit_test(test_error_empty_value_between_bars),
        cmocka_unit_test(test_error_key_given_twice),
        cmocka_unit_test(test_error_bad_dates),
        cmocka_unit_test(test_leap_day_is_a_date),
        cmocka_unit_test(test_error_until_before_from),
        cmocka_unit_test(test_dates_compare_at_shared_precision),
        cmocka_unit_test(test_error_two_values_for_one_value_key),
        cmocka_unit_test(test_error_bad_type),
        cmocka_unit_test(test_error_cue_without_type),
        cmocka_unit_test(test_error_removal_with_fields),
        cmocka_unit_test(test_error_line_counts_every_line),
        cmocka_unit_test(test_error_column_counts_characters),
        cmocka_unit_test(test_error_invalid_utf8),
        cmocka_unit_test(test_error_overlong_and_surrogate_utf8),
        cmocka_unit_test(test_error_nul_byte),
        cmocka_unit_test(test_error_without_dictionary),
        cmocka_unit_test(test_load_file_reads_the_file),
        cmocka_unit_test(test_load_file_reports_missing_file),
        cmocka_unit_test(test_load_file_reports_unreadable_file),
        cmocka_unit_test(test_kind_names),
    };
    const struct CMUnitTest data[] = {
        cmocka_unit_test(test_default_loads_every_kind),
        cmocka_unit_test(test_default_has_every_un_member),
        cmocka_unit_test(test_default_resolves_aliases_and_demonyms),
        cmocka_unit_test(test_default_records_tenures),
        cmocka_unit_test(test_default_has_no_duplicate_entries),
        cmocka_unit_test(test_default_names_are_unambiguous),
        cmocka_unit_test(test_default_country_references_exist),
        cmocka_unit_test(test_default_places_are_not_capitals),
        cmocka_unit_test(test_default_roles_are_lower_case),
    };
    int failed = cmocka_run_group_tests_name("dict format", format, NULL, NULL);
    failed += cmocka_run_group_tests_name("default dictionary", data, default_setup,
                                          default_teardown);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
