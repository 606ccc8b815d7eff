/* Finding the mentions of actors and places in a sentence: names the
 * dictionary knows, names it does not know but whose context types them,
 * titles with names, role descriptions, demonyms, short forms and
 * pronouns. Which entity each mention refers to is settled afterwards, by
 * resolve.c, because that needs the rest of the document. */
#ifndef NG_EXTRACT_MENTION_H
#define NG_EXTRACT_MENTION_H

#include <stddef.h>

#include <newsgraph/graph.h>

#include "extract/found.h"
#include "extract/gazetteer.h"
#include "extract/token.h"

typedef enum ng_mention_kind {
    NG_MENTION_NAME,     /* a name: "Kim Jong Un", "Vostochny Cosmodrome" */
    NG_MENTION_DEMONYM,  /* "North Korean" as an adjective: the country */
    NG_MENTION_GROUP,    /* "North Korean troops", "Russians": the country acting */
    NG_MENTION_CAPITAL,  /* "Pyongyang": the city or its government, by context */
    NG_MENTION_METONYM,  /* "the Kremlin": the government */
    NG_MENTION_ROLE,     /* "the Russian President": whoever holds the office */
    NG_MENTION_UNTYPED,  /* a capitalised name the dictionary does not know */
    NG_MENTION_PRONOUN,  /* he, she, him, her, his */
    NG_MENTION_FACILITY  /* "an aircraft factory": a place described, not named */
} ng_mention_kind;

/* What the context says of a name the dictionary does not know. */
enum ng_mention_cue {
    NG_CUE_TITLE = 1u << 0,    /* a title precedes: a person */
    NG_CUE_SPEECH = 1u << 1,   /* "said" follows: someone who speaks */
    NG_CUE_LOCATION = 1u << 2, /* "in", "at", "near" precedes: a place */
    NG_CUE_SUFFIX = 1u << 3,   /* it ends in "Cosmodrome", "Ministry"...: see `type` */
    NG_CUE_INITIAL = 1u << 4,  /* it starts the sentence, so its capital may mean nothing */
    NG_CUE_COUNTERPART = 1u << 5 /* a role: "his (Chinese) counterpart" */
};

typedef struct ng_mention {
    size_t first, last;           /* its tokens, [first, last) */
    size_t name_first;            /* where the name itself starts, after a title */
    ng_mention_kind kind;
    ng_entity_type type;          /* known for names, groups, roles, typed names */
    int typed;                    /* whether `type` is settled */
    unsigned cues;                /* ng_mention_cue bits */
    const ng_dict_entry *entry;   /* the dictionary's entity (for a demonym: the country) */
    const ng_dict_entry *country; /* the country named with a title: "Russian President" */
    const ng_dict_entry *title;   /* the title: "President" */
    const ng_found_entity *entity; /* what it refers to, once resolved; NULL if unknown */
    int place_context;            /* a capital named where something happens: "in Pyongyang" */
} ng_mention;

/* The mentions of one sentence, in order and without overlap. Zero-
 * initialise; reuse across sentences; release with ng_mentions_free. */
typedef struct ng_mentions {
    ng_mention *items;
    size_t count, cap;
} ng_mentions;

/* Replaces the contents of `out` with the mentions in `tokens`. Returns 0
 * or NG_ERR_NOMEM. */
int ng_mentions_find(const ng_gaz_hits *hits, const ng_tokens *tokens, ng_mentions *out);

/* Appends a mention (facilities are found by the relation finder). */
int ng_mentions_push(ng_mentions *mentions, const ng_mention *m);

void ng_mentions_free(ng_mentions *mentions);

#endif
