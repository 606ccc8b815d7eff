#include "extract/relation.h"

#include <stdlib.h>
#include <string.h>

#include "extract/lexicon.h"
#include "util/buf.h"
#include "util/fail.h"

#define MAX_GROUP 8
#define OBJECT_REACH 12 /* tokens an object may be from its verb */
#define MODIFIER_REACH 3 /* tokens a modifier may be from its noun */
#define NEGATION_REACH 3 /* tokens a "not" may be from its verb */
/* The furthest any search goes from its word. A clause is much shorter;
 * the bound keeps the work linear in the length of a sentence even when a
 * "sentence" is megabytes of text without punctuation. */
#define SCAN_REACH 64
/* Evidence quotes the whole sentence up to this size; a longer "sentence"
 * (text without punctuation) is quoted around the relation word only. */
#define EVIDENCE_MAX 4096
#define EVIDENCE_CONTEXT 256

/* Mentions acting together: "France, Italy and Spain". */
typedef struct group {
    size_t items[MAX_GROUP]; /* mention indices */
    size_t count;
    int places;              /* destinations: a capital there is the city */
} group;

typedef struct trigger {
    size_t first, last;
    const ng_dict_entry *entry;
    /* The entry's prepositions, looked up once: "-" takes a direct object. */
    const char *const *preps;
    size_t npreps;
    ng_relation relation;
    int noun;
    int passive;
} trigger;

/* One sentence being read. */
typedef struct reader {
    const ng_sentence_view *v;
    const ng_tokens *t;
    ng_mentions *m;
    const ng_gaz_hits *hits;
    ng_resolver *res;
    ng_found *found;
    ng_error *err;
    long *owner;          /* token -> mention index, or -1 */
    size_t *region;       /* token -> 0 (main clause) or 1 + index of the opening token */
    size_t *starts;       /* the tokens where a reading may start, in order */
    size_t start_count;
    const ng_found_edge *last_supply; /* for "shells sold to Wagner" after "providing Russia ..." */
    const ng_found_entity *last_supplier;
    int oom;              /* an allocation failed */
    /* The modality of the last trigger asked about: every link of a
     * trigger has the same, and a trigger may make several. */
    int modality_known;
    size_t modality_first, modality_last;
    int modality_noun;
    ng_modality modality;
    int sentence_made;    /* `sentence` holds this sentence */
    ng_buf sentence;      /* the sentence as the document has it, once made */
    ng_buf item;
    ng_buf text;
} reader;

/* --- tokens and mentions ------------------------------------------------- */

static const char *norm(const reader *r, size_t i)
{
    return i < r->t->count ? r->t->items[i].norm : "";
}

/* The word classes of token i, with its number among the words the
 * grammar names (lexicon.h): each spelling is classified once, by the
 * tokenizer, so the grammar compares numbers and tests bits. */
static unsigned lex(const reader *r, size_t i)
{
    return i < r->t->count ? r->t->items[i].lex : 0;
}

static ng_lex_word word(const reader *r, size_t i)
{
    return ng_lex_word_of(lex(r, i));
}

/* Whether token i is the numbered word w. */
static int is(const reader *r, size_t i, ng_lex_word w)
{
    return word(r, i) == w;
}

static int in(const reader *r, size_t i, ng_lex_class cls)
{
    return (lex(r, i) & NG_LEX_BIT(cls)) != 0;
}

/* Whether token i's folded form ends in `suffix` (of n bytes) and is
 * longer than `min` bytes. */
static int ends_with(const reader *r, size_t i, size_t min, const char *suffix, size_t n)
{
    if (i >= r->t->count)
        return 0;
    const ng_token *t = &r->t->items[i];
    return t->norm_len > min && memcmp(t->norm + t->norm_len - n, suffix, n) == 0;
}

/* ng_gazetteer_match, without its call where no phrase starts. */
static int match(const reader *r, size_t i, unsigned roles, ng_gaz_match *out)
{
    if (!ng_gaz_starts_at(r->hits, i)) {
        out->length = out->count = 0;
        return 0;
    }
    return ng_gazetteer_match(r->hits, i, roles, out);
}

static unsigned flags(const reader *r, size_t i)
{
    return i < r->t->count ? r->t->items[i].flags : 0;
}

static const ng_mention *mention(const reader *r, size_t i)
{
    return i < r->t->count && r->owner[i] >= 0 ? &r->m->items[r->owner[i]] : NULL;
}

static const ng_found_entity *entity_of(const reader *r, size_t mi)
{
    return r->m->items[mi].entity;
}

/* The entity a member of a group stands for: as a destination, a capital
 * named where something happens is the city. */
static const ng_found_entity *member(const reader *r, const group *g, size_t i)
{
    const ng_mention *m = &r->m->items[g->items[i]];
    return g->places ? ng_resolver_place(r->res, r->t, m, r->err) : m->entity;
}

static int is_actor_type(ng_entity_type t)
{
    return t == NG_ENTITY_PERSON || t == NG_ENTITY_COUNTRY || t == NG_ENTITY_ORGANIZATION;
}

static int is_actor(const ng_mention *m)
{
    return m && m->entity && m->kind != NG_MENTION_DEMONYM &&
           is_actor_type(m->entity->type);
}

/* Whether the mention qualifies a word after it rather than standing on
 * its own: a possessor ("Russia's war"), the first part of a compound
 * ("Taiwan-ally Tuvalu", "US-led efforts"). */
static int is_qualifier(const reader *r, const ng_mention *m)
{
    if (m->kind == NG_MENTION_PRONOUN) /* "his counterpart"; "her" before a noun */
        return is(r, m->first, NG_WORD_HIS) ||
               (is(r, m->first, NG_WORD_HER) && (flags(r, m->last) & NG_TOKEN_WORD) &&
                !in(r, m->last, NG_LEX_PREP));
    return (flags(r, m->last) & (NG_TOKEN_POSSESSIVE | NG_TOKEN_JOINED)) != 0;
}

/* Whether a clause ends before token i. */
static int is_boundary(const reader *r, size_t i)
{
    return (lex(r, i) & (NG_LEX_BIT(NG_LEX_CLAUSE_END) | NG_LEX_BIT(NG_LEX_CLAUSE_OPENER))) != 0;
}

/* The words that start a reading of their own: read_vehicle's and
 * read_companions'. */
static int opens_reading(ng_lex_word w)
{
    return w >= NG_WORD_BRING && w <= NG_WORD_TRANSPORTING; /* a range (lexicon.h) */
}

/* Whether token i may start a reading: a phrase of the dictionary that can
 * be a relation word, or a word that opens a reading of its own. Phrases
 * with other roles (names, titles, cues) never start one: read_sentence
 * would find no relation word there. */
static int may_start(const reader *r, size_t i)
{
    unsigned roles = NG_GAZ_BIT(NG_GAZ_VERB) | NG_GAZ_BIT(NG_GAZ_NOUN);
    return (r->hits->starts[i].roles & roles) != 0 ||
           opens_reading(ng_lex_word_of(r->t->items[i].lex));
}

/* Whether any token of the sentence may start a reading. Most sentences
 * of news have none, and then nothing else need be done for them. */
static int has_start(const reader *r)
{
    for (size_t i = 0; i < r->t->count; i++)
        if (may_start(r, i))
            return 1;
    return 0;
}

/* The one pass over every token of the sentence. Marks relative clauses
 * (", which ...,"), bracketed and dashed asides as regions of their own,
 * so that arguments are not taken across them; and notes the tokens
 * where read_sentence has something to read: those outside mentions
 * that start a phrase of the dictionary or are a word that opens a
 * reading of its own. */
static void survey(reader *r)
{
    size_t n = r->t->count, open = 0, starts = 0;
    const ng_token *items = r->t->items;
    const long *owner = r->owner;
    size_t *region = r->region;
    ng_lex_word closer = NG_WORD_NONE;
    for (size_t i = 0; i < n; i++) {
        ng_lex_word w = ng_lex_word_of(items[i].lex);
        if (owner[i] < 0 && may_start(r, i))
            r->starts[starts++] = i;
        if (!open) {
            region[i] = 0;
            /* One comparison passes over all but the marks (lexicon.h). */
            if (w < NG_WORD_COMMA || w > NG_WORD_OPEN_PAREN)
                continue;
            if (w == NG_WORD_COMMA && in(r, i + 1, NG_LEX_RELATIVE)) { /* ", which ..." */
                open = i + 2;
                closer = NG_WORD_COMMA;
            } else if (w == NG_WORD_OPEN_PAREN) { /* a bracket or standalone dash sets */
                open = i + 2;                     /* a phrase apart */
                closer = NG_WORD_CLOSE_PAREN;
            } else if (w == NG_WORD_DASH && !(items[i].flags & NG_TOKEN_WORD)) {
                open = i + 2;
                closer = NG_WORD_DASH;
            }
        } else if (w == closer || (closer == NG_WORD_COMMA && w == NG_WORD_SEMICOLON)) {
            open = 0;
            region[i] = 0;
        } else {
            region[i] = i + 1 >= open ? open : 0;
        }
    }
    r->start_count = starts;
}

static size_t region_of(const reader *r, size_t i)
{
    return i < r->t->count ? r->region[i] : 0;
}

/* --- groups --------------------------------------------------------------- */

static void group_add(group *g, size_t mi)
{
    for (size_t i = 0; i < g->count; i++)
        if (g->items[i] == mi)
            return;
    if (g->count < MAX_GROUP)
        g->items[g->count++] = mi;
}

static int same_kind(const reader *r, size_t a, size_t b)
{
    ng_entity_type ta = entity_of(r, a)->type;
    ng_entity_type tb = entity_of(r, b)->type;
    return (ta == NG_ENTITY_PERSON) == (tb == NG_ENTITY_PERSON);
}

/* Extends g leftwards over "A, B and" before mention mi; a comma counts
 * only once "and" has been seen (the list's last member is mi). */
static void coordinate_left(const reader *r, size_t mi, group *g)
{
    size_t first = r->m->items[mi].first;
    int listed = 0;
    while (first >= 2 && (is(r, first - 1, NG_WORD_AND) || is(r, first - 1, NG_WORD_AMPERSAND) ||
                          (listed && is(r, first - 1, NG_WORD_COMMA)))) {
        size_t j = first - 2;
        if (!is(r, first - 1, NG_WORD_COMMA) && is(r, j, NG_WORD_COMMA))
            j--; /* Oxford comma */
        const ng_mention *prev = mention(r, j);
        if (!prev || prev->last != j + 1 || !is_actor(prev) || !same_kind(r, (size_t)r->owner[j], mi))
            return;
        group_add(g, (size_t)r->owner[j]);
        first = prev->first;
        listed = 1;
    }
}

/* Extends g rightwards over ", B and C" after mention mi, keeping only
 * mentions `accept` allows. A comma joins only a list that "and" or "or"
 * closes: in "Russia, South Korean media said" it does not. */
static void coordinate_right(const reader *r, size_t mi, group *g,
                             int (*accept)(const reader *, const ng_mention *))
{
    group more = {{0}, 0, 0};
    size_t last = r->m->items[mi].last;
    while (is(r, last, NG_WORD_COMMA) || is(r, last, NG_WORD_AND) || is(r, last, NG_WORD_OR) ||
           is(r, last, NG_WORD_AMPERSAND)) {
        int closing = !is(r, last, NG_WORD_COMMA);
        size_t j = last + 1;
        if (is(r, last, NG_WORD_COMMA) && (is(r, j, NG_WORD_AND) || is(r, j, NG_WORD_OR))) {
            closing = 1;
            j++;
        }
        const ng_mention *next = mention(r, j);
        if (!next || next->first != j || !accept(r, next) || is_qualifier(r, next))
            return;
        group_add(&more, (size_t)r->owner[j]);
        last = next->last;
        if (closing) {
            for (size_t k = 0; k < more.count; k++)
                group_add(g, more.items[k]);
            return;
        }
    }
}

/* --- subjects ------------------------------------------------------------- */

/* Region ids are 1 + the index of the region's first token, which comes
 * right after its comma, dash or bracket. */
static size_t region_first(size_t reg)
{
    return reg - 1;
}

/* The antecedent of the relative pronoun that opens region `reg`: the
 * mention just before its comma or dash. */
static int antecedent(const reader *r, size_t reg, group *g)
{
    size_t comma = region_first(reg) - 1;
    const ng_mention *m = comma > 0 ? mention(r, comma - 1) : NULL;
    if (!m || m->last != comma || !m->entity)
        return 0;
    group_add(g, (size_t)r->owner[comma - 1]);
    return 1;
}

/* Whether mention m, found scanning left for a subject, can be one. */
static int can_be_subject(const reader *r, const ng_mention *m)
{
    if (!is_actor(m) || is_qualifier(r, m))
        return 0;
    if (m->kind == NG_MENTION_PRONOUN)
        return is(r, m->first, NG_WORD_HE) || is(r, m->first, NG_WORD_SHE); /* not "him", "his" */
    size_t before = m->first;
    while (before > 0 && in(r, before - 1, NG_LEX_DETERMINER))
        before--;
    if (before > 0 && in(r, before - 1, NG_LEX_OBJECT_PREP))
        return 0; /* "with Putin", "at the UN Security Council" */
    ng_gaz_match gm;
    if (before > 0 && match(r, before - 1, NG_GAZ_BIT(NG_GAZ_VERB), &gm) &&
        before - 1 + gm.length == before)
        return 0; /* "to visit Russia soon for a meeting": Russia is visited */
    return 1;
}

/* Who acts with a subject: the leader of a delegation ("a Chinese
 * delegation led by Liu Guozhong"), and whoever "Besides X," or "Along
 * with X," puts beside it at the start of the sentence. */
static void companions(const reader *r, const ng_mention *m, group *g)
{
    const ng_mention *leader = mention(r, m->last + 2);
    if (is(r, m->last, NG_WORD_LED) && is(r, m->last + 1, NG_WORD_BY) && is_actor(leader))
        group_add(g, (size_t)r->owner[m->last + 2]);
    size_t k = 0;
    if (is(r, 0, NG_WORD_BESIDES) || is(r, 0, NG_WORD_LIKE))
        k = 1;
    else if (is(r, 0, NG_WORD_ALONG) && is(r, 1, NG_WORD_WITH))
        k = 2;
    const ng_mention *also = k ? mention(r, k) : NULL;
    if (also && is_actor(also) && is(r, also->last, NG_WORD_COMMA) && also->last < m->first)
        group_add(g, (size_t)r->owner[k]);
}

/* A vehicle between a subject and its verb is what moves: "the plane
 * landed". Its possessor travels in it ("Kim's train", "his train"). */
static int vehicle_subject(const reader *r, size_t k, group *g)
{
    for (size_t j = k; j-- > 0 && j + 3 >= k;) {
        const ng_mention *m = mention(r, j);
        if (flags(r, j) & NG_TOKEN_POSSESSIVE) {
            m = j > 0 ? mention(r, j - 1) : NULL;
            if (m && is_actor(m) && m->entity->type == NG_ENTITY_PERSON)
                group_add(g, (size_t)r->owner[j - 1]);
            return 1;
        }
        if (m && m->kind == NG_MENTION_PRONOUN && is(r, j, NG_WORD_HIS)) {
            group_add(g, (size_t)r->owner[j]);
            return 1;
        }
        if (m || !(flags(r, j) & NG_TOKEN_WORD))
            return 1;
    }
    return 1;
}

/* The subject of a word at token `at`: the nearest mention that can be one,
 * scanning left within the clause, with what is coordinated with it. */
static void find_subject(const reader *r, size_t at, group *g)
{
    g->count = 0;
    size_t reg = region_of(r, at);
    for (size_t k = at; k-- > 0 && at - k <= SCAN_REACH;) {
        if (region_of(r, k) != reg) {
            if (reg)
                return;
            continue; /* an aside inside the main clause */
        }
        if (reg && k == region_first(reg) && in(r, k, NG_LEX_RELATIVE)) {
            if (!is(r, k, NG_WORD_WHERE) && !is(r, k, NG_WORD_WHEN))
                antecedent(r, reg, g);
            return;
        }
        if (is_boundary(r, k))
            return;
        if (in(r, k, NG_LEX_VEHICLE_NOUN)) {
            vehicle_subject(r, k, g);
            return;
        }
        const ng_mention *m = mention(r, k);
        if (!m)
            continue;
        if (can_be_subject(r, m)) {
            group_add(g, (size_t)r->owner[k]);
            coordinate_left(r, (size_t)r->owner[k], g);
            companions(r, m, g);
            return;
        }
        k = m->first;
    }
}

/* --- objects -------------------------------------------------------------- */

/* Whether `word` is one of the trigger's prepositions ("-": a direct object). */
static int has_prep(const trigger *tr, const char *word)
{
    for (size_t i = 0; i < tr->npreps; i++)
        if (strcmp(tr->preps[i], word) == 0)
            return 1;
    return 0;
}

typedef int (*accept_fn)(const reader *, const ng_mention *);

static int ends_in_ing(const reader *r, size_t i)
{
    return ends_with(r, i, 4, "ing", 3);
}

static int accept_actor(const reader *r, const ng_mention *m)
{
    (void)r;
    return is_actor(m);
}

/* A recipient may be named by its adjective: "to refill Russian reserves". */
static int accept_recipient(const reader *r, const ng_mention *m)
{
    (void)r;
    return is_actor(m) || (m && m->entity && m->kind == NG_MENTION_DEMONYM);
}

static int accept_destination(const reader *r, const ng_mention *m)
{
    (void)r;
    return m->entity && m->kind != NG_MENTION_DEMONYM &&
           m->entity->type != NG_ENTITY_PERSON;
}

/* The object of the word ending before `from`: the first acceptable
 * mention after it, directly (if the word takes a direct object) or after
 * one of its prepositions, within the clause. A demonym is the object only
 * when no name follows it in the phrase ("the Russian mercenary group
 * Wagner" is Wagner). Returns the token where the object starts, or 0
 * with g empty. */
static size_t find_object(const reader *r, size_t from, const trigger *tr, accept_fn accept,
                          group *g)
{
    g->count = 0;
    size_t reg = region_of(r, from > 0 ? from - 1 : 0);
    int armed = has_prep(tr, "-"); /* a mention here would be the object */
    int via_prep = 0;
    long demonym = -1;
    for (size_t k = from; k < r->t->count && k < from + OBJECT_REACH; k++) {
        if (region_of(r, k) != reg && !reg)
            continue;
        if (is_boundary(r, k) || is(r, k, NG_WORD_COMMA) || in(r, k, NG_LEX_RELATIVE) ||
            is(r, k, NG_WORD_THAT))
            break;
        ng_gaz_match gm;
        if (k > from && !mention(r, k) &&
            match(r, k, NG_GAZ_BIT(NG_GAZ_VERB) | NG_GAZ_BIT(NG_GAZ_NOUN), &gm))
            break; /* another relation word: its own arguments follow */
        const ng_mention *m = mention(r, k);
        if (m && m->kind == NG_MENTION_DEMONYM) {
            /* "to Russian forces"; but "sending a North Korean cosmonaut"
             * qualifies what is sent */
            if (armed && via_prep && accept(r, m) && demonym < 0)
                demonym = r->owner[k];
            continue;
        }
        if (m && armed && accept(r, m) && !is_qualifier(r, m)) {
            group_add(g, (size_t)r->owner[k]);
            coordinate_right(r, (size_t)r->owner[k], g, accept);
            return k;
        }
        if (m) {
            k = m->last - 1;
            armed = is_qualifier(r, m) && armed; /* "toured North Korea's factories" */
        } else if (in(r, k, NG_LEX_PREP)) {
            armed = via_prep = has_prep(tr, norm(r, k));
        } else if (armed && (in(r, k, NG_LEX_FACILITY_NOUN) || ends_in_ing(r, k))) {
            break; /* the direct object is a described place, or a clause */
        }
    }
    if (demonym < 0)
        return 0;
    group_add(g, (size_t)demonym);
    return r->m->items[demonym].first;
}

/* The mention that follows a preposition `prep` within the next tokens
 * after `from`, if acceptable. */
static int find_after_prep(const reader *r, size_t from, size_t reach, ng_lex_word prep,
                           accept_fn accept, group *g)
{
    g->count = 0;
    for (size_t k = from; k < r->t->count && k < from + reach; k++) {
        if (is_boundary(r, k))
            return 0;
        if (!is(r, k, prep))
            continue;
        /* "to North Korea's celebrations", "to Russian forces": if nothing better */
        long possessor = -1;
        for (size_t j = k + 1; j < r->t->count && j < k + 7; j++) {
            const ng_mention *m = mention(r, j);
            if (m && accept(r, m) && !is_qualifier(r, m) && m->kind != NG_MENTION_DEMONYM) {
                group_add(g, (size_t)r->owner[j]);
                coordinate_right(r, (size_t)r->owner[j], g, accept);
                return 1;
            }
            if (m) {
                if (possessor < 0 && accept(r, m) &&
                    ((flags(r, m->last) & NG_TOKEN_POSSESSIVE) || m->kind == NG_MENTION_DEMONYM))
                    possessor = r->owner[j];
                j = m->last - 1;
                if (!is_qualifier(r, m) && m->kind != NG_MENTION_DEMONYM)
                    break;
                continue;
            }
            /* determiners and adjectives may come between: "to the eastern city" */
            if (in(r, j, NG_LEX_PREP) || !(flags(r, j) & NG_TOKEN_WORD) ||
                in(r, j, NG_LEX_FACILITY_NOUN))
                break;
        }
        if (possessor >= 0) {
            group_add(g, (size_t)possessor);
            return 1;
        }
    }
    return 0;
}

/* --- facilities ----------------------------------------------------------- */

/* Folds the heads that name the same kind of facility together, so that
 * "the plant" finds "an aircraft factory". */
static const char *facility_class(const char *head)
{
    static const char *const works[] = {"factory", "factories", "plant", "plants",
                                        "facility", "facilities"};
    for (size_t i = 0; i < sizeof works / sizeof works[0]; i++)
        if (strcmp(head, works[i]) == 0)
            return "factory";
    return head;
}

/* A described place right after `at` ("an aircraft factory", "North
 * Korea's weapons factories", "a facility producing SJ-100 planes"): adds
 * it as a mention and returns its index, or -1 (setting r->oom if that is
 * for want of memory). */
static long facility_at(reader *r, size_t at)
{
    size_t k = at;
    int definite = is(r, k, NG_WORD_THE);
    if (in(r, k, NG_LEX_DETERMINER))
        k++;
    size_t start = k, head = 0;
    const ng_mention *owner = mention(r, k);
    if (owner && (flags(r, owner->last) & NG_TOKEN_POSSESSIVE))
        k = owner->last + 1; /* "North Korea's" */
    for (; k < r->t->count && k < start + 6; k++) {
        if (!(flags(r, k) & NG_TOKEN_WORD) || in(r, k, NG_LEX_PREP) || in(r, k, NG_LEX_RELATIVE) ||
            in(r, k, NG_LEX_DETERMINER) || is(r, k, NG_WORD_AND) || mention(r, k))
            break;
        if (in(r, k, NG_LEX_FACILITY_NOUN))
            head = k + 1;
    }
    if (!head)
        return -1;
    if (!definite && head == start + 1 && is(r, head, NG_WORD_IN)) {
        const ng_mention *place = mention(r, head + 1);
        if (place && place->entity && place->entity->type == NG_ENTITY_PLACE)
            return r->owner[head + 1];
    }
    size_t end = head;
    if (ends_with(r, end, 3, "ing", 3)) { /* "producing artillery systems" */
        end++;
        while (end < r->t->count && end < head + 6 && (flags(r, end) & NG_TOKEN_WORD) &&
               !in(r, end, NG_LEX_PREP) && !in(r, end, NG_LEX_RELATIVE) && !is(r, end, NG_WORD_AND))
            end++;
    }
    ng_buf_clear(&r->text);
    const char *text = r->v->doc->text;
    if (ng_buf_append(&r->text, text + r->t->items[start].start,
                      r->t->items[end - 1].end - r->t->items[start].start) != 0) {
        r->oom = 1;
        return -1;
    }
    const ng_found_entity *e = ng_resolver_facility(r->res, r->text.data,
                                              facility_class(norm(r, head - 1)), definite, r->err);
    if (!e) {
        r->oom = 1;
        return -1;
    }
    ng_mention m = {0};
    m.first = m.name_first = start;
    m.last = end;
    m.kind = NG_MENTION_FACILITY;
    m.type = NG_ENTITY_PLACE;
    m.typed = 1;
    m.entity = e;
    if (ng_mentions_push(r->m, &m) != 0) {
        r->oom = 1;
        return -1;
    }
    return (long)r->m->count - 1;
}

/* --- modality ------------------------------------------------------------- */

/* Where the clause of token `at` starts. */
static size_t clause_start(const reader *r, size_t at)
{
    size_t reg = region_of(r, at);
    for (size_t k = at; k-- > 0;) {
        if (is_boundary(r, k) || (reg && region_of(r, k) != reg) || at - k > SCAN_REACH)
            return k + 1;
    }
    return 0;
}

static ng_modality stronger_cue(ng_modality found, ng_modality cue)
{
    /* Denied overrides, then planned, then alleged (GUIDELINES.md). */
    static const int rank[NG_MODALITY_COUNT] = {
        [NG_MODALITY_DENIED] = 3, [NG_MODALITY_PLANNED] = 2, [NG_MODALITY_ALLEGED] = 1,
        [NG_MODALITY_ASSERTED] = 0};
    return rank[cue] > rank[found] ? cue : found;
}

/* The modality cue at token k, if any, and its length in *len. */
static int cue_at(const reader *r, size_t k, ng_modality *m, size_t *len)
{
    ng_gaz_match gm;
    if (!match(r, k, NG_GAZ_BIT(NG_GAZ_MODALITY), &gm))
        return 0;
    int modality = gm.targets[0].entry->modality; /* parsed when loaded */
    *len = gm.length;
    if (modality < 0)
        return 0;
    *m = (ng_modality)modality;
    return 1;
}

/* Predicate adjectives after a noun: "a Kim-Putin meeting is possible". */
static ng_modality modality_after(const reader *r, const trigger *tr, ng_modality found)
{
    size_t k = tr->last;
    while (k < tr->last + 6 && k < r->t->count && !is(r, k, NG_WORD_IS) && !is(r, k, NG_WORD_WAS) &&
           !is_boundary(r, k))
        k++;
    ng_modality m;
    size_t len;
    if ((is(r, k, NG_WORD_IS) || is(r, k, NG_WORD_WAS)) && cue_at(r, k + 1, &m, &len) &&
        m == NG_MODALITY_PLANNED)
        return stronger_cue(found, m);
    return found;
}

/* Where the cues that bear on a relation word start: its clause, and for
 * a noun only the part after the last place preposition, since in "likely
 * tied to the deployments" the cue bears on "tied", not on the noun. */
static size_t cue_start(const reader *r, const trigger *tr)
{
    size_t start = clause_start(r, tr->first);
    if (tr->noun)
        for (size_t k = tr->first; k-- > start;)
            if (in(r, k, NG_LEX_LOCATION_PREP))
                return k + 1;
    return start;
}

static int is_plain_word(const reader *r, size_t i);

/* Whether the noun is the object of an infinitive ("to strengthen
 * sanctions", "to impose new sanctions"): an intention, not an event. */
static int infinitive_object(const reader *r, const trigger *tr)
{
    size_t k = tr->first;
    while (k > 0 && k + 3 > tr->first && in(r, k - 1, NG_LEX_DETERMINER))
        k--;
    while (k > 1 && k + 3 > tr->first && !is(r, k - 2, NG_WORD_TO) && is_plain_word(r, k - 1) &&
           !(flags(r, k - 1) & NG_TOKEN_CAPITAL))
        k--; /* "to impose new sanctions": an adjective between */
    return k > 1 && is(r, k - 2, NG_WORD_TO) && is_plain_word(r, k - 1);
}

static ng_modality modality_of(const reader *r, const trigger *tr)
{
    ng_modality found = NG_MODALITY_ASSERTED;
    if (tr->noun && tr->first > 0 && is(r, tr->first - 1, NG_WORD_ANY))
        found = NG_MODALITY_PLANNED; /* "any arms export would violate ..." */
    if (tr->noun && infinitive_object(r, tr))
        found = NG_MODALITY_PLANNED; /* "efforts to strengthen sanctions" */
    for (size_t k = cue_start(r, tr); k < tr->first; k++) {
        ng_modality m;
        size_t len;
        if (ng_gaz_starts_at(r->hits, k) && cue_at(r, k, &m, &len) && k + len <= tr->first)
            found = stronger_cue(found, m);
        else if (in(r, k, NG_LEX_NEGATION) && k + NEGATION_REACH >= tr->first)
            found = stronger_cue(found, NG_MODALITY_DENIED);
    }
    return tr->noun ? modality_after(r, tr, found) : found;
}

/* modality_of, once per trigger: it reads only the trigger's place and
 * kind, and the sentence, which do not change while it is read. */
static ng_modality trigger_modality(reader *r, const trigger *tr)
{
    if (!r->modality_known || r->modality_first != tr->first || r->modality_last != tr->last ||
        r->modality_noun != tr->noun) {
        r->modality = modality_of(r, tr);
        r->modality_first = tr->first;
        r->modality_last = tr->last;
        r->modality_noun = tr->noun;
        r->modality_known = 1;
    }
    return r->modality;
}

/* --- evidence ------------------------------------------------------------- */

/* The item supplied: the words after `from` up to a preposition, a
 * mention or punctuation ("artillery shells", "weapons and ammunition"). */
static const char *item_after(reader *r, size_t from)
{
    size_t k = from, start;
    while (in(r, k, NG_LEX_DETERMINER))
        k++;
    start = k;
    while (k < r->t->count && k < start + 6 && (flags(r, k) & NG_TOKEN_WORD) && !mention(r, k) &&
           !in(r, k, NG_LEX_PREP) && !in(r, k, NG_LEX_RELATIVE) && !is_boundary(r, k))
        k++;
    while (k > start && (is(r, k - 1, NG_WORD_AND) || is(r, k - 1, NG_WORD_OR)))
        k--;
    if (k == start)
        return NULL;
    ng_buf_clear(&r->item);
    const char *text = r->v->doc->text;
    if (ng_buf_append(&r->item, text + r->t->items[start].start,
                      r->t->items[k - 1].end - r->t->items[start].start) != 0)
        return NULL;
    return r->item.data;
}

/* The place of a meeting: "in Vladivostok", "at the cosmodrome". */
static const char *place_after(reader *r, size_t from)
{
    for (size_t k = from; k < r->t->count && k < from + OBJECT_REACH; k++) {
        if (is_boundary(r, k))
            return NULL;
        if (!is(r, k, NG_WORD_IN) && !is(r, k, NG_WORD_AT))
            continue;
        const ng_mention *m = mention(r, k + 1 + in(r, k + 1, NG_LEX_DETERMINER));
        const ng_found_entity *e = m ? ng_resolver_place(r->res, r->t, m, r->err) : NULL;
        if (e && e->type == NG_ENTITY_PLACE)
            return e->id;
    }
    return NULL;
}

/* Copies raw[start, end) into buf with NUL bytes made spaces. */
static const char *copy_raw(ng_buf *buf, const ng_document *doc, size_t start, size_t end)
{
    ng_buf_clear(buf);
    size_t n = end - start;
    if (ng_buf_reserve(buf, n) != 0)
        return NULL;
    /* Through local pointers, which the compiler can vectorise. */
    char *out = buf->data;
    const char *raw = doc->raw + start;
    for (size_t i = 0; i < n; i++)
        out[i] = raw[i] ? raw[i] : ' ';
    out[n] = '\0';
    buf->len = n;
    return out;
}

/* The evidence of a relation word: the sentence as the document has it
 * (made once per sentence), or for an overlong one a window around the
 * word. Sets the byte span the text covers. */
static const char *evidence_text(reader *r, const trigger *tr, long long *start, long long *end)
{
    const ng_document *doc = r->v->doc;
    size_t from = doc->origin[r->v->span.start], to = doc->origin[r->v->span.end];
    if (to - from > EVIDENCE_MAX) {
        size_t word = doc->origin[r->t->items[tr->first].start];
        from = word - from > EVIDENCE_CONTEXT ? word - EVIDENCE_CONTEXT : from;
        to = to - word > EVIDENCE_CONTEXT ? word + EVIDENCE_CONTEXT : to;
        *start = (long long)from;
        *end = (long long)to;
        return copy_raw(&r->text, doc, from, to);
    }
    *start = (long long)from;
    *end = (long long)to;
    if (!r->sentence_made) {
        r->sentence_made = 1;
        return copy_raw(&r->sentence, doc, from, to);
    }
    return r->sentence.data;
}

typedef struct link {
    const ng_found_entity *source, *target;
    const trigger *tr;
    const char *item;
    const char *place;
} link;

/* Whether a signing says its parties met: only people meet to sign ("the
 * Falepili Union signed with Australia" is a treaty, not a meeting). */
static int signing_between_people(const link *l)
{
    const ng_dict_entry *e = l->tr->entry;
    if (!e || strcmp(e->name, "sign") != 0)
        return 1;
    return l->source->type == NG_ENTITY_PERSON && l->target->type == NG_ENTITY_PERSON;
}

static int add_link(reader *r, const link *l)
{
    if (!l->source || !l->target || l->source == l->target || !signing_between_people(l))
        return 0;
    const ng_found_edge *edge =
        ng_found_add_edge(r->found, l->source, l->tr->relation, l->target, r->err);
    if (!edge)
        return NG_ERR_NOMEM;
    const ng_document *doc = r->v->doc;
    char trigger_text[128];
    size_t a = r->t->items[l->tr->first].start, b = r->t->items[l->tr->last - 1].end;
    size_t n = b - a < sizeof trigger_text - 1 ? b - a : sizeof trigger_text - 1;
    memcpy(trigger_text, doc->text + a, n);
    trigger_text[n] = '\0';
    ng_evidence ev = {0};
    ev.doc = doc->name;
    ev.sentence = r->v->number;
    ev.text = evidence_text(r, l->tr, &ev.start, &ev.end);
    ev.trigger = trigger_text;
    ev.modality = trigger_modality(r, l->tr);
    ev.date = doc->date;
    ev.place = l->place;
    ev.item = l->item;
    if (!ev.text || ng_found_add_evidence(r->found, edge, &ev, r->err) != 0)
        return NG_ERR_NOMEM;
    if (l->tr->relation == NG_RELATION_SUPPLIES) {
        r->last_supply = edge;
        r->last_supplier = l->source;
    }
    if (l->tr->relation == NG_RELATION_VISITS && ev.modality != NG_MODALITY_DENIED &&
        ng_resolver_note_visit(r->res, l->source, l->target) != 0)
        return NG_ERR_NOMEM;
    return 0;
}

/* Links every member of `from` to every member of `to`. */
static int link_groups(reader *r, const group *from, const group *to, const trigger *tr,
                       const char *item, const char *place)
{
    for (size_t i = 0; i < from->count; i++)
        for (size_t j = 0; j < to->count; j++) {
            link l = {member(r, from, i), member(r, to, j), tr, item, place};
            if (add_link(r, &l) != 0)
                return NG_ERR_NOMEM;
        }
    return 0;
}

/* Links every pair within a group ("Kim and Putin met"). */
static int link_within(reader *r, const group *g, const trigger *tr, const char *place)
{
    for (size_t i = 0; i < g->count; i++)
        for (size_t j = i + 1; j < g->count; j++) {
            link l = {member(r, g, i), member(r, g, j), tr, NULL, place};
            if (add_link(r, &l) != 0)
                return NG_ERR_NOMEM;
        }
    return 0;
}

/* --- verbs ---------------------------------------------------------------- */

static int is_passive(const reader *r, const trigger *tr)
{
    ng_lex_word w = word(r, tr->first);
    int participle = ends_with(r, tr->first, 2, "ed", 2) || w == NG_WORD_SENT ||
                     w == NG_WORD_SOLD || w == NG_WORD_GIVEN || w == NG_WORD_MET ||
                     w == NG_WORD_SHIPPED;
    if (!participle)
        return 0;
    if (is(r, tr->last, NG_WORD_BY) && tr->first > 0 && !mention(r, tr->first - 1))
        return 1; /* "an agreement signed by A and B" */
    for (size_t k = tr->first; k-- > 0 && k + 3 >= tr->first;) {
        if (in(r, k, NG_LEX_BE))
            return 1;
        if (mention(r, k))
            return 0;
    }
    return 0;
}

static int verb_visits(reader *r, const trigger *tr, const group *subject)
{
    group target = {{0}, 0, 1};
    size_t reg = region_of(r, tr->first);
    if (!find_object(r, tr->last, tr, accept_destination, &target)) {
        long fac = has_prep(tr, "-") ? facility_at(r, tr->last) : -1;
        if (r->oom)
            return NG_ERR_NOMEM;
        if (fac >= 0)
            group_add(&target, (size_t)fac);
        else if (!reg || !is(r, region_first(reg), NG_WORD_WHERE) || !antecedent(r, reg, &target))
            return 0;
    }
    return link_groups(r, subject, &target, tr, NULL, NULL);
}

/* "accompanied Kim to the plant": whoever goes with someone somewhere
 * visits it too. */
static int accompany_to(reader *r, const trigger *tr, const group *subject, const group *other)
{
    if (!is(r, tr->first, NG_WORD_ACCOMPANIED) && !is(r, tr->first, NG_WORD_ACCOMPANY) &&
        !is(r, tr->first, NG_WORD_ACCOMPANIES) && !is(r, tr->first, NG_WORD_ACCOMPANYING))
        return 0;
    size_t k = r->m->items[other->items[other->count - 1]].last;
    if (!is(r, k, NG_WORD_TO))
        return 0;
    group target = {{0}, 0, 1};
    if (!find_after_prep(r, k, 1, NG_WORD_TO, accept_destination, &target)) {
        long fac = facility_at(r, k + 1);
        if (fac < 0)
            return r->oom ? NG_ERR_NOMEM : 0;
        group_add(&target, (size_t)fac);
    }
    trigger visit = *tr;
    visit.relation = NG_RELATION_VISITS;
    if (link_groups(r, subject, &target, &visit, NULL, NULL) != 0)
        return NG_ERR_NOMEM;
    return link_groups(r, other, &target, &visit, NULL, NULL);
}

static int verb_meets(reader *r, const trigger *tr, const group *subject)
{
    group other = {{0}, 0, 0};
    const char *place = place_after(r, tr->last);
    if (find_object(r, tr->last, tr, accept_actor, &other)) {
        if (accompany_to(r, tr, subject, &other) != 0)
            return NG_ERR_NOMEM;
        return link_groups(r, subject, &other, tr, NULL, place);
    }
    return link_within(r, subject, tr, place);
}

/* "China sent a delegation led by Liu Guozhong to North Korea": the
 * sender and the delegation's leader visit. */
static int send_envoy(reader *r, const trigger *tr, const group *subject)
{
    size_t k = tr->last;
    while (in(r, k, NG_LEX_DETERMINER) || (flags(r, k) & NG_TOKEN_WORD && !in(r, k, NG_LEX_ENVOY_NOUN) &&
                                            !in(r, k, NG_LEX_PREP) && !mention(r, k) && k < tr->last + 3))
        k++;
    if (!in(r, k, NG_LEX_ENVOY_NOUN))
        return -1;
    group target = {{0}, 0, 1}, leader = {{0}, 0, 0};
    trigger visit = *tr;
    visit.relation = NG_RELATION_VISITS;
    if (!find_after_prep(r, k, OBJECT_REACH, NG_WORD_TO, accept_destination, &target))
        return 0;
    if (link_groups(r, subject, &target, &visit, NULL, NULL) != 0)
        return NG_ERR_NOMEM;
    if (is(r, k + 1, NG_WORD_LED) &&
        find_after_prep(r, k + 1, 2, NG_WORD_BY, accept_actor, &leader))
        return link_groups(r, &leader, &target, &visit, NULL, NULL);
    return 0;
}

static int verb_supplies(reader *r, const trigger *tr, const group *subject)
{
    group recipient = {{0}, 0, 0}, source = {{0}, 0, 0};
    const char *item = NULL;
    int envoy = send_envoy(r, tr, subject);
    if (envoy >= 0)
        return envoy;
    if (ng_dict_value(tr->entry, "subject") &&
        strcmp(ng_dict_value(tr->entry, "subject"), "recipient") == 0) {
        if (!find_after_prep(r, tr->last, OBJECT_REACH, NG_WORD_FROM, accept_actor, &source))
            return 0;
        return link_groups(r, &source, subject, tr, item_after(r, tr->last), NULL);
    }
    size_t at = find_object(r, tr->last, tr, accept_recipient, &recipient);
    if (!at)
        return 0;
    if (at == tr->last) { /* "providing Russia with arms" */
        group tmp = {{0}, 0, 0};
        find_after_prep(r, at, 3, NG_WORD_WITH, accept_actor, &tmp);
        const ng_mention *m = mention(r, at);
        size_t after = m ? m->last : at;
        item = is(r, after, NG_WORD_WITH) ? item_after(r, after + 1) : item_after(r, after);
    } else {
        item = item_after(r, tr->last);
    }
    return link_groups(r, subject, &recipient, tr, item, NULL);
}

static int verb_sanctions(reader *r, const trigger *tr, const group *subject)
{
    group target = {{0}, 0, 1};
    if (!find_object(r, tr->last, tr, accept_actor, &target))
        return 0;
    return link_groups(r, subject, &target, tr, NULL, NULL);
}

static int accept_person(const reader *r, const ng_mention *m)
{
    (void)r;
    return is_actor(m) && m->entity->type == NG_ENTITY_PERSON;
}

/* The people named after `from` in the clause: "his foreign minister Choe
 * Sun Hui, and his top two military officials - marshals Ri Pyong Chol and
 * Pak Jong Chon". */
static void people_after(const reader *r, size_t from, group *g)
{
    for (size_t k = from; k < r->t->count && k < from + SCAN_REACH && !is_boundary(r, k); k++) {
        const ng_mention *m = mention(r, k);
        if (!m)
            continue;
        if (accept_person(r, m) && !is_qualifier(r, m))
            group_add(g, (size_t)r->owner[k]);
        k = m->last - 1;
    }
}

/* Those who travel with `leader` go where the document last said the
 * leader went: "bringing Jo Chun Ryong", "his delegation includes ...",
 * "accompanied by the foreign minister". */
static int companions_visit(reader *r, const trigger *tr, const ng_found_entity *leader,
                            size_t from)
{
    const ng_found_entity *where = leader ? ng_resolver_destination(r->res, leader) : NULL;
    if (!where)
        return 0;
    group people = {{0}, 0, 0};
    people_after(r, from, &people);
    trigger visit = *tr;
    visit.relation = NG_RELATION_VISITS;
    for (size_t i = 0; i < people.count; i++) {
        link l = {entity_of(r, people.items[i]), where, &visit, NULL, NULL};
        if (add_link(r, &l) != 0)
            return NG_ERR_NOMEM;
    }
    return 0;
}

static int possessor(const reader *r, size_t noun, group *g);

/* "Mr Kim is also bringing Jo Chun Ryong"; "Kim Jong-un's delegation
 * likely includes ...". */
static int read_companions(reader *r, size_t i)
{
    trigger tr = {.first = i, .last = i + 1, .relation = NG_RELATION_VISITS};
    group leader = {{0}, 0, 0};
    ng_lex_word w = word(r, i);
    if (w == NG_WORD_BRING || w == NG_WORD_BRINGS || w == NG_WORD_BRINGING ||
        w == NG_WORD_BROUGHT) {
        find_subject(r, i, &leader);
    } else if (w == NG_WORD_INCLUDE || w == NG_WORD_INCLUDES || w == NG_WORD_INCLUDED) {
        size_t k = i;
        while (k > 0 && k + 4 > i && !in(r, k - 1, NG_LEX_ENVOY_NOUN))
            k--;
        if (k == 0 || !in(r, k - 1, NG_LEX_ENVOY_NOUN))
            return 0;
        /* "Kim's delegation includes", or "The officials include": the
         * party of whoever the document last said was travelling */
        if (!possessor(r, k - 1, &leader) && is(r, k - 2, NG_WORD_THE))
            return companions_visit(r, &tr, ng_resolver_last_traveller(r->res), i + 1);
    } else {
        return 0;
    }
    if (leader.count != 1 || entity_of(r, leader.items[0])->type != NG_ENTITY_PERSON)
        return 0;
    return companions_visit(r, &tr, entity_of(r, leader.items[0]), i + 1);
}

/* "North Korean troops were sent to Russia": the country sends its own. */
static int sent_group(reader *r, const trigger *tr, const group *subject)
{
    if (tr->relation != NG_RELATION_SUPPLIES || subject->count != 1 ||
        r->m->items[subject->items[0]].kind != NG_MENTION_GROUP)
        return 0;
    group recipient = {{0}, 0, 0};
    if (!find_after_prep(r, tr->last, 4, NG_WORD_TO, accept_recipient, &recipient))
        return 0;
    return link_groups(r, subject, &recipient, tr, NULL, NULL);
}

/* Passive: "Armenia was supplied with artillery by India", "shells were
 * sent to Russia by North Korea". */
static int verb_passive(reader *r, const trigger *tr, const group *subject)
{
    group agent = {{0}, 0, 0}, other = {{0}, 0, 0};
    if (is(r, tr->first, NG_WORD_ACCOMPANIED))
        return subject->count ? companions_visit(r, tr, entity_of(r, subject->items[0]), tr->last)
                              : 0; /* "Kim left for Russia, accompanied by ..." */
    if (!find_after_prep(r, tr->last, OBJECT_REACH, NG_WORD_BY, accept_actor, &agent))
        return sent_group(r, tr, subject);
    if (find_after_prep(r, tr->last, OBJECT_REACH, NG_WORD_TO, accept_actor, &other))
        return link_groups(r, &agent, &other, tr, NULL, NULL);
    if (tr->relation == NG_RELATION_MEETS && subject->count == 0)
        return link_within(r, &agent, tr, place_after(r, tr->last)); /* "signed by A and B" */
    return link_groups(r, &agent, subject, tr, NULL, NULL);
}

/* A past participle after a noun, with no subject of its own: "artillery
 * shells sold to the Russian mercenary group Wagner" takes the supplier of
 * the sentence's previous supply. */
static int verb_reduced(reader *r, const trigger *tr)
{
    if (tr->relation != NG_RELATION_SUPPLIES || !r->last_supplier)
        return 0;
    group recipient = {{0}, 0, 0};
    if (!find_after_prep(r, tr->last, 4, NG_WORD_TO, accept_recipient, &recipient))
        return 0;
    for (size_t i = 0; i < recipient.count; i++) {
        link l = {r->last_supplier, entity_of(r, recipient.items[i]), tr, NULL, NULL};
        if (add_link(r, &l) != 0)
            return NG_ERR_NOMEM;
    }
    return 0;
}

/* A plain lower-case word: not a function word, an adverb or a name. */
static int is_plain_word(const reader *r, size_t i)
{
    return (flags(r, i) & NG_TOKEN_WORD) && !(flags(r, i) & NG_TOKEN_CAPITAL) && !mention(r, i) &&
           !(lex(r, i) & (NG_LEX_BIT(NG_LEX_AUXILIARY) | NG_LEX_BIT(NG_LEX_NEGATION) |
                          NG_LEX_BIT(NG_LEX_PREP) | NG_LEX_BIT(NG_LEX_DETERMINER) |
                          NG_LEX_BIT(NG_LEX_PERSON_PRONOUN) | NG_LEX_BIT(NG_LEX_ADVERB))) &&
           !ends_with(r, i, 2, "ly", 2);
}

/* A participle after a noun phrase in object position opens a reduced
 * relative clause ("including artillery shells sold to Wagner"): it has
 * no subject of its own. */
static int is_reduced_relative(const reader *r, const trigger *tr)
{
    ng_lex_word w = word(r, tr->first);
    int participle = ends_with(r, tr->first, 2, "ed", 2) || w == NG_WORD_SENT ||
                     w == NG_WORD_SOLD || w == NG_WORD_GIVEN;
    if (!participle || tr->first == 0 || !is_plain_word(r, tr->first - 1))
        return 0;
    size_t k = tr->first - 1;
    while (k > 0 && (is_plain_word(r, k - 1) || in(r, k - 1, NG_LEX_DETERMINER)))
        k--;
    return k > 0 && (in(r, k - 1, NG_LEX_OBJECT_PREP) || is(r, k - 1, NG_WORD_INCLUDING));
}

/* A gerund that opens the sentence ("Since entering Russia ..., Kim has
 * met Putin") takes the subject of the main clause after the comma. */
static void gerund_subject(const reader *r, const trigger *tr, group *g)
{
    if (!ends_in_ing(r, tr->first) || clause_start(r, tr->first) + 2 < tr->first)
        return;
    size_t k = tr->last;
    while (k < r->t->count && k < tr->last + SCAN_REACH && !is(r, k, NG_WORD_COMMA) &&
           !is_boundary(r, k))
        k++;
    const ng_mention *m = is(r, k, NG_WORD_COMMA) ? mention(r, k + 1) : NULL;
    if (m && is_actor(m) && !is_qualifier(r, m))
        group_add(g, (size_t)r->owner[k + 1]);
}

static int read_verb(reader *r, const trigger *tr)
{
    group subject = {{0}, 0, 0};
    if (!is_reduced_relative(r, tr))
        find_subject(r, tr->first, &subject);
    if (subject.count == 0 && !tr->passive)
        gerund_subject(r, tr, &subject);
    if (tr->passive)
        return verb_passive(r, tr, &subject);
    if (subject.count == 0)
        return verb_reduced(r, tr);
    switch (tr->relation) {
    case NG_RELATION_VISITS: return verb_visits(r, tr, &subject);
    case NG_RELATION_MEETS: return verb_meets(r, tr, &subject);
    case NG_RELATION_SUPPLIES: return verb_supplies(r, tr, &subject);
    case NG_RELATION_SANCTIONS: return verb_sanctions(r, tr, &subject);
    }
    return 0;
}

/* --- nouns ---------------------------------------------------------------- */

/* The nearest actor before token k in the sentence, with what is
 * coordinated with it: what "their" and "its" refer to when the clause
 * has no subject ("pressure on the United States and its partners ...
 * despite their shipments"). */
static void nearest_actor_before(const reader *r, size_t k, group *g)
{
    for (size_t from = k; k-- > 0 && from - k <= SCAN_REACH;) {
        const ng_mention *m = mention(r, k);
        if (m && is_actor(m) && !is_qualifier(r, m)) {
            group_add(g, (size_t)r->owner[k]);
            coordinate_left(r, (size_t)r->owner[k], g);
            return;
        }
        if (m)
            k = m->first;
    }
}

/* The possessor before a noun phrase ending at `noun` ("Putin's state
 * visit", "their summit"); `their` and `its` stand for the clause's
 * subject. */
static int possessor(const reader *r, size_t noun, group *g)
{
    g->count = 0;
    for (size_t k = noun; k-- > 0 && k + MODIFIER_REACH >= noun;) {
        if (flags(r, k) & NG_TOKEN_POSSESSIVE) {
            const ng_mention *m = k > 0 ? mention(r, k - 1) : NULL;
            if (m && is_actor(m))
                group_add(g, (size_t)r->owner[k - 1]);
            return g->count > 0;
        }
        if (is(r, k, NG_WORD_THEIR) || is(r, k, NG_WORD_ITS)) {
            find_subject(r, k, g);
            if (g->count == 0)
                nearest_actor_before(r, k, g);
            return g->count > 0;
        }
        if (mention(r, k) || in(r, k, NG_LEX_PREP) || !(flags(r, k) & NG_TOKEN_WORD))
            return 0;
    }
    return 0;
}

/* A mention qualifying the noun: "US sanctions", "Russian technology
 * transfers", "US and EU sanctions"; not across a verb ("Spain sent aid"). */
static int modifier(const reader *r, size_t noun, group *g)
{
    g->count = 0;
    for (size_t k = noun; k-- > 0 && k + MODIFIER_REACH >= noun;) {
        const ng_mention *m = mention(r, k);
        if (m) {
            if (m->entity && is_actor_type(m->entity->type) &&
                !(flags(r, m->last) & NG_TOKEN_POSSESSIVE)) {
                group_add(g, (size_t)r->owner[k]);
                coordinate_left(r, (size_t)r->owner[k], g);
            }
            return g->count > 0;
        }
        ng_gaz_match gm;
        if (in(r, k, NG_LEX_PREP) || in(r, k, NG_LEX_DETERMINER) || !(flags(r, k) & NG_TOKEN_WORD) ||
            in(r, k, NG_LEX_AUXILIARY) ||
            match(r, k, NG_GAZ_BIT(NG_GAZ_VERB), &gm))
            return 0;
    }
    return 0;
}

/* "US-led efforts ...": the leader of an effort earlier in the clause. */
static int led_by(const reader *r, size_t noun, group *g)
{
    g->count = 0;
    for (size_t k = clause_start(r, noun); k + 1 < noun; k++) {
        const ng_mention *m = mention(r, k);
        if (m && m->last == k + 1 && (flags(r, k + 1) & NG_TOKEN_JOINED) &&
            (is(r, k + 1, NG_WORD_LED) || is(r, k + 1, NG_WORD_BACKED)) && m->entity)
            group_add(g, (size_t)r->owner[k]);
    }
    return g->count > 0;
}

/* The nearest organisation named earlier in the clause, after "at" or "in". */
static int organization_before(const reader *r, size_t noun, group *g)
{
    for (size_t k = noun; k-- > clause_start(r, noun);) {
        const ng_mention *m = mention(r, k);
        if (!m)
            continue;
        size_t before = m->first;
        while (before > 0 && in(r, before - 1, NG_LEX_DETERMINER))
            before--;
        if (m->entity && m->entity->type == NG_ENTITY_ORGANIZATION && before > 0 &&
            (is(r, before - 1, NG_WORD_AT) || is(r, before - 1, NG_WORD_IN))) {
            group_add(g, (size_t)r->owner[k]);
            return 1;
        }
        k = m->first;
    }
    return 0;
}

/* Who does what a noun names: possessor, modifier, "by X", the leader of
 * the effort, the clause's subject, or, for a phrase that opens the
 * sentence ("On a visit to Tuvalu, Wong said"), the person after it. */
/* The nearest person earlier in the clause who can act: meetings are
 * between people far more often than between the places around them. */
static int person_before(const reader *r, const trigger *tr, group *g)
{
    size_t reg = region_of(r, tr->first);
    for (size_t k = tr->first; k-- > clause_start(r, tr->first);) {
        const ng_mention *m = mention(r, k);
        if (region_of(r, k) == reg && m && can_be_subject(r, m) &&
            m->entity->type == NG_ENTITY_PERSON) {
            group_add(g, (size_t)r->owner[k]);
            coordinate_left(r, (size_t)r->owner[k], g);
            return 1;
        }
        if (m)
            k = m->first;
    }
    return 0;
}

static int noun_agent(const reader *r, const trigger *tr, size_t after, group *g)
{
    if (possessor(r, tr->first, g) || modifier(r, tr->first, g) ||
        find_after_prep(r, tr->last, 3, NG_WORD_BY, accept_actor, g) || led_by(r, tr->first, g))
        return 1;
    if (tr->relation == NG_RELATION_MEETS && person_before(r, tr, g))
        return 1;
    find_subject(r, tr->first, g);
    /* "Kim and Putin are to discuss supplies of weapons to Moscow" says
     * nothing of who supplies: only states and bodies stand in that way. */
    int people_ok = tr->relation == NG_RELATION_MEETS || tr->relation == NG_RELATION_VISITS;
    for (size_t i = 0; i < g->count && !people_ok; i++)
        if (entity_of(r, g->items[i])->type == NG_ENTITY_PERSON)
            g->count = 0;
    if (g->count)
        return 1;
    for (size_t k = after; k < r->t->count && k < after + SCAN_REACH; k++) {
        const ng_mention *m = mention(r, k);
        if (m && is_actor(m) && m->entity->type == NG_ENTITY_PERSON) {
            group_add(g, (size_t)r->owner[k]);
            return 1;
        }
        if (is_boundary(r, k))
            break;
    }
    return 0;
}

/* "the Kim-Putin summit": two mentions joined by a hyphen before the noun. */
static int hyphen_pair(const reader *r, size_t noun, group *g)
{
    g->count = 0;
    const ng_mention *b = noun > 0 ? mention(r, noun - 1) : NULL;
    if (!b || b->last != noun || !(flags(r, b->first) & NG_TOKEN_JOINED) || b->first == 0)
        return 0;
    const ng_mention *a = mention(r, b->first - 1);
    if (!is_actor(a) || !is_actor(b))
        return 0;
    group_add(g, (size_t)r->owner[b->first - 1]);
    group_add(g, (size_t)r->owner[noun - 1]);
    return 1;
}

static int noun_meets(reader *r, const trigger *tr)
{
    group pair = {{0}, 0, 0}, agent = {{0}, 0, 0}, other = {{0}, 0, 0};
    const char *place = place_after(r, tr->last);
    if (hyphen_pair(r, tr->first, &pair))
        return link_within(r, &pair, tr, place);
    if (find_after_prep(r, tr->last, 3, NG_WORD_BETWEEN, accept_actor, &pair) && pair.count >= 2)
        return link_within(r, &pair, tr, place);
    if (find_after_prep(r, tr->last, 3, NG_WORD_WITH, accept_actor, &other)) {
        if (noun_agent(r, tr, other.count ? r->m->items[other.items[0]].last : tr->last, &agent))
            return link_groups(r, &agent, &other, tr, NULL, place);
        return 0;
    }
    if (possessor(r, tr->first, &agent) && agent.count >= 2)
        return link_within(r, &agent, tr, place);
    return 0;
}

/* "the visit of Pope Francis": an actor right after "of" is the visitor
 * (but "a tour of the plant" is toured); returns where the target may
 * start. */
static size_t visitor_after_of(const reader *r, const trigger *tr, group *agent)
{
    const ng_mention *m = is(r, tr->last, NG_WORD_OF) ? mention(r, tr->last + 1) : NULL;
    if (!m || !accept_person(r, m) || is_qualifier(r, m))
        return tr->last;
    group_add(agent, (size_t)r->owner[tr->last + 1]);
    return m->last;
}

static int noun_visits(reader *r, const trigger *tr)
{
    group target = {{0}, 0, 1}, agent = {{0}, 0, 0};
    size_t from = visitor_after_of(r, tr, &agent);
    ng_lex_word prep = from == tr->last && has_prep(tr, "of") &&
                               is(r, tr->last, NG_WORD_OF) ? NG_WORD_OF : NG_WORD_TO;
    if (!find_after_prep(r, from, 2, prep, accept_destination, &target)) {
        if (!is(r, from, prep))
            return 0;
        long fac = facility_at(r, from + 1);
        if (fac < 0)
            return r->oom ? NG_ERR_NOMEM : 0;
        group_add(&target, (size_t)fac);
    }
    size_t after = r->m->items[target.items[target.count - 1]].last;
    if (agent.count == 0 && !noun_agent(r, tr, after, &agent))
        return 0;
    return link_groups(r, &agent, &target, tr, NULL, NULL);
}

/* "deployments of North Korean troops to Russia": the source inside the
 * of-phrase. */
static int source_in_of(const reader *r, const trigger *tr, group *g)
{
    g->count = 0;
    if (!is(r, tr->last, NG_WORD_OF))
        return 0;
    for (size_t k = tr->last + 1; k < r->t->count && k < tr->last + 5; k++) {
        const ng_mention *m = mention(r, k);
        if (m && m->entity && is_actor_type(m->entity->type)) {
            group_add(g, (size_t)r->owner[k]);
            return 1;
        }
        if (in(r, k, NG_LEX_PREP) || !(flags(r, k) & NG_TOKEN_WORD))
            return 0;
    }
    return 0;
}

static int noun_supplies(reader *r, const trigger *tr)
{
    group recipient = {{0}, 0, 0}, source = {{0}, 0, 0};
    if (!find_after_prep(r, tr->last, OBJECT_REACH - 4, NG_WORD_TO, accept_recipient, &recipient) &&
        !find_after_prep(r, tr->last, 3, NG_WORD_FOR, accept_recipient, &recipient) &&
        !(has_prep(tr, "with") &&
          find_after_prep(r, tr->last, 3, NG_WORD_WITH, accept_recipient, &recipient)))
        return 0;
    if (!find_after_prep(r, tr->last, OBJECT_REACH - 4, NG_WORD_FROM, accept_actor, &source) &&
        !source_in_of(r, tr, &source) &&
        !noun_agent(r, tr, r->m->items[recipient.items[0]].last, &source))
        return 0;
    const char *item = is(r, tr->last, NG_WORD_OF) ? item_after(r, tr->last + 1) : NULL;
    return link_groups(r, &source, &recipient, tr, item, NULL);
}

static int noun_sanctions(reader *r, const trigger *tr)
{
    group target = {{0}, 0, 1}, agent = {{0}, 0, 0};
    if (!find_after_prep(r, tr->last, 2, NG_WORD_ON, accept_actor, &target) &&
        !find_after_prep(r, tr->last, 2, NG_WORD_AGAINST, accept_actor, &target))
        return 0;
    if (led_by(r, tr->first, &agent)) {
        /* "US-led efforts at the UN Security Council to strengthen
         * sanctions": the leader, and the body the effort is made in */
        group body = {{0}, 0, 0};
        if (link_groups(r, &agent, &target, tr, NULL, NULL) != 0)
            return NG_ERR_NOMEM;
        if (organization_before(r, tr->first, &body))
            return link_groups(r, &body, &target, tr, NULL, NULL);
        return 0;
    }
    if (!noun_agent(r, tr, tr->last, &agent))
        return 0;
    return link_groups(r, &agent, &target, tr, NULL, NULL);
}

static int read_noun(reader *r, const trigger *tr)
{
    switch (tr->relation) {
    case NG_RELATION_MEETS: return noun_meets(r, tr);
    case NG_RELATION_VISITS: return noun_visits(r, tr);
    case NG_RELATION_SUPPLIES: return noun_supplies(r, tr);
    case NG_RELATION_SANCTIONS: return noun_sanctions(r, tr);
    }
    return 0;
}

/* "a plane carrying Biden from India to Vietnam": the people a vehicle
 * carries visit where it goes. */
static int read_vehicle(reader *r, size_t at)
{
    size_t k = at;
    while (k > 0 && k + 4 > at && !in(r, k - 1, NG_LEX_VEHICLE_NOUN))
        k--;
    if (k == 0 || !in(r, k - 1, NG_LEX_VEHICLE_NOUN))
        return 0;
    const ng_mention *m = mention(r, at + 1);
    if (!is_actor(m) || m->entity->type != NG_ENTITY_PERSON)
        return 0;
    group people = {{(size_t)r->owner[at + 1]}, 1, 0}, place = {{0}, 0, 1};
    size_t from = m->last;
    if (is(r, from, NG_WORD_FROM)) /* skip the origin */
        from += 2;
    if (!find_after_prep(r, from, 4, NG_WORD_TO, accept_destination, &place))
        return 0;
    trigger tr = {.first = at, .last = at + 1, .relation = NG_RELATION_VISITS};
    return link_groups(r, &people, &place, &tr, NULL, NULL);
}

/* --- triggers ------------------------------------------------------------- */

/* Words before a relation word that make it a noun: "a visit", "Putin's
 * visit", "a possible meeting", "US sanctions". */
static int reads_as_noun(const reader *r, size_t i)
{
    if (i == 0)
        return 0;
    unsigned f = flags(r, i - 1);
    if (in(r, i - 1, NG_LEX_DETERMINER) || (f & NG_TOKEN_POSSESSIVE) || mention(r, i - 1) ||
        (f & NG_TOKEN_NUMBER))
        return 1;
    ng_modality m;
    size_t len;
    int adverb = ends_with(r, i - 1, 2, "ly", 2);
    if (cue_at(r, i - 1, &m, &len) && len == 1 && !in(r, i - 1, NG_LEX_AUXILIARY) && !adverb)
        return 1; /* "possible meeting", "potential transfers"; not "likely supply" */
    ng_gaz_match gm;
    if (match(r, i - 1, NG_GAZ_BIT(NG_GAZ_VERB) | NG_GAZ_BIT(NG_GAZ_NOUN), &gm) &&
        gm.length == 1)
        return 1; /* "arms export": a compound noun */
    /* After a plain lower-case word it is that word's object or compound:
     * "to strengthen sanctions", "more supplies", "a rare visit". Verbs
     * follow auxiliaries, adverbs, "to" and their subjects. */
    return (f & NG_TOKEN_WORD) && !(f & NG_TOKEN_CAPITAL) && !in(r, i - 1, NG_LEX_AUXILIARY) &&
           !in(r, i - 1, NG_LEX_NEGATION) && !in(r, i - 1, NG_LEX_PREP) &&
           !in(r, i - 1, NG_LEX_PERSON_PRONOUN) && !in(r, i - 1, NG_LEX_RELATIVE) &&
           !in(r, i - 1, NG_LEX_CLAUSE_OPENER) && !is(r, i - 1, NG_WORD_AND) &&
           !is(r, i - 1, NG_WORD_OR) &&
           !is(r, i - 1, NG_WORD_THAT) && !adverb;
}

/* Decides whether the relation word at [i, i + len) is used here, and
 * how. Returns 0 if it is not a relation word here. */
static int classify(const reader *r, size_t i, const ng_gaz_match *gm, trigger *tr)
{
    const ng_gaz_target *verb = ng_gaz_find(gm, NG_GAZ_BIT(NG_GAZ_VERB));
    const ng_gaz_target *noun = ng_gaz_find(gm, NG_GAZ_BIT(NG_GAZ_NOUN));
    int as_noun = noun && (!verb || reads_as_noun(r, i) || is(r, i + gm->length, NG_WORD_OF));
    const ng_gaz_target *t = as_noun ? noun : verb;
    int gerund = ends_with(r, i + gm->length - 1, 3, "ing", 3);
    if (!as_noun && i > 0 && (in(r, i - 1, NG_LEX_DETERMINER) || (flags(r, i - 1) & NG_TOKEN_POSSESSIVE)))
        return 0; /* "their arms": a noun, not the verb "arm" */
    if (!as_noun && i > 0 && in(r, i - 1, NG_LEX_PREP) && !gerund &&
        !is(r, i - 1, NG_WORD_TO))
        return 0; /* "with arms"; a verb after a preposition is a gerund */
    tr->first = i;
    tr->last = i + gm->length;
    tr->entry = t->entry;
    tr->npreps = ng_dict_values(t->entry, "prep", &tr->preps);
    tr->noun = as_noun;
    if (t->entry->relation < 0) /* parsed when loaded */
        return 0;
    tr->relation = (ng_relation)t->entry->relation;
    return 1;
}

static int read_sentence(reader *r)
{
    size_t next = 0; /* a relation word read covers the tokens before this */
    for (size_t s = 0; s < r->start_count; s++) {
        size_t i = r->starts[s];
        if (i < next)
            continue;
        next = i + 1;
        switch (word(r, i)) {
        case NG_WORD_CARRYING:
        case NG_WORD_TRANSPORTING:
            if (read_vehicle(r, i) != 0)
                return NG_ERR_NOMEM;
            break;
        case NG_WORD_BRING:
        case NG_WORD_BRINGS:
        case NG_WORD_BRINGING:
        case NG_WORD_BROUGHT:
        case NG_WORD_INCLUDE:
        case NG_WORD_INCLUDES:
        case NG_WORD_INCLUDED:
            if (read_companions(r, i) != 0)
                return NG_ERR_NOMEM;
            break;
        default:
            break;
        }
        ng_gaz_match gm;
        if (!match(r, i, NG_GAZ_BIT(NG_GAZ_VERB) | NG_GAZ_BIT(NG_GAZ_NOUN), &gm))
            continue;
        trigger tr = {0};
        if (!classify(r, i, &gm, &tr))
            continue;
        tr.passive = !tr.noun && is_passive(r, &tr);
        if ((tr.noun ? read_noun(r, &tr) : read_verb(r, &tr)) != 0)
            return NG_ERR_NOMEM;
        next = tr.last;
    }
    return 0;
}

/* Maps every token to the mention that covers it. */
static void map_owners(reader *r)
{
    size_t n = r->t->count;
    long *owner = r->owner;
    for (size_t i = 0; i < n; i++)
        owner[i] = -1;
    for (size_t k = 0; k < r->m->count; k++) {
        size_t last = r->m->items[k].last < n ? r->m->items[k].last : n;
        for (size_t i = r->m->items[k].first; i < last; i++)
            owner[i] = (long)k;
    }
}

void ng_relation_scratch_free(ng_relation_scratch *scratch)
{
    free(scratch->owner);
    free(scratch->region);
    free(scratch->starts);
    ng_buf_free(&scratch->sentence);
    ng_buf_free(&scratch->item);
    ng_buf_free(&scratch->text);
    *scratch = (ng_relation_scratch){0};
}

int ng_relations_find(const ng_gaz_hits *hits, ng_resolver *resolver, ng_found *found,
                      const ng_sentence_view *s, ng_relation_scratch *scratch,
                      ng_error *err)
{
    size_t n = s->tokens->count ? s->tokens->count : 1;
    void *owner = scratch->owner, *region = scratch->region, *starts = scratch->starts;
    int grown = ng_array_grow(&owner, &scratch->owner_cap, n, sizeof *scratch->owner) == 0 &&
                ng_array_grow(&region, &scratch->region_cap, n, sizeof *scratch->region) == 0 &&
                ng_array_grow(&starts, &scratch->starts_cap, n, sizeof *scratch->starts) == 0;
    scratch->owner = owner;
    scratch->region = region;
    scratch->starts = starts;
    if (!grown)
        return ng_fail_nomem(err);
    /* map_owners and survey set every entry that is read. */
    reader r = {0};
    r.v = s;
    r.t = s->tokens;
    r.m = s->mentions;
    r.hits = hits;
    r.res = resolver;
    r.found = found;
    r.err = err;
    r.owner = scratch->owner;
    r.region = scratch->region;
    r.starts = scratch->starts;
    r.sentence = scratch->sentence;
    r.item = scratch->item;
    r.text = scratch->text;
    if (!has_start(&r))
        return 0;
    map_owners(&r);
    survey(&r);
    int rc = read_sentence(&r);
    scratch->sentence = r.sentence;
    scratch->item = r.item;
    scratch->text = r.text;
    return rc ? ng_fail_nomem(err) : 0;
}
