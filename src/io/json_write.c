/* The JSON exporter: JSON Graph Format v1 through jansson.
 *
 * The document is built as a jansson tree and dumped in one call. Every
 * record of a kind has the same keys in the same order, with null for what
 * is unknown, and everything beyond the JGF members sits under "metadata"
 * (the schema forbids other members on nodes and edges). */
#include <errno.h>
#include <string.h>

#include <jansson.h>

#include <newsgraph/version.h>

#include "io/format.h"
#include "io/sanitize.h"
#include "util/buf.h"
#include "util/fail.h"

/* The builders below return a new reference, or NULL if out of memory.
 * They pass child values straight to json_object_set_new and
 * json_array_append_new, which take ownership even when they fail and
 * fail on a NULL value, so one failed allocation surfaces as a non-zero
 * return at the top of the tree. */

static json_t *string_value(ng_buf *scratch, const char *s)
{
    const char *clean = ng_sanitize_str(scratch, s);
    return clean ? json_string(clean) : NULL;
}

static json_t *string_or_null(ng_buf *scratch, const char *s)
{
    return s ? string_value(scratch, s) : json_null();
}

static json_t *integer_or_null(long long value, int known)
{
    return known ? json_integer(value) : json_null();
}

/* Adds the key only if the object exists; drops the value otherwise. */
static int set(json_t *object, const char *key, json_t *value)
{
    if (!object) {
        json_decref(value);
        return -1;
    }
    return json_object_set_new(object, key, value);
}

/* Returns `object`, or NULL (and frees it) if any member failed. */
static json_t *finish(json_t *object, int failed)
{
    if (failed) {
        json_decref(object);
        return NULL;
    }
    return object;
}

static json_t *document_json(ng_buf *scratch, const ng_docinfo *doc)
{
    json_t *o = json_object();
    int bad = set(o, "doc", string_value(scratch, doc->name));
    bad |= set(o, "date", string_or_null(scratch, doc->date));
    bad |= set(o, "sentences", integer_or_null(doc->sentences, doc->sentences > 0));
    return finish(o, bad);
}

static json_t *strings_json(ng_buf *scratch, const ng_entity *e, size_t count,
                            const char *(*at)(const ng_entity *, size_t))
{
    json_t *a = json_array();
    int bad = !a;
    for (size_t i = 0; i < count && !bad; i++)
        bad = json_array_append_new(a, string_value(scratch, at(e, i)));
    return finish(a, bad);
}

static json_t *node_json(ng_buf *scratch, const ng_entity *e)
{
    json_t *meta = json_object();
    int bad = set(meta, "type", json_string(ng_entity_type_name(ng_entity_typeof(e))));
    bad |= set(meta, "aliases",
               strings_json(scratch, e, ng_entity_alias_count(e), ng_entity_alias_at));
    bad |= set(meta, "mentions", json_integer(ng_entity_mentions(e)));
    bad |= set(meta, "docs", strings_json(scratch, e, ng_entity_doc_count(e), ng_entity_doc_at));

    json_t *o = json_object();
    bad |= set(o, "id", string_value(scratch, ng_entity_id(e)));
    bad |= set(o, "label", string_value(scratch, ng_entity_label(e)));
    bad |= set(o, "metadata", meta);
    return finish(o, bad);
}

static json_t *evidence_json(ng_buf *scratch, const ng_evidence *ev)
{
    json_t *o = json_object();
    int bad = set(o, "doc", string_value(scratch, ev->doc));
    bad |= set(o, "sentence", integer_or_null(ev->sentence, ev->sentence > 0));
    bad |= set(o, "start", integer_or_null(ev->start, ev->start >= 0));
    bad |= set(o, "end", integer_or_null(ev->end, ev->end >= 0));
    bad |= set(o, "text", string_or_null(scratch, ev->text));
    bad |= set(o, "trigger", string_or_null(scratch, ev->trigger));
    bad |= set(o, "modality", json_string(ng_modality_name(ev->modality)));
    bad |= set(o, "date", string_or_null(scratch, ev->date));
    bad |= set(o, "place", string_or_null(scratch, ev->place));
    bad |= set(o, "item", string_or_null(scratch, ev->item));
    return finish(o, bad);
}

static json_t *edge_metadata_json(ng_buf *scratch, const ng_edge *e)
{
    json_t *evidence = json_array();
    int bad = !evidence;
    for (size_t i = 0; i < ng_edge_evidence_count(e) && !bad; i++)
        bad = json_array_append_new(evidence, evidence_json(scratch, ng_edge_evidence_at(e, i)));

    json_t *meta = json_object();
    bad |= set(meta, "weight", json_integer((json_int_t)ng_edge_weight(e)));
    bad |= set(meta, "modality", json_string(ng_modality_name(ng_edge_modality(e))));
    bad |= set(meta, "evidence", evidence);
    return finish(meta, bad);
}

static json_t *edge_json(ng_buf *scratch, const ng_edge *e)
{
    const char *relation = ng_relation_name(ng_edge_relation(e));
    json_t *o = json_object();
    int bad = set(o, "id", json_sprintf("e%zu", ng_edge_index(e)));
    bad |= set(o, "source", string_value(scratch, ng_entity_id(ng_edge_source(e))));
    bad |= set(o, "target", string_value(scratch, ng_entity_id(ng_edge_target(e))));
    bad |= set(o, "relation", json_string(relation));
    bad |= set(o, "directed", json_boolean(ng_edge_directed(e)));
    bad |= set(o, "label", json_string(relation));
    bad |= set(o, "metadata", edge_metadata_json(scratch, e));
    return finish(o, bad);
}

static json_t *graph_metadata_json(ng_buf *scratch, const ng_graph *g)
{
    json_t *docs = json_array();
    int bad = !docs;
    for (size_t i = 0; i < ng_graph_document_count(g) && !bad; i++)
        bad = json_array_append_new(docs, document_json(scratch, ng_graph_document_at(g, i)));

    json_t *meta = json_object();
    bad |= set(meta, "generator", json_string("newsgraph " NG_VERSION_STRING));
    bad |= set(meta, "documents", docs);
    return finish(meta, bad);
}

static json_t *graph_json(ng_buf *scratch, const ng_graph *g)
{
    json_t *nodes = json_array(), *edges = json_array();
    int bad = !nodes || !edges;
    for (size_t i = 0; i < ng_graph_entity_count(g) && !bad; i++)
        bad = json_array_append_new(nodes, node_json(scratch, ng_graph_entity_at(g, i)));
    for (size_t i = 0; i < ng_graph_edge_count(g) && !bad; i++)
        bad = json_array_append_new(edges, edge_json(scratch, ng_graph_edge_at(g, i)));

    json_t *o = json_object();
    bad |= set(o, "directed", json_true());
    bad |= set(o, "type", json_string("newsgraph"));
    bad |= set(o, "label", string_value(scratch, ng_graph_label(g)));
    bad |= set(o, "metadata", graph_metadata_json(scratch, g));
    bad |= set(o, "nodes", nodes);
    bad |= set(o, "edges", edges);
    return finish(o, bad);
}

int ng_json_write(const ng_graph *graph, FILE *out, ng_error *err)
{
    /* Sanitised strings are built in one scratch buffer; jansson copies them. */
    ng_buf scratch = {0};
    json_t *root = json_object();
    int bad = set(root, "graph", graph_json(&scratch, graph));
    ng_buf_free(&scratch);
    if (bad) {
        json_decref(root);
        return ng_fail_nomem(err);
    }
    /* Insertion order keeps the keys in the order of the contract; no
     * ASCII escaping keeps non-Latin labels readable. */
    int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (rc != 0 || fputc('\n', out) == EOF)
        return ng_fail(err, NG_ERR_IO, NULL, "cannot write: %s", strerror(errno));
    return 0;
}
