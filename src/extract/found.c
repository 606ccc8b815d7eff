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

/* A copy of s[0..len) and a NUL in the arena; *failed set if out of
 * memory. */
static const char *arena_copy_n(arena *a, const char *s, size_t len, int *failed)
{
    char *copy = arena_alloc(a, len + 1);
    if (!copy) {
        *failed = 1;
        return NULL;
    }
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

/* A copy of s in the arena; NULL in gives NULL out (*failed untouched). */
static const char *arena_copy(arena *a, const char *s, int *failed)
{
    return s ? arena_copy_n(a, s, strlen(s), failed) : NULL;
}

/* Bytes handed out since the last rewind, near enough: chunks skipped
 * for want of room count whole. */
static size_t arena_used(const arena *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->count && i <= a->current; i++)
        n += i < a->current ? a->chunks[i].size : a->chunks[i].used;
    return n;
}

/* --- tables ------------------------------------------------------------- */

/* An entry refers to an item (an index into an array of the caller's)
 * and is live when its generation is the table's. Twelve bytes: the
 * tables are probed at random, so the fewer cache lines they span the
 * better; the low half of a key's hash places it and rejects most other
 * keys without loading their items. */
typedef struct entry {
    uint32_t hash;
    uint32_t item;
    uint32_t gen;
} entry;

typedef struct table {
    entry *entries;
    size_t cap; /* a power of two, or 0 */
    size_t count;
    uint32_t gen;
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
static entry *table_find(const table *t, const ng_found *f, uint64_t key_hash, same_fn same,
                         const void *key)
{
    uint32_t hash = (uint32_t)key_hash;
    size_t mask = t->cap - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        entry *e = &t->entries[i];
        if (e->gen != t->gen)
            return e;
        if (e->hash == hash && same(f, e->item, key))
            return e;
    }
}

/* table_reserve when the table is full. */
static int table_grow(table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    entry *entries = calloc(cap, sizeof *entries);
    if (!entries)
        return NG_ERR_NOMEM;
    uint32_t gen = t->gen ? t->gen : 1;
    for (size_t i = 0; i < t->cap; i++) {
        const entry *old = &t->entries[i];
        if (old->gen != t->gen || t->gen == 0)
            continue;
        size_t k = old->hash & (cap - 1);
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

/* Makes room for one more entry, keeping the load under a half; items
 * are numbered in 32 bits. */
static inline int table_reserve(table *t)
{
    if (t->count >= UINT32_MAX / 2)
        return NG_ERR_NOMEM;
    return (t->count + 1) * 2 <= t->cap ? 0 : table_grow(t);
}

/* Claims the free entry e for `item`, of hash key_hash. */
static void table_set(table *t, entry *e, uint64_t key_hash, size_t item)
{
    *e = (entry){(uint32_t)key_hash, (uint32_t)item, t->gen};
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

/* A label ng_found_add_entity was given, in this document or an earlier
 * one. The same names come back in document after document, so what a
 * label always gives (its slug, the id the search for its id starts from)
 * is worked out once and kept across documents; what it gave in this
 * document, for each type, is kept for the document. */
typedef struct label_memo {
    unsigned doc;       /* the document `as` belongs to (f->doc_number) */
    uint32_t base_hash; /* hash_str(base), the low half that tables use */
    uint32_t label_len, base_len; /* lengths past 32 bits are refused */
    /* The entity of each type (its index + 1; 0: none yet), kept small
     * so that the label follows within the memo's first cache line. */
    uint32_t as[NG_ENTITY_TYPE_COUNT];
    /* The label and its NUL, then base, ng_entity_id_base of the label,
     * and its NUL: a memo is one block of f->lasting, so that finding it
     * and comparing its label touch the same cache lines. */
    char label[];
} label_memo;

static const char *memo_base(const label_memo *m)
{
    return m->label + m->label_len + 1;
}

/* The index of the memos by label. A slot keeps the low half of the
 * label's hash and its length (cut to 32 bits), so that a probe loads a
 * memo only when it is almost surely the one looked for. Unlike the
 * document's tables it lives across documents, and is emptied only when
 * the memos are forgotten. */
typedef struct label_slot {
    uint32_t hash;
    uint32_t len;
    label_memo *memo; /* NULL: free */
} label_slot;

typedef struct label_index {
    label_slot *slots;
    size_t cap; /* a power of two, or 0 */
    size_t count;
} label_index;

/* By default the memo is forgotten, at the start of a document, past
 * this many bytes of memos: enough for the names of a large corpus, and a
 * bound on what a stream of names that never repeat can cost. The labels
 * are bounded too, at one per MEMO_BYTES_PER_LABEL bytes of the bound,
 * for the index. */
#define MEMO_BYTES_PER_LABEL 160

/* An alias or an evidence record: the nth of an entity or edge. */
typedef struct pair {
    size_t owner, nth;
} pair;

struct ng_found {
    arena strings;
    ng_docinfo doc;
    uint64_t doc_hash; /* hash_str(doc.name), for the document's records */
    ng_found_entity **entities; /* records past entity_count wait to be reused */
    size_t entity_count, entity_made, entity_cap;
    ng_found_edge **edges;
    size_t edge_count, edge_made, edge_cap;
    /* Labels, kept across documents (see label_memo). */
    arena lasting;
    size_t memo_count;
    label_index by_label;
    unsigned doc_number; /* counts ng_found_start: the document of a memo's `as` */
    size_t memo_max_bytes; /* forgotten past this many bytes of memos */
    pair *aliases;
    size_t alias_count, alias_cap;
    pair *records;
    size_t record_count, record_cap;
    table by_id, by_alias, by_edge, by_record;
    ng_buf id;
};

/* The slot of the memo of label[0..len), of hash `hash`, or the free slot
 * where it would go; len is at most UINT32_MAX. */
static label_slot *label_find(const label_index *t, const char *label, size_t len,
                              uint32_t hash)
{
    size_t mask = t->cap - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        label_slot *s = &t->slots[i];
        if (!s->memo)
            return s;
        if (s->hash == hash && s->len == len && memcmp(s->memo->label, label, len) == 0)
            return s;
    }
}

/* Makes room for one more label, keeping the load under a half; the
 * hashes the slots keep place them without loading any memo. */
static int label_reserve(label_index *t)
{
    if ((t->count + 1) * 2 <= t->cap)
        return 0;
    size_t cap = t->cap ? t->cap * 2 : 256;
    label_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < t->cap; i++) {
        label_slot old = t->slots[i];
        if (!old.memo)
            continue;
        size_t k = old.hash & (cap - 1);
        while (slots[k].memo)
            k = (k + 1) & (cap - 1);
        slots[k] = old;
    }
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
    return 0;
}

static void label_clear(label_index *t)
{
    if (t->cap)
        memset(t->slots, 0, t->cap * sizeof *t->slots);
    t->count = 0;
}

ng_found *ng_found_new(ng_error *err)
{
    ng_found *f = calloc(1, sizeof *f);
    if (!f)
        ng_fail_nomem(err);
    else
        f->memo_max_bytes = NG_FOUND_MEMO_BYTES;
    return f;
}

void ng_found_set_memo_bytes(ng_found *f, size_t bytes)
{
    f->memo_max_bytes = bytes;
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
    free(f->by_label.slots);
    free(f->aliases);
    free(f->records);
    table *tables[] = {&f->by_id, &f->by_alias, &f->by_edge, &f->by_record};
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
        free(tables[i]->entries);
    arena_free(&f->strings);
    arena_free(&f->lasting);
    ng_buf_free(&f->id);
    free(f);
}

void ng_found_start(ng_found *f)
{
    arena_rewind(&f->strings);
    f->doc = (ng_docinfo){0};
    f->entity_count = f->edge_count = 0;
    f->alias_count = f->record_count = 0;
    table *tables[] = {&f->by_id, &f->by_alias, &f->by_edge, &f->by_record};
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
        table_clear(tables[i]);
    /* No entity of the last document is left to point into the memo, so
     * it may be forgotten now; a new document number makes every memo's
     * `as` stale (and, once it wraps, the memo is forgotten too). */
    if (++f->doc_number == 0 || f->memo_count > f->memo_max_bytes / MEMO_BYTES_PER_LABEL ||
        arena_used(&f->lasting) > f->memo_max_bytes) {
        arena_rewind(&f->lasting);
        f->memo_count = 0;
        label_clear(&f->by_label);
        if (f->doc_number == 0)
            f->doc_number = 1;
    }
}

int ng_found_add_document(ng_found *f, const ng_docinfo *doc, ng_error *err)
{
    if (!doc || !doc->name || !*doc->name)
        return ng_fail(err, NG_ERR_INVALID, NULL, "a document needs a name");
    if (f->doc.name && strcmp(f->doc.name, doc->name) != 0)
        return ng_fail(err, NG_ERR_INVALID, NULL, "one document at a time");
    int failed = 0;
    if (!f->doc.name) {
        f->doc.name = arena_copy(&f->strings, doc->name, &failed);
        f->doc_hash = hash_str(doc->name);
    }
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

/* The entity whose id is `id`, of hash hash_str(id), or NULL. */
static ng_found_entity *entity_by_id(const ng_found *f, const char *id, uint64_t hash)
{
    if (f->by_id.cap == 0)
        return NULL;
    const entry *e = table_find(&f->by_id, f, hash, same_id, id);
    return e->gen == f->by_id.gen ? f->entities[e->item] : NULL;
}

const ng_found_entity *ng_found_entity_by_id(const ng_found *f, const char *id)
{
    return id ? entity_by_id(f, id, hash_str(id)) : NULL;
}

static const void *lookup_id(const void *found, const char *id, ng_entity_type *type)
{
    const ng_found_entity *e = ng_found_entity_by_id(found, id);
    if (e)
        *type = e->type;
    return e;
}

/* A new entity of the memo's label, with the id `id` (which lasts until
 * ng_found_start) of hash hash_str(id); NULL if out of memory. */
static ng_found_entity *create_entity(ng_found *f, const label_memo *m, uint64_t label_hash,
                                      const char *id, uint64_t id_hash, ng_entity_type type)
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
    ng_found_entity *e = f->entities[f->entity_count];
    if (table_reserve(&f->by_id) != 0)
        return NULL;
    e->id = id;
    e->label = m->label;
    e->label_len = m->label_len;
    e->label_hash = (uint32_t)label_hash; /* ng_strmap_hash: the low half */
    e->type = type;
    e->index = f->entity_count;
    e->mentions = 0;
    e->in_document = 0;
    e->alias_count = 0;
    table_set(&f->by_id, table_find(&f->by_id, f, id_hash, same_id, id), id_hash, e->index);
    f->entity_count++;
    return e;
}

/* The memo of label[0..len), of hash ng_hash_bytes(label), made if need
 * be; NULL if out of memory. The memo lasts until ng_found_start. */
static label_memo *memo_of(ng_found *f, const char *label, size_t len, uint64_t hash)
{
    /* A graph's maps refuse such keys too (util/strmap.h). */
    if (len > UINT32_MAX || label_reserve(&f->by_label) != 0)
        return NULL;
    label_slot *slot = label_find(&f->by_label, label, len, (uint32_t)hash);
    if (slot->memo)
        return slot->memo;
    ng_buf_clear(&f->id);
    if (ng_entity_id_base(label, len, &f->id) != 0 || f->id.len > UINT32_MAX)
        return NULL;
    /* Every block of f->lasting is a memo of a size rounded up to the
     * memo's alignment, so every memo is aligned. */
    size_t align = _Alignof(label_memo);
    size_t size = sizeof(label_memo) + len + 1 + f->id.len + 1;
    label_memo *m = (label_memo *)arena_alloc(&f->lasting, (size + align - 1) / align * align);
    if (!m)
        return NULL;
    *m = (label_memo){0};
    m->label_len = (uint32_t)len;
    m->base_len = (uint32_t)f->id.len;
    memcpy(m->label, label, len);
    m->label[len] = '\0';
    char *base = m->label + len + 1;
    memcpy(base, f->id.data, f->id.len);
    base[f->id.len] = '\0';
    m->base_hash = (uint32_t)ng_hash_bytes(base, f->id.len);
    *slot = (label_slot){(uint32_t)hash, (uint32_t)len, m};
    f->by_label.count++;
    f->memo_count++;
    return m;
}

/* What ng_graph_add_entity does, for the memo's label: the entity of this
 * type that holds the id the label gives, with the label as an alias, or
 * a new one. NULL if out of memory. */
static const ng_found_entity *entity_for(ng_found *f, const label_memo *m, uint64_t label_hash,
                                         ng_entity_type type, ng_error *err)
{
    /* Most labels give their slug, held by nothing yet or by an entity of
     * the same type: settle that with the hash the memo keeps. */
    const ng_found_entity *e = entity_by_id(f, memo_base(m), m->base_hash);
    const char *id = memo_base(m);
    uint64_t id_hash = m->base_hash;
    if (e && e->type != type) {
        ng_buf_clear(&f->id);
        const void *found;
        if (ng_buf_append(&f->id, memo_base(m), m->base_len) != 0 ||
            ng_entity_id_settle(type, &f->id, lookup_id, f, &found) != 0) {
            ng_fail_nomem(err);
            return NULL;
        }
        e = found;
        int failed = 0;
        if (!e) {
            id = arena_copy_n(&f->strings, f->id.data, f->id.len, &failed);
            id_hash = ng_hash_bytes(f->id.data, f->id.len);
        }
        if (failed) {
            ng_fail_nomem(err);
            return NULL;
        }
    }
    if (e)
        return ng_found_add_alias(f, e, m->label, err) == 0 ? e : NULL;
    if (!(e = create_entity(f, m, label_hash, id, id_hash, type)))
        ng_fail_nomem(err);
    return e;
}

const ng_found_entity *ng_found_add_entity(ng_found *f, const char *label, ng_entity_type type,
                                           ng_error *err)
{
    if (!label || !*label || (int)type < 0 || (int)type >= NG_ENTITY_TYPE_COUNT) {
        ng_fail(err, NG_ERR_INVALID, NULL, "an entity needs a label and a known type");
        return NULL;
    }
    size_t len = strlen(label);
    uint64_t hash = ng_hash_bytes(label, len);
    label_memo *m = memo_of(f, label, len, hash);
    if (!m) {
        ng_fail_nomem(err);
        return NULL;
    }
    /* What (label, type) gave is given again: a graph gives the same
     * entity, and the label is by then its label or one of its aliases. */
    if (m->doc != f->doc_number) {
        memset(m->as, 0, sizeof m->as);
        m->doc = f->doc_number;
    }
    if (m->as[type])
        return f->entities[m->as[type] - 1];
    const ng_found_entity *e = entity_for(f, m, hash, type, err);
    if (e)
        m->as[type] = (uint32_t)e->index + 1; /* table_reserve bounds the count */
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
    size_t len = strlen(alias);
    if (len == 0 || (len == e->label_len && memcmp(alias, e->label, len) == 0))
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
    uint64_t hash = mix(ng_hash_bytes(alias, len), (uint64_t)e->index);
    entry *slot = table_find(&f->by_alias, f, hash, same_alias, &key);
    if (slot->gen == f->by_alias.gen)
        return 0;
    int failed = 0;
    e->aliases[e->alias_count] = arena_copy_n(&f->strings, alias, len, &failed);
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

/* The records of a document name it, and its name can be long (a path):
 * its hash is worked out once, in ng_found_add_document. */
static uint64_t record_hash(const ng_found *f, size_t edge, const ng_evidence *ev)
{
    uint64_t doc_hash = same_text(ev->doc, f->doc.name) ? f->doc_hash : hash_str(ev->doc);
    uint64_t h = mix((uint64_t)edge, (uint64_t)ev->sentence);
    h = mix(h, (uint64_t)ev->start);
    h = mix(h, (uint64_t)ev->end);
    h = mix(h, (uint64_t)ev->modality);
    return mix(mix(h, doc_hash), hash_str(ev->trigger));
}

/* Copies the record's strings to the arena. */
static int keep_record(ng_found *f, ng_evidence *ev)
{
    int failed = 0;
    /* The records of a document are of that document and its date, which
     * are kept already. */
    ev->doc = same_text(ev->doc, f->doc.name) ? f->doc.name : arena_copy(&f->strings, ev->doc, &failed);
    ev->text = arena_copy(&f->strings, ev->text, &failed);
    ev->trigger = arena_copy(&f->strings, ev->trigger, &failed);
    ev->date = same_text(ev->date, f->doc.date) ? f->doc.date
                                                  : arena_copy(&f->strings, ev->date, &failed);
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
    uint64_t hash = record_hash(f, e->index, evidence);
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
