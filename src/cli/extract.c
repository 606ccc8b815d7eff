/* newsgraph extract: documents in, graph files out. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/query.h"

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
    "                        .graphml, .dot or .gv, or a diagram drawn as\n"
    "                        'newsgraph render' draws it: .svg, .png or .pdf;\n"
    "                        - is standard output. Without -o, JSON goes to\n"
    "                        standard output.\n"
    "  -f, --format FORMAT   json, graphml or dot, for every output\n"
    "      --label TEXT      the graph's title (default: the inputs)\n"
    "      --dict FILE       load a dictionary file (repeatable) that adds to,\n"
    "                        replaces or removes built-in entries: names,\n"
    "                        cues, relation words (format: data/README.md)\n"
    "      --no-default-dict start from an empty dictionary\n"
    "      --keep-furniture  do not drop page furniture (ads, share buttons...)\n"
    "  -j, --jobs N          extract, and write JSON, on N threads (default 1;\n"
    "                        0: one per core); the output is the same whatever N\n"
    "      --evidence-memory MIB\n"
    "                        keep at most MIB mebibytes of evidence records in\n"
    "                        memory (default 64); past that they go to an\n"
    "                        unlinked temporary file in $TMPDIR or /tmp\n"
    "  -q, --quiet           do not print warnings about the input, nor the\n"
    "                        progress line shown when standard error is a\n"
    "                        terminal\n"
    "  -h, --help            show this help\n"
    "\n"
    "Problems with one input (missing, unreadable, binary, invalid UTF-8) are\n"
    "reported with the file and position; the other inputs are still read.\n"
    "Outputs are written to a temporary file and renamed into place.\n"
    "\n";

enum {
    OPT_OUTPUT, OPT_FORMAT, OPT_LABEL, OPT_DICT, OPT_NO_DICT, OPT_KEEP, OPT_JOBS, OPT_QUIET,
    OPT_EVIDENCE_MEMORY, OPT_HELP
};

static const cli_option extract_options[] = {
    {"output", 'o', 1, OPT_OUTPUT}, {"format", 'f', 1, OPT_FORMAT},
    {"label", 0, 1, OPT_LABEL},     {"dict", 0, 1, OPT_DICT},
    {"no-default-dict", 0, 0, OPT_NO_DICT}, {"keep-furniture", 0, 0, OPT_KEEP},
    {"jobs", 'j', 1, OPT_JOBS},     {"quiet", 'q', 0, OPT_QUIET},
    {"evidence-memory", 0, 1, OPT_EVIDENCE_MEMORY}, {"help", 'h', 0, OPT_HELP},
    {NULL, 0, 0, 0},
};

typedef struct extract_args {
    cli_outputs outputs;
    cli_corpus corpus;
    ng_format format;
    int help;
} extract_args;

static int on_option(int id, const char *value, void *ctx)
{
    extract_args *a = ctx;
    switch (id) {
    case CLI_OPERAND: return cli_corpus_add_input(&a->corpus, value);
    case OPT_DICT: return cli_corpus_add_dict(&a->corpus, value);
    case OPT_NO_DICT: a->corpus.no_default_dict = 1; return 0;
    case OPT_OUTPUT: return cli_outputs_add(&a->outputs, value);
    case OPT_FORMAT: return cli_parse_format("extract", value, &a->format);
    case OPT_LABEL: a->corpus.label = value; return 0;
    case OPT_KEEP: a->corpus.keep_furniture = 1; return 0;
    case OPT_JOBS: return cli_parse_jobs("extract", value, &a->corpus.jobs);
    case OPT_QUIET: a->corpus.quiet = 1; return 0;
    case OPT_EVIDENCE_MEMORY:
        a->corpus.evidence_memory_set = 1;
        return cli_parse_count("extract", "--evidence-memory", value, 0,
                               &a->corpus.evidence_mib);
    case OPT_HELP: a->help = 1; return 0;
    }
    return 0;
}

static int run(extract_args *a)
{
    ng_graph *graph;
    int rc = cli_corpus_extract(&a->corpus, "extract", &graph);
    if (!graph)
        return rc;
    a->outputs.jobs = a->corpus.jobs;
    int written = cli_outputs_write(&a->outputs, graph);
    ng_graph_free(graph);
    return written != EXIT_OK ? written : rc;
}

int cli_extract(int argc, char **argv)
{
    extract_args a = {0};
    int rc = cli_parse("extract", extract_options, argc, argv, on_option, &a);
    if (rc == 0 && a.help)
        fputs(extract_help, stdout), fputs(cli_exit_codes_help, stdout);
    else if (rc == 0 && a.corpus.input_count == 0)
        rc = cli_usage_error("extract", "no input given (use - for standard input)");
    else if (rc == 0)
        rc = cli_outputs_resolve(&a.outputs, a.format, "extract");
    if (rc == 0 && !a.help)
        rc = run(&a);
    cli_corpus_free(&a.corpus);
    cli_outputs_free(&a.outputs);
    return rc;
}
