#include "extract/lexicon.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/strmap.h"

/* Each list is sorted (strcmp order), which a test checks, so that a
 * lookup is a binary search. */

static const char *const location_preps[] = {
    "across", "around", "at", "from", "in", "inside", "into", "near", "outside",
    "through", "to", "toward", "towards", "via", "within",
};

static const char *const preps[] = {
    "about", "above", "across", "after", "against", "along", "amid", "among", "around",
    "as", "at", "before", "behind", "below", "beside", "between", "by", "despite", "during",
    "except", "for", "from", "in", "including", "inside", "into", "near", "of", "off", "on", "onto",
    "outside", "over", "per", "since", "than", "through", "throughout", "to", "toward",
    "towards", "under", "until", "upon", "via", "with", "within", "without",
};

static const char *const determiners[] = {
    "a", "all", "an", "another", "any", "both", "each", "every", "her", "his", "its",
    "more", "my", "our", "several", "some", "that", "the", "their", "these", "this",
    "those", "your",
};

static const char *const negations[] = {
    "aren't", "can't", "cannot", "couldn't", "didn't", "doesn't", "don't", "hadn't",
    "hasn't", "haven't", "isn't", "neither", "never", "no", "nor", "not", "wasn't",
    "weren't", "won't", "wouldn't",
};

static const char *const clause_openers[] = {
    "although", "because", "but", "if", "though", "unless", "whereas", "whether", "while",
};

static const char *const relatives[] = {
    "when", "where", "which", "who", "whom", "whose",
};

static const char *const speech_verbs[] = {
    "added", "adds", "announced", "explained", "noted", "said", "say", "says",
    "stated", "told", "tweeted", "warned", "wrote",
};

static const char *const group_nouns[] = {
    "air", "army", "authorities", "banks", "companies", "delegation", "diplomats",
    "entities", "firms", "forces", "government", "leadership", "media", "military", "navy",
    "officials", "regime", "side", "soldiers", "troops",
};

static const char *const person_pronouns[] = {
    "he", "her", "him", "his", "she",
};

static const char *const title_adjs[] = {
    "acting", "chief", "current", "deputy", "first", "former", "incoming", "late", "new",
    "outgoing", "senior", "then", "top",
};

static const char *const facility_nouns[] = {
    "airport", "base", "bases", "center", "centers", "centre", "centres", "complex",
    "cosmodrome", "exhibition", "facilities", "facility", "factories", "factory",
    "headquarters", "hospital", "museum", "plant", "plants", "port", "school", "schools",
    "shipyard", "site", "sites", "spaceport", "station", "university",
};

static const char *const object_preps[] = {
    "about", "against", "among", "at", "between", "by", "for", "from", "in", "into", "like",
    "near", "of", "on", "onto", "over", "than", "to", "toward", "towards", "under", "upon",
    "via", "with", "within", "without",
};

static const char *const person_nouns[] = {
    "adviser", "advisor", "ambassador", "analyst", "chair", "chairman", "chairwoman", "chief",
    "commander", "correspondent", "diplomat", "envoy", "expert", "general", "governor", "head",
    "journalist", "lawmaker", "leader", "marshal", "mayor", "minister", "officer", "official",
    "premier", "president", "reporter", "secretary", "senator", "spokesman", "spokesperson",
    "spokeswoman",
};

static const char *const adverbs[] = {
    "again", "already", "also", "earlier", "eventually", "finally", "first", "jointly",
    "just", "later", "meanwhile", "never", "now", "often", "once", "previously", "recently",
    "reportedly", "secretly", "since", "soon", "still", "then", "today", "together", "twice",
    "yesterday",
};

static const char *const envoy_nouns[] = {
    "delegation", "delegations", "emissary", "entourage", "envoy", "envoys", "mission",
    "missions", "officials", "representatives", "team",
};

static const char *const vehicle_nouns[] = {
    "aircraft", "boat", "car", "convoy", "flight", "helicopter", "jet", "jetliner",
    "limousine", "motorcade", "plane", "ship", "train", "vessel",
};

static const char *const calendar[] = {
    "april", "august", "december", "february", "friday", "january", "july", "june",
    "march", "may", "monday", "november", "october", "saturday", "september", "sunday",
    "thursday", "tuesday", "wednesday",
};

static const char *const auxiliaries[] = {
    "am", "are", "be", "been", "being", "could", "did", "do", "does", "had", "has",
    "have", "having", "is", "may", "might", "must", "shall", "should", "was", "were",
    "will", "would",
};

static const char *const clause_ends[] = {
    "!", "\"", ".", ":", ";", "?",
};

static const char *const be_forms[] = {
    "are", "be", "been", "being", "is", "was", "were",
};

#define LIST(a) {a, sizeof a / sizeof a[0]}

static const struct word_list {
    const char *const *words;
    size_t count;
} lists[NG_LEX_CLASS_COUNT] = {
    [NG_LEX_LOCATION_PREP] = LIST(location_preps),
    [NG_LEX_PREP] = LIST(preps),
    [NG_LEX_DETERMINER] = LIST(determiners),
    [NG_LEX_NEGATION] = LIST(negations),
    [NG_LEX_CLAUSE_OPENER] = LIST(clause_openers),
    [NG_LEX_RELATIVE] = LIST(relatives),
    [NG_LEX_SPEECH_VERB] = LIST(speech_verbs),
    [NG_LEX_GROUP_NOUN] = LIST(group_nouns),
    [NG_LEX_PERSON_PRONOUN] = LIST(person_pronouns),
    [NG_LEX_TITLE_ADJ] = LIST(title_adjs),
    [NG_LEX_FACILITY_NOUN] = LIST(facility_nouns),
    [NG_LEX_VEHICLE_NOUN] = LIST(vehicle_nouns),
    [NG_LEX_CALENDAR] = LIST(calendar),
    [NG_LEX_AUXILIARY] = LIST(auxiliaries),
    [NG_LEX_OBJECT_PREP] = LIST(object_preps),
    [NG_LEX_ENVOY_NOUN] = LIST(envoy_nouns),
    [NG_LEX_ADVERB] = LIST(adverbs),
    [NG_LEX_PERSON_NOUN] = LIST(person_nouns),
    [NG_LEX_CLAUSE_END] = LIST(clause_ends),
    [NG_LEX_BE] = LIST(be_forms),
};

_Static_assert(NG_LEX_CLASS_COUNT <= NG_LEX_WORD_SHIFT, "word classes overlap word numbers");
_Static_assert(NG_WORD_COUNT <= 1u << (32 - NG_LEX_WORD_SHIFT), "too many numbered words");

static const char *const numbered[NG_WORD_COUNT] = {
    [NG_WORD_COMMA] = ",",
    [NG_WORD_SEMICOLON] = ";",
    [NG_WORD_DASH] = "-",
    [NG_WORD_OPEN_PAREN] = "(",
    [NG_WORD_CLOSE_PAREN] = ")",
    [NG_WORD_AMPERSAND] = "&",
    [NG_WORD_AGAINST] = "against",
    [NG_WORD_ALONG] = "along",
    [NG_WORD_AND] = "and",
    [NG_WORD_ANY] = "any",
    [NG_WORD_AT] = "at",
    [NG_WORD_BESIDES] = "besides",
    [NG_WORD_BETWEEN] = "between",
    [NG_WORD_BY] = "by",
    [NG_WORD_FOR] = "for",
    [NG_WORD_FROM] = "from",
    [NG_WORD_HE] = "he",
    [NG_WORD_HER] = "her",
    [NG_WORD_HIS] = "his",
    [NG_WORD_IN] = "in",
    [NG_WORD_INCLUDING] = "including",
    [NG_WORD_IS] = "is",
    [NG_WORD_ITS] = "its",
    [NG_WORD_LIKE] = "like",
    [NG_WORD_OF] = "of",
    [NG_WORD_ON] = "on",
    [NG_WORD_OR] = "or",
    [NG_WORD_SHE] = "she",
    [NG_WORD_THAT] = "that",
    [NG_WORD_THE] = "the",
    [NG_WORD_THEIR] = "their",
    [NG_WORD_TO] = "to",
    [NG_WORD_WAS] = "was",
    [NG_WORD_WHEN] = "when",
    [NG_WORD_WHERE] = "where",
    [NG_WORD_WITH] = "with",
    [NG_WORD_ACCOMPANIED] = "accompanied",
    [NG_WORD_ACCOMPANIES] = "accompanies",
    [NG_WORD_ACCOMPANY] = "accompany",
    [NG_WORD_ACCOMPANYING] = "accompanying",
    [NG_WORD_BACKED] = "backed",
    [NG_WORD_BRING] = "bring",
    [NG_WORD_BRINGING] = "bringing",
    [NG_WORD_BRINGS] = "brings",
    [NG_WORD_BROUGHT] = "brought",
    [NG_WORD_CARRYING] = "carrying",
    [NG_WORD_GIVEN] = "given",
    [NG_WORD_INCLUDE] = "include",
    [NG_WORD_INCLUDED] = "included",
    [NG_WORD_INCLUDES] = "includes",
    [NG_WORD_LED] = "led",
    [NG_WORD_MET] = "met",
    [NG_WORD_SENT] = "sent",
    [NG_WORD_SHIPPED] = "shipped",
    [NG_WORD_SOLD] = "sold",
    [NG_WORD_COUNTERPART] = "counterpart",
    [NG_WORD_TRANSPORTING] = "transporting",
};

#define WORD_BITS (~0u << NG_LEX_WORD_SHIFT)

const char *ng_lex_word_text(ng_lex_word word)
{
    return (unsigned)word < NG_WORD_COUNT ? numbered[word] : NULL;
}

static int compare(const void *key, const void *item)
{
    return strcmp(key, *(const char *const *)item);
}

int ng_lex_is(ng_lex_class cls, const char *word)
{
    if ((unsigned)cls >= NG_LEX_CLASS_COUNT || !word)
        return 0;
    return bsearch(word, lists[cls].words, lists[cls].count, sizeof(const char *), compare) !=
           NULL;
}

const char *const *ng_lex_words(ng_lex_class cls, size_t *count)
{
    if ((unsigned)cls >= NG_LEX_CLASS_COUNT) {
        *count = 0;
        return NULL;
    }
    *count = lists[cls].count;
    return lists[cls].words;
}

/* Every word of every class -> its classes, built on first use. With
 * pthread_once rather than C11's call_once, which ThreadSanitizer does not
 * see: it would take the map's readers for racing with its builder. */
static ng_strmap class_map;
static int class_map_ready;
static pthread_once_t class_map_once = PTHREAD_ONCE_INIT;

static void build_class_map(void)
{
    for (size_t c = 0; c < NG_LEX_CLASS_COUNT; c++) {
        for (size_t i = 0; i < lists[c].count; i++) {
            const char *w = lists[c].words[i];
            size_t len = strlen(w);
            uintptr_t mask = (uintptr_t)ng_strmap_get(&class_map, w, len);
            if (ng_strmap_put(&class_map, w, len, (void *)(mask | NG_LEX_BIT(c))) != 0) {
                ng_strmap_free(&class_map);
                return; /* out of memory: ng_lex_classes falls back to searching */
            }
        }
    }
    for (unsigned n = 1; n < NG_WORD_COUNT; n++) {
        size_t len = strlen(numbered[n]);
        uintptr_t mask = (uintptr_t)ng_strmap_get(&class_map, numbered[n], len);
        mask = (mask & ~(uintptr_t)WORD_BITS) | (uintptr_t)n << NG_LEX_WORD_SHIFT;
        if (ng_strmap_put(&class_map, numbered[n], len, (void *)mask) != 0) {
            ng_strmap_free(&class_map);
            return;
        }
    }
    class_map_ready = 1;
}

unsigned ng_lex_classes(const char *word, size_t len)
{
    pthread_once(&class_map_once, build_class_map);
    if (class_map_ready)
        return (unsigned)(uintptr_t)ng_strmap_get(&class_map, word, len);
    char *copy = ng_strndup(word, len);
    unsigned mask = 0;
    for (size_t c = 0; copy && c < NG_LEX_CLASS_COUNT; c++)
        if (ng_lex_is((ng_lex_class)c, copy))
            mask |= NG_LEX_BIT(c);
    for (unsigned n = 1; copy && n < NG_WORD_COUNT; n++)
        if (strcmp(copy, numbered[n]) == 0)
            mask |= n << NG_LEX_WORD_SHIFT;
    free(copy);
    return mask;
}
