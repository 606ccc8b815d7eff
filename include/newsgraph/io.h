/* newsgraph: writing graphs to files and reading them back.
 *
 * Each format has one module: JSON (JSON Graph Format v1, written and read
 * as a stream, one record at a time), GraphML (through libxml2) and DOT
 * (through Graphviz's cgraph). They are kept in a table and picked by
 * name or file extension.
 * Every string that reaches an output goes through one sanitiser first, so
 * outputs are valid UTF-8 with no control characters, whatever the input.
 *
 * Ownership: FILE handles belong to the caller and are neither closed nor
 * rewound. Loaded graphs belong to the caller (ng_graph_free).
 */
#ifndef NEWSGRAPH_IO_H
#define NEWSGRAPH_IO_H

#include <stdio.h>

#include <newsgraph/error.h>
#include <newsgraph/graph.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ng_format {
    NG_FORMAT_UNKNOWN,
    NG_FORMAT_JSON,
    NG_FORMAT_GRAPHML,
    NG_FORMAT_DOT
} ng_format;

/* "json" (also "jgf"), "graphml", "dot" (also "gv"); ASCII case ignored.
 * NG_FORMAT_UNKNOWN for anything else. */
ng_format ng_format_from_name(const char *name);
/* By the extension of `path`: .json, .graphml, .dot or .gv. */
ng_format ng_format_from_path(const char *path);
/* Static lower-case name, or NULL for NG_FORMAT_UNKNOWN. */
const char *ng_format_name(ng_format format);
/* Whether ng_io_read can read this format. */
int ng_format_can_read(ng_format format);

/* Writes the graph to `out` in the given format. On failure some output
 * may already have been written; use ng_io_save for all-or-nothing files. */
int ng_io_write(const ng_graph *graph, ng_format format, FILE *out, ng_error *err);

/* Writes the graph to `path` ("-" is standard output). The file is written
 * beside its destination under a temporary name, flushed, and renamed into
 * place only when complete, so a failure leaves any previous file intact.
 * NG_FORMAT_UNKNOWN picks the format from the extension. */
int ng_io_save(const ng_graph *graph, ng_format format, const char *path, ng_error *err);

/* As ng_io_write and ng_io_save, formatting on up to `threads` threads
 * where the format allows it (JSON; the others use one). The output is
 * the same whatever the count; 0 or 1 means the calling thread alone. */
int ng_io_write_threads(const ng_graph *graph, ng_format format, FILE *out, size_t threads,
                        ng_error *err);
int ng_io_save_threads(const ng_graph *graph, ng_format format, const char *path,
                       size_t threads, ng_error *err);

/* Reads a graph from `in`; `source` names it in error messages. Returns a
 * new graph owned by the caller, or NULL with err set (NG_ERR_PARSE with
 * line/column or offset for malformed input, NG_ERR_FORMAT for a format
 * that cannot be read). */
ng_graph *ng_io_read(ng_format format, FILE *in, const char *source, ng_error *err);

/* Opens `path` ("-" is standard input) and reads it as ng_io_read does;
 * NG_FORMAT_UNKNOWN picks the format from the extension. */
ng_graph *ng_io_load(const char *path, ng_format format, ng_error *err);

/* What a load may leave out when the caller needs less than the whole
 * graph: the `flags` of ng_io_read_with_flags and ng_io_load_with_flags,
 * or-ed together. */
typedef enum ng_load_flag {
    /* The caller will not look at evidence records. Edges come without
     * them (ng_edge_evidence_count is 0, ng_edge_strongest_index SIZE_MAX)
     * but with the weight and modality the records give them, kept as a
     * summary (see ng_graph_set_edge_summary): ng_edge_weight and
     * ng_edge_modality answer as after a full load, and so do queries
     * that filter by relation, type, direction, modality or weight. Date
     * filters look at the records, and need a full load. The records are
     * still read and checked, so a file loads with this flag exactly when
     * it loads without it. JSON graphs load several times faster and in a
     * fraction of the memory; GraphML and DOT files, which hold one
     * sentence per edge at most, load in full. */
    NG_LOAD_SKIP_EVIDENCE = 1 << 0,
    /* The caller will not ask which documents mention an entity:
     * entities come without that list (ng_entity_doc_count is 0), with
     * everything else, their mention counts included. Checked all the
     * same, as above; JSON only. */
    NG_LOAD_SKIP_ENTITY_DOCS = 1 << 1
} ng_load_flag;

/* ng_io_read and ng_io_load with NG_LOAD_* flags (0 reads everything, as
 * they do). Unknown flags fail with NG_ERR_INVALID. */
ng_graph *ng_io_read_with_flags(ng_format format, FILE *in, const char *source, unsigned flags,
                                ng_error *err);
ng_graph *ng_io_load_with_flags(const char *path, ng_format format, unsigned flags,
                                ng_error *err);

#ifdef __cplusplus
}
#endif

#endif
