/* How ids are made from labels: ng_entity_id_choose, and its two halves
 * (ng_entity_id_base, ng_entity_id_settle) that give the same ids for a
 * caller that keeps the first half's result. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "graph/entity_id.h"

/* A collection of ids with their types. */
typedef struct held {
    const char *id;
    ng_entity_type type;
} held;

typedef struct collection {
    const held *items;
    size_t count;
} collection;

static const void *lookup(const void *c, const char *id, ng_entity_type *type)
{
    const collection *col = c;
    for (size_t i = 0; i < col->count; i++)
        if (strcmp(col->items[i].id, id) == 0) {
            *type = col->items[i].type;
            return &col->items[i];
        }
    return NULL;
}

static const held taken[] = {
    {"georgia", NG_ENTITY_COUNTRY},
    {"georgia-place", NG_ENTITY_ORGANIZATION},
    {"georgia-place-2", NG_ENTITY_PERSON},
    {"entity", NG_ENTITY_PLACE},
    {"kim-jong-un", NG_ENTITY_PERSON},
};

/* Both ways give `expected`, and the same existing entity. */
static void assert_id(const char *label, ng_entity_type type, const char *expected,
                      const void *existing)
{
    collection col = {taken, sizeof taken / sizeof *taken};
    ng_buf whole = {0}, halves = {0};
    const void *found_whole = NULL, *found_halves = NULL;
    assert_int_equal(ng_entity_id_choose(label, type, &whole, lookup, &col, &found_whole), 0);
    assert_int_equal(ng_entity_id_base(label, strlen(label), &halves), 0);
    assert_int_equal(ng_entity_id_settle(type, &halves, lookup, &col, &found_halves), 0);
    assert_string_equal(ng_buf_cstr(&whole), expected);
    assert_string_equal(ng_buf_cstr(&halves), expected);
    assert_ptr_equal(found_whole, existing);
    assert_ptr_equal(found_halves, existing);
    ng_buf_free(&whole);
    ng_buf_free(&halves);
}

static void test_halves_give_what_choose_gives(void **state)
{
    (void)state;
    assert_id("Kim Jong-un", NG_ENTITY_PERSON, "kim-jong-un", &taken[4]);
    assert_id("Georgia", NG_ENTITY_COUNTRY, "georgia", &taken[0]);
    assert_id("Georgia", NG_ENTITY_PLACE, "georgia-place-3", NULL);
    assert_id("Georgia", NG_ENTITY_ORGANIZATION, "georgia-organization", NULL);
    assert_id("Vladimir Putin", NG_ENTITY_PERSON, "vladimir-putin", NULL);
    assert_id("!!!", NG_ENTITY_PLACE, "entity", &taken[3]);
    assert_id("???", NG_ENTITY_PERSON, "entity-person", NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_halves_give_what_choose_gives),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
