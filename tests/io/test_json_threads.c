/* The JSON writer on several threads: a graph large enough to be cut into
 * many pieces, with strings that need escaping and sanitising, must give
 * the bytes of one thread whatever the count, into a memory stream or a
 * file, and a failed write must be reported rather than hang. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <newsgraph/io.h>

#include "fixtures.h"

#define LONG_SENTENCE                                                                       \
    "a long sentence that repeats itself, a long sentence that repeats itself, a long "    \
    "sentence that repeats itself."

/* Strings that every output format must survive, cycled through. */
static const char *const awkward[] = {
    "plain", "quote \" and backslash \\", "tab\tnewline\ncarriage\r",
    "bell \a and DEL \x7f", "invalid \xff\xfe UTF-8 \xe2\x82", "C1 \xc2\x85 control",
    "bidi \xe2\x80\xae override", "\xea\xb9\x80\xec\xa0\x95\xec\x9d\x80 and \xe4\xb8\xad\xe6\x96\x87",
    "not a character \xef\xbf\xbe", "", LONG_SENTENCE,
};
#define AWKWARD_COUNT (sizeof awkward / sizeof awkward[0])

static const char *pick(size_t i)
{
    return awkward[i % AWKWARD_COUNT];
}

static void add_documents(ng_graph *g, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        char name[32];
        snprintf(name, sizeof name, "doc-%zu.txt", i);
        ng_docinfo doc = {name, i % 3 ? "2023-09-13" : NULL, (long)(i % 7)};
        assert_int_equal(ng_graph_add_document(g, &doc, NULL), 0);
    }
}

static const ng_entity *add_entity(ng_graph *g, size_t i)
{
    char label[96];
    snprintf(label, sizeof label, "Entity %zu %s", i, pick(i));
    const ng_entity *e = ng_graph_add_entity(g, label, (ng_entity_type)(i % 4), NULL);
    assert_non_null(e);
    assert_int_equal(ng_graph_add_alias(g, e, pick(i + 1), NULL), 0);
    for (size_t d = 0; d < i % 5; d++) {
        char doc[32];
        snprintf(doc, sizeof doc, "doc-%zu.txt", (i + d) % 100);
        assert_int_equal(ng_graph_add_mentions(g, e, doc, 1, NULL), 0);
    }
    return e;
}

static void add_edge(ng_graph *g, const ng_entity *const *entities, size_t count, size_t i)
{
    const ng_entity *a = entities[i % count], *b = entities[(i * 7 + 1) % count];
    if (a == b)
        return;
    const ng_edge *e = ng_graph_add_edge(g, a, (ng_relation)(i % 4), b, NULL);
    assert_non_null(e);
    for (size_t k = 0; k < 1 + i % 3; k++) {
        ng_evidence ev = {"doc-1.txt", (long)k, (long long)i, (long long)i + 10,
                          pick(i + k), pick(i * 3 + k), (ng_modality)((i + k) % 4),
                          k ? "2023-09-13" : NULL, k == 1 ? ng_entity_id(a) : NULL,
                          k == 2 ? pick(k) : NULL};
        assert_int_equal(ng_graph_add_evidence(g, e, &ev, NULL), 0);
    }
}

/* A few megabytes of JSON: every list is several pieces long. */
static ng_graph *large_graph(void)
{
    ng_graph *g = ng_graph_new(NULL);
    assert_non_null(g);
    assert_int_equal(ng_graph_set_label(g, pick(1), NULL), 0);
    add_documents(g, 6000);
    enum { ENTITIES = 3000, EDGES = 12000 };
    const ng_entity **entities = calloc(ENTITIES, sizeof *entities);
    assert_non_null(entities);
    for (size_t i = 0; i < ENTITIES; i++)
        entities[i] = add_entity(g, i);
    for (size_t i = 0; i < EDGES; i++)
        add_edge(g, entities, ENTITIES, i);
    free(entities);
    return g;
}

/* The JSON of g written on `threads` threads, owned by the caller. */
static char *json_of(const ng_graph *g, size_t threads, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);
    assert_non_null(f);
    ng_error err;
    int rc = ng_io_write_threads(g, NG_FORMAT_JSON, f, threads, &err);
    assert_int_equal(fclose(f), 0);
    if (rc != 0)
        fail_msg("ng_io_write_threads: %s", err.text);
    return text;
}

static void assert_same_for_every_count(const ng_graph *g)
{
    size_t one_len;
    char *one = json_of(g, 1, &one_len);
    static const size_t counts[] = {0, 2, 3, 8};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        size_t len;
        char *many = json_of(g, counts[i], &len);
        assert_int_equal(len, one_len);
        assert_memory_equal(many, one, len);
        free(many);
    }
    free(one);
}

static void large_graph_is_the_same_on_every_thread_count(void **state)
{
    (void)state;
    ng_graph *g = large_graph();
    assert_same_for_every_count(g);
    ng_graph_free(g);
}

static void small_graphs_are_the_same_on_every_thread_count(void **state)
{
    (void)state;
    ng_graph *(*const makers[])(void) = {ng_fixture_summit, ng_fixture_awkward};
    for (size_t i = 0; i < 2; i++) {
        ng_graph *g = makers[i]();
        assert_non_null(g);
        assert_same_for_every_count(g);
        ng_graph_free(g);
    }
    ng_graph *empty = ng_graph_new(NULL);
    assert_non_null(empty);
    assert_same_for_every_count(empty);
    ng_graph_free(empty);
}

/* Into a file: after what the stream held already, and the stream goes
 * on after them. */
static void a_file_gets_the_same_bytes_at_its_position(void **state)
{
    (void)state;
    ng_graph *g = large_graph();
    size_t one_len;
    char *one = json_of(g, 1, &one_len);
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(fputs("before\n", f) >= 0, 1); /* still in the stream's buffer */
    ng_error err;
    assert_int_equal(ng_io_write_threads(g, NG_FORMAT_JSON, f, 3, &err), 0);
    assert_int_equal(fputs("after\n", f) >= 0, 1);
    assert_int_equal(fflush(f), 0);
    long total = ftell(f);
    assert_int_equal(total, (long)(7 + one_len + 6));
    char *back = malloc((size_t)total);
    assert_non_null(back);
    rewind(f);
    assert_int_equal(fread(back, 1, (size_t)total, f), (size_t)total);
    assert_memory_equal(back, "before\n", 7);
    assert_memory_equal(back + 7, one, one_len);
    assert_memory_equal(back + 7 + one_len, "after\n", 6);
    free(back);
    fclose(f);
    free(one);
    ng_graph_free(g);
}

static void write_error_is_reported_on_several_threads(void **state)
{
    (void)state;
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        skip();
    ng_graph *g = large_graph();
    ng_error err;
    assert_int_equal(ng_io_write_threads(g, NG_FORMAT_JSON, full, 4, &err), NG_ERR_IO);
    assert_non_null(strstr(err.text, "cannot write"));
    fclose(full);
    ng_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(large_graph_is_the_same_on_every_thread_count),
        cmocka_unit_test(small_graphs_are_the_same_on_every_thread_count),
        cmocka_unit_test(a_file_gets_the_same_bytes_at_its_position),
        cmocka_unit_test(write_error_is_reported_on_several_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
