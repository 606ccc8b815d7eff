/* Merging graphs (see ng_graph_merge).
 *
 * Every entity of every input is a member. Members with the same id and
 * type form an item (after giving an id claimed by two types to the first
 * type only); items are then joined, with a union-find, when the label of
 * one is a name of exactly one other item of its type. Each resulting
 * group is one entity of the result. Everything is decided from the whole
 * set of inputs before anything is built, and built in sorted order, so
 * that the result does not depend on the order of the inputs. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <newsgraph/query.h>

#include "graph/intern.h"
#include "util/buf.h"
#include "util/fail.h"
#include "util/names.h"
#include "util/strmap.h"

typedef struct item {
    const char *id; /* in the merger's pool */
    ng_entity_type type;
    size_t parent;  /* union-find */
    int absorbed;   /* its label is a name of another item */
    size_t rep;     /* of a root: the item whose id the group takes */
    size_t rank;    /* of a root: its place in the result */
    const ng_entity *made; /* of a root: the entity of the result */
} item;

/* The items a folded name (of one type) belongs to: the first two, and
 * how many, exactly up to two (past that, an item may be counted twice):
 * all that deciding "exactly one other" needs. */
typedef struct name_entry {
    size_t count;
    size_t first, second;
} name_entry;

typedef struct merger {
    const ng_graph *const *graphs;
    size_t graph_count;
    ng_intern pool;
    ng_strmap owners;   /* input id -> the smallest type with that id, + 1 */
    ng_strmap item_of;  /* effective id, NUL, type -> item index + 1 */
    ng_strmap name_of;  /* folded name, NUL, type -> name entry index + 1 */
    size_t *base;       /* base[g]: the member index of graph g's entity 0 */
    const ng_entity **member;
    size_t *member_item;
    size_t member_count;
    item *items;
    size_t item_count, item_cap;
    name_entry *names;
    size_t name_count, name_cap;
    size_t *roots;      /* the groups, in the order of the result */
    size_t root_count;
    ng_buf key;
    ng_graph *dst;
    ng_error *err;
} merger;

static size_t find_root(merger *mg, size_t i)
{
    while (mg->items[i].parent != i) {
        mg->items[i].parent = mg->items[mg->items[i].parent].parent;
        i = mg->items[i].parent;
    }
    return i;
}

static size_t map_index(const ng_strmap *map, const ng_buf *key)
{
    return (size_t)(uintptr_t)ng_strmap_get(map, key->data, key->len);
}

static int map_put_index(merger *mg, ng_strmap *map, size_t value)
{
    const char *stored = ng_intern_bytes(&mg->pool, mg->key.data, mg->key.len);
    if (!stored || ng_strmap_put(map, stored, mg->key.len, (void *)(uintptr_t)value) != 0)
        return ng_fail_nomem(mg->err);
    return 0;
}

/* --- members and items ---------------------------------------------------- */

static int list_members(merger *mg)
{
    mg->base = malloc((mg->graph_count + 1) * sizeof *mg->base);
    if (!mg->base)
        return ng_fail_nomem(mg->err);
    size_t n = 0;
    for (size_t g = 0; g < mg->graph_count; g++) {
        mg->base[g] = n;
        n += ng_graph_entity_count(mg->graphs[g]);
    }
    mg->member = malloc((n + 1) * sizeof *mg->member);
    mg->member_item = malloc((n + 1) * sizeof *mg->member_item);
    if (!mg->member || !mg->member_item)
        return ng_fail_nomem(mg->err);
    for (size_t g = 0; g < mg->graph_count; g++)
        for (size_t i = 0; i < ng_graph_entity_count(mg->graphs[g]); i++)
            mg->member[mg->member_count++] = ng_graph_entity_at(mg->graphs[g], i);
    return 0;
}

static size_t owner_of(const merger *mg, const char *id)
{
    return (size_t)(uintptr_t)ng_strmap_get(&mg->owners, id, strlen(id));
}

static int find_owners(merger *mg)
{
    for (size_t m = 0; m < mg->member_count; m++) {
        const char *id = ng_entity_id(mg->member[m]);
        size_t type = (size_t)ng_entity_typeof(mg->member[m]) + 1, owner = owner_of(mg, id);
        if ((owner == 0 || type < owner) &&
            ng_strmap_put(&mg->owners, id, strlen(id), (void *)(uintptr_t)type) != 0)
            return ng_fail_nomem(mg->err);
    }
    return 0;
}

/* Puts in mg->key the id a member gets: its own, unless an entity of a
 * type listed earlier has it too; then, as ng_graph_add_entity would, the
 * id with the type appended, and a number if that is taken as well. */
static int effective_id(merger *mg, const ng_entity *e)
{
    const char *id = ng_entity_id(e);
    size_t type = (size_t)ng_entity_typeof(e) + 1;
    ng_buf_clear(&mg->key);
    int rc = ng_buf_append_str(&mg->key, id);
    const char *suffix = ng_entity_type_name(ng_entity_typeof(e));
    for (unsigned n = 1; rc == 0; n++) {
        size_t owner = owner_of(mg, ng_buf_cstr(&mg->key));
        if (owner == 0 || owner == type)
            return 0;
        ng_buf_clear(&mg->key);
        rc = n == 1 ? ng_buf_printf(&mg->key, "%s-%s", id, suffix)
                    : ng_buf_printf(&mg->key, "%s-%s-%u", id, suffix, n);
    }
    return ng_fail_nomem(mg->err);
}

static int new_item(merger *mg, const char *id, ng_entity_type type, size_t *index)
{
    void *items = mg->items;
    if (ng_array_grow(&items, &mg->item_cap, mg->item_count + 1, sizeof *mg->items) != 0)
        return ng_fail_nomem(mg->err);
    mg->items = items;
    *index = mg->item_count;
    mg->items[mg->item_count++] = (item){id, type, *index, 0, SIZE_MAX, 0, NULL};
    return 0;
}

/* Appends the type to mg->key, making it a key of one type's namespace. */
static int add_type(merger *mg, ng_entity_type type)
{
    if (ng_buf_putc(&mg->key, '\0') != 0 || ng_buf_putc(&mg->key, (char)('0' + type)) != 0)
        return ng_fail_nomem(mg->err);
    return 0;
}

/* The item of member m: the one of its effective id and type. */
static int find_item(merger *mg, size_t m, size_t *it)
{
    ng_entity_type type = ng_entity_typeof(mg->member[m]);
    if (effective_id(mg, mg->member[m]) != 0)
        return NG_ERR_NOMEM;
    const char *id = ng_intern_str(&mg->pool, ng_buf_cstr(&mg->key));
    if (!id || add_type(mg, type) != 0)
        return ng_fail_nomem(mg->err);
    size_t found = map_index(&mg->item_of, &mg->key);
    if (found) {
        *it = found - 1;
        return 0;
    }
    if (map_put_index(mg, &mg->item_of, mg->item_count + 1) != 0)
        return NG_ERR_NOMEM;
    return new_item(mg, id, type, it);
}

static int make_items(merger *mg)
{
    for (size_t m = 0; m < mg->member_count; m++)
        if (find_item(mg, m, &mg->member_item[m]) != 0)
            return NG_ERR_NOMEM;
    return 0;
}

/* --- joining items by name ------------------------------------------------ */

/* Puts in mg->key the folded `name` in the namespace of `type`, and
 * tells in *empty whether the name folds to nothing (no such name is
 * compared: "???" is not "!!!"). */
static int name_key(merger *mg, const char *name, ng_entity_type type, int *empty)
{
    ng_buf_clear(&mg->key);
    if (ng_name_fold(name, strlen(name), &mg->key) != 0)
        return ng_fail_nomem(mg->err);
    *empty = mg->key.len == 0;
    return add_type(mg, type);
}

static int index_name(merger *mg, const char *name, size_t it)
{
    int empty = 0;
    if (name_key(mg, name, mg->items[it].type, &empty) != 0)
        return NG_ERR_NOMEM;
    if (empty)
        return 0;
    size_t found = map_index(&mg->name_of, &mg->key);
    if (found == 0) {
        void *names = mg->names;
        if (ng_array_grow(&names, &mg->name_cap, mg->name_count + 1, sizeof *mg->names) != 0 ||
            map_put_index(mg, &mg->name_of, mg->name_count + 1) != 0)
            return ng_fail_nomem(mg->err);
        mg->names = names;
        mg->names[mg->name_count++] = (name_entry){1, it, SIZE_MAX};
        return 0;
    }
    name_entry *n = &mg->names[found - 1];
    if (n->first == it || n->second == it)
        return 0;
    if (n->count++ == 1)
        n->second = it;
    return 0;
}

static int index_names(merger *mg)
{
    for (size_t m = 0; m < mg->member_count; m++) {
        const ng_entity *e = mg->member[m];
        size_t it = mg->member_item[m];
        int rc = index_name(mg, ng_entity_label(e), it);
        for (size_t i = 0; rc == 0 && i < ng_entity_alias_count(e); i++)
            rc = index_name(mg, ng_entity_alias_at(e, i), it);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Joins each item to the one other item its label names, if there is
 * exactly one. The decisions read only the name index, which the joins
 * do not change, so they do not depend on the order they are taken in. */
static int absorb_items(merger *mg)
{
    for (size_t m = 0; m < mg->member_count; m++) {
        size_t it = mg->member_item[m];
        int empty = 0;
        if (name_key(mg, ng_entity_label(mg->member[m]), mg->items[it].type, &empty) != 0)
            return NG_ERR_NOMEM;
        size_t found = empty ? 0 : map_index(&mg->name_of, &mg->key);
        const name_entry *n = found ? &mg->names[found - 1] : NULL;
        if (!n || n->count != 2)
            continue;
        size_t other = n->first == it ? n->second : n->first;
        mg->items[it].absorbed = 1;
        mg->items[find_root(mg, it)].parent = find_root(mg, other);
    }
    return 0;
}

/* Whether item a should give its group's id rather than item b. */
static int better_rep(const merger *mg, size_t a, size_t b)
{
    if (b == SIZE_MAX)
        return 1;
    const item *x = &mg->items[a], *y = &mg->items[b];
    if (x->absorbed != y->absorbed)
        return x->absorbed < y->absorbed;
    return strcmp(x->id, y->id) < 0;
}

/* A group and the id it takes, for sorting. */
typedef struct group_key {
    const char *id;
    size_t root;
} group_key;

static int compare_groups(const void *pa, const void *pb)
{
    const group_key *a = pa, *b = pb;
    return strcmp(a->id, b->id);
}

/* Picks each group's id and sorts the groups by it. */
static int order_groups(merger *mg)
{
    for (size_t i = 0; i < mg->item_count; i++) {
        size_t r = find_root(mg, i);
        if (better_rep(mg, i, mg->items[r].rep))
            mg->items[r].rep = i;
    }
    group_key *keys = malloc((mg->item_count + 1) * sizeof *keys);
    mg->roots = malloc((mg->item_count + 1) * sizeof *mg->roots);
    if (!keys || !mg->roots) {
        free(keys);
        return ng_fail_nomem(mg->err);
    }
    for (size_t i = 0; i < mg->item_count; i++)
        if (mg->items[i].parent == i)
            keys[mg->root_count++] = (group_key){mg->items[mg->items[i].rep].id, i};
    qsort(keys, mg->root_count, sizeof *keys, compare_groups);
    for (size_t k = 0; k < mg->root_count; k++) {
        mg->roots[k] = keys[k].root;
        mg->items[keys[k].root].rank = k;
    }
    free(keys);
    return 0;
}

/* --- building the result -------------------------------------------------- */

/* A list of borrowed strings. */
typedef struct strlist {
    const char **items;
    size_t count, cap;
} strlist;

static int push(strlist *l, const char *s)
{
    void *items = l->items;
    if (ng_array_grow(&items, &l->cap, l->count + 1, sizeof *l->items) != 0)
        return NG_ERR_NOMEM;
    l->items = items;
    l->items[l->count++] = s;
    return 0;
}

static int compare_strings(const void *pa, const void *pb)
{
    return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

/* An empty list has no array, which qsort must not be given. */
static void sort_list(strlist *l)
{
    if (l->count > 1)
        qsort(l->items, l->count, sizeof *l->items, compare_strings);
}

/* NULL before any string. */
static int compare_optional(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

/* The members of the group ranked k are order[start[k]] .. order[start[k + 1] - 1]. */
typedef struct buckets {
    size_t *order;
    size_t *start;
} buckets;

static int bucket_members(merger *mg, buckets *b)
{
    b->order = malloc((mg->member_count + 1) * sizeof *b->order);
    b->start = calloc(mg->root_count + 2, sizeof *b->start);
    if (!b->order || !b->start)
        return ng_fail_nomem(mg->err);
    for (size_t m = 0; m < mg->member_count; m++)
        b->start[mg->items[find_root(mg, mg->member_item[m])].rank + 2]++;
    for (size_t k = 2; k < mg->root_count + 2; k++)
        b->start[k] += b->start[k - 1];
    /* start[k + 1] serves as the cursor of group k while filling. */
    for (size_t m = 0; m < mg->member_count; m++)
        b->order[b->start[mg->items[find_root(mg, mg->member_item[m])].rank + 1]++] = m;
    return 0;
}

/* The entity of one group: the id of its representative item, the
 * smallest label that item has, every other name as an alias, the union
 * of the documents and the sum of the mentions. */
static int build_entity(merger *mg, size_t root, const size_t *members, size_t n,
                        strlist *names, strlist *docs)
{
    const item *rep = &mg->items[mg->items[root].rep];
    const char *label = NULL;
    long mentions = 0;
    names->count = docs->count = 0;
    for (size_t i = 0; i < n; i++) {
        const ng_entity *e = mg->member[members[i]];
        if (&mg->items[mg->member_item[members[i]]] == rep &&
            (!label || strcmp(ng_entity_label(e), label) < 0))
            label = ng_entity_label(e);
        long more = ng_entity_mentions(e);
        mentions = more > 0 && mentions > LONG_MAX - more ? LONG_MAX : mentions + more;
        int rc = push(names, ng_entity_label(e));
        for (size_t k = 0; rc == 0 && k < ng_entity_alias_count(e); k++)
            rc = push(names, ng_entity_alias_at(e, k));
        for (size_t k = 0; rc == 0 && k < ng_entity_doc_count(e); k++)
            rc = push(docs, ng_entity_doc_at(e, k));
        if (rc != 0)
            return ng_fail_nomem(mg->err);
    }
    const ng_entity *made = ng_graph_add_entity_with_id(mg->dst, rep->id, label, rep->type,
                                                        mg->err);
    if (!made)
        return NG_ERR_NOMEM;
    mg->items[root].made = made;
    sort_list(names);
    sort_list(docs);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < names->count; i++)
        rc = ng_graph_add_alias(mg->dst, made, names->items[i], mg->err);
    for (size_t i = 0; rc == 0 && i < docs->count; i++)
        rc = ng_graph_add_mentions(mg->dst, made, docs->items[i], 0, mg->err);
    return rc == 0 ? ng_graph_add_mentions(mg->dst, made, NULL, mentions, mg->err) : rc;
}

static int build_entities(merger *mg)
{
    buckets b = {NULL, NULL};
    strlist names = {0}, docs = {0};
    int rc = bucket_members(mg, &b);
    for (size_t k = 0; rc == 0 && k < mg->root_count; k++)
        rc = build_entity(mg, mg->roots[k], b.order + b.start[k], b.start[k + 1] - b.start[k],
                          &names, &docs);
    free(b.order);
    free(b.start);
    free(names.items);
    free(docs.items);
    return rc;
}

static int compare_documents(const void *pa, const void *pb)
{
    const ng_docinfo *a = *(const ng_docinfo *const *)pa, *b = *(const ng_docinfo *const *)pb;
    return strcmp(a->name, b->name);
}

/* Adds the documents in name order, each with its earliest date and its
 * largest sentence count. */
static int add_documents(merger *mg, const ng_docinfo **all, size_t n)
{
    qsort(all, n, sizeof *all, compare_documents);
    for (size_t i = 0, j; i < n; i = j) {
        ng_docinfo d = *all[i];
        for (j = i + 1; j < n && strcmp(all[j]->name, d.name) == 0; j++) {
            if (all[j]->date && (!d.date || strcmp(all[j]->date, d.date) < 0))
                d.date = all[j]->date;
            if (all[j]->sentences > d.sentences)
                d.sentences = all[j]->sentences;
        }
        if (ng_graph_add_document(mg->dst, &d, mg->err) != 0)
            return NG_ERR_NOMEM;
    }
    return 0;
}

static int merge_documents(merger *mg)
{
    size_t n = 0;
    for (size_t g = 0; g < mg->graph_count; g++)
        n += ng_graph_document_count(mg->graphs[g]);
    const ng_docinfo **all = malloc((n + 1) * sizeof *all);
    if (!all)
        return ng_fail_nomem(mg->err);
    n = 0;
    for (size_t g = 0; g < mg->graph_count; g++)
        for (size_t i = 0; i < ng_graph_document_count(mg->graphs[g]); i++)
            all[n++] = ng_graph_document_at(mg->graphs[g], i);
    int rc = add_documents(mg, all, n);
    free(all);
    return rc;
}

/* The label the inputs share, or none. */
static int merge_label(merger *mg)
{
    const char *label = mg->graph_count ? ng_graph_label(mg->graphs[0]) : "";
    for (size_t g = 1; g < mg->graph_count; g++)
        if (strcmp(ng_graph_label(mg->graphs[g]), label) != 0)
            label = "";
    return ng_graph_set_label(mg->dst, label, mg->err);
}

/* --- edges ------------------------------------------------------------------ */

/* An input edge, with the ranks of the groups at its ends. */
typedef struct edge_ref {
    size_t source, target;
    ng_relation relation;
    const ng_edge *edge;
    size_t graph;
} edge_ref;

static int compare_edge_refs(const void *pa, const void *pb)
{
    const edge_ref *a = pa, *b = pb;
    if (a->source != b->source)
        return a->source < b->source ? -1 : 1;
    if (a->relation != b->relation)
        return (int)a->relation - (int)b->relation;
    if (a->target != b->target)
        return a->target < b->target ? -1 : 1;
    return 0;
}

static int compare_evidence(const void *pa, const void *pb)
{
    const ng_evidence *a = pa, *b = pb;
    int c = strcmp(a->doc, b->doc);
    if (c == 0 && a->sentence != b->sentence)
        c = a->sentence < b->sentence ? -1 : 1;
    if (c == 0 && a->start != b->start)
        c = a->start < b->start ? -1 : 1;
    if (c == 0 && a->end != b->end)
        c = a->end < b->end ? -1 : 1;
    if (c == 0)
        c = compare_optional(a->trigger, b->trigger);
    if (c == 0)
        c = (int)a->modality - (int)b->modality;
    if (c == 0)
        c = compare_optional(a->date, b->date);
    if (c == 0)
        c = compare_optional(a->text, b->text);
    if (c == 0)
        c = compare_optional(a->place, b->place);
    if (c == 0)
        c = compare_optional(a->item, b->item);
    return c;
}

/* The rank of the group of an entity of graph g. */
static size_t rank_of(merger *mg, size_t g, const ng_entity *e)
{
    size_t m = mg->base[g] + ng_entity_index(e);
    return mg->items[find_root(mg, mg->member_item[m])].rank;
}

static const ng_entity *made_at(const merger *mg, size_t rank)
{
    return mg->items[mg->roots[rank]].made;
}

/* Every input edge whose ends stay apart, `meets` with its ends in order. */
static int list_edges(merger *mg, edge_ref **refs, size_t *count)
{
    size_t n = 0;
    for (size_t g = 0; g < mg->graph_count; g++)
        n += ng_graph_edge_count(mg->graphs[g]);
    *refs = malloc((n + 1) * sizeof **refs);
    if (!*refs)
        return ng_fail_nomem(mg->err);
    *count = 0;
    for (size_t g = 0; g < mg->graph_count; g++) {
        for (size_t i = 0; i < ng_graph_edge_count(mg->graphs[g]); i++) {
            const ng_edge *e = ng_graph_edge_at(mg->graphs[g], i);
            edge_ref r = {rank_of(mg, g, ng_edge_source(e)), rank_of(mg, g, ng_edge_target(e)),
                          ng_edge_relation(e), e, g};
            if (r.source == r.target)
                continue;
            if (!ng_edge_directed(e) && r.source > r.target) {
                r.source = r.target;
                r.target = rank_of(mg, g, ng_edge_source(e));
            }
            (*refs)[(*count)++] = r;
        }
    }
    qsort(*refs, *count, sizeof **refs, compare_edge_refs);
    return 0;
}

/* The evidence of one merged edge, gathered from its input edges. The
 * records are read one at a time, so their sentences are copied into
 * `texts`; the records point there once all are read (see fix_texts). */
typedef struct gathered {
    ng_evidence_reader *reader;
    ng_evidence *items;
    size_t *text_at;  /* where the sentence of items[i] is in texts, or SIZE_MAX */
    size_t count, cap, text_cap;
    ng_buf texts;
} gathered;

static void gathered_free(gathered *gt)
{
    ng_evidence_reader_free(gt->reader);
    free(gt->items);
    free(gt->text_at);
    ng_buf_free(&gt->texts);
}

static int keep_record(gathered *gt, const ng_evidence *ev)
{
    void *items = gt->items, *text_at = gt->text_at;
    if (ng_array_grow(&items, &gt->cap, gt->count + 1, sizeof *gt->items) != 0)
        return NG_ERR_NOMEM;
    gt->items = items;
    if (ng_array_grow(&text_at, &gt->text_cap, gt->count + 1, sizeof *gt->text_at) != 0)
        return NG_ERR_NOMEM;
    gt->text_at = text_at;
    gt->text_at[gt->count] = ev->text ? gt->texts.len : SIZE_MAX;
    if (ev->text && ng_buf_append(&gt->texts, ev->text, strlen(ev->text) + 1) != 0)
        return NG_ERR_NOMEM;
    gt->items[gt->count++] = *ev;
    return 0;
}

static void fix_texts(gathered *gt)
{
    for (size_t i = 0; i < gt->count; i++)
        gt->items[i].text = gt->text_at[i] == SIZE_MAX ? NULL : gt->texts.data + gt->text_at[i];
}

/* The evidence of the input edges refs[0 .. n), with places renamed to
 * the ids of the result, sorted. */
static int gather_evidence(merger *mg, const edge_ref *refs, size_t n, gathered *gt)
{
    gt->count = 0;
    ng_buf_clear(&gt->texts);
    for (size_t i = 0; i < n; i++) {
        const ng_graph *g = mg->graphs[refs[i].graph];
        for (size_t k = 0; k < ng_edge_evidence_count(refs[i].edge); k++) {
            const ng_evidence *read = ng_edge_evidence_read(refs[i].edge, k, gt->reader, mg->err);
            if (!read)
                return mg->err ? mg->err->status : NG_ERR_IO;
            ng_evidence ev = *read;
            const ng_entity *place = ev.place ? ng_graph_entity_by_id(g, ev.place) : NULL;
            if (place)
                ev.place = ng_entity_id(made_at(mg, rank_of(mg, refs[i].graph, place)));
            if (keep_record(gt, &ev) != 0)
                return ng_fail_nomem(mg->err);
        }
    }
    fix_texts(gt);
    if (gt->count > 1) /* an edge may have no evidence, and then no array */
        qsort(gt->items, gt->count, sizeof *gt->items, compare_evidence);
    return 0;
}

/* An edge loaded from GraphML or DOT may declare more weight or a
 * stronger modality than its records show: the merged edge keeps the
 * largest of its inputs' (a lower bound, so nothing is counted twice). */
static int keep_summary(merger *mg, const ng_edge *e, const edge_ref *refs, size_t n)
{
    size_t weight = 0;
    ng_modality modality = NG_MODALITY_DENIED;
    for (size_t i = 0; i < n; i++) {
        if (ng_edge_weight(refs[i].edge) > weight)
            weight = ng_edge_weight(refs[i].edge);
        if (ng_edge_modality(refs[i].edge) > modality)
            modality = ng_edge_modality(refs[i].edge);
    }
    return ng_graph_set_edge_summary(mg->dst, e, weight, modality, mg->err);
}

static int build_edges(merger *mg)
{
    edge_ref *refs = NULL;
    size_t n = 0;
    gathered gt = {0};
    int rc = list_edges(mg, &refs, &n);
    if (rc == 0 && !(gt.reader = ng_evidence_reader_new(mg->err)))
        rc = NG_ERR_NOMEM;
    for (size_t i = 0, j = 0; rc == 0 && i < n; i = j) {
        for (j = i + 1; j < n && compare_edge_refs(&refs[i], &refs[j]) == 0; j++)
            continue;
        const ng_edge *e = ng_graph_add_edge(mg->dst, made_at(mg, refs[i].source),
                                             refs[i].relation, made_at(mg, refs[i].target),
                                             mg->err);
        rc = e ? gather_evidence(mg, refs + i, j - i, &gt) : NG_ERR_NOMEM;
        for (size_t k = 0; rc == 0 && k < gt.count; k++)
            rc = ng_graph_add_evidence(mg->dst, e, &gt.items[k], mg->err);
        if (rc == 0)
            rc = keep_summary(mg, e, refs + i, j - i);
    }
    free(refs);
    gathered_free(&gt);
    return rc;
}

/* --- the whole --------------------------------------------------------------- */

static void merger_free(merger *mg)
{
    ng_intern_free(&mg->pool);
    ng_strmap_free(&mg->owners);
    ng_strmap_free(&mg->item_of);
    ng_strmap_free(&mg->name_of);
    free(mg->base);
    free(mg->member);
    free(mg->member_item);
    free(mg->items);
    free(mg->names);
    free(mg->roots);
    ng_buf_free(&mg->key);
}

static int run_merge(merger *mg)
{
    int rc = list_members(mg);
    if (rc == 0)
        rc = find_owners(mg);
    if (rc == 0)
        rc = make_items(mg);
    if (rc == 0)
        rc = index_names(mg);
    if (rc == 0)
        rc = absorb_items(mg);
    if (rc == 0)
        rc = order_groups(mg);
    if (rc == 0)
        rc = merge_label(mg);
    if (rc == 0)
        rc = merge_documents(mg);
    if (rc == 0)
        rc = build_entities(mg);
    if (rc == 0)
        rc = build_edges(mg);
    return rc;
}

ng_graph *ng_graph_merge(const ng_graph *const *graphs, size_t count, ng_error *err)
{
    for (size_t g = 0; g < count; g++)
        if (!graphs || !graphs[g]) {
            ng_fail(err, NG_ERR_INVALID, NULL, "graph %zu of the merge is missing", g + 1);
            return NULL;
        }
    merger mg;
    memset(&mg, 0, sizeof mg);
    mg.graphs = graphs;
    mg.graph_count = count;
    mg.err = err;
    mg.dst = ng_graph_new(err);
    int rc = mg.dst ? run_merge(&mg) : NG_ERR_NOMEM;
    merger_free(&mg);
    if (rc != 0) {
        ng_graph_free(mg.dst);
        return NULL;
    }
    return mg.dst;
}
