/* The table of file formats: one module per format, picked by name or by
 * file extension (see io.c). */
#ifndef NG_IO_FORMAT_H
#define NG_IO_FORMAT_H

#include <stdio.h>

#include <newsgraph/io.h>

typedef int (*ng_write_fn)(const ng_graph *graph, FILE *out, ng_error *err);
typedef ng_graph *(*ng_read_fn)(FILE *in, const char *source, unsigned flags, ng_error *err);
typedef int (*ng_write_threads_fn)(const ng_graph *graph, FILE *out, size_t threads,
                                   ng_error *err);

typedef struct ng_format_ops {
    ng_format format;
    const char *name;
    const char *const *aliases;    /* other names, NULL-terminated */
    const char *const *extensions; /* with the dot, NULL-terminated */
    ng_write_fn write;
    ng_read_fn read;               /* NULL: this format cannot be read yet */
    ng_write_threads_fn write_threads; /* NULL: written on one thread only */
} ng_format_ops;

/* The entry of a format, or NULL for NG_FORMAT_UNKNOWN. */
const ng_format_ops *ng_format_ops_of(ng_format format);

/* The exporters and loaders, one module each. They follow the contracts
 * of ng_io_write and ng_io_read_with_flags; the GraphML and DOT loaders
 * ignore the flags (their files hold one sentence per edge at most). */
int ng_json_write(const ng_graph *graph, FILE *out, ng_error *err);
/* The same output, formatted on up to `threads` threads. */
int ng_json_write_threads(const ng_graph *graph, FILE *out, size_t threads, ng_error *err);
ng_graph *ng_json_read(FILE *in, const char *source, unsigned flags, ng_error *err);
int ng_graphml_write(const ng_graph *graph, FILE *out, ng_error *err);
ng_graph *ng_graphml_read(FILE *in, const char *source, unsigned flags, ng_error *err);
int ng_dot_write(const ng_graph *graph, FILE *out, ng_error *err);
/* Not reentrant: cgraph's parser keeps its state in globals. */
ng_graph *ng_dot_read(FILE *in, const char *source, unsigned flags, ng_error *err);

#endif
