/* The graph model: entities, edges and their evidence, with the indexes
 * that make every lookup a hash probe (by id, by folded name, by edge key,
 * by evidence key). Strings are interned, so equal strings share one
 * pointer; the strings of small sets (documents, dates, triggers...) are
 * also numbered, as atoms. Evidence records are kept as bytes in a log
 * that moves to a temporary file when it grows large (see "evidence"). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <newsgraph/graph.h>

#include "graph/entity_id.h"
#include "graph/evidence_codec.h"
#include "graph/intern.h"
#include "util/buf.h"
#include "util/bytelog.h"
#include "util/fail.h"
#include "util/names.h"
#include "util/pairset.h"
#include "util/strmap.h"

struct ng_entity {
    const char *id;
    const char *label;
    ng_entity_type type;
    size_t index;
    long mentions;
    const char **aliases;
    size_t alias_count, alias_cap;
    /* Documents as numbers into graph->atoms: an entity can be named in
     * most documents of a corpus, so this list is kept small. */
    const struct ng_graph *graph;
    uint32_t *docs;
    size_t doc_count, doc_cap;
    int docs_in_set; /* whether graph->doc_pairs holds this entity's documents */
    /* docs[doc_count - 1], kept here as well: it is asked for every
     * mention added, and on a large graph the list's end is rarely in the
     * cache when its entity is. */
    uint32_t last_doc;
};

/* Edges are the most numerous objects of a large graph, so they are kept
 * small: their records live in the graph (see below), and the few edges
 * with a declared summary keep it in graph->summaries. */
struct ng_edge {
    const ng_entity *source;
    const ng_entity *target;
    uint32_t index;
    unsigned evidence_count : 26; /* the rest of the word: see MAX_EDGE_RECORDS */
    unsigned relation : 2;
    unsigned strongest : 2;       /* ng_modality, among the records held */
    unsigned has_summary : 1;     /* see ng_graph_set_edge_summary */
    unsigned indexed : 1;         /* its records are in graph->record_slots */
    union {
        uint32_t one;             /* the record number, while there is one */
        uint32_t *many;           /* the record numbers, once there are more;
                                   * room for a power of two of them */
    } records;
};

#define MAX_EDGE_RECORDS ((1u << 26) - 1)

/* Two pointers and sixteen bytes: 32 bytes on a 64-bit machine. */
_Static_assert(sizeof(struct ng_edge) <= 2 * sizeof(void *) + 16, "an edge grew");

typedef struct edge_summary {
    size_t weight;
    ng_modality modality;
} edge_summary;

/* Edges are allocated in blocks, so that handles stay put as the graph
 * grows and no edge costs an allocation of its own. */
#define EDGE_BLOCK 1024

/* Records by number, in blocks, so that no array of millions is copied
 * as it grows or leaves its old copy behind. */
#define RECORD_BLOCK 4096

struct record_block {
    uint64_t offset[RECORD_BLOCK]; /* in graph->log */
    uint32_t key[RECORD_BLOCK];    /* see record_key */
};

/* The kinds of strings that are atoms, for atom_number_of. */
enum atom_kind { ATOM_DOC, ATOM_TRIGGER, ATOM_DATE, ATOM_PLACE, ATOM_ITEM, ATOM_KINDS };

/* The entities one folded name refers to. */
typedef struct name_entry {
    const ng_entity **items;
    size_t count, cap;
} name_entry;

struct ng_graph {
    ng_intern strings;
    const char *label;
    ng_docinfo *docs;
    size_t doc_count, doc_cap;
    ng_entity **entities;
    size_t entity_count, entity_cap;
    ng_edge **edge_blocks;   /* of EDGE_BLOCK edges each */
    size_t edge_count, edge_block_cap;
    edge_summary *summaries; /* by edge index, for edges with has_summary */
    size_t summary_cap;
    uint32_t *doc_of_atom;   /* document index + 1 by the atom of its name; 0: none */
    size_t doc_of_atom_cap;
    ng_strmap entity_by_id;  /* id -> entity */
    ng_strmap names;         /* folded name -> name_entry */
    uint32_t *edge_slots;    /* edge number + 1 and hash bits by (source, relation, target),
                              * 0: empty (see hash_ends) */
    size_t edge_slot_cap;    /* a power of two, or 0 */
    ng_pairset alias_pairs;  /* (entity, alias) pairs recorded */
    ng_pairset doc_pairs;    /* (entity, document) pairs, see ng_graph_add_mentions */
    /* Strings drawn from small sets (document names, dates, triggers,
     * places, items), numbered so that entities and evidence records can
     * refer to them in four bytes or less. */
    const char **atoms;
    size_t atom_count, atom_cap;
    ng_strmap atom_number;   /* string -> number + 1 */
    /* The atom last given for each kind of string, see atom_number_of:
     * its string (NULL: none yet) and number. */
    const char *recent_atom[ATOM_KINDS];
    uint32_t recent_number[ATOM_KINDS];
    /* Evidence records: their bytes in the log, and for each, in memory,
     * its offset and its key (record_key), by record number. */
    ng_bytelog log;
    struct record_block **record_blocks;
    size_t record_count, record_block_cap;
    /* Records of the edges with many (see EVIDENCE_SCAN_LIMIT), by key:
     * open addressing over record numbers + 1. */
    uint32_t *record_slots;
    size_t record_slot_cap, record_slot_count;
    ng_buf record_bytes;     /* a record being encoded */
    ng_buf record_scratch;   /* a stored record read back to compare */
    ng_buf scratch;
};

static ng_edge *edge_at(const ng_graph *g, size_t i)
{
    return &g->edge_blocks[i / EDGE_BLOCK][i % EDGE_BLOCK];
}

ng_graph *ng_graph_new(ng_error *err)
{
    ng_graph *g = calloc(1, sizeof *g);
    if (!g) {
        ng_fail_nomem(err);
        return NULL;
    }
    g->label = "";
    return g;
}

static void free_entity(ng_entity *e)
{
    free(e->aliases);
    free(e->docs);
    free(e);
}

void ng_graph_free(ng_graph *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->entity_count; i++)
        free_entity(g->entities[i]);
    for (size_t i = 0; i < g->edge_count; i++) {
        ng_edge *e = edge_at(g, i);
        if (e->evidence_count > 1)
            free(e->records.many);
    }
    for (size_t i = 0; i * EDGE_BLOCK < g->edge_count; i++)
        free(g->edge_blocks[i]);
    for (size_t i = 0; i < g->names.cap; i++) {
        name_entry *n = g->names.slots[i].key ? g->names.slots[i].value : NULL;
        if (n) {
            free(n->items);
            free(n);
        }
    }
    free(g->entities);
    free(g->edge_blocks);
    free(g->summaries);
    free(g->docs);
    free(g->atoms);
    ng_strmap_free(&g->atom_number);
    ng_bytelog_free(&g->log);
    for (size_t i = 0; i * RECORD_BLOCK < g->record_count; i++)
        free(g->record_blocks[i]);
    free(g->record_blocks);
    free(g->record_slots);
    ng_buf_free(&g->record_bytes);
    ng_buf_free(&g->record_scratch);
    free(g->doc_of_atom);
    ng_strmap_free(&g->entity_by_id);
    ng_strmap_free(&g->names);
    free(g->edge_slots);
    ng_pairset_free(&g->alias_pairs);
    ng_pairset_free(&g->doc_pairs);
    ng_buf_free(&g->scratch);
    ng_intern_free(&g->strings);
    free(g);
}

/* Interns s, reporting failure through err. NULL in gives NULL out. */
static int intern(ng_graph *g, const char *s, const char **out, ng_error *err)
{
    *out = NULL;
    if (!s)
        return 0;
    *out = ng_intern_str(&g->strings, s);
    return *out ? 0 : ng_fail_nomem(err);
}

int ng_graph_set_label(ng_graph *g, const char *label, ng_error *err)
{
    const char *s;
    if (intern(g, label ? label : "", &s, err) != 0)
        return NG_ERR_NOMEM;
    g->label = s;
    return 0;
}

const char *ng_graph_label(const ng_graph *g)
{
    return g->label;
}

/* --- documents ---------------------------------------------------------- */

/* The atom number of s, given on first sight; the atom is a copy of s in
 * the pool. Atoms have their own index, not the pool's: there can be
 * hundreds of thousands of document names, and one index is enough. */
static int atom_number(ng_graph *g, const char *s, uint32_t *out, ng_error *err)
{
    size_t len = strlen(s);
    uintptr_t n = (uintptr_t)ng_strmap_get(&g->atom_number, s, len);
    if (n) {
        *out = (uint32_t)(n - 1);
        return 0;
    }
    if (g->atom_count >= UINT32_MAX - 1)
        return ng_fail(err, NG_ERR_LIMIT, NULL, "too many distinct documents, dates and triggers");
    const char *atom = ng_intern_keep(&g->strings, s, len + 1);
    void *list = g->atoms;
    if (!atom || ng_array_grow(&list, &g->atom_cap, g->atom_count + 1, sizeof *g->atoms) != 0)
        return ng_fail_nomem(err);
    g->atoms = list;
    if (ng_strmap_put(&g->atom_number, atom, len, (void *)(uintptr_t)(g->atom_count + 1)) != 0)
        return ng_fail_nomem(err);
    *out = (uint32_t)g->atom_count;
    g->atoms[g->atom_count++] = atom;
    return 0;
}

/* atom_number, first trying the atom last given for a string of this
 * kind: a document's mentions and records name the same document and
 * date over and over, and triggers and places repeat, so comparing with
 * one atom mostly saves hashing the string and probing the index. */
static int atom_number_of(ng_graph *g, enum atom_kind kind, const char *s, uint32_t *out,
                          ng_error *err)
{
    const char *atom = g->recent_atom[kind];
    /* The first bytes tell most other strings apart without a call. */
    if (atom && atom[0] == s[0] && strcmp(atom, s) == 0) {
        *out = g->recent_number[kind];
        return 0;
    }
    int rc = atom_number(g, s, out, err);
    if (rc == 0) {
        g->recent_atom[kind] = g->atoms[*out];
        g->recent_number[kind] = *out;
    }
    return rc;
}

/* Makes doc_of_atom cover atom n. */
static int cover_atom(ng_graph *g, uint32_t n, ng_error *err)
{
    void *list = g->doc_of_atom;
    if (ng_array_grow_zeroed(&list, &g->doc_of_atom_cap, (size_t)n + 1,
                             sizeof *g->doc_of_atom) != 0)
        return ng_fail_nomem(err);
    g->doc_of_atom = list;
    return 0;
}

int ng_graph_add_document(ng_graph *g, const ng_docinfo *doc, ng_error *err)
{
    if (!doc || !doc->name || !*doc->name)
        return ng_fail(err, NG_ERR_INVALID, NULL, "a document needs a name");
    uint32_t atom;
    const char *date;
    int rc = atom_number_of(g, ATOM_DOC, doc->name, &atom, err);
    if (rc != 0 || (rc = cover_atom(g, atom, err)) != 0)
        return rc;
    if (intern(g, doc->date, &date, err) != 0)
        return NG_ERR_NOMEM;
    if (g->doc_of_atom[atom]) {
        ng_docinfo *old = &g->docs[g->doc_of_atom[atom] - 1];
        if (date)
            old->date = date;
        if (doc->sentences)
            old->sentences = doc->sentences;
        return 0;
    }
    void *docs = g->docs;
    if (g->doc_count >= UINT32_MAX - 1 ||
        ng_array_grow(&docs, &g->doc_cap, g->doc_count + 1, sizeof *g->docs) != 0)
        return ng_fail_nomem(err);
    g->docs = docs;
    g->docs[g->doc_count] = (ng_docinfo){g->atoms[atom], date, doc->sentences};
    g->doc_of_atom[atom] = (uint32_t)++g->doc_count;
    return 0;
}

size_t ng_graph_document_count(const ng_graph *g)
{
    return g->doc_count;
}

const ng_docinfo *ng_graph_document_at(const ng_graph *g, size_t i)
{
    return i < g->doc_count ? &g->docs[i] : NULL;
}

/* --- names -------------------------------------------------------------- */

/* Folds `name` into g->scratch; returns the key or NULL if out of memory. */
static const char *fold(ng_graph *g, const char *name)
{
    ng_buf_clear(&g->scratch);
    return ng_name_fold(name, strlen(name), &g->scratch) == 0 ? ng_buf_cstr(&g->scratch) : NULL;
}

/* Makes `name` find `e` in ng_graph_find. */
static int register_name(ng_graph *g, const ng_entity *e, const char *name, ng_error *err)
{
    const char *key = fold(g, name);
    if (!key)
        return ng_fail_nomem(err);
    if (!*key)
        return 0;
    size_t len = strlen(key);
    name_entry *n = ng_strmap_get(&g->names, key, len);
    if (!n) {
        const char *stored = ng_intern_bytes(&g->strings, key, len);
        n = calloc(1, sizeof *n);
        if (!stored || !n || ng_strmap_put(&g->names, stored, len, n) != 0) {
            free(n);
            return ng_fail_nomem(err);
        }
    }
    for (size_t i = 0; i < n->count; i++)
        if (n->items[i] == e)
            return 0;
    void *items = n->items;
    if (ng_array_grow(&items, &n->cap, n->count + 1, sizeof *n->items) != 0)
        return ng_fail_nomem(err);
    n->items = items;
    n->items[n->count++] = e;
    return 0;
}

static const name_entry *lookup_name(const ng_graph *g, const char *name, ng_buf *key)
{
    if (ng_name_fold(name, strlen(name), key) != 0 || key->len == 0)
        return NULL;
    return ng_strmap_get(&g->names, key->data, key->len);
}

const ng_entity *ng_graph_find(const ng_graph *g, const char *name)
{
    ng_buf key = {0}, label = {0};
    const name_entry *n = name ? lookup_name(g, name, &key) : NULL;
    const ng_entity *found = n && n->count ? n->items[0] : NULL;
    for (size_t i = 0; n && i < n->count && n->count > 1; i++) {
        ng_buf_clear(&label);
        const char *l = n->items[i]->label;
        if (ng_name_fold(l, strlen(l), &label) == 0 && strcmp(ng_buf_cstr(&label), key.data) == 0) {
            found = n->items[i];
            break;
        }
    }
    ng_buf_free(&key);
    ng_buf_free(&label);
    return found;
}

size_t ng_graph_find_all(const ng_graph *g, const char *name, const ng_entity **out,
                         size_t capacity)
{
    ng_buf key = {0};
    const name_entry *n = name ? lookup_name(g, name, &key) : NULL;
    ng_buf_free(&key);
    if (!n)
        return 0;
    for (size_t i = 0; i < n->count && i < capacity; i++)
        out[i] = n->items[i];
    return n->count;
}

/* --- entities ----------------------------------------------------------- */

const ng_entity *ng_graph_entity_by_id(const ng_graph *g, const char *id)
{
    return id ? ng_strmap_get(&g->entity_by_id, id, strlen(id)) : NULL;
}

/* Whether `e` is one of g's entities (handles from another graph are not). */
static int owns_entity(const ng_graph *g, const ng_entity *e)
{
    /* The entity says which graph made it: asking it, rather than
     * g->entities, reads one cache line where the entity is read anyway. */
    return e && e->graph == g && e->index < g->entity_count;
}

/* An entity the graph owns (owns_entity), to change: the graph allocated
 * it mutable and hands it out const. */
static ng_entity *mutable_entity(const ng_entity *e)
{
    return (ng_entity *)e;
}

static ng_entity *create_entity(ng_graph *g, const char *id, const char *label,
                                ng_entity_type type, ng_error *err)
{
    ng_entity *e = calloc(1, sizeof *e);
    void *list = g->entities;
    if (!e || ng_array_grow(&list, &g->entity_cap, g->entity_count + 1, sizeof *g->entities)) {
        free(e);
        ng_fail_nomem(err);
        return NULL;
    }
    g->entities = list;
    e->type = type;
    e->graph = g;
    e->index = g->entity_count;
    if (intern(g, id, &e->id, err) || intern(g, label, &e->label, err) ||
        ng_strmap_put(&g->entity_by_id, e->id, strlen(e->id), e) != 0) {
        free(e);
        ng_fail_nomem(err);
        return NULL;
    }
    g->entities[g->entity_count++] = e;
    if (register_name(g, e, label, err) != 0 || register_name(g, e, id, err) != 0)
        return NULL;
    return e;
}

static int valid_type(ng_entity_type type)
{
    return (int)type >= 0 && (int)type < NG_ENTITY_TYPE_COUNT;
}

static const void *lookup_id(const void *graph, const char *id, ng_entity_type *type)
{
    const ng_entity *e = ng_graph_entity_by_id(graph, id);
    if (e)
        *type = e->type;
    return e;
}

const ng_entity *ng_graph_add_entity(ng_graph *g, const char *label, ng_entity_type type,
                                     ng_error *err)
{
    if (!label || !*label || !valid_type(type)) {
        ng_fail(err, NG_ERR_INVALID, NULL, "an entity needs a label and a known type");
        return NULL;
    }
    ng_buf id = {0};
    const void *found;
    if (ng_entity_id_choose(label, type, &id, lookup_id, g, &found) != 0) {
        ng_buf_free(&id);
        ng_fail_nomem(err);
        return NULL;
    }
    const ng_entity *e = found;
    if (e) {
        ng_buf_free(&id);
        return ng_graph_add_alias(g, e, label, err) == 0 ? e : NULL;
    }
    e = create_entity(g, id.data, label, type, err);
    ng_buf_free(&id);
    return e;
}

const ng_entity *ng_graph_add_entity_with_id(ng_graph *g, const char *id, const char *label,
                                             ng_entity_type type, ng_error *err)
{
    if (!id || !*id || !label || !*label || !valid_type(type)) {
        ng_fail(err, NG_ERR_INVALID, NULL, "an entity needs an id, a label and a known type");
        return NULL;
    }
    const ng_entity *e = ng_graph_entity_by_id(g, id);
    if (e && e->type != type) {
        ng_fail(err, NG_ERR_INVALID, NULL, "entity \"%s\" is a %s, not a %s", id,
                ng_entity_type_name(e->type), ng_entity_type_name(type));
        return NULL;
    }
    return e ? e : create_entity(g, id, label, type, err);
}

/* Adds (e, s) to a pair set, reporting failure through err. Returns 1 if
 * the pair is new, 0 if it was there, NG_ERR_NOMEM. */
static int add_pair(ng_pairset *set, const ng_entity *e, const char *s, ng_error *err)
{
    int fresh = ng_pairset_add(set, e, s);
    return fresh >= 0 ? fresh : ng_fail_nomem(err);
}

int ng_graph_add_alias(ng_graph *g, const ng_entity *entity, const char *alias, ng_error *err)
{
    if (!owns_entity(g, entity) || !alias)
        return ng_fail(err, NG_ERR_INVALID, NULL, "alias for an entity of another graph");
    ng_entity *e = mutable_entity(entity);
    const char *s;
    if (intern(g, alias, &s, err) != 0)
        return NG_ERR_NOMEM;
    if (!*s || s == e->label)
        return 0;
    /* A set of (entity, alias) pairs keeps long alias lists linear. */
    int fresh = add_pair(&g->alias_pairs, e, s, err);
    if (fresh <= 0)
        return fresh;
    void *list = e->aliases;
    if (ng_array_grow(&list, &e->alias_cap, e->alias_count + 1, sizeof *e->aliases) != 0)
        return ng_fail_nomem(err);
    e->aliases = list;
    e->aliases[e->alias_count++] = s;
    return register_name(g, e, s, err);
}

int ng_graph_add_mentions(ng_graph *g, const ng_entity *entity, const char *doc, long count,
                          ng_error *err)
{
    if (!owns_entity(g, entity))
        return ng_fail(err, NG_ERR_INVALID, NULL, "mentions of an entity of another graph");
    if (count < 0)
        return ng_fail(err, NG_ERR_INVALID, NULL, "a negative number of mentions");
    ng_entity *e = mutable_entity(entity);
    e->mentions += count;
    uint32_t n = 0;
    int rc = doc ? atom_number_of(g, ATOM_DOC, doc, &n, err) : 0;
    if (!doc || rc != 0)
        return rc;
    const char *d = g->atoms[n];
    if (e->doc_count && e->last_doc == n)
        return 0;
    /* Documents are numbered as they are first seen, so while an entity's
     * documents come in that order a new number is a new document; only
     * an entity whose documents come out of order (as in a merge) needs
     * its pairs in the set. */
    if (e->docs_in_set || (e->doc_count && n < e->last_doc)) {
        for (size_t i = 0; !e->docs_in_set && i < e->doc_count; i++)
            if (add_pair(&g->doc_pairs, e, g->atoms[e->docs[i]], err) < 0)
                return NG_ERR_NOMEM;
        e->docs_in_set = 1;
        int fresh = add_pair(&g->doc_pairs, e, d, err);
        if (fresh <= 0)
            return fresh;
    }
    if (e->doc_count == e->doc_cap) { /* most appends have room: no call */
        void *list = e->docs;
        if (ng_array_grow_from(&list, &e->doc_cap, e->doc_count + 1, sizeof *e->docs, 4) != 0)
            return ng_fail_nomem(err);
        e->docs = list;
    }
    e->docs[e->doc_count++] = n;
    e->last_doc = n;
    return 0;
}

size_t ng_graph_entity_count(const ng_graph *g)
{
    return g->entity_count;
}

const ng_entity *ng_graph_entity_at(const ng_graph *g, size_t i)
{
    return i < g->entity_count ? g->entities[i] : NULL;
}

const char *ng_entity_id(const ng_entity *e) { return e->id; }
const char *ng_entity_label(const ng_entity *e) { return e->label; }
ng_entity_type ng_entity_typeof(const ng_entity *e) { return e->type; }
size_t ng_entity_index(const ng_entity *e) { return e->index; }
long ng_entity_mentions(const ng_entity *e) { return e->mentions; }
size_t ng_entity_alias_count(const ng_entity *e) { return e->alias_count; }
size_t ng_entity_doc_count(const ng_entity *e) { return e->doc_count; }

const char *ng_entity_alias_at(const ng_entity *e, size_t i)
{
    return i < e->alias_count ? e->aliases[i] : NULL;
}

const char *ng_entity_doc_at(const ng_entity *e, size_t i)
{
    return i < e->doc_count ? e->graph->atoms[e->docs[i]] : NULL;
}

/* --- edges -------------------------------------------------------------- */

/* Puts the ends of a `meets` edge in canonical order (smaller id first). */
static void order_ends(const ng_entity **source, ng_relation relation, const ng_entity **target)
{
    if (relation == NG_RELATION_MEETS && strcmp((*source)->id, (*target)->id) > 0) {
        const ng_entity *t = *source;
        *source = *target;
        *target = t;
    }
}

/* The edge index is open addressing over edge numbers, four bytes a slot:
 * a graph can hold millions of edges, and a map keyed by a copy of each
 * edge's ends took five times that (and a slot of eight bytes, with the
 * edge's hash, took the 1 GiB benchmark past 300 MB). A slot holds the
 * edge's number + 1 in the bits its index uses (the table has more slots
 * than edges) and, above them, the bits of the edge's hash that the index
 * does not use: a probe loads an edge only when those agree, which spares
 * nearly every load of another edge, each a likely cache miss. */
static uint32_t hash_ends(const ng_entity *source, ng_relation relation, const ng_entity *target)
{
    uint64_t h = (uint64_t)source->index * 0x9e3779b97f4a7c15u;
    h ^= ((uint64_t)target->index << 2 | (uint64_t)relation) * 0xbf58476d1ce4e5b9u;
    return (uint32_t)(h ^ (h >> 31));
}

/* The slot of edge number n, of hash `hash`, in a table of cap slots. */
static uint32_t edge_slot_value(uint32_t hash, size_t n, size_t cap)
{
    return (uint32_t)((hash & ~(uint64_t)(cap - 1)) | (n + 1));
}

/* The number of the edge in a slot that is not empty. */
static size_t slot_edge_number(const ng_graph *g, uint32_t slot)
{
    return (slot & (g->edge_slot_cap - 1)) - 1;
}

/* The slot that holds the edge of these ends, of hash hash_ends(...), or
 * the empty slot where it would go. */
static uint32_t *edge_slot(const ng_graph *g, uint32_t hash, const ng_entity *source,
                           ng_relation relation, const ng_entity *target)
{
    size_t mask = g->edge_slot_cap - 1;
    uint32_t tag = (uint32_t)(hash & ~(uint64_t)mask);
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        uint32_t *slot = &g->edge_slots[i];
        if (!*slot)
            return slot;
        if ((*slot & ~(uint64_t)mask) != tag)
            continue;
        const ng_edge *e = edge_at(g, slot_edge_number(g, *slot));
        if (e->source == source && e->target == target && e->relation == relation)
            return slot;
    }
}

/* Makes room for one more edge, keeping the load factor under 2/3: at
 * millions of edges a table half as large is worth a probe more. */
static int grow_edge_index(ng_graph *g)
{
    if ((g->edge_count + 1) * 3 <= g->edge_slot_cap * 2)
        return 0;
    if (g->edge_count >= UINT32_MAX / 2)
        return NG_ERR_NOMEM;
    size_t cap = g->edge_slot_cap ? g->edge_slot_cap * 2 : 64;
    uint32_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < g->edge_slot_cap; i++) {
        uint32_t old = g->edge_slots[i];
        if (!old)
            continue;
        size_t n = slot_edge_number(g, old);
        const ng_edge *e = edge_at(g, n);
        uint32_t hash = hash_ends(e->source, e->relation, e->target);
        size_t k = hash & (cap - 1);
        while (slots[k])
            k = (k + 1) & (cap - 1);
        slots[k] = edge_slot_value(hash, n, cap);
    }
    free(g->edge_slots);
    g->edge_slots = slots;
    g->edge_slot_cap = cap;
    return 0;
}

/* Makes room for one more edge in the blocks. */
static int grow_edge_blocks(ng_graph *g)
{
    if (g->edge_count % EDGE_BLOCK)
        return 0;
    size_t block = g->edge_count / EDGE_BLOCK;
    void *list = g->edge_blocks;
    if (ng_array_grow(&list, &g->edge_block_cap, block + 1, sizeof *g->edge_blocks) != 0)
        return NG_ERR_NOMEM;
    g->edge_blocks = list;
    return (g->edge_blocks[block] = calloc(EDGE_BLOCK, sizeof **g->edge_blocks)) ? 0
                                                                                 : NG_ERR_NOMEM;
}

const ng_edge *ng_graph_find_edge(const ng_graph *g, const ng_entity *source,
                                  ng_relation relation, const ng_entity *target)
{
    if (!owns_entity(g, source) || !owns_entity(g, target) || !g->edge_slot_cap)
        return NULL;
    order_ends(&source, relation, &target);
    uint32_t slot = *edge_slot(g, hash_ends(source, relation, target), source, relation,
                               target);
    return slot ? edge_at(g, slot_edge_number(g, slot)) : NULL;
}

const ng_edge *ng_graph_add_edge(ng_graph *g, const ng_entity *source, ng_relation relation,
                                 const ng_entity *target, ng_error *err)
{
    if (!owns_entity(g, source) || !owns_entity(g, target) || source == target ||
        (int)relation < 0 || (int)relation >= NG_RELATION_COUNT) {
        ng_fail(err, NG_ERR_INVALID, NULL,
                "an edge needs two different entities of this graph and a known relation");
        return NULL;
    }
    order_ends(&source, relation, &target);
    uint32_t hash = hash_ends(source, relation, target);
    if (g->edge_slot_cap) {
        uint32_t slot = *edge_slot(g, hash, source, relation, target);
        if (slot)
            return edge_at(g, slot_edge_number(g, slot));
    }
    if (grow_edge_index(g) != 0 || grow_edge_blocks(g) != 0) {
        ng_fail_nomem(err);
        return NULL;
    }
    ng_edge *e = edge_at(g, g->edge_count);
    e->source = source;
    e->target = target;
    e->relation = (unsigned)relation;
    e->index = (uint32_t)g->edge_count++;
    *edge_slot(g, hash, source, relation, target) =
        edge_slot_value(hash, e->index, g->edge_slot_cap);
    return e;
}

static int owns_edge(const ng_graph *g, const ng_edge *e)
{
    return e && e->index < g->edge_count && edge_at(g, e->index) == e;
}

/* --- evidence ----------------------------------------------------------- */

/* Evidence records are kept as bytes in the graph's log, which moves to a
 * temporary file when it grows large (util/bytelog.h): the sentences of a
 * big corpus's evidence outweigh the rest of its graph. In memory each
 * record costs twelve bytes: its offset in the log, and its key, which
 * holds its modality and a hash of what makes two records of an edge the
 * same (see ng_graph_add_evidence). */

static uint32_t *key_of(const ng_graph *g, uint32_t r)
{
    return &g->record_blocks[r / RECORD_BLOCK]->key[r % RECORD_BLOCK];
}

static uint64_t *offset_of(const ng_graph *g, uint32_t r)
{
    return &g->record_blocks[r / RECORD_BLOCK]->offset[r % RECORD_BLOCK];
}

static uint32_t record_at(const ng_edge *e, size_t i)
{
    return e->evidence_count == 1 ? e->records.one : e->records.many[i];
}

static ng_modality key_modality(uint32_t key)
{
    return (ng_modality)(key & 3);
}

/* The key of a record: a 30-bit hash of the edge, document, trigger,
 * sentence and span, and the modality in the low two bits. Atoms are
 * unique, so their numbers stand for the strings. */
static uint32_t record_key(uint32_t edge, const ng_evidence_atoms *a, const ng_evidence *ev)
{
    const uint64_t parts[] = {edge, a->doc, a->trigger, (uint64_t)ev->sentence,
                              (uint64_t)ev->start, (uint64_t)ev->end};
    uint64_t h = (uint64_t)ev->modality;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        h = (h ^ parts[i]) * 0x9e3779b97f4a7c15u;
        h ^= h >> 29;
    }
    return (uint32_t)(h >> 34) << 2 | (uint32_t)ev->modality;
}

static int atoms_of(ng_graph *g, const ng_evidence *ev, ng_evidence_atoms *a, ng_error *err)
{
    /* In the order of enum atom_kind. */
    const char *strings[ATOM_KINDS] = {ev->doc, ev->trigger, ev->date, ev->place, ev->item};
    uint32_t *numbers[ATOM_KINDS] = {&a->doc, &a->trigger, &a->date, &a->place, &a->item};
    for (size_t i = 0; i < ATOM_KINDS; i++) {
        uint32_t n = 0;
        int rc = strings[i] ? atom_number_of(g, (enum atom_kind)i, strings[i], &n, err) : 0;
        if (rc != 0)
            return rc;
        *numbers[i] = strings[i] ? n + 1 : 0;
    }
    return 0;
}

/* Decodes the n bytes of record r into *out and its edge number into
 * *edge. */
static int decode_record(const ng_graph *g, uint32_t r, const char *bytes, size_t n,
                         ng_evidence *out, uint32_t *edge, ng_error *err)
{
    if (ng_evidence_decode(bytes, n, g->atoms, g->atom_count, edge, out) != 0)
        return ng_fail(err, NG_ERR_PARSE, NULL, "evidence record %lu is damaged",
                       (unsigned long)r);
    return 0;
}

/* Reads record r of the graph into *out and its edge number into *edge;
 * the bytes are held by `scratch` or by the log. */
static int read_record(const ng_graph *g, uint32_t r, ng_buf *scratch, ng_evidence *out,
                       uint32_t *edge, ng_error *err)
{
    const char *bytes;
    size_t n;
    int rc = ng_bytelog_read(&g->log, *offset_of(g, r), scratch, &bytes, &n, err);
    return rc != 0 ? rc : decode_record(g, r, bytes, n, out, edge, err);
}

static const char *atom_string(const ng_graph *g, uint32_t number_plus_one)
{
    return number_plus_one ? g->atoms[number_plus_one - 1] : NULL;
}

/* Whether record r, whose key is `key`, is the same as ev on edge e: the
 * same document, sentence, span, trigger and modality. A key that differs
 * settles it; one that matches is checked against the record itself.
 * Returns 1, 0, or an error status. */
static int is_same_record(ng_graph *g, uint32_t r, uint32_t key, const ng_edge *e,
                          const ng_evidence *ev, const ng_evidence_atoms *a, ng_error *err)
{
    if (*key_of(g, r) != key)
        return 0;
    ng_evidence old;
    uint32_t edge;
    int rc = read_record(g, r, &g->record_scratch, &old, &edge, err);
    if (rc != 0)
        return rc;
    return edge == e->index && old.doc == atom_string(g, a->doc) &&
           old.trigger == atom_string(g, a->trigger) && old.sentence == ev->sentence &&
           old.start == ev->start && old.end == ev->end && old.modality == ev->modality;
}

/* Where probing record_slots for a record with this key starts. */
static size_t home_slot(const ng_graph *g, uint32_t key)
{
    return ((size_t)(key >> 2) * 0x9e3779b1u) & (g->record_slot_cap - 1);
}

/* Adds record r to record_slots, which has room. */
static void put_record_slot(ng_graph *g, uint32_t r)
{
    size_t mask = g->record_slot_cap - 1;
    size_t i = home_slot(g, *key_of(g, r));
    while (g->record_slots[i])
        i = (i + 1) & mask;
    g->record_slots[i] = r + 1;
    g->record_slot_count++;
}

/* Keeps the load of record_slots under 1/2. */
static int grow_record_slots(ng_graph *g)
{
    if ((g->record_slot_count + 1) * 2 <= g->record_slot_cap)
        return 0;
    size_t old_cap = g->record_slot_cap;
    uint32_t *old = g->record_slots;
    size_t cap = old_cap ? old_cap * 2 : 256;
    if (!(g->record_slots = calloc(cap, sizeof *g->record_slots))) {
        g->record_slots = old;
        return NG_ERR_NOMEM;
    }
    g->record_slot_cap = cap;
    g->record_slot_count = 0;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i])
            put_record_slot(g, old[i] - 1);
    free(old);
    return 0;
}

static int index_record(ng_graph *g, uint32_t r, ng_error *err)
{
    if (grow_record_slots(g) != 0)
        return ng_fail_nomem(err);
    put_record_slot(g, r);
    return 0;
}

/* Most edges have a record or two, so comparing keys along the edge
 * finds repeats at no cost in memory; the records of an edge that gathers
 * more go into record_slots, which keeps adding linear however many there
 * are. */
#define EVIDENCE_SCAN_LIMIT 16

/* Returns 1 if the edge has no record like ev, 0 if it has, or an error
 * status. */
static int evidence_is_new(ng_graph *g, ng_edge *e, uint32_t key, const ng_evidence *ev,
                           const ng_evidence_atoms *a, ng_error *err)
{
    if (!e->indexed) {
        for (size_t i = 0; i < e->evidence_count; i++) {
            int same = is_same_record(g, record_at(e, i), key, e, ev, a, err);
            if (same != 0)
                return same > 0 ? 0 : same;
        }
        if (e->evidence_count < EVIDENCE_SCAN_LIMIT)
            return 1;
        for (size_t i = 0; i < e->evidence_count; i++)
            if (index_record(g, record_at(e, i), err) != 0)
                return NG_ERR_NOMEM;
        e->indexed = 1;
    }
    size_t mask = g->record_slot_cap - 1;
    for (size_t i = home_slot(g, key); g->record_slots[i];
         i = (i + 1) & mask) {
        int same = is_same_record(g, g->record_slots[i] - 1, key, e, ev, a, err);
        if (same != 0)
            return same > 0 ? 0 : same;
    }
    return 1;
}

/* Appends the record to the log and numbers it. */
static int store_record(ng_graph *g, uint32_t edge, uint32_t key, const ng_evidence *ev,
                        const ng_evidence_atoms *a, uint32_t *number, ng_error *err)
{
    if (g->record_count >= UINT32_MAX - 1)
        return ng_fail(err, NG_ERR_LIMIT, NULL, "too many evidence records");
    if (g->record_count % RECORD_BLOCK == 0) {
        size_t block = g->record_count / RECORD_BLOCK;
        void *list = g->record_blocks;
        if (ng_array_grow(&list, &g->record_block_cap, block + 1, sizeof *g->record_blocks) != 0)
            return ng_fail_nomem(err);
        g->record_blocks = list;
        if (!(g->record_blocks[block] = malloc(sizeof *g->record_blocks[block])))
            return ng_fail_nomem(err);
    }
    ng_buf_clear(&g->record_bytes);
    if (ng_evidence_encode(&g->record_bytes, edge, ev, a) != 0)
        return ng_fail_nomem(err);
    uint64_t offset;
    int rc = ng_bytelog_append(&g->log, g->record_bytes.data, g->record_bytes.len, &offset, err);
    if (rc != 0)
        return rc;
    *number = (uint32_t)g->record_count;
    *offset_of(g, (uint32_t)g->record_count) = offset;
    *key_of(g, (uint32_t)g->record_count++) = key;
    return 0;
}

/* Adds record number r to the edge's list, whose room doubles each time
 * the count reaches a power of two. */
static int link_record(ng_edge *e, uint32_t r, ng_error *err)
{
    size_t count = e->evidence_count;
    if (count == MAX_EDGE_RECORDS)
        return ng_fail(err, NG_ERR_LIMIT, NULL, "too many records on one edge");
    if (count == 0) {
        e->records.one = r;
    } else {
        if (count == 1) {
            uint32_t first = e->records.one;
            if (!(e->records.many = malloc(2 * sizeof *e->records.many))) {
                e->records.one = first;
                return ng_fail_nomem(err);
            }
            e->records.many[0] = first;
        } else if ((count & (count - 1)) == 0) {
            uint32_t *many = realloc(e->records.many, 2 * count * sizeof *many);
            if (!many)
                return ng_fail_nomem(err);
            e->records.many = many;
        }
        e->records.many[count] = r;
    }
    e->evidence_count++;
    return 0;
}

int ng_graph_add_evidence(ng_graph *g, const ng_edge *edge, const ng_evidence *evidence,
                          ng_error *err)
{
    if (!owns_edge(g, edge))
        return ng_fail(err, NG_ERR_INVALID, NULL, "evidence for an edge of another graph");
    if (!evidence || !evidence->doc || !*evidence->doc ||
        (int)evidence->modality < 0 || (int)evidence->modality >= NG_MODALITY_COUNT)
        return ng_fail(err, NG_ERR_INVALID, NULL, "evidence needs a document and a modality");
    ng_edge *e = edge_at(g, edge->index);
    ng_evidence_atoms a;
    int rc = atoms_of(g, evidence, &a, err);
    if (rc != 0)
        return rc;
    uint32_t key = record_key(e->index, &a, evidence), r = 0;
    int fresh = evidence_is_new(g, e, key, evidence, &a, err);
    if (fresh <= 0)
        return fresh;
    if ((rc = store_record(g, e->index, key, evidence, &a, &r, err)) != 0 ||
        (rc = link_record(e, r, err)) != 0 || (e->indexed && (rc = index_record(g, r, err))))
        return rc;
    if (e->evidence_count == 1 || evidence->modality > e->strongest)
        e->strongest = (unsigned)evidence->modality;
    return 0;
}

int ng_graph_set_evidence_memory(ng_graph *g, size_t bytes)
{
    ng_bytelog_set_limit(&g->log, bytes ? bytes : 1);
    return 0;
}

int ng_graph_set_edge_summary(ng_graph *g, const ng_edge *edge, size_t weight,
                              ng_modality modality, ng_error *err)
{
    if (!owns_edge(g, edge))
        return ng_fail(err, NG_ERR_INVALID, NULL, "a summary for an edge of another graph");
    if ((int)modality < 0 || (int)modality >= NG_MODALITY_COUNT)
        return ng_fail(err, NG_ERR_INVALID, NULL, "a summary needs a known modality");
    void *list = g->summaries;
    if (ng_array_grow_zeroed(&list, &g->summary_cap, edge->index + 1, sizeof *g->summaries) != 0)
        return ng_fail_nomem(err);
    g->summaries = list;
    ng_edge *e = edge_at(g, edge->index);
    g->summaries[e->index].weight = weight;
    g->summaries[e->index].modality = modality;
    e->has_summary = 1;
    return 0;
}

size_t ng_graph_edge_count(const ng_graph *g)
{
    return g->edge_count;
}

const ng_edge *ng_graph_edge_at(const ng_graph *g, size_t i)
{
    return i < g->edge_count ? edge_at(g, i) : NULL;
}

const ng_entity *ng_edge_source(const ng_edge *e) { return e->source; }
const ng_entity *ng_edge_target(const ng_edge *e) { return e->target; }
ng_relation ng_edge_relation(const ng_edge *e) { return (ng_relation)e->relation; }
size_t ng_edge_index(const ng_edge *e) { return e->index; }
int ng_edge_directed(const ng_edge *e) { return e->relation != NG_RELATION_MEETS; }
size_t ng_edge_evidence_count(const ng_edge *e) { return e->evidence_count; }

static const edge_summary *summary_of(const ng_edge *e)
{
    return e->has_summary ? &e->source->graph->summaries[e->index] : NULL;
}

size_t ng_edge_weight(const ng_edge *e)
{
    const edge_summary *s = summary_of(e);
    return s && s->weight > e->evidence_count ? s->weight : e->evidence_count;
}

ng_modality ng_edge_modality(const ng_edge *e)
{
    const edge_summary *s = summary_of(e);
    ng_modality held = (ng_modality)e->strongest;
    if (!s)
        return e->evidence_count ? held : NG_MODALITY_ASSERTED;
    return e->evidence_count && held > s->modality ? held : s->modality;
}

ng_modality ng_edge_evidence_modality(const ng_edge *e, size_t i)
{
    return i < e->evidence_count ? key_modality(*key_of(e->source->graph, record_at(e, i)))
                                 : NG_MODALITY_ASSERTED;
}

size_t ng_edge_strongest_index(const ng_edge *e)
{
    for (size_t i = 0; i < e->evidence_count; i++)
        if (ng_edge_evidence_modality(e, i) == (ng_modality)e->strongest)
            return i;
    return SIZE_MAX;
}

/* --- reading evidence --------------------------------------------------- */

/* A reader keeps a window on the log's file (util/bytelog.h): an export
 * reads the records edge by edge, and the edges' first records lie in the
 * log in the order of the edges, so the window follows the first records
 * and one read of the file serves many of them. An edge's later records
 * lie anywhere after its first and are read alone. */
struct ng_evidence_reader {
    ng_evidence record;
    ng_buf scratch;
    ng_bytelog_window window;
};

ng_evidence_reader *ng_evidence_reader_new(ng_error *err)
{
    ng_evidence_reader *r = calloc(1, sizeof *r);
    if (!r)
        ng_fail_nomem(err);
    return r;
}

void ng_evidence_reader_free(ng_evidence_reader *r)
{
    if (!r)
        return;
    ng_buf_free(&r->scratch);
    ng_bytelog_window_free(&r->window);
    free(r);
}

const ng_evidence *ng_edge_evidence_read(const ng_edge *e, size_t i, ng_evidence_reader *r,
                                         ng_error *err)
{
    if (i >= e->evidence_count) {
        ng_fail(err, NG_ERR_INVALID, NULL, "the edge has no evidence record %zu", i);
        return NULL;
    }
    const ng_graph *g = e->source->graph;
    uint32_t number = record_at(e, i), edge;
    const char *bytes;
    size_t n;
    if (ng_bytelog_read_window(&g->log, *offset_of(g, number), &r->window, i == 0, &r->scratch,
                               &bytes, &n, err) != 0)
        return NULL;
    if (decode_record(g, number, bytes, n, &r->record, &edge, err) != 0)
        return NULL;
    return &r->record;
}
