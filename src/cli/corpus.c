/* Documents in, graph out: the extraction that `extract` runs, and that
 * every query command runs on the fly with --from. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "cli/cli.h"
#include "cli/progress.h"
#include "cli/query.h"

/* More threads than this would only add memory: each holds the
 * dictionaries and a few documents. */
#define MAX_JOBS 256

/* Appends a string borrowed from argv to a growing list. */
static int push(const char ***list, size_t *count, const char *value)
{
    const char **items = realloc(*list, (*count + 1) * sizeof *items);
    if (!items)
        return EXIT_INTERNAL;
    *list = items;
    items[(*count)++] = value;
    return 0;
}

int cli_corpus_add_input(cli_corpus *c, const char *path)
{
    return push(&c->inputs, &c->input_count, path);
}

int cli_corpus_add_dict(cli_corpus *c, const char *path)
{
    return push(&c->dicts, &c->dict_count, path);
}

void cli_corpus_free(cli_corpus *c)
{
    free(c->inputs);
    free(c->dicts);
    c->inputs = c->dicts = NULL;
    c->input_count = c->dict_count = 0;
}

/* What happened to the input, for the exit status. */
typedef struct run_state {
    int quiet;
    size_t problems;
    cli_progress *progress; /* NULL unless shown */
} run_state;

static void on_warning(const ng_error *diag, void *user)
{
    run_state *st = user;
    st->problems++;
    if (!st->quiet)
        cli_report("warning", diag);
}

/* The graph's label: the one given, or the inputs joined by ", ". */
static int set_label(ng_graph *graph, const cli_corpus *c)
{
    if (c->label)
        return ng_graph_set_label(graph, c->label, NULL);
    size_t len = 1;
    for (size_t i = 0; i < c->input_count; i++)
        len += strlen(c->inputs[i]) + 2;
    char *label = malloc(len);
    if (!label)
        return NG_ERR_NOMEM;
    label[0] = '\0';
    for (size_t i = 0; i < c->input_count; i++) {
        if (i)
            strcat(label, ", ");
        strcat(label, c->inputs[i]);
    }
    int rc = ng_graph_set_label(graph, label, NULL);
    free(label);
    return rc;
}

/* Queues every input; a missing one is reported and counted. */
static void add_inputs(ng_reader *reader, const cli_corpus *c, run_state *st)
{
    for (size_t i = 0; i < c->input_count; i++) {
        ng_error err;
        if (ng_reader_add(reader, c->inputs[i], &err) != 0) {
            cli_report(NULL, &err);
            st->problems++;
        }
    }
}

static void free_extractors(ng_extractor **xs, size_t count)
{
    for (size_t i = 0; i < count; i++)
        ng_extractor_free(xs[i]);
    free(xs);
}

/* The extractor with the dictionaries asked for; NULL after reporting
 * why not, with the exit code in *rc. */
static ng_extractor *make_extractor(const cli_corpus *c, int *rc)
{
    ng_error err;
    ng_extractor_options opts = {c->no_default_dict};
    ng_extractor *x = ng_extractor_new(&opts, &err);
    if (!x) {
        cli_report(NULL, &err);
        *rc = EXIT_INTERNAL;
        return NULL;
    }
    for (size_t i = 0; i < c->dict_count; i++) {
        if (ng_extractor_add_dictionary(x, c->dicts[i], &err) != 0) {
            cli_report(NULL, &err);
            *rc = err.status == NG_ERR_NOMEM ? EXIT_INTERNAL
                  : err.status == NG_ERR_NOT_FOUND || err.status == NG_ERR_IO ? EXIT_NO_INPUT
                                                                               : EXIT_MALFORMED;
            ng_extractor_free(x);
            return NULL;
        }
    }
    return x;
}

static void on_document_error(const ng_error *err, void *user)
{
    run_state *st = user;
    st->problems++;
    cli_report(NULL, err);
}

static int stop_requested(void *user)
{
    (void)user;
    return cli_stop_requested();
}

static void on_progress(size_t documents, unsigned long long bytes, void *user)
{
    run_state *st = user;
    if (st->progress)
        cli_progress_update(st->progress, documents, bytes);
}

/* One extractor per thread, each with the dictionaries; NULL after
 * reporting why not, with the exit code in *rc. */
static ng_extractor **make_extractors(const cli_corpus *c, size_t count, int *rc)
{
    ng_extractor **xs = calloc(count, sizeof *xs);
    if (!xs) {
        *rc = EXIT_INTERNAL;
        return NULL;
    }
    for (size_t i = 0; i < count; i++) {
        if (!(xs[i] = make_extractor(c, rc))) {
            free_extractors(xs, i);
            return NULL;
        }
    }
    return xs;
}

/* The heap policy of a run that builds a large graph, on several threads
 * above all (glibc only). The graph's hash tables double to tens of
 * megabytes: by default each new table is a fresh mapping, faulted in
 * page by page, and the old one is unmapped, which interrupts the other
 * threads' cores to flush their TLBs; and the heap grows 128 KiB at a
 * time, each growth holding up the page faults of the other threads. On
 * two threads of the 100 MiB benchmark that was a third of a second of
 * system time. Tables now come from the heap, freed memory stays there
 * for the next ones, and the heap grows 64 MiB at a time. */
static void tune_heap(void)
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TOP_PAD, 64 * 1024 * 1024);
#endif
}

int cli_corpus_extract(const cli_corpus *c, const char *command, ng_graph **graph)
{
    tune_heap();
    int rc = 0;
    *graph = NULL;
    size_t jobs = c->jobs ? c->jobs : 1;
    ng_extractor **xs = make_extractors(c, jobs, &rc);
    if (!xs)
        return rc;
    run_state st = {c->quiet, 0, NULL};
    ng_reader_options opts = {on_warning, &st, c->keep_furniture};
    ng_reader *reader = ng_reader_new(&opts, NULL);
    ng_graph *g = ng_graph_new(NULL);
    rc = reader && g && set_label(g, c) == 0 ? 0 : EXIT_INTERNAL;
    if (rc == 0 && c->evidence_memory_set)
        ng_graph_set_evidence_memory(g, c->evidence_mib > (SIZE_MAX >> 20) ? SIZE_MAX
                                                                          : c->evidence_mib << 20);
    if (rc == 0) {
        add_inputs(reader, c, &st);
        if (!c->quiet)
            st.progress = cli_progress_start(ng_reader_input_bytes(reader));
        ng_corpus_callbacks cb = {on_document_error, on_progress, stop_requested, &st};
        ng_error err;
        int status = ng_extract_corpus(xs, jobs, reader, g, &cb, &err);
        cli_progress_end(st.progress);
        if (status == NG_ERR_STOPPED) {
            rc = cli_interrupted();
        } else if (status != 0) {
            cli_report(NULL, &err);
            rc = cli_exit_code(err.status);
        }
    }
    if (rc == 0 && ng_reader_document_count(reader) == 0) {
        fprintf(stderr, "newsgraph: %s: no document could be read\n", command);
        rc = EXIT_NO_INPUT;
    }
    ng_reader_free(reader);
    free_extractors(xs, jobs);
    if (rc != 0) {
        ng_graph_free(g);
        return rc;
    }
    *graph = g;
    return st.problems ? EXIT_PARTIAL : EXIT_OK;
}

int cli_parse_jobs(const char *command, const char *value, size_t *jobs)
{
    if (cli_parse_count(command, "--jobs", value, 0, jobs) != 0)
        return EXIT_USAGE;
    if (*jobs == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        *jobs = cores > 0 ? (size_t)cores : 1;
    }
    if (*jobs > MAX_JOBS)
        return cli_usage_error(command, "--jobs wants at most %d threads, not %s", MAX_JOBS, value);
    return 0;
}
