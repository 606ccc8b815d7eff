/* newsgraph extract: documents in, graph files out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char *const extract_help =
    "Usage: newsgraph extract [OPTIONS] INPUT...\n"
    "\n"
    "Build a graph from news documents and write it out.\n"
    "\n"
    "INPUT is a text file, a directory (read recursively), a JSON Lines\n"
    "corpus (.jsonl or .ndjson, one {\"id\",\"date\",\"title\",\"text\"} per line),\n"
    "or - for standard input. A leading line \"date YYYY-MM-DD\" dates a text file.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE     write the graph to FILE (repeatable); the format\n"
    "                        follows the extension: .json (JSON Graph Format),\n"
    "                        .graphml, .dot or .gv; - is standard output.\n"
    "                        Without -o, JSON goes to standard output.\n"
    "  -f, --format FORMAT   json, graphml or dot, for every output\n"
    "      --label TEXT      the graph's title (default: the inputs)\n"
    "      --dict FILE       load a dictionary file (repeatable) that adds to,\n"
    "                        replaces or removes built-in entries: names,\n"
    "                        cues, relation words (format: data/README.md)\n"
    "      --no-default-dict start from an empty dictionary\n"
    "      --keep-furniture  do not drop page furniture (ads, share buttons...)\n"
    "  -q, --quiet           do not print warnings about the input\n"
    "  -h, --help            show this help\n"
    "\n"
    "Problems with one input (missing, unreadable, binary, invalid UTF-8) are\n"
    "reported with the file and position; the other inputs are still read.\n"
    "Outputs are written to a temporary file and renamed into place.\n"
    "\n";

enum { OPT_OUTPUT, OPT_FORMAT, OPT_LABEL, OPT_DICT, OPT_NO_DICT, OPT_KEEP, OPT_QUIET, OPT_HELP };

static const cli_option extract_options[] = {
    {"output", 'o', 1, OPT_OUTPUT}, {"format", 'f', 1, OPT_FORMAT},
    {"label", 0, 1, OPT_LABEL},     {"dict", 0, 1, OPT_DICT},
    {"no-default-dict", 0, 0, OPT_NO_DICT}, {"keep-furniture", 0, 0, OPT_KEEP},
    {"quiet", 'q', 0, OPT_QUIET},   {"help", 'h', 0, OPT_HELP},
    {NULL, 0, 0, 0},
};

typedef struct extract_args {
    cli_outputs outputs;
    const char **inputs;
    size_t input_count;
    const char **dicts;
    size_t dict_count;
    int no_default_dict;
    ng_format format;
    const char *label;
    int keep_furniture;
    int quiet;
    int help;
} extract_args;

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

static int on_option(int id, const char *value, void *ctx)
{
    extract_args *a = ctx;
    switch (id) {
    case CLI_OPERAND: return push(&a->inputs, &a->input_count, value);
    case OPT_DICT: return push(&a->dicts, &a->dict_count, value);
    case OPT_NO_DICT: a->no_default_dict = 1; return 0;
    case OPT_OUTPUT: return cli_outputs_add(&a->outputs, value);
    case OPT_FORMAT: return cli_parse_format("extract", value, &a->format);
    case OPT_LABEL: a->label = value; return 0;
    case OPT_KEEP: a->keep_furniture = 1; return 0;
    case OPT_QUIET: a->quiet = 1; return 0;
    case OPT_HELP: a->help = 1; return 0;
    }
    return 0;
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

/* The graph's label: --label, or the inputs joined by ", ". */
static int set_label(ng_graph *graph, const extract_args *a)
{
    if (a->label)
        return ng_graph_set_label(graph, a->label, NULL);
    size_t len = 1;
    for (size_t i = 0; i < a->input_count; i++)
        len += strlen(a->inputs[i]) + 2;
    char *label = malloc(len);
    if (!label)
        return NG_ERR_NOMEM;
    label[0] = '\0';
    for (size_t i = 0; i < a->input_count; i++) {
        if (i)
            strcat(label, ", ");
        strcat(label, a->inputs[i]);
    }
    int rc = ng_graph_set_label(graph, label, NULL);
    free(label);
    return rc;
}

/* Queues every input; a missing one is reported and counted. */
static void add_inputs(ng_reader *reader, const extract_args *a, run_state *st)
{
    for (size_t i = 0; i < a->input_count; i++) {
        ng_error err;
        if (ng_reader_add(reader, a->inputs[i], &err) != 0) {
            cli_report(NULL, &err);
            st->problems++;
        }
    }
}

/* The extractor with the dictionaries asked for; NULL after reporting
 * why not, with the exit code in *rc. */
static ng_extractor *make_extractor(const extract_args *a, int *rc)
{
    ng_error err;
    ng_extractor_options opts = {a->no_default_dict};
    ng_extractor *x = ng_extractor_new(&opts, &err);
    if (!x) {
        cli_report(NULL, &err);
        *rc = EXIT_INTERNAL;
        return NULL;
    }
    for (size_t i = 0; i < a->dict_count; i++) {
        if (ng_extractor_add_dictionary(x, a->dicts[i], &err) != 0) {
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

/* Reads every document into the graph. Returns 0 or EXIT_INTERNAL. */
static int read_documents(ng_extractor *x, ng_reader *reader, ng_graph *graph, run_state *st)
{
    ng_error err;
    const ng_document *doc;
    int rc;
    while ((rc = ng_reader_next(reader, &doc, &err)) != 0) {
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

static int run(extract_args *a)
{
    int rc = 0;
    ng_extractor *x = make_extractor(a, &rc);
    if (!x)
        return rc;
    run_state st = {a->quiet, 0};
    ng_reader_options opts = {on_warning, &st, a->keep_furniture};
    ng_reader *reader = ng_reader_new(&opts, NULL);
    ng_graph *graph = ng_graph_new(NULL);
    rc = reader && graph && set_label(graph, a) == 0 ? 0 : EXIT_INTERNAL;
    if (rc == 0) {
        add_inputs(reader, a, &st);
        rc = read_documents(x, reader, graph, &st);
    }
    if (rc == 0 && ng_reader_document_count(reader) == 0) {
        fprintf(stderr, "newsgraph: extract: no document could be read; nothing written\n");
        rc = EXIT_NO_INPUT;
    }
    if (rc == 0)
        rc = cli_outputs_write(&a->outputs, graph);
    if (rc == 0 && st.problems)
        rc = EXIT_PARTIAL;
    ng_graph_free(graph);
    ng_reader_free(reader);
    ng_extractor_free(x);
    return rc;
}

int cli_extract(int argc, char **argv)
{
    extract_args a = {0};
    int rc = cli_parse("extract", extract_options, argc, argv, on_option, &a);
    if (rc == 0 && a.help)
        fputs(extract_help, stdout), fputs(cli_exit_codes_help, stdout);
    else if (rc == 0 && a.input_count == 0)
        rc = cli_usage_error("extract", "no input given (use - for standard input)");
    else if (rc == 0)
        rc = cli_outputs_resolve(&a.outputs, a.format, "extract");
    if (rc == 0 && !a.help)
        rc = run(&a);
    free(a.inputs);
    free(a.dicts);
    cli_outputs_free(&a.outputs);
    return rc;
}
