/* What one document yields, with the rules of the graph and memory that
 * is reused from one document to the next: strings go to an arena that
 * is rewound, entities and edges to records that are recycled, and the
 * indexes are tables whose entries belong to a generation, so that
 * starting a document empties them without touching them. */
#include "extract/found.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "graph/entity_id.h"
#include "util/buf.h"
#include "util/fail.h"
#include "util/strmap.h"

#define CHUNK_SIZE (64 * 1024)

/* --- strings ------------------------------------------------------------ */

typedef struct chunk {
    char *data;
    size_t size, used;
} chunk;

/* Chunks of memory handed out in order and taken back all at once. */
typedef struct arena {
    chunk *chunks;
    size_t count, cap;
    size_t current;
} arena;

static char *arena_alloc(arena *a, size_t n)
{
    while (a->current < a->count && a->chunks[a->current].size - a->chunks[a->current].used < n)
        a->current++;
    if (a->current == a->count) {
        void *chunks = a->chunks;
        if (ng_array_grow(&chunks, &a->cap, a->count + 1, sizeof *a->chunks) != 0)
            return NULL;
        a->chunks = chunks;
        size_t size = n > CHUNK_SIZE ? n : CHUNK_SIZE;
        char *data = malloc(size);
        if (!data)
            return NULL;
        a->chunks[a->count++] = (chunk){data, size, 0};
    }
    chunk *c = &a->chunks[a->current];
    char *p = c->data + c->used;
    c->used += n;
    return p;
}

static void arena_rewind(arena *a)
{
    for (size_t i = 0; i < a->count; i++)
        a->chunks[i].used = 0;
    a->current = 0;
}

static void arena_free(arena *a)
{
    for (size_t i = 0; i < a->count; i++)
        free(a->chunks[i].data);
    free(a->chunks);
    *a = (arena){0};
}

/* A copy of s in the arena; NULL in gives NULL out (*failed untouched). */
static const char *arena_copy(arena *a, const char *s, int *failed)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *copy = arena_alloc(a, n);
    if (!copy) {
        *failed = 1;
        return NULL;
    }
    return memcpy(copy, s, n);
}

/* --- tables ------------------------------------------------------------- */

/* An entry refers to an item (an index into an array of the caller's)
 * and is live when its generation is the table's. */
typedef struct entry {
    uint64_t hash;
    size_t item;
    unsigned gen;
} entry;

typedef struct table {
    entry *entries;
    size_t cap; /* a power of two, or 0 */
    size_t count;
    unsigned gen;
} table;

/* Whether `item` is the key looked for. */
typedef int (*same_fn)(const ng_found *f, size_t item, const void *key);

static void table_clear(table *t)
{
    t->count = 0;
    if (++t->gen == 0) { /* wrapped: old entries could look live again */
        if (t->cap)
            memset(t->entries, 0, t->cap * sizeof *t->entries);
        t->gen = 1;
    }
}

/* The live entry for the key, or the free one where it would go. */
static entry *table_find(const table *t, const ng_found *f, uint64_t hash, same_fn same,
                         const void *key)
{
    size_t mask = t->cap - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        entry *e = &t->entries[i];
        if (e->gen != t->gen)
            return e;
        if (e->hash == hash && same(f, e->item, key))
            return e;
    }
}

/* Makes room for one more entry, keeping the load under a half. */
static int table_reserve(table *t)
{
    if ((t->count + 1) * 2 <= t->cap)
        return 0;
    size_t cap = t->cap ? t->cap * 2 : 64;
    entry *entries = calloc(cap, sizeof *entries);
    if (!entries)
        return NG_ERR_NOMEM;
    unsigned gen = t->gen ? t->gen : 1;
    for (size_t i = 0; i < t->cap; i++) {
        const entry *old = &t->entries[i];
        if (old->gen != t->gen || t->gen == 0)
            continue;
        size_t k = (size_t)old->hash & (cap - 1);
        while (entries[k].gen == gen)
            k = (k + 1) & (cap - 1);
        entries[k] = *old;
        entries[k].gen = gen;
    }
    free(t->entries);
    t->entries = entries;
    t->cap = cap;
    t->gen = gen;
    return 0;
}

/* Claims the free entry e for `item`. */
static void table_set(table *t, entry *e, uint64_t hash, size_t item)
{
    *e = (entry){hash, item, t->gen};
    t->count++;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
    return h * 0xbf58476d1ce4e5b9u;
}

static uint64_t hash_str(const char *s)
{
    return s ? ng_hash_bytes(s, strlen(s)) : 0x51ed270b27c4a6b5u;
}

/* --- the document's graph ----------------------------------------------- */

/* A spelling and type that ng_found_add_entity was given. */
typedef struct spelling {
    const char *label;
    ng_entity_type type;
    const ng_found_entity *entity;
} spelling;

/* An alias or an evidence record: the nth of an entity or edge. */
typedef struct pair {
    size_t owner, nth;
} pair;

struct ng_found {
    arena strings;
    ng_docinfo doc;
    ng_found_entity **entities; /* records past entity_count wait to be reused */
    size_t entity_count, entity_made, entity_cap;
    ng_found_edge **edges;
    size_t edge_count, edge_made, edge_cap;
    spelling *spellings;
    size_t spelling_count, spelling_cap;
    pair *aliases;
    size_t alias_count, alias_cap;
    pair *records;
    size_t record_count, record_cap;
    table by_id, by_spelling, by_alias, by_edge, by_record;
    ng_buf id;
};

ng_found *ng_found_new(ng_error *err)
{
    ng_found *f = calloc(1, sizeof *f);
    if (!f)
        ng_fail_nomem(err);
    return f;
}

void ng_found_free(ng_found *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->entity_made; i++) {
        free(f->entities[i]->aliases);
        free(f->entities[i]);
    }
    for (size_t i = 0; i < f->edge_made; i++) {
        free(f->edges[i]->evidence);
        free(f->edges[i]);
    }
    free(f->entities);
    free(f->edges);
    free(f->spellings);
    free(f->aliases);
    free(f->records);
    table *tables[] = {&f->by_id, &f->by_spelling, &f->by_alias, &f->by_edge, &f->by_record};
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
        free(tables[i]->entries);
    arena_free(&f->strings);
    ng_buf_free(&f->id);
    free(f);
}

void ng_found_start(ng_found *f)
{
    arena_rewind(&f->strings);
    f->doc = (ng_docinfo){0};
    f->entity_count = f->edge_count = 0;
    f->spelling_count = f->alias_count = f->record_count = 0;
    table *tables[] = {&f->by_id, &f->by_spelling, &f->by_alias, &f->by_edge, &f->by_record};
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
        table_clear(tables[i]);
}

int ng_found_add_document(ng_found *f, const ng_docinfo *doc, ng_error *err)
{
    if (!doc || !doc->name || !*doc->name)
        return ng_fail(err, NG_ERR_INVALID, NULL, "a document needs a name");
    if (f->doc.name && strcmp(f->doc.name, doc->name) != 0)
        return ng_fail(err, NG_ERR_INVALID, NULL, "one document at a time");
    int failed = 0;
    if (!f->doc.name)
        f->doc.name = arena_copy(&f->strings, doc->name, &failed);
    if (doc->date)
        f->doc.date = arena_copy(&f->strings, doc->date, &failed);
    if (doc->sentences)
        f->doc.sentences = doc->sentences;
    return failed ? ng_fail_nomem(err) : 0;
}

const ng_docinfo *ng_found_document(const ng_found *f)
{
    return &f->doc;
}

/* --- entities ----------------------------------------------------------- */

static int owns_entity(const ng_found *f, const ng_found_entity *e)
{
    return e && e->index < f->entity_count && f->entities[e->index] == e;
}

static int same_id(const ng_found *f, size_t item, const void *key)
{
    return strcmp(f->entities[item]->id, key) == 0;
}

const ng_found_entity *ng_found_entity_by_id(const ng_found *f, const char *id)
{
    if (!id || f->by_id.cap == 0)
        return NULL;
    const entry *e = table_find(&f->by_id, f, hash_str(id), same_id, id);
    return e->gen == f->by_id.gen ? f->entities[e->item] : NULL;
}

static const void *lookup_id(const void *found, const char *id, ng_entity_type *type)
{
    const ng_found_entity *e = ng_found_entity_by_id(found, id);
    if (e)
        *type = e->type;
    return e;
}

/* A new entity with the id in f->id; NULL if out of memory. */
static ng_found_entity *create_entity(ng_found *f, const char *label, ng_entity_type type)
{
    if (f->entity_count == f->entity_made) {
        void *list = f->entities;
        ng_found_entity *fresh = calloc(1, sizeof *fresh);
        if (!fresh || ng_array_grow(&list, &f->entity_cap, f->entity_made + 1,
                                    sizeof *f->entities) != 0) {
            free(fresh);
            return NULL;
        }
        f->entities = list;
        f->entities[f->entity_made++] = fresh;
    }
    int failed = 0;
    ng_found_entity *e = f->entities[f->entity_count];
    e->id = arena_copy(&f->strings, f->id.data, &failed);
    e->label = arena_copy(&f->strings, label, &failed);
    if (failed || table_reserve(&f->by_id) != 0)
        return NULL;
    e->type = type;
    e->index = f->entity_count;
    e->mentions = 0;
    e->in_document = 0;
    e->alias_count = 0;
    uint64_t hash = hash_str(e->id);
    table_set(&f->by_id, table_find(&f->by_id, f, hash, same_id, e->id), hash, e->index);
    f->entity_count++;
    return e;
}

static int same_spelling(const ng_found *f, size_t item, const void *key)
{
    const spelling *want = key, *s = &f->spellings[item];
    return s->type == want->type && strcmp(s->label, want->label) == 0;
}

/* Remembers what (label, type) gave, so that the next time costs a
 * lookup: a graph gives the same entity again, and the label is by then
 * its label or one of its aliases. */
static int remember_spelling(ng_found *f, entry *slot, uint64_t hash, const char *label,
                             ng_entity_type type, const ng_found_entity *e)
{
    void *list = f->spellings;
    int failed = 0;
    const char *copy = arena_copy(&f->strings, label, &failed);
    if (failed || ng_array_grow(&list, &f->spelling_cap, f->spelling_count + 1,
                                sizeof *f->spellings) != 0)
        return NG_ERR_NOMEM;
    f->spellings = list;
    f->spellings[f->spelling_count] = (spelling){copy, type, e};
    table_set(&f->by_spelling, slot, hash, f->spelling_count++);
    return 0;
}

const ng_found_entity *ng_found_add_entity(ng_found *f, const char *label, ng_entity_type type,
                                           ng_error *err)
{
    if (!label || !*label || (int)type < 0 || (int)type >= NG_ENTITY_TYPE_COUNT) {
        ng_fail(err, NG_ERR_INVALID, NULL, "an entity needs a label and a known type");
        return NULL;
    }
    if (table_reserve(&f->by_spelling) != 0) {
        ng_fail_nomem(err);
        return NULL;
    }
    spelling key = {label, type, NULL};
    uint64_t hash = mix(hash_str(label), (uint64_t)type);
    entry *slot = table_find(&f->by_spelling, f, hash, same_spelling, &key);
    if (slot->gen == f->by_spelling.gen)
        return f->spellings[slot->item].entity;
    const void *found;
    if (ng_entity_id_choose(label, type, &f->id, lookup_id, f, &found) != 0) {
        ng_fail_nomem(err);
        return NULL;
    }
    const ng_found_entity *e = found;
    if (e && ng_found_add_alias(f, e, label, err) != 0)
        return NULL;
    if (!e && !(e = create_entity(f, label, type))) {
        ng_fail_nomem(err);
        return NULL;
    }
    /* Creating the entity may have grown nothing this slot depends on:
     * the spelling table was reserved above and is untouched since. */
    if (remember_spelling(f, slot, hash, label, type, e) != 0) {
        ng_fail_nomem(err);
        return NULL;
    }
    return e;
}

static int same_alias(const ng_found *f, size_t item, const void *key)
{
    const pair *p = &f->aliases[item];
    const pair *want = key;
    if (p->owner != want->owner)
        return 0;
    const ng_found_entity *e = f->entities[p->owner];
    return strcmp(e->aliases[p->nth], e->aliases[want->nth]) == 0;
}

int ng_found_add_alias(ng_found *f, const ng_found_entity *entity, const char *alias,
                       ng_error *err)
{
    if (!owns_entity(f, entity) || !alias)
        return ng_fail(err, NG_ERR_INVALID, NULL, "alias for an entity of another graph");
    ng_found_entity *e = f->entities[entity->index];
    if (!*alias || strcmp(alias, e->label) == 0)
        return 0;
    /* The alias goes at the end of the list for the lookup, and stays
     * there only if it is new. */
    void *list = e->aliases;
    void *pairs = f->aliases;
    if (ng_array_grow(&list, &e->alias_cap, e->alias_count + 1, sizeof *e->aliases) != 0 ||
        ng_array_grow(&pairs, &f->alias_cap, f->alias_count + 1, sizeof *f->aliases) != 0 ||
        table_reserve(&f->by_alias) != 0)
        return ng_fail_nomem(err);
    e->aliases = list;
    f->aliases = pairs;
    e->aliases[e->alias_count] = alias;
    pair key = {e->index, e->alias_count};
    uint64_t hash = mix(hash_str(alias), (uint64_t)e->index);
    entry *slot = table_find(&f->by_alias, f, hash, same_alias, &key);
    if (slot->gen == f->by_alias.gen)
        return 0;
    int failed = 0;
    e->aliases[e->alias_count] = arena_copy(&f->strings, alias, &failed);
    if (failed)
        return ng_fail_nomem(err);
    e->alias_count++;
    f->aliases[f->alias_count] = key;
    table_set(&f->by_alias, slot, hash, f->alias_count++);
    return 0;
}

int ng_found_add_mentions(ng_found *f, const ng_found_entity *entity, const char *doc,
                          long count, ng_error *err)
{
    if (!owns_entity(f, entity))
        return ng_fail(err, NG_ERR_INVALID, NULL, "mentions of an entity of another graph");
    if (count < 0)
        return ng_fail(err, NG_ERR_INVALID, NULL, "a negative number of mentions");
    ng_found_entity *e = f->entities[entity->index];
    e->mentions += count;
    if (doc)
        e->in_document = 1;
    return 0;
}

size_t ng_found_entity_count(const ng_found *f)
{
    return f->entity_count;
}

const ng_found_entity *ng_found_entity_at(const ng_found *f, size_t i)
{
    return i < f->entity_count ? f->entities[i] : NULL;
}

/* --- edges -------------------------------------------------------------- */

static int same_edge(const ng_found *f, size_t item, const void *key)
{
    const ng_found_edge *e = f->edges[item], *want = key;
    return e->source == want->source && e->target == want->target &&
           e->relation == want->relation;
}

static ng_found_edge *create_edge(ng_found *f)
{
    if (f->edge_count == f->edge_made) {
        void *list = f->edges;
        ng_found_edge *fresh = calloc(1, sizeof *fresh);
        if (!fresh ||
            ng_array_grow(&list, &f->edge_cap, f->edge_made + 1, sizeof *f->edges) != 0) {
            free(fresh);
            return NULL;
        }
        f->edges = list;
        f->edges[f->edge_made++] = fresh;
    }
    ng_found_edge *e = f->edges[f->edge_count];
    e->index = f->edge_count++;
    e->evidence_count = 0;
    return e;
}

const ng_found_edge *ng_found_add_edge(ng_found *f, const ng_found_entity *source,
                                       ng_relation relation, const ng_found_entity *target,
                                       ng_error *err)
{
    if (!owns_entity(f, source) || !owns_entity(f, target) || source == target ||
        (int)relation < 0 || (int)relation >= NG_RELATION_COUNT) {
        ng_fail(err, NG_ERR_INVALID, NULL,
                "an edge needs two different entities of this graph and a known relation");
        return NULL;
    }
    if (relation == NG_RELATION_MEETS && strcmp(source->id, target->id) > 0) {
        const ng_found_entity *t = source;
        source = target;
        target = t;
    }
    if (table_reserve(&f->by_edge) != 0) {
        ng_fail_nomem(err);
        return NULL;
    }
    ng_found_edge key = {source, target, relation, 0, NULL, 0, 0};
    uint64_t hash = mix(mix((uint64_t)source->index, (uint64_t)target->index), relation);
    entry *slot = table_find(&f->by_edge, f, hash, same_edge, &key);
    if (slot->gen == f->by_edge.gen)
        return f->edges[slot->item];
    ng_found_edge *e = create_edge(f);
    if (!e) {
        ng_fail_nomem(err);
        return NULL;
    }
    e->source = source;
    e->target = target;
    e->relation = relation;
    table_set(&f->by_edge, slot, hash, e->index);
    return e;
}

static int same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Whether two records are the same for a graph: document, sentence,
 * span, trigger and modality. */
static int same_record(const ng_evidence *a, const ng_evidence *b)
{
    return a->sentence == b->sentence && a->start == b->start && a->end == b->end &&
           a->modality == b->modality && same_text(a->doc, b->doc) &&
           same_text(a->trigger, b->trigger);
}

typedef struct record_key {
    size_t edge;
    const ng_evidence *evidence;
} record_key;

static int same_record_of(const ng_found *f, size_t item, const void *key)
{
    const pair *p = &f->records[item];
    const record_key *want = key;
    return p->owner == want->edge &&
           same_record(&f->edges[p->owner]->evidence[p->nth], want->evidence);
}

static uint64_t record_hash(size_t edge, const ng_evidence *ev)
{
    uint64_t h = mix((uint64_t)edge, (uint64_t)ev->sentence);
    h = mix(h, (uint64_t)ev->start);
    h = mix(h, (uint64_t)ev->end);
    h = mix(h, (uint64_t)ev->modality);
    return mix(mix(h, hash_str(ev->doc)), hash_str(ev->trigger));
}

/* Copies the record's strings to the arena. */
static int keep_record(ng_found *f, ng_evidence *ev)
{
    int failed = 0;
    ev->doc = arena_copy(&f->strings, ev->doc, &failed);
    ev->text = arena_copy(&f->strings, ev->text, &failed);
    ev->trigger = arena_copy(&f->strings, ev->trigger, &failed);
    ev->date = arena_copy(&f->strings, ev->date, &failed);
    ev->place = arena_copy(&f->strings, ev->place, &failed);
    ev->item = arena_copy(&f->strings, ev->item, &failed);
    return failed ? NG_ERR_NOMEM : 0;
}

int ng_found_add_evidence(ng_found *f, const ng_found_edge *edge, const ng_evidence *evidence,
                          ng_error *err)
{
    if (!edge || edge->index >= f->edge_count || f->edges[edge->index] != edge)
        return ng_fail(err, NG_ERR_INVALID, NULL, "evidence for an edge of another graph");
    if (!evidence || !evidence->doc || !*evidence->doc || (int)evidence->modality < 0 ||
        (int)evidence->modality >= NG_MODALITY_COUNT)
        return ng_fail(err, NG_ERR_INVALID, NULL, "evidence needs a document and a modality");
    ng_found_edge *e = f->edges[edge->index];
    void *list = e->evidence;
    void *pairs = f->records;
    if (ng_array_grow(&list, &e->evidence_cap, e->evidence_count + 1, sizeof *e->evidence) != 0 ||
        ng_array_grow(&pairs, &f->record_cap, f->record_count + 1, sizeof *f->records) != 0 ||
        table_reserve(&f->by_record) != 0)
        return ng_fail_nomem(err);
    e->evidence = list;
    f->records = pairs;
    record_key key = {e->index, evidence};
    uint64_t hash = record_hash(e->index, evidence);
    entry *slot = table_find(&f->by_record, f, hash, same_record_of, &key);
    if (slot->gen == f->by_record.gen)
        return 0;
    ng_evidence *kept = &e->evidence[e->evidence_count];
    *kept = *evidence;
    if (keep_record(f, kept) != 0)
        return ng_fail_nomem(err);
    f->records[f->record_count] = (pair){e->index, e->evidence_count++};
    table_set(&f->by_record, slot, hash, f->record_count++);
    return 0;
}

size_t ng_found_edge_count(const ng_found *f)
{
    return f->edge_count;
}

const ng_found_edge *ng_found_edge_at(const ng_found *f, size_t i)
{
    return i < f->edge_count ? f->edges[i] : NULL;
}
