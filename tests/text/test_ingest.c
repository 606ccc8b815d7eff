/* Unit tests of the reader: files, directories, standard input, JSON Lines,
 * warnings and errors, and the sample corpus in seeds/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <newsgraph/extract.h>

#include "text/sentence.h"

/* ---- scaffolding -------------------------------------------------------- */

#define MAX_WARNINGS 8

typedef struct warnings {
    ng_error items[MAX_WARNINGS];
    size_t count;
} warnings;

static void collect_warning(const ng_error *diag, void *user)
{
    warnings *w = user;
    if (w->count < MAX_WARNINGS)
        w->items[w->count] = *diag;
    w->count++;
}

/* A fresh reader whose warnings go to `w`. */
static ng_reader *reader_with(warnings *w, int keep_furniture)
{
    *w = (warnings){0};
    ng_reader_options options = {collect_warning, w, keep_furniture};
    ng_error err;
    ng_reader *r = ng_reader_new(&options, &err);
    assert_non_null(r);
    return r;
}

static char *path_in(const char *dir, const char *rel)
{
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

static char *make_temp_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = path_in(tmp && *tmp ? tmp : "/tmp", "ng-ingest-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

/* Writes n bytes to dir/rel, creating the directories on the way. */
static void write_file(const char *dir, const char *rel, const void *bytes, size_t n)
{
    char *path = path_in(dir, rel);
    for (char *slash = strchr(path + strlen(dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        assert_true(mkdir(path, 0700) == 0 || errno == EEXIST);
        *slash = '/';
    }
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    free(path);
}

static void write_text(const char *dir, const char *rel, const char *text)
{
    write_file(dir, rel, text, strlen(text));
}

static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        chmod(path, 0700);
        DIR *d = opendir(path);
        assert_non_null(d);
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char *child = path_in(path, e->d_name);
            remove_tree(child);
            free(child);
        }
        closedir(d);
        assert_int_equal(rmdir(path), 0);
    } else {
        assert_int_equal(unlink(path), 0);
    }
}

/* Reads the next document, which must be there. */
static const ng_document *next_document(ng_reader *r)
{
    const ng_document *doc = NULL;
    ng_error err;
    int rc = ng_reader_next(r, &doc, &err);
    if (rc != 1)
        fail_msg("expected a document, got %d: %s: %s", rc, err.source, err.text);
    return doc;
}

static void expect_end(ng_reader *r)
{
    const ng_document *doc;
    ng_error err;
    assert_int_equal(ng_reader_next(r, &doc, &err), 0);
}

static void add_path(ng_reader *r, const char *path)
{
    ng_error err;
    if (ng_reader_add(r, path, &err) != 0)
        fail_msg("cannot add %s: %s", path, err.text);
}

/* Adds dir/rel. */
static void add_in(ng_reader *r, const char *dir, const char *rel)
{
    char *path = path_in(dir, rel);
    add_path(r, path);
    free(path);
}

static int text_contains(const ng_document *doc, const char *needle)
{
    return strstr(doc->text, needle) != NULL;
}

/* ---- plain files and directories --------------------------------------- */

static void test_ingest_plain_file_is_one_document(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "a.txt", "Kim met Putin.\n");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_in(r, dir, "a.txt");
    const ng_document *doc = next_document(r);
    assert_string_equal(doc->name, "a.txt");
    assert_true(strstr(doc->source, "/a.txt") != NULL);
    assert_int_equal(doc->line, 0);
    assert_null(doc->date);
    assert_null(doc->title);
    assert_int_equal(doc->raw_length, 15);
    assert_memory_equal(doc->raw, "Kim met Putin.\n", 15);
    assert_string_equal(doc->text, "Kim met Putin.\n");
    assert_int_equal(doc->length, 15);
    assert_int_equal(doc->origin[doc->length], doc->raw_length);
    assert_int_equal(ng_reader_document_count(r), 1);
    expect_end(r);
    assert_int_equal(w.count, 0);
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_directory_is_sorted_and_recursive(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "b.txt", "B.");
    write_text(dir, "a.txt", "A.");
    write_text(dir, "a/x.txt", "X.");
    write_text(dir, "a/sub/y.txt", "Y.");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_path(r, dir);
    /* byte order of the paths: "a.txt" < "a/sub/y.txt" < "a/x.txt" < "b.txt" */
    static const char *const want[] = {"a.txt", "y.txt", "x.txt", "b.txt"};
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(next_document(r)->name, want[i]);
    expect_end(r);
    assert_int_equal(ng_reader_document_count(r), 4);
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_directory_skips_hidden_entries(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "visible.txt", "Seen.");
    write_text(dir, ".hidden.txt", "Not seen.");
    write_text(dir, ".git/config.txt", "Not seen either.");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_path(r, dir);
    assert_string_equal(next_document(r)->name, "visible.txt");
    expect_end(r);
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_symlink_loop_does_not_hang(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "sub/a.txt", "A.");
    char *loop = path_in(dir, "sub/loop");
    assert_int_equal(symlink("..", loop), 0);
    char *self = path_in(dir, "self");
    assert_int_equal(symlink(".", self), 0);
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_path(r, dir);
    assert_string_equal(next_document(r)->name, "a.txt");
    expect_end(r);
    ng_reader_free(r);
    free(loop);
    free(self);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_duplicate_base_names_stay_unique(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "one/x.txt", "First.");
    write_text(dir, "one/z/x.txt", "Second.");
    write_text(dir, "two/x.txt", "Third.");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_in(r, dir, "one");
    add_in(r, dir, "two");
    add_in(r, dir, "two/x.txt");
    assert_string_equal(next_document(r)->name, "x.txt");
    assert_string_equal(next_document(r)->name, "z/x.txt"); /* relative to "one" */
    const ng_document *third = next_document(r);
    assert_string_equal(third->name, third->source); /* "x.txt" is taken twice over */
    const ng_document *again = next_document(r);
    assert_true(strcmp(again->name, third->source) != 0);
    assert_non_null(strstr(again->name, "two/x.txt#"));
    expect_end(r);
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_missing_path_is_not_found(void **state)
{
    (void)state;
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    ng_error err;
    assert_int_equal(ng_reader_add(r, "/nonexistent/ng-missing.txt", &err), NG_ERR_NOT_FOUND);
    assert_int_equal(err.status, NG_ERR_NOT_FOUND);
    assert_string_equal(err.source, "/nonexistent/ng-missing.txt");
    assert_true(strlen(err.text) > 0);
    expect_end(r);
    ng_reader_free(r);
}

static void test_ingest_vanished_file_reports_io_error_and_moves_on(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "gone.txt", "Gone.");
    write_text(dir, "kept.txt", "Kept.");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_in(r, dir, "gone.txt");
    add_in(r, dir, "kept.txt");
    char *gone = path_in(dir, "gone.txt");
    assert_int_equal(unlink(gone), 0);
    const ng_document *doc;
    ng_error err;
    assert_int_equal(ng_reader_next(r, &doc, &err), NG_ERR_IO);
    assert_int_equal(err.status, NG_ERR_IO);
    assert_string_equal(err.source, gone);
    assert_non_null(strstr(err.text, strerror(ENOENT)));
    assert_string_equal(next_document(r)->name, "kept.txt");
    expect_end(r);
    ng_reader_free(r);
    free(gone);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_unreadable_file_reports_io_error(void **state)
{
    (void)state;
    if (geteuid() == 0)
        skip(); /* permissions do not stop root */
    char *dir = make_temp_dir();
    write_text(dir, "secret.txt", "Secret.");
    char *path = path_in(dir, "secret.txt");
    assert_int_equal(chmod(path, 0), 0);
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_path(r, path);
    const ng_document *doc;
    ng_error err;
    assert_int_equal(ng_reader_next(r, &doc, &err), NG_ERR_IO);
    assert_string_equal(err.source, path);
    assert_non_null(strstr(err.text, strerror(EACCES)));
    expect_end(r);
    ng_reader_free(r);
    free(path);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_skips_binary_file_with_warning(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
    write_file(dir, "image.png", png, sizeof png - 1);
    write_text(dir, "story.txt", "Kim met Putin.");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_path(r, dir);
    assert_string_equal(next_document(r)->name, "story.txt");
    expect_end(r);
    assert_int_equal(w.count, 1);
    assert_int_equal(w.items[0].status, NG_ERR_ENCODING);
    assert_string_equal(w.items[0].text, "binary file skipped");
    assert_non_null(strstr(w.items[0].source, "image.png"));
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_skips_undecodable_file_without_nul(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    char bytes[400];
    for (size_t i = 0; i < sizeof bytes; i++)
        bytes[i] = (char)(0x80 + i % 0x40); /* continuation bytes only */
    memcpy(bytes, "Latin-1 or worse: ", 18);
    write_file(dir, "noise.txt", bytes, sizeof bytes);
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_in(r, dir, "noise.txt");
    expect_end(r);
    assert_int_equal(w.count, 1);
    assert_string_equal(w.items[0].text, "binary file skipped");
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_skips_empty_document_with_warning(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "empty.txt", "");
    write_text(dir, "spaces.txt", " \n\t\r\n \xc2\xa0\n");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_path(r, dir);
    expect_end(r);
    assert_int_equal(w.count, 2);
    assert_string_equal(w.items[0].text, "empty document skipped");
    assert_string_equal(w.items[1].text, "empty document skipped");
    assert_int_equal(ng_reader_document_count(r), 0);
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_warns_once_for_invalid_utf8(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "bad.txt", "First line.\nKim\xff met\xfe Putin\xff.");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_in(r, dir, "bad.txt");
    const ng_document *doc = next_document(r);
    assert_true(text_contains(doc, "Kim\xef\xbf\xbd met\xef\xbf\xbd Putin"));
    assert_int_equal(w.count, 1);
    const ng_error *warning = &w.items[0];
    assert_int_equal(warning->status, NG_ERR_ENCODING);
    assert_string_equal(warning->text,
                        "3 invalid UTF-8 bytes replaced by U+FFFD, first at byte 15");
    assert_int_equal(warning->offset, 15);
    assert_int_equal(warning->line, 2);
    assert_int_equal(warning->column, 4);
    assert_non_null(strstr(warning->source, "bad.txt"));
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_warns_for_control_characters(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "ctl.txt", "Kim\x01 met\x02 Putin.");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_in(r, dir, "ctl.txt");
    assert_string_equal(next_document(r)->text, "Kim  met  Putin.");
    assert_int_equal(w.count, 1);
    assert_string_equal(w.items[0].text,
                        "2 control characters replaced by spaces, first at byte 3");
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_date_line(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    const char *raw = " date 2023-09-12 Kim arrives in Russia\nThe train crossed the border.\n";
    write_text(dir, "dated.txt", raw);
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_in(r, dir, "dated.txt");
    const ng_document *doc = next_document(r);
    assert_string_equal(doc->date, "2023-09-12");
    assert_memory_equal(doc->raw, raw, strlen(raw));
    /* only the "date YYYY-MM-DD" prefix is blanked; the headline stays */
    assert_string_equal(doc->text,
                        "                 Kim arrives in Russia\nThe train crossed the border.\n");
    assert_int_equal(doc->origin[17], 17);
    size_t pos = 0;
    ng_span span;
    assert_int_equal(ng_sentence_next(doc->text, doc->length, &pos, &span), 1);
    assert_int_equal(span.start, 17);
    assert_int_equal(w.count, 0);
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_date_line_alone_leaves_no_text_before_body(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "dated.txt", "\nDATE: 2024-02-29\nLeap day talks.\n");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_in(r, dir, "dated.txt");
    const ng_document *doc = next_document(r);
    assert_string_equal(doc->date, "2024-02-29");
    assert_string_equal(doc->text, "\n                \nLeap day talks.\n");
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_date_line_with_invalid_date_warns(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "dated.txt", "date 2023-02-29 Headline\nBody.\n");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_in(r, dir, "dated.txt");
    const ng_document *doc = next_document(r);
    assert_null(doc->date);
    assert_true(text_contains(doc, "Headline"));
    assert_int_equal(w.count, 1);
    assert_int_equal(w.items[0].status, NG_ERR_PARSE);
    assert_non_null(strstr(w.items[0].text, "2023-02-29"));
    assert_int_equal(w.items[0].line, 1);
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_date_line_must_come_first(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "late.txt", "Headline\ndate 2023-09-12\n");
    write_text(dir, "word.txt", "Dated 2023-09-12 documents were found.\n");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_path(r, dir);
    const ng_document *doc = next_document(r);
    assert_null(doc->date);
    assert_true(text_contains(doc, "date 2023-09-12"));
    doc = next_document(r);
    assert_null(doc->date);
    assert_true(text_contains(doc, "Dated 2023-09-12"));
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_blanks_furniture_by_default(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "page.txt", "Advertisement\nKim met Putin.\nContinue Reading\n");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_in(r, dir, "page.txt");
    assert_string_equal(next_document(r)->text,
                        "             \nKim met Putin.\n                \n");
    ng_reader_free(r);
    r = reader_with(&w, 1);
    add_in(r, dir, "page.txt");
    assert_string_equal(next_document(r)->text,
                        "Advertisement\nKim met Putin.\nContinue Reading\n");
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_reads_standard_input_for_dash(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "in.txt", "From standard input.\n");
    char *path = path_in(dir, "in.txt");
    assert_non_null(freopen(path, "rb", stdin));
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_path(r, "-");
    const ng_document *doc = next_document(r);
    assert_string_equal(doc->name, "stdin");
    assert_string_equal(doc->source, "-");
    assert_string_equal(doc->text, "From standard input.\n");
    expect_end(r);
    ng_reader_free(r);
    free(path);
    remove_tree(dir);
    free(dir);
}

/* ---- JSON Lines --------------------------------------------------------- */

static void test_ingest_jsonl_reads_records(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "corpus.jsonl",
               "{\"id\": \"r1\", \"date\": \"2023-09-13\", \"title\": \"Kim meets Putin\", "
               "\"text\": \"Kim met Putin at Vostochny.\"}\n"
               "\n"
               "{\"text\": \"Second record.\", \"extra\": [1, 2]}\n");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_path(r, dir);
    const ng_document *doc = next_document(r);
    assert_string_equal(doc->name, "r1");
    assert_string_equal(doc->date, "2023-09-13");
    assert_string_equal(doc->title, "Kim meets Putin");
    assert_int_equal(doc->line, 1);
    const char *raw = "Kim meets Putin\n\nKim met Putin at Vostochny.";
    assert_int_equal(doc->raw_length, strlen(raw));
    assert_memory_equal(doc->raw, raw, strlen(raw));
    assert_string_equal(doc->text, raw);
    assert_non_null(strstr(doc->source, "corpus.jsonl"));
    doc = next_document(r);
    assert_string_equal(doc->name, "corpus.jsonl:3");
    assert_null(doc->date);
    assert_null(doc->title);
    assert_int_equal(doc->line, 3);
    assert_string_equal(doc->text, "Second record.");
    expect_end(r);
    assert_int_equal(w.count, 0);
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_jsonl_malformed_line_reports_line_number(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "c.ndjson",
               "{\"text\": \"One.\"}\n"
               "{\"text\": \"Two.\",}\n"
               "{\"text\": \"Three.\"}\n");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_in(r, dir, "c.ndjson");
    assert_string_equal(next_document(r)->text, "One.");
    const ng_document *doc;
    ng_error err;
    assert_int_equal(ng_reader_next(r, &doc, &err), NG_ERR_PARSE);
    assert_int_equal(err.status, NG_ERR_PARSE);
    assert_non_null(strstr(err.source, "c.ndjson"));
    assert_int_equal(err.line, 2);
    assert_true(err.column > 0);
    assert_true(err.offset >= 18 && err.offset < 37);
    assert_true(strlen(err.text) > 0);
    doc = next_document(r);
    assert_string_equal(doc->text, "Three.");
    assert_int_equal(doc->line, 3);
    expect_end(r);
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_jsonl_rejects_duplicate_keys(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "c.jsonl", "{\"text\": \"One.\", \"text\": \"Two.\"}\n");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_in(r, dir, "c.jsonl");
    const ng_document *doc;
    ng_error err;
    assert_int_equal(ng_reader_next(r, &doc, &err), NG_ERR_PARSE);
    assert_int_equal(err.line, 1);
    expect_end(r);
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_jsonl_record_without_text_is_parse_error(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "c.jsonl", "{\"title\": \"No body\"}\n[1, 2]\n{\"text\": \"Body.\"}\n");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_in(r, dir, "c.jsonl");
    const ng_document *doc;
    ng_error err;
    assert_int_equal(ng_reader_next(r, &doc, &err), NG_ERR_PARSE);
    assert_int_equal(err.line, 1);
    assert_non_null(strstr(err.text, "text"));
    assert_int_equal(ng_reader_next(r, &doc, &err), NG_ERR_PARSE);
    assert_int_equal(err.line, 2);
    assert_string_equal(next_document(r)->text, "Body.");
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_jsonl_timestamp_date_keeps_its_day(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "c.jsonl",
               "{\"date\": \"2023-09-13T08:30:00Z\", \"text\": \"One.\"}\n"
               "{\"date\": \"13/09/2023\", \"text\": \"Two.\"}\n");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_in(r, dir, "c.jsonl");
    assert_string_equal(next_document(r)->date, "2023-09-13");
    assert_int_equal(w.count, 0);
    assert_null(next_document(r)->date);
    assert_int_equal(w.count, 1);
    assert_int_equal(w.items[0].line, 2);
    assert_non_null(strstr(w.items[0].text, "13/09/2023"));
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_jsonl_duplicate_id_is_renamed_with_warning(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "c.jsonl",
               "{\"id\": \"a\", \"text\": \"One.\"}\n{\"id\": \"a\", \"text\": \"Two.\"}\n");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_in(r, dir, "c.jsonl");
    assert_string_equal(next_document(r)->name, "a");
    assert_string_equal(next_document(r)->name, "a#2");
    assert_int_equal(w.count, 1);
    assert_non_null(strstr(w.items[0].text, "duplicate id"));
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_jsonl_empty_text_is_skipped_with_warning(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "c.jsonl", "{\"text\": \"  \"}\n{\"text\": \"Kept.\"}\n");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_in(r, dir, "c.jsonl");
    assert_string_equal(next_document(r)->text, "Kept.");
    assert_int_equal(w.count, 1);
    assert_string_equal(w.items[0].text, "empty document skipped");
    assert_int_equal(w.items[0].line, 1);
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

static void test_ingest_jsonl_control_characters_warn_with_record_line(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_text(dir, "c.jsonl",
               "{\"text\": \"One.\"}\n{\"text\": \"Two\\u0000 and\\u0007 more.\"}\n");
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_in(r, dir, "c.jsonl");
    next_document(r);
    assert_string_equal(next_document(r)->text, "Two  and  more.");
    assert_int_equal(w.count, 1);
    assert_int_equal(w.items[0].status, NG_ERR_ENCODING);
    assert_int_equal(w.items[0].line, 2);
    assert_string_equal(w.items[0].text,
                        "2 control characters replaced by spaces, first at byte 3 of the record");
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

/* ---- scale -------------------------------------------------------------- */

static void test_ingest_huge_single_line_is_linear(void **state)
{
    (void)state;
    /* 50 MB on one line, with typographic characters throughout: reading,
     * normalising, blanking and splitting it must stay linear. No timer
     * here (speed is measured in bench/): a quadratic step over 50 MB does
     * not end, and the test's timeout fails it. */
    static const char chunk[] =
        "Kim\xe2\x80\x99s train re\xcc\x81sume\xcc\x81 \xe2\x80\x94 and on ";
    size_t k = sizeof chunk - 1, n = (50u << 20) / k * k;
    char *bytes = malloc(n);
    assert_non_null(bytes);
    for (size_t i = 0; i < n; i += k)
        memcpy(bytes + i, chunk, k);
    char *dir = make_temp_dir();
    write_file(dir, "huge.txt", bytes, n);
    free(bytes);
    warnings w;
    ng_reader *r = reader_with(&w, 0);
    add_in(r, dir, "huge.txt");
    const ng_document *doc = next_document(r);
    assert_int_equal(doc->raw_length, n);
    size_t pos = 0, sentences = 0;
    ng_span span;
    while (ng_sentence_next(doc->text, doc->length, &pos, &span))
        sentences++;
    assert_int_equal(sentences, 1);
    ng_reader_free(r);
    remove_tree(dir);
    free(dir);
}

/* ---- the sample corpus -------------------------------------------------- */

/* Reads every seed document; the reader is returned for the caller to free. */
static ng_reader *read_seeds(warnings *w)
{
    const char *root = getenv("NG_SOURCE_ROOT");
    if (!root)
        skip();
    ng_reader *r = reader_with(w, 0);
    char *seeds = path_in(root, "seeds");
    add_path(r, seeds);
    free(seeds);
    return r;
}

/* The next seed document whose name starts with `prefix`. */
static const ng_document *seed(ng_reader *r, const char *prefix)
{
    for (;;) {
        const ng_document *doc = next_document(r);
        if (strncmp(doc->name, prefix, strlen(prefix)) == 0)
            return doc;
    }
}

/* Finds the sentence of doc that equals `want`; returns whether it did. */
static int find_sentence(const ng_document *doc, const char *want, ng_span *found)
{
    size_t pos = 0, n = strlen(want);
    while (ng_sentence_next(doc->text, doc->length, &pos, found)) {
        if (found->end - found->start == n && memcmp(doc->text + found->start, want, n) == 0)
            return 1;
    }
    return 0;
}

static const char vladivostok[] =
    "A possible venue for the meeting is the eastern Russian city of Vladivostok, where Putin "
    "arrived Monday to attend an international forum that runs through Wednesday, according to "
    "Russia's TASS news agency.";

static void test_ingest_seeds_are_read_in_order(void **state)
{
    (void)state;
    warnings w;
    ng_reader *r = read_seeds(&w);
    static const char *const want[] = {"000_", "001_", "002_", "003_", "004_"};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(strncmp(next_document(r)->name, want[i], 4), 0);
    expect_end(r);
    assert_int_equal(w.count, 0);
    ng_reader_free(r);
}

static void test_ingest_seed_sentence_comes_out_whole(void **state)
{
    (void)state;
    warnings w;
    ng_reader *r = read_seeds(&w);
    ng_span span;
    assert_true(find_sentence(seed(r, "000_"), vladivostok, &span));
    ng_reader_free(r);
}

static void test_ingest_seed_origin_maps_sentence_back_to_raw(void **state)
{
    (void)state;
    warnings w;
    ng_reader *r = read_seeds(&w);
    const ng_document *doc = seed(r, "000_");
    ng_span span;
    assert_true(find_sentence(doc, vladivostok, &span));
    size_t start = doc->origin[span.start], end = doc->origin[span.end];
    /* the raw bytes hold the same words, with the typographic apostrophe */
    const char *tail = "according to Russia\xe2\x80\x99s TASS news agency.";
    size_t tail_len = strlen(tail);
    assert_int_equal(end - start, sizeof vladivostok - 1 + 2);
    assert_memory_equal(doc->raw + start, vladivostok, 40);
    assert_memory_equal(doc->raw + end - tail_len, tail, tail_len);
    ng_reader_free(r);
}

static void test_ingest_seed_advertisement_lines_are_blanked(void **state)
{
    (void)state;
    warnings w;
    ng_reader *r = read_seeds(&w);
    const ng_document *doc = seed(r, "000_");
    assert_false(text_contains(doc, "Advertisement"));
    assert_false(text_contains(doc, "Continue Reading"));
    assert_false(text_contains(doc, "Copyright"));
    assert_true(text_contains(doc, "Estonia summons Russian embassy chief over GPS jamming"));
    assert_true(strstr(doc->raw, "Advertisement") != NULL);
    ng_reader_free(r);
}

static void test_ingest_seed_002_date(void **state)
{
    (void)state;
    warnings w;
    ng_reader *r = read_seeds(&w);
    const ng_document *doc = seed(r, "002_");
    assert_string_equal(doc->date, "2023-09-12");
    ng_span span;
    size_t pos = 0;
    assert_int_equal(ng_sentence_next(doc->text, doc->length, &pos, &span), 1);
    const char *headline = "Ukraine-Russia war - live: Kim Jong-un arrives in Russia";
    assert_memory_equal(doc->text + span.start, headline, strlen(headline));
    assert_true(find_sentence(doc, "Russia's war in Ukraine", &span));
    assert_true(find_sentence(doc, "In pictures: Kim Jong Un leaves for Russia", &span));
    assert_true(find_sentence(doc, "Why did Russia invade Ukraine?", &span));
    ng_reader_free(r);
}

static void test_ingest_seed_004_headline_list_is_blanked(void **state)
{
    (void)state;
    warnings w;
    ng_reader *r = read_seeds(&w);
    const ng_document *doc = seed(r, "004_");
    assert_false(text_contains(doc, "mins ago"));
    assert_false(text_contains(doc, "Source link"));
    ng_span span;
    assert_true(find_sentence(
        doc, "Map Shows Russian Jet Sending North Korean Troops to Ukraine War Front Line", &span));
    ng_reader_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ingest_plain_file_is_one_document),
        cmocka_unit_test(test_ingest_directory_is_sorted_and_recursive),
        cmocka_unit_test(test_ingest_directory_skips_hidden_entries),
        cmocka_unit_test(test_ingest_symlink_loop_does_not_hang),
        cmocka_unit_test(test_ingest_duplicate_base_names_stay_unique),
        cmocka_unit_test(test_ingest_missing_path_is_not_found),
        cmocka_unit_test(test_ingest_vanished_file_reports_io_error_and_moves_on),
        cmocka_unit_test(test_ingest_unreadable_file_reports_io_error),
        cmocka_unit_test(test_ingest_skips_binary_file_with_warning),
        cmocka_unit_test(test_ingest_skips_undecodable_file_without_nul),
        cmocka_unit_test(test_ingest_skips_empty_document_with_warning),
        cmocka_unit_test(test_ingest_warns_once_for_invalid_utf8),
        cmocka_unit_test(test_ingest_warns_for_control_characters),
        cmocka_unit_test(test_ingest_date_line),
        cmocka_unit_test(test_ingest_date_line_alone_leaves_no_text_before_body),
        cmocka_unit_test(test_ingest_date_line_with_invalid_date_warns),
        cmocka_unit_test(test_ingest_date_line_must_come_first),
        cmocka_unit_test(test_ingest_blanks_furniture_by_default),
        cmocka_unit_test(test_ingest_reads_standard_input_for_dash),
        cmocka_unit_test(test_ingest_jsonl_reads_records),
        cmocka_unit_test(test_ingest_jsonl_malformed_line_reports_line_number),
        cmocka_unit_test(test_ingest_jsonl_rejects_duplicate_keys),
        cmocka_unit_test(test_ingest_jsonl_record_without_text_is_parse_error),
        cmocka_unit_test(test_ingest_jsonl_timestamp_date_keeps_its_day),
        cmocka_unit_test(test_ingest_jsonl_duplicate_id_is_renamed_with_warning),
        cmocka_unit_test(test_ingest_jsonl_empty_text_is_skipped_with_warning),
        cmocka_unit_test(test_ingest_jsonl_control_characters_warn_with_record_line),
        cmocka_unit_test(test_ingest_huge_single_line_is_linear),
        cmocka_unit_test(test_ingest_seeds_are_read_in_order),
        cmocka_unit_test(test_ingest_seed_sentence_comes_out_whole),
        cmocka_unit_test(test_ingest_seed_origin_maps_sentence_back_to_raw),
        cmocka_unit_test(test_ingest_seed_advertisement_lines_are_blanked),
        cmocka_unit_test(test_ingest_seed_002_date),
        cmocka_unit_test(test_ingest_seed_004_headline_list_is_blanked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
