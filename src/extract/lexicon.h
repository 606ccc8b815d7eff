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
    NG_LEX_CLAUSE_END,    /* . ; : ? ! and the double quote: the clause ends here */
    NG_LEX_BE,            /* is, was, been ...: the forms of "be" before a passive */
    NG_LEX_CLASS_COUNT
} ng_lex_class;

#define NG_LEX_BIT(cls) (1u << (cls))

/* The words the relation grammar names one at a time ("and", "by", "led",
 * the comma). Besides its classes, ng_lex_classes gives a word's number
 * here in the bits of its result from NG_LEX_WORD_SHIFT up (0, NG_WORD_NONE,
 * for any other word), so that a token is tested for one of them by
 * comparing two small numbers rather than two strings. Classes stay below
 * NG_LEX_WORD_SHIFT, so tests of class bits are unaffected. */
typedef enum ng_lex_word {
    NG_WORD_NONE,
    /* punctuation; the marks that may open an aside form a range, from
     * NG_WORD_COMMA to NG_WORD_OPEN_PAREN, which the relation finder tests
     * for on every token */
    NG_WORD_COMMA, NG_WORD_DASH, NG_WORD_OPEN_PAREN, NG_WORD_SEMICOLON, NG_WORD_CLOSE_PAREN,
    NG_WORD_AMPERSAND,
    /* verbs that open a reading of their own (a range, from NG_WORD_BRING
     * to NG_WORD_TRANSPORTING): who travels with whom, who rides in what */
    NG_WORD_BRING, NG_WORD_BRINGING, NG_WORD_BRINGS, NG_WORD_BROUGHT, NG_WORD_INCLUDE,
    NG_WORD_INCLUDED, NG_WORD_INCLUDES, NG_WORD_CARRYING, NG_WORD_TRANSPORTING,
    /* function words */
    NG_WORD_AGAINST, NG_WORD_ALONG, NG_WORD_AND, NG_WORD_ANY, NG_WORD_AT, NG_WORD_BESIDES,
    NG_WORD_BETWEEN, NG_WORD_BY, NG_WORD_FOR, NG_WORD_FROM, NG_WORD_HE, NG_WORD_HER, NG_WORD_HIS,
    NG_WORD_IN, NG_WORD_INCLUDING, NG_WORD_IS, NG_WORD_ITS, NG_WORD_LIKE, NG_WORD_OF, NG_WORD_ON,
    NG_WORD_OR, NG_WORD_SHE, NG_WORD_THAT, NG_WORD_THE, NG_WORD_THEIR, NG_WORD_TO, NG_WORD_WAS,
    NG_WORD_WHEN, NG_WORD_WHERE, NG_WORD_WITH,
    /* verbs */
    NG_WORD_ACCOMPANIED, NG_WORD_ACCOMPANIES, NG_WORD_ACCOMPANY, NG_WORD_ACCOMPANYING,
    NG_WORD_BACKED, NG_WORD_GIVEN, NG_WORD_LED, NG_WORD_MET, NG_WORD_SENT, NG_WORD_SHIPPED,
    NG_WORD_SOLD,
    /* nouns */
    NG_WORD_COUNTERPART,
    NG_WORD_COUNT
} ng_lex_word;

#define NG_LEX_WORD_SHIFT 24

/* The number of the word whose classes are `lex` (NG_WORD_NONE: none). */
static inline ng_lex_word ng_lex_word_of(unsigned lex)
{
    return (ng_lex_word)(lex >> NG_LEX_WORD_SHIFT);
}

/* The text of a numbered word (folded form), or NULL for NG_WORD_NONE and
 * numbers out of range. Static. */
const char *ng_lex_word_text(ng_lex_word word);

/* Whether the folded word belongs to the class. */
int ng_lex_is(ng_lex_class cls, const char *word);

/* Every class the folded word word[0..len) belongs to, as a set of
 * NG_LEX_BIT, with its number among the numbered words (ng_lex_word_of).
 * One hash lookup, which is why the tokenizer asks it once per
 * token and the grammar then tests bits. Safe to call from any thread. */
unsigned ng_lex_classes(const char *word, size_t len);

/* The words of a class, in the order they are stored, and their number in
 * *count (for tests). Static. */
const char *const *ng_lex_words(ng_lex_class cls, size_t *count);

#endif
