/* newsgraph eval: a saved graph scored against gold annotations. The
 * output is the reference scorer's (score.py), character for character,
 * so that either can be used in scripts that read the figures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char *const eval_help =
    "Usage: newsgraph eval [OPTIONS] GOLD.jsonl GRAPH.json\n"
    "\n"
    "Score a graph saved as JSON against gold annotations (one JSON object\n"
    "per line: doc, entities with aliases, relations with modality). Prints\n"
    "true and false positives, false negatives, precision, recall and F1\n"
    "over distinct (document, source, relation, target) triples, per\n"
    "relation and overall, and the number of duplicate nodes; the last line\n"
    "is the overall F1. The rules and figures are those of the reference\n"
    "scorer, score.py. Either file may be - for standard input.\n"
    "\n"
    "Options:\n"
    "      --strict    also require the modality to match\n"
    "      --verbose   first list the missed, spurious and (with --strict)\n"
    "                  wrong-modality triples\n"
    "      --json      print the figures as JSON\n"
    "  -h, --help      show this help\n"
    "\n";

enum { OPT_STRICT, OPT_VERBOSE, OPT_JSON, OPT_HELP };

static const cli_option eval_options[] = {
    {"strict", 0, 0, OPT_STRICT}, {"verbose", 0, 0, OPT_VERBOSE},
    {"json", 0, 0, OPT_JSON},     {"help", 'h', 0, OPT_HELP},
    {NULL, 0, 0, 0},
};

typedef struct eval_args {
    const char *files[2]; /* gold, graph */
    size_t file_count;
    ng_eval_mode mode;
    int verbose;
    int json;
    int help;
} eval_args;

static int on_option(int id, const char *value, void *ctx)
{
    eval_args *a = ctx;
    switch (id) {
    case CLI_OPERAND:
        if (a->file_count < 2)
            a->files[a->file_count] = value;
        a->file_count++;
        return 0;
    case OPT_STRICT: a->mode = NG_EVAL_STRICT; return 0;
    case OPT_VERBOSE: a->verbose = 1; return 0;
    case OPT_JSON: a->json = 1; return 0;
    case OPT_HELP: a->help = 1; return 0;
    }
    return 0;
}

static int check_files(const eval_args *a)
{
    if (a->file_count != 2)
        return cli_usage_error("eval", "give a gold file and a graph file, not %zu file%s",
                               a->file_count, a->file_count == 1 ? "" : "s");
    if (strcmp(a->files[0], "-") == 0 && strcmp(a->files[1], "-") == 0)
        return cli_usage_error("eval", "only one of the files can be standard input");
    return 0;
}

/* --- printing ------------------------------------------------------------- */

/* The reference prints Python's None where the library has NULL. */
static const char *or_none(const char *s)
{
    return s ? s : "None";
}

static int print_difference(const ng_eval_difference *d, void *user)
{
    (void)user;
    printf("%-8s %s: %s --%s--> %s  gold=%s system=%s\n", ng_eval_verdict_name(d->verdict),
           d->doc, d->source, or_none(d->relation), d->target, or_none(d->gold_modality),
           or_none(d->system_modality));
    return 0;
}

/* The figures as the reference shows them: rounded to three decimals. */
typedef struct row {
    const char *name;
    const ng_eval_counts *counts;
    double precision, recall, f1;
} row;

/* Python's round(x, 3): the double nearest the correctly rounded decimal,
 * which is what %.3f prints. */
static double round3(double x)
{
    char text[32];
    snprintf(text, sizeof text, "%.3f", x);
    return strtod(text, NULL);
}

static row make_row(const char *name, const ng_eval_counts *c)
{
    return (row){name, c, round3(c->precision), round3(c->recall), round3(c->f1)};
}

/* Python's repr() of a number rounded to three decimals: the shortest
 * form, with at least one digit after the point ("1.0", "0.5", "0.667"). */
static const char *py_repr(double x, char text[static 16])
{
    snprintf(text, 16, "%.3f", x);
    size_t len = strlen(text);
    while (text[len - 1] == '0' && text[len - 2] != '.')
        text[--len] = '\0';
    return text;
}

/* The layout of Python's json.dumps(..., indent=2). */
static void print_json(const row *rows, size_t count, long duplicates)
{
    char p[16], r[16], f[16];
    fputs("{\n  \"relations\": {\n", stdout);
    for (size_t i = 0; i < count; i++) {
        const ng_eval_counts *c = rows[i].counts;
        printf("    \"%s\": {\n"
               "      \"tp\": %ld,\n      \"fp\": %ld,\n      \"fn\": %ld,\n"
               "      \"precision\": %s,\n      \"recall\": %s,\n      \"f1\": %s\n"
               "    }%s\n",
               rows[i].name, c->tp, c->fp, c->fn, py_repr(rows[i].precision, p),
               py_repr(rows[i].recall, r), py_repr(rows[i].f1, f), i + 1 < count ? "," : "");
    }
    printf("  },\n  \"duplicate_nodes\": %ld\n}\n", duplicates);
}

static void print_table(const row *rows, size_t count, long duplicates)
{
    printf("%-10s %4s %4s %4s %6s %6s %6s\n", "relation", "tp", "fp", "fn", "P", "R", "F1");
    for (size_t i = 0; i < count; i++) {
        const ng_eval_counts *c = rows[i].counts;
        printf("%-10s %4ld %4ld %4ld %6.3f %6.3f %6.3f\n", rows[i].name, c->tp, c->fp, c->fn,
               rows[i].precision, rows[i].recall, rows[i].f1);
    }
    printf("duplicate nodes (one gold entity, several graph nodes, per document): %ld\n",
           duplicates);
}

static void print_scores(const eval_args *a, const ng_eval_result *res)
{
    row rows[NG_RELATION_COUNT + 1];
    for (int r = 0; r < NG_RELATION_COUNT; r++)
        rows[r] = make_row(ng_relation_name((ng_relation)r), &res->relation[r]);
    rows[NG_RELATION_COUNT] = make_row("all", &res->all);
    size_t count = sizeof rows / sizeof rows[0];
    if (a->json)
        print_json(rows, count, res->duplicate_nodes);
    else
        print_table(rows, count, res->duplicate_nodes);
    const row *all = &rows[NG_RELATION_COUNT];
    printf("%s F1 %.3f (P %.3f R %.3f)\n", a->mode == NG_EVAL_STRICT ? "strict" : "primary",
           all->f1, all->precision, all->recall);
}

static int run(const eval_args *a)
{
    ng_error err;
    ng_eval *ev = ng_eval_load(a->files[0], a->files[1], &err);
    if (!ev) {
        cli_report(NULL, &err);
        return cli_exit_code(err.status);
    }
    if (a->verbose)
        ng_eval_foreach_difference(ev, a->mode, print_difference, NULL);
    ng_eval_result res;
    ng_eval_score(ev, a->mode, &res);
    print_scores(a, &res);
    ng_eval_free(ev);
    return EXIT_OK;
}

int cli_eval(int argc, char **argv)
{
    eval_args a = {.mode = NG_EVAL_PRIMARY};
    int rc = cli_parse("eval", eval_options, argc, argv, on_option, &a);
    if (rc == 0 && a.help) {
        fputs(eval_help, stdout);
        fputs(cli_exit_codes_help, stdout);
        return EXIT_OK;
    }
    if (rc == 0)
        rc = check_files(&a);
    return rc == 0 ? run(&a) : rc;
}
