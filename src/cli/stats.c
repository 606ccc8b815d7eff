/* newsgraph stats: what a graph holds. */
#include <stdio.h>

#include "cli/query.h"

static const char *const stats_help =
    "Usage: newsgraph stats [OPTIONS] GRAPH\n"
    "       newsgraph stats [OPTIONS] --from INPUT...\n"
    "\n"
    "Count the documents, the entities by type, the edges and their evidence\n"
    "by relation and by modality, and list the most connected entities (by\n"
    "number of edges, then of evidence records).\n"
    "\n"
    "GRAPH is a file written by 'newsgraph extract' (- for standard input).\n"
    "\n"
    "Options:\n"
    "      --top N           list the N most connected entities (default 10)\n"
    "  -f, --format FORMAT   table (the default) or json\n";

enum { OPT_TOP, OPT_FORMAT, OPT_HELP };

static const cli_option stats_options[] = {
    {"top", 0, 1, OPT_TOP},
    {"format", 'f', 1, OPT_FORMAT},
    {"help", 'h', 0, OPT_HELP},
    CLI_CORPUS_OPTIONS,
    {NULL, 0, 0, 0},
};

typedef struct stats_args {
    cli_corpus corpus;
    const char *graph;
    size_t operand_count;
    size_t top;
    cli_style style;
    int help;
} stats_args;

static int on_option(int id, const char *value, void *ctx)
{
    stats_args *a = ctx;
    unsigned offered = CLI_STYLE_BIT(CLI_TABLE) | CLI_STYLE_BIT(CLI_JSON);
    switch (id) {
    case CLI_OPERAND: a->graph = value; a->operand_count++; return 0;
    case OPT_TOP: return cli_parse_count("stats", "--top", value, 0, &a->top);
    case OPT_FORMAT: return cli_parse_style("stats", value, offered, &a->style);
    case OPT_HELP: a->help = 1; return 0;
    }
    return cli_corpus_option(&a->corpus, id, value);
}

/* --- table --------------------------------------------------------------------- */

static void print_summary(const ng_graph *g, const ng_stats *s)
{
    fputs("graph      ", stdout);
    cli_put_text(stdout, ng_graph_label(g));
    printf("\ndocuments  %zu", s->documents);
    if (s->sentences)
        printf(", %zu sentences", s->sentences);
    if (s->dated_documents)
        printf(" (%zu dated, %s to %s)", s->dated_documents, s->first_date, s->last_date);
    printf("\nentities   %zu (%zu without edges)\n", s->entities, s->isolated);
    printf("edges      %zu, with %zu evidence records\n\n", s->edges, s->evidence);
}

/* Three small tables: entities by type, edges by relation and by modality. */
static void fill_counts(cli_table *types, cli_table *relations, cli_table *modalities,
                        const ng_stats *s)
{
    for (int i = 0; i < NG_ENTITY_TYPE_COUNT; i++) {
        cli_table_cell(types, ng_entity_type_name((ng_entity_type)i));
        cli_table_cellf(types, "%zu", s->entities_by_type[i]);
    }
    for (int i = 0; i < NG_RELATION_COUNT; i++) {
        cli_table_cell(relations, ng_relation_name((ng_relation)i));
        cli_table_cellf(relations, "%zu", s->edges_by_relation[i]);
        cli_table_cellf(relations, "%zu", s->evidence_by_relation[i]);
    }
    for (int i = NG_MODALITY_COUNT - 1; i >= 0; i--) {
        cli_table_cell(modalities, ng_modality_name((ng_modality)i));
        cli_table_cellf(modalities, "%zu", s->edges_by_modality[i]);
        cli_table_cellf(modalities, "%zu", s->evidence_by_modality[i]);
    }
}

static void fill_top(cli_table *t, const ng_stats *s)
{
    for (size_t i = 0; i < s->top_count; i++) {
        const ng_stats_entity *e = &s->top[i];
        cli_table_cellf(t, "%zu", i + 1);
        cli_table_cell(t, ng_entity_label(e->entity));
        cli_table_cell(t, ng_entity_type_name(ng_entity_typeof(e->entity)));
        cli_table_cellf(t, "%zu", e->edges);
        cli_table_cellf(t, "%zu", e->neighbours);
        cli_table_cellf(t, "%zu", e->evidence);
    }
}

static int print_tables(const ng_graph *g, const ng_stats *s)
{
    static const char *const type_h[] = {"TYPE", "ENTITIES"};
    static const char *const relation_h[] = {"RELATION", "EDGES", "EVIDENCE"};
    static const char *const modality_h[] = {"MODALITY", "EDGES", "EVIDENCE"};
    static const char *const top_h[] = {"RANK", "ENTITY", "TYPE", "EDGES", "NEIGHBOURS",
                                        "EVIDENCE"};
    cli_table t[4];
    cli_table_init(&t[0], type_h, 2);
    cli_table_init(&t[1], relation_h, 3);
    cli_table_init(&t[2], modality_h, 3);
    cli_table_init(&t[3], top_h, 6);
    fill_counts(&t[0], &t[1], &t[2], s);
    fill_top(&t[3], s);
    print_summary(g, s);
    int rc = EXIT_OK;
    for (int i = 0; i < 4 && rc == EXIT_OK; i++) {
        rc = cli_table_print(&t[i], 0, stdout);
        if (i < 3)
            fputc('\n', stdout);
    }
    for (int i = 0; i < 4; i++)
        cli_table_free(&t[i]);
    return rc;
}

/* --- JSON -------------------------------------------------------------------------- */

static json_t *counts_json(const size_t *edges, const size_t *evidence, int count,
                           const char *(*name)(int))
{
    json_t *o = json_object();
    for (int i = 0; o && i < count; i++) {
        json_t *v = evidence ? json_pack("{s:I, s:I}", "edges", (json_int_t)edges[i], "evidence",
                                         (json_int_t)evidence[i])
                             : json_integer((json_int_t)edges[i]);
        if (json_object_set_new(o, name(i), v) != 0) {
            json_decref(o);
            return NULL;
        }
    }
    return o;
}

static const char *type_name(int i) { return ng_entity_type_name((ng_entity_type)i); }
static const char *relation_name(int i) { return ng_relation_name((ng_relation)i); }
static const char *modality_name(int i) { return ng_modality_name((ng_modality)i); }

static json_t *top_json(const ng_stats *s)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < s->top_count; i++) {
        const ng_stats_entity *e = &s->top[i];
        json_t *o = cli_json_entity(e->entity);
        if (!o || json_object_set_new(o, "edges", json_integer((json_int_t)e->edges)) ||
            json_object_set_new(o, "neighbours", json_integer((json_int_t)e->neighbours)) ||
            json_object_set_new(o, "evidence", json_integer((json_int_t)e->evidence)) ||
            json_array_append_new(list, o)) {
            json_decref(list);
            return NULL;
        }
    }
    return list;
}

static int print_json(const ng_graph *g, const ng_stats *s)
{
    json_t *docs = json_pack("{s:I, s:I, s:I, s:o, s:o}", "count", (json_int_t)s->documents,
                             "sentences", (json_int_t)s->sentences, "dated",
                             (json_int_t)s->dated_documents, "first", cli_json_text(s->first_date),
                             "last", cli_json_text(s->last_date));
    json_t *entities = json_pack("{s:I, s:I, s:o}", "count", (json_int_t)s->entities, "isolated",
                                 (json_int_t)s->isolated, "by_type",
                                 counts_json(s->entities_by_type, NULL, NG_ENTITY_TYPE_COUNT,
                                             type_name));
    json_t *edges = json_pack("{s:I, s:I, s:o, s:o}", "count", (json_int_t)s->edges, "evidence",
                              (json_int_t)s->evidence, "by_relation",
                              counts_json(s->edges_by_relation, s->evidence_by_relation,
                                          NG_RELATION_COUNT, relation_name),
                              "by_modality",
                              counts_json(s->edges_by_modality, s->evidence_by_modality,
                                          NG_MODALITY_COUNT, modality_name));
    return cli_json_print(json_pack("{s:o, s:o, s:o, s:o, s:o}", "label",
                                    cli_json_text(ng_graph_label(g)), "documents", docs,
                                    "entities", entities, "edges", edges, "most_connected",
                                    top_json(s)));
}

/* --- the command ------------------------------------------------------------------ */

static int run(const stats_args *a)
{
    if (a->operand_count != (a->corpus.input_count ? 0u : 1u))
        return cli_usage_error("stats", a->corpus.input_count ? "with --from, give no GRAPH"
                                                              : "give one GRAPH file");
    ng_graph *graph;
    int loaded = cli_query_graph(a->graph, &a->corpus, "stats", 0, &graph);
    if (!graph)
        return loaded;
    ng_stats s;
    ng_error err;
    int rc = ng_query_stats(graph, a->top, &s, &err);
    if (rc != 0) {
        cli_report(NULL, &err);
        rc = cli_exit_code(err.status);
    } else {
        rc = a->style == CLI_JSON ? print_json(graph, &s) : print_tables(graph, &s);
        ng_query_stats_free(&s);
    }
    ng_graph_free(graph);
    return rc == EXIT_OK ? loaded : rc;
}

int cli_stats(int argc, char **argv)
{
    stats_args a = {0};
    a.top = 10;
    int rc = cli_parse("stats", stats_options, argc, argv, on_option, &a);
    if (rc == 0 && a.help) {
        cli_print_help((const char *const[]){stats_help, cli_corpus_help, NULL});
    } else if (rc == 0) {
        rc = run(&a);
    }
    cli_corpus_free(&a.corpus);
    return rc;
}
