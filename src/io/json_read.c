/* The JSON loader: reads JSON Graph Format v1 as written by json_write.c
 * back into a graph, through the public graph API only.
 *
 * jansson parses the whole document (rejecting duplicate keys, and
 * nesting deeper than its fixed JSON_PARSER_MAX_DEPTH, so hostile input
 * cannot exhaust the stack); the tree is then checked member by member.
 * Members the contract marks optional may be absent or null. Derived values
 * (edge ids, weights, edge modalities, "directed") are recomputed by the
 * graph, not read. Every structural error names the path of the offending
 * value, such as "graph.edges[3].source". */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "io/format.h"
#include "io/loader.h"
#include "io/sanitize.h"
#include "util/buf.h"
#include "util/fail.h"

typedef struct reader {
    ng_graph *graph;
    const char *source;
    ng_error *err;
    ng_buf quote; /* room for quoting input values in messages */
} reader;

/* Room for the path of an item of a list, the longest being
 * "graph.metadata.documents[N]"; paths inside items add their suffix. */
#define WHERE_SIZE 64
#define INDEX_DIGITS 20 /* SIZE_MAX in decimal */

/* --- reporting ------------------------------------------------------------ */

/* Fails with NG_ERR_PARSE at `where` (a path such as "graph.edges[3]", or
 * "" for the top level), or at its member `member` if not NULL. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int bad(reader *r, const char *where, const char *member, const char *fmt, ...)
{
    char text[NG_ERROR_TEXT_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return ng_fail(r->err, NG_ERR_PARSE, r->source, "%s%s%s: %s", where,
                   member && *where ? "." : "", member ? member : "", text);
}

/* `s` in double quotes, sanitised and cut (see loader.h). Borrowed from r
 * until the next call. */
static const char *quoted(reader *r, const char *s)
{
    return ng_loader_quote(&r->quote, s);
}

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a real number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "an unknown value";
}

/* Reports a failure of the graph API at `where`: input the graph refuses
 * is malformed input; running out of memory stays what it is. */
static int graph_refused(reader *r, const char *where, const ng_error *gerr)
{
    if (gerr->status == NG_ERR_NOMEM)
        return ng_fail(r->err, NG_ERR_NOMEM, r->source, "out of memory");
    return bad(r, where, NULL, "%s", gerr->text);
}

/* --- typed members -------------------------------------------------------- */

/* Each getter stores the member `key` of `obj`, or the given default when
 * it is absent or null, and fails with NG_ERR_PARSE on a wrong type. */

static int member_string(reader *r, const json_t *obj, const char *where, const char *key,
                         int required, const char **out)
{
    const json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return required ? bad(r, where, key, "missing") : 0;
    if (!json_is_string(v))
        return bad(r, where, key, "expected a string, found %s", type_name(v));
    *out = json_string_value(v);
    return 0;
}

static int member_integer(reader *r, const json_t *obj, const char *where, const char *key,
                          long long max, long long fallback, long long *out)
{
    const json_t *v = json_object_get(obj, key);
    *out = fallback;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_integer(v))
        return bad(r, where, key, "expected an integer, found %s", type_name(v));
    json_int_t n = json_integer_value(v);
    if (n < 0 || n > max)
        return bad(r, where, key, "%lld is out of range", (long long)n);
    *out = n;
    return 0;
}

static int member_container(reader *r, const json_t *obj, const char *where, const char *key,
                            json_type type, int required, const json_t **out)
{
    const json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return required ? bad(r, where, key, "missing") : 0;
    if (json_typeof(v) != type)
        return bad(r, where, key, "expected %s, found %s",
                   type == JSON_ARRAY ? "an array" : "an object", type_name(v));
    *out = v;
    return 0;
}

static int member_array(reader *r, const json_t *obj, const char *where, const char *key,
                        int required, const json_t **out)
{
    return member_container(r, obj, where, key, JSON_ARRAY, required, out);
}

static int member_object(reader *r, const json_t *obj, const char *where, const char *key,
                         const json_t **out)
{
    return member_container(r, obj, where, key, JSON_OBJECT, 0, out);
}

static int expect_object(reader *r, const json_t *v, const char *where)
{
    return json_is_object(v) ? 0 : bad(r, where, NULL, "expected an object, found %s",
                                       type_name(v));
}

static int member_type(reader *r, const json_t *obj, const char *where, const char *key,
                       ng_entity_type *out)
{
    const char *name;
    if (member_string(r, obj, where, key, 1, &name) != 0)
        return NG_ERR_PARSE;
    if (ng_entity_type_parse(name, out) != 0)
        return bad(r, where, key, "unknown entity type %s", quoted(r, name));
    return 0;
}

static int member_relation(reader *r, const json_t *obj, const char *where, const char *key,
                           ng_relation *out)
{
    const char *name;
    if (member_string(r, obj, where, key, 1, &name) != 0)
        return NG_ERR_PARSE;
    if (ng_relation_parse(name, out) != 0)
        return bad(r, where, key, "unknown relation %s", quoted(r, name));
    return 0;
}

/* Absent or null means asserted: a report stated without qualification. */
static int member_modality(reader *r, const json_t *obj, const char *where, const char *key,
                           ng_modality *out)
{
    const char *name;
    *out = NG_MODALITY_ASSERTED;
    if (member_string(r, obj, where, key, 0, &name) != 0)
        return NG_ERR_PARSE;
    if (name && ng_modality_parse(name, out) != 0)
        return bad(r, where, key, "unknown modality %s", quoted(r, name));
    return 0;
}

/* --- records -------------------------------------------------------------- */

static int read_document(reader *r, const json_t *v, const char *where)
{
    ng_docinfo doc = {0};
    long long sentences;
    if (expect_object(r, v, where) != 0 ||
        member_string(r, v, where, "doc", 1, &doc.name) != 0 ||
        member_string(r, v, where, "date", 0, &doc.date) != 0 ||
        member_integer(r, v, where, "sentences", LONG_MAX, 0, &sentences) != 0)
        return NG_ERR_PARSE;
    doc.sentences = (long)sentences;
    ng_error gerr;
    if (ng_graph_add_document(r->graph, &doc, &gerr) != 0)
        return graph_refused(r, where, &gerr);
    return 0;
}

/* Adds each string of the array `key` of `obj` with `add`. */
static int read_strings(reader *r, const json_t *obj, const ng_entity *e, const char *where,
                        const char *key,
                        int (*add)(ng_graph *, const ng_entity *, const char *, ng_error *))
{
    const json_t *list;
    if (member_array(r, obj, where, key, 0, &list) != 0)
        return NG_ERR_PARSE;
    for (size_t i = 0; i < json_array_size(list); i++) {
        const json_t *v = json_array_get(list, i);
        if (!json_is_string(v))
            return bad(r, where, key, "item %zu: expected a string, found %s", i, type_name(v));
        ng_error gerr;
        if (add(r->graph, e, json_string_value(v), &gerr) != 0)
            return graph_refused(r, where, &gerr);
    }
    return 0;
}

static int add_doc(ng_graph *g, const ng_entity *e, const char *doc, ng_error *err)
{
    return ng_graph_add_mentions(g, e, doc, 0, err);
}

/* The metadata of a node: its aliases, mention count and documents. */
static int read_node_details(reader *r, const ng_entity *e, const json_t *meta,
                             const char *where)
{
    long long mentions;
    if (!meta)
        return 0;
    if (member_integer(r, meta, where, "mentions", LONG_MAX, 0, &mentions) != 0 ||
        read_strings(r, meta, e, where, "aliases", ng_graph_add_alias) != 0 ||
        read_strings(r, meta, e, where, "docs", add_doc) != 0)
        return NG_ERR_PARSE;
    ng_error gerr;
    if (ng_graph_add_mentions(r->graph, e, NULL, (long)mentions, &gerr) != 0)
        return graph_refused(r, where, &gerr);
    return 0;
}

static int read_node(reader *r, const json_t *v, const char *where)
{
    const char *id, *label;
    const json_t *meta;
    ng_entity_type type;
    char meta_where[WHERE_SIZE + sizeof ".metadata"];
    snprintf(meta_where, sizeof meta_where, "%s.metadata", where);
    if (expect_object(r, v, where) != 0 || member_string(r, v, where, "id", 1, &id) != 0 ||
        member_string(r, v, where, "label", 0, &label) != 0 ||
        member_object(r, v, where, "metadata", &meta) != 0)
        return NG_ERR_PARSE;
    if (!meta)
        return bad(r, where, "metadata.type", "missing");
    if (member_type(r, meta, meta_where, "type", &type) != 0)
        return NG_ERR_PARSE;
    if (ng_graph_entity_by_id(r->graph, id))
        return bad(r, where, "id", "%s is the id of an earlier node", quoted(r, id));

    ng_error gerr;
    const ng_entity *e = ng_graph_add_entity_with_id(r->graph, id, label ? label : id, type, &gerr);
    if (!e)
        return graph_refused(r, where, &gerr);
    return read_node_details(r, e, meta, meta_where);
}

static int read_evidence(reader *r, const ng_edge *edge, const json_t *v, const char *where)
{
    ng_evidence ev = {0};
    long long sentence;
    if (expect_object(r, v, where) != 0 ||
        member_string(r, v, where, "doc", 1, &ev.doc) != 0 ||
        member_integer(r, v, where, "sentence", LONG_MAX, 0, &sentence) != 0 ||
        member_integer(r, v, where, "start", LLONG_MAX, -1, &ev.start) != 0 ||
        member_integer(r, v, where, "end", LLONG_MAX, -1, &ev.end) != 0 ||
        member_string(r, v, where, "text", 0, &ev.text) != 0 ||
        member_string(r, v, where, "trigger", 0, &ev.trigger) != 0 ||
        member_modality(r, v, where, "modality", &ev.modality) != 0 ||
        member_string(r, v, where, "date", 0, &ev.date) != 0 ||
        member_string(r, v, where, "place", 0, &ev.place) != 0 ||
        member_string(r, v, where, "item", 0, &ev.item) != 0)
        return NG_ERR_PARSE;
    ev.sentence = (long)sentence;
    ng_error gerr;
    if (ng_graph_add_evidence(r->graph, edge, &ev, &gerr) != 0)
        return graph_refused(r, where, &gerr);
    return 0;
}

/* The node named by the member `key` of the edge `v`. */
static int edge_end(reader *r, const json_t *v, const char *where, const char *key,
                    const ng_entity **out)
{
    const char *id;
    if (member_string(r, v, where, key, 1, &id) != 0)
        return NG_ERR_PARSE;
    *out = ng_graph_entity_by_id(r->graph, id);
    return *out ? 0 : bad(r, where, key, "no node with id %s", quoted(r, id));
}

static int read_edge(reader *r, const json_t *v, const char *where)
{
    const ng_entity *source, *target;
    ng_relation relation;
    const json_t *meta = NULL, *evidence = NULL;
    char meta_where[WHERE_SIZE + sizeof ".metadata"];
    snprintf(meta_where, sizeof meta_where, "%s.metadata", where);
    if (expect_object(r, v, where) != 0 || edge_end(r, v, where, "source", &source) != 0 ||
        edge_end(r, v, where, "target", &target) != 0 ||
        member_relation(r, v, where, "relation", &relation) != 0 ||
        member_object(r, v, where, "metadata", &meta) != 0 ||
        (meta && member_array(r, meta, meta_where, "evidence", 0, &evidence) != 0))
        return NG_ERR_PARSE;

    ng_error gerr;
    const ng_edge *edge = ng_graph_add_edge(r->graph, source, relation, target, &gerr);
    if (!edge)
        return graph_refused(r, where, &gerr);
    for (size_t i = 0; i < json_array_size(evidence); i++) {
        char ev_where[sizeof meta_where + sizeof ".evidence[]" + INDEX_DIGITS];
        snprintf(ev_where, sizeof ev_where, "%s.evidence[%zu]", meta_where, i);
        int rc = read_evidence(r, edge, json_array_get(evidence, i), ev_where);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* --- the graph ------------------------------------------------------------ */

/* Calls `read` on each item of the array `key` of `obj`, naming each
 * "<where>.<key>[i]". */
static int read_list(reader *r, const json_t *obj, const char *where, const char *key,
                     int required, int (*read)(reader *, const json_t *, const char *))
{
    const json_t *list;
    if (member_array(r, obj, where, key, required, &list) != 0)
        return NG_ERR_PARSE;
    for (size_t i = 0; i < json_array_size(list); i++) {
        char item_where[WHERE_SIZE];
        snprintf(item_where, sizeof item_where, "%s.%s[%zu]", where, key, i);
        int rc = read(r, json_array_get(list, i), item_where);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int read_graph(reader *r, const json_t *root)
{
    const json_t *graph, *meta;
    const char *label;
    if (expect_object(r, root, "document") != 0 ||
        member_object(r, root, "", "graph", &graph) != 0)
        return NG_ERR_PARSE;
    if (!graph)
        return bad(r, "", "graph", "missing");
    if (member_string(r, graph, "graph", "label", 0, &label) != 0 ||
        member_object(r, graph, "graph", "metadata", &meta) != 0)
        return NG_ERR_PARSE;

    ng_error gerr;
    if (label && ng_graph_set_label(r->graph, label, &gerr) != 0)
        return graph_refused(r, "graph.label", &gerr);
    int rc = meta ? read_list(r, meta, "graph.metadata", "documents", 0, read_document) : 0;
    if (rc == 0)
        rc = read_list(r, graph, "graph", "nodes", 1, read_node);
    if (rc == 0)
        rc = read_list(r, graph, "graph", "edges", 0, read_edge);
    return rc;
}

/* --- parsing -------------------------------------------------------------- */

static void report_load_error(FILE *in, const char *source, const json_error_t *jerr,
                              ng_error *err)
{
    if (ferror(in)) {
        ng_fail(err, NG_ERR_IO, source, "cannot read: %s", strerror(errno));
        return;
    }
    if (json_error_code(jerr) == json_error_out_of_memory) {
        ng_fail(err, NG_ERR_NOMEM, source, "out of memory");
        return;
    }
    ng_fail(err, NG_ERR_PARSE, source, "not valid JSON: %s", jerr->text);
    ng_fail_at(err, jerr->line > 0 ? jerr->line : 0, jerr->column > 0 ? jerr->column : 0,
               jerr->position >= 0 ? jerr->position : -1);
}

ng_graph *ng_json_read(FILE *in, const char *source, ng_error *err)
{
    json_error_t jerr;
    json_t *root = json_loadf(in, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        report_load_error(in, source, &jerr, err);
        return NULL;
    }
    reader r = {.source = source, .err = err};
    r.graph = ng_graph_new(err);
    int rc = r.graph ? read_graph(&r, root) : NG_ERR_NOMEM;
    json_decref(root);
    ng_buf_free(&r.quote);
    if (rc != 0) {
        ng_graph_free(r.graph);
        return NULL;
    }
    return r.graph;
}
