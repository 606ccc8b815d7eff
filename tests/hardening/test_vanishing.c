/* Files that change under the reader: a directory is listed when it is
 * added and its files are read one by one later, so each can disappear,
 * become a directory or a dangling link in between. Each such file is an
 * error naming it, and the reader goes on to the next. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <newsgraph/extract.h>

static char dir[] = "/tmp/ng-vanish-XXXXXX";
static char paths[5][64];

static const char *const names[5] = {"a.txt", "b.txt", "c.txt", "d.txt", "e.txt"};

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

/* The next document, which must be there and be named `name`. */
static void expect_document(ng_reader *r, const char *name)
{
    const ng_document *doc = NULL;
    ng_error err;
    int rc = ng_reader_next(r, &doc, &err);
    if (rc != 1)
        fail_msg("expected %s, got %d: %s: %s", name, rc, err.source, err.text);
    assert_string_equal(doc->name, name);
}

/* The next input must fail with NG_ERR_IO, naming `path` and the cause. */
static void expect_error(ng_reader *r, const char *path, int errnum)
{
    const ng_document *doc = NULL;
    ng_error err;
    assert_int_equal(ng_reader_next(r, &doc, &err), NG_ERR_IO);
    assert_string_equal(err.source, path);
    assert_non_null(strstr(err.text, strerror(errnum)));
}

static void test_files_changed_after_listing_are_errors_and_the_rest_is_read(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(dir));
    for (int i = 0; i < 5; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/%s", dir, names[i]);
        write_text(paths[i], "Kim Jong Un met Vladimir Putin.\n");
    }
    ng_error err;
    ng_reader *r = ng_reader_new(NULL, &err);
    assert_non_null(r);
    assert_int_equal(ng_reader_add(r, dir, &err), 0);
    expect_document(r, "a.txt");

    /* Between two documents: b disappears, c becomes a directory, d a
     * link to nothing. */
    assert_int_equal(unlink(paths[1]), 0);
    assert_int_equal(unlink(paths[2]), 0);
    assert_int_equal(mkdir(paths[2], 0700), 0);
    assert_int_equal(unlink(paths[3]), 0);
    assert_int_equal(symlink("nowhere", paths[3]), 0);

    expect_error(r, paths[1], ENOENT);
    expect_error(r, paths[2], EISDIR);
    expect_error(r, paths[3], ENOENT);
    expect_document(r, "e.txt");
    const ng_document *doc;
    assert_int_equal(ng_reader_next(r, &doc, &err), 0);
    assert_int_equal(ng_reader_document_count(r), 2);
    ng_reader_free(r);

    unlink(paths[0]);
    rmdir(paths[2]);
    unlink(paths[3]);
    unlink(paths[4]);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_files_changed_after_listing_are_errors_and_the_rest_is_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
