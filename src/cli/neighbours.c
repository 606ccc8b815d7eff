/* newsgraph neighbours: the entities around one, breadth first. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/query.h"

static const char *const neighbours_help =
    "Usage: newsgraph neighbours [OPTIONS] GRAPH NAME\n"
    "       newsgraph neighbours [OPTIONS] --from INPUT... NAME\n"
    "\n"
    "List the entities around NAME, breadth first, each with its distance and\n"
    "the route from NAME: one line per edge that reaches it from an entity one\n"
    "hop closer. Lines are sorted by distance, then name.\n"
    "\n"
    "NAME is looked up among labels and aliases: as typed, then ignoring case,\n"
    "hyphens and spacing, then as the start of a name, then as the closest\n"
    "spelling (one or two letters off). A name that fits several entities lists\n"
    "them with their types (exit 7); one that fits none exits with 6.\n"
    "\n"
    "GRAPH is a file written by 'newsgraph extract' (- for standard input).\n"
    "\n"
    "Options:\n"
    "  -n, --depth N         go up to N hops from NAME (default 1)\n"
    "  -e, --evidence        print the sentences behind each edge (those that\n"
    "                        pass the filters), with their document, sentence\n"
    "                        number, date and modality\n"
    "  -f, --format FORMAT   table (aligned, the default), tsv (with a header\n"
    "                        line; with --evidence one line per sentence), json,\n"
    "                        or dot: the network around NAME, for dot -Tsvg\n";

enum { OPT_DEPTH, OPT_EVIDENCE, OPT_FORMAT, OPT_HELP };

static const cli_option neighbours_options[] = {
    {"depth", 'n', 1, OPT_DEPTH},   {"evidence", 'e', 0, OPT_EVIDENCE},
    {"format", 'f', 1, OPT_FORMAT}, {"help", 'h', 0, OPT_HELP},
    CLI_FILTER_OPTIONS,             CLI_CORPUS_OPTIONS,
    {NULL, 0, 0, 0},
};

typedef struct neighbours_args {
    cli_corpus corpus;
    ng_query_filter filter;
    const char *operands[2];
    size_t operand_count;
    size_t depth;
    int evidence;
    cli_style style;
    int help;
} neighbours_args;

static int on_option(int id, const char *value, void *ctx)
{
    neighbours_args *a = ctx;
    unsigned offered = CLI_STYLE_BIT(CLI_TABLE) | CLI_STYLE_BIT(CLI_TSV) |
                       CLI_STYLE_BIT(CLI_JSON) | CLI_STYLE_BIT(CLI_DOT);
    switch (id) {
    case CLI_OPERAND:
        if (a->operand_count < 2)
            a->operands[a->operand_count] = value;
        a->operand_count++;
        return 0;
    case OPT_DEPTH: return cli_parse_count("neighbours", "--depth", value, 1, &a->depth);
    case OPT_EVIDENCE: a->evidence = 1; return 0;
    case OPT_FORMAT: return cli_parse_style("neighbours", value, offered, &a->style);
    case OPT_HELP: a->help = 1; return 0;
    }
    if (id >= CLI_OPT_FROM)
        return cli_corpus_option(&a->corpus, id, value);
    return cli_filter_option(&a->filter, "neighbours", id, value);
}

/* --- routes -------------------------------------------------------------------- */

/* The route to record i, "Kim Jong Un -meets- Vladimir Putin -visits->
 * Vladivostok", by labels or by ids. A new string, or NULL. */
static char *route_text(const ng_neighbours *n, size_t i, int ids)
{
    const char *(*name)(const ng_entity *) = ids ? ng_entity_id : ng_entity_label;
    size_t hops = n->items[i].distance;
    const ng_neighbour **chain = malloc(hops * sizeof *chain);
    char *text = NULL;
    size_t len;
    FILE *out = chain ? open_memstream(&text, &len) : NULL;
    if (!out) {
        free(chain);
        return NULL;
    }
    for (size_t k = hops, at = i; k-- > 0; at = n->items[at].previous)
        chain[k] = &n->items[at];
    fputs(name(n->start), out);
    for (size_t k = 0; k < hops; k++) {
        char arrow[32];
        cli_hop_arrow(arrow, sizeof arrow, chain[k]->edge, chain[k]->from);
        fprintf(out, " %s %s", arrow, name(chain[k]->entity));
    }
    free(chain);
    if (fclose(out) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

/* --- table and TSV ------------------------------------------------------------ */

static void table_row(cli_table *t, const ng_neighbours *n, size_t i, const neighbours_args *a)
{
    const ng_neighbour *r = &n->items[i];
    char *route = route_text(n, i, 0);
    cli_table_cellf(t, "%zu", r->distance);
    cli_table_cell(t, ng_entity_label(r->entity));
    cli_table_cell(t, ng_entity_type_name(ng_entity_typeof(r->entity)));
    cli_table_cellf(t, "%zu", ng_edge_weight(r->edge));
    cli_table_cell(t, ng_modality_name(ng_edge_modality(r->edge)));
    cli_table_cell(t, route);
    t->failed |= !route;
    free(route);
    for (size_t k = 0; a->evidence && k < ng_edge_evidence_count(r->edge); k++) {
        const ng_evidence *ev = cli_evidence_at(r->edge, k);
        if (ev && ng_query_evidence_passes(&a->filter, ev))
            cli_table_evidence(t, ev);
    }
}

static const char *const tsv_headers[] = {
    "distance", "id", "label", "type", "relation", "direction", "from", "weight",
    "modality", "route", "doc", "sentence", "date", "evidence_modality", "trigger", "text",
};
#define TSV_COLUMNS 10
#define TSV_EVIDENCE_COLUMNS 6

/* One line, or with --evidence one line per evidence record shown. */
static void tsv_rows(cli_table *t, const ng_neighbours *n, size_t i, const neighbours_args *a)
{
    const ng_neighbour *r = &n->items[i];
    char *route = route_text(n, i, 1);
    t->failed |= !route;
    size_t lines = a->evidence ? ng_edge_evidence_count(r->edge) : 1;
    for (size_t k = 0; k < lines; k++) {
        const ng_evidence *ev = a->evidence ? cli_evidence_at(r->edge, k) : NULL;
        if (a->evidence && (!ev || !ng_query_evidence_passes(&a->filter, ev)))
            continue;
        cli_table_cellf(t, "%zu", r->distance);
        cli_table_cell(t, ng_entity_id(r->entity));
        cli_table_cell(t, ng_entity_label(r->entity));
        cli_table_cell(t, ng_entity_type_name(ng_entity_typeof(r->entity)));
        cli_table_cell(t, ng_relation_name(ng_edge_relation(r->edge)));
        cli_table_cell(t, cli_hop_direction(r->edge, r->from));
        cli_table_cell(t, ng_entity_id(r->from));
        cli_table_cellf(t, "%zu", ng_edge_weight(r->edge));
        cli_table_cell(t, ng_modality_name(ng_edge_modality(r->edge)));
        cli_table_cell(t, route);
        if (!ev)
            continue;
        cli_table_cell(t, ev->doc);
        cli_table_cellf(t, "%ld", ev->sentence);
        cli_table_cell(t, ev->date ? ev->date : "");
        cli_table_cell(t, ng_modality_name(ev->modality));
        cli_table_cell(t, ev->trigger ? ev->trigger : "");
        cli_table_cell(t, ev->text ? ev->text : "");
    }
    free(route);
}

static int print_rows(const ng_neighbours *n, const neighbours_args *a)
{
    static const char *const headers[] = {"DIST", "ENTITY", "TYPE", "WEIGHT", "MODALITY",
                                          "ROUTE"};
    cli_table t;
    int tsv = a->style == CLI_TSV;
    if (tsv)
        cli_table_init(&t, tsv_headers, TSV_COLUMNS + (a->evidence ? TSV_EVIDENCE_COLUMNS : 0));
    else
        cli_table_init(&t, headers, sizeof headers / sizeof *headers);
    for (size_t i = 0; i < n->count; i++) {
        if (tsv)
            tsv_rows(&t, n, i, a);
        else
            table_row(&t, n, i, a);
    }
    int rc = cli_table_print(&t, tsv, stdout);
    cli_table_free(&t);
    return rc;
}

/* --- JSON ------------------------------------------------------------------------ */

static json_t *route_json(const ng_neighbours *n, size_t i)
{
    json_t *route = json_array();
    for (size_t at = i; route && at != NG_QUERY_NONE; at = n->items[at].previous) {
        const ng_neighbour *r = &n->items[at];
        json_t *hop = json_pack("{s:o, s:s, s:s, s:o}", "from", cli_json_text(ng_entity_id(r->from)),
                                "relation", ng_relation_name(ng_edge_relation(r->edge)),
                                "direction", cli_hop_direction(r->edge, r->from), "to",
                                cli_json_text(ng_entity_id(r->entity)));
        if (json_array_insert_new(route, 0, hop) != 0) {
            json_decref(route);
            return NULL;
        }
    }
    return route;
}

static json_t *evidence_json(const ng_edge *edge, const ng_query_filter *filter)
{
    json_t *list = json_array();
    for (size_t k = 0; list && k < ng_edge_evidence_count(edge); k++) {
        const ng_evidence *ev = cli_evidence_at(edge, k);
        if (ev && ng_query_evidence_passes(filter, ev) &&
            json_array_append_new(list, cli_json_evidence(ev)) != 0) {
            json_decref(list);
            return NULL;
        }
    }
    return list;
}

static json_t *record_json(const ng_neighbours *n, size_t i, const neighbours_args *a)
{
    const ng_neighbour *r = &n->items[i];
    json_t *o = json_pack("{s:I, s:o, s:o, s:s, s:s, s:s, s:o, s:I, s:s, s:o}", "distance",
                          (json_int_t)r->distance, "id", cli_json_text(ng_entity_id(r->entity)),
                          "label", cli_json_text(ng_entity_label(r->entity)), "type",
                          ng_entity_type_name(ng_entity_typeof(r->entity)), "relation",
                          ng_relation_name(ng_edge_relation(r->edge)), "direction",
                          cli_hop_direction(r->edge, r->from), "from",
                          cli_json_text(ng_entity_id(r->from)), "weight",
                          (json_int_t)ng_edge_weight(r->edge), "modality",
                          ng_modality_name(ng_edge_modality(r->edge)), "route",
                          route_json(n, i));
    if (o && a->evidence &&
        json_object_set_new(o, "evidence", evidence_json(r->edge, &a->filter)) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int print_json(const ng_neighbours *n, const neighbours_args *a, const char *name)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < n->count; i++)
        if (json_array_append_new(list, record_json(n, i, a)) != 0) {
            json_decref(list);
            list = NULL;
        }
    return cli_json_print(json_pack("{s:o, s:o, s:I, s:o}", "name", cli_json_text(name), "entity",
                                    cli_json_entity(n->start), "depth", (json_int_t)a->depth,
                                    "neighbours", list));
}

/* --- the command ------------------------------------------------------------------ */

/* The ego network, as DOT on standard output. */
static int print_dot(const ng_graph *graph, const ng_entity *start, const neighbours_args *a)
{
    ng_error err;
    ng_graph *ego = ng_query_subgraph(graph, start, a->depth, &a->filter, 0, NULL, &err);
    int rc = ego ? ng_io_write(ego, NG_FORMAT_DOT, stdout, &err) : err.status;
    ng_graph_free(ego);
    if (rc != 0) {
        cli_report(NULL, &err);
        return rc == NG_ERR_NOMEM ? EXIT_INTERNAL : EXIT_OUTPUT;
    }
    return EXIT_OK;
}

static int answer(const ng_graph *graph, const neighbours_args *a, const char *name)
{
    const ng_entity *start;
    int rc = cli_resolve(graph, "neighbours", name, a->corpus.quiet, &start);
    if (rc != EXIT_OK)
        return rc;
    if (a->style == CLI_DOT)
        return print_dot(graph, start, a);
    ng_neighbours n;
    ng_error err;
    if (ng_query_neighbours(graph, start, a->depth, &a->filter, &n, &err) != 0) {
        cli_report(NULL, &err);
        return cli_exit_code(err.status);
    }
    rc = a->style == CLI_JSON ? print_json(&n, a, name) : print_rows(&n, a);
    ng_query_neighbours_free(&n);
    return rc;
}

/* What of the graph file the answer can do without. Evidence records
 * are shown by --evidence, carried by the edges of the ego network (the
 * DOT output, whose entities keep their documents too) and dated, for
 * --since and --until; weights and modalities come as well without them
 * (NG_LOAD_SKIP_EVIDENCE). */
static unsigned load_flags(const neighbours_args *a)
{
    if (a->style == CLI_DOT)
        return 0;
    if (a->evidence || a->filter.since || a->filter.until)
        return NG_LOAD_SKIP_ENTITY_DOCS;
    return NG_LOAD_SKIP_EVIDENCE | NG_LOAD_SKIP_ENTITY_DOCS;
}

static int run(const neighbours_args *a)
{
    size_t wanted = a->corpus.input_count ? 1 : 2;
    if (a->operand_count != wanted)
        return cli_usage_error("neighbours", wanted == 2 ? "give a GRAPH file and a NAME"
                                                         : "with --from, give only a NAME");
    ng_graph *graph;
    int loaded = cli_query_graph(a->operands[0], &a->corpus, "neighbours", load_flags(a), &graph);
    if (!graph)
        return loaded;
    int rc = answer(graph, a, a->operands[wanted - 1]);
    ng_graph_free(graph);
    return rc == EXIT_OK ? loaded : rc;
}

int cli_neighbours(int argc, char **argv)
{
    neighbours_args a = {0};
    ng_query_filter_init(&a.filter);
    a.depth = 1;
    int rc = cli_parse("neighbours", neighbours_options, argc, argv, on_option, &a);
    if (rc == 0 && a.help) {
        cli_print_help((const char *const[]){neighbours_help, cli_filter_help, cli_corpus_help, NULL});
    } else if (rc == 0) {
        rc = run(&a);
    }
    cli_corpus_free(&a.corpus);
    return rc;
}
