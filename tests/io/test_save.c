/* Saving and loading files: all-or-nothing writes, permissions, and
 * errors that name the file. Each test works in a fresh directory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <newsgraph/io.h>

#include "fixtures.h"

typedef struct workdir {
    char dir[256];
    char path[256 + 1 + 256]; /* dir/name, built by at() */
    char list[1024]; /* built by listing() */
} workdir;

static int make_workdir(void **state)
{
    workdir *w = calloc(1, sizeof *w);
    const char *tmp = getenv("TMPDIR");
    if (!w)
        return -1;
    snprintf(w->dir, sizeof w->dir, "%s/ng-io-save-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(w->dir)) {
        free(w);
        return -1;
    }
    *state = w;
    return 0;
}

static const char *at(workdir *w, const char *name)
{
    snprintf(w->path, sizeof w->path, "%s/%s", w->dir, name);
    return w->path;
}

/* Removes the directory and what the tests left in it, one level deep. */
static int remove_workdir(void **state)
{
    workdir *w = *state;
    DIR *d = opendir(w->dir);
    struct dirent *ent;
    while (d && (ent = readdir(d)) != NULL) {
        if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
            continue;
        const char *p = at(w, ent->d_name);
        if (unlink(p) != 0)
            rmdir(p);
    }
    if (d)
        closedir(d);
    int rc = rmdir(w->dir);
    free(w);
    return rc;
}

/* The names in the directory, hidden ones included, sorted and joined by
 * spaces: "a.json b.json". Borrowed from w. */
static const char *listing(workdir *w)
{
    struct dirent **names;
    int n = scandir(w->dir, &names, NULL, alphasort);
    assert_true(n >= 0);
    w->list[0] = '\0';
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0) {
            if (w->list[0])
                strncat(w->list, " ", sizeof w->list - strlen(w->list) - 1);
            strncat(w->list, name, sizeof w->list - strlen(w->list) - 1);
        }
        free(names[i]);
    }
    free(names);
    return w->list;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_true(fputs(text, f) >= 0);
    assert_int_equal(fclose(f), 0);
}

static void assert_file_holds(const char *path, const char *text)
{
    char buf[256] = {0};
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(n, strlen(text));
    assert_string_equal(buf, text);
}

static void save_summit(const char *path, ng_format format, int want, ng_error *err)
{
    ng_graph *g = ng_fixture_summit();
    assert_non_null(g);
    assert_int_equal(ng_io_save(g, format, path, err), want);
    ng_graph_free(g);
}

static void save_writes_a_file_that_loads_back(void **state)
{
    workdir *w = *state;
    ng_error err;
    save_summit(at(w, "g.json"), NG_FORMAT_JSON, 0, &err);
    ng_graph *g = ng_io_load(at(w, "g.json"), NG_FORMAT_UNKNOWN, &err);
    assert_non_null(g);
    assert_int_equal(ng_graph_entity_count(g), 7);
    ng_graph_free(g);
}

static void save_leaves_no_temporary_file(void **state)
{
    workdir *w = *state;
    ng_error err;
    save_summit(at(w, "g.json"), NG_FORMAT_JSON, 0, &err);
    assert_string_equal(listing(w), "g.json");
}

static void save_replaces_an_existing_file(void **state)
{
    workdir *w = *state;
    ng_error err;
    write_text(at(w, "g.json"), "old");
    save_summit(at(w, "g.json"), NG_FORMAT_JSON, 0, &err);
    FILE *f = fopen(at(w, "g.json"), "r");
    assert_non_null(f);
    assert_int_equal(fgetc(f), '{');
    assert_int_equal(fclose(f), 0);
}

static void save_picks_the_format_from_the_extension(void **state)
{
    workdir *w = *state;
    ng_error err;
    save_summit(at(w, "g.JSON"), NG_FORMAT_UNKNOWN, 0, &err);
    ng_graph *g = ng_io_load(at(w, "g.JSON"), NG_FORMAT_JSON, &err);
    assert_non_null(g);
    ng_graph_free(g);
}

static void save_without_a_known_extension_is_a_format_error(void **state)
{
    workdir *w = *state;
    ng_error err;
    save_summit(at(w, "g.txt"), NG_FORMAT_UNKNOWN, NG_ERR_FORMAT, &err);
    assert_string_equal(err.source, at(w, "g.txt"));
    assert_string_equal(listing(w), "");
}

static void save_into_a_missing_directory_fails_naming_the_path(void **state)
{
    workdir *w = *state;
    ng_error err;
    const char *path = at(w, "missing/g.json");
    save_summit(path, NG_FORMAT_JSON, NG_ERR_IO, &err);
    assert_int_equal(err.status, NG_ERR_IO);
    assert_string_equal(err.source, path);
    assert_non_null(strstr(err.text, strerror(ENOENT)));
}

static void save_onto_a_directory_fails_and_leaves_no_temporary_file(void **state)
{
    workdir *w = *state;
    ng_error err;
    assert_int_equal(mkdir(at(w, "g.json"), 0700), 0);
    save_summit(at(w, "g.json"), NG_FORMAT_JSON, NG_ERR_IO, &err);
    assert_string_equal(err.source, at(w, "g.json"));
    assert_non_null(strstr(err.text, strerror(EISDIR)));
    struct stat st;
    assert_int_equal(stat(at(w, "g.json"), &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_string_equal(listing(w), "g.json");
}

static void save_to_a_name_ending_in_a_slash_fails(void **state)
{
    workdir *w = *state;
    ng_error err;
    save_summit(at(w, "sub/"), NG_FORMAT_JSON, NG_ERR_INVALID, &err);
    assert_string_equal(err.source, at(w, "sub/"));
    assert_string_equal(listing(w), "");
}

/* A file size limit makes the write fail the way a full disk does. */
static void save_write_failure_keeps_the_previous_file(void **state)
{
    workdir *w = *state;
    ng_error err;
    const char *path = at(w, "g.json");
    write_text(path, "previous");

    struct rlimit old, small;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    small = old;
    small.rlim_cur = 64;
    void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    ng_graph *g = ng_fixture_summit();
    int rc = g ? ng_io_save(g, NG_FORMAT_JSON, path, &err) : -1;
    ng_graph_free(g);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, old_handler);

    assert_int_equal(rc, NG_ERR_IO);
    assert_string_equal(err.source, path);
    assert_non_null(strstr(err.text, strerror(EFBIG)));
    assert_file_holds(path, "previous");
    assert_string_equal(listing(w), "g.json");
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_mode & 0777;
}

static void save_gives_a_new_file_the_mode_the_umask_allows(void **state)
{
    workdir *w = *state;
    ng_error err;
    mode_t old = umask(027);
    save_summit(at(w, "g.json"), NG_FORMAT_JSON, 0, &err);
    umask(old);
    assert_int_equal(mode_of(at(w, "g.json")), 0640);
}

static void save_keeps_the_mode_of_the_file_it_replaces(void **state)
{
    workdir *w = *state;
    ng_error err;
    write_text(at(w, "g.json"), "old");
    assert_int_equal(chmod(at(w, "g.json"), 0604), 0);
    save_summit(at(w, "g.json"), NG_FORMAT_JSON, 0, &err);
    assert_int_equal(mode_of(at(w, "g.json")), 0604);
}

static void load_of_a_missing_file_is_not_found(void **state)
{
    workdir *w = *state;
    ng_error err;
    assert_null(ng_io_load(at(w, "none.json"), NG_FORMAT_UNKNOWN, &err));
    assert_int_equal(err.status, NG_ERR_NOT_FOUND);
    assert_string_equal(err.source, at(w, "none.json"));
    assert_non_null(strstr(err.text, strerror(ENOENT)));
}

static void load_of_a_directory_is_an_io_error(void **state)
{
    workdir *w = *state;
    ng_error err;
    assert_int_equal(mkdir(at(w, "d.json"), 0700), 0);
    assert_null(ng_io_load(at(w, "d.json"), NG_FORMAT_UNKNOWN, &err));
    assert_int_equal(err.status, NG_ERR_IO);
    assert_string_equal(err.source, at(w, "d.json"));
}

static void load_without_a_known_extension_is_a_format_error(void **state)
{
    workdir *w = *state;
    ng_error err;
    write_text(at(w, "g.txt"), "{}");
    assert_null(ng_io_load(at(w, "g.txt"), NG_FORMAT_UNKNOWN, &err));
    assert_int_equal(err.status, NG_ERR_FORMAT);
    assert_string_equal(err.source, at(w, "g.txt"));
}

static void load_of_an_unknown_extension_is_a_format_error(void **state)
{
    workdir *w = *state;
    ng_error err;
    assert_null(ng_io_load(at(w, "g.txt"), NG_FORMAT_UNKNOWN, &err));
    assert_int_equal(err.status, NG_ERR_FORMAT);
}

/* A small graph fits in the stream's buffer: only the flush can fail. */
static void write_error_at_the_final_flush_is_reported(void **state)
{
    (void)state;
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        skip();
    ng_graph *g = ng_graph_new(NULL);
    assert_non_null(g);
    ng_error err;
    assert_int_equal(ng_io_write(g, NG_FORMAT_JSON, full, &err), NG_ERR_IO);
    assert_int_equal(err.status, NG_ERR_IO);
    assert_non_null(strstr(err.text, strerror(ENOSPC)));
    ng_graph_free(g);
    fclose(full);
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, make_workdir, remove_workdir)

/* A destination that is not a regular file (a pipe, a device such as
 * /dev/null) is written through, never replaced by a renamed file. */
static void save_to_a_fifo_writes_through_it(void **state)
{
    (void)state;
    char dir[] = "/tmp/ng-fifo-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/pipe.json", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) { /* the reader: drain the pipe, exit with what it read */
        FILE *in = fopen(path, "rb");
        size_t total = 0;
        char buf[4096];
        for (size_t n; in && (n = fread(buf, 1, sizeof buf, in)) > 0;)
            total += n;
        _exit(total > 0 ? 0 : 1);
    }
    ng_graph *g = ng_fixture_summit();
    ng_error err;
    assert_int_equal(ng_io_save(g, NG_FORMAT_JSON, path, &err), 0);
    int status = 0;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    ng_graph_free(g);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(save_writes_a_file_that_loads_back),
        TEST(save_leaves_no_temporary_file),
        TEST(save_replaces_an_existing_file),
        TEST(save_picks_the_format_from_the_extension),
        TEST(save_without_a_known_extension_is_a_format_error),
        TEST(save_into_a_missing_directory_fails_naming_the_path),
        TEST(save_onto_a_directory_fails_and_leaves_no_temporary_file),
        TEST(save_to_a_name_ending_in_a_slash_fails),
        TEST(save_write_failure_keeps_the_previous_file),
        TEST(save_gives_a_new_file_the_mode_the_umask_allows),
        TEST(save_keeps_the_mode_of_the_file_it_replaces),
        TEST(load_of_a_missing_file_is_not_found),
        TEST(load_of_a_directory_is_an_io_error),
        TEST(load_without_a_known_extension_is_a_format_error),
        TEST(load_of_an_unknown_extension_is_a_format_error),
        cmocka_unit_test(write_error_at_the_final_flush_is_reported),
        cmocka_unit_test(save_to_a_fifo_writes_through_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
