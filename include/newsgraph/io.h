/* newsgraph: writing graphs to files and reading them back.
 *
 * Each format has one module: JSON (JSON Graph Format v1, through jansson),
 * GraphML (through libxml2's xmlTextWriter) and DOT (through Graphviz's
 * cgraph). They are kept in a table and picked by name or file extension.
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

#ifdef __cplusplus
}
#endif

#endif
