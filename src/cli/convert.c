/* newsgraph convert: a saved graph in, the same graph in other formats out. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char *const convert_help =
    "Usage: newsgraph convert [OPTIONS] GRAPH -o FILE...\n"
    "\n"
    "Read a graph saved by 'newsgraph extract' (or GraphML or DOT from other\n"
    "tools) and write it again, in the format each output's extension names.\n"
    "GRAPH may be - for standard input.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE     write the graph to FILE (repeatable): .json,\n"
    "                        .graphml, .dot or .gv; - is standard output\n"
    "  -f, --format FORMAT   json, graphml or dot, for every output\n"
    "      --from FORMAT     the format of GRAPH (default: its extension;\n"
    "                        JSON for standard input). Readable: json,\n"
    "                        graphml, dot\n"
    "  -h, --help            show this help\n"
    "\n";

enum { OPT_OUTPUT, OPT_FORMAT, OPT_FROM, OPT_HELP };

static const cli_option convert_options[] = {
    {"output", 'o', 1, OPT_OUTPUT}, {"format", 'f', 1, OPT_FORMAT},
    {"from", 0, 1, OPT_FROM},       {"help", 'h', 0, OPT_HELP},
    {NULL, 0, 0, 0},
};

typedef struct convert_args {
    cli_outputs outputs;
    const char *input;
    size_t input_count;
    ng_format format;
    ng_format from;
    int help;
} convert_args;

static int on_option(int id, const char *value, void *ctx)
{
    convert_args *a = ctx;
    switch (id) {
    case CLI_OPERAND: a->input = value; a->input_count++; return 0;
    case OPT_OUTPUT: return cli_outputs_add(&a->outputs, value);
    case OPT_FORMAT: return cli_parse_format("convert", value, &a->format);
    case OPT_FROM: return cli_parse_format("convert", value, &a->from);
    case OPT_HELP: a->help = 1; return 0;
    }
    return 0;
}

/* The input's format, or EXIT_USAGE when it is unknown or cannot be read. */
static int input_format(convert_args *a)
{
    if (a->from == NG_FORMAT_UNKNOWN)
        a->from = strcmp(a->input, "-") == 0 ? NG_FORMAT_JSON : ng_format_from_path(a->input);
    if (a->from == NG_FORMAT_UNKNOWN)
        return cli_usage_error("convert", "cannot tell the format of '%s': use --from", a->input);
    if (!ng_format_can_read(a->from))
        return cli_usage_error("convert", "cannot read %s graphs", ng_format_name(a->from));
    return 0;
}

static int run(convert_args *a)
{
    ng_error err;
    ng_graph *graph = ng_io_load(a->input, a->from, &err);
    if (!graph) {
        cli_report(NULL, &err);
        return cli_exit_code(err.status);
    }
    int rc = cli_outputs_write(&a->outputs, graph);
    ng_graph_free(graph);
    return rc;
}

int cli_convert(int argc, char **argv)
{
    convert_args a = {0};
    int rc = cli_parse("convert", convert_options, argc, argv, on_option, &a);
    if (rc == 0 && a.help)
        fputs(convert_help, stdout), fputs(cli_exit_codes_help, stdout);
    else if (rc == 0 && a.input_count == 0)
        rc = cli_usage_error("convert", "no graph file given");
    else if (rc == 0 && a.input_count > 1)
        rc = cli_usage_error("convert", "give one graph file, not %zu", a.input_count);
    else if (rc == 0 && a.outputs.count == 0)
        rc = cli_usage_error("convert", "no output given (use -o FILE)");
    if (rc == 0 && !a.help)
        rc = input_format(&a);
    if (rc == 0 && !a.help)
        rc = cli_outputs_resolve(&a.outputs, a.format, "convert");
    if (rc == 0 && !a.help)
        rc = run(&a);
    cli_outputs_free(&a.outputs);
    return rc;
}
