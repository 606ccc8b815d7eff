#include "extract/gazetteer.h"

#include <stdlib.h>
#include <string.h>

#include "graph/intern.h"
#include "util/buf.h"
#include "util/fail.h"
#include "util/strmap.h"

/* A phrase of the dictionary, or only the beginning of longer ones (no
 * targets), or both. */
typedef struct ng_gaz_phrase {
    ng_gaz_target *targets;
    size_t count, cap;
    int is_prefix;
} phrase;

struct ng_gazetteer {
    ng_intern keys;
    ng_strmap phrases; /* key of every phrase and every proper prefix -> phrase */
    size_t max_tokens;
    ng_tokens scratch;
    ng_buf key;
};

/* Appends token i's part of a phrase key: norms are separated by spaces,
 * except that a possessive clings to its word ("russia's"). */
static int append_key(ng_buf *key, const ng_tokens *t, size_t i)
{
    const ng_token *tok = &t->items[i];
    if (key->len && !(tok->flags & NG_TOKEN_POSSESSIVE) && ng_buf_putc(key, ' ') != 0)
        return NG_ERR_NOMEM;
    return ng_buf_append_str(key, tok->norm);
}

/* The phrase stored under key, added if new; NULL if out of memory. */
static phrase *phrase_at(ng_gazetteer *g, const char *key, size_t len)
{
    phrase *p = ng_strmap_get(&g->phrases, key, len);
    if (p)
        return p;
    const char *stored = ng_intern_bytes(&g->keys, key, len);
    p = calloc(1, sizeof *p);
    if (!stored || !p || ng_strmap_put(&g->phrases, stored, len, p) != 0) {
        free(p);
        return NULL;
    }
    return p;
}

static int add_target(ng_gazetteer *g, const char *key, size_t len, ng_gaz_target target)
{
    phrase *p = phrase_at(g, key, len);
    if (!p)
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < p->count; i++)
        if (p->targets[i].entry == target.entry && p->targets[i].role == target.role)
            return 0;
    void *items = p->targets;
    if (ng_array_grow(&items, &p->cap, p->count + 1, sizeof *p->targets) != 0)
        return NG_ERR_NOMEM;
    p->targets = items;
    p->targets[p->count++] = target;
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

/* Indexes one phrase of the dictionary under its tokens' key. */
static int add_phrase(ng_gazetteer *g, const char *text, const ng_dict_entry *entry,
                      ng_gaz_role role)
{
    ng_span all = {0, strlen(text)};
    if (ng_tokenize(text, all, &g->scratch) != 0)
        return NG_ERR_NOMEM;
    if (g->scratch.count == 0)
        return 0;
    ng_buf_clear(&g->key);
    for (size_t i = 0; i < g->scratch.count; i++) {
        if (i > 0) {
            phrase *prefix = phrase_at(g, g->key.data, g->key.len);
            if (!prefix)
                return NG_ERR_NOMEM;
            prefix->is_prefix = 1;
        }
        if (append_key(&g->key, &g->scratch, i) != 0)
            return NG_ERR_NOMEM;
    }
    if (g->scratch.count > g->max_tokens)
        g->max_tokens = g->scratch.count;
    ng_gaz_target target = {entry, role, is_acronym(&g->scratch)};
    return add_target(g, g->key.data, g->key.len, target);
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
    for (size_t i = 0; i < g->phrases.cap; i++) {
        phrase *p = g->phrases.slots[i].key ? g->phrases.slots[i].value : NULL;
        if (p) {
            free(p->targets);
            free(p);
        }
    }
    ng_strmap_free(&g->phrases);
    ng_intern_free(&g->keys);
    ng_tokens_free(&g->scratch);
    ng_buf_free(&g->key);
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

/* Appends the hits of the phrases that start at token i. */
static int scan_from(const ng_gazetteer *g, const ng_tokens *tokens, size_t i, ng_gaz_hits *out)
{
    /* A fixed buffer keeps matching free of allocation; keys longer than
     * any phrase cannot match anyway. */
    char key[512];
    size_t len = 0;
    for (size_t k = i; k < tokens->count && k - i < g->max_tokens; k++) {
        const ng_token *tok = &tokens->items[k];
        size_t n = tok->norm_len;
        const phrase *p;
        if (k == i) {
            /* Most tokens start no phrase: look the first one up by the
             * hash its spelling already has, and copy it only if it does. */
            p = ng_strmap_get_hashed(&g->phrases, tok->norm, n, tok->norm_hash);
            if (!p || n >= sizeof key)
                break;
            memcpy(key, tok->norm, n);
            len = n;
        } else {
            int space = len && !(tok->flags & NG_TOKEN_POSSESSIVE);
            if (len + space + n >= sizeof key)
                break;
            if (space)
                key[len++] = ' ';
            memcpy(key + len, tok->norm, n);
            len += n;
            p = ng_strmap_get(&g->phrases, key, len);
        }
        if (!p)
            break;
        if (p->count) {
            void *items = out->items;
            if (ng_array_grow(&items, &out->cap, out->count + 1, sizeof *out->items) != 0)
                return NG_ERR_NOMEM;
            out->items = items;
            out->items[out->count++] = (ng_gaz_hit){k - i + 1, p};
        }
        if (!p->is_prefix)
            break;
    }
    return 0;
}

int ng_gazetteer_scan(const ng_gazetteer *g, const ng_tokens *tokens, ng_gaz_hits *out)
{
    out->tokens = tokens;
    out->count = 0;
    void *first = out->first;
    if (ng_array_grow(&first, &out->first_cap, tokens->count + 1, sizeof *out->first) != 0)
        return NG_ERR_NOMEM;
    out->first = first;
    for (size_t i = 0; i < tokens->count; i++) {
        out->first[i] = out->count;
        if (scan_from(g, tokens, i, out) != 0)
            return NG_ERR_NOMEM;
    }
    out->first[tokens->count] = out->count;
    return 0;
}

void ng_gaz_hits_free(ng_gaz_hits *hits)
{
    free(hits->first);
    free(hits->items);
    *hits = (ng_gaz_hits){0};
}

int ng_gazetteer_match(const ng_gaz_hits *hits, size_t i, unsigned roles, ng_gaz_match *out)
{
    out->length = out->count = 0;
    const ng_tokens *tokens = hits->tokens;
    if (i >= tokens->count)
        return 0;
    for (size_t h = hits->first[i]; h < hits->first[i + 1]; h++) {
        const ng_gaz_hit *hit = &hits->items[h];
        ng_gaz_match found;
        found.count = select_targets(hit->phrase, tokens, i, hit->length, roles, &found);
        if (found.count > 0) {
            found.length = hit->length;
            *out = found;
        }
    }
    return out->length > 0;
}

const ng_gaz_target *ng_gaz_find(const ng_gaz_match *m, unsigned roles)
{
    for (size_t i = 0; i < m->count; i++)
        if (NG_GAZ_BIT(m->targets[i].role) & roles)
            return &m->targets[i];
    return NULL;
}
