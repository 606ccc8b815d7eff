/* Every phrase of the dictionary, indexed for matching against tokens:
 * names and their aliases, demonyms, capitals and metonyms, titles and
 * suffixes, relation words and modality cues. One lookup per token and
 * phrase length, longest match first. */
#ifndef NG_EXTRACT_GAZETTEER_H
#define NG_EXTRACT_GAZETTEER_H

#include <stddef.h>

#include <newsgraph/error.h>

#include "extract/dict.h"
#include "extract/token.h"

/* What a phrase is to the entry it comes from. */
typedef enum ng_gaz_role {
    NG_GAZ_NAME,     /* the canonical name or an alias of an entity */
    NG_GAZ_DEMONYM,  /* "North Korean": the country, as an adjective */
    NG_GAZ_CAPITAL,  /* "Pyongyang": the city, or the government */
    NG_GAZ_METONYM,  /* "Kremlin": the government */
    NG_GAZ_TITLE,    /* "President", "foreign minister" */
    NG_GAZ_SUFFIX,   /* "Cosmodrome", "Ministry" */
    NG_GAZ_VERB,     /* a relation word used as a verb */
    NG_GAZ_NOUN,     /* a relation word used as a noun */
    NG_GAZ_MODALITY  /* "expected to", "accused" */
} ng_gaz_role;

#define NG_GAZ_BIT(role) (1u << (role))
#define NG_GAZ_ENTITY_ROLES                                                                 \
    (NG_GAZ_BIT(NG_GAZ_NAME) | NG_GAZ_BIT(NG_GAZ_DEMONYM) | NG_GAZ_BIT(NG_GAZ_CAPITAL) |    \
     NG_GAZ_BIT(NG_GAZ_METONYM))

typedef struct ng_gaz_target {
    const ng_dict_entry *entry;
    ng_gaz_role role;
    int acronym; /* a short all-capitals form ("US"): matches capitals only */
} ng_gaz_target;

#define NG_GAZ_MAX_TARGETS 16

/* The targets of the phrase found, those whose role was asked for and
 * whose case matches the text. */
typedef struct ng_gaz_match {
    size_t length; /* in tokens; 0: no match */
    ng_gaz_target targets[NG_GAZ_MAX_TARGETS];
    size_t count;
} ng_gaz_match;

typedef struct ng_gazetteer ng_gazetteer;

/* One phrase of the dictionary found in a sentence. */
typedef struct ng_gaz_hit {
    size_t length; /* in tokens */
    const struct ng_gaz_phrase *phrase;
} ng_gaz_hit;

/* Where the hits of one token start, and the roles they can have. */
typedef struct ng_gaz_start {
    size_t first; /* index into items */
    unsigned roles; /* NG_GAZ_BIT of every target of these hits */
} ng_gaz_start;

/* Every phrase of the dictionary found in one sentence, by the token it
 * starts at, shortest first: hits of token i are items[starts[i].first]
 * up to items[starts[i + 1].first]. The extraction asks several questions
 * of each token, so the lookups are done once, here. Zero-initialise;
 * reuse across sentences; release with ng_gaz_hits_free. */
typedef struct ng_gaz_hits {
    const ng_tokens *tokens;
    ng_gaz_start *starts;
    size_t start_cap;
    ng_gaz_hit *items;
    size_t count, cap;
} ng_gaz_hits;

/* Indexes every entry of `dict`, which must outlive the gazetteer.
 * Owned by the caller (ng_gazetteer_free); NULL if out of memory. */
ng_gazetteer *ng_gazetteer_new(const ng_dict *dict, ng_error *err);
void ng_gazetteer_free(ng_gazetteer *gaz);

/* The words of the dictionary's phrases, numbered: give it to the token
 * list (ng_tokens_set_vocab) that ng_gazetteer_scan will read, and its
 * tokens come numbered, which spares the scan a lookup per token. Valid
 * as long as the gazetteer. */
const ng_strmap *ng_gazetteer_vocab(const ng_gazetteer *gaz);

/* Replaces the contents of `out` with the phrases found in `tokens`,
 * which must outlive its use. Returns 0 or NG_ERR_NOMEM. */
int ng_gazetteer_scan(const ng_gazetteer *gaz, const ng_tokens *tokens, ng_gaz_hits *out);
void ng_gaz_hits_free(ng_gaz_hits *hits);

/* ng_gazetteer_match for a token with a hit that may have one of the
 * roles; use ng_gazetteer_match. */
int ng_gazetteer_select(const ng_gaz_hits *hits, size_t i, unsigned roles, ng_gaz_match *out);

/* Whether some phrase of the dictionary starts at token i. Most tokens
 * start none, and callers skip them without asking ng_gazetteer_match. */
static inline int ng_gaz_starts_at(const ng_gaz_hits *hits, size_t i)
{
    return i < hits->tokens->count && hits->starts[i].first != hits->starts[i + 1].first;
}

/* Finds the longest phrase that starts at token i and has a target with a
 * role in `roles` (a set of NG_GAZ_BIT) whose case fits: entity names must
 * start with a capital or digit, acronyms be in capitals. Returns 1 and
 * fills *out, or 0 (with out->length and out->count 0). Inline: it is
 * asked of nearly every token, several times, and most have no phrase
 * with the roles asked for. */
static inline int ng_gazetteer_match(const ng_gaz_hits *hits, size_t i, unsigned roles,
                                     ng_gaz_match *out)
{
    out->length = out->count = 0;
    if (i >= hits->tokens->count || !(hits->starts[i].roles & roles))
        return 0;
    return ng_gazetteer_select(hits, i, roles, out);
}

/* The first target of `m` with a role in `roles`, or NULL. */
const ng_gaz_target *ng_gaz_find(const ng_gaz_match *m, unsigned roles);

#endif
