/* What a document yields (found.h) against what a graph of that document
 * alone gives: the same entities, ids and aliases, however many
 * documents the ng_found read before, since it keeps what each label
 * gives (its slug) from one document to the next. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <newsgraph/graph.h>

#include "extract/found.h"
#include "util/strmap.h"

typedef struct spelling {
    const char *label;
    ng_entity_type type;
} spelling;

/* Adds the spellings to `f` (started anew) and to a fresh graph, and
 * checks that each gives an entity of the same id, type and label, with
 * the same aliases, and that the label's length and hash are right. */
static void assert_like_a_graph(ng_found *f, const spelling *s, size_t n)
{
    ng_found_start(f);
    ng_graph *g = ng_graph_new(NULL);
    assert_non_null(g);
    for (size_t i = 0; i < n; i++) {
        const ng_found_entity *fe = ng_found_add_entity(f, s[i].label, s[i].type, NULL);
        const ng_entity *ge = ng_graph_add_entity(g, s[i].label, s[i].type, NULL);
        assert_non_null(fe);
        assert_non_null(ge);
        assert_string_equal(fe->id, ng_entity_id(ge));
        assert_string_equal(fe->label, ng_entity_label(ge));
        assert_int_equal(fe->type, ng_entity_typeof(ge));
        assert_int_equal(fe->label_len, strlen(fe->label));
        assert_int_equal(fe->label_hash, ng_strmap_hash(fe->label, fe->label_len));
        assert_ptr_equal(ng_found_entity_by_id(f, fe->id), fe);
        /* the same spelling again is the same entity */
        assert_ptr_equal(ng_found_add_entity(f, s[i].label, s[i].type, NULL), fe);
    }
    assert_int_equal(ng_found_entity_count(f), ng_graph_entity_count(g));
    for (size_t i = 0; i < ng_found_entity_count(f); i++) {
        const ng_found_entity *fe = ng_found_entity_at(f, i);
        const ng_entity *ge = ng_graph_entity_by_id(g, fe->id);
        assert_non_null(ge);
        assert_int_equal(fe->alias_count, ng_entity_alias_count(ge));
        for (size_t k = 0; k < fe->alias_count; k++)
            assert_string_equal(fe->aliases[k], ng_entity_alias_at(ge, k));
    }
    ng_graph_free(g);
}

static const spelling summit[] = {
    {"Kim Jong Un", NG_ENTITY_PERSON},
    {"Kim Jong-un", NG_ENTITY_PERSON},     /* the same slug: an alias */
    {"Georgia", NG_ENTITY_COUNTRY},
    {"Georgia", NG_ENTITY_PLACE},          /* the slug is taken: georgia-place */
    {"GEORGIA", NG_ENTITY_PLACE},          /* an alias of georgia-place */
    {"Georgia", NG_ENTITY_ORGANIZATION},
    {"OPEC", NG_ENTITY_ORGANIZATION},
    {"OPEC+", NG_ENTITY_ORGANIZATION},     /* opec again */
    {"!!!", NG_ENTITY_PLACE},              /* no letters: "entity" */
    {"???", NG_ENTITY_PERSON},             /* entity-person */
    {"\xc3\x89lys\xc3\xa9" "e Palace", NG_ENTITY_PLACE},
    {"Elysee Palace", NG_ENTITY_PLACE},
};

static void test_entities_are_those_of_a_graph(void **state)
{
    (void)state;
    ng_found *f = ng_found_new(NULL);
    assert_non_null(f);
    assert_like_a_graph(f, summit, sizeof summit / sizeof *summit);
    ng_found_free(f);
}

/* The labels are met again in later documents, in another order and with
 * other types first: what the first document left must not show. */
static void test_later_documents_are_read_as_the_first(void **state)
{
    (void)state;
    ng_found *f = ng_found_new(NULL);
    assert_non_null(f);
    size_t n = sizeof summit / sizeof *summit;
    spelling reversed[sizeof summit / sizeof *summit];
    for (size_t i = 0; i < n; i++)
        reversed[i] = summit[n - 1 - i];
    for (int round = 0; round < 3; round++) {
        assert_like_a_graph(f, summit, n);
        assert_like_a_graph(f, reversed, n);
        assert_like_a_graph(f, summit + 3, 4);
    }
    ng_found_free(f);
}

/* Enough labels, over enough documents, that the ng_found forgets the
 * slugs it kept (found.c bounds them) several times over. */
static void test_many_labels_over_many_documents(void **state)
{
    (void)state;
    ng_found *f = ng_found_new(NULL);
    assert_non_null(f);
    char labels[40][32];
    spelling s[40];
    for (int doc = 0; doc < 4000; doc++) {
        for (int i = 0; i < 40; i++) {
            /* new names, and some that come back in every document */
            int number = i < 30 ? doc * 30 + i : i;
            snprintf(labels[i], sizeof labels[i], "Name %d %s", number, i % 2 ? "Smith" : "Jr.");
            s[i] = (spelling){labels[i], i % 3 ? NG_ENTITY_PERSON : NG_ENTITY_PLACE};
        }
        if (doc % 500 == 0) {
            assert_like_a_graph(f, s, 40);
            continue;
        }
        ng_found_start(f);
        for (int i = 0; i < 40; i++)
            assert_non_null(ng_found_add_entity(f, s[i].label, s[i].type, NULL));
    }
    assert_like_a_graph(f, s, 40);
    ng_found_free(f);
}

/* Labels of every length, one longer than the blocks memory is taken in:
 * each label's memo holds the label and its slug, and must keep them
 * whole and aligned whatever came before. */
static void test_labels_of_every_length(void **state)
{
    (void)state;
    ng_found *f = ng_found_new(NULL);
    assert_non_null(f);
    enum { SHORT = 120, LONG = 70000 };
    static char text[LONG + 1];
    memset(text, 'a', LONG);
    static char labels[SHORT][SHORT + 2];
    spelling s[SHORT + 1];
    for (int i = 0; i < SHORT; i++) {
        snprintf(labels[i], sizeof labels[i], "%c%.*s", 'A' + i % 26, i, text);
        s[i] = (spelling){labels[i], (ng_entity_type)(i % NG_ENTITY_TYPE_COUNT)};
    }
    s[SHORT] = (spelling){text, NG_ENTITY_PERSON};
    for (int round = 0; round < 2; round++)
        assert_like_a_graph(f, s, SHORT + 1);
    ng_found_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entities_are_those_of_a_graph),
        cmocka_unit_test(test_later_documents_are_read_as_the_first),
        cmocka_unit_test(test_many_labels_over_many_documents),
        cmocka_unit_test(test_labels_of_every_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
