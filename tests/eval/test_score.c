/* Scores on hand-made data, worked out by hand, and the errors of
 * ng_eval_load. The data live in $NG_TESTS_DIR/eval/data.
 *
 * tiny.gold.jsonl annotates two documents:
 *
 *   a.txt  G1 Vladimir Putin meets Kim Jong Un             asserted
 *          G2 Kim Jong Un visits Vostochny Cosmodrome      asserted
 *          G3 Kim Jong Un visits Russia                    planned
 *          G4 North Korea supplies Russia                  alleged
 *          G5 Russia sanctions North Korea                 alleged
 *   b.txt  G6 United States sanctions North Korea          asserted (no modality given)
 *          G7 Russia supplies North Korea                  planned
 *
 * tiny.graph.json has nine nodes, which stand for these entities:
 *
 *   "Kim Jong-un"  a.txt: Kim Jong Un (the hyphen folds to a space)
 *   "Mr. Kim"      a.txt: Kim Jong Un (the full stop folds away: alias "Mr Kim")
 *   "Putin’s"      a.txt: Vladimir Putin (the possessive goes: alias "Putin")
 *   "The Kremlin"  a.txt: Russia (the article goes on both sides: alias "the
 *                  Kremlin"); b.txt: nothing, b.txt's Russia has no such alias
 *   "Russia"       a.txt, b.txt: Russia
 *   "North Korea"  no "docs": every document, North Korea
 *   "Vostochny"    a.txt: Vostochny Cosmodrome
 *   "U.S."         b.txt: the label is "u s", no match; its alias
 *                  "Washington" is United States
 *   "Tuvalu"       a.txt: no entity, so "?Tuvalu"
 *
 * and eight edges, which give these triples:
 *
 *   e1 Kim Jong-un meets Putin’s, a.txt planned + asserted
 *        -> Kim Jong Un meets Vladimir Putin, asserted: G1 (meets is
 *           symmetric; the strongest modality wins)
 *   e2 Mr. Kim visits Vostochny, a.txt asserted -> G2
 *   e3 Kim Jong-un meets Mr. Kim -> both ends are Kim Jong Un: dropped
 *   e4 North Korea supplies The Kremlin, a.txt asserted -> G4, but G4 is
 *        alleged: right in the primary score, wrong in the strict one
 *   e5 Kim Jong-un visits Tuvalu, a.txt -> Kim Jong Un visits ?Tuvalu: spurious
 *   e6 North Korea supplies Russia, b.txt planned -> spurious (G7 goes
 *        the other way, and is missed)
 *   e7 U.S. sanctions North Korea, b.txt asserted + c.txt (not annotated,
 *        ignored) -> G6
 *   e8 Russia sanctions North Korea, a.txt denied + alleged -> alleged: G5,
 *        right in both scores
 *
 * G3 and G7 are missed. Per relation, primary (tp fp fn):
 *
 *   meets      1 0 0   P 1    R 1    F1 1
 *   visits     1 1 1   P 1/2  R 1/2  F1 1/2   (e2; e5; G3)
 *   supplies   1 1 1   P 1/2  R 1/2  F1 1/2   (e4; e6; G7)
 *   sanctions  2 0 0   P 1    R 1    F1 1
 *   all        5 2 2   P 5/7  R 5/7  F1 5/7 = 0.714
 *
 * Strict: e4 becomes a false positive and G4 a false negative:
 *
 *   supplies   0 2 2   P 0    R 0    F1 0
 *   all        4 3 3   P 4/7  R 4/7  F1 4/7 = 0.571
 *
 * Duplicate nodes: in a.txt, Kim Jong Un has two nodes ("Kim Jong-un",
 * "Mr. Kim") and Russia two ("The Kremlin", "Russia"): 2. In b.txt every
 * entity has one node at most: 0. In all, 2.
 *
 * tiny.links.json (a NetworkX node-link document: "links", names in
 * "name", metadata.label or the id, relations in "key", "label" or
 * metadata.relation, an integer id, documents given with directories) and
 * tiny.keyed.json (nodes keyed by id) hold the same graph in other shapes
 * and must score the same. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <newsgraph/eval.h>

/* --- helpers ------------------------------------------------------------- */

/* The path of a data file, in a buffer of the caller's. */
typedef struct path {
    char text[1024];
} path;

static const char *data(path *p, const char *name)
{
    const char *dir = getenv("NG_TESTS_DIR");
    if (!dir)
        fail_msg("NG_TESTS_DIR is not set: run the tests through meson test");
    snprintf(p->text, sizeof p->text, "%s/eval/data/%s", dir, name);
    return p->text;
}

static ng_eval *load(const char *gold, const char *graph)
{
    path g, x;
    ng_error err;
    ng_eval *ev = ng_eval_load(data(&g, gold), data(&x, graph), &err);
    if (!ev)
        fail_msg("%s:%ld: %s", err.source, err.line, err.text);
    return ev;
}

static void assert_counts(const ng_eval_counts *c, long tp, long fp, long fn, double p, double r)
{
    assert_int_equal(c->tp, tp);
    assert_int_equal(c->fp, fp);
    assert_int_equal(c->fn, fn);
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    if (c->precision != p || c->recall != r || c->f1 != f)
        fail_msg("P %.17g R %.17g F1 %.17g, expected %.17g %.17g %.17g", c->precision, c->recall,
                 c->f1, p, r, f);
}

/* A temporary file holding `text`, removed by remove_temp. */
typedef struct temp {
    char path[512];
} temp;

/* The JSON texts below are written with ' for ", to be readable; the
 * file gets the double quotes. */
static void write_temp(temp *t, const char *text)
{
    const char *dir = getenv("TMPDIR");
    snprintf(t->path, sizeof t->path, "%s/ng-eval-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(t->path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    for (const char *c = text; *c; c++)
        putc(*c == '\'' ? '"' : *c, f);
    assert_int_equal(fclose(f), 0);
}

static void remove_temp(temp *t)
{
    unlink(t->path);
}

/* Loads gold and graph given as text; the failure goes into *err. */
static ng_eval *load_texts(const char *gold, const char *graph, ng_error *err)
{
    temp g, x;
    write_temp(&g, gold);
    write_temp(&x, graph);
    ng_eval *ev = ng_eval_load(g.path, x.path, err);
    remove_temp(&g);
    remove_temp(&x);
    return ev;
}

/* --- figures ------------------------------------------------------------- */

static void check_tiny_primary(const char *graph)
{
    ng_eval *ev = load("tiny.gold.jsonl", graph);
    ng_eval_result r;
    ng_eval_score(ev, NG_EVAL_PRIMARY, &r);
    assert_counts(&r.relation[NG_RELATION_MEETS], 1, 0, 0, 1.0, 1.0);
    assert_counts(&r.relation[NG_RELATION_VISITS], 1, 1, 1, 0.5, 0.5);
    assert_counts(&r.relation[NG_RELATION_SUPPLIES], 1, 1, 1, 0.5, 0.5);
    assert_counts(&r.relation[NG_RELATION_SANCTIONS], 2, 0, 0, 1.0, 1.0);
    assert_counts(&r.all, 5, 2, 2, 5.0 / 7, 5.0 / 7);
    assert_int_equal(r.duplicate_nodes, 2);
    ng_eval_free(ev);
}

static void check_tiny_strict(const char *graph)
{
    ng_eval *ev = load("tiny.gold.jsonl", graph);
    ng_eval_result r;
    ng_eval_score(ev, NG_EVAL_STRICT, &r);
    assert_counts(&r.relation[NG_RELATION_MEETS], 1, 0, 0, 1.0, 1.0);
    assert_counts(&r.relation[NG_RELATION_VISITS], 1, 1, 1, 0.5, 0.5);
    assert_counts(&r.relation[NG_RELATION_SUPPLIES], 0, 2, 2, 0.0, 0.0);
    assert_counts(&r.relation[NG_RELATION_SANCTIONS], 2, 0, 0, 1.0, 1.0);
    assert_counts(&r.all, 4, 3, 3, 4.0 / 7, 4.0 / 7);
    assert_int_equal(r.duplicate_nodes, 2);
    ng_eval_free(ev);
}

static void primary_score_of_the_tiny_graph(void **state)
{
    (void)state;
    check_tiny_primary("tiny.graph.json");
}

static void strict_score_of_the_tiny_graph(void **state)
{
    (void)state;
    check_tiny_strict("tiny.graph.json");
}

static void other_shapes_of_the_same_graph_score_the_same(void **state)
{
    (void)state;
    check_tiny_primary("tiny.links.json");
    check_tiny_strict("tiny.links.json");
    check_tiny_primary("tiny.keyed.json");
    check_tiny_strict("tiny.keyed.json");
}

/* --- differences --------------------------------------------------------- */

typedef struct lines {
    char text[8][160];
    size_t count;
} lines;

static int collect(const ng_eval_difference *d, void *user)
{
    lines *l = user;
    if (l->count == 8)
        return 1;
    snprintf(l->text[l->count++], sizeof l->text[0], "%s %s: %s --%s--> %s gold=%s system=%s",
             ng_eval_verdict_name(d->verdict), d->doc, d->source,
             d->relation ? d->relation : "None", d->target,
             d->gold_modality ? d->gold_modality : "None",
             d->system_modality ? d->system_modality : "None");
    return 0;
}

static void differences_are_sorted_and_strict_adds_modality(void **state)
{
    (void)state;
    ng_eval *ev = load("tiny.gold.jsonl", "tiny.graph.json");
    static const char *const expected[] = {
        "SPURIOUS a.txt: Kim Jong Un --visits--> ?Tuvalu gold=None system=asserted",
        "MISSED a.txt: Kim Jong Un --visits--> Russia gold=planned system=None",
        "MODALITY a.txt: North Korea --supplies--> Russia gold=alleged system=asserted",
        "SPURIOUS b.txt: North Korea --supplies--> Russia gold=None system=planned",
        "MISSED b.txt: Russia --supplies--> North Korea gold=planned system=None",
    };
    lines l = {0};
    assert_int_equal(ng_eval_foreach_difference(ev, NG_EVAL_STRICT, collect, &l), 0);
    assert_int_equal(l.count, 5);
    for (size_t i = 0; i < l.count; i++)
        assert_string_equal(l.text[i], expected[i]);

    lines primary = {0};
    assert_int_equal(ng_eval_foreach_difference(ev, NG_EVAL_PRIMARY, collect, &primary), 0);
    assert_int_equal(primary.count, 4); /* the modality mismatch is not listed */
    ng_eval_free(ev);
}

static int stop_at_once(const ng_eval_difference *d, void *user)
{
    (void)d;
    ++*(int *)user;
    return 42;
}

static void a_callback_can_stop_the_listing(void **state)
{
    (void)state;
    ng_eval *ev = load("tiny.gold.jsonl", "tiny.graph.json");
    int calls = 0;
    assert_int_equal(ng_eval_foreach_difference(ev, NG_EVAL_PRIMARY, stop_at_once, &calls), 42);
    assert_int_equal(calls, 1);
    ng_eval_free(ev);
}

/* --- reading the gold ---------------------------------------------------- */

static const char one_node_graph[] =
    "{'nodes': [{'id': 'k', 'label': 'Kim'}, {'id': 'p', 'label': 'Putin'}],"
    " 'links': [{'source': 'k', 'target': 'p', 'relation': 'meets',"
    " 'evidence': [{'doc': 'a.txt', 'modality': 'asserted'}]}]}";

/* Blank lines are skipped, lines may end in CR LF or CR, and a later line
 * for the same document replaces the earlier one entirely. */
static void later_lines_replace_earlier_ones(void **state)
{
    (void)state;
    const char *gold =
        "{'doc': 'a.txt', 'entities': [{'name': 'Kim'}, {'name': 'Putin'}],"
        " 'relations': [{'source': 'Kim', 'relation': 'meets', 'target': 'Putin'}]}\r\n"
        "  \r\n"
        "{'doc': 'corpus/a.txt', 'entities': [{'name': 'Kim'}],"
        " 'relations': [{'source': 'Kim', 'relation': 'visits', 'target': 'Russia'}]}\r";
    ng_error err;
    ng_eval *ev = load_texts(gold, one_node_graph, &err);
    assert_non_null(ev);
    ng_eval_result r;
    ng_eval_score(ev, NG_EVAL_PRIMARY, &r);
    assert_counts(&r.relation[NG_RELATION_VISITS], 0, 0, 1, 0.0, 0.0);
    /* Putin is no longer annotated in a.txt, so the edge is Kim meets ?Putin. */
    assert_counts(&r.relation[NG_RELATION_MEETS], 0, 1, 0, 0.0, 0.0);
    ng_eval_free(ev);
}

/* A relation spelt otherwise than the four, exactly, counts in "all" only. */
static void unknown_relations_count_in_all_only(void **state)
{
    (void)state;
    const char *gold = "{'doc': 'a.txt', 'entities': [{'name': 'Kim'}, {'name': 'Putin'}]}\n";
    const char *graph =
        "{'nodes': [{'id': 'k', 'label': 'Kim'}, {'id': 'p', 'label': 'Putin'}],"
        " 'links': [{'source': 'k', 'target': 'p', 'relation': 'Meets',"
        " 'evidence': [{'doc': 'a.txt'}]}]}";
    ng_error err;
    ng_eval *ev = load_texts(gold, graph, &err);
    assert_non_null(ev);
    ng_eval_result r;
    ng_eval_score(ev, NG_EVAL_PRIMARY, &r);
    assert_counts(&r.relation[NG_RELATION_MEETS], 0, 0, 0, 0.0, 0.0);
    assert_counts(&r.all, 0, 1, 0, 0.0, 0.0);
    ng_eval_free(ev);
}

/* --- errors -------------------------------------------------------------- */

static void missing_files_are_not_found(void **state)
{
    (void)state;
    path gold, graph;
    ng_error err;
    assert_null(ng_eval_load(data(&gold, "no-such.gold.jsonl"), data(&graph, "tiny.graph.json"),
                             &err));
    assert_int_equal(err.status, NG_ERR_NOT_FOUND);
    assert_non_null(strstr(err.source, "no-such.gold.jsonl"));

    assert_null(ng_eval_load(data(&gold, "tiny.gold.jsonl"), data(&graph, "no-such.json"), &err));
    assert_int_equal(err.status, NG_ERR_NOT_FOUND);
    assert_non_null(strstr(err.source, "no-such.json"));
}

static void assert_parse_error(const char *gold, const char *graph, long line, const char *text)
{
    ng_error err;
    assert_null(load_texts(gold, graph, &err));
    assert_int_equal(err.status, NG_ERR_PARSE);
    assert_int_equal(err.line, line);
    if (!strstr(err.text, text))
        fail_msg("\"%s\" does not say \"%s\"", err.text, text);
}

static void a_gold_line_that_is_not_json_names_its_line(void **state)
{
    (void)state;
    assert_parse_error("{'doc': 'a.txt'}\n\n{'doc': 'b.txt',\n", one_node_graph, 3,
                       "not valid JSON");
}

static void gold_members_of_the_wrong_type_are_named(void **state)
{
    (void)state;
    assert_parse_error("{'doc': 'a.txt'}\n[1, 2]\n", one_node_graph, 2,
                       "expected an object, found a list");
    assert_parse_error("{'entities': []}\n", one_node_graph, 1, "doc: missing");
    assert_parse_error("{'doc': 'a.txt', 'entities': [{'name': 7}]}\n", one_node_graph,
                       1, "entities[0].name: expected a string, found an integer");
    assert_parse_error("{'doc': 'a.txt', 'entities': [{'name': 'K', 'aliases': null}]}",
                       one_node_graph, 1, "entities[0].aliases: expected a list, found null");
    assert_parse_error("{'doc': 'a.txt', 'relations': [{'source': 'K', 'target': 'P'}]}",
                       one_node_graph, 1, "relations[0].relation: missing");
    assert_parse_error("{'doc': 'a.txt', 'relations': [{'source': 'K', 'relation': 'meets',"
                       " 'target': 'P', 'modality': 3}]}",
                       one_node_graph, 1, "relations[0].modality: expected a string");
}

static void malformed_graph_json_names_line_and_column(void **state)
{
    (void)state;
    ng_error err;
    assert_null(load_texts("{'doc': 'a.txt'}\n", "{'nodes': [\n  {'id': 1,,}\n]}", &err));
    assert_int_equal(err.status, NG_ERR_PARSE);
    assert_int_equal(err.line, 2);
    assert_true(err.column > 0);
}

static void graph_members_of_the_wrong_type_are_named(void **state)
{
    (void)state;
    const char *gold = "{'doc': 'a.txt'}\n";
    assert_parse_error(gold, "[]", 0, "expected an object, found a list");
    assert_parse_error(gold, "{'graph': {'nodes': [{'id': [1]}]}}", 0,
                       "graph.nodes[0].id: expected a string or an integer, found a list");
    assert_parse_error(gold, "{'nodes': [{'label': 'K'}]}", 0, "nodes[0].id: missing");
    assert_parse_error(gold, "{'nodes': [{'id': 'k', 'label': 1.5}]}", 0,
                       "nodes[0].label: expected a string, found a real number");
    assert_parse_error(gold, "{'nodes': [{'id': 'k', 'docs': 3}]}", 0,
                       "nodes[0].docs: expected a list, found an integer");
    assert_parse_error(gold, "{'links': [{'source': 'k'}]}", 0, "links[0].target: missing");
    assert_parse_error(gold, "{'edges': [{'source': 'k', 'target': 'p', 'relation': 1}]}",
                       0, "edges[0].relation: expected a string, found an integer");
    assert_parse_error(gold, "{'edges': [{'source': 'k', 'target': 'p', 'evidence': [7]}]}",
                       0, "edges[0].evidence[0]: expected an object, found an integer");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(primary_score_of_the_tiny_graph),
        cmocka_unit_test(strict_score_of_the_tiny_graph),
        cmocka_unit_test(other_shapes_of_the_same_graph_score_the_same),
        cmocka_unit_test(differences_are_sorted_and_strict_adds_modality),
        cmocka_unit_test(a_callback_can_stop_the_listing),
        cmocka_unit_test(later_lines_replace_earlier_ones),
        cmocka_unit_test(unknown_relations_count_in_all_only),
        cmocka_unit_test(missing_files_are_not_found),
        cmocka_unit_test(a_gold_line_that_is_not_json_names_its_line),
        cmocka_unit_test(gold_members_of_the_wrong_type_are_named),
        cmocka_unit_test(malformed_graph_json_names_line_and_column),
        cmocka_unit_test(graph_members_of_the_wrong_type_are_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
