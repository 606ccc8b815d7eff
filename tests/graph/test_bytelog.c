/* The byte log under the graph's evidence: records read back as written,
 * in memory and once moved to a temporary file. */
#include <setjmp.h>
#include <stdarg.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "util/bytelog.h"
#include "util/varint.h"

/* Record i: "record i" followed by i % 300 letters, so that sizes vary
 * and some records cross the first read of a reader. */
static void make_record(size_t i, ng_buf *out)
{
    ng_buf_clear(out);
    ng_buf_printf(out, "record %zu ", i);
    for (size_t k = 0; k < i % 300; k++)
        ng_buf_putc(out, (char)('a' + k % 26));
}

/* Appends n records, then reads each back and compares. */
static void write_and_check(ng_bytelog *log, size_t n, uint64_t *offsets)
{
    ng_buf want = {0}, scratch = {0};
    for (size_t i = 0; i < n; i++) {
        make_record(i, &want);
        assert_int_equal(ng_bytelog_append(log, want.data, want.len, &offsets[i], NULL), 0);
    }
    for (size_t i = 0; i < n; i++) {
        const char *bytes;
        size_t len;
        make_record(i, &want);
        assert_int_equal(ng_bytelog_read(log, offsets[i], &scratch, &bytes, &len, NULL), 0);
        assert_int_equal(len, want.len);
        assert_memory_equal(bytes, want.data, len);
    }
    ng_buf_free(&want);
    ng_buf_free(&scratch);
}

static void test_bytelog_reads_back_records_in_memory(void **state)
{
    (void)state;
    ng_bytelog log = {0};
    uint64_t offsets[5000];
    write_and_check(&log, 5000, offsets);
    assert_false(ng_bytelog_on_disk(&log));
    ng_bytelog_free(&log);
}

static void test_bytelog_reads_back_records_moved_to_a_file(void **state)
{
    (void)state;
    ng_bytelog log = {0};
    ng_bytelog_set_limit(&log, 4096);
    static uint64_t offsets[20000]; /* a few megabytes: the write buffer flushes */
    write_and_check(&log, 20000, offsets);
    assert_true(ng_bytelog_on_disk(&log));
    ng_bytelog_free(&log);
}

static void test_bytelog_keeps_records_larger_than_a_chunk(void **state)
{
    (void)state;
    for (int on_disk = 0; on_disk < 2; on_disk++) {
        ng_bytelog log = {0};
        ng_bytelog_set_limit(&log, on_disk ? 1 : SIZE_MAX);
        size_t big = (size_t)3 << 20;
        char *data = malloc(big);
        assert_non_null(data);
        for (size_t i = 0; i < big; i++)
            data[i] = (char)(i * 7);
        uint64_t small1, large, small2;
        assert_int_equal(ng_bytelog_append(&log, "ab", 2, &small1, NULL), 0);
        assert_int_equal(ng_bytelog_append(&log, data, big, &large, NULL), 0);
        assert_int_equal(ng_bytelog_append(&log, "cd", 2, &small2, NULL), 0);
        ng_buf scratch = {0};
        const char *bytes;
        size_t n;
        assert_int_equal(ng_bytelog_read(&log, large, &scratch, &bytes, &n, NULL), 0);
        assert_int_equal(n, big);
        assert_memory_equal(bytes, data, big);
        assert_int_equal(ng_bytelog_read(&log, small2, &scratch, &bytes, &n, NULL), 0);
        assert_int_equal(n, 2);
        assert_memory_equal(bytes, "cd", 2);
        assert_int_equal(ng_bytelog_read(&log, small1, &scratch, &bytes, &n, NULL), 0);
        assert_memory_equal(bytes, "ab", 2);
        assert_int_equal(ng_bytelog_on_disk(&log), on_disk);
        ng_buf_free(&scratch);
        free(data);
        ng_bytelog_free(&log);
    }
}

static void test_bytelog_refuses_offsets_past_the_end(void **state)
{
    (void)state;
    ng_bytelog log = {0};
    uint64_t at;
    assert_int_equal(ng_bytelog_append(&log, "xyz", 3, &at, NULL), 0);
    ng_buf scratch = {0};
    const char *bytes;
    size_t n;
    ng_error err;
    assert_int_equal(ng_bytelog_read(&log, 4, &scratch, &bytes, &n, &err), NG_ERR_INVALID);
    assert_string_equal(err.text, "no evidence record at offset 4");
    ng_buf_free(&scratch);
    ng_bytelog_free(&log);
}

/* Without a place for the file the log keeps working, in memory. */
static void test_bytelog_stays_in_memory_without_a_temporary_directory(void **state)
{
    (void)state;
    const char *saved = getenv("TMPDIR");
    char *copy = saved ? strdup(saved) : NULL;
    setenv("TMPDIR", "/nonexistent/newsgraph-test", 1);
    ng_bytelog log = {0};
    ng_bytelog_set_limit(&log, 100);
    uint64_t offsets[500];
    write_and_check(&log, 500, offsets);
    assert_false(ng_bytelog_on_disk(&log));
    ng_bytelog_free(&log);
    if (copy)
        setenv("TMPDIR", copy, 1);
    else
        unsetenv("TMPDIR");
    free(copy);
}

/* Reads record i through `window` (and `scratch`) and compares it with
 * what was appended. */
static void check_windowed(const ng_bytelog *log, const uint64_t *offsets, size_t i,
                           ng_bytelog_window *window, int follow, ng_buf *scratch)
{
    ng_buf want = {0};
    const char *bytes;
    size_t len;
    make_record(i, &want);
    assert_int_equal(
        ng_bytelog_read_window(log, offsets[i], window, follow, scratch, &bytes, &len, NULL), 0);
    assert_int_equal(len, want.len);
    assert_memory_equal(bytes, want.data, len);
    ng_buf_free(&want);
}

/* A window serves records read forwards, backwards, by jumps and again,
 * from the file and from the write buffer still in memory, with records
 * larger than the window among them; a record off the reader's path
 * leaves the window where it is, and a record the window holds stays
 * valid while such a record is read into the scratch buffer. */
static void test_bytelog_reads_through_a_window(void **state)
{
    (void)state;
    for (int on_disk = 0; on_disk < 2; on_disk++) {
        enum { COUNT = 20000 };
        static uint64_t offsets[COUNT + 1];
        ng_bytelog log = {0};
        ng_bytelog_set_limit(&log, on_disk ? 4096 : SIZE_MAX);
        ng_buf rec = {0}, scratch = {0};
        for (size_t i = 0; i < COUNT; i++) {
            make_record(i, &rec);
            assert_int_equal(ng_bytelog_append(&log, rec.data, rec.len, &offsets[i], NULL), 0);
        }
        /* One record larger than the window and than the write buffer,
         * which goes to the file straight away. */
        size_t big = ((size_t)1 << 20) + NG_BYTELOG_WINDOW + 5;
        char *data = malloc(big);
        assert_non_null(data);
        for (size_t k = 0; k < big; k++)
            data[k] = (char)(k * 13);
        uint64_t big_offset;
        assert_int_equal(ng_bytelog_append(&log, data, big, &big_offset, NULL), 0);
        assert_int_equal(on_disk, ng_bytelog_on_disk(&log));

        ng_bytelog_window window = {0};
        for (size_t i = 0; i < COUNT; i++) /* forwards */
            check_windowed(&log, offsets, i, &window, 1, &scratch);
        for (size_t i = COUNT; i-- > 0;) /* backwards */
            check_windowed(&log, offsets, i, &window, 1, &scratch);
        for (size_t i = 0; i < COUNT; i++) /* forwards, with a jump after each */
            for (int jump = 0; jump < 2; jump++)
                check_windowed(&log, offsets, jump ? (i * 7919) % COUNT : i, &window, !jump,
                               &scratch);
        for (size_t i = 0; i < COUNT; i += 97) /* jumps that the window follows */
            check_windowed(&log, offsets, (i * 7919) % COUNT, &window, 1, &scratch);
        const char *bytes, *held;
        size_t len, held_len;
        assert_int_equal(ng_bytelog_read_window(&log, big_offset, &window, 1, &scratch, &bytes,
                                                &len, NULL), 0);
        assert_int_equal(len, big);
        assert_memory_equal(bytes, data, big);

        /* A record a new window holds, then one read alone behind it. */
        ng_bytelog_window_free(&window);
        check_windowed(&log, offsets, 10, &window, 1, &scratch);
        uint64_t start = window.start;
        assert_int_equal(ng_bytelog_read_window(&log, offsets[11], &window, 1, &scratch, &held,
                                                &held_len, NULL), 0);
        make_record(0, &rec);
        assert_int_equal(ng_bytelog_read_window(&log, offsets[0], &window, 0, &scratch, &bytes,
                                                &len, NULL), 0);
        assert_true(window.start == start);
        assert_int_equal(len, rec.len);
        assert_memory_equal(bytes, rec.data, len);
        make_record(11, &rec);
        assert_int_equal(held_len, rec.len);
        assert_memory_equal(held, rec.data, held_len);

        assert_int_equal(ng_bytelog_read_window(&log, log.size, &window, 1, &scratch, &bytes,
                                                &len, NULL),
                         NG_ERR_INVALID);
        free(data);
        ng_buf_free(&rec);
        ng_buf_free(&scratch);
        ng_bytelog_window_free(&window);
        ng_bytelog_free(&log);
    }
}

static void test_varint_round_trips(void **state)
{
    (void)state;
    const uint64_t values[] = {0, 1, 127, 128, 300, 16383, 16384, UINT32_MAX, UINT64_MAX};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        ng_buf b = {0};
        assert_int_equal(ng_varint_put(&b, values[i]), 0);
        const char *p = b.data;
        uint64_t v;
        assert_int_equal(ng_varint_get(&p, b.data + b.len, &v), 0);
        assert_true(v == values[i]);
        assert_ptr_equal(p, b.data + b.len);
        p = b.data;
        if (b.len > 1) /* cut short */
            assert_int_equal(ng_varint_get(&p, b.data + b.len - 1, &v), -1);
        ng_buf_free(&b);
    }
    const long long signed_values[] = {0, -1, 1, -2, 1000, -1000, LLONG_MIN, LLONG_MAX};
    for (size_t i = 0; i < sizeof signed_values / sizeof signed_values[0]; i++)
        assert_true(ng_unzigzag(ng_zigzag(signed_values[i])) == signed_values[i]);
    assert_int_equal(ng_zigzag(-1), 1);
    assert_int_equal(ng_zigzag(1), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bytelog_reads_back_records_in_memory),
        cmocka_unit_test(test_bytelog_reads_back_records_moved_to_a_file),
        cmocka_unit_test(test_bytelog_keeps_records_larger_than_a_chunk),
        cmocka_unit_test(test_bytelog_refuses_offsets_past_the_end),
        cmocka_unit_test(test_bytelog_stays_in_memory_without_a_temporary_directory),
        cmocka_unit_test(test_bytelog_reads_through_a_window),
        cmocka_unit_test(test_varint_round_trips),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
