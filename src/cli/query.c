/* What the query commands share: the graph they ask, their filter and
 * input options, and the names typed on the command line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/query.h"

const char *const cli_filter_help =
    "  -r, --relation REL    follow only these relations: meets, visits,\n"
    "                        supplies, sanctions (repeatable, or comma-separated)\n"
    "      --direction DIR   out (from source to target), in, or both (the\n"
    "                        default); meets is followed both ways\n"
    "  -m, --modality MOD    only edges at least this strong: asserted, planned,\n"
    "                        alleged or denied (the default: all of them)\n"
    "      --since DATE      only edges with an evidence record dated DATE or\n"
    "      --until DATE      later, or earlier (YYYY, YYYY-MM or YYYY-MM-DD),\n"
    "                        and at least as strong as --modality\n"
    "  -t, --type TYPE       reach only these types: person, country,\n"
    "                        organization, place (repeatable, or comma-separated)\n"
    "      --min-weight N    only edges with at least N evidence records\n";

const char *const cli_corpus_help =
    "      --from INPUT      extract a graph from INPUT, as 'newsgraph extract'\n"
    "                        does (a file, a directory, a JSON Lines corpus, or -\n"
    "                        for standard input); repeatable\n"
    "      --dict FILE       with --from: load a dictionary file (repeatable)\n"
    "  -q, --quiet           print no notes or warnings on standard error\n";

/* --- the graph asked ---------------------------------------------------------- */

int cli_query_graph(const char *path, const cli_corpus *corpus, const char *command,
                    unsigned flags, ng_graph **graph)
{
    if (corpus->input_count)
        return cli_corpus_extract(corpus, command, graph);
    ng_format format = ng_format_from_path(path);
    ng_error err;
    *graph = ng_io_load_with_flags(path, format == NG_FORMAT_UNKNOWN ? NG_FORMAT_JSON : format,
                                   flags, &err);
    if (!*graph) {
        cli_report(NULL, &err);
        return cli_exit_code(err.status);
    }
    return EXIT_OK;
}

/* --- options ----------------------------------------------------------------- */

/* Calls parse on each comma-separated item of `list` and sets its bit. */
static int parse_set(const char *command, const char *list, const char *what,
                     int (*parse)(const char *, unsigned *), unsigned *bits)
{
    for (const char *p = list;; p++) {
        size_t n = strcspn(p, ",");
        char item[32];
        unsigned bit = 0;
        int ok = n < sizeof item;
        if (ok) {
            memcpy(item, p, n);
            item[n] = '\0';
            ok = parse(item, &bit) == 0;
        }
        if (!ok)
            return cli_usage_error(command, "unknown %s '%.*s'", what, (int)n, p);
        *bits |= bit;
        p += n;
        if (!*p)
            return 0;
    }
}

static int relation_bit(const char *name, unsigned *bit)
{
    ng_relation r;
    if (ng_relation_parse(name, &r) != 0)
        return -1;
    *bit = NG_RELATION_BIT(r);
    return 0;
}

static int type_bit(const char *name, unsigned *bit)
{
    ng_entity_type t;
    if (ng_entity_type_parse(name, &t) != 0)
        return -1;
    *bit = NG_ENTITY_TYPE_BIT(t);
    return 0;
}

/* YYYY, YYYY-MM or YYYY-MM-DD, with a month and day that can be. */
static int valid_date(const char *s)
{
    static const char shape[] = "dddd-dd-dd";
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != '-')
            return 0;
    int month = n >= 7 ? (s[5] - '0') * 10 + (s[6] - '0') : 1;
    int day = n == 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 1;
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static int parse_direction(const char *command, const char *value, ng_direction *out)
{
    if (strcmp(value, "out") == 0)
        *out = NG_DIRECTION_OUT;
    else if (strcmp(value, "in") == 0)
        *out = NG_DIRECTION_IN;
    else if (strcmp(value, "both") == 0)
        *out = NG_DIRECTION_BOTH;
    else
        return cli_usage_error(command, "unknown direction '%s' (use out, in or both)", value);
    return 0;
}

static int parse_date(const char *command, const char *option, const char *value,
                      const char **out)
{
    if (!valid_date(value))
        return cli_usage_error(command, "%s wants a date as YYYY, YYYY-MM or YYYY-MM-DD, not '%s'",
                               option, value);
    *out = value;
    return 0;
}

int cli_filter_option(ng_query_filter *f, const char *command, int id, const char *value)
{
    switch (id) {
    case CLI_OPT_RELATION: return parse_set(command, value, "relation", relation_bit, &f->relations);
    case CLI_OPT_TYPE: return parse_set(command, value, "entity type", type_bit, &f->types);
    case CLI_OPT_DIRECTION: return parse_direction(command, value, &f->direction);
    case CLI_OPT_SINCE: return parse_date(command, "--since", value, &f->since);
    case CLI_OPT_UNTIL: return parse_date(command, "--until", value, &f->until);
    case CLI_OPT_MIN_WEIGHT: return cli_parse_count(command, "--min-weight", value, 0, &f->min_weight);
    case CLI_OPT_MODALITY:
        if (ng_modality_parse(value, &f->min_modality) != 0)
            return cli_usage_error(command, "unknown modality '%s' (use asserted, planned, "
                                   "alleged or denied)", value);
        return 0;
    }
    return 0;
}

int cli_corpus_option(cli_corpus *corpus, int id, const char *value)
{
    switch (id) {
    case CLI_OPT_FROM: return cli_corpus_add_input(corpus, value);
    case CLI_OPT_DICT: return cli_corpus_add_dict(corpus, value);
    case CLI_OPT_QUIET: corpus->quiet = 1; return 0;
    }
    return 0;
}

int cli_parse_count(const char *command, const char *option, const char *value, size_t min,
                    size_t *out)
{
    size_t n = 0;
    const char *p = value;
    for (; *p >= '0' && *p <= '9' && n <= (SIZE_MAX - 9) / 10; p++)
        n = n * 10 + (size_t)(*p - '0');
    if (p == value || *p || n < min)
        return cli_usage_error(command, "%s wants a whole number of at least %zu, not '%s'",
                               option, min, value);
    *out = n;
    return 0;
}

int cli_parse_style(const char *command, const char *value, unsigned offered, cli_style *out)
{
    static const char *const names[] = {"table", "tsv", "json", "dot"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(value, names[i]) == 0 && (offered & CLI_STYLE_BIT(i))) {
            *out = (cli_style)i;
            return 0;
        }
    char list[64] = "";
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (offered & CLI_STYLE_BIT(i))
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", *list ? ", " : "",
                     names[i]);
    return cli_usage_error(command, "unknown format '%s' (use %s)", value, list);
}

/* --- names and hops ---------------------------------------------------------- */

/* Room for the candidates of an ambiguous name; more are only counted. */
#define MAX_CANDIDATES 20

static int compare_entities(const void *pa, const void *pb)
{
    const ng_entity *a = *(const ng_entity *const *)pa, *b = *(const ng_entity *const *)pb;
    int c = strcmp(ng_entity_label(a), ng_entity_label(b));
    return c ? c : strcmp(ng_entity_id(a), ng_entity_id(b));
}

static void list_candidates(const char *command, const char *name, const ng_entity **cands,
                            size_t count)
{
    size_t shown = count < MAX_CANDIDATES ? count : MAX_CANDIDATES;
    qsort(cands, shown, sizeof *cands, compare_entities);
    fprintf(stderr, "newsgraph: %s: '", command);
    cli_put_text(stderr, name);
    fprintf(stderr, "' may be any of %zu entities:\n", count);
    for (size_t i = 0; i < shown; i++) {
        fputs("  ", stderr);
        cli_put_text(stderr, ng_entity_label(cands[i]));
        fprintf(stderr, " (%s, ", ng_entity_type_name(ng_entity_typeof(cands[i])));
        cli_put_text(stderr, ng_entity_id(cands[i]));
        fputs(")\n", stderr);
    }
    if (shown < count)
        fprintf(stderr, "  and %zu more\n", count - shown);
}

int cli_resolve(const ng_graph *graph, const char *command, const char *name, int quiet,
                const ng_entity **out)
{
    const ng_entity *cands[MAX_CANDIDATES];
    size_t count = 0;
    ng_error err;
    int rc = ng_query_resolve(graph, name, out, cands, MAX_CANDIDATES, &count, &err);
    if (rc == NG_ERR_AMBIGUOUS) {
        list_candidates(command, name, cands, count);
        return EXIT_AMBIGUOUS;
    }
    if (rc == NG_ERR_NOT_FOUND) {
        fprintf(stderr, "newsgraph: %s: no entity is called '", command);
        cli_put_text(stderr, name);
        fputs("'\n", stderr);
        return EXIT_NOT_FOUND;
    }
    if (rc != 0) {
        cli_report(NULL, &err);
        return cli_exit_code(err.status);
    }
    /* A guess (a prefix or a spelling) deserves a word; a name is a name
     * whatever its case. */
    if (!quiet && ng_graph_find_all(graph, name, NULL, 0) == 0) {
        fprintf(stderr, "newsgraph: %s: taking '", command);
        cli_put_text(stderr, name);
        fputs("' for ", stderr);
        cli_put_text(stderr, ng_entity_label(*out));
        fprintf(stderr, " (%s)\n", ng_entity_type_name(ng_entity_typeof(*out)));
    }
    return EXIT_OK;
}

/* A command runs on one thread, so its commands share one reader. */
static ng_evidence_reader *evidence_reader;
static int evidence_failed;

const ng_evidence *cli_evidence_at(const ng_edge *edge, size_t i)
{
    ng_error err;
    ng_error_clear(&err);
    if (!evidence_reader)
        evidence_reader = ng_evidence_reader_new(&err);
    const ng_evidence *ev =
        evidence_reader ? ng_edge_evidence_read(edge, i, evidence_reader, &err) : NULL;
    if (!ev && !evidence_failed)
        fprintf(stderr, "newsgraph: cannot read the evidence of an edge: %s\n", err.text);
    evidence_failed |= !ev;
    return ev;
}

int cli_evidence_release(void)
{
    ng_evidence_reader_free(evidence_reader);
    evidence_reader = NULL;
    return evidence_failed;
}

const ng_evidence *cli_strongest_evidence(const ng_edge *edge, const ng_query_filter *filter)
{
    size_t best = SIZE_MAX;
    ng_modality best_modality = NG_MODALITY_DENIED;
    for (size_t i = 0; i < ng_edge_evidence_count(edge); i++) {
        ng_modality m = ng_edge_evidence_modality(edge, i);
        if (best != SIZE_MAX && m <= best_modality)
            continue;
        const ng_evidence *ev = cli_evidence_at(edge, i);
        if (ev && ng_query_evidence_passes(filter, ev)) {
            best = i;
            best_modality = m;
        }
    }
    return best == SIZE_MAX ? NULL : cli_evidence_at(edge, best);
}

const char *cli_hop_direction(const ng_edge *edge, const ng_entity *from)
{
    if (!ng_edge_directed(edge))
        return "both";
    return ng_edge_source(edge) == from ? "out" : "in";
}

void cli_hop_arrow(char *buf, size_t size, const ng_edge *edge, const ng_entity *from)
{
    const char *name = ng_relation_name(ng_edge_relation(edge));
    int forward = ng_edge_source(edge) == from;
    if (!ng_edge_directed(edge))
        snprintf(buf, size, "-%s-", name);
    else if (forward)
        snprintf(buf, size, "-%s->", name);
    else
        snprintf(buf, size, "<-%s-", name);
}
