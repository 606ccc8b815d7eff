/* The graph under evaluation, as the reference scorer reads it.
 *
 * The file is the project's JSON export or any node-link document of the
 * same shape: an optional {"graph": {...}} wrapper (JSON Graph Format),
 * "nodes" as a list or as an object keyed by id, "edges" or "links".
 * A node's name is its "label", else "name", else metadata.label, else its
 * id; its aliases, type and documents are read at the top level or in
 * "metadata". An edge's relation is its "relation", "key", "label" or
 * metadata.relation; its evidence is at the top level or in "metadata".
 * A later node with the same id replaces an earlier one. Strings are
 * interned in the caller's pool. */
#ifndef NG_EVAL_SYSGRAPH_H
#define NG_EVAL_SYSGRAPH_H

#include <stddef.h>

#include <newsgraph/error.h>

#include "graph/intern.h"
#include "util/strmap.h"

typedef struct ng_sysnode {
    /* What the scorer calls the node when no gold entity matches it:
     * "?" and str() of its label. */
    const char *unmatched;
    /* Keys (ng_norm_name) of the label and then of each alias, at
     * names[0..name_count) of ng_sysgraph.strings. */
    size_t names;
    size_t name_count;
    /* Keys of the documents the node appears in, at docs[0..doc_count) of
     * ng_sysgraph.strings, unless every_doc is set: a node without a
     * "docs" member (or with null) appears in every document. */
    size_t docs;
    size_t doc_count;
    int every_doc;
    /* Not a node of the graph but an id that an edge names and no node
     * has; its only name is the id. Not counted among duplicate nodes. */
    int placeholder;
} ng_sysnode;

typedef struct ng_sysevidence {
    const char *doc;      /* document key: base name of str("doc"), "" when absent */
    const char *modality; /* "asserted" when absent, NULL for JSON null */
} ng_sysevidence;

typedef struct ng_sysedge {
    size_t source;         /* indices into ng_sysgraph.nodes */
    size_t target;
    const char *relation;  /* NULL when the edge names none */
    size_t evidence;       /* evidence[evidence..evidence + evidence_count) */
    size_t evidence_count;
} ng_sysedge;

/* Zero-initialise ({0}) before use; release with ng_sysgraph_free. */
typedef struct ng_sysgraph {
    ng_sysnode *nodes;
    size_t node_count;
    size_t node_cap;
    ng_sysedge *edges;
    size_t edge_count;
    size_t edge_cap;
    ng_sysevidence *evidence;
    size_t evidence_count;
    size_t evidence_cap;
    const char **strings; /* names and documents of nodes */
    size_t string_count;
    size_t string_cap;
} ng_sysgraph;

/* Parses the graph text[0..len); `source` names it in errors. Returns 0,
 * NG_ERR_PARSE (with line and column for malformed JSON, with the path of
 * the value for a member of the wrong type) or NG_ERR_NOMEM. */
int ng_sysgraph_parse(ng_sysgraph *graph, const char *text, size_t len, const char *source,
                      ng_intern *strings, ng_error *err);

void ng_sysgraph_free(ng_sysgraph *graph);

#endif
