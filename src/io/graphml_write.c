/* The GraphML exporter, through libxml2's xmlTextWriter.
 *
 * Nodes and edges get synthetic ids, "n<index>" and "e<index>", and
 * everything about them is in <data> elements declared by the key table
 * below. Every string goes through the sanitiser, so libxml2 gets valid
 * UTF-8 free of the characters XML forbids; it escapes the markup itself.
 * What the loaders make of it (NetworkX 2.8, python-igraph 0.10,
 * graph-tool 2.45; tests/formats/check_formats.py loads both fixtures in
 * each of them):
 *
 * - igraph ignores keys declared for="all" (with a warning) and Gephi
 *   files them as node columns only, so every key names one domain. Key
 *   ids are unique in a document, so a name used in several domains
 *   ("label", "docs") keeps the bare id on its edge key and gets the
 *   domain as a prefix on the others: Neo4j's importer takes an edge's
 *   relationship type from its first <data>, and only when that one has
 *   key="label"; Gephi recognises a node label by attr.name when the id is
 *   not one it knows.
 * - igraph turns the XML id of nodes and edges into an attribute "id" and
 *   NetworkX sets an edge attribute "id" from it, so no key is named
 *   "id": the entity's own id is in "entity_id".
 * - NetworkX raises on directed="false" edges in a directed graph, so
 *   whether an edge is directed is data (key "directed"), not the GraphML
 *   attribute.
 * - graph-tool and igraph refuse the whole file over a key type they do
 *   not know (Gephi's "integer", say), so the types are GraphML's own:
 *   string, int and boolean, the last written "true"/"false".
 * - igraph stores every number as a double and fills a number missing on
 *   some element with NaN, so the numbers are written on every element.
 *   Empty strings are left out: igraph and graph-tool show "" for a
 *   missing string anyway, and NetworkX drops an empty <data>.
 * - A key named "label" or "type" collides with nothing in these three.
 * - graph-tool keeps the XML ids in extra properties (_graphml_vertex_id,
 *   _graphml_edge_id) unless the graph declares them canonical, which
 *   they are: parse.nodeids and parse.edgeids say so.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <libxml/globals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>

#include <newsgraph/version.h>

#include "io/format.h"
#include "io/sanitize.h"
#include "util/buf.h"
#include "util/fail.h"
#include "util/strmap.h"

#define GRAPHML_NS "http://graphml.graphdrawing.org/xmlns"
#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"
#define GRAPHML_SCHEMA GRAPHML_NS " " GRAPHML_NS "/1.0/graphml.xsd"

/* Separates the members of a list held in one string attribute. */
#define LIST_SEPARATOR " | "

typedef enum key_index {
    K_GRAPH_LABEL,
    K_GENERATOR,
    K_NODE_LABEL,
    K_ENTITY_ID,
    K_TYPE,
    K_ALIASES,
    K_MENTIONS,
    K_NODE_DOCS,
    K_LABEL,
    K_RELATION,
    K_MODALITY,
    K_WEIGHT,
    K_DIRECTED,
    K_EVIDENCE,
    K_DOCS,
    K_ITEMS,
    K_TRIGGER,
    KEY_COUNT
} key_index;

typedef struct graphml_key {
    const char *id;
    const char *domain;
    const char *name;
    const char *type;
} graphml_key;

/* In the order they are declared and, within a domain, written. */
static const graphml_key keys[KEY_COUNT] = {
    [K_GRAPH_LABEL] = {"graph_label", "graph", "label", "string"},
    [K_GENERATOR] = {"generator", "graph", "generator", "string"},
    [K_NODE_LABEL] = {"node_label", "node", "label", "string"},
    [K_ENTITY_ID] = {"entity_id", "node", "entity_id", "string"},
    [K_TYPE] = {"type", "node", "type", "string"},
    [K_ALIASES] = {"aliases", "node", "aliases", "string"},
    [K_MENTIONS] = {"mentions", "node", "mentions", "int"},
    [K_NODE_DOCS] = {"node_docs", "node", "docs", "string"},
    [K_LABEL] = {"label", "edge", "label", "string"},
    [K_RELATION] = {"relation", "edge", "relation", "string"},
    [K_MODALITY] = {"modality", "edge", "modality", "string"},
    [K_WEIGHT] = {"weight", "edge", "weight", "int"},
    [K_DIRECTED] = {"directed", "edge", "directed", "boolean"},
    [K_EVIDENCE] = {"evidence", "edge", "evidence", "string"},
    [K_DOCS] = {"docs", "edge", "docs", "string"},
    [K_ITEMS] = {"items", "edge", "items", "string"},
    [K_TRIGGER] = {"trigger", "edge", "trigger", "string"},
};

typedef struct graphml_writer {
    xmlTextWriterPtr xml;
    ng_buf clean; /* the sanitised text of the value being written */
    ng_buf list;  /* a list being joined */
    ng_strmap seen; /* members of that list, marked with list_mark */
    uintptr_t list_mark;
    ng_evidence_reader *best; /* the edge's strongest record */
    ng_evidence_reader *each; /* its records in turn */
    ng_error *err;            /* filled when a record cannot be read */
    int read_failed;
} graphml_writer;

/* The first error libxml2 reported during a write. */
typedef struct xml_failure {
    int reported;
    int code;
    char message[NG_ERROR_TEXT_SIZE];
} xml_failure;

/* --- writing elements --------------------------------------------------- */

/* libxml2 signals failure with a negative count; the cause reaches the
 * error handler installed by ng_graphml_write. */
static int xml_check(int rc)
{
    return rc < 0 ? NG_ERR_IO : 0;
}

static int start_element(graphml_writer *w, const char *name)
{
    return xml_check(xmlTextWriterStartElement(w->xml, BAD_CAST name));
}

static int end_element(graphml_writer *w)
{
    return xml_check(xmlTextWriterEndElement(w->xml));
}

static int attribute(graphml_writer *w, const char *name, const char *value)
{
    return xml_check(xmlTextWriterWriteAttribute(w->xml, BAD_CAST name, BAD_CAST value));
}

/* Writes <data key="...">text</data>; `text` must be sanitised. */
static int data_element(graphml_writer *w, key_index key, const char *text)
{
    int rc = start_element(w, "data");
    if (rc == 0)
        rc = attribute(w, "key", keys[key].id);
    if (rc == 0)
        rc = xml_check(xmlTextWriterWriteString(w->xml, BAD_CAST text));
    return rc == 0 ? end_element(w) : rc;
}

/* Writes a string value unless it is NULL or empty. */
static int data_string(graphml_writer *w, key_index key, const char *value)
{
    const char *clean = ng_sanitize_str(&w->clean, value);
    if (!clean)
        return NG_ERR_NOMEM;
    return clean[0] ? data_element(w, key, clean) : 0;
}

static int data_integer(graphml_writer *w, key_index key, long long value)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", value);
    return data_element(w, key, text);
}

static int data_boolean(graphml_writer *w, key_index key, int value)
{
    return data_element(w, key, value ? "true" : "false");
}

/* Starts a node or edge element with its synthetic id. */
static int start_item(graphml_writer *w, const char *element, char prefix, size_t index)
{
    char id[24];
    snprintf(id, sizeof id, "%c%zu", prefix, index);
    int rc = start_element(w, element);
    return rc == 0 ? attribute(w, "id", id) : rc;
}

/* --- lists -------------------------------------------------------------- */

/* Starts a new joined list in w->list. Earlier members stay in w->seen
 * but carry an older mark, so the map needs no clearing. */
static void list_begin(graphml_writer *w)
{
    ng_buf_clear(&w->list);
    w->list_mark++;
}

/* Appends a member (borrowed from the graph, which outlives the writer)
 * unless it is NULL, empty or already in the list. */
static int list_add(graphml_writer *w, const char *member)
{
    if (!member || !member[0])
        return 0;
    size_t len = strlen(member);
    void *mark = (void *)w->list_mark;
    if (ng_strmap_get(&w->seen, member, len) == mark)
        return 0;
    if (ng_strmap_put(&w->seen, member, len, mark) != 0)
        return NG_ERR_NOMEM;
    if (w->list.len > 0 && ng_buf_append_str(&w->list, LIST_SEPARATOR) != 0)
        return NG_ERR_NOMEM;
    return ng_buf_append(&w->list, member, len);
}

typedef const char *(*entity_list_fn)(const ng_entity *entity, size_t i);

static int data_entity_list(graphml_writer *w, key_index key, const ng_entity *entity,
                            size_t count, entity_list_fn at)
{
    list_begin(w);
    for (size_t i = 0; i < count; i++) {
        int rc = list_add(w, at(entity, i));
        if (rc != 0)
            return rc;
    }
    return data_string(w, key, ng_buf_cstr(&w->list));
}

static const ng_evidence *read_evidence(graphml_writer *w, const ng_edge *edge, size_t i,
                                        ng_evidence_reader *reader)
{
    const ng_evidence *ev = ng_edge_evidence_read(edge, i, reader, w->err);
    w->read_failed |= !ev;
    return ev;
}

/* The documents (item == 0) or the things supplied (item != 0) named by
 * an edge's evidence, each once, in the order of the evidence. */
static int data_evidence_list(graphml_writer *w, key_index key, const ng_edge *edge, int item)
{
    list_begin(w);
    for (size_t i = 0; i < ng_edge_evidence_count(edge); i++) {
        const ng_evidence *ev = read_evidence(w, edge, i, w->each);
        if (!ev)
            return NG_ERR_IO;
        int rc = list_add(w, item ? ev->item : ev->doc);
        if (rc != 0)
            return rc;
    }
    return data_string(w, key, ng_buf_cstr(&w->list));
}

/* --- the graph ---------------------------------------------------------- */

static int write_key(graphml_writer *w, const graphml_key *key)
{
    int rc = start_element(w, "key");
    if (rc == 0)
        rc = attribute(w, "id", key->id);
    if (rc == 0)
        rc = attribute(w, "for", key->domain);
    if (rc == 0)
        rc = attribute(w, "attr.name", key->name);
    if (rc == 0)
        rc = attribute(w, "attr.type", key->type);
    return rc == 0 ? end_element(w) : rc;
}

static int write_node(graphml_writer *w, const ng_entity *entity)
{
    int rc = start_item(w, "node", 'n', ng_entity_index(entity));
    if (rc == 0)
        rc = data_string(w, K_NODE_LABEL, ng_entity_label(entity));
    if (rc == 0)
        rc = data_string(w, K_ENTITY_ID, ng_entity_id(entity));
    if (rc == 0)
        rc = data_string(w, K_TYPE, ng_entity_type_name(ng_entity_typeof(entity)));
    if (rc == 0)
        rc = data_entity_list(w, K_ALIASES, entity, ng_entity_alias_count(entity),
                              ng_entity_alias_at);
    if (rc == 0)
        rc = data_integer(w, K_MENTIONS, ng_entity_mentions(entity));
    if (rc == 0)
        rc = data_entity_list(w, K_NODE_DOCS, entity, ng_entity_doc_count(entity),
                              ng_entity_doc_at);
    return rc == 0 ? end_element(w) : rc;
}

static int edge_endpoints(graphml_writer *w, const ng_edge *edge)
{
    char source[24], target[24];
    snprintf(source, sizeof source, "n%zu", ng_entity_index(ng_edge_source(edge)));
    snprintf(target, sizeof target, "n%zu", ng_entity_index(ng_edge_target(edge)));
    int rc = attribute(w, "source", source);
    return rc == 0 ? attribute(w, "target", target) : rc;
}

/* The label comes first: see the notes at the top about Neo4j. */
static int write_edge(graphml_writer *w, const ng_edge *edge)
{
    const char *relation = ng_relation_name(ng_edge_relation(edge));
    size_t strongest = ng_edge_strongest_index(edge);
    const ng_evidence *best = NULL;
    if (strongest != SIZE_MAX && !(best = read_evidence(w, edge, strongest, w->best)))
        return NG_ERR_IO;
    int rc = start_item(w, "edge", 'e', ng_edge_index(edge));
    if (rc == 0)
        rc = edge_endpoints(w, edge);
    if (rc == 0)
        rc = data_string(w, K_LABEL, relation);
    if (rc == 0)
        rc = data_string(w, K_RELATION, relation);
    if (rc == 0)
        rc = data_string(w, K_MODALITY, ng_modality_name(ng_edge_modality(edge)));
    if (rc == 0)
        rc = data_integer(w, K_WEIGHT, (long long)ng_edge_weight(edge));
    if (rc == 0)
        rc = data_boolean(w, K_DIRECTED, ng_edge_directed(edge));
    if (rc == 0)
        rc = data_string(w, K_EVIDENCE, best ? best->text : NULL);
    if (rc == 0)
        rc = data_evidence_list(w, K_DOCS, edge, 0);
    if (rc == 0)
        rc = data_evidence_list(w, K_ITEMS, edge, 1);
    if (rc == 0)
        rc = data_string(w, K_TRIGGER, best ? best->trigger : NULL);
    return rc == 0 ? end_element(w) : rc;
}

static int write_graph(graphml_writer *w, const ng_graph *graph)
{
    int rc = start_element(w, "graph");
    if (rc == 0)
        rc = attribute(w, "id", "G");
    if (rc == 0)
        rc = attribute(w, "edgedefault", "directed");
    if (rc == 0)
        rc = attribute(w, "parse.nodeids", "canonical");
    if (rc == 0)
        rc = attribute(w, "parse.edgeids", "canonical");
    if (rc == 0)
        rc = attribute(w, "parse.order", "nodesfirst");
    if (rc == 0)
        rc = data_string(w, K_GRAPH_LABEL, ng_graph_label(graph));
    if (rc == 0)
        rc = data_string(w, K_GENERATOR, "newsgraph " NG_VERSION_STRING);
    for (size_t i = 0; rc == 0 && i < ng_graph_entity_count(graph); i++)
        rc = write_node(w, ng_graph_entity_at(graph, i));
    for (size_t i = 0; rc == 0 && i < ng_graph_edge_count(graph); i++)
        rc = write_edge(w, ng_graph_edge_at(graph, i));
    return rc == 0 ? end_element(w) : rc;
}

static int write_document(graphml_writer *w, const ng_graph *graph)
{
    int rc = xml_check(xmlTextWriterSetIndent(w->xml, 1));
    if (rc == 0)
        rc = xml_check(xmlTextWriterSetIndentString(w->xml, BAD_CAST "  "));
    if (rc == 0)
        rc = xml_check(xmlTextWriterStartDocument(w->xml, "1.0", "UTF-8", NULL));
    if (rc == 0)
        rc = start_element(w, "graphml");
    if (rc == 0)
        rc = attribute(w, "xmlns", GRAPHML_NS);
    if (rc == 0)
        rc = attribute(w, "xmlns:xsi", XSI_NS);
    if (rc == 0)
        rc = attribute(w, "xsi:schemaLocation", GRAPHML_SCHEMA);
    for (size_t i = 0; rc == 0 && i < KEY_COUNT; i++)
        rc = write_key(w, &keys[i]);
    if (rc == 0)
        rc = write_graph(w, graph);
    if (rc == 0)
        rc = xml_check(xmlTextWriterEndDocument(w->xml));
    /* EndDocument adds a failed flush into its count; ask again. */
    return rc == 0 ? xml_check(xmlTextWriterFlush(w->xml)) : rc;
}

/* --- errors ------------------------------------------------------------- */

static void capture_error(void *context, xmlErrorPtr error)
{
    xml_failure *failure = context;
    if (failure->reported || !error)
        return;
    failure->reported = 1;
    failure->code = error->code;
    snprintf(failure->message, sizeof failure->message, "%s",
             error->message ? error->message : "unknown libxml2 error");
    /* libxml2 messages end with a newline. */
    failure->message[strcspn(failure->message, "\n")] = '\0';
}

static int report(ng_error *err, int rc, const xml_failure *failure)
{
    if (rc == NG_ERR_NOMEM || failure->code == XML_ERR_NO_MEMORY)
        return ng_fail_nomem(err);
    return ng_fail(err, NG_ERR_IO, NULL, "cannot write GraphML: %s",
                   failure->reported ? failure->message : "libxml2 reports a failure");
}

/* The FILE is the caller's: the output buffer flushes it on close but
 * does not close it. */
static int write_to(FILE *out, const ng_graph *graph, graphml_writer *w)
{
    xmlOutputBufferPtr buffer = xmlOutputBufferCreateFile(out, NULL);
    if (!buffer)
        return NG_ERR_NOMEM;
    w->xml = xmlNewTextWriter(buffer);
    if (!w->xml) {
        xmlOutputBufferClose(buffer); /* only a writer that exists owns it */
        return NG_ERR_NOMEM;
    }
    int rc = write_document(w, graph);
    xmlFreeTextWriter(w->xml);
    return rc;
}

static int write_with(FILE *out, const ng_graph *graph, ng_error *err, int *read_failed)
{
    graphml_writer w = {.err = err};
    w.best = ng_evidence_reader_new(err);
    w.each = ng_evidence_reader_new(err);
    int rc = w.best && w.each ? write_to(out, graph, &w) : NG_ERR_NOMEM;
    *read_failed = w.read_failed;
    ng_evidence_reader_free(w.best);
    ng_evidence_reader_free(w.each);
    ng_buf_free(&w.clean);
    ng_buf_free(&w.list);
    ng_strmap_free(&w.seen);
    return rc;
}

int ng_graphml_write(const ng_graph *graph, FILE *out, ng_error *err)
{
    /* libxml2 prints its errors unless a handler takes them. The handler
     * is per thread, and the caller's is put back afterwards. */
    xmlStructuredErrorFunc saved_handler = xmlStructuredError;
    void *saved_context = xmlStructuredErrorContext;
    xml_failure failure = {0};
    xmlSetStructuredErrorFunc(&failure, capture_error);
    int read_failed = 0;
    int rc = write_with(out, graph, err, &read_failed);
    xmlSetStructuredErrorFunc(saved_context, saved_handler);
    if (rc == 0 || read_failed)
        return rc; /* a record that cannot be read has said so in err */
    return report(err, rc, &failure);
}
