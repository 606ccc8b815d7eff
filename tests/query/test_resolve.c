/* Resolving names: exact label, alias, folded, prefix, spelling,
 * ambiguous and missing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <newsgraph/query.h>

#include "fixtures.h"

/* The summit fixture with more Kims and two Georgias. */
static int setup(void **state)
{
    ng_graph *g = ng_fixture_summit();
    if (!g)
        return -1;
    const ng_entity *il = ng_graph_add_entity(g, "Kim Jong Il", NG_ENTITY_PERSON, NULL);
    const ng_entity *yo = ng_graph_add_entity(g, "Kim Yo Jong", NG_ENTITY_PERSON, NULL);
    int bad = !il || !yo || ng_graph_add_alias(g, il, "Chairman", NULL) != 0 ||
              ng_graph_add_alias(g, yo, "Chairman", NULL) != 0 ||
              !ng_graph_add_entity(g, "Georgia", NG_ENTITY_COUNTRY, NULL) ||
              !ng_graph_add_entity(g, "Georgia", NG_ENTITY_PLACE, NULL) ||
              !ng_graph_add_entity(g, "Lee", NG_ENTITY_PERSON, NULL) ||
              ng_graph_add_alias(g, ng_graph_entity_by_id(g, "russia"), "lee", NULL) != 0;
    if (bad) {
        ng_graph_free(g);
        return -1;
    }
    *state = g;
    return 0;
}

static int teardown(void **state)
{
    ng_graph_free(*state);
    return 0;
}

/* Resolves `name`, expecting success, and returns the id found. */
static const char *resolved(void **state, const char *name)
{
    const ng_entity *found = NULL;
    size_t count = 99;
    ng_error err;
    int rc = ng_query_resolve(*state, name, &found, NULL, 0, &count, &err);
    if (rc != 0)
        fail_msg("'%s': %s", name, err.text);
    assert_int_equal(count, 1);
    return ng_entity_id(found);
}

static void test_exact_label(void **state)
{
    assert_string_equal(resolved(state, "Kim Jong Un"), "kim-jong-un");
    assert_string_equal(resolved(state, "Russia"), "russia");
}

static void test_alias(void **state)
{
    assert_string_equal(resolved(state, "Putin"), "vladimir-putin");
    assert_string_equal(resolved(state, "Mr Kim"), "kim-jong-un");
}

static void test_case_hyphens_and_spacing_ignored(void **state)
{
    assert_string_equal(resolved(state, "kim  jong-UN"), "kim-jong-un");
    assert_string_equal(resolved(state, "VLADIMIR_PUTIN"), "vladimir-putin");
    assert_string_equal(resolved(state, "vostochny-cosmodrome"), "vostochny-cosmodrome");
}

/* "Lee" is a label; "lee" an alias of Russia: the alias typed exactly
 * wins over the label matched ignoring case. */
static void test_exact_alias_beats_folded_label(void **state)
{
    assert_string_equal(resolved(state, "lee"), "russia");
    assert_string_equal(resolved(state, "Lee"), "lee");
}

static void test_unique_prefix(void **state)
{
    assert_string_equal(resolved(state, "Vlad"), "vladimir-putin");
    assert_string_equal(resolved(state, "vostoch"), "vostochny-cosmodrome");
    assert_string_equal(resolved(state, "UN Sec"), "un-security-council");
}

static void test_closest_spelling(void **state)
{
    assert_string_equal(resolved(state, "Vladimir Puttin"), "vladimir-putin");
    assert_string_equal(resolved(state, "Rusia"), "russia");
    assert_string_equal(resolved(state, "Rsusia"), "russia");             /* transposed */
    assert_string_equal(resolved(state, "Nroth Koraa"), "north-korea");   /* two edits */
    assert_string_equal(resolved(state, "Vostochny Cosmodorme"), "vostochny-cosmodrome");
}

static void expect_ambiguous(void **state, const char *name, const char *const *ids,
                             size_t n)
{
    const ng_entity *found = NULL, *cands[8];
    size_t count = 0;
    ng_error err;
    assert_int_equal(ng_query_resolve(*state, name, &found, cands, 8, &count, &err),
                     NG_ERR_AMBIGUOUS);
    assert_int_equal(err.status, NG_ERR_AMBIGUOUS);
    assert_non_null(strstr(err.text, name));
    assert_null(found);
    assert_int_equal(count, n);
    for (size_t i = 0; i < n; i++) {
        int seen = 0;
        for (size_t k = 0; k < n; k++)
            seen |= strcmp(ng_entity_id(cands[k]), ids[i]) == 0;
        if (!seen)
            fail_msg("'%s': %s is not among the candidates", name, ids[i]);
    }
}

static void test_ambiguous_label(void **state)
{
    const char *ids[] = {"georgia", "georgia-place"};
    expect_ambiguous(state, "Georgia", ids, 2);
}

static void test_ambiguous_alias(void **state)
{
    const char *ids[] = {"kim-jong-il", "kim-yo-jong"};
    expect_ambiguous(state, "Chairman", ids, 2);
}

static void test_ambiguous_prefix(void **state)
{
    const char *ids[] = {"kim-jong-un", "kim-jong-il"};
    expect_ambiguous(state, "Kim Jong", ids, 2);
}

static void test_ambiguous_spelling(void **state)
{
    const char *ids[] = {"kim-jong-un", "kim-jong-il"};
    expect_ambiguous(state, "Kim Jong Ul", ids, 2);
}

static void test_candidates_beyond_capacity_are_counted(void **state)
{
    const ng_entity *found, *one[1] = {NULL};
    size_t count = 0;
    assert_int_equal(ng_query_resolve(*state, "Georgia", &found, one, 1, &count, NULL),
                     NG_ERR_AMBIGUOUS);
    assert_int_equal(count, 2);
    assert_non_null(one[0]);
}

static void test_missing(void **state)
{
    const ng_entity *found = NULL;
    size_t count = 7;
    ng_error err;
    assert_int_equal(ng_query_resolve(*state, "Atlantis", &found, NULL, 0, &count, &err),
                     NG_ERR_NOT_FOUND);
    assert_int_equal(err.status, NG_ERR_NOT_FOUND);
    assert_non_null(strstr(err.text, "Atlantis"));
    assert_int_equal(count, 0);
    assert_null(found);
}

/* Two letters are too few to guess from: "Ru" is a prefix, "Rx" nothing. */
static void test_short_names_are_not_guessed(void **state)
{
    const ng_entity *found;
    assert_string_equal(resolved(state, "Ru"), "russia");
    assert_int_equal(ng_query_resolve(*state, "Rx", &found, NULL, 0, NULL, NULL),
                     NG_ERR_NOT_FOUND);
    assert_int_equal(ng_query_resolve(*state, "", &found, NULL, 0, NULL, NULL),
                     NG_ERR_NOT_FOUND);
    assert_int_equal(ng_query_resolve(*state, " - ", &found, NULL, 0, NULL, NULL),
                     NG_ERR_NOT_FOUND);
}

static void test_too_far_is_missing(void **state)
{
    const ng_entity *found;
    assert_int_equal(ng_query_resolve(*state, "Rssa", &found, NULL, 0, NULL, NULL),
                     NG_ERR_NOT_FOUND);
}

static void test_non_ascii_spelling(void **state)
{
    ng_graph *g = *state;
    assert_non_null(ng_graph_add_entity(g, "Mircea Geoan\xc4\x83", NG_ENTITY_PERSON, NULL));
    assert_string_equal(resolved(state, "mircea geoana"), "mircea-geoana");
    assert_string_equal(resolved(state, "Mirca Geoan\xc4\x83"), "mircea-geoana");
}

static void test_bad_arguments(void **state)
{
    const ng_entity *found;
    ng_error err;
    assert_int_equal(ng_query_resolve(*state, NULL, &found, NULL, 0, NULL, &err),
                     NG_ERR_INVALID);
    assert_int_equal(ng_query_resolve(NULL, "Kim", &found, NULL, 0, NULL, &err),
                     NG_ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_exact_label, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alias, setup, teardown),
        cmocka_unit_test_setup_teardown(test_case_hyphens_and_spacing_ignored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exact_alias_beats_folded_label, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unique_prefix, setup, teardown),
        cmocka_unit_test_setup_teardown(test_closest_spelling, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ambiguous_label, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ambiguous_alias, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ambiguous_prefix, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ambiguous_spelling, setup, teardown),
        cmocka_unit_test_setup_teardown(test_candidates_beyond_capacity_are_counted, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_short_names_are_not_guessed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_too_far_is_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_non_ascii_spelling, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_arguments, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
