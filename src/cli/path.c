/* newsgraph path: the shortest paths between two entities. */
#include <stdio.h>

#include "cli/query.h"

static const char *const path_help =
    "Usage: newsgraph path [OPTIONS] GRAPH FROM TO\n"
    "       newsgraph path [OPTIONS] --from INPUT... FROM TO\n"
    "\n"
    "Print the shortest paths from FROM to TO, one line per hop, each with its\n"
    "relation, the weight and modality of its edge, and its strongest evidence\n"
    "(of the records that pass the filters). Paths are sorted by the names\n"
    "along them. When no path joins the two, say so and exit with 6.\n"
    "\n"
    "FROM and TO are looked up as 'newsgraph neighbours' looks up NAME. GRAPH\n"
    "is a file written by 'newsgraph extract' (- for standard input). The\n"
    "filters apply to every hop; --type to the entities between FROM and TO.\n"
    "\n"
    "Options:\n"
    "  -k, --max-paths N     print at most N paths (default 10)\n"
    "  -f, --format FORMAT   table (aligned, the default), tsv (with a header\n"
    "                        line) or json\n";

enum { OPT_MAX, OPT_FORMAT, OPT_HELP };

static const cli_option path_options[] = {
    {"max-paths", 'k', 1, OPT_MAX}, {"format", 'f', 1, OPT_FORMAT},
    {"help", 'h', 0, OPT_HELP},     CLI_FILTER_OPTIONS,
    CLI_CORPUS_OPTIONS,             {NULL, 0, 0, 0},
};

typedef struct path_args {
    cli_corpus corpus;
    ng_query_filter filter;
    const char *operands[3];
    size_t operand_count;
    size_t max_paths;
    cli_style style;
    int help;
} path_args;

static int on_option(int id, const char *value, void *ctx)
{
    path_args *a = ctx;
    unsigned offered = CLI_STYLE_BIT(CLI_TABLE) | CLI_STYLE_BIT(CLI_TSV) | CLI_STYLE_BIT(CLI_JSON);
    switch (id) {
    case CLI_OPERAND:
        if (a->operand_count < 3)
            a->operands[a->operand_count] = value;
        a->operand_count++;
        return 0;
    case OPT_MAX: return cli_parse_count("path", "--max-paths", value, 1, &a->max_paths);
    case OPT_FORMAT: return cli_parse_style("path", value, offered, &a->style);
    case OPT_HELP: a->help = 1; return 0;
    }
    if (id >= CLI_OPT_FROM)
        return cli_corpus_option(&a->corpus, id, value);
    return cli_filter_option(&a->filter, "path", id, value);
}

/* --- printing ------------------------------------------------------------------ */

static void hop_cells(cli_table *t, const ng_hop *hop, const ng_query_filter *filter, int tsv)
{
    const char *(*name)(const ng_entity *) = tsv ? ng_entity_id : ng_entity_label;
    const ng_evidence *ev = cli_strongest_evidence(hop->edge, filter);
    char arrow[32];
    cli_hop_arrow(arrow, sizeof arrow, hop->edge, hop->from);
    cli_table_cell(t, name(hop->from));
    if (tsv) {
        cli_table_cell(t, ng_relation_name(ng_edge_relation(hop->edge)));
        cli_table_cell(t, cli_hop_direction(hop->edge, hop->from));
    } else {
        cli_table_cell(t, arrow);
    }
    cli_table_cell(t, name(hop->to));
    cli_table_cellf(t, "%zu", ng_edge_weight(hop->edge));
    cli_table_cell(t, ng_modality_name(ng_edge_modality(hop->edge)));
    if (tsv) {
        cli_table_cell(t, ev ? ev->doc : "");
        cli_table_cellf(t, "%ld", ev ? ev->sentence : 0L);
        cli_table_cell(t, ev && ev->date ? ev->date : "");
        cli_table_cell(t, ev && ev->text ? ev->text : "");
    } else if (ev) {
        cli_table_evidence(t, ev);
    }
}

static int print_rows(const ng_paths *p, const ng_query_filter *filter, int tsv)
{
    static const char *const headers[] = {"PATH", "HOP", "FROM", "RELATION", "TO", "WEIGHT",
                                          "MODALITY"};
    static const char *const tsv_headers[] = {"path", "hop", "from", "relation", "direction",
                                              "to", "weight", "modality", "doc", "sentence",
                                              "date", "text"};
    cli_table t;
    if (tsv)
        cli_table_init(&t, tsv_headers, sizeof tsv_headers / sizeof *tsv_headers);
    else
        cli_table_init(&t, headers, sizeof headers / sizeof *headers);
    for (size_t i = 0; i < p->count; i++)
        for (size_t h = 0; h < p->items[i].length; h++) {
            cli_table_cellf(&t, "%zu", i + 1);
            cli_table_cellf(&t, "%zu", h + 1);
            hop_cells(&t, &p->items[i].hops[h], filter, tsv);
        }
    int rc = cli_table_print(&t, tsv, stdout);
    cli_table_free(&t);
    return rc;
}

static json_t *hop_json(const ng_hop *hop, const ng_query_filter *filter)
{
    const ng_evidence *ev = cli_strongest_evidence(hop->edge, filter);
    return json_pack("{s:o, s:s, s:s, s:o, s:I, s:s, s:o}", "from",
                     cli_json_text(ng_entity_id(hop->from)), "relation",
                     ng_relation_name(ng_edge_relation(hop->edge)), "direction",
                     cli_hop_direction(hop->edge, hop->from), "to",
                     cli_json_text(ng_entity_id(hop->to)), "weight",
                     (json_int_t)ng_edge_weight(hop->edge), "modality",
                     ng_modality_name(ng_edge_modality(hop->edge)), "evidence",
                     ev ? cli_json_evidence(ev) : json_null());
}

static json_t *paths_json(const ng_paths *p, const ng_query_filter *filter)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < p->count; i++) {
        json_t *path = json_array();
        for (size_t h = 0; path && h < p->items[i].length; h++)
            if (json_array_append_new(path, hop_json(&p->items[i].hops[h], filter)) != 0) {
                json_decref(path);
                path = NULL;
            }
        if (json_array_append_new(list, path) != 0) {
            json_decref(list);
            list = NULL;
        }
    }
    return list;
}

static int print_json(const ng_paths *p, const path_args *a, const ng_entity *from,
                      const ng_entity *to)
{
    return cli_json_print(json_pack("{s:o, s:o, s:I, s:b, s:o}", "from", cli_json_entity(from),
                                    "to", cli_json_entity(to), "length", (json_int_t)p->length,
                                    "truncated", p->truncated, "paths", paths_json(p, &a->filter)));
}

/* --- the command ------------------------------------------------------------------ */

static int report_paths(const ng_paths *p, const ng_entity *from, const ng_entity *to,
                        const path_args *a)
{
    int rc = a->style == CLI_JSON ? print_json(p, a, from, to)
                                  : print_rows(p, &a->filter, a->style == CLI_TSV);
    if (rc == EXIT_OK && p->count == 0) {
        fputs("newsgraph: path: no path leads from ", stderr);
        cli_put_text(stderr, ng_entity_label(from));
        fputs(" to ", stderr);
        cli_put_text(stderr, ng_entity_label(to));
        fputs(" through the edges allowed\n", stderr);
        rc = EXIT_NOT_FOUND;
    }
    if (rc == EXIT_OK && p->truncated && !a->corpus.quiet)
        fprintf(stderr, "newsgraph: path: there are more than %zu shortest paths; "
                        "--max-paths shows more\n", a->max_paths);
    return rc;
}

static int answer(const ng_graph *graph, const path_args *a, const char *const *names)
{
    const ng_entity *from, *to;
    int rc = cli_resolve(graph, "path", names[0], a->corpus.quiet, &from);
    if (rc == EXIT_OK)
        rc = cli_resolve(graph, "path", names[1], a->corpus.quiet, &to);
    if (rc != EXIT_OK)
        return rc;
    ng_paths p;
    ng_error err;
    if (ng_query_paths(graph, from, to, &a->filter, a->max_paths, &p, &err) != 0) {
        cli_report(NULL, &err);
        return cli_exit_code(err.status);
    }
    rc = report_paths(&p, from, to, a);
    ng_query_paths_free(&p);
    return rc;
}

static int run(const path_args *a)
{
    size_t wanted = a->corpus.input_count ? 2 : 3;
    if (a->operand_count != wanted)
        return cli_usage_error("path", wanted == 3 ? "give a GRAPH file, FROM and TO"
                                                   : "with --from, give only FROM and TO");
    ng_graph *graph;
    int loaded = cli_query_graph(a->operands[0], &a->corpus, "path", 0, &graph);
    if (!graph)
        return loaded;
    int rc = answer(graph, a, a->operands + wanted - 2);
    ng_graph_free(graph);
    return rc == EXIT_OK ? loaded : rc;
}

int cli_path(int argc, char **argv)
{
    path_args a = {0};
    ng_query_filter_init(&a.filter);
    a.max_paths = 10;
    int rc = cli_parse("path", path_options, argc, argv, on_option, &a);
    if (rc == 0 && a.help) {
        cli_print_help((const char *const[]){path_help, cli_filter_help, cli_corpus_help, NULL});
    } else if (rc == 0) {
        rc = run(&a);
    }
    cli_corpus_free(&a.corpus);
    return rc;
}
