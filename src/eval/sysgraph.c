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

/* "nodes": [{"id": ..., ...}, ...] */
static int read_node_list(parser *p, json_t *nodes)
{
    char where[WHERE_SIZE];
    snprintf(where, sizeof where, "%snodes", p->prefix);
    json_t *list;
    int rc = ng_py_iter(&p->in, nodes, where, &list);
    for (size_t i = 0; rc == 0 && i < json_array_size(list); i++) {
        json_t *node = json_array_get(list, i);
        json_t *id = json_object_get(node, "id");
        const char *key;
        snprintf(where, sizeof where, "%snodes[%zu]", p->prefix, i);
        rc = need_object(p, node, where);
        char at[INNER_SIZE];
        snprintf(at, sizeof at, "%s.id", where);
        if (rc == 0 && !id)
            rc = ng_py_fail(&p->in, "%s: missing", at);
        if (rc == 0)
            rc = id_key(p, id, at, &key);
        if (rc == 0)
            rc = read_node(p, node, key, where);
    }
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

/* "links", else "edges". */
static int read_edges(parser *p, json_t *graph)
{
    const char *member = json_object_get(graph, "links") ? "links" : "edges";
    json_t *edges = json_object_get(graph, member);
    if (!edges)
        return 0;
    char where[WHERE_SIZE];
    snprintf(where, sizeof where, "%s%s", p->prefix, member);
    json_t *list;
    int rc = ng_py_iter(&p->in, edges, where, &list);
    for (size_t i = 0; rc == 0 && i < json_array_size(list); i++) {
        snprintf(where, sizeof where, "%s%s[%zu]", p->prefix, member, i);
        rc = read_edge(p, json_array_get(list, i), where);
    }
    json_decref(list);
    return rc;
}

/* --- the document ------------------------------------------------------------ */

static int read_graph(parser *p, json_t *root)
{
    if (!json_is_object(root))
        return ng_py_fail(&p->in, "expected an object, found %s", ng_py_type_name(root));
    json_t *graph = json_object_get(root, "graph");
    p->prefix = "";
    if (json_is_object(graph) && json_object_get(graph, "nodes"))
        p->prefix = "graph.";
    else
        graph = root;
    json_t *nodes = json_object_get(graph, "nodes");
    int rc = 0;
    if (json_is_object(nodes))
        rc = read_node_object(p, nodes);
    else if (nodes)
        rc = read_node_list(p, nodes);
    return rc != 0 ? rc : read_edges(p, graph);
}

int ng_sysgraph_parse(ng_sysgraph *graph, const char *text, size_t len, const char *source,
                      ng_intern *strings, ng_error *err)
{
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_DECODE_ANY, &jerr);
    if (!root) {
        if (json_error_code(&jerr) == json_error_out_of_memory)
            return ng_fail_nomem(err);
        ng_fail(err, NG_ERR_PARSE, source, "not valid JSON: %s", jerr.text);
        ng_fail_at(err, jerr.line > 0 ? jerr.line : 0, jerr.column > 0 ? jerr.column : 0,
                   jerr.position >= 0 ? jerr.position : -1);
        return NG_ERR_PARSE;
    }
    parser p = {.graph = graph, .in = {.source = source, .strings = strings, .err = err}};
    int rc = read_graph(&p, root);
    json_decref(root);
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
