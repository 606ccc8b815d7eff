/* Scoring a graph against gold annotations: both sides become one table
 * of (document, source, relation, target) triples, each knowing whether
 * the gold has it, whether the graph has it, and with which modality. The
 * figures and the list of differences are read off that table. The rules
 * are the reference scorer's (see eval.h); comments say where its
 * behaviour is less than obvious. */
#include <newsgraph/eval.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/gold.h"
#include "eval/sysgraph.h"
#include "graph/intern.h"
#include "util/buf.h"
#include "util/fail.h"
#include "util/strmap.h"

/* Every string here is interned in ng_eval.strings, so equal strings are
 * equal pointers. The relation is NULL when a graph edge names none. */
typedef struct triple_key {
    const char *doc;
    const char *source;
    const char *relation;
    const char *target;
} triple_key;

/* The key is hashed as bytes, which is only sound without padding. */
_Static_assert(sizeof(triple_key) == 4 * sizeof(const char *), "triple_key has padding");

/* One side's view of a triple. The modality is NULL where the reference
 * has None (a null in the input). */
typedef struct judged {
    int present;
    const char *modality;
} judged;

typedef struct triple {
    triple_key key;
    int relation; /* ng_relation, or -1 for any other name */
    judged gold;
    judged system;
} triple;

struct ng_eval {
    ng_intern strings;
    triple *triples; /* sorted by key once built */
    size_t triple_count;
    long duplicate_nodes;
};

/* What building the table needs and then throws away. */
typedef struct builder {
    ng_eval *ev;
    ng_gold gold;
    ng_sysgraph graph;
    ng_strmap index; /* key bytes (inside ev->triples) -> triple index + 1 */
    size_t *stamp;     /* per gold document: 1 + the last edge with evidence there */
    const char **best; /* per gold document: that edge's strongest modality there */
    size_t *touched;   /* the documents the current edge has evidence in */
    ng_error *err;
} builder;

/* --- modalities and relations ------------------------------------------------ */

/* The strength of a modality: its ng_modality value, which is ordered by
 * strength. Like the reference, unknown names and None rank with
 * "denied". */
static int rank(const char *modality)
{
    for (int m = NG_MODALITY_COUNT - 1; modality && m > 0; m--)
        if (strcmp(modality, ng_modality_name((ng_modality)m)) == 0)
            return m;
    return 0;
}

/* Exact names only: the reference compares relations case-sensitively. */
static int relation_index(const char *name)
{
    for (int r = 0; name && r < NG_RELATION_COUNT; r++)
        if (strcmp(name, ng_relation_name((ng_relation)r)) == 0)
            return r;
    return -1;
}

/* --- the table --------------------------------------------------------------- */

static triple *find_or_add(builder *b, triple_key key)
{
    ng_eval *ev = b->ev;
    size_t slot = (size_t)(uintptr_t)ng_strmap_get(&b->index, (const char *)&key, sizeof key);
    if (slot)
        return &ev->triples[slot - 1];
    /* The array was sized for every triple there can be (prepare_table),
     * so it never moves and the map can point into it. */
    triple *t = &ev->triples[ev->triple_count];
    *t = (triple){.key = key, .relation = relation_index(key.relation)};
    if (ng_strmap_put(&b->index, (const char *)&t->key, sizeof t->key,
                      (void *)(uintptr_t)(ev->triple_count + 1)) != 0)
        return NULL;
    ev->triple_count++;
    return t;
}

/* Records that the gold (in_gold) or the graph has the triple with this
 * modality. As in the reference, a stronger modality wins, the first wins
 * among equals, and a None on record is always replaced. */
static int record(builder *b, triple_key key, int in_gold, const char *modality)
{
    /* meets is symmetric: its ends go in byte order, as the reference's
     * string comparison puts them. */
    if (relation_index(key.relation) == NG_RELATION_MEETS && strcmp(key.target, key.source) < 0) {
        const char *first = key.target;
        key.target = key.source;
        key.source = first;
    }
    triple *t = find_or_add(b, key);
    if (!t)
        return ng_fail_nomem(b->err);
    judged *side = in_gold ? &t->gold : &t->system;
    if (!side->present || !side->modality || rank(modality) > rank(side->modality))
        *side = (judged){1, modality};
    return 0;
}

/* Sizes the table and the per-document scratch. Each gold relation and
 * each piece of evidence adds at most one triple. */
static int prepare_table(builder *b)
{
    size_t bound = b->gold.relation_count + b->graph.evidence_count + 1;
    size_t docs = b->gold.doc_count + 1;
    b->ev->triples = calloc(bound, sizeof *b->ev->triples);
    b->stamp = calloc(docs, sizeof *b->stamp);
    b->best = calloc(docs, sizeof *b->best);
    b->touched = calloc(docs, sizeof *b->touched);
    if (!b->ev->triples || !b->stamp || !b->best || !b->touched)
        return ng_fail_nomem(b->err);
    return 0;
}

/* --- matching ---------------------------------------------------------------- */

static const char *lookup(const ng_strmap *map, const char *key)
{
    const char *entity = ng_strmap_get(map, key, strlen(key));
    /* The reference tests the name it finds for truth, so an entity named
     * "" never matches, and the search goes on. */
    return entity && *entity ? entity : NULL;
}

/* The gold entity a node stands for in a document: its label, then each
 * alias, looked up among the entity names and then the aliases. */
static const char *match(const ng_gold_doc *doc, const ng_sysgraph *g, const ng_sysnode *node)
{
    for (size_t i = 0; i < node->name_count; i++) {
        const char *name = g->strings[node->names + i];
        const char *entity = lookup(&doc->by_name, name);
        if (!entity)
            entity = lookup(&doc->by_alias, name);
        if (entity)
            return entity;
    }
    return NULL;
}

static const char *name_in(const ng_gold_doc *doc, const ng_sysgraph *g, size_t node)
{
    const char *entity = match(doc, g, &g->nodes[node]);
    return entity ? entity : g->nodes[node].unmatched;
}

/* --- the two sides ----------------------------------------------------------- */

static int add_gold(builder *b)
{
    for (size_t i = 0; i < b->gold.relation_count; i++) {
        const ng_gold_relation *r = &b->gold.relations[i];
        triple_key key = {b->gold.docs[r->doc].key, r->source, r->relation, r->target};
        if (record(b, key, 1, r->modality) != 0)
            return NG_ERR_NOMEM;
    }
    return 0;
}

/* Groups the evidence of edge `e` by gold document, keeping the first of
 * the strongest modalities in each. Returns how many documents it found. */
static size_t group_evidence(builder *b, size_t e)
{
    const ng_sysedge *edge = &b->graph.edges[e];
    size_t count = 0;
    for (size_t i = 0; i < edge->evidence_count; i++) {
        const ng_sysevidence *piece = &b->graph.evidence[edge->evidence + i];
        const ng_gold_doc *doc = ng_gold_find(&b->gold, piece->doc);
        if (!doc)
            continue; /* a document without annotations is not scored */
        size_t d = (size_t)(doc - b->gold.docs);
        if (b->stamp[d] != e + 1) {
            b->stamp[d] = e + 1;
            b->best[d] = piece->modality;
            b->touched[count++] = d;
        } else if (rank(piece->modality) > rank(b->best[d])) {
            b->best[d] = piece->modality;
        }
    }
    return count;
}

static int add_edge(builder *b, size_t e)
{
    const ng_sysedge *edge = &b->graph.edges[e];
    size_t count = group_evidence(b, e);
    for (size_t i = 0; i < count; i++) {
        size_t d = b->touched[i];
        const ng_gold_doc *doc = &b->gold.docs[d];
        triple_key key = {doc->key, name_in(doc, &b->graph, edge->source), edge->relation,
                          name_in(doc, &b->graph, edge->target)};
        if (key.source == key.target)
            continue; /* both ends stand for one entity */
        if (record(b, key, 0, b->best[d]) != 0)
            return NG_ERR_NOMEM;
    }
    return 0;
}

/* --- duplicate nodes --------------------------------------------------------- */

typedef struct appearance {
    size_t doc;
    size_t node;
} appearance;

static int compare_appearances(const void *a, const void *b)
{
    const appearance *x = a, *y = b;
    if (x->doc != y->doc)
        return x->doc < y->doc ? -1 : 1;
    return x->node < y->node ? -1 : x->node > y->node;
}

/* Counts the node once more for the entity it stands for in document d;
 * `seen` maps an entity to 1 + the last document it was counted in. */
static int tally(builder *b, ng_strmap *seen, size_t d, size_t node)
{
    const char *entity = match(&b->gold.docs[d], &b->graph, &b->graph.nodes[node]);
    if (!entity)
        return 0;
    void *stamp = (void *)(uintptr_t)(d + 1);
    if (ng_strmap_get(seen, entity, strlen(entity)) == stamp) {
        b->ev->duplicate_nodes++;
        return 0;
    }
    return ng_strmap_put(seen, entity, strlen(entity), stamp);
}

typedef struct appearances {
    appearance *pairs; /* nodes that list their documents, by document */
    size_t pair_count;
    size_t pair_cap;
    size_t *everywhere; /* nodes without a list, which appear in every document */
    size_t everywhere_count;
    size_t everywhere_cap;
} appearances;

static int add_pair(appearances *a, size_t doc, size_t node)
{
    void *items = a->pairs;
    if (ng_array_grow(&items, &a->pair_cap, a->pair_count + 1, sizeof *a->pairs) != 0)
        return NG_ERR_NOMEM;
    a->pairs = items;
    a->pairs[a->pair_count++] = (appearance){doc, node};
    return 0;
}

static int add_everywhere(appearances *a, size_t node)
{
    void *items = a->everywhere;
    if (ng_array_grow(&items, &a->everywhere_cap, a->everywhere_count + 1,
                      sizeof *a->everywhere) != 0)
        return NG_ERR_NOMEM;
    a->everywhere = items;
    a->everywhere[a->everywhere_count++] = node;
    return 0;
}

/* Where each node of the graph appears, among the gold documents. The
 * pairs come out sorted, with any repeats next to each other. */
static int collect_appearances(const builder *b, appearances *a)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < b->graph.node_count; i++) {
        const ng_sysnode *n = &b->graph.nodes[i];
        if (n->placeholder)
            continue;
        if (n->every_doc)
            rc = add_everywhere(a, i);
        for (size_t k = 0; rc == 0 && !n->every_doc && k < n->doc_count; k++) {
            const ng_gold_doc *doc = ng_gold_find(&b->gold, b->graph.strings[n->docs + k]);
            if (doc)
                rc = add_pair(a, (size_t)(doc - b->gold.docs), i);
        }
    }
    if (rc == 0 && a->pair_count)
        qsort(a->pairs, a->pair_count, sizeof *a->pairs, compare_appearances);
    return rc;
}

/* In each document, every node after the first that stands for the same
 * gold entity is a duplicate. */
static int count_duplicates(builder *b)
{
    appearances a = {0};
    ng_strmap seen = {0};
    int rc = collect_appearances(b, &a);
    size_t next = 0;
    for (size_t d = 0; rc == 0 && d < b->gold.doc_count; d++) {
        for (size_t i = 0; rc == 0 && i < a.everywhere_count; i++)
            rc = tally(b, &seen, d, a.everywhere[i]);
        for (; rc == 0 && next < a.pair_count && a.pairs[next].doc == d; next++) {
            /* A node that lists a document twice is still one node there. */
            int repeat = next > 0 && a.pairs[next - 1].doc == d &&
                         a.pairs[next - 1].node == a.pairs[next].node;
            if (!repeat)
                rc = tally(b, &seen, d, a.pairs[next].node);
        }
    }
    free(a.pairs);
    free(a.everywhere);
    ng_strmap_free(&seen);
    return rc == 0 ? 0 : ng_fail_nomem(b->err);
}

/* --- loading ----------------------------------------------------------------- */

/* Reads all of `path` ("-": standard input) into `out`. */
static int read_file(const char *path, ng_buf *out, ng_error *err)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *in = is_stdin ? stdin : fopen(path, "rb");
    if (!in)
        return ng_fail(err, errno == ENOENT ? NG_ERR_NOT_FOUND : NG_ERR_IO, path,
                       "cannot open: %s", strerror(errno));
    int rc = 0;
    while (rc == 0 && !feof(in) && !ferror(in)) {
        rc = ng_buf_reserve(out, 64 * 1024);
        if (rc == 0)
            out->len += fread(out->data + out->len, 1, out->cap - out->len - 1, in);
    }
    if (rc == 0 && ferror(in))
        rc = ng_fail(err, NG_ERR_IO, path, "cannot read: %s", strerror(errno));
    else if (rc != 0)
        ng_fail_nomem(err);
    if (!is_stdin)
        fclose(in);
    return rc;
}

static int load_inputs(builder *b, const char *gold_path, const char *graph_path)
{
    ng_buf text = {0};
    int rc = read_file(gold_path, &text, b->err);
    if (rc == 0)
        rc = ng_gold_parse(&b->gold, ng_buf_cstr(&text), text.len, gold_path, &b->ev->strings,
                           b->err);
    ng_buf_clear(&text);
    if (rc == 0)
        rc = read_file(graph_path, &text, b->err);
    if (rc == 0)
        rc = ng_sysgraph_parse(&b->graph, ng_buf_cstr(&text), text.len, graph_path,
                               &b->ev->strings, b->err);
    ng_buf_free(&text);
    return rc;
}

static int build(builder *b)
{
    int rc = prepare_table(b);
    if (rc == 0)
        rc = add_gold(b);
    for (size_t e = 0; rc == 0 && e < b->graph.edge_count; e++)
        rc = add_edge(b, e);
    return rc == 0 ? count_duplicates(b) : rc;
}

static int compare_strings(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL); /* None first */
    return strcmp(a, b);
}

static int compare_triples(const void *a, const void *b)
{
    const triple_key *x = &((const triple *)a)->key, *y = &((const triple *)b)->key;
    int c = strcmp(x->doc, y->doc);
    if (c == 0)
        c = strcmp(x->source, y->source);
    if (c == 0)
        c = compare_strings(x->relation, y->relation);
    return c != 0 ? c : strcmp(x->target, y->target);
}

ng_eval *ng_eval_load(const char *gold_path, const char *graph_path, ng_error *err)
{
    ng_eval *ev = calloc(1, sizeof *ev);
    if (!ev) {
        ng_fail_nomem(err);
        return NULL;
    }
    builder b = {.ev = ev, .err = err};
    int rc = load_inputs(&b, gold_path, graph_path);
    if (rc == 0)
        rc = build(&b);
    ng_gold_free(&b.gold);
    ng_sysgraph_free(&b.graph);
    ng_strmap_free(&b.index);
    free(b.stamp);
    free(b.best);
    free(b.touched);
    if (rc != 0) {
        ng_eval_free(ev);
        return NULL;
    }
    qsort(ev->triples, ev->triple_count, sizeof *ev->triples, compare_triples);
    return ev;
}

void ng_eval_free(ng_eval *ev)
{
    if (!ev)
        return;
    ng_intern_free(&ev->strings);
    free(ev->triples);
    free(ev);
}

/* --- results ----------------------------------------------------------------- */

static void count(ng_eval_counts *c, const triple *t, int correct)
{
    c->tp += correct;
    c->fp += t->system.present && !correct;
    c->fn += t->gold.present && !correct;
}

/* The same operations in the same order as the reference, so that the
 * doubles are bit for bit the same. */
static void derive(ng_eval_counts *c)
{
    double tp = (double)c->tp;
    double p = c->tp + c->fp ? tp / (double)(c->tp + c->fp) : 0.0;
    double r = c->tp + c->fn ? tp / (double)(c->tp + c->fn) : 0.0;
    c->precision = p;
    c->recall = r;
    c->f1 = p + r != 0.0 ? 2 * p * r / (p + r) : 0.0;
}

void ng_eval_score(const ng_eval *ev, ng_eval_mode mode, ng_eval_result *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < ev->triple_count; i++) {
        const triple *t = &ev->triples[i];
        int correct = t->gold.present && t->system.present &&
                      (mode == NG_EVAL_PRIMARY || t->gold.modality == t->system.modality);
        count(&out->all, t, correct);
        if (t->relation >= 0)
            count(&out->relation[t->relation], t, correct);
    }
    derive(&out->all);
    for (int r = 0; r < NG_RELATION_COUNT; r++)
        derive(&out->relation[r]);
    out->duplicate_nodes = ev->duplicate_nodes;
}

int ng_eval_foreach_difference(const ng_eval *ev, ng_eval_mode mode, ng_eval_difference_fn fn,
                               void *user)
{
    for (size_t i = 0; i < ev->triple_count; i++) {
        const triple *t = &ev->triples[i];
        const char *gold = t->gold.present ? t->gold.modality : NULL;
        const char *sys = t->system.present ? t->system.modality : NULL;
        if (gold && *gold && sys && *sys && (mode == NG_EVAL_PRIMARY || gold == sys))
            continue;
        ng_eval_difference d = {
            .verdict = !sys ? NG_EVAL_MISSED : !gold ? NG_EVAL_SPURIOUS : NG_EVAL_MODALITY,
            .doc = t->key.doc,
            .source = t->key.source,
            .relation = t->key.relation,
            .target = t->key.target,
            .gold_modality = gold,
            .system_modality = sys,
        };
        int rc = fn(&d, user);
        if (rc != 0)
            return rc;
    }
    return 0;
}

const char *ng_eval_verdict_name(ng_eval_verdict verdict)
{
    switch (verdict) {
    case NG_EVAL_MISSED: return "MISSED";
    case NG_EVAL_SPURIOUS: return "SPURIOUS";
    case NG_EVAL_MODALITY: return "MODALITY";
    }
    return NULL;
}
