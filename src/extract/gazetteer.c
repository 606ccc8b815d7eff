#include "extract/gazetteer.h"

#include <stdlib.h>
#include <string.h>

#include "graph/intern.h"
#include "util/buf.h"
#include "util/fail.h"
#include "util/strmap.h"

/* The phrases form a trie: a phrase is a node, reached from the phrase
 * one token shorter (the root for one-token phrases) by an edge labelled
 * with its last token's word. Every norm that occurs in a phrase is a
 * word of the vocabulary, numbered from 1; the tokenizer gives each token
 * its norm's number (ng_token.vocab_id) once per spelling, so matching
 * walks the trie by small integers: no key is built, hashed or compared
 * byte by byte, and a token without a number (most of them) ends every
 * walk at once. A phrase is the node's targets; a node without any is
 * only the beginning of longer phrases. */
typedef struct ng_gaz_phrase {
    ng_gaz_target *targets;
    size_t count, cap;
    int is_prefix;
    unsigned roles; /* NG_GAZ_BIT of every target's role */
} phrase;

/* An edge: from the node of `code` (node * 2 + whether a space joins the
 * word to the key before it; 0 from the root) by word `word` to `node`
 * (0: an empty slot). The rule of matching is that of phrase keys, the
 * norms joined by spaces, a possessive clinging to its word ("russia's"):
 * the codes keep it. Edges from the root are also in `first`, by word. */
typedef struct edge {
    uint32_t code, word, node;
} edge;

/* Matching stops where a phrase key (norms joined by spaces, a possessive
 * clinging to its word) would reach this length: no longer phrase ever
 * matched. */
#define MAX_KEY 512

struct ng_gazetteer {
    ng_intern keys;
    ng_strmap vocab;    /* norm (in keys) -> its word number, as a uintptr_t */
    uint32_t *first;    /* first[word]: the node it leads to from the root, or 0 */
    size_t word_count;  /* words are 1 .. word_count */
    size_t first_cap;
    phrase *nodes; /* nodes[0] is the root */
    size_t node_count, node_cap;
    edge *edges;
    size_t edge_count, edge_cap; /* a power of two */
    size_t max_tokens;
    ng_tokens scratch;
};

#define EDGE_MUL 0x9e3779b97f4a7c15u

static inline size_t edge_slot(uint32_t code, uint32_t word, size_t mask)
{
    return (size_t)((((uint64_t)code << 32 | word) * EDGE_MUL) >> 32) & mask;
}

/* The code of the edge that token `tok` takes from node `from`, reached
 * by a key of `len` bytes. While the key is empty (the norms so far were
 * all empty), edges leave from the root: an empty norm adds nothing to a
 * key. */
static inline uint32_t edge_code(uint32_t from, size_t len, const ng_token *tok)
{
    return len ? from * 2 + !(tok->flags & NG_TOKEN_POSSESSIVE) : 0;
}

/* The node that word `word` (not 0) leads to from the node of `code`, or 0. */
static inline uint32_t find_edge(const ng_gazetteer *g, uint32_t code, uint32_t word)
{
    if (code == 0)
        return g->first[word];
    if (!g->edge_cap)
        return 0;
    size_t mask = g->edge_cap - 1;
    for (size_t i = edge_slot(code, word, mask);; i = (i + 1) & mask) {
        const edge *e = &g->edges[i];
        if (!e->node || (e->code == code && e->word == word))
            return e->node;
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
        size_t k = edge_slot(e->code, e->word, cap - 1);
        while (edges[k].node)
            k = (k + 1) & (cap - 1);
        edges[k] = *e;
    }
    free(g->edges);
    g->edges = edges;
    g->edge_cap = cap;
    return 0;
}

/* The number of the token's norm, added to the vocabulary if new; 0 if
 * out of memory. */
static uint32_t word_of(ng_gazetteer *g, const ng_token *tok)
{
    void *known = ng_strmap_get_hashed(&g->vocab, tok->norm, tok->norm_len, tok->norm_hash);
    if (known)
        return (uint32_t)(uintptr_t)known;
    void *first = g->first;
    if (g->word_count >= UINT32_MAX - 1 ||
        ng_array_grow(&first, &g->first_cap, g->word_count + 2, sizeof *g->first) != 0)
        return 0;
    g->first = first;
    g->first[g->word_count + 1] = 0;
    const char *norm = ng_intern_bytes(&g->keys, tok->norm, tok->norm_len);
    uint32_t word = (uint32_t)g->word_count + 1;
    if (!norm || ng_strmap_put(&g->vocab, norm, tok->norm_len, (void *)(uintptr_t)word) != 0)
        return 0;
    g->word_count++;
    return word;
}

/* A new node, reached from the node of `code` by `word`; 0 if out of
 * memory. */
static uint32_t add_node(ng_gazetteer *g, uint32_t code, uint32_t word)
{
    void *nodes = g->nodes;
    if (g->node_count >= UINT32_MAX / 2 - 1 ||
        ng_array_grow(&nodes, &g->node_cap, (g->node_count ? g->node_count : 1) + 1,
                      sizeof *g->nodes) != 0)
        return 0;
    g->nodes = nodes;
    if (!g->node_count)
        g->nodes[g->node_count++] = (phrase){0}; /* the root */
    uint32_t node = (uint32_t)g->node_count++;
    g->nodes[node] = (phrase){0};
    if (code == 0) {
        g->first[word] = node;
        return node;
    }
    if ((g->edge_count + 1) * 2 > g->edge_cap && grow_edges(g) != 0)
        return 0;
    size_t mask = g->edge_cap - 1, i = edge_slot(code, word, mask);
    while (g->edges[i].node)
        i = (i + 1) & mask;
    g->edges[i] = (edge){code, word, node};
    g->edge_count++;
    return node;
}

/* The node that token `tok` leads to from the node of `code`, added if
 * new; 0 if out of memory. */
static uint32_t node_at(ng_gazetteer *g, uint32_t code, const ng_token *tok)
{
    uint32_t word = word_of(g, tok);
    if (!word)
        return 0;
    uint32_t found = find_edge(g, code, word);
    return found ? found : add_node(g, code, word);
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

/* The length of the phrase key that the tokens make: their norms joined
 * as edge_code says. */
static size_t key_length(const ng_tokens *t)
{
    size_t len = 0;
    for (size_t i = 0; i < t->count; i++)
        len += (edge_code(1, len, &t->items[i]) & 1) + t->items[i].norm_len;
    return len;
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
    if (g->scratch.count > g->max_tokens)
        g->max_tokens = g->scratch.count;
    /* Such a phrase is never matched: leaving it out of the trie spares
     * the scan from measuring keys. */
    if (key_length(&g->scratch) >= MAX_KEY)
        return 0;
    uint32_t node = 0;
    size_t len = 0;
    for (size_t i = 0; i < g->scratch.count; i++) {
        const ng_token *tok = &g->scratch.items[i];
        if (i > 0)
            g->nodes[node].is_prefix = 1;
        uint32_t code = edge_code(node, len, tok);
        len += tok->norm_len;
        node = node_at(g, code, tok);
        if (!node)
            return NG_ERR_NOMEM;
    }
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
    if (g && !(g->first = calloc(1, sizeof *g->first))) { /* first[0]: no word */
        free(g);
        g = NULL;
    }
    if (g)
        g->first_cap = 1;
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

const ng_strmap *ng_gazetteer_vocab(const ng_gazetteer *g)
{
    return &g->vocab;
}

void ng_gazetteer_free(ng_gazetteer *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->node_count; i++)
        free(g->nodes[i].targets);
    free(g->nodes);
    free(g->edges);
    free(g->first);
    ng_strmap_free(&g->vocab);
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

/* The word number of a token: its own if the tokens were made with this
 * gazetteer's vocabulary (`own`), else looked up; 0 if no phrase has it. */
static inline uint32_t word_at(const ng_gazetteer *g, const ng_token *tok, int own)
{
    if (own)
        return tok->vocab_id;
    return (uint32_t)(uintptr_t)ng_strmap_get_hashed(&g->vocab, tok->norm, tok->norm_len,
                                                    tok->norm_hash);
}

/* Adds a hit of `length` tokens on phrase `p`. */
static int add_hit(ng_gaz_hits *out, size_t length, const phrase *p)
{
    if (out->count == out->cap) {
        void *items = out->items;
        if (ng_array_grow(&items, &out->cap, out->count + 1, sizeof *out->items) != 0)
            return NG_ERR_NOMEM;
        out->items = items;
    }
    out->items[out->count++] = (ng_gaz_hit){length, p};
    return 0;
}

/* Appends the hits of the phrases that start at token i, whose word leads
 * from the root to `node`; adds their roles to *roles. Every phrase key
 * is shorter than MAX_KEY (add_phrase), so the walk needs not measure
 * its key: only know whether it is still empty (edge_code). */
static int scan_from(const ng_gazetteer *g, const ng_tokens *tokens, size_t i, uint32_t node,
                     int own, ng_gaz_hits *out, unsigned *roles)
{
    size_t last = tokens->count - i < g->max_tokens ? tokens->count : i + g->max_tokens;
    size_t len = tokens->items[i].norm_len;
    for (size_t k = i + 1;; k++) {
        const phrase *p = &g->nodes[node];
        if (p->count) {
            if (add_hit(out, k - i, p) != 0)
                return NG_ERR_NOMEM;
            *roles |= p->roles;
        }
        if (!p->is_prefix || k >= last)
            return 0;
        const ng_token *tok = &tokens->items[k];
        uint32_t word = word_at(g, tok, own);
        if (!word || !(node = find_edge(g, edge_code(node, len, tok), word)))
            return 0;
        len += tok->norm_len;
    }
}

int ng_gazetteer_scan(const ng_gazetteer *g, const ng_tokens *tokens, ng_gaz_hits *out)
{
    out->tokens = tokens;
    out->count = 0;
    void *starts = out->starts;
    if (ng_array_grow(&starts, &out->start_cap, tokens->count + 1, sizeof *out->starts) != 0)
        return NG_ERR_NOMEM;
    out->starts = starts;
    /* Locals, so that the stores into starts need not reload them. */
    ng_gaz_start *start = out->starts;
    const ng_token *tok = tokens->items;
    size_t n = tokens->count;
    int own = tokens->vocab == &g->vocab;
    for (size_t i = 0; i < n; i++) {
        /* Most tokens are no word of the dictionary's, or begin no phrase:
         * their node is 0, and no walk starts. */
        uint32_t node = g->first[word_at(g, &tok[i], own)];
        unsigned roles = 0;
        start[i].first = out->count;
        if (node && scan_from(g, tokens, i, node, own, out, &roles) != 0)
            return NG_ERR_NOMEM;
        start[i].roles = roles;
    }
    start[n] = (ng_gaz_start){out->count, 0};
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
