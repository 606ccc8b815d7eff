/* newsgraph render: a graph in, a diagram out, of all of it or of the
 * part the focus options select (ng_query_subgraph). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/query.h"

/* Above this many entities, a diagram of the whole graph is mostly ink:
 * the command suggests focusing it. */
#define CROWDED_ENTITIES 500

static const char *const render_help =
    "Usage: newsgraph render [OPTIONS] GRAPH\n"
    "       newsgraph render [OPTIONS] --from INPUT...\n"
    "\n"
    "Draw a graph as a diagram, in-process with Graphviz: shape and colour\n"
    "show the entity type, line colour the relation, line style the certainty\n"
    "(solid asserted, dashed planned, dotted alleged, dashed and ending in a\n"
    "bar denied), line width the number of evidence sentences; meetings have\n"
    "no arrowheads. A heading names the corpus, its documents and dates, and\n"
    "holds the legend. In SVG, hovering a line shows its strongest evidence\n"
    "sentence, hovering an entity its type, mentions and other names.\n"
    "Entities without relations are left out unless --isolated.\n"
    "\n"
    "GRAPH is a file written by 'newsgraph extract' (- for standard input).\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE     write the diagram to FILE (repeatable): .svg,\n"
    "                        .png or .pdf; - is standard output. Without -o,\n"
    "                        SVG goes to standard output.\n"
    "  -f, --format FORMAT   svg, png or pdf, for every output\n"
    "      --layout NAME     auto (the default: dot up to 150 entities drawn,\n"
    "                        sfdp above), dot, sfdp, neato, fdp, circo, twopi\n"
    "      --title TEXT      the heading (default: the graph's label)\n"
    "      --isolated        also draw entities that have no relation\n"
    "      --no-legend       no heading and no legend\n"
    "\n"
    "Focus (a large graph gives a readable diagram of a part of it):\n"
    "      --around NAME     only the entities within --depth hops of NAME\n"
    "  -n, --depth N         hops from --around (default 1)\n"
    "      --max-nodes N     keep the N most connected entities (and the one\n"
    "                        --around names); says what was left out\n";

enum {
    OPT_OUTPUT,
    OPT_FORMAT,
    OPT_LAYOUT,
    OPT_TITLE,
    OPT_ISOLATED,
    OPT_NO_LEGEND,
    OPT_AROUND,
    OPT_DEPTH,
    OPT_MAX_NODES,
    OPT_HELP
};

static const cli_option render_options[] = {
    {"output", 'o', 1, OPT_OUTPUT},
    {"format", 'f', 1, OPT_FORMAT},
    {"layout", 0, 1, OPT_LAYOUT},
    {"title", 0, 1, OPT_TITLE},
    {"isolated", 0, 0, OPT_ISOLATED},
    {"no-legend", 0, 0, OPT_NO_LEGEND},
    {"around", 0, 1, OPT_AROUND},
    {"depth", 'n', 1, OPT_DEPTH},
    {"max-nodes", 0, 1, OPT_MAX_NODES},
    {"help", 'h', 0, OPT_HELP},
    CLI_FILTER_OPTIONS,
    CLI_CORPUS_OPTIONS,
    {NULL, 0, 0, 0},
};

typedef struct render_args {
    cli_outputs outputs;
    cli_corpus corpus;
    ng_render_options render;
    ng_render_format format;
    ng_query_filter filter;
    const char *operands[2];
    size_t operand_count;
    const char *around;
    size_t depth;       /* 0: not given */
    size_t max_nodes;   /* 0: no limit */
    int focused;        /* whether a focus or filter option was given */
    int help;
} render_args;

static int parse_diagram_format(const char *name, ng_render_format *out)
{
    *out = ng_render_format_from_name(name);
    if (*out == NG_RENDER_UNKNOWN)
        return cli_usage_error("render", "unknown diagram format '%s' (use svg, png or pdf)",
                               name);
    return 0;
}

static int parse_layout(const char *name, ng_render_layout *out)
{
    if (ng_render_layout_parse(name, out) != 0)
        return cli_usage_error("render",
                               "unknown layout '%s' (use auto, dot, sfdp, neato, fdp, circo "
                               "or twopi)",
                               name);
    return 0;
}

/* The options that select what to draw. */
static int on_focus_option(render_args *a, int id, const char *value)
{
    a->focused = 1;
    switch (id) {
    case OPT_AROUND: a->around = value; return 0;
    case OPT_DEPTH: return cli_parse_count("render", "--depth", value, 1, &a->depth);
    case OPT_MAX_NODES: return cli_parse_count("render", "--max-nodes", value, 1, &a->max_nodes);
    }
    return cli_filter_option(&a->filter, "render", id, value);
}

static int on_option(int id, const char *value, void *ctx)
{
    render_args *a = ctx;
    switch (id) {
    case CLI_OPERAND:
        if (a->operand_count < 2)
            a->operands[a->operand_count] = value;
        a->operand_count++;
        return 0;
    case OPT_OUTPUT: return cli_outputs_add(&a->outputs, value);
    case OPT_FORMAT: return parse_diagram_format(value, &a->format);
    case OPT_LAYOUT: return parse_layout(value, &a->render.layout);
    case OPT_TITLE: a->render.title = value; return 0;
    case OPT_ISOLATED: a->render.show_isolated = 1; return 0;
    case OPT_NO_LEGEND: a->render.no_legend = 1; return 0;
    case OPT_HELP: a->help = 1; return 0;
    }
    if (id >= CLI_OPT_FROM)
        return cli_corpus_option(&a->corpus, id, value);
    return on_focus_option(a, id, value);
}

/* --- the part to draw ----------------------------------------------------------- */

/* Appends a part to the note (of `size` bytes, NUL-terminated), after a
 * separator unless it is the first, as much of it as fits. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void add_part(char *note, size_t size, const char *fmt, ...)
{
    size_t used = strlen(note);
    if (used > 0)
        used += (size_t)snprintf(note + used, size - used, " \xC2\xB7 ");
    if (used >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(note + used, size - used, fmt, ap);
    va_end(ap);
}

/* The names of the bits set, "supplies, sanctions", into `out`. */
static void list_names(char *out, size_t size, unsigned bits, int count,
                       const char *(*name)(int))
{
    out[0] = '\0';
    for (int i = 0; i < count; i++)
        if (bits & (1u << i)) {
            size_t used = strlen(out);
            snprintf(out + used, size - used, "%s%s", used ? ", " : "", name(i));
        }
}

static const char *relation_name(int r)
{
    return ng_relation_name((ng_relation)r);
}

static const char *type_name(int t)
{
    return ng_entity_type_name((ng_entity_type)t);
}

/* The line under the heading that says what the diagram is a part of:
 * "around Kim Jong Un, 2 hops · meets, visits only · at least planned". */
static void describe_focus(char *note, size_t size, const render_args *a,
                           const ng_entity *center, const ng_subgraph_report *report,
                           size_t kept)
{
    const ng_query_filter *f = &a->filter;
    char names[64];
    note[0] = '\0';
    if (center)
        add_part(note, size, "around %s, %zu hop%s", ng_entity_label(center), a->depth,
                 a->depth == 1 ? "" : "s");
    if (center && f->direction != NG_DIRECTION_BOTH)
        add_part(note, size, "%s relations only",
                 f->direction == NG_DIRECTION_OUT ? "outgoing" : "incoming");
    if (f->relations) {
        list_names(names, sizeof names, f->relations, NG_RELATION_COUNT, relation_name);
        add_part(note, size, "%s only", names);
    }
    if (f->types) {
        list_names(names, sizeof names, f->types, NG_ENTITY_TYPE_COUNT, type_name);
        add_part(note, size, "%s entities only", names);
    }
    if (f->min_modality > NG_MODALITY_DENIED)
        add_part(note, size, "%s or more certain", ng_modality_name(f->min_modality));
    if (f->min_weight > 1)
        add_part(note, size, "%zu or more evidence sentences", f->min_weight);
    if (f->since || f->until)
        add_part(note, size, "dated %s to %s", f->since ? f->since : "any time",
                 f->until ? f->until : "now");
    if (report->dropped_entities)
        add_part(note, size, "the %zu most connected entities: %zu entities and %zu relations "
                 "left out", kept, report->dropped_entities, report->dropped_edges);
}

/* The subgraph the focus options select, into *part (owned by the caller),
 * with the note that describes it. Returns EXIT_OK or an exit code after
 * saying what went wrong. */
static int select_part(render_args *a, const ng_graph *graph, ng_graph **part, char *note,
                       size_t size)
{
    const ng_entity *center = NULL;
    if (a->around) {
        int rc = cli_resolve(graph, "render", a->around, a->corpus.quiet, &center);
        if (rc != EXIT_OK)
            return rc;
    }
    ng_subgraph_report report = {0, 0};
    ng_error err;
    *part = ng_query_subgraph(graph, center, a->depth, &a->filter, a->max_nodes, &report, &err);
    if (!*part) {
        cli_report(NULL, &err);
        return cli_exit_code(err.status);
    }
    size_t kept = ng_graph_entity_count(*part);
    describe_focus(note, size, a, center, &report, kept);
    if (report.dropped_entities && !a->corpus.quiet)
        fprintf(stderr,
                "newsgraph: render: --max-nodes %zu kept the %zu most connected entities; "
                "left out %zu entities and %zu relations\n",
                a->max_nodes, kept, report.dropped_entities, report.dropped_edges);
    return EXIT_OK;
}

static void suggest_focus(const render_args *a, const ng_graph *graph)
{
    size_t count = ng_graph_entity_count(graph);
    if (!a->focused && !a->corpus.quiet && count > CROWDED_ENTITIES)
        fprintf(stderr,
                "newsgraph: render: drawing %zu entities; --max-nodes, --around or a filter "
                "makes a smaller, more readable diagram\n",
                count);
}

/* Draws the graph, or the part of it the focus options select. */
static int draw(render_args *a, const ng_graph *graph)
{
    ng_graph *part = NULL;
    char note[NG_ERROR_TEXT_SIZE * 2];
    if (a->focused) {
        int rc = select_part(a, graph, &part, note, sizeof note);
        if (rc != EXIT_OK)
            return rc;
        a->render.note = note;
    }
    suggest_focus(a, graph);
    a->outputs.render = &a->render;
    int rc = cli_outputs_write(&a->outputs, part ? part : graph);
    ng_graph_free(part);
    return rc;
}

/* --- the command ------------------------------------------------------------------ */

/* Checks the command line; EXIT_OK when there is work to do. */
static int check_args(render_args *a)
{
    size_t wanted = a->corpus.input_count ? 0 : 1;
    if (a->operand_count != wanted)
        return cli_usage_error("render", wanted ? "give one GRAPH file"
                                                : "with --from, give no GRAPH file");
    if (a->depth && !a->around)
        return cli_usage_error("render", "--depth counts hops from --around NAME");
    if (!a->depth)
        a->depth = 1;
    return cli_outputs_resolve_diagrams(&a->outputs, a->format, "render");
}

static int run(render_args *a)
{
    ng_graph *graph;
    int loaded = cli_query_graph(a->operands[0], &a->corpus, "render", 0, &graph);
    if (!graph)
        return loaded;
    int rc = draw(a, graph);
    ng_graph_free(graph);
    return rc == EXIT_OK ? loaded : rc;
}

int cli_render(int argc, char **argv)
{
    render_args a = {0};
    ng_render_options_init(&a.render);
    ng_query_filter_init(&a.filter);
    int rc = cli_parse("render", render_options, argc, argv, on_option, &a);
    if (rc == 0 && a.help) {
        cli_print_help((const char *const[]){render_help, cli_filter_help, cli_corpus_help, NULL});
    } else if (rc == 0) {
        rc = check_args(&a);
        if (rc == EXIT_OK)
            rc = run(&a);
    }
    cli_outputs_free(&a.outputs);
    cli_corpus_free(&a.corpus);
    return rc;
}
