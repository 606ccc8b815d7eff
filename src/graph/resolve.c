/* Resolving what a user typed to an entity (see ng_query_resolve).
 *
 * The exact and folded matches come from the graph's name index in one
 * probe. Prefixes and misspellings need a look at every name, so they
 * share one pass, in which each entity keeps its best score; the pass is
 * linear in the total length of the names, since the edit distance is
 * bounded and computed in rows of the length of the typed name. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include <newsgraph/query.h>

#include "util/buf.h"
#include "util/fail.h"
#include "util/names.h"

/* The entities that match best so far, with how well (lower is better). */
typedef struct matches {
    const ng_entity **items;
    size_t count, cap;
    size_t best;
} matches;

static int offer(matches *m, const ng_entity *e, size_t score)
{
    if (score > m->best)
        return 0;
    if (score < m->best)
        m->count = 0;
    m->best = score;
    void *items = m->items;
    if (ng_array_grow(&items, &m->cap, m->count + 1, sizeof *m->items) != 0)
        return NG_ERR_NOMEM;
    m->items = items;
    m->items[m->count++] = e;
    return 0;
}

/* --- exact and folded ----------------------------------------------------- */

enum { EXACT_LABEL, EXACT_ALIAS, FOLDED_LABEL, FOLDED_ALIAS };

static int folds_to(const char *s, const char *key, ng_buf *scratch)
{
    ng_buf_clear(scratch);
    return ng_name_fold(s, strlen(s), scratch) == 0 && strcmp(ng_buf_cstr(scratch), key) == 0;
}

/* How `e`, one of the entities whose names fold to `key`, matches `name`. */
static size_t exact_rank(const ng_entity *e, const char *name, const char *key, ng_buf *scratch)
{
    if (strcmp(ng_entity_label(e), name) == 0)
        return EXACT_LABEL;
    for (size_t i = 0; i < ng_entity_alias_count(e); i++)
        if (strcmp(ng_entity_alias_at(e, i), name) == 0)
            return EXACT_ALIAS;
    if (folds_to(ng_entity_label(e), key, scratch) || folds_to(ng_entity_id(e), key, scratch))
        return FOLDED_LABEL;
    return FOLDED_ALIAS;
}

static int match_exact(const ng_graph *g, const char *name, const char *key, matches *m)
{
    size_t n = ng_graph_find_all(g, name, NULL, 0);
    if (n == 0)
        return 0;
    const ng_entity **all = malloc(n * sizeof *all);
    if (!all)
        return NG_ERR_NOMEM;
    ng_graph_find_all(g, name, all, n);
    ng_buf scratch = {0};
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = offer(m, all[i], exact_rank(all[i], name, key, &scratch));
    ng_buf_free(&scratch);
    free(all);
    return rc;
}

/* --- prefixes and spelling ------------------------------------------------ */

/* Scratch space for the scan: the typed name and the one compared, as
 * code points, and three rows of the distance table. */
typedef struct speller {
    const char *key;
    size_t key_len;
    int32_t *want;
    size_t want_len, want_cap;
    int32_t *have;
    size_t have_len, have_cap;
    size_t *rows;
    size_t rows_cap;
    size_t bound;    /* the most edits allowed */
    int prefix_seen; /* some name starts with the typed one: spelling is moot */
    ng_buf folded;
} speller;

static int decode(const char *s, size_t len, int32_t **out, size_t *n, size_t *cap)
{
    *n = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                 (utf8proc_ssize_t)(len - i), &cp);
        if (step <= 0) { /* folded names are valid UTF-8; be safe anyway */
            cp = (unsigned char)s[i];
            step = 1;
        }
        void *items = *out;
        if (ng_array_grow(&items, cap, *n + 1, sizeof **out) != 0)
            return NG_ERR_NOMEM;
        *out = items;
        (*out)[(*n)++] = cp;
        i += (size_t)step;
    }
    return 0;
}

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

/* The optimal-string-alignment distance (Damerau-Levenshtein with
 * adjacent transpositions) between sp->want and sp->have, or bound + 1
 * when it is larger than sp->bound. */
static size_t distance(speller *sp)
{
    size_t n = sp->want_len, m = sp->have_len, bound = sp->bound;
    if ((n > m ? n - m : m - n) > bound)
        return bound + 1;
    size_t *prev2 = sp->rows, *prev = prev2 + m + 1, *row = prev + m + 1;
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t row_min = row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t cost = sp->want[i - 1] != sp->have[j - 1];
            row[j] = min3(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && sp->want[i - 1] == sp->have[j - 2] &&
                sp->want[i - 2] == sp->have[j - 1] && prev2[j - 2] + 1 < row[j])
                row[j] = prev2[j - 2] + 1;
            if (row[j] < row_min)
                row_min = row[j];
        }
        if (row_min > bound)
            return bound + 1;
        size_t *t = prev2;
        prev2 = prev, prev = row, row = t;
    }
    return prev[m] <= bound ? prev[m] : bound + 1;
}

/* Scores one name of an entity: whether it starts with the typed name,
 * and how far its spelling is from it. */
static int score_name(speller *sp, const char *name, int *prefix, size_t *best)
{
    ng_buf_clear(&sp->folded);
    if (ng_name_fold(name, strlen(name), &sp->folded) != 0)
        return NG_ERR_NOMEM;
    const char *f = ng_buf_cstr(&sp->folded);
    if (strncmp(f, sp->key, sp->key_len) == 0)
        *prefix = sp->prefix_seen = 1;
    if (sp->prefix_seen || sp->bound == 0)
        return 0;
    if (decode(f, sp->folded.len, &sp->have, &sp->have_len, &sp->have_cap) != 0)
        return NG_ERR_NOMEM;
    void *rows = sp->rows;
    if (ng_array_grow(&rows, &sp->rows_cap, 3 * (sp->have_len + 1), sizeof *sp->rows) != 0)
        return NG_ERR_NOMEM;
    sp->rows = rows;
    size_t d = distance(sp);
    if (d < *best)
        *best = d;
    return 0;
}

/* Offers the entity to `prefixes` if one of its names starts with the
 * typed name, else to `spellings` with its closest distance. */
static int score_entity(speller *sp, const ng_entity *e, matches *prefixes, matches *spellings)
{
    int prefix = 0;
    size_t best = sp->bound + 1;
    int rc = score_name(sp, ng_entity_label(e), &prefix, &best);
    for (size_t i = 0; rc == 0 && i < ng_entity_alias_count(e); i++)
        rc = score_name(sp, ng_entity_alias_at(e, i), &prefix, &best);
    if (rc != 0)
        return rc;
    if (prefix)
        return offer(prefixes, e, 0);
    return best <= sp->bound ? offer(spellings, e, best) : 0;
}

static size_t edit_bound(size_t code_points)
{
    return code_points <= 2 ? 0 : code_points <= 5 ? 1 : 2;
}

static int match_close(const ng_graph *g, const char *key, matches *m)
{
    speller sp = {0};
    sp.key = key;
    sp.key_len = strlen(key);
    matches prefixes = {NULL, 0, 0, SIZE_MAX}, spellings = {NULL, 0, 0, SIZE_MAX};
    int rc = decode(key, sp.key_len, &sp.want, &sp.want_len, &sp.want_cap);
    sp.bound = edit_bound(sp.want_len);
    for (size_t i = 0; rc == 0 && i < ng_graph_entity_count(g); i++)
        rc = score_entity(&sp, ng_graph_entity_at(g, i), &prefixes, &spellings);
    matches *winner = prefixes.count ? &prefixes : &spellings;
    *m = *winner;
    free(winner == &prefixes ? spellings.items : prefixes.items);
    free(sp.want);
    free(sp.have);
    free(sp.rows);
    ng_buf_free(&sp.folded);
    return rc;
}

/* --- the verdict ---------------------------------------------------------- */

static int verdict(const matches *m, const char *name, const ng_entity **found,
                   const ng_entity **candidates, size_t capacity, size_t *count, ng_error *err)
{
    for (size_t i = 0; candidates && i < m->count && i < capacity; i++)
        candidates[i] = m->items[i];
    if (count)
        *count = m->count;
    if (m->count == 1) {
        *found = m->items[0];
        return 0;
    }
    if (m->count == 0)
        return ng_fail(err, NG_ERR_NOT_FOUND, NULL, "no entity is called \"%s\"", name);
    return ng_fail(err, NG_ERR_AMBIGUOUS, NULL, "\"%s\" may be any of %zu entities", name,
                   m->count);
}

int ng_query_resolve(const ng_graph *graph, const char *name, const ng_entity **found,
                     const ng_entity **candidates, size_t capacity, size_t *count,
                     ng_error *err)
{
    if (count)
        *count = 0;
    if (!graph || !name || !found)
        return ng_fail(err, NG_ERR_INVALID, NULL, "nothing to look up");
    *found = NULL;
    ng_buf key = {0};
    matches m = {NULL, 0, 0, SIZE_MAX};
    int rc = ng_name_fold(name, strlen(name), &key);
    if (rc == 0 && key.len > 0)
        rc = match_exact(graph, name, ng_buf_cstr(&key), &m);
    if (rc == 0 && key.len > 0 && m.count == 0)
        rc = match_close(graph, ng_buf_cstr(&key), &m);
    if (rc == 0)
        rc = verdict(&m, name, found, candidates, capacity, count, err);
    else
        ng_fail_nomem(err);
    ng_buf_free(&key);
    free(m.items);
    return rc;
}
