/* The hash map under every index of the graph. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "util/pairset.h"
#include "util/strmap.h"

static void test_strmap_get_of_missing_key_is_null(void **state)
{
    (void)state;
    ng_strmap m = {0};
    assert_null(ng_strmap_get(&m, "x", 1));
    ng_strmap_free(&m);
}

static void test_strmap_put_replaces_value(void **state)
{
    (void)state;
    ng_strmap m = {0};
    int a = 1, b = 2;
    assert_int_equal(ng_strmap_put(&m, "key", 3, &a), 0);
    assert_int_equal(ng_strmap_put(&m, "key", 3, &b), 0);
    assert_ptr_equal(ng_strmap_get(&m, "key", 3), &b);
    assert_int_equal(m.count, 1);
    ng_strmap_free(&m);
}

static void test_strmap_keys_are_byte_strings_with_length(void **state)
{
    (void)state;
    ng_strmap m = {0};
    int a = 1, b = 2;
    assert_int_equal(ng_strmap_put(&m, "a\0b", 3, &a), 0);
    assert_int_equal(ng_strmap_put(&m, "a", 1, &b), 0);
    assert_ptr_equal(ng_strmap_get(&m, "a\0b", 3), &a);
    assert_ptr_equal(ng_strmap_get(&m, "a", 1), &b);
    ng_strmap_free(&m);
}

static void test_strmap_keeps_every_key_through_growth(void **state)
{
    (void)state;
    enum { N = 5000 };
    static char keys[N][8];
    ng_strmap m = {0};
    for (int i = 0; i < N; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        assert_int_equal(ng_strmap_put(&m, keys[i], strlen(keys[i]), keys[i]), 0);
    }
    assert_int_equal(m.count, N);
    for (int i = 0; i < N; i++)
        assert_ptr_equal(ng_strmap_get(&m, keys[i], strlen(keys[i])), keys[i]);
    ng_strmap_free(&m);
}

static void test_buf_printf_appends(void **state)
{
    (void)state;
    ng_buf b = {0};
    assert_int_equal(ng_buf_append_str(&b, "e"), 0);
    assert_int_equal(ng_buf_printf(&b, "%d-%s", 42, "x"), 0);
    assert_string_equal(ng_buf_cstr(&b), "e42-x");
    ng_buf_clear(&b);
    assert_string_equal(ng_buf_cstr(&b), "");
    ng_buf_free(&b);
}

static void test_buf_reserve_alone_leaves_an_empty_string(void **state)
{
    (void)state;
    ng_buf b = {0};
    assert_int_equal(ng_buf_reserve(&b, 100), 0);
    assert_non_null(b.data);
    assert_string_equal(ng_buf_cstr(&b), "");
    ng_buf_free(&b);
}

static void test_pairset_add_tells_new_pairs_apart(void **state)
{
    (void)state;
    ng_pairset set = {0};
    static int x[2000];
    assert_int_equal(ng_pairset_add(&set, &x[0], &x[1]), 1);
    assert_int_equal(ng_pairset_add(&set, &x[0], &x[1]), 0);
    assert_int_equal(ng_pairset_add(&set, &x[1], &x[0]), 1); /* ordered pairs */
    assert_int_equal(ng_pairset_add(&set, &x[0], NULL), 1);
    for (int i = 0; i < 2000; i++)
        assert_int_equal(ng_pairset_add(&set, &x[i], &x[(i * 7) % 2000]), 1);
    assert_int_equal(set.count, 2003);
    for (int i = 0; i < 2000; i++)
        assert_true(ng_pairset_has(&set, &x[i], &x[(i * 7) % 2000]));
    assert_false(ng_pairset_has(&set, &x[5], &x[6]));
    ng_pairset_free(&set);
    assert_false(ng_pairset_has(&set, &x[0], &x[1]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strmap_get_of_missing_key_is_null),
        cmocka_unit_test(test_strmap_put_replaces_value),
        cmocka_unit_test(test_strmap_keys_are_byte_strings_with_length),
        cmocka_unit_test(test_strmap_keeps_every_key_through_growth),
        cmocka_unit_test(test_pairset_add_tells_new_pairs_apart),
        cmocka_unit_test(test_buf_printf_appends),
        cmocka_unit_test(test_buf_reserve_alone_leaves_an_empty_string),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
