#include "extract/mention.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <newsgraph/error.h>

#include "extract/lexicon.h"
#include "util/buf.h"

/* The state of one pass over a sentence. */
typedef struct finder {
    const ng_gaz_hits *hits;
    const ng_tokens *t;
    ng_mentions *out;
} finder;

int ng_mentions_push(ng_mentions *mentions, const ng_mention *m)
{
    void *items = mentions->items;
    if (ng_array_grow(&items, &mentions->cap, mentions->count + 1, sizeof *mentions->items) != 0)
        return NG_ERR_NOMEM;
    mentions->items = items;
    mentions->items[mentions->count++] = *m;
    return 0;
}

void ng_mentions_free(ng_mentions *mentions)
{
    free(mentions->items);
    mentions->items = NULL;
    mentions->count = mentions->cap = 0;
}

static const ng_token *tok(const finder *f, size_t i)
{
    return i < f->t->count ? &f->t->items[i] : NULL;
}

static int has_flag(const finder *f, size_t i, unsigned flag)
{
    const ng_token *t = tok(f, i);
    return t && (t->flags & flag);
}

static int in_class(const finder *f, size_t i, ng_lex_class cls)
{
    const ng_token *t = tok(f, i);
    return t && (t->lex & NG_LEX_BIT(cls));
}

/* ng_token_is for a literal word: lengths compare before bytes, and
 * most tokens are not the word. */
#define TOKEN_IS(tokens, i, word) token_is((tokens), (i), "" word, sizeof word - 1)

static inline int token_is(const ng_tokens *t, size_t i, const char *word, size_t n)
{
    return i < t->count && t->items[i].norm_len == n && memcmp(t->items[i].norm, word, n) == 0;
}

/* ng_gazetteer_match, without the call (and the copy of a match) for a
 * token where no phrase starts. */
static inline int match(const finder *f, size_t i, unsigned roles, ng_gaz_match *m)
{
    if (!ng_gaz_starts_at(f->hits, i)) {
        m->length = m->count = 0;
        return 0;
    }
    return ng_gazetteer_match(f->hits, i, roles, m);
}

static ng_entity_type type_of_kind(ng_dict_kind kind)
{
    switch (kind) {
    case NG_DICT_PERSON: return NG_ENTITY_PERSON;
    case NG_DICT_COUNTRY: return NG_ENTITY_COUNTRY;
    case NG_DICT_ORGANIZATION: return NG_ENTITY_ORGANIZATION;
    default: return NG_ENTITY_PLACE;
    }
}

/* The entity type a title or suffix cue signals. */
static ng_entity_type cue_type(const ng_dict_entry *cue)
{
    const char *type = ng_dict_value(cue, "type");
    ng_entity_type t = NG_ENTITY_PLACE;
    if (type)
        ng_entity_type_parse(type, &t);
    return t;
}

/* Whether token i can be part of a capitalised name: a capitalised word,
 * or a word joined to the previous one by a hyphen ("Komsomolsk-on-Amur"). */
static int name_word(const finder *f, size_t i)
{
    const ng_token *t = tok(f, i);
    if (!t || !(t->flags & NG_TOKEN_WORD) || (t->lex & NG_LEX_BIT(NG_LEX_CALENDAR)))
        return 0;
    return (t->flags & (NG_TOKEN_CAPITAL | NG_TOKEN_UPPER)) || (t->flags & NG_TOKEN_JOINED);
}

/* The end of the run of capitalised words that starts at i, stopping
 * where a name the dictionary knows begins. */
static size_t capitalised_run(const finder *f, size_t i, size_t max)
{
    size_t j = i;
    while (j < f->t->count && j - i < max && name_word(f, j)) {
        ng_gaz_match m;
        if (j > i && match(f, j, NG_GAZ_ENTITY_ROLES, &m))
            break; /* "Kim-Putin": a known name starts a name of its own */
        j++;
    }
    /* a run may not start with a lone joined fragment */
    return j > i && (has_flag(f, i, NG_TOKEN_CAPITAL | NG_TOKEN_UPPER)) ? j : i;
}

static int emit(finder *f, ng_mention m)
{
    return ng_mentions_push(f->out, &m);
}

/* A name after a title: a person the dictionary knows, or a capitalised
 * run. Fills *m and returns its end, or returns `at` if there is none. */
static size_t name_after_title(const finder *f, size_t at, ng_mention *m)
{
    ng_gaz_match gm;
    if (match(f, at, NG_GAZ_BIT(NG_GAZ_NAME), &gm)) {
        const ng_gaz_target *person = NULL;
        for (size_t k = 0; k < gm.count && !person; k++)
            if (gm.targets[k].entry->kind == NG_DICT_PERSON)
                person = &gm.targets[k];
        if (person) {
            m->kind = NG_MENTION_NAME;
            m->entry = person->entry;
            return at + gm.length;
        }
        return at; /* "President Putin" is a person, "Foreign Minister Russia" nothing */
    }
    size_t end = capitalised_run(f, at, 4);
    if (end > at) {
        m->kind = NG_MENTION_UNTYPED;
        m->cues |= NG_CUE_TITLE;
    }
    return end;
}

/* Whether the last word of a title as written is its name's last word
 * with an s ("Leaders", "Marshals"): a title that names several people. */
static int is_plural_title(const ng_token *last, const ng_dict_entry *title)
{
    const char *word = strrchr(title->name, ' ');
    word = word ? word + 1 : title->name;
    size_t n = strlen(word);
    return last->norm_len == n + 1 && last->norm[n] == 's' &&
           strncasecmp(last->norm, word, n) == 0;
}

/* Handles a title at token `at`, preceded from `start` by a country (or
 * nothing): "Russian President Vladimir Putin", "President Putin", "the
 * Russian President", "foreign minister Choe Son Hui". Returns the token
 * after what it consumed. */
static size_t handle_title(finder *f, size_t start, size_t at, const ng_gaz_match *tm,
                           const ng_dict_entry *country)
{
    const ng_gaz_target *title = ng_gaz_find(tm, NG_GAZ_BIT(NG_GAZ_TITLE));
    size_t j = at + tm->length;
    ng_mention m = {0};
    m.first = start;
    m.name_first = j;
    m.type = NG_ENTITY_PERSON;
    m.typed = 1;
    m.country = country;
    m.title = title->entry;
    int plural = is_plural_title(&f->t->items[j - 1], title->entry);
    size_t end = name_after_title(f, j, &m);
    if (end > j) {
        m.last = end;
        if (emit(f, m) != 0)
            return 0;
        /* "marshals Ri Pyong Chol and Pak Jong Chon": a plural title types both */
        if (plural && TOKEN_IS(f->t, end, "and")) {
            ng_mention second = m;
            second.first = second.name_first = end + 1;
            second.cues = 0;
            second.entry = NULL;
            size_t end2 = name_after_title(f, end + 1, &second);
            if (end2 > end + 1 + 1 || (end2 > end + 1 && second.entry)) {
                second.last = end2;
                if (emit(f, second) != 0)
                    return 0;
                return end2;
            }
        }
        return end;
    }
    /* "the foreign minister": whoever the document last named so, if it
     * did; a bare title without "the" names nobody, and "the leaders"
     * names no one person */
    if (plural || (!country && !(start > 0 && TOKEN_IS(f->t, start - 1, "the"))))
        return j;
    m.kind = NG_MENTION_ROLE;
    m.last = j;
    m.name_first = j;
    return emit(f, m) == 0 ? j : 0;
}

/* After a country at [i, end): an optional possessive and adjectives,
 * then a title. Returns the title's token or 0 with *tm unset. */
static size_t title_after_country(const finder *f, size_t end, ng_gaz_match *tm)
{
    size_t j = end;
    if (has_flag(f, j, NG_TOKEN_POSSESSIVE))
        j++;
    for (; in_class(f, j, NG_LEX_TITLE_ADJ); j++)
        if (match(f, j, NG_GAZ_BIT(NG_GAZ_TITLE), tm))
            return j;
    return match(f, j, NG_GAZ_BIT(NG_GAZ_TITLE), tm) ? j : 0;
}

/* Whether a demonym form names people ("Russians") rather than qualifying
 * a noun ("Russian"). */
static int is_plural_demonym(const finder *f, size_t i, size_t len)
{
    const ng_token *last = &f->t->items[i + len - 1];
    const char *norm = last->norm;
    size_t n = last->norm_len;
    return n > 1 && norm[n - 1] == 's';
}

/* Emits what a dictionary entity match at i stands for. Returns the next
 * token to look at. */
static size_t handle_entity(finder *f, size_t i, const ng_gaz_match *gm,
                            const ng_gaz_target *ent)
{
    size_t end = i + gm->length;
    ng_gaz_match tm;
    int country_like = ent->entry->kind == NG_DICT_COUNTRY ||
                       ent->entry->kind == NG_DICT_ORGANIZATION;
    size_t title_at = country_like ? title_after_country(f, end, &tm) : 0;
    if (title_at)
        return handle_title(f, i, title_at, &tm, ent->entry);

    ng_gaz_match sm;
    if (ent->role == NG_GAZ_NAME && ent->entry->kind == NG_DICT_PLACE &&
        has_flag(f, end, NG_TOKEN_CAPITAL) &&
        match(f, end, NG_GAZ_BIT(NG_GAZ_SUFFIX), &sm)) {
        /* "Istanbul Airport": a place of its own, named after the city */
        ng_mention m = {0};
        m.first = m.name_first = i;
        m.last = end + sm.length;
        m.kind = NG_MENTION_UNTYPED;
        m.cues = NG_CUE_SUFFIX;
        m.type = cue_type(ng_gaz_find(&sm, NG_GAZ_BIT(NG_GAZ_SUFFIX))->entry);
        m.typed = 1;
        return emit(f, m) == 0 ? m.last : 0;
    }
    ng_mention m = {0};
    m.first = m.name_first = i;
    m.last = end;
    m.entry = ent->entry;
    m.type = type_of_kind(ent->entry->kind);
    m.typed = 1;
    switch (ent->role) {
    case NG_GAZ_DEMONYM:
        if (in_class(f, end, NG_LEX_GROUP_NOUN)) {
            m.kind = NG_MENTION_GROUP;
            m.last = TOKEN_IS(f->t, end, "air") && TOKEN_IS(f->t, end + 1, "force")
                         ? end + 2
                         : end + 1;
        } else {
            m.kind = is_plural_demonym(f, i, gm->length) ? NG_MENTION_GROUP : NG_MENTION_DEMONYM;
        }
        break;
    case NG_GAZ_CAPITAL: m.kind = NG_MENTION_CAPITAL; break;
    case NG_GAZ_METONYM: m.kind = NG_MENTION_METONYM; break;
    default: m.kind = NG_MENTION_NAME; break;
    }
    return emit(f, m) == 0 ? m.last : 0;
}

/* The suffix cue that ends the name [i, end), or that follows it in lower
 * case ("Khasan station"); extends *end over a following one. */
static const ng_gaz_target *suffix_of(const finder *f, size_t i, size_t *end, ng_gaz_match *sm)
{
    if (*end < f->t->count && match(f, *end, NG_GAZ_BIT(NG_GAZ_SUFFIX), sm) &&
        !has_flag(f, *end, NG_TOKEN_CAPITAL)) {
        *end += sm->length;
        return ng_gaz_find(sm, NG_GAZ_BIT(NG_GAZ_SUFFIX));
    }
    /* the name must have a word of its own before the suffix */
    for (size_t k = i + 1; k < *end; k++)
        if (match(f, k, NG_GAZ_BIT(NG_GAZ_SUFFIX), sm) && k + sm->length == *end)
            return ng_gaz_find(sm, NG_GAZ_BIT(NG_GAZ_SUFFIX));
    return NULL;
}

/* ", a ruling party official" or ", chair of ..." after a name: an
 * apposition that says it is a person. */
static int person_apposition(const finder *f, size_t end)
{
    if (!TOKEN_IS(f->t, end, ","))
        return 0;
    if (in_class(f, end + 1, NG_LEX_PERSON_NOUN))
        return 1; /* ", chair of the committee" */
    if (!in_class(f, end + 1, NG_LEX_DETERMINER))
        return 0;
    for (size_t k = end + 2; k < f->t->count && k < end + 7; k++) {
        if (in_class(f, k, NG_LEX_PERSON_NOUN))
            return 1;
        if (!has_flag(f, k, NG_TOKEN_WORD) || in_class(f, k, NG_LEX_PREP))
            return 0;
    }
    return 0;
}

/* What the words around the name [i, end) say about it. */
static unsigned context_cues(const finder *f, size_t i, size_t end)
{
    unsigned cues = 0;
    if (person_apposition(f, end))
        cues |= NG_CUE_TITLE;
    if (in_class(f, end, NG_LEX_SPEECH_VERB) ||
        (TOKEN_IS(f->t, end, ",") && in_class(f, end + 1, NG_LEX_SPEECH_VERB)))
        cues |= NG_CUE_SPEECH;
    if (i > 0 && in_class(f, i - 1, NG_LEX_LOCATION_PREP))
        cues |= NG_CUE_LOCATION;
    if (has_flag(f, i, NG_TOKEN_INITIAL))
        cues |= NG_CUE_INITIAL;
    return cues;
}

/* A capitalised name the dictionary does not know, at i. */
static size_t handle_unknown_name(finder *f, size_t i)
{
    if (in_class(f, i, NG_LEX_DETERMINER) || in_class(f, i, NG_LEX_PREP))
        return i + 1; /* "A group of officials", "In pictures" */
    size_t end = capitalised_run(f, i, 6);
    if (end == i)
        return i + 1;
    ng_mention m = {0};
    m.first = m.name_first = i;
    m.kind = NG_MENTION_UNTYPED;
    m.cues = context_cues(f, i, end);
    ng_gaz_match sm;
    const ng_gaz_target *suffix = suffix_of(f, i, &end, &sm);
    if (suffix) {
        m.cues |= NG_CUE_SUFFIX;
        m.type = cue_type(suffix->entry);
        m.typed = 1;
    }
    m.last = end;
    return emit(f, m) == 0 ? end : 0;
}

static size_t handle_pronoun(finder *f, size_t i)
{
    ng_mention m = {0};
    m.first = m.name_first = i;
    m.last = i + 1;
    m.kind = NG_MENTION_PRONOUN;
    m.type = NG_ENTITY_PERSON;
    m.typed = 1;
    return emit(f, m) == 0 ? i + 1 : 0;
}

/* "his Chinese counterpart", "Putin's counterpart": whoever holds the
 * possessor's office (in the country named, if one is). The demonym was
 * just emitted as a mention of its own; it becomes part of the role. */
static size_t handle_counterpart(finder *f, size_t i)
{
    ng_mention m = {0};
    m.first = m.name_first = i;
    m.last = i + 1;
    m.kind = NG_MENTION_ROLE;
    m.type = NG_ENTITY_PERSON;
    m.typed = 1;
    m.cues = NG_CUE_COUNTERPART;
    ng_mention *prev = f->out->count ? &f->out->items[f->out->count - 1] : NULL;
    if (prev && prev->kind == NG_MENTION_DEMONYM && prev->last == i) {
        m.first = prev->first;
        m.country = prev->entry;
        f->out->count--;
    }
    int possessed = m.first > 0 && (has_flag(f, m.first - 1, NG_TOKEN_POSSESSIVE) ||
                                     TOKEN_IS(f->t, m.first - 1, "his") ||
                                     TOKEN_IS(f->t, m.first - 1, "her"));
    if (!possessed) {
        if (m.country) /* put the demonym back */
            f->out->count++;
        return i + 1;
    }
    return emit(f, m) == 0 ? i + 1 : 0;
}

/* Looks at token i and emits what starts there; returns the next token,
 * or 0 if out of memory. */
static size_t step(finder *f, size_t i)
{
    const ng_token *t = tok(f, i);
    if (!(t->flags & NG_TOKEN_WORD))
        return i + 1;
    ng_gaz_match gm;
    if (match(f, i, NG_GAZ_ENTITY_ROLES | NG_GAZ_BIT(NG_GAZ_TITLE), &gm)) {
        const ng_gaz_target *ent = ng_gaz_find(&gm, NG_GAZ_ENTITY_ROLES);
        if (ent)
            return handle_entity(f, i, &gm, ent);
        return handle_title(f, i, i, &gm, NULL);
    }
    if (t->flags & (NG_TOKEN_CAPITAL | NG_TOKEN_UPPER))
        return handle_unknown_name(f, i);
    if (t->lex & NG_LEX_BIT(NG_LEX_PERSON_PRONOUN))
        return handle_pronoun(f, i);
    /* Asked of the lower-case words nothing_starts lets through. */
    if (ng_lex_word_of(t->lex) == NG_WORD_COUNTERPART)
        return handle_counterpart(f, i);
    return i + 1;
}

/* Whether step() would pass over token t at i without a look at its
 * neighbours: punctuation, and the lower-case words that start no name or
 * title of the dictionary, are no pronoun and are not "counterpart". That
 * is most tokens, so it is asked here, before a call. A lower-case word
 * that starts only other phrases (a relation word, a cue: "visit",
 * "expected to") is passed over too: step() would match no phrase there,
 * since its match asks for entity and title roles only. */
static inline int nothing_starts(const ng_gaz_hits *hits, const ng_token *t, size_t i)
{
    if (!(t->flags & NG_TOKEN_WORD))
        return 1;
    if (t->flags & (NG_TOKEN_CAPITAL | NG_TOKEN_UPPER))
        return 0;
    return !(t->lex & NG_LEX_BIT(NG_LEX_PERSON_PRONOUN)) &&
           ng_lex_word_of(t->lex) != NG_WORD_COUNTERPART &&
           !(hits->starts[i].roles & (NG_GAZ_ENTITY_ROLES | NG_GAZ_BIT(NG_GAZ_TITLE)));
}

int ng_mentions_find(const ng_gaz_hits *hits, const ng_tokens *tokens, ng_mentions *out)
{
    finder f = {hits, tokens, out};
    out->count = 0;
    for (size_t i = 0; i < tokens->count;) {
        if (nothing_starts(hits, &tokens->items[i], i)) {
            i++;
            continue;
        }
        size_t next = step(&f, i);
        if (next == 0)
            return NG_ERR_NOMEM;
        i = next > i ? next : i + 1;
    }
    return 0;
}
