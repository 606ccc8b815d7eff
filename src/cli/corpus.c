/* Documents in, graph out: the extraction that `extract` runs, and that
 * every query command runs on the fly with --from. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

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

/* Reads every document into the graph. Returns 0, EXIT_INTERNAL, or the
 * code of an interrupted run. */
static int read_documents(ng_extractor *x, ng_reader *reader, ng_graph *graph, run_state *st)
{
    ng_error err;
    const ng_document *doc;
    int rc;
    while ((rc = ng_reader_next(reader, &doc, &err)) != 0) {
        if (cli_stop_requested())
            return cli_interrupted();
        if (rc > 0)
            rc = ng_extract_document(x, graph, doc, &err);
        if (rc == NG_ERR_NOMEM) {
            cli_report(NULL, &err);
            return EXIT_INTERNAL;
        }
        if (rc < 0) {
            cli_report(NULL, &err);
            st->problems++;
        }
    }
    return 0;
}

int cli_corpus_extract(const cli_corpus *c, const char *command, ng_graph **graph)
{
    int rc = 0;
    *graph = NULL;
    ng_extractor *x = make_extractor(c, &rc);
    if (!x)
        return rc;
    run_state st = {c->quiet, 0};
    ng_reader_options opts = {on_warning, &st, c->keep_furniture};
    ng_reader *reader = ng_reader_new(&opts, NULL);
    ng_graph *g = ng_graph_new(NULL);
    rc = reader && g && set_label(g, c) == 0 ? 0 : EXIT_INTERNAL;
    if (rc == 0) {
        add_inputs(reader, c, &st);
        rc = read_documents(x, reader, g, &st);
    }
    if (rc == 0 && ng_reader_document_count(reader) == 0) {
        fprintf(stderr, "newsgraph: %s: no document could be read\n", command);
        rc = EXIT_NO_INPUT;
    }
    ng_reader_free(reader);
    ng_extractor_free(x);
    if (rc != 0) {
        ng_graph_free(g);
        return rc;
    }
    *graph = g;
    return st.problems ? EXIT_PARTIAL : EXIT_OK;
}
