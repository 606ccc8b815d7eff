/* newsgraph: scoring a graph against gold annotations.
 *
 * The gold file is JSON Lines, one annotated document per line:
 *
 *   {"doc": "a.txt",
 *    "entities": [{"name": "Kim Jong Un", "type": "person",
 *                  "aliases": ["Kim Jong Un", "Kim", "North Korean leader"]}],
 *    "relations": [{"source": "Kim Jong Un", "relation": "visits",
 *                   "target": "Russia", "modality": "asserted"}]}
 *
 * The graph is the project's JSON export (or another node-link document of
 * that shape). The scores are those of the reference scorer, score.py, to
 * the last digit:
 *
 *   - the unit is the distinct (document, source, relation, target) triple;
 *     `meets` is symmetric; micro precision, recall and F1 over all
 *     documents, per relation and overall;
 *   - in each document, a graph node stands for a gold entity: the key of
 *     its label, then of each alias in turn, is looked up among the keys of
 *     the entity names and then among those of their aliases, and the first
 *     hit wins (keys: NFKC, case folding, quotes, hyphens and punctuation
 *     folded, a possessive "'s" and a leading "the " dropped); a node that
 *     matches none is called "?" followed by its label;
 *   - an edge gives a triple in each annotated document it has evidence
 *     from, with the strongest modality of that evidence (asserted >
 *     planned > alleged > denied; the first of equals), unless both its
 *     ends stand for the same entity there;
 *   - the strict score also requires the modality to match;
 *   - a duplicate node is a second (third...) node standing for the same
 *     gold entity in one document; a node with a "docs" list only counts in
 *     those documents.
 *
 *     ng_error err;
 *     ng_eval *ev = ng_eval_load("gold.jsonl", "graph.json", &err);
 *     if (!ev) { report(&err); return; }
 *     ng_eval_result r;
 *     ng_eval_score(ev, NG_EVAL_PRIMARY, &r);
 *     printf("F1 %.3f\n", r.all.f1);
 *     ng_eval_free(ev);
 */
#ifndef NEWSGRAPH_EVAL_H
#define NEWSGRAPH_EVAL_H

#include <newsgraph/error.h>
#include <newsgraph/graph.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ng_eval ng_eval;

typedef enum ng_eval_mode {
    NG_EVAL_PRIMARY, /* a triple is correct if the graph has it */
    NG_EVAL_STRICT   /* ... with the same modality as the gold */
} ng_eval_mode;

/* Counts of triples and the figures derived from them. The figures are
 * not rounded; each is 0 when its denominator is. */
typedef struct ng_eval_counts {
    long tp; /* in the gold and in the graph */
    long fp; /* in the graph only */
    long fn; /* in the gold only */
    double precision;
    double recall;
    double f1;
} ng_eval_counts;

/* Filled by ng_eval_score; the caller allocates it. */
typedef struct ng_eval_result {
    ng_eval_counts relation[NG_RELATION_COUNT]; /* indexed by ng_relation */
    ng_eval_counts all; /* every triple, including relations outside the four */
    long duplicate_nodes;
} ng_eval_result;

typedef enum ng_eval_verdict {
    NG_EVAL_MISSED,   /* in the gold, not in the graph */
    NG_EVAL_SPURIOUS, /* in the graph, not in the gold */
    NG_EVAL_MODALITY  /* in both, with different modalities (strict mode) */
} ng_eval_verdict;

/* A triple the graph got wrong. The strings are borrowed from the ng_eval
 * and stay valid until ng_eval_free. NULL stands where the reference
 * scorer shows None: a relation or modality given as null, or a side
 * that lacks the triple. */
typedef struct ng_eval_difference {
    ng_eval_verdict verdict;
    const char *doc;
    const char *source; /* gold entity names, or "?" and the node's label */
    const char *relation;
    const char *target;
    const char *gold_modality;
    const char *system_modality;
} ng_eval_difference;

/* Receives a difference, valid during the call only. Returns 0 to go on,
 * anything else to stop. */
typedef int (*ng_eval_difference_fn)(const ng_eval_difference *difference, void *user);

/* Reads the gold annotations and the graph and matches them. Either path
 * may be "-" for standard input. Returns a new ng_eval owned by the caller
 * (ng_eval_free), or NULL with err set: NG_ERR_NOT_FOUND or NG_ERR_IO
 * (err names the file), NG_ERR_PARSE for malformed input (a gold line
 * that is not JSON, a member of the wrong type: err gives the file, the
 * line, and the path of the value, such as "relations[2].source"),
 * NG_ERR_NOMEM. */
ng_eval *ng_eval_load(const char *gold_path, const char *graph_path, ng_error *err);

/* Fills `out` with the scores. Cannot fail. */
void ng_eval_score(const ng_eval *ev, ng_eval_mode mode, ng_eval_result *out);

/* Calls `fn` for every triple that is missed, spurious or (in strict mode)
 * of the wrong modality, sorted by document, source, relation and target
 * (byte order, which is code point order), as the reference lists them
 * with --verbose. As there, an empty or null modality counts as none: a
 * triple is only passed over when both sides have a modality (the same
 * one, in strict mode); the verdict is MISSED when the graph's is NULL,
 * else SPURIOUS when the gold's is, else MODALITY. Returns 0, or the
 * first nonzero value `fn` returned. */
int ng_eval_foreach_difference(const ng_eval *ev, ng_eval_mode mode, ng_eval_difference_fn fn,
                               void *user);

/* A short static name: "MISSED", "SPURIOUS", "MODALITY"; NULL if out of range. */
const char *ng_eval_verdict_name(ng_eval_verdict verdict);

void ng_eval_free(ng_eval *ev);

#ifdef __cplusplus
}
#endif

#endif
