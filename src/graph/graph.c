/* The graph model: entities, edges and their evidence, with the indexes
 * that make every lookup a hash probe (by id, by folded name, by edge key,
 * by evidence key). Strings are interned, so equal strings share one
 * pointer and keys can be built from pointers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <newsgraph/graph.h>

#include "graph/entity_id.h"
#include "graph/intern.h"
#include "util/buf.h"
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
    /* Documents as numbers into graph->doc_names: an entity can be named in
     * most documents of a corpus, so this list is kept small. */
    const struct ng_graph *graph;
    uint32_t *docs;
    size_t doc_count, doc_cap;
    int docs_in_set; /* whether graph->doc_pairs holds this entity's documents */
};

struct ng_edge {
    const ng_entity *source;
    const ng_entity *target;
    ng_relation relation;
    size_t index;
    ng_evidence *evidence;
    size_t evidence_count, evidence_cap;
    ng_strmap *seen;         /* evidence keys, once there are many; see evidence_is_new */
    ng_modality strongest;   /* among the records held */
    size_t declared_weight;  /* see ng_graph_set_edge_summary; 0 if none */
    ng_modality declared_modality;
    int has_summary;
};

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
    ng_edge **edges;
    size_t edge_count, edge_cap;
    ng_strmap doc_by_name;   /* name -> index + 1 */
    ng_strmap entity_by_id;  /* id -> entity */
    ng_strmap names;         /* folded name -> name_entry */
    uint32_t *edge_slots;    /* edge index + 1 by (source, relation, target), 0: empty */
    size_t edge_slot_cap;    /* a power of two, or 0 */
    ng_pairset alias_pairs;  /* (entity, alias) pairs recorded */
    ng_pairset doc_pairs;    /* (entity, document) pairs, see ng_graph_add_mentions */
    const char **doc_names;  /* the documents entities are named in, by number */
    size_t doc_name_count, doc_name_cap;
    ng_strmap doc_number;    /* document name -> number + 1 */
    ng_buf scratch;
};

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
        ng_edge *e = g->edges[i];
        if (e->seen)
            ng_strmap_free(e->seen);
        free(e->seen);
        free(e->evidence);
        free(e);
    }
    for (size_t i = 0; i < g->names.cap; i++) {
        name_entry *n = g->names.slots[i].key ? g->names.slots[i].value : NULL;
        if (n) {
            free(n->items);
            free(n);
        }
    }
    free(g->entities);
    free(g->edges);
    free(g->docs);
    free(g->doc_names);
    ng_strmap_free(&g->doc_number);
    ng_strmap_free(&g->doc_by_name);
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

int ng_graph_add_document(ng_graph *g, const ng_docinfo *doc, ng_error *err)
{
    if (!doc || !doc->name || !*doc->name)
        return ng_fail(err, NG_ERR_INVALID, NULL, "a document needs a name");
    size_t i = (size_t)(uintptr_t)ng_strmap_get(&g->doc_by_name, doc->name, strlen(doc->name));
    ng_docinfo copy = {0};
    if (intern(g, doc->name, &copy.name, err) || intern(g, doc->date, &copy.date, err))
        return NG_ERR_NOMEM;
    copy.sentences = doc->sentences;
    if (i) {
        ng_docinfo *old = &g->docs[i - 1];
        if (copy.date)
            old->date = copy.date;
        if (copy.sentences)
            old->sentences = copy.sentences;
        return 0;
    }
    void *docs = g->docs;
    if (ng_array_grow(&docs, &g->doc_cap, g->doc_count + 1, sizeof *g->docs) != 0)
        return ng_fail_nomem(err);
    g->docs = docs;
    if (ng_strmap_put(&g->doc_by_name, copy.name, strlen(copy.name),
                      (void *)(uintptr_t)(g->doc_count + 1)) != 0)
        return ng_fail_nomem(err);
    g->docs[g->doc_count++] = copy;
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
    return e && e->index < g->entity_count && g->entities[e->index] == e;
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
    ng_entity *e = g->entities[entity->index];
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

/* The number of the interned document name d, given on first sight. */
static int number_doc(ng_graph *g, const char *d, uint32_t *out, ng_error *err)
{
    size_t len = strlen(d);
    uintptr_t n = (uintptr_t)ng_strmap_get(&g->doc_number, d, len);
    if (n) {
        *out = (uint32_t)(n - 1);
        return 0;
    }
    if (g->doc_name_count >= UINT32_MAX)
        return ng_fail(err, NG_ERR_NOMEM, NULL, "too many documents");
    void *list = g->doc_names;
    if (ng_array_grow(&list, &g->doc_name_cap, g->doc_name_count + 1, sizeof *g->doc_names) != 0)
        return ng_fail_nomem(err);
    g->doc_names = list;
    if (ng_strmap_put(&g->doc_number, d, len, (void *)(uintptr_t)(g->doc_name_count + 1)) != 0)
        return ng_fail_nomem(err);
    *out = (uint32_t)g->doc_name_count;
    g->doc_names[g->doc_name_count++] = d;
    return 0;
}

int ng_graph_add_mentions(ng_graph *g, const ng_entity *entity, const char *doc, long count,
                          ng_error *err)
{
    if (!owns_entity(g, entity))
        return ng_fail(err, NG_ERR_INVALID, NULL, "mentions of an entity of another graph");
    if (count < 0)
        return ng_fail(err, NG_ERR_INVALID, NULL, "a negative number of mentions");
    ng_entity *e = g->entities[entity->index];
    e->mentions += count;
    const char *d;
    uint32_t n = 0;
    if (!doc || intern(g, doc, &d, err) != 0 || number_doc(g, d, &n, err) != 0)
        return doc ? NG_ERR_NOMEM : 0;
    if (e->doc_count && e->docs[e->doc_count - 1] == n)
        return 0;
    /* Documents are numbered as they are first seen, so while an entity's
     * documents come in that order a new number is a new document; only
     * an entity whose documents come out of order (as in a merge) needs
     * its pairs in the set. */
    if (e->docs_in_set || (e->doc_count && n < e->docs[e->doc_count - 1])) {
        for (size_t i = 0; !e->docs_in_set && i < e->doc_count; i++)
            if (add_pair(&g->doc_pairs, e, g->doc_names[e->docs[i]], err) < 0)
                return NG_ERR_NOMEM;
        e->docs_in_set = 1;
        int fresh = add_pair(&g->doc_pairs, e, d, err);
        if (fresh <= 0)
            return fresh;
    }
    void *list = e->docs;
    if (ng_array_grow_from(&list, &e->doc_cap, e->doc_count + 1, sizeof *e->docs, 4) != 0)
        return ng_fail_nomem(err);
    e->docs = list;
    e->docs[e->doc_count++] = n;
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
    return i < e->doc_count ? e->graph->doc_names[e->docs[i]] : NULL;
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
 * edge's ends took ten times that. */
static size_t hash_ends(const ng_entity *source, ng_relation relation, const ng_entity *target)
{
    uint64_t h = (uint64_t)source->index * 0x9e3779b97f4a7c15u;
    h ^= ((uint64_t)target->index << 2 | (uint64_t)relation) * 0xbf58476d1ce4e5b9u;
    return (size_t)(h ^ (h >> 31));
}

/* The slot that holds the edge, or the empty slot where it would go. */
static uint32_t *edge_slot(const ng_graph *g, const ng_entity *source, ng_relation relation,
                           const ng_entity *target)
{
    size_t mask = g->edge_slot_cap - 1;
    for (size_t i = hash_ends(source, relation, target) & mask;; i = (i + 1) & mask) {
        uint32_t *slot = &g->edge_slots[i];
        if (!*slot)
            return slot;
        const ng_edge *e = g->edges[*slot - 1];
        if (e->source == source && e->target == target && e->relation == relation)
            return slot;
    }
}

/* Makes room for one more edge, keeping the load factor under 1/2. */
static int grow_edge_index(ng_graph *g)
{
    if ((g->edge_count + 1) * 2 <= g->edge_slot_cap)
        return 0;
    if (g->edge_count >= UINT32_MAX / 2)
        return NG_ERR_NOMEM;
    size_t cap = g->edge_slot_cap ? g->edge_slot_cap * 2 : 64;
    uint32_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return NG_ERR_NOMEM;
    free(g->edge_slots);
    g->edge_slots = slots;
    g->edge_slot_cap = cap;
    for (size_t i = 0; i < g->edge_count; i++) {
        const ng_edge *e = g->edges[i];
        *edge_slot(g, e->source, e->relation, e->target) = (uint32_t)(i + 1);
    }
    return 0;
}

const ng_edge *ng_graph_find_edge(const ng_graph *g, const ng_entity *source,
                                  ng_relation relation, const ng_entity *target)
{
    if (!owns_entity(g, source) || !owns_entity(g, target) || !g->edge_slot_cap)
        return NULL;
    order_ends(&source, relation, &target);
    uint32_t slot = *edge_slot(g, source, relation, target);
    return slot ? g->edges[slot - 1] : NULL;
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
    if (g->edge_slot_cap) {
        uint32_t slot = *edge_slot(g, source, relation, target);
        if (slot)
            return g->edges[slot - 1];
    }
    void *list = g->edges;
    ng_edge *e = calloc(1, sizeof *e);
    if (!e || grow_edge_index(g) != 0 ||
        ng_array_grow(&list, &g->edge_cap, g->edge_count + 1, sizeof *g->edges) != 0) {
        free(e);
        ng_fail_nomem(err);
        return NULL;
    }
    g->edges = list;
    e->source = source;
    e->target = target;
    e->relation = relation;
    e->index = g->edge_count;
    g->edges[g->edge_count++] = e;
    *edge_slot(g, source, relation, target) = (uint32_t)g->edge_count;
    return e;
}

/* Copies the strings of `in` into the pool. */
static int intern_evidence(ng_graph *g, const ng_evidence *in, ng_evidence *out, ng_error *err)
{
    *out = *in;
    if (intern(g, in->doc, &out->doc, err) || intern(g, in->text, &out->text, err) ||
        intern(g, in->trigger, &out->trigger, err) || intern(g, in->date, &out->date, err) ||
        intern(g, in->place, &out->place, err) || intern(g, in->item, &out->item, err))
        return NG_ERR_NOMEM;
    return 0;
}

/* What makes two records of one edge the same. Interned strings are equal
 * exactly when their pointers are, so the pointers stand for the strings. */
typedef struct evidence_key {
    const char *doc, *trigger;
    long sentence;
    long long start, end;
    int modality;
} evidence_key;

static int same_record(const ng_evidence *a, const ng_evidence *b)
{
    return a->doc == b->doc && a->trigger == b->trigger && a->sentence == b->sentence &&
           a->start == b->start && a->end == b->end && a->modality == b->modality;
}

static int remember_record(ng_graph *g, ng_strmap *seen, const ng_evidence *ev)
{
    evidence_key k;
    memset(&k, 0, sizeof k); /* the padding is part of the hashed bytes */
    k.doc = ev->doc;
    k.trigger = ev->trigger;
    k.sentence = ev->sentence;
    k.start = ev->start;
    k.end = ev->end;
    k.modality = (int)ev->modality;
    if (ng_strmap_get(seen, (const char *)&k, sizeof k))
        return 0;
    const char *stored = ng_intern_keep(&g->strings, &k, sizeof k);
    if (!stored || ng_strmap_put(seen, stored, sizeof k, (void *)stored) != 0)
        return NG_ERR_NOMEM;
    return 1;
}

/* Most edges have a record or two, so a scan finds repeats at no cost in
 * memory; an edge that gathers more gets a set of its records' keys, which
 * keeps adding linear however many there are. */
#define EVIDENCE_SCAN_LIMIT 16

/* Returns 1 if the edge has no record like `ev` (and remembers it), 0 if
 * it has, NG_ERR_NOMEM. */
static int evidence_is_new(ng_graph *g, ng_edge *e, const ng_evidence *ev, ng_error *err)
{
    if (!e->seen) {
        for (size_t i = 0; i < e->evidence_count; i++)
            if (same_record(&e->evidence[i], ev))
                return 0;
        if (e->evidence_count < EVIDENCE_SCAN_LIMIT)
            return 1;
        if (!(e->seen = calloc(1, sizeof *e->seen)))
            return ng_fail_nomem(err);
        for (size_t i = 0; i < e->evidence_count; i++)
            if (remember_record(g, e->seen, &e->evidence[i]) < 0)
                return ng_fail_nomem(err);
    }
    int fresh = remember_record(g, e->seen, ev);
    return fresh >= 0 ? fresh : ng_fail_nomem(err);
}

int ng_graph_add_evidence(ng_graph *g, const ng_edge *edge, const ng_evidence *evidence,
                          ng_error *err)
{
    if (!edge || edge->index >= g->edge_count || g->edges[edge->index] != edge)
        return ng_fail(err, NG_ERR_INVALID, NULL, "evidence for an edge of another graph");
    if (!evidence || !evidence->doc || !*evidence->doc ||
        (int)evidence->modality < 0 || (int)evidence->modality >= NG_MODALITY_COUNT)
        return ng_fail(err, NG_ERR_INVALID, NULL, "evidence needs a document and a modality");
    ng_edge *e = g->edges[edge->index];
    ng_evidence ev;
    if (intern_evidence(g, evidence, &ev, err) != 0)
        return NG_ERR_NOMEM;

    int fresh = evidence_is_new(g, e, &ev, err);
    if (fresh <= 0)
        return fresh;
    void *list = e->evidence;
    if (ng_array_grow_from(&list, &e->evidence_cap, e->evidence_count + 1, sizeof *e->evidence,
                           1) != 0)
        return ng_fail_nomem(err);
    e->evidence = list;
    if (e->evidence_count == 0 || ev.modality > e->strongest)
        e->strongest = ev.modality;
    e->evidence[e->evidence_count++] = ev;
    return 0;
}

int ng_graph_set_edge_summary(ng_graph *g, const ng_edge *edge, size_t weight,
                              ng_modality modality, ng_error *err)
{
    if (!edge || edge->index >= g->edge_count || g->edges[edge->index] != edge)
        return ng_fail(err, NG_ERR_INVALID, NULL, "a summary for an edge of another graph");
    if ((int)modality < 0 || (int)modality >= NG_MODALITY_COUNT)
        return ng_fail(err, NG_ERR_INVALID, NULL, "a summary needs a known modality");
    ng_edge *e = g->edges[edge->index];
    e->declared_weight = weight;
    e->declared_modality = modality;
    e->has_summary = 1;
    return 0;
}

size_t ng_graph_edge_count(const ng_graph *g)
{
    return g->edge_count;
}

const ng_edge *ng_graph_edge_at(const ng_graph *g, size_t i)
{
    return i < g->edge_count ? g->edges[i] : NULL;
}

const ng_entity *ng_edge_source(const ng_edge *e) { return e->source; }
const ng_entity *ng_edge_target(const ng_edge *e) { return e->target; }
ng_relation ng_edge_relation(const ng_edge *e) { return e->relation; }
size_t ng_edge_index(const ng_edge *e) { return e->index; }
int ng_edge_directed(const ng_edge *e) { return e->relation != NG_RELATION_MEETS; }
size_t ng_edge_evidence_count(const ng_edge *e) { return e->evidence_count; }

size_t ng_edge_weight(const ng_edge *e)
{
    return e->declared_weight > e->evidence_count ? e->declared_weight : e->evidence_count;
}

ng_modality ng_edge_modality(const ng_edge *e)
{
    if (!e->has_summary)
        return e->evidence_count ? e->strongest : NG_MODALITY_ASSERTED;
    if (e->evidence_count && e->strongest > e->declared_modality)
        return e->strongest;
    return e->declared_modality;
}

const ng_evidence *ng_edge_evidence_at(const ng_edge *e, size_t i)
{
    return i < e->evidence_count ? &e->evidence[i] : NULL;
}

const ng_evidence *ng_edge_strongest_evidence(const ng_edge *e)
{
    for (size_t i = 0; i < e->evidence_count; i++)
        if (e->evidence[i].modality == e->strongest)
            return &e->evidence[i];
    return NULL;
}
