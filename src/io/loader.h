/* What the GraphML and DOT loaders share: rebuilding an edge from the
 * summary those formats carry in place of its evidence records, reading
 * the lists and counts they write, and quoting input in messages. */
#ifndef NG_IO_LOADER_H
#define NG_IO_LOADER_H

#include <stddef.h>

#include <newsgraph/graph.h>

#include "util/buf.h"

/* How graphml_write.c joins the members of a list in one value. */
#define NG_LOADER_SEPARATOR " | "

/* What a GraphML or DOT file says about an edge instead of listing its
 * evidence. The strings are borrowed and may be NULL; `docs` and `items`
 * are lists joined with NG_LOADER_SEPARATOR. */
typedef struct ng_edge_summary {
    size_t weight;        /* how many evidence records there were */
    ng_modality modality; /* the strongest of theirs */
    const char *text;     /* the sentence of the strongest record */
    const char *trigger;  /* its trigger */
    const char *docs;     /* the documents of the records, in order */
    const char *items;    /* the things supplied, in order */
} ng_edge_summary;

/* Finds or adds the edge (source, relation, target) and records what the
 * summary says of it (see ng_graph_set_edge_summary). The records it can
 * be rebuilt from are added as evidence: one per document, each with the
 * summary's modality and no sentence number or span, the first holding
 * the sentence and the trigger, and the items shared out one per record
 * in order, the last record taking the rest of the list as one item (the
 * model keeps one item per record, and records of one document could not
 * be told apart). A summary with a sentence, a trigger or items but no
 * documents gets one record from `fallback_doc`, the name of the file
 * being read. When the edge exists already, as for parallel edges in a
 * multigraph, the weights add up and the stronger modality wins.
 * Returns the edge, borrowed from the graph, or NULL with err set by the
 * graph (NG_ERR_INVALID for an edge the model refuses, such as a loop,
 * or NG_ERR_NOMEM). */
const ng_edge *ng_loader_add_edge(ng_graph *graph, const ng_entity *source, ng_relation relation,
                                  const ng_entity *target, const ng_edge_summary *summary,
                                  const char *fallback_doc, ng_error *err);

/* Calls `each` on every non-empty member of a list joined with
 * NG_LOADER_SEPARATOR, in order, with a NUL-terminated copy held in
 * `scratch`; stops at the first non-zero return and returns it. A NULL
 * list has no members. Returns 0, the callback's status or NG_ERR_NOMEM. */
int ng_loader_each_member(const char *list, ng_buf *scratch,
                          int (*each)(const char *member, void *context), void *context);

/* Parses a count, such as a weight or a number of mentions: decimal
 * digits, optionally followed by a decimal point and zeros (igraph writes
 * every number as a double), with ASCII white space around. Returns 0 and
 * sets *out, or -1 if `s` is anything else or exceeds `max`. */
int ng_loader_parse_count(const char *s, unsigned long long max, unsigned long long *out);

/* The last component of a path: the name a file gives its records. */
const char *ng_loader_base_name(const char *path);

/* `s` in double quotes for a message, sanitised (input may hold terminal
 * escapes) and cut at a character boundary after a few dozen bytes.
 * Borrowed from `buf` until its next use. */
const char *ng_loader_quote(ng_buf *buf, const char *s);

#endif
