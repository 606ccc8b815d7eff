/* newsgraph merge: several graphs in, their union out. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/query.h"

static const char *const merge_help =
    "Usage: newsgraph merge [OPTIONS] GRAPH... [-o FILE...]\n"
    "\n"
    "Merge graphs into one. Entities with the same id and type are one entity;\n"
    "so is an entity whose label is the alias of exactly one other of its type\n"
    "(\"Liu\" and \"Liu Guozhong\", alias Liu). Documents, aliases and evidence\n"
    "are unions, evidence without repeats; mentions add up.\n"
    "\n"
    "The result is in a canonical order (entities by id, edges by ends and\n"
    "relation, everything else sorted), so the order of the inputs does not\n"
    "matter, merging a merge with another graph gives what merging all of them\n"
    "at once gives, and the graphs of the parts of a corpus merge into the\n"
    "graph of the whole, byte for byte. A single GRAPH is put in that order.\n"
    "\n"
    "GRAPH is a file written by 'newsgraph extract' (- for standard input).\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE     write the merged graph to FILE (repeatable), in the\n"
    "                        format its extension names (.json, .graphml, .dot,\n"
    "                        .gv); - is standard output. Without -o, JSON goes\n"
    "                        to standard output\n"
    "  -f, --format FORMAT   json, graphml or dot, for every output\n"
    "      --label TEXT      the merged graph's title (default: the one its\n"
    "                        inputs share, else none)\n";

enum { OPT_OUTPUT, OPT_FORMAT, OPT_LABEL, OPT_HELP };

static const cli_option merge_options[] = {
    {"output", 'o', 1, OPT_OUTPUT}, {"format", 'f', 1, OPT_FORMAT},
    {"label", 0, 1, OPT_LABEL},     {"help", 'h', 0, OPT_HELP},
    CLI_CORPUS_OPTIONS,             {NULL, 0, 0, 0},
};

typedef struct merge_args {
    cli_outputs outputs;
    cli_corpus corpus;
    const char **graphs;
    size_t graph_count;
    ng_format format;
    const char *label;
    int help;
} merge_args;

static int on_option(int id, const char *value, void *ctx)
{
    merge_args *a = ctx;
    switch (id) {
    case CLI_OPERAND: {
        const char **list = realloc(a->graphs, (a->graph_count + 1) * sizeof *list);
        if (!list)
            return EXIT_INTERNAL;
        a->graphs = list;
        list[a->graph_count++] = value;
        return 0;
    }
    case OPT_OUTPUT: return cli_outputs_add(&a->outputs, value);
    case OPT_FORMAT: return cli_parse_format("merge", value, &a->format);
    case OPT_LABEL: a->label = value; return 0;
    case OPT_HELP: a->help = 1; return 0;
    }
    return cli_corpus_option(&a->corpus, id, value);
}

/* Loads every GRAPH, then extracts the --from inputs as one more, into
 * `graphs`; *count says how many are there, even after a failure. The
 * worst problem that still let every input in is kept in *partial. */
static int load_all(const merge_args *a, ng_graph **graphs, size_t *count, int *partial)
{
    const cli_corpus no_documents = {0};
    *count = 0;
    *partial = EXIT_OK;
    for (size_t i = 0; i < a->graph_count; i++) {
        int rc = cli_query_graph(a->graphs[i], &no_documents, "merge", 0, &graphs[*count]);
        if (!graphs[*count])
            return rc;
        (*count)++;
    }
    if (a->corpus.input_count) {
        int rc = cli_corpus_extract(&a->corpus, "merge", &graphs[*count]);
        if (!graphs[*count])
            return rc;
        (*count)++;
        *partial = rc;
    }
    return EXIT_OK;
}

static int write_merge(const merge_args *a, ng_graph *const *graphs, size_t count)
{
    ng_error err;
    ng_graph *merged = ng_graph_merge((const ng_graph *const *)graphs, count, &err);
    if (!merged || (a->label && ng_graph_set_label(merged, a->label, &err) != 0)) {
        cli_report(NULL, &err);
        ng_graph_free(merged);
        return cli_exit_code(err.status);
    }
    int rc = cli_outputs_write(&a->outputs, merged);
    ng_graph_free(merged);
    return rc;
}

static int run(const merge_args *a)
{
    ng_graph **graphs = calloc(a->graph_count + 1, sizeof *graphs);
    if (!graphs)
        return EXIT_INTERNAL;
    size_t count;
    int partial;
    int rc = load_all(a, graphs, &count, &partial);
    if (rc == EXIT_OK)
        rc = write_merge(a, graphs, count);
    for (size_t i = 0; i < count; i++)
        ng_graph_free(graphs[i]);
    free(graphs);
    return rc == EXIT_OK ? partial : rc;
}

int cli_merge(int argc, char **argv)
{
    merge_args a = {0};
    int rc = cli_parse("merge", merge_options, argc, argv, on_option, &a);
    if (rc == 0 && a.help) {
        cli_print_help((const char *const[]){merge_help, cli_corpus_help, NULL});
    } else if (rc == 0 && a.graph_count == 0 && a.corpus.input_count == 0) {
        rc = cli_usage_error("merge", "no graph given (use - for standard input)");
    } else if (rc == 0) {
        rc = cli_outputs_resolve(&a.outputs, a.format, "merge");
    }
    if (rc == 0 && !a.help)
        rc = run(&a);
    free(a.graphs);
    cli_outputs_free(&a.outputs);
    cli_corpus_free(&a.corpus);
    return rc;
}
