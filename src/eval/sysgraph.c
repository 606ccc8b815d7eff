#include "eval/sysgraph.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "eval/pyjson.h"
#include "util/buf.h"
#include "util/fail.h"

/* Room for the paths that name values in messages: an item of the node or
 * edge list ("graph.edges[12]"), a member or item inside it
 * (".evidence[3]"), and a member of that (".modality"). */
#define WHERE_SIZE 48
#define INNER_SIZE (WHERE_SIZE + 32)
#define LEAF_SIZE (INNER_SIZE + 16)

typedef struct parser {
    ng_sysgraph *graph;
    ng_py_input in;
    ng_strmap ids;      /* id key -> node index + 1 */
    ng_buf text;        /* scratch for id keys and placeholder names */
    const char *prefix; /* "graph." inside a JSON Graph Format wrapper */
} parser;

/* --- storage ----------------------------------------------------------------- */

static int push_string(parser *p, const char *s)
{
    ng_sysgraph *g = p->graph;
    void *items = g->strings;
    if (ng_array_grow(&items, &g->string_cap, g->string_count + 1, sizeof *g->strings) != 0)
        return ng_py_nomem(&p->in);
    g->strings = items;
    g->strings[g->string_count++] = s;
    return 0;
}

/* Adds the node under its id key, or replaces the node that has it. */
static int store_node(parser *p, const char *key, const ng_sysnode *node)
{
    ng_sysgraph *g = p->graph;
    size_t slot = (size_t)(uintptr_t)ng_strmap_get(&p->ids, key, strlen(key));
    if (slot) {
        g->nodes[slot - 1] = *node;
        return 0;
    }
    void *items = g->nodes;
    if (ng_array_grow(&items, &g->node_cap, g->node_count + 1, sizeof *g->nodes) != 0)
        return ng_py_nomem(&p->in);
    g->nodes = items;
    if (ng_strmap_put(&p->ids, key, strlen(key), (void *)(uintptr_t)(g->node_count + 1)) != 0)
        return ng_py_nomem(&p->in);
    g->nodes[g->node_count++] = *node;
    return 0;
}

/* --- ids and names ----------------------------------------------------------- */

/* Python compares ids by value, so the string "7" and the number 7 are
 * different ids: the key is the kind ('s' or 'i') followed by str(id),
 * which is therefore key + 1. */
static int id_key(parser *p, const json_t *id, const char *where, const char **out)
{
    if (!json_is_string(id) && !json_is_integer(id))
        return ng_py_fail(&p->in, "%s: expected a string or an integer, found %s", where,
                          ng_py_type_name(id));
    ng_buf_clear(&p->text);
    if (ng_buf_putc(&p->text, json_is_string(id) ? 's' : 'i') != 0 ||
        ng_py_str(id, &p->text) != 0)
        return ng_py_nomem(&p->in);
    *out = ng_intern_bytes(p->in.strings, p->text.data, p->text.len);
    return *out ? 0 : ng_py_nomem(&p->in);
}

/* Sets node->unmatched to "?" + label. */
static int set_unmatched(parser *p, ng_sysnode *node, const char *label)
{
    ng_buf_clear(&p->text);
    if (ng_buf_putc(&p->text, '?') != 0 || ng_buf_append_str(&p->text, label) != 0)
        return ng_py_nomem(&p->in);
    node->unmatched = ng_intern_bytes(p->in.strings, p->text.data, p->text.len);
    return node->unmatched ? 0 : ng_py_nomem(&p->in);
}

static int push_name(parser *p, ng_sysnode *node, const char *name)
{
    const char *key;
    int rc = ng_py_name_key(&p->in, name, &key);
    if (rc == 0)
        rc = push_string(p, key);
    if (rc == 0)
        node->name_count++;
    return rc;
}

/* --- nodes ------------------------------------------------------------------- */

static json_t *metadata(json_t *obj)
{
    json_t *meta = json_object_get(obj, "metadata");
    return json_is_object(meta) ? meta : NULL;
}

/* obj[key] if present, else metadata[key]. */
static json_t *member_or_meta(json_t *obj, json_t *meta, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return v || !meta ? v : json_object_get(meta, key);
}

/* "label", else "name", else metadata.label; NULL: the id names it. */
static json_t *label_of(json_t *node, json_t *meta)
{
    json_t *label = json_object_get(node, "label");
    if (!label)
        label = json_object_get(node, "name");
    if (!label && meta)
        label = json_object_get(meta, "label");
    return label;
}

static int read_aliases(parser *p, ng_sysnode *n, json_t *aliases, const char *where)
{
    if (!aliases || !ng_py_truthy(aliases))
        return 0;
    char at[INNER_SIZE];
    snprintf(at, sizeof at, "%s.aliases", where);
    json_t *list;
    int rc = ng_py_iter(&p->in, aliases, at, &list);
    for (size_t i = 0; rc == 0 && i < json_array_size(list); i++) {
        const char *alias;
        snprintf(at, sizeof at, "%s.aliases[%zu]", where, i);
        rc = ng_py_text(&p->in, json_array_get(list, i), at, &alias);
        if (rc == 0)
            rc = push_name(p, n, alias);
    }
    json_decref(list);
    return rc;
}

static int read_docs(parser *p, ng_sysnode *n, json_t *docs, const char *where)
{
    n->every_doc = !docs || json_is_null(docs);
    if (n->every_doc)
        return 0;
    char at[INNER_SIZE];
    snprintf(at, sizeof at, "%s.docs", where);
    json_t *list;
    int rc = ng_py_iter(&p->in, docs, at, &list);
    n->docs = p->graph->string_count;
    for (size_t i = 0; rc == 0 && i < json_array_size(list); i++) {
        const char *doc;
        snprintf(at, sizeof at, "%s.docs[%zu]", where, i);
        rc = ng_py_doc_key(&p->in, json_array_get(list, i), at, &doc);
        if (rc == 0)
            rc = push_string(p, doc);
        if (rc == 0)
            n->doc_count++;
    }
    json_decref(list);
    return rc;
}

/* Reads a node whose id has the key `key`. */
static int read_node(parser *p, json_t *node, const char *key, const char *where)
{
    json_t *meta = metadata(node);
    json_t *label_value = label_of(node, meta);
    const char *label = key + 1;
    char at[INNER_SIZE];
    snprintf(at, sizeof at, "%s.label", where);
    int rc = label_value ? ng_py_text(&p->in, label_value, at, &label) : 0;
    ng_sysnode n = {.names = p->graph->string_count};
    if (rc == 0)
        rc = set_unmatched(p, &n, label);
    if (rc == 0)
        rc = push_name(p, &n, label);
    if (rc == 0)
        rc = read_aliases(p, &n, member_or_meta(node, meta, "aliases"), where);
    if (rc == 0)
        rc = read_docs(p, &n, member_or_meta(node, meta, "docs"), where);
    return rc == 0 ? store_node(p, key, &n) : rc;
}

static int need_object(parser *p, const json_t *v, const char *where)
{
    if (json_is_object(v))
        return 0;
    return ng_py_fail(&p->in, "%s: expected an object, found %s", where, ng_py_type_name(v));
}

/* Item i of "nodes": [{"id": ..., ...}, ...] */
static int read_node_item(parser *p, json_t *node, size_t i)
{
    char where[WHERE_SIZE];
    snprintf(where, sizeof where, "%snodes[%zu]", p->prefix, i);
    json_t *id = json_object_get(node, "id");
    const char *key;
    int rc = need_object(p, node, where);
    char at[INNER_SIZE];
    snprintf(at, sizeof at, "%s.id", where);
    if (rc == 0 && !id)
        rc = ng_py_fail(&p->in, "%s: missing", at);
    if (rc == 0)
        rc = id_key(p, id, at, &key);
    if (rc == 0)
        rc = read_node(p, node, key, where);
    return rc;
}

/* "nodes" when not a list: what Python iterates over in it. */
static int read_node_iterable(parser *p, json_t *nodes)
{
    char where[WHERE_SIZE];
    snprintf(where, sizeof where, "%snodes", p->prefix);
    json_t *list;
    int rc = ng_py_iter(&p->in, nodes, where, &list);
    for (size_t i = 0; rc == 0 && i < json_array_size(list); i++)
        rc = read_node_item(p, json_array_get(list, i), i);
    json_decref(list);
    return rc;
}

/* "nodes": {"id": {...}, ...}, as in JSON Graph Format v2: the member
 * name is the id, whatever "id" the node itself holds. */
static int read_node_object(parser *p, json_t *nodes)
{
    size_t i = 0;
    for (void *it = json_object_iter(nodes); it; it = json_object_iter_next(nodes, it), i++) {
        char where[WHERE_SIZE];
        snprintf(where, sizeof where, "%snodes[%zu]", p->prefix, i);
        json_t *node = json_object_iter_value(it);
        json_t *id = json_stringn(json_object_iter_key(it), json_object_iter_key_len(it));
        const char *key;
        int rc = id ? need_object(p, node, where) : ng_py_nomem(&p->in);
        if (rc == 0)
            rc = id_key(p, id, where, &key);
        json_decref(id);
        if (rc == 0)
            rc = read_node(p, node, key, where);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* --- edges ------------------------------------------------------------------- */

/* The node an edge end names; an id no node has gets a placeholder whose
 * only name is the id, as the reference does. */
static int edge_end(parser *p, json_t *edge, const char *member, const char *where,
                    size_t *out)
{
    char at[INNER_SIZE];
    snprintf(at, sizeof at, "%s.%s", where, member);
    json_t *id = json_object_get(edge, member);
    if (!id)
        return ng_py_fail(&p->in, "%s: missing", at);
    const char *key;
    int rc = id_key(p, id, at, &key);
    if (rc != 0)
        return rc;
    size_t slot = (size_t)(uintptr_t)ng_strmap_get(&p->ids, key, strlen(key));
    if (!slot) {
        ng_sysnode n = {.names = p->graph->string_count, .placeholder = 1};
        rc = set_unmatched(p, &n, key + 1);
        if (rc == 0)
            rc = push_name(p, &n, key + 1);
        if (rc == 0)
            rc = store_node(p, key, &n);
        slot = p->graph->node_count;
    }
    *out = slot - 1;
    return rc;
}

/* "relation", else "key", else "label", else metadata.relation; NULL when
 * none is present or it is null. */
static int relation_of(parser *p, json_t *edge, json_t *meta, const char *where,
                       const char **out)
{
    static const char *const members[] = {"relation", "key", "label"};
    const char *member = "metadata.relation";
    json_t *v = NULL;
    for (size_t i = 0; !v && i < sizeof members / sizeof members[0]; i++) {
        v = json_object_get(edge, members[i]);
        member = members[i];
    }
    if (!v && meta) {
        v = json_object_get(meta, "relation");
        member = "metadata.relation";
    }
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return ng_py_fail(&p->in, "%s.%s: expected a string, found %s", where, member,
                          ng_py_type_name(v));
    *out = ng_intern_str(p->in.strings, json_string_value(v));
    return *out ? 0 : ng_py_nomem(&p->in);
}

static int read_evidence(parser *p, json_t *ev, const char *where)
{
    int rc = need_object(p, ev, where);
    if (rc != 0)
        return rc;
    json_t *doc = json_object_get(ev, "doc");
    ng_sysevidence rec = {.doc = doc ? NULL : ng_intern_str(p->in.strings, "")};
    char at[LEAF_SIZE];
    snprintf(at, sizeof at, "%s.doc", where);
    rc = doc ? ng_py_doc_key(&p->in, doc, at, &rec.doc) : rec.doc ? 0 : ng_py_nomem(&p->in);
    snprintf(at, sizeof at, "%s.modality", where);
    if (rc == 0)
        rc = ng_py_modality(&p->in, json_object_get(ev, "modality"), at, &rec.modality);
    ng_sysgraph *g = p->graph;
    void *items = g->evidence;
    if (rc == 0 && ng_array_grow(&items, &g->evidence_cap, g->evidence_count + 1, sizeof rec) != 0)
        rc = ng_py_nomem(&p->in);
    if (rc == 0) {
        g->evidence = items;
        g->evidence[g->evidence_count++] = rec;
    }
    return rc;
}

/* The edge's evidence, at the top level or in its metadata; a missing or
 * empty list (or any false value) is none. */
static int read_evidence_list(parser *p, ng_sysedge *e, json_t *ev, const char *where)
{
    e->evidence = p->graph->evidence_count;
    if (!ev || !ng_py_truthy(ev))
        return 0;
    char at[INNER_SIZE];
    snprintf(at, sizeof at, "%s.evidence", where);
    json_t *list;
    int rc = ng_py_iter(&p->in, ev, at, &list);
    for (size_t i = 0; rc == 0 && i < json_array_size(list); i++) {
        snprintf(at, sizeof at, "%s.evidence[%zu]", where, i);
        rc = read_evidence(p, json_array_get(list, i), at);
    }
    json_decref(list);
    e->evidence_count = p->graph->evidence_count - e->evidence;
    return rc;
}

static int read_edge(parser *p, json_t *edge, const char *where)
{
    int rc = need_object(p, edge, where);
    json_t *meta = metadata(edge);
    ng_sysedge e = {0};
    if (rc == 0)
        rc = edge_end(p, edge, "source", where, &e.source);
    if (rc == 0)
        rc = edge_end(p, edge, "target", where, &e.target);
    if (rc == 0)
        rc = relation_of(p, edge, meta, where, &e.relation);
    if (rc == 0)
        rc = read_evidence_list(p, &e, member_or_meta(edge, meta, "evidence"), where);
    ng_sysgraph *g = p->graph;
    void *items = g->edges;
    if (rc == 0 && ng_array_grow(&items, &g->edge_cap, g->edge_count + 1, sizeof e) != 0)
        rc = ng_py_nomem(&p->in);
    if (rc == 0) {
        g->edges = items;
        g->edges[g->edge_count++] = e;
    }
    return rc;
}

/* Item i of the edge list `member`. */
static int read_edge_item(parser *p, json_t *edge, size_t i, const char *member)
{
    char where[WHERE_SIZE];
    snprintf(where, sizeof where, "%s%s[%zu]", p->prefix, member, i);
    return read_edge(p, edge, where);
}

/* The edges when not a list: what Python iterates over in them. */
static int read_edge_iterable(parser *p, json_t *edges, const char *member)
{
    char where[WHERE_SIZE];
    snprintf(where, sizeof where, "%s%s", p->prefix, member);
    json_t *list;
    int rc = ng_py_iter(&p->in, edges, where, &list);
    for (size_t i = 0; rc == 0 && i < json_array_size(list); i++)
        rc = read_edge_item(p, json_array_get(list, i), i, member);
    json_decref(list);
    return rc;
}

/* --- the document ------------------------------------------------------------ */

/* The document is read twice. A first pass checks all of it and notes
 * where the members that matter are (of repeated keys the last, which is
 * the one Python keeps); the second reads the lists of nodes and edges
 * one item at a time, each item whole for the helpers of pyjson.h, so no
 * tree of the whole document is built. */

/* Where a member's value begins. */
typedef struct member {
    int present;
    ng_json_type type;
    ng_json_pos at;
} member;

typedef struct layout {
    member graph, nodes, edges, links;  /* of the document */
    member inner_nodes, inner_edges, inner_links; /* of "graph", when an object */
} layout;

/* Notes where the value just reached is, and passes over it. */
static int note(ng_json_scan *scan, member *m)
{
    int rc = ng_json_peek(scan, &m->type);
    m->present = 1;
    m->at = ng_json_where(scan);
    return rc != 0 ? rc : ng_json_skip(scan);
}

/* The member of the lists that matter that `key` names, or NULL. */
static member *list_member(const char *key, member *nodes, member *edges, member *links)
{
    if (strcmp(key, "nodes") == 0)
        return nodes;
    if (strcmp(key, "edges") == 0)
        return edges;
    return strcmp(key, "links") == 0 ? links : NULL;
}

static int locate_graph(ng_json_scan *scan, layout *l)
{
    member *m;
    const char *key;
    int rc = ng_json_peek(scan, &l->graph.type);
    l->graph.present = 1;
    l->graph.at = ng_json_where(scan);
    l->inner_nodes = l->inner_edges = l->inner_links = (member){0};
    if (rc != 0 || l->graph.type != NG_JSON_OBJECT)
        return rc != 0 ? rc : ng_json_skip(scan);
    rc = ng_json_enter(scan);
    while (rc == 0 && (rc = ng_json_next_member(scan, &key)) == 1) {
        m = list_member(key, &l->inner_nodes, &l->inner_edges, &l->inner_links);
        rc = m ? note(scan, m) : ng_json_skip(scan);
    }
    return rc;
}

static int locate(ng_json_scan *scan, layout *l)
{
    const char *key;
    int rc = ng_json_enter(scan);
    while (rc == 0 && (rc = ng_json_next_member(scan, &key)) == 1) {
        member *m = list_member(key, &l->nodes, &l->edges, &l->links);
        if (strcmp(key, "graph") == 0)
            rc = locate_graph(scan, l);
        else
            rc = m ? note(scan, m) : ng_json_skip(scan);
    }
    return rc != 0 ? rc : ng_json_finish(scan);
}

/* A failure of the reader or of ng_py_read, as the parser reports it. */
static int read_failed(parser *p, int rc)
{
    return rc == NG_ERR_NOMEM ? ng_py_nomem(&p->in) : rc;
}

/* Opens a reader on the value of `m`, with the text's positions. */
static void open_at(parser *p, ng_json_scan *scan, const char *text, size_t len, const member *m)
{
    size_t offset = (size_t)m->at.offset;
    ng_json_scan_bytes(scan, text + offset, len - offset, &m->at, p->in.source, p->in.err);
    ng_json_scan_allow_repeated_keys(scan);
}

/* The value of `m` whole, owned by the caller. */
static int read_whole(parser *p, const char *text, size_t len, const member *m, json_t **out)
{
    ng_json_scan scan;
    open_at(p, &scan, text, len, m);
    int rc = ng_py_read(&scan, &p->text, out);
    ng_json_scan_close(&scan);
    return read_failed(p, rc);
}

/* Calls `item` (read_node_item or read_edge_item, by `edges`) on each item
 * of the list `m`, one at a time. */
static int read_list(parser *p, const char *text, size_t len, const member *m, int edges,
                     const char *name)
{
    ng_json_scan scan;
    open_at(p, &scan, text, len, m);
    int rc = ng_json_enter(&scan);
    for (size_t i = 0; rc == 0 && (rc = ng_json_next_item(&scan)) == 1; i++) {
        json_t *value;
        rc = read_failed(p, ng_py_read(&scan, &p->text, &value));
        if (rc == 0)
            rc = edges ? read_edge_item(p, value, i, name) : read_node_item(p, value, i);
        json_decref(value);
    }
    ng_json_scan_close(&scan);
    return rc < 0 ? rc : 0;
}

/* The nodes: a list, read an item at a time, or an object keyed by id
 * (or any other value, for the messages Python's iteration gives). */
static int read_nodes(parser *p, const char *text, size_t len, const member *m)
{
    if (m->type == NG_JSON_ARRAY)
        return read_list(p, text, len, m, 0, "nodes");
    json_t *nodes;
    int rc = read_whole(p, text, len, m, &nodes);
    if (rc == 0)
        rc = json_is_object(nodes) ? read_node_object(p, nodes) : read_node_iterable(p, nodes);
    json_decref(nodes);
    return rc;
}

/* "links", else "edges". */
static int read_edges(parser *p, const char *text, size_t len, const member *edges,
                      const member *links)
{
    const char *name = links->present ? "links" : "edges";
    const member *m = links->present ? links : edges;
    if (!m->present)
        return 0;
    if (m->type == NG_JSON_ARRAY)
        return read_list(p, text, len, m, 1, name);
    json_t *list;
    int rc = read_whole(p, text, len, m, &list);
    if (rc == 0)
        rc = read_edge_iterable(p, list, name);
    json_decref(list);
    return rc;
}

/* The nodes and edges of a JSON Graph Format wrapper, when "graph" is an
 * object with nodes, else those of the document. */
static int read_graph(parser *p, const char *text, size_t len, const layout *l)
{
    const member *nodes = &l->nodes, *edges = &l->edges, *links = &l->links;
    p->prefix = "";
    if (l->graph.type == NG_JSON_OBJECT && l->inner_nodes.present) {
        p->prefix = "graph.";
        nodes = &l->inner_nodes;
        edges = &l->inner_edges;
        links = &l->inner_links;
    }
    int rc = nodes->present ? read_nodes(p, text, len, nodes) : 0;
    return rc != 0 ? rc : read_edges(p, text, len, edges, links);
}

/* A document that is not an object: read whole, to name what it is. */
static int not_an_object(parser *p, ng_json_scan *scan)
{
    json_t *root;
    int rc = read_failed(p, ng_py_read(scan, &p->text, &root));
    if (rc == 0 && (rc = ng_json_finish(scan)) == 0)
        rc = ng_py_fail(&p->in, "expected an object, found %s", ng_py_type_name(root));
    json_decref(root);
    return rc;
}

int ng_sysgraph_parse(ng_sysgraph *graph, const char *text, size_t len, const char *source,
                      ng_intern *strings, ng_error *err)
{
    parser p = {.graph = graph, .in = {.source = source, .strings = strings, .err = err}};
    ng_json_scan scan;
    ng_json_type type;
    layout l = {0};
    ng_json_scan_bytes(&scan, text, len, NULL, source, err);
    ng_json_scan_allow_repeated_keys(&scan);
    int rc = ng_json_peek(&scan, &type);
    if (rc == 0)
        rc = type == NG_JSON_OBJECT ? locate(&scan, &l) : not_an_object(&p, &scan);
    ng_json_scan_close(&scan);
    if (rc == 0)
        rc = read_graph(&p, text, len, &l);
    ng_strmap_free(&p.ids);
    ng_buf_free(&p.text);
    ng_py_input_free(&p.in);
    return rc;
}

void ng_sysgraph_free(ng_sysgraph *graph)
{
    free(graph->nodes);
    free(graph->edges);
    free(graph->evidence);
    free(graph->strings);
    *graph = (ng_sysgraph){0};
}
