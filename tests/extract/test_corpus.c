/* ng_extract_corpus on one thread and on several: the same graph, the same
 * warnings and errors in the same order, the same document count, on a
 * corpus mixing text files, a few pages large enough that the slot that
 * held one gives its memory back, JSON Lines records (good, duplicated,
 * malformed) and files that cannot be read as text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <newsgraph/newsgraph.h>

#define MAX_THREADS 5
/* More than the units in flight on MAX_THREADS, so that a stop is seen. */
#define TEXT_FILES 600
/* Pages of over 64 KiB among them, the size past which a slot of the
 * parallel run frees what it found (src/extract/corpus.c). */
#define LARGE_FILES 3
#define LARGE_FILE_SENTENCES 1200

static char corpus_dir[] = "/tmp/ng-corpus-XXXXXX";

static void write_file(const char *rel, const void *bytes, size_t n)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", corpus_dir, rel);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    mkdir(path, 0700);
    *slash = '/';
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

static void write_text(const char *rel, const char *text)
{
    write_file(rel, text, strlen(text));
}

static const char *const sentences[] = {
    "Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on Wednesday.",
    "North Korea has supplied artillery shells to Russia, officials said.",
    "The United States imposed sanctions on Iran. Mr Putin visited Pyongyang.",
    "China and Russia held talks in Beijing. Xi Jinping met Putin.",
    "Advertisement\nPutin is expected to visit North Korea next year.",
};
#define SENTENCE_COUNT (sizeof sentences / sizeof sentences[0])

/* Text files, two with the same base name, a JSON Lines corpus with every
 * kind of bad line, and files that are binary, invalid UTF-8 or empty. */
static int make_corpus(void **state)
{
    (void)state;
    if (!mkdtemp(corpus_dir))
        return -1;
    char rel[64], text[512];
    for (size_t i = 0; i < TEXT_FILES; i++) {
        snprintf(rel, sizeof rel, "%s/%02zu.txt", i % 2 ? "b" : "a", i);
        snprintf(text, sizeof text, "date 2023-09-%02zu\n%s %s\n", i % 28 + 1,
                 sentences[i % SENTENCE_COUNT], sentences[(i + 2) % SENTENCE_COUNT]);
        write_text(rel, text);
    }
    for (size_t i = 0; i < LARGE_FILES; i++) {
        snprintf(rel, sizeof rel, "%s/%03zu-large.txt", i % 2 ? "b" : "a", 150 * (i + 1));
        char *large = NULL;
        size_t large_len = 0;
        FILE *out = open_memstream(&large, &large_len);
        assert_non_null(out);
        fprintf(out, "date 2023-10-%02zu\n", i + 1);
        for (size_t k = 0; k < LARGE_FILE_SENTENCES; k++)
            fprintf(out, "%s\n", sentences[(i + k) % SENTENCE_COUNT]);
        assert_int_equal(fclose(out), 0);
        assert_true(large_len > 64 * 1024);
        write_file(rel, large, large_len);
        free(large);
    }
    write_text("a/same.txt", sentences[0]);
    write_text("b/same.txt", sentences[1]);
    write_text("c/corpus.jsonl",
               "{\"id\": \"r1\", \"date\": \"2023-09-13\", \"title\": \"Summit\", \"text\": "
               "\"Kim Jong Un met Vladimir Putin.\"}\n"
               "\n"
               "{\"id\": \"r1\", \"text\": \"Russia supplied fuel to North Korea.\"}\n"
               "{\"id\": \"broken\", \"text\": \n"
               "[1, 2]\n"
               "{\"id\": \"no-text\"}\n"
               "{\"id\": 7, \"date\": \"yesterday\", \"text\": \"Putin visited Pyongyang.\"}\n"
               "{\"id\": [1], \"text\": \"Iran was sanctioned by the United States.\"}\n"
               "{\"id\": \"blank\", \"text\": \"   \"}\n");
    static const unsigned char binary[] = {0, 1, 2, 3, 0, 'K', 'i', 'm', 0};
    write_file("c/image.png", binary, sizeof binary);
    write_text("c/latin1.txt", "Kim Jong Un met Vladimir Putin in Vladivostok \xe9t\xe9.\n");
    write_text("c/empty.txt", " \n\n");
    write_file("d/binary.jsonl", binary, sizeof binary);
    return 0;
}

static int remove_corpus(void **state)
{
    (void)state;
    char command[300];
    snprintf(command, sizeof command, "rm -rf '%s'", corpus_dir);
    return system(command) == 0 ? 0 : -1;
}

/* Every message of a run, in order, and how it ended. */
typedef struct run {
    char *messages;
    size_t messages_len;
    FILE *log;
    size_t progress_calls;
    size_t stop_after; /* documents; 0: never stop */
    size_t documents;
} run;

static void log_message(const char *kind, const ng_error *e, run *r)
{
    fprintf(r->log, "%s %d %s:%ld:%ld:%lld %s\n", kind, (int)e->status, e->source, e->line,
            e->column, e->offset, e->text);
}

static void on_warning(const ng_error *e, void *user)
{
    log_message("warning", e, user);
}

static void on_error(const ng_error *e, void *user)
{
    log_message("error", e, user);
}

static void on_progress(size_t documents, unsigned long long bytes, void *user)
{
    run *r = user;
    r->progress_calls++;
    r->documents = documents;
    fprintf(r->log, "progress %zu %llu\n", documents, bytes);
}

static int should_stop(void *user)
{
    const run *r = user;
    return r->stop_after && r->documents >= r->stop_after;
}

/* Extracts the corpus on `threads` threads; returns the graph as JSON
 * (caller frees) and the status in *status. */
static char *extract(size_t threads, run *r, int *status, size_t *documents)
{
    r->log = open_memstream(&r->messages, &r->messages_len);
    assert_non_null(r->log);
    ng_reader_options options = {on_warning, r, 0};
    ng_reader *reader = ng_reader_new(&options, NULL);
    ng_graph *graph = ng_graph_new(NULL);
    ng_extractor *xs[MAX_THREADS];
    assert_non_null(reader);
    assert_non_null(graph);
    for (size_t i = 0; i < threads; i++)
        assert_non_null(xs[i] = ng_extractor_new(NULL, NULL));
    ng_error err;
    assert_int_equal(ng_reader_add(reader, corpus_dir, &err), 0);
    ng_corpus_callbacks cb = {on_error, on_progress, should_stop, r};
    *status = ng_extract_corpus(xs, threads, reader, graph, &cb, &err);
    *documents = ng_reader_document_count(reader);
    char *json = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&json, &len);
    assert_non_null(out);
    assert_int_equal(ng_io_write(graph, NG_FORMAT_JSON, out, &err), 0);
    assert_int_equal(fclose(out), 0);
    assert_int_equal(fclose(r->log), 0);
    for (size_t i = 0; i < threads; i++)
        ng_extractor_free(xs[i]);
    ng_graph_free(graph);
    ng_reader_free(reader);
    return json;
}

static void threads_give_the_graph_and_messages_of_one(void **state)
{
    (void)state;
    run one = {0};
    int status;
    size_t documents;
    char *json = extract(1, &one, &status, &documents);
    assert_int_equal(status, 0);
    /* the text files, the large ones, two with one name, the one with
     * invalid UTF-8 and four records */
    assert_int_equal(documents, TEXT_FILES + LARGE_FILES + 2 + 1 + 4);
    assert_non_null(strstr(one.messages, "binary file skipped"));
    assert_non_null(strstr(one.messages, "duplicate id 'r1' renamed to 'r1#2'"));
    assert_non_null(strstr(one.messages, "record is not a JSON object"));
    assert_non_null(strstr(one.messages, "invalid UTF-8"));
    assert_non_null(strstr(one.messages, "empty document skipped"));
    for (size_t threads = 2; threads <= MAX_THREADS; threads++) {
        run many = {0};
        int many_status;
        size_t many_documents;
        char *many_json = extract(threads, &many, &many_status, &many_documents);
        assert_int_equal(many_status, status);
        assert_int_equal(many_documents, documents);
        assert_string_equal(many.messages, one.messages);
        assert_string_equal(many_json, json);
        free(many_json);
        free(many.messages);
    }
    free(json);
    free(one.messages);
}

/* Stopped, a run keeps the documents before the stop: a beginning of the
 * whole run's, on any number of threads. */
static void a_stopped_run_keeps_the_documents_before(void **state)
{
    (void)state;
    run whole = {0};
    int status;
    size_t documents;
    char *json = extract(1, &whole, &status, &documents);
    for (size_t threads = 1; threads <= 3; threads++) {
        run part = {0};
        part.stop_after = 10;
        char *part_json = extract(threads, &part, &status, &documents);
        assert_int_equal(status, NG_ERR_STOPPED);
        assert_true(part.documents >= 10 && part.documents < TEXT_FILES);
        /* the messages so far are those of the whole run, in order */
        assert_memory_equal(part.messages, whole.messages, part.messages_len);
        free(part_json);
        free(part.messages);
    }
    free(json);
    free(whole.messages);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(threads_give_the_graph_and_messages_of_one),
        cmocka_unit_test(a_stopped_run_keeps_the_documents_before),
    };
    return cmocka_run_group_tests(tests, make_corpus, remove_corpus);
}
