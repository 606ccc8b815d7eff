/* The format table and the format-independent half of input and output:
 * choosing a format, opening files, and saving all-or-nothing through a
 * temporary file renamed into place. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <newsgraph/io.h>

#include "io/atomic.h"
#include "io/format.h"
#include "util/buf.h"
#include "util/fail.h"
#include "util/names.h"

static const char *const no_names[] = {NULL};
static const char *const json_aliases[] = {"jgf", NULL};
static const char *const json_extensions[] = {".json", NULL};
static const char *const graphml_extensions[] = {".graphml", NULL};
static const char *const dot_aliases[] = {"gv", NULL};
static const char *const dot_extensions[] = {".dot", ".gv", NULL};

static const ng_format_ops format_table[] = {
    {NG_FORMAT_JSON, "json", json_aliases, json_extensions, ng_json_write, ng_json_read,
     ng_json_write_threads},
    {NG_FORMAT_GRAPHML, "graphml", no_names, graphml_extensions, ng_graphml_write,
     ng_graphml_read, NULL},
    {NG_FORMAT_DOT, "dot", dot_aliases, dot_extensions, ng_dot_write, ng_dot_read, NULL},
};

#define FORMAT_COUNT (sizeof format_table / sizeof format_table[0])

const ng_format_ops *ng_format_ops_of(ng_format format)
{
    for (size_t i = 0; i < FORMAT_COUNT; i++)
        if (format_table[i].format == format)
            return &format_table[i];
    return NULL;
}

static int in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (ng_ascii_equal_nocase(*list, s))
            return 1;
    return 0;
}

ng_format ng_format_from_name(const char *name)
{
    for (size_t i = 0; name && i < FORMAT_COUNT; i++)
        if (ng_ascii_equal_nocase(format_table[i].name, name) ||
            in_list(format_table[i].aliases, name))
            return format_table[i].format;
    return NG_FORMAT_UNKNOWN;
}

ng_format ng_format_from_path(const char *path)
{
    const char *ext = ng_path_extension(path);
    for (size_t i = 0; ext && i < FORMAT_COUNT; i++)
        if (in_list(format_table[i].extensions, ext))
            return format_table[i].format;
    return NG_FORMAT_UNKNOWN;
}

const char *ng_format_name(ng_format format)
{
    const ng_format_ops *ops = ng_format_ops_of(format);
    return ops ? ops->name : NULL;
}

int ng_format_can_read(ng_format format)
{
    const ng_format_ops *ops = ng_format_ops_of(format);
    return ops && ops->read;
}

int ng_io_write(const ng_graph *graph, ng_format format, FILE *out, ng_error *err)
{
    return ng_io_write_threads(graph, format, out, 1, err);
}

int ng_io_write_threads(const ng_graph *graph, ng_format format, FILE *out, size_t threads,
                        ng_error *err)
{
    const ng_format_ops *ops = ng_format_ops_of(format);
    if (!ops)
        return ng_fail(err, NG_ERR_FORMAT, NULL, "unknown output format");
    if (!graph || !out)
        return ng_fail(err, NG_ERR_INVALID, NULL, "nothing to write, or nowhere to write it");
    int rc = threads > 1 && ops->write_threads ? ops->write_threads(graph, out, threads, err)
                                               : ops->write(graph, out, err);
    if (rc != 0)
        return rc;
    /* Buffered output meets a full disk only when it is flushed. */
    if (fflush(out) != 0)
        return ng_fail(err, NG_ERR_IO, NULL, "cannot write: %s", strerror(errno));
    if (ferror(out))
        return ng_fail(err, NG_ERR_IO, NULL, "cannot write: the output stream reports an error");
    return 0;
}

/* Whether the format can be read, with the reason in err if not. */
static int check_readable(const ng_format_ops *ops, const char *source, ng_error *err)
{
    if (!ops)
        return ng_fail(err, NG_ERR_FORMAT, source, "unknown input format");
    if (!ops->read)
        return ng_fail(err, NG_ERR_FORMAT, source, "%s files cannot be read, only written",
                       ops->name);
    return 0;
}

/* The flags this version knows. */
#define KNOWN_LOAD_FLAGS ((unsigned)(NG_LOAD_SKIP_EVIDENCE | NG_LOAD_SKIP_ENTITY_DOCS))

ng_graph *ng_io_read_with_flags(ng_format format, FILE *in, const char *source, unsigned flags,
                                ng_error *err)
{
    const ng_format_ops *ops = ng_format_ops_of(format);
    if (!source)
        source = "-";
    if (check_readable(ops, source, err) != 0)
        return NULL;
    if (!in) {
        ng_fail(err, NG_ERR_INVALID, source, "no input stream");
        return NULL;
    }
    if (flags & ~KNOWN_LOAD_FLAGS) {
        ng_fail(err, NG_ERR_INVALID, source, "unknown load flags 0x%x", flags & ~KNOWN_LOAD_FLAGS);
        return NULL;
    }
    return ops->read(in, source, flags, err);
}

ng_graph *ng_io_read(ng_format format, FILE *in, const char *source, ng_error *err)
{
    return ng_io_read_with_flags(format, in, source, 0, err);
}

static int is_stdio(const char *path)
{
    return strcmp(path, "-") == 0;
}

/* The format to use for `path`: `format` if given, else its extension's. */
static int resolve_format(ng_format *format, const char *path, ng_error *err)
{
    if (*format == NG_FORMAT_UNKNOWN)
        *format = ng_format_from_path(path);
    if (*format == NG_FORMAT_UNKNOWN)
        return ng_fail(err, NG_ERR_FORMAT, path,
                       "cannot tell the format from the file name; name it explicitly");
    return 0;
}

ng_graph *ng_io_load_with_flags(const char *path, ng_format format, unsigned flags,
                                ng_error *err)
{
    if (!path) {
        ng_fail(err, NG_ERR_INVALID, NULL, "no file name");
        return NULL;
    }
    if (resolve_format(&format, path, err) != 0 ||
        check_readable(ng_format_ops_of(format), path, err) != 0)
        return NULL;
    if (is_stdio(path))
        return ng_io_read_with_flags(format, stdin, path, flags, err);

    FILE *in = fopen(path, "rb");
    if (!in) {
        ng_fail(err, errno == ENOENT ? NG_ERR_NOT_FOUND : NG_ERR_IO, path, "cannot open: %s",
                strerror(errno));
        return NULL;
    }
    ng_graph *graph = ng_io_read_with_flags(format, in, path, flags, err);
    if (fclose(in) != 0 && graph) {
        ng_fail(err, NG_ERR_IO, path, "cannot close: %s", strerror(errno));
        ng_graph_free(graph);
        return NULL;
    }
    return graph;
}

ng_graph *ng_io_load(const char *path, ng_format format, ng_error *err)
{
    return ng_io_load_with_flags(path, format, 0, err);
}

/* --- saving ------------------------------------------------------------- */

typedef struct save_job {
    const ng_graph *graph;
    ng_format format;
    size_t threads;
} save_job;

static int write_job(FILE *out, void *ctx, ng_error *err)
{
    const save_job *job = ctx;
    return ng_io_write_threads(job->graph, job->format, out, job->threads, err);
}

int ng_io_save(const ng_graph *graph, ng_format format, const char *path, ng_error *err)
{
    return ng_io_save_threads(graph, format, path, 1, err);
}

int ng_io_save_threads(const ng_graph *graph, ng_format format, const char *path,
                       size_t threads, ng_error *err)
{
    if (!graph || !path)
        return ng_fail(err, NG_ERR_INVALID, path, "nothing to save, or no file name");
    if (resolve_format(&format, path, err) != 0)
        return NG_ERR_FORMAT;
    ng_error_clear(err);
    save_job job = {graph, format, threads};
    return ng_atomic_save(path, write_job, &job, err);
}
