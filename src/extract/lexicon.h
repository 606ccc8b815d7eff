/* The closed classes of English words the extractor's grammar relies on:
 * prepositions, determiners, negations, clause openers and a few noun
 * classes. They are grammar rather than knowledge of the world, so they
 * live here and not in the dictionary. Words are in folded form. */
#ifndef NG_EXTRACT_LEXICON_H
#define NG_EXTRACT_LEXICON_H

#include <stddef.h>

typedef enum ng_lex_class {
    NG_LEX_LOCATION_PREP, /* in, at, to, near ...: a place may follow */
    NG_LEX_PREP,          /* any preposition */
    NG_LEX_DETERMINER,    /* the, a, its, their ... */
    NG_LEX_NEGATION,      /* not, never, didn't ... */
    NG_LEX_CLAUSE_OPENER, /* but, while, because ...: a new clause starts */
    NG_LEX_RELATIVE,      /* who, which, where ...: a relative clause starts */
    NG_LEX_SPEECH_VERB,   /* said, told ...: a speaker precedes */
    NG_LEX_GROUP_NOUN,    /* troops, government ...: "North Korean troops" act for the country */
    NG_LEX_PERSON_PRONOUN,/* he, she, him, her, his */
    NG_LEX_TITLE_ADJ,     /* new, former, late ...: may stand between a country and a title */
    NG_LEX_FACILITY_NOUN, /* factory, plant, base ...: heads a place described, not named */
    NG_LEX_VEHICLE_NOUN,  /* train, plane ...: carries the travellers */
    NG_LEX_CALENDAR,      /* months and days: capitalised, but never names */
    NG_LEX_AUXILIARY,     /* is, was, has, will ...: verbs that carry no meaning here */
    NG_LEX_OBJECT_PREP,   /* prepositions, not conjunctions: "with Putin", not "after he" */
    NG_LEX_ENVOY_NOUN,    /* delegation, envoy ...: sending one is visiting */
    NG_LEX_ADVERB,        /* also, then, recently ...: common adverbs without -ly */
    NG_LEX_PERSON_NOUN,   /* official, adviser ...: ", a party official" makes a name a person */
    NG_LEX_CLASS_COUNT
} ng_lex_class;

#define NG_LEX_BIT(cls) (1u << (cls))

/* Whether the folded word belongs to the class. */
int ng_lex_is(ng_lex_class cls, const char *word);

/* Every class the folded word word[0..len) belongs to, as a set of
 * NG_LEX_BIT. One hash lookup, which is why the tokenizer asks it once per
 * token and the grammar then tests bits. Safe to call from any thread. */
unsigned ng_lex_classes(const char *word, size_t len);

/* The words of a class, in the order they are stored, and their number in
 * *count (for tests). Static. */
const char *const *ng_lex_words(ng_lex_class cls, size_t *count);

#endif
