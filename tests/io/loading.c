#include "loading.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/buf.h"

ng_graph *ng_test_read(ng_format format, const char *text, size_t len, ng_error *err)
{
    /* fmemopen of zero bytes fails on some C libraries; an empty file is
     * then a file that ends at once. */
    FILE *in = len ? fmemopen((void *)(uintptr_t)text, len, "r") : fopen("/dev/null", "r");
    assert_non_null(in);
    ng_graph *g = ng_io_read(format, in, NG_TEST_SOURCE, err);
    assert_int_equal(fclose(in), 0);
    return g;
}

ng_graph *ng_test_load(ng_format format, const char *text)
{
    ng_error err;
    ng_graph *g = ng_test_read(format, text, strlen(text), &err);
    if (!g)
        fail_msg("refused: %s:%ld:%ld: %s", err.source, err.line, err.column, err.text);
    return g;
}

ng_graph *ng_test_load_data(ng_format format, const char *name)
{
    const char *dir = getenv("NG_TESTS_DIR");
    if (!dir)
        fail_msg("NG_TESTS_DIR is not set: run the tests through meson test");
    ng_buf path = {0};
    assert_int_equal(ng_buf_printf(&path, "%s/io/data/%s", dir, name), 0);
    ng_error err;
    ng_graph *g = ng_io_load(path.data, format, &err);
    if (!g)
        fail_msg("refused: %s:%ld:%ld: %s", err.source, err.line, err.column, err.text);
    ng_buf_free(&path);
    return g;
}

char *ng_test_write(const ng_graph *graph, ng_format format)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    ng_error err;
    int rc = ng_io_write(graph, format, out, &err);
    assert_int_equal(fclose(out), 0);
    if (rc != 0)
        fail_msg("cannot write: %s", err.text);
    return text;
}

/* Fails showing the first line where the two texts part. */
static void assert_same_text(const char *expected, const char *actual)
{
    if (strcmp(expected, actual) == 0)
        return;
    size_t i = 0, line = 1, start = 0;
    for (; expected[i] && expected[i] == actual[i]; i++)
        if (expected[i] == '\n') {
            line++;
            start = i + 1;
        }
    fail_msg("the output read back and written again differs at line %zu:\n"
             "  first:  %.*s\n  second: %.*s",
             line, (int)strcspn(expected + start, "\n"), expected + start,
             (int)strcspn(actual + start, "\n"), actual + start);
}

void ng_test_assert_round_trip(ng_graph *graph, ng_format format)
{
    assert_non_null(graph);
    char *first = ng_test_write(graph, format);
    ng_graph_free(graph);
    ng_graph *again = ng_test_load(format, first);
    char *second = ng_test_write(again, format);
    ng_graph_free(again);
    assert_same_text(first, second);
    free(first);
    free(second);
}

void ng_test_assert_refused(ng_format format, const char *text, size_t len, ng_status status,
                            long line, const char *words)
{
    ng_error err;
    ng_graph *g = ng_test_read(format, text, len, &err);
    if (g) {
        ng_graph_free(g);
        fail_msg("accepted: %.200s", text);
    }
    if (err.status != status)
        fail_msg("status %s, not %s: %s", ng_status_string(err.status),
                 ng_status_string(status), err.text);
    assert_string_equal(err.source, NG_TEST_SOURCE);
    if (line > 0 && err.line != line)
        fail_msg("line %ld, not %ld: %s", err.line, line, err.text);
    if (line == 0 && err.line <= 0)
        fail_msg("no line: %s", err.text);
    if (words && !strstr(err.text, words))
        fail_msg("message \"%s\" does not say \"%s\"", err.text, words);
}

/* --- random graphs ------------------------------------------------------------ */

static unsigned next_random(unsigned *state)
{
    *state = *state * 1103515245u + 12345u;
    return (*state >> 16) & 0x7fff;
}

static void add_random_evidence(ng_graph *g, const ng_edge *e, unsigned *state)
{
    static const char *const docs[] = {"a.txt", "b.txt", "c d.txt"};
    static const char *const items[] = {"oil", "shells", "drones & parts"};
    unsigned count = 1 + next_random(state) % 3;
    for (unsigned i = 0; i < count; i++) {
        ng_evidence ev = {docs[next_random(state) % 3],
                          (long)(1 + next_random(state) % 9),
                          0,
                          10,
                          next_random(state) % 2 ? "They met \"at last\"." : "A <b>report</b>.",
                          next_random(state) % 2 ? "met" : NULL,
                          (ng_modality)(next_random(state) % NG_MODALITY_COUNT),
                          NULL,
                          NULL,
                          next_random(state) % 2 ? items[next_random(state) % 3] : NULL};
        assert_int_equal(ng_graph_add_evidence(g, e, &ev, NULL), 0);
    }
}

ng_graph *ng_test_random_graph(unsigned seed, int size)
{
    unsigned state = seed;
    ng_graph *g = ng_graph_new(NULL);
    assert_non_null(g);
    int n = 1 + (int)(next_random(&state) % (unsigned)size);
    const ng_entity **entities = calloc((size_t)n, sizeof *entities);
    assert_non_null(entities);
    for (int i = 0; i < n; i++) {
        char label[32];
        snprintf(label, sizeof label, "Entity %c%d", 'A' + (int)(next_random(&state) % 26), i);
        entities[i] = ng_graph_add_entity(
            g, label, (ng_entity_type)(next_random(&state) % NG_ENTITY_TYPE_COUNT), NULL);
        assert_non_null(entities[i]);
    }
    int m = (int)(next_random(&state) % (unsigned)(3 * size));
    for (int j = 0; j < m; j++) {
        int a = (int)(next_random(&state) % (unsigned)n);
        int b = (int)(next_random(&state) % (unsigned)n);
        ng_relation rel = (ng_relation)(next_random(&state) % NG_RELATION_COUNT);
        if (a == b)
            continue;
        const ng_edge *e = ng_graph_add_edge(g, entities[a], rel, entities[b], NULL);
        assert_non_null(e);
        add_random_evidence(g, e, &state);
    }
    free(entities);
    return g;
}

char *ng_test_big_text(const char *before, char fill, size_t len, const char *after,
                       size_t *total)
{
    size_t a = strlen(before), b = strlen(after);
    char *text = malloc(a + len + b + 1);
    assert_non_null(text);
    memcpy(text, before, a);
    memset(text + a, fill, len);
    memcpy(text + a + len, after, b + 1);
    *total = a + len + b;
    return text;
}

/* --- standard error ----------------------------------------------------------- */

static int saved_stderr = -1;
static FILE *captured_stderr;

void ng_test_stderr_begin(void)
{
    fflush(stderr);
    captured_stderr = tmpfile();
    assert_non_null(captured_stderr);
    saved_stderr = dup(STDERR_FILENO);
    assert_true(saved_stderr >= 0);
    assert_true(dup2(fileno(captured_stderr), STDERR_FILENO) >= 0);
}

char *ng_test_stderr_end(void)
{
    fflush(stderr);
    assert_true(dup2(saved_stderr, STDERR_FILENO) >= 0);
    close(saved_stderr);
    saved_stderr = -1;
    assert_int_equal(fseek(captured_stderr, 0, SEEK_END), 0);
    long size = ftell(captured_stderr);
    assert_true(size >= 0);
    rewind(captured_stderr);
    char *text = calloc((size_t)size + 1, 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)size, captured_stderr), (size_t)size);
    fclose(captured_stderr);
    captured_stderr = NULL;
    return text;
}

const ng_edge *ng_test_edge(const ng_graph *graph, const char *source, ng_relation relation,
                            const char *target)
{
    const ng_entity *s = ng_graph_entity_by_id(graph, source);
    const ng_entity *t = ng_graph_entity_by_id(graph, target);
    if (!s || !t)
        fail_msg("no entity %s", s ? target : source);
    const ng_edge *e = ng_graph_find_edge(graph, s, relation, t);
    if (!e)
        fail_msg("no edge %s %s %s", source, ng_relation_name(relation), target);
    return e;
}
