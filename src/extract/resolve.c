#include "extract/resolve.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/lexicon.h"
#include "util/buf.h"
#include "util/fail.h"
#include "util/names.h"
#include "util/strmap.h"

/* An entity's label folded (ng_name_fold) for comparison with short
 * forms, and where its first and last words are. People and countries
 * come back document after document, so each label is folded once and
 * kept (r->names), and a short form is compared with a word only when
 * their lengths and hashes agree. */
typedef struct folded_name {
    const char *parts;    /* the folded label: words separated by single spaces */
    size_t parts_len;
    size_t first_len;     /* the first word: parts[0..first_len) */
    const char *last_word; /* the last word; NULL for a one-word name */
    size_t last_len;
    uint32_t first_hash, last_hash; /* ng_strmap_hash of the two words */
    char *label;          /* the key in r->names; parts follows it */
} folded_name;

/* r->names is forgotten, when a document starts, past this many labels. */
#define NAMES_MAX 20000

/* The size of r->part_bits, in 64-bit words: a few dozen names in a
 * document set a few percent of its bits. */
#define PART_WORDS 16

/* A person named in the current document, for short forms. */
typedef struct doc_person {
    const ng_found_entity *entity;
    const folded_name *name;
    long mentions;
    size_t last;    /* order of the last mention */
} doc_person;

/* What the resolver knows of the document's entity of an index (the
 * entity's `index` in the findings), so that it never searches a list. */
typedef struct entity_note {
    uint32_t person; /* 1 + its index in r->persons; 0: none */
    uint32_t country; /* 1 if in r->countries */
} entity_note;

/* A title held by a person, as the document says ("Russian President
 * Vladimir Putin") or the dictionary knows. */
typedef struct holder {
    const ng_dict_entry *country;
    const ng_dict_entry *title;
    const ng_found_entity *entity;
} holder;

/* A place described in the document ("an aircraft factory"). */
typedef struct facility {
    const ng_found_entity *entity;
    char *head;
} facility;

struct ng_resolver {
    const ng_dict *dict;
    ng_found *found;
    const ng_document *doc;
    doc_person *persons;
    size_t person_count, person_cap;
    holder *holders;
    size_t holder_count, holder_cap;
    facility *facilities;
    size_t facility_count, facility_cap;
    const ng_found_entity *last_person;
    const ng_found_entity **countries; /* named in the document, for "the North" */
    const ng_found_entity **travellers; /* pairs: who, and where they last went */
    size_t travel_count, travel_cap;
    size_t last_trip;             /* index in travellers of the latest noted */
    size_t country_count, country_cap;
    size_t clock; /* counts resolved mentions, to order them */
    entity_note *notes;           /* by entity index; [0, notes_used) may be set */
    size_t notes_cap, notes_used;
    /* A bit for the hash of every first and last word of a person's name
     * of two words or more in the document: most capitalised words are
     * no such word, and this says so at once. */
    uint64_t part_bits[PART_WORDS];
    ng_strmap names;              /* label -> folded_name, across documents */
    ng_buf scratch, label;
};

ng_resolver *ng_resolver_new(const ng_dict *dict, ng_error *err)
{
    ng_resolver *r = calloc(1, sizeof *r);
    if (!r) {
        ng_fail_nomem(err);
        return NULL;
    }
    r->dict = dict;
    return r;
}

static void forget_names(ng_resolver *r)
{
    for (size_t i = 0; i < r->names.cap; i++)
        if (r->names.slots[i].key)
            free(r->names.slots[i].value);
    ng_strmap_free(&r->names);
    r->names = (ng_strmap){0};
}

static void forget_document(ng_resolver *r)
{
    if (r->notes_used)
        memset(r->notes, 0, r->notes_used * sizeof *r->notes);
    r->notes_used = 0;
    memset(r->part_bits, 0, sizeof r->part_bits);
    for (size_t i = 0; i < r->facility_count; i++)
        free(r->facilities[i].head);
    r->person_count = r->holder_count = r->facility_count = r->country_count = 0;
    r->travel_count = 0;
    r->last_person = NULL;
    r->clock = 0;
}

void ng_resolver_free(ng_resolver *r)
{
    if (!r)
        return;
    forget_document(r);
    forget_names(r);
    free(r->notes);
    free(r->persons);
    free(r->holders);
    free(r->facilities);
    free(r->countries);
    free(r->travellers);
    ng_buf_free(&r->scratch);
    ng_buf_free(&r->label);
    free(r);
}

void ng_resolver_start(ng_resolver *r, ng_found *found, const ng_document *doc)
{
    forget_document(r);
    if (r->names.count > NAMES_MAX)
        forget_names(r);
    r->found = found;
    r->doc = doc;
}

const ng_found_entity *ng_resolver_last_person(const ng_resolver *r)
{
    return r->last_person;
}

int ng_resolver_note_visit(ng_resolver *r, const ng_found_entity *who, const ng_found_entity *where)
{
    /* A facility toured on the way is not where the trip goes. */
    for (size_t i = 0; i < r->facility_count; i++)
        if (r->facilities[i].entity == where)
            return 0;
    for (size_t i = 0; i < r->travel_count; i += 2)
        if (r->travellers[i] == who) {
            r->travellers[i + 1] = where;
            r->last_trip = i;
            return 0;
        }
    void *items = r->travellers;
    if (ng_array_grow(&items, &r->travel_cap, r->travel_count + 2, sizeof *r->travellers) != 0)
        return NG_ERR_NOMEM;
    r->travellers = items;
    r->last_trip = r->travel_count;
    r->travellers[r->travel_count++] = who;
    r->travellers[r->travel_count++] = where;
    return 0;
}

const ng_found_entity *ng_resolver_last_traveller(const ng_resolver *r)
{
    return r->travel_count ? r->travellers[r->last_trip] : NULL;
}

const ng_found_entity *ng_resolver_destination(const ng_resolver *r, const ng_found_entity *who)
{
    for (size_t i = 0; i < r->travel_count; i += 2)
        if (r->travellers[i] == who)
            return r->travellers[i + 1];
    return NULL;
}

/* ng_token_is for a literal word: lengths compare before bytes, and
 * most tokens are not the word. */
#define TOKEN_IS(tokens, i, word) token_is((tokens), (i), "" word, sizeof word - 1)

static inline int token_is(const ng_tokens *t, size_t i, const char *word, size_t n)
{
    return i < t->count && t->items[i].norm_len == n && memcmp(t->items[i].norm, word, n) == 0;
}

/* --- people of the document ------------------------------------------- */

/* The folded name of e's label, made once for all documents; NULL if out
 * of memory. */
static const folded_name *name_of(ng_resolver *r, const ng_found_entity *e)
{
    folded_name *n = ng_strmap_get_hashed(&r->names, e->label, e->label_len, e->label_hash);
    if (n)
        return n;
    ng_buf_clear(&r->scratch);
    if (ng_name_fold(e->label, e->label_len, &r->scratch) != 0)
        return NULL;
    const char *folded = ng_buf_cstr(&r->scratch);
    size_t len = r->scratch.len;
    n = malloc(sizeof *n + e->label_len + 1 + len + 1);
    if (!n)
        return NULL;
    char *label = (char *)(n + 1);
    char *parts = label + e->label_len + 1;
    memcpy(label, e->label, e->label_len);
    label[e->label_len] = '\0';
    memcpy(parts, folded, len + 1);
    const char *space = memchr(parts, ' ', len);
    const char *last_space = strrchr(parts, ' ');
    n->label = label;
    n->parts = parts;
    n->parts_len = len;
    n->first_len = space ? (size_t)(space - parts) : len;
    n->last_word = last_space ? last_space + 1 : NULL;
    n->last_len = last_space ? len - (size_t)(n->last_word - parts) : 0;
    n->first_hash = ng_strmap_hash(parts, n->first_len);
    n->last_hash = n->last_word ? ng_strmap_hash(n->last_word, n->last_len) : 0;
    if (ng_strmap_put(&r->names, label, e->label_len, n) != 0) {
        free(n);
        return NULL;
    }
    return n;
}

/* What the resolver noted of e in this document; NULL if out of memory. */
static entity_note *note_of(ng_resolver *r, const ng_found_entity *e)
{
    if (e->index >= r->notes_cap) {
        void *items = r->notes;
        if (ng_array_grow_zeroed(&items, &r->notes_cap, e->index + 1, sizeof *r->notes) != 0)
            return NULL;
        r->notes = items;
    }
    if (e->index >= r->notes_used)
        r->notes_used = e->index + 1;
    return &r->notes[e->index];
}

static doc_person *find_person(ng_resolver *r, const ng_found_entity *e)
{
    if (!e || e->index >= r->notes_used || !r->notes[e->index].person)
        return NULL;
    doc_person *p = &r->persons[r->notes[e->index].person - 1];
    return p->entity == e ? p : NULL;
}

static void set_part_bit(ng_resolver *r, uint32_t hash)
{
    r->part_bits[(hash >> 6) % PART_WORDS] |= (uint64_t)1 << (hash & 63);
}

/* Whether a word of this hash may be a part of a person's name. */
static int may_be_part(const ng_resolver *r, uint32_t hash)
{
    return (r->part_bits[(hash >> 6) % PART_WORDS] >> (hash & 63)) & 1;
}

static int note_person(ng_resolver *r, const ng_found_entity *e)
{
    r->last_person = e;
    doc_person *p = find_person(r, e);
    if (!p) {
        const folded_name *name = name_of(r, e);
        entity_note *note = name ? note_of(r, e) : NULL;
        void *items = r->persons;
        if (!note || r->person_count >= UINT32_MAX ||
            ng_array_grow(&items, &r->person_cap, r->person_count + 1, sizeof *r->persons))
            return NG_ERR_NOMEM;
        r->persons = items;
        note->person = (uint32_t)(r->person_count + 1);
        p = &r->persons[r->person_count++];
        p->entity = e;
        p->name = name;
        p->mentions = 0;
        if (name->last_word) {
            set_part_bit(r, name->first_hash);
            set_part_bit(r, name->last_hash);
        }
    }
    p->mentions++;
    p->last = r->clock;
    return 0;
}

/* Whether word[0..n), which has no space, is the first or the last word of
 * the folded name, of which `hash` is the ng_strmap_hash. A one-word name
 * has no short form. */
static int is_name_part(const folded_name *name, const char *word, size_t n, uint32_t hash)
{
    if (!name->last_word)
        return 0;
    if (name->first_hash == hash && name->first_len == n && memcmp(name->parts, word, n) == 0)
        return 1;
    return name->last_hash == hash && name->last_len == n &&
           memcmp(name->last_word, word, n) == 0;
}

/* Whether the folded name starts with word[0..n) and a space: the first
 * word, or the first words for a word that has spaces of its own (a
 * compatibility form can fold to several words). */
static int starts_name(const folded_name *name, const char *word, size_t n)
{
    return n < name->parts_len && name->parts[n] == ' ' && memcmp(name->parts, word, n) == 0;
}

/* is_name_part for a word with a space in it. */
static int is_spaced_name_part(const folded_name *name, const char *word, size_t n)
{
    if (!name->last_word)
        return 0;
    return starts_name(name, word, n) ||
           (name->last_len == n && memcmp(name->last_word, word, n) == 0);
}

/* The person of the document a short form (the token's folded word)
 * refers to: among those whose name has it as first or last word, the
 * most mentioned, then the latest. */
static const ng_found_entity *short_form(ng_resolver *r, const ng_token *tok)
{
    const char *word = tok->norm;
    size_t n = tok->norm_len;
    int spaced = memchr(word, ' ', n) != NULL;
    if (!spaced && !may_be_part(r, tok->norm_hash))
        return NULL;
    const doc_person *best = NULL;
    for (size_t i = 0; i < r->person_count; i++) {
        const doc_person *p = &r->persons[i];
        if (spaced ? !is_spaced_name_part(p->name, word, n)
                   : !is_name_part(p->name, word, n, tok->norm_hash))
            continue;
        if (!best || p->mentions > best->mentions ||
            (p->mentions == best->mentions && p->last > best->last))
            best = p;
    }
    return best ? best->entity : NULL;
}

static int note_country(ng_resolver *r, const ng_found_entity *e)
{
    entity_note *note = note_of(r, e);
    if (!note)
        return NG_ERR_NOMEM;
    if (note->country)
        return 0;
    void *items = r->countries;
    if (ng_array_grow(&items, &r->country_cap, r->country_count + 1, sizeof *r->countries) != 0)
        return NG_ERR_NOMEM;
    r->countries = items;
    r->countries[r->country_count++] = e;
    note->country = 1;
    return 0;
}

/* "the North" after North Korea was named: the country of the document
 * whose name of two or more words begins with the token's word. */
static const ng_found_entity *country_short_form(ng_resolver *r, const ng_token *tok)
{
    for (size_t i = r->country_count; i-- > 0;) {
        const folded_name *name = name_of(r, r->countries[i]);
        if (!name)
            return NULL;
        if (starts_name(name, tok->norm, tok->norm_len))
            return r->countries[i];
    }
    return NULL;
}

/* --- titles and roles --------------------------------------------------- */

static int note_holder(ng_resolver *r, const ng_dict_entry *country, const ng_dict_entry *title,
                       const ng_found_entity *e)
{
    if (!title)
        return 0;
    for (size_t i = 0; i < r->holder_count; i++)
        if (r->holders[i].country == country && r->holders[i].title == title) {
            r->holders[i].entity = e; /* the latest holder named */
            return 0;
        }
    void *items = r->holders;
    if (ng_array_grow(&items, &r->holder_cap, r->holder_count + 1, sizeof *r->holders) != 0)
        return NG_ERR_NOMEM;
    r->holders = items;
    r->holders[r->holder_count++] = (holder){country, title, e};
    return 0;
}

/* Whether a dictionary person holds `title` (its name or an alias, folded,
 * among the person's roles). */
static int holds_title(ng_resolver *r, const ng_dict_entry *person, const ng_dict_entry *title)
{
    const char *const *roles;
    size_t nroles = ng_dict_values(person, "role", &roles);
    const char *const *aliases;
    size_t naliases = ng_dict_values(title, "alias", &aliases);
    for (size_t k = 0; k <= naliases; k++) {
        const char *name = k == 0 ? title->name : aliases[k - 1];
        ng_buf_clear(&r->scratch);
        if (ng_name_fold(name, strlen(name), &r->scratch) != 0)
            return 0;
        for (size_t i = 0; i < nroles; i++) {
            ng_buf_clear(&r->label);
            if (ng_name_fold(roles[i], strlen(roles[i]), &r->label) == 0 &&
                strcmp(r->label.data, r->scratch.data) == 0)
                return 1;
        }
    }
    return 0;
}

static int is_of_country(const ng_dict_entry *person, const ng_dict_entry *country)
{
    const char *const *values;
    size_t n = ng_dict_values(person, "country", &values);
    for (size_t i = 0; i < n; i++)
        if (strcmp(values[i], country->name) == 0)
            return 1;
    return 0;
}

/* Whether the tenure of `person` covers `date` (YYYY-MM-DD), or, with no
 * date, whether it is current. Dates compare as strings at the precision
 * both have. */
static int in_office(const ng_dict_entry *person, const char *date)
{
    const char *from = ng_dict_value(person, "from");
    const char *until = ng_dict_value(person, "until");
    if (!date)
        return until == NULL;
    if (from && strncmp(date, from, strlen(from)) < 0)
        return 0;
    return !until || strncmp(date, until, strlen(until)) < 0;
}

/* The dictionary's holder of the office on the document's date. */
static const ng_dict_entry *dictionary_holder(ng_resolver *r, const ng_dict_entry *country,
                                              const ng_dict_entry *title)
{
    const ng_dict_entry *found = NULL;
    for (size_t i = 0; i < ng_dict_count(r->dict); i++) {
        const ng_dict_entry *e = ng_dict_at(r->dict, i);
        if (e->kind != NG_DICT_PERSON || !is_of_country(e, country) ||
            !in_office(e, r->doc->date) || !holds_title(r, e, title))
            continue;
        if (found)
            return NULL; /* two holders: do not guess */
        found = e;
    }
    return found;
}

static const ng_found_entity *add_entity(ng_resolver *r, const char *label, ng_entity_type type,
                                         ng_error *err)
{
    return ng_found_add_entity(r->found, label, type, err);
}

static const ng_found_entity *role_holder(ng_resolver *r, const ng_mention *m, ng_error *err)
{
    /* "the Russian President": the holder of that country; "the foreign
     * minister": the one the document named most recently */
    const ng_found_entity *found = NULL;
    size_t latest = 0;
    for (size_t i = 0; i < r->holder_count; i++) {
        const holder *h = &r->holders[i];
        if ((!m->country || h->country == m->country) && h->title == m->title) {
            const doc_person *p = find_person(r, h->entity);
            if (!found || (p && p->last >= latest)) {
                found = h->entity;
                latest = p ? p->last : 0;
            }
        }
    }
    if (found)
        return found;
    if (!m->country)
        return NULL;
    const ng_dict_entry *person = dictionary_holder(r, m->country, m->title);
    return person ? add_entity(r, person->name, NG_ENTITY_PERSON, err) : NULL;
}

/* The title a person holds: as the document named it, else the first of
 * the person's roles in the dictionary that is also a title there. */
static const ng_dict_entry *title_of(ng_resolver *r, const ng_found_entity *person)
{
    for (size_t i = r->holder_count; i-- > 0;)
        if (r->holders[i].entity == person)
            return r->holders[i].title;
    const ng_dict_entry *e = ng_dict_find(r->dict, NG_DICT_PERSON, person->label);
    const char *const *roles;
    size_t n = e ? ng_dict_values(e, "role", &roles) : 0;
    for (size_t i = 0; i < n; i++) {
        const ng_dict_entry *title = ng_dict_find(r->dict, NG_DICT_TITLE, roles[i]);
        if (title)
            return title;
    }
    return NULL;
}

/* "his Chinese counterpart": the holder of the possessor's office in that
 * country; "his counterpart": the other holder of it the document named. */
static const ng_found_entity *counterpart(ng_resolver *r, const ng_mention *m, ng_error *err)
{
    const ng_found_entity *possessor = r->last_person;
    const ng_dict_entry *title = possessor ? title_of(r, possessor) : NULL;
    if (!title)
        return NULL;
    for (size_t i = r->holder_count; i-- > 0;) {
        const holder *h = &r->holders[i];
        if (h->title == title && h->entity != possessor && (!m->country || h->country == m->country))
            return h->entity;
    }
    if (!m->country)
        return NULL;
    const ng_dict_entry *person = dictionary_holder(r, m->country, title);
    return person ? add_entity(r, person->name, NG_ENTITY_PERSON, err) : NULL;
}

/* --- facilities --------------------------------------------------------- */

const ng_found_entity *ng_resolver_facility(ng_resolver *r, const char *label, const char *head,
                                            int definite, ng_error *err)
{
    if (definite) {
        for (size_t i = r->facility_count; i-- > 0;)
            if (strcmp(r->facilities[i].head, head) == 0)
                return r->facilities[i].entity;
    }
    const ng_found_entity *e = add_entity(r, label, NG_ENTITY_PLACE, err);
    void *items = r->facilities;
    char *copy = e ? ng_strndup(head, strlen(head)) : NULL;
    if (!copy ||
        ng_array_grow(&items, &r->facility_cap, r->facility_count + 1, sizeof *r->facilities)) {
        free(copy);
        return NULL;
    }
    r->facilities = items;
    r->facilities[r->facility_count++] = (facility){e, copy};
    return e;
}

/* --- mentions ----------------------------------------------------------- */

/* The text of tokens [first, last) of the sentence, into r->label. */
static const char *span_text(ng_resolver *r, const ng_tokens *t, size_t first, size_t last)
{
    ng_buf_clear(&r->label);
    if (first >= last ||
        ng_buf_append(&r->label, r->doc->text + t->items[first].start,
                      t->items[last - 1].end - t->items[first].start) != 0)
        return NULL;
    return r->label.data;
}

const ng_found_entity *ng_resolver_place(ng_resolver *r, const ng_tokens *t, const ng_mention *m,
                                         ng_error *err)
{
    if (m->kind != NG_MENTION_CAPITAL || !m->place_context)
        return m->entity;
    const char *label = span_text(r, t, m->name_first, m->last);
    const ng_found_entity *place = label ? add_entity(r, label, NG_ENTITY_PLACE, err) : NULL;
    if (place && ng_found_add_mentions(r->found, place, r->doc->name, 0, err) != 0)
        return NULL;
    return place;
}

/* Whether a capital at m is the city: named where something happens ("in
 * Pyongyang", "the city of Vladivostok", "Vladivostok, where ..."). */
static int capital_is_place(const ng_tokens *t, const ng_mention *m)
{
    if (m->first > 0 && (t->items[m->first - 1].lex & NG_LEX_BIT(NG_LEX_LOCATION_PREP)))
        return 1;
    if (m->first > 1 && TOKEN_IS(t, m->first - 1, "of") &&
        (TOKEN_IS(t, m->first - 2, "city") || TOKEN_IS(t, m->first - 2, "capital")))
        return 1;
    if (m->first > 1 && TOKEN_IS(t, m->first - 1, ",") && TOKEN_IS(t, m->first - 2, "capital"))
        return 1;
    return TOKEN_IS(t, m->last, ",") && TOKEN_IS(t, m->last + 1, "where");
}

/* A name the dictionary does not know: a short form of someone named
 * before, or a new entity if its context says what it is. */
static const ng_found_entity *resolve_untyped(ng_resolver *r, const ng_tokens *t, ng_mention *m,
                                              ng_error *err)
{
    size_t first = m->name_first;
    /* A capitalised sentence start may be an ordinary word: try without it. */
    if ((m->cues & NG_CUE_INITIAL) && m->last - first == 2 && !(m->cues & NG_CUE_TITLE)) {
        const ng_found_entity *e = short_form(r, &t->items[first + 1]);
        if (e) {
            m->name_first = first + 1;
            return e;
        }
    }
    if (m->last - first == 1) {
        const ng_token *word = &t->items[first];
        int definite = (first > 0 && TOKEN_IS(t, first - 1, "the")) ||
                       (first > 1 && TOKEN_IS(t, first - 2, "the"));
        const ng_found_entity *country = definite ? country_short_form(r, word) : NULL;
        return country ? country : short_form(r, word);
    }
    size_t words = m->last - first;
    if (m->typed || (m->cues & NG_CUE_TITLE)) {
        ng_entity_type type = m->typed ? m->type : NG_ENTITY_PERSON;
        const char *label = span_text(r, t, first, m->last);
        return label ? add_entity(r, label, type, err) : NULL;
    }
    if ((m->cues & NG_CUE_INITIAL))
        return NULL;
    if ((m->cues & NG_CUE_SPEECH) && words <= 3) {
        const char *label = span_text(r, t, first, m->last);
        return label ? add_entity(r, label, NG_ENTITY_PERSON, err) : NULL;
    }
    if ((m->cues & NG_CUE_LOCATION) && words <= 3) {
        const char *label = span_text(r, t, first, m->last);
        return label ? add_entity(r, label, NG_ENTITY_PLACE, err) : NULL;
    }
    return NULL;
}

static const ng_found_entity *resolve_one(ng_resolver *r, const ng_tokens *t, ng_mention *m,
                                          ng_error *err)
{
    switch (m->kind) {
    case NG_MENTION_CAPITAL:
        /* The government, unless something happens in the city: then the
         * relation finder makes the city a place (ng_resolver_place). */
        m->place_context = capital_is_place(t, m);
        return add_entity(r, m->entry->name, NG_ENTITY_COUNTRY, err);
    case NG_MENTION_NAME:
    case NG_MENTION_DEMONYM:
    case NG_MENTION_GROUP:
    case NG_MENTION_METONYM:
        return add_entity(r, m->entry->name, m->type, err);
    case NG_MENTION_ROLE:
        return m->cues & NG_CUE_COUNTERPART ? counterpart(r, m, err) : role_holder(r, m, err);
    case NG_MENTION_UNTYPED:
        return resolve_untyped(r, t, m, err);
    case NG_MENTION_PRONOUN:
        return r->last_person;
    case NG_MENTION_FACILITY:
        return m->entity;
    }
    return NULL;
}

/* Whether tokens [first, last) of the sentence are e's label. */
static int spells_label(const ng_resolver *r, const ng_tokens *t, size_t first, size_t last,
                        const ng_found_entity *e)
{
    if (first >= last)
        return 0;
    size_t start = t->items[first].start, len = t->items[last - 1].end - start;
    return len == e->label_len && memcmp(r->doc->text + start, e->label, len) == 0;
}

/* Records the surface form as an alias, and what it says of the person. */
static int remember(ng_resolver *r, const ng_tokens *t, const ng_mention *m, ng_error *err)
{
    const ng_found_entity *e = m->entity;
    if (m->kind != NG_MENTION_PRONOUN) {
        size_t first = m->kind == NG_MENTION_ROLE ? m->first : m->name_first;
        /* Most mentions spell the label, which is no alias: that is seen
         * in the text, without a copy. */
        if (!spells_label(r, t, first, m->last, e)) {
            const char *surface = span_text(r, t, first, m->last);
            if (surface && ng_found_add_alias(r->found, e, surface, err) != 0)
                return NG_ERR_NOMEM;
        }
    }
    if (ng_found_add_mentions(r->found, e, r->doc->name, 1, err) != 0)
        return NG_ERR_NOMEM;
    if (e->type == NG_ENTITY_COUNTRY)
        return note_country(r, e);
    if (e->type != NG_ENTITY_PERSON)
        return 0;
    const ng_dict_entry *country = m->country;
    if (!country && m->entry && m->title) {
        const char *home = ng_dict_value(m->entry, "country");
        country = home ? ng_dict_find(r->dict, NG_DICT_COUNTRY, home) : NULL;
    }
    if (m->kind != NG_MENTION_ROLE && note_holder(r, country, m->title, e) != 0)
        return NG_ERR_NOMEM;
    return note_person(r, e);
}

int ng_resolver_resolve(ng_resolver *r, const ng_tokens *tokens, ng_mentions *mentions,
                        ng_error *err)
{
    size_t kept = 0;
    for (size_t i = 0; i < mentions->count; i++) {
        ng_mention *m = &mentions->items[i];
        r->clock++;
        /* Only a status says whether a mention that resolves to nothing
         * ran out of memory; clear one that an earlier mention left. */
        if (err && err->status != NG_OK)
            ng_error_clear(err);
        m->entity = resolve_one(r, tokens, m, err);
        if (!m->entity) {
            if (err && err->status == NG_ERR_NOMEM)
                return NG_ERR_NOMEM;
            continue; /* "But" starting a sentence: nothing for the relations */
        }
        if (remember(r, tokens, m, err) != 0)
            return NG_ERR_NOMEM;
        mentions->items[kept++] = *m;
    }
    mentions->count = kept;
    return 0;
}
