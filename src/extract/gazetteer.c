#include "extract/gazetteer.h"

#include <stdlib.h>
#include <string.h>

#include "graph/intern.h"
#include "util/buf.h"
#include "util/fail.h"

/* The phrases form a trie: a phrase is a node, reached from the phrase
 * one token shorter (the root for one-token phrases) by an edge labelled
 * with its last token's norm. Matching walks it token by token, with the
 * hash every token brings (ng_token.norm_hash), so no key is ever built
 * or hashed whole. A phrase is the node's targets; a node without any is
 * only the beginning of longer phrases. */
typedef struct ng_gaz_phrase {
    ng_gaz_target *targets;
    size_t count, cap;
    int is_prefix;
    unsigned roles;   /* NG_GAZ_BIT of every target's role */
    const char *word; /* its last token's norm (in keys) */
    uint32_t len;     /* and that norm's length */
} phrase;

/* An edge: from the node of `code` (node * 2 + whether a space joins the
 * word to the key before it; 0 from the root) by a word of hash `hash` to
 * `node` (0: an empty slot). The rule of matching is that of phrase keys,
 * the norms joined by spaces, a possessive clinging to its word
 * ("russia's"): the codes keep it. */
typedef struct edge {
    uint32_t code, hash, node;
} edge;

/* Matching stops where a phrase key (norms joined by spaces, a possessive
 * clinging to its word) would reach this length: no longer phrase ever
 * matched. */
#define MAX_KEY 512

/* Filters of 2^16 bits, set by hashes, that turn most tokens away
 * without a probe: `edge_filter` has a bit for every edge (most tokens
 * start no phrase, and most continue none). `start_filter` has one for
 * the last word of every phrase and one for every two words that follow
 * each other in a phrase: a walk from token i finds a phrase only if
 * token i ends one, or if tokens i and i + 1 follow each other in one.
 * That turns away the common words that only begin phrases ("the", "in",
 * "said") when the next word does not go on with them. */
#define FILTER_BITS 16
#define WORD_MUL 0xd6e8feb86659fd93u
#define PAIR_MUL 0xa0761d6478bd642fu

struct ng_gazetteer {
    ng_intern keys;
    phrase *nodes; /* nodes[0] is the root */
    size_t node_count, node_cap;
    edge *edges;
    size_t edge_count, edge_cap; /* a power of two */
    uint64_t edge_filter[(1u << FILTER_BITS) / 64];
    uint64_t start_filter[(1u << FILTER_BITS) / 64];
    size_t max_tokens;
    ng_tokens scratch;
};

#define EDGE_MUL 0x9e3779b97f4a7c15u

static inline uint64_t edge_mix(uint32_t code, uint32_t hash)
{
    return ((uint64_t)code << 32 | hash) * EDGE_MUL;
}

/* The code of the edge that token `tok` takes from node `from`, reached
 * by a key of `len` bytes. While the key is empty (the norms so far were
 * all empty), edges leave from the root: an empty norm adds nothing to a
 * key. */
static inline uint32_t edge_code(uint32_t from, size_t len, const ng_token *tok)
{
    return len ? from * 2 + !(tok->flags & NG_TOKEN_POSSESSIVE) : 0;
}

/* The bit of a filter that a mixed hash (a product by an odd constant)
 * sets: its top bits, which depend on all of the product's input. */
static inline int filter_has(const uint64_t *filter, uint64_t mix)
{
    uint64_t bit = mix >> (64 - FILTER_BITS);
    return (filter[bit / 64] >> (bit % 64)) & 1;
}

static inline void filter_set(uint64_t *filter, uint64_t mix)
{
    uint64_t bit = mix >> (64 - FILTER_BITS);
    filter[bit / 64] |= (uint64_t)1 << (bit % 64);
}

static inline uint64_t word_mix(uint32_t hash)
{
    return hash * WORD_MUL;
}

static inline uint64_t pair_mix(uint32_t first, uint32_t second)
{
    return ((uint64_t)first << 32 | second) * PAIR_MUL;
}

/* The node that the word norm[0, len) of hash `hash` leads to from the node
 * of `code`, or 0. */
static inline uint32_t find_edge(const ng_gazetteer *g, uint32_t code, const char *norm,
                                 uint32_t len, uint32_t hash)
{
    uint64_t mix = edge_mix(code, hash);
    if (!filter_has(g->edge_filter, mix))
        return 0;
    size_t mask = g->edge_cap - 1;
    for (size_t i = (size_t)(mix >> 32) & mask;; i = (i + 1) & mask) {
        const edge *e = &g->edges[i];
        if (!e->node)
            return 0;
        if (e->code == code && e->hash == hash) {
            const phrase *p = &g->nodes[e->node];
            if (p->len == len && ng_bytes_equal(p->word, norm, len))
                return e->node;
        }
    }
}

static int grow_edges(ng_gazetteer *g)
{
    size_t cap = g->edge_cap ? g->edge_cap * 2 : 1024;
    edge *edges = calloc(cap, sizeof *edges);
    if (!edges)
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < g->edge_cap; i++) {
        const edge *e = &g->edges[i];
        if (!e->node)
            continue;
        size_t k = (size_t)(edge_mix(e->code, e->hash) >> 32) & (cap - 1);
        while (edges[k].node)
            k = (k + 1) & (cap - 1);
        edges[k] = *e;
    }
    free(g->edges);
    g->edges = edges;
    g->edge_cap = cap;
    return 0;
}

/* The node that token `tok` leads to from the node of `code`, added if
 * new; 0 if out of memory. */
static uint32_t node_at(ng_gazetteer *g, uint32_t code, const ng_token *tok)
{
    uint32_t found = g->edge_cap ? find_edge(g, code, tok->norm, tok->norm_len, tok->norm_hash)
                                 : 0;
    if (found)
        return found;
    if ((g->edge_count + 1) * 2 > g->edge_cap && grow_edges(g) != 0)
        return 0;
    void *nodes = g->nodes;
    if (g->node_count >= UINT32_MAX / 2 - 1 ||
        ng_array_grow(&nodes, &g->node_cap, (g->node_count ? g->node_count : 1) + 1,
                      sizeof *g->nodes) != 0)
        return 0;
    g->nodes = nodes;
    if (!g->node_count)
        g->nodes[g->node_count++] = (phrase){0}; /* the root */
    const char *word = ng_intern_bytes(&g->keys, tok->norm, tok->norm_len);
    if (!word)
        return 0;
    uint32_t node = (uint32_t)g->node_count++;
    g->nodes[node] = (phrase){.word = word, .len = tok->norm_len};
    uint64_t mix = edge_mix(code, tok->norm_hash);
    size_t mask = g->edge_cap - 1, i = (size_t)(mix >> 32) & mask;
    while (g->edges[i].node)
        i = (i + 1) & mask;
    g->edges[i] = (edge){code, tok->norm_hash, node};
    g->edge_count++;
    filter_set(g->edge_filter, mix);
    return node;
}

static int add_target(phrase *p, ng_gaz_target target)
{
    for (size_t i = 0; i < p->count; i++)
        if (p->targets[i].entry == target.entry && p->targets[i].role == target.role)
            return 0;
    void *items = p->targets;
    if (ng_array_grow(&items, &p->cap, p->count + 1, sizeof *p->targets) != 0)
        return NG_ERR_NOMEM;
    p->targets = items;
    p->targets[p->count++] = target;
    p->roles |= NG_GAZ_BIT(target.role);
    return 0;
}

/* Whether every word of the phrase is in short capitals ("US", "U.N."). */
static int is_acronym(const ng_tokens *t)
{
    size_t letters = 0;
    for (size_t i = 0; i < t->count; i++) {
        const ng_token *tok = &t->items[i];
        if (!(tok->flags & NG_TOKEN_WORD))
            continue;
        if (!(tok->flags & NG_TOKEN_UPPER))
            return 0;
        for (const char *c = tok->norm; *c; c++)
            letters += *c != '.';
    }
    return letters > 0 && letters <= 3;
}

/* Indexes one phrase of the dictionary: its tokens' path in the trie. */
static int add_phrase(ng_gazetteer *g, const char *text, const ng_dict_entry *entry,
                      ng_gaz_role role)
{
    ng_span all = {0, strlen(text)};
    if (ng_tokenize(text, all, &g->scratch) != 0)
        return NG_ERR_NOMEM;
    if (g->scratch.count == 0)
        return 0;
    uint32_t node = 0;
    size_t len = 0;
    for (size_t i = 0; i < g->scratch.count; i++) {
        const ng_token *tok = &g->scratch.items[i];
        if (i > 0)
            g->nodes[node].is_prefix = 1;
        uint32_t code = edge_code(node, len, tok);
        len += (code & 1) + tok->norm_len;
        node = node_at(g, code, tok);
        if (!node)
            return NG_ERR_NOMEM;
        if (i > 0)
            filter_set(g->start_filter, pair_mix(tok[-1].norm_hash, tok->norm_hash));
    }
    filter_set(g->start_filter, word_mix(g->scratch.items[g->scratch.count - 1].norm_hash));
    if (g->scratch.count > g->max_tokens)
        g->max_tokens = g->scratch.count;
    ng_gaz_target target = {entry, role, is_acronym(&g->scratch)};
    return add_target(&g->nodes[node], target);
}

static int add_values(ng_gazetteer *g, const ng_dict_entry *e, const char *key,
                      ng_gaz_role role)
{
    const char *const *values;
    size_t n = ng_dict_values(e, key, &values);
    for (size_t i = 0; i < n; i++)
        if (add_phrase(g, values[i], e, role) != 0)
            return NG_ERR_NOMEM;
    return 0;
}

static int add_entry(ng_gazetteer *g, const ng_dict_entry *e)
{
    switch (e->kind) {
    case NG_DICT_PERSON:
    case NG_DICT_COUNTRY:
    case NG_DICT_ORGANIZATION:
    case NG_DICT_PLACE:
        return add_phrase(g, e->name, e, NG_GAZ_NAME) || add_values(g, e, "alias", NG_GAZ_NAME) ||
               add_values(g, e, "demonym", NG_GAZ_DEMONYM) ||
               add_values(g, e, "capital", NG_GAZ_CAPITAL) ||
               add_values(g, e, "metonym", NG_GAZ_METONYM);
    case NG_DICT_TITLE:
        return add_phrase(g, e->name, e, NG_GAZ_TITLE) || add_values(g, e, "alias", NG_GAZ_TITLE);
    case NG_DICT_SUFFIX:
        return add_phrase(g, e->name, e, NG_GAZ_SUFFIX) || add_values(g, e, "alias", NG_GAZ_SUFFIX);
    case NG_DICT_TRIGGER:
        return add_values(g, e, "verb", NG_GAZ_VERB) || add_values(g, e, "noun", NG_GAZ_NOUN);
    case NG_DICT_MODALITY:
        return add_phrase(g, e->name, e, NG_GAZ_MODALITY) ||
               add_values(g, e, "alias", NG_GAZ_MODALITY);
    }
    return 0;
}

ng_gazetteer *ng_gazetteer_new(const ng_dict *dict, ng_error *err)
{
    ng_gazetteer *g = calloc(1, sizeof *g);
    if (!g) {
        ng_fail_nomem(err);
        return NULL;
    }
    for (size_t i = 0; i < ng_dict_count(dict); i++) {
        if (add_entry(g, ng_dict_at(dict, i)) != 0) {
            ng_gazetteer_free(g);
            ng_fail_nomem(err);
            return NULL;
        }
    }
    return g;
}

void ng_gazetteer_free(ng_gazetteer *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->node_count; i++)
        free(g->nodes[i].targets);
    free(g->nodes);
    free(g->edges);
    ng_intern_free(&g->keys);
    ng_tokens_free(&g->scratch);
    free(g);
}

static int case_fits(const ng_gaz_target *t, const ng_tokens *tokens, size_t i, size_t len)
{
    if (t->acronym) {
        for (size_t k = i; k < i + len; k++) {
            unsigned f = tokens->items[k].flags;
            if ((f & NG_TOKEN_WORD) && !(f & NG_TOKEN_UPPER))
                return 0;
        }
        return 1;
    }
    if (NG_GAZ_BIT(t->role) & NG_GAZ_ENTITY_ROLES)
        return (tokens->items[i].flags & (NG_TOKEN_CAPITAL | NG_TOKEN_NUMBER)) != 0;
    return 1;
}

/* Keeps the targets of `p` that the caller asked for and whose case fits. */
static size_t select_targets(const phrase *p, const ng_tokens *tokens, size_t i, size_t len,
                             unsigned roles, ng_gaz_match *out)
{
    size_t n = 0;
    for (size_t k = 0; k < p->count && n < NG_GAZ_MAX_TARGETS; k++) {
        const ng_gaz_target *t = &p->targets[k];
        if ((NG_GAZ_BIT(t->role) & roles) && case_fits(t, tokens, i, len))
            out->targets[n++] = *t;
    }
    return n;
}

/* Appends the hits of the phrases that start at token i; adds their
 * roles to *roles. */
static int scan_from(const ng_gazetteer *g, const ng_tokens *tokens, size_t i, ng_gaz_hits *out,
                     unsigned *roles)
{
    size_t last = tokens->count - i < g->max_tokens ? tokens->count : i + g->max_tokens;
    uint32_t node = 0;
    size_t len = 0; /* of the key: the norms, joined as edge_code says */
    for (size_t k = i; k < last; k++) {
        const ng_token *tok = &tokens->items[k];
        uint32_t code = edge_code(node, len, tok);
        len += (code & 1) + tok->norm_len;
        if (len >= MAX_KEY)
            break;
        node = find_edge(g, code, tok->norm, tok->norm_len, tok->norm_hash);
        if (!node)
            break;
        const phrase *p = &g->nodes[node];
        if (p->count) {
            if (out->count == out->cap) {
                void *items = out->items;
                if (ng_array_grow(&items, &out->cap, out->count + 1, sizeof *out->items) != 0)
                    return NG_ERR_NOMEM;
                out->items = items;
            }
            out->items[out->count++] = (ng_gaz_hit){k - i + 1, p};
            *roles |= p->roles;
        }
        if (!p->is_prefix)
            break;
    }
    return 0;
}

/* Whether a phrase may start at token i, by the filters: most tokens
 * start none. An empty norm is let through, since after it the walk goes
 * on from the root (edge_code), with words the filters did not pair. */
static inline int may_start(const ng_gazetteer *g, const ng_tokens *tokens, size_t i)
{
    const ng_token *tok = &tokens->items[i];
    if (!filter_has(g->edge_filter, edge_mix(0, tok->norm_hash)))
        return 0;
    return tok->norm_len == 0 || filter_has(g->start_filter, word_mix(tok->norm_hash)) ||
           (i + 1 < tokens->count &&
            filter_has(g->start_filter, pair_mix(tok->norm_hash, tok[1].norm_hash)));
}

int ng_gazetteer_scan(const ng_gazetteer *g, const ng_tokens *tokens, ng_gaz_hits *out)
{
    out->tokens = tokens;
    out->count = 0;
    void *starts = out->starts;
    if (ng_array_grow(&starts, &out->start_cap, tokens->count + 1, sizeof *out->starts) != 0)
        return NG_ERR_NOMEM;
    out->starts = starts;
    for (size_t i = 0; i < tokens->count; i++) {
        unsigned roles = 0;
        out->starts[i].first = out->count;
        if (may_start(g, tokens, i) && scan_from(g, tokens, i, out, &roles) != 0)
            return NG_ERR_NOMEM;
        out->starts[i].roles = roles;
    }
    out->starts[tokens->count] = (ng_gaz_start){out->count, 0};
    return 0;
}

void ng_gaz_hits_free(ng_gaz_hits *hits)
{
    free(hits->starts);
    free(hits->items);
    *hits = (ng_gaz_hits){0};
}

int ng_gazetteer_select(const ng_gaz_hits *hits, size_t i, unsigned roles, ng_gaz_match *out)
{
    /* Hits are shortest first: the longest that has a target wins. */
    for (size_t h = hits->starts[i + 1].first; h-- > hits->starts[i].first;) {
        const ng_gaz_hit *hit = &hits->items[h];
        if (!(hit->phrase->roles & roles))
            continue;
        out->count = select_targets(hit->phrase, hits->tokens, i, hit->length, roles, out);
        if (out->count > 0) {
            out->length = hit->length;
            return 1;
        }
    }
    return 0;
}

const ng_gaz_target *ng_gaz_find(const ng_gaz_match *m, unsigned roles)
{
    for (size_t i = 0; i < m->count; i++)
        if (NG_GAZ_BIT(m->targets[i].role) & roles)
            return &m->targets[i];
    return NULL;
}
