#include "golden.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <newsgraph/version.h>

#include "util/buf.h"

static const char version_text[] = "newsgraph " NG_VERSION_STRING;
static const char version_mark[] = "newsgraph @VERSION@";

ng_output ng_output_capture(ng_write_fn write, const ng_graph *graph)
{
    ng_output out = {0};
    FILE *stream = open_memstream(&out.text, &out.len);
    assert_non_null(stream);
    out.status = write(graph, stream, &out.err);
    assert_int_equal(fclose(stream), 0);
    return out;
}

/* `text` with every version string replaced by the mark. */
static void mask_version(ng_buf *out, const char *text)
{
    const char *hit;
    while ((hit = strstr(text, version_text)) != NULL) {
        assert_int_equal(ng_buf_append(out, text, (size_t)(hit - text)), 0);
        assert_int_equal(ng_buf_append_str(out, version_mark), 0);
        text = hit + strlen(version_text);
    }
    assert_int_equal(ng_buf_append_str(out, text), 0);
}

static void golden_path(ng_buf *path, const char *name)
{
    const char *dir = getenv("NG_TESTS_DIR");
    if (!dir)
        fail_msg("NG_TESTS_DIR is not set: run the tests through meson test");
    assert_int_equal(ng_buf_printf(path, "%s/formats/golden/%s", dir, name), 0);
}

static void read_file(ng_buf *out, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s (NG_UPDATE_GOLDEN=1 creates it)", path);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        assert_int_equal(ng_buf_append(out, chunk, n), 0);
    assert_false(ferror(f));
    fclose(f);
}

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        fail_msg("cannot create %s", path);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* Prints the line of `text` that holds offset `at`. */
static void print_line(const char *what, const char *text, size_t len, size_t at)
{
    size_t start = at, end = at;
    while (start > 0 && text[start - 1] != '\n')
        start--;
    while (end < len && text[end] != '\n')
        end++;
    print_error("  %-8s %.*s\n", what, (int)(end - start), text + start);
}

static void report_mismatch(const char *name, const char *golden, const ng_buf *expected,
                            const ng_buf *actual)
{
    const char *want = ng_buf_cstr(expected), *got = ng_buf_cstr(actual);
    size_t at = 0, line = 1;
    while (at < expected->len && at < actual->len && want[at] == got[at])
        line += want[at++] == '\n';
    print_error("%s differs from the output at line %zu:\n", golden, line);
    print_line("expected", want, expected->len, at);
    print_line("actual", got, actual->len, at);

    ng_buf saved = {0};
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(ng_buf_printf(&saved, "%s/%s.actual", cwd, name), 0);
    write_file(ng_buf_cstr(&saved), got, actual->len);
    print_error("the whole output is in %s:\n  diff -u %s %s\n"
                "if the change is intended, rerun with NG_UPDATE_GOLDEN=1 and review the diff\n",
                ng_buf_cstr(&saved), golden, ng_buf_cstr(&saved));
    ng_buf_free(&saved);
}

void ng_golden_assert(const char *name, const char *actual, size_t len)
{
    assert_non_null(actual);
    assert_int_equal(strlen(actual), len); /* no NUL inside: text formats */
    ng_buf path = {0}, masked = {0}, expected = {0};
    golden_path(&path, name);
    mask_version(&masked, actual);

    const char *update = getenv("NG_UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        write_file(ng_buf_cstr(&path), ng_buf_cstr(&masked), masked.len);
        print_message("rewrote %s\n", ng_buf_cstr(&path));
    } else {
        read_file(&expected, ng_buf_cstr(&path));
        int same = expected.len == masked.len &&
                   memcmp(ng_buf_cstr(&expected), ng_buf_cstr(&masked), masked.len) == 0;
        if (!same)
            report_mismatch(name, ng_buf_cstr(&path), &expected, &masked);
        assert_true(same);
    }
    ng_buf_free(&path);
    ng_buf_free(&masked);
    ng_buf_free(&expected);
}
