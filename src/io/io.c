/* The format table and the format-independent half of input and output:
 * choosing a format, opening files, and saving all-or-nothing through a
 * temporary file renamed into place. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <newsgraph/io.h>

#include "io/format.h"
#include "util/buf.h"
#include "util/fail.h"

static const char *const no_names[] = {NULL};
static const char *const json_aliases[] = {"jgf", NULL};
static const char *const json_extensions[] = {".json", NULL};
static const char *const graphml_extensions[] = {".graphml", NULL};
static const char *const dot_aliases[] = {"gv", NULL};
static const char *const dot_extensions[] = {".dot", ".gv", NULL};

static const ng_format_ops format_table[] = {
    {NG_FORMAT_JSON, "json", json_aliases, json_extensions, ng_json_write, ng_json_read},
    {NG_FORMAT_GRAPHML, "graphml", no_names, graphml_extensions, ng_graphml_write, NULL},
    {NG_FORMAT_DOT, "dot", dot_aliases, dot_extensions, ng_dot_write, NULL},
};

#define FORMAT_COUNT (sizeof format_table / sizeof format_table[0])

const ng_format_ops *ng_format_ops_of(ng_format format)
{
    for (size_t i = 0; i < FORMAT_COUNT; i++)
        if (format_table[i].format == format)
            return &format_table[i];
    return NULL;
}

/* Case-insensitive in ASCII only: strcasecmp follows the locale, and a
 * Turkish one would not match "JSON" with "json". */
static int ascii_equal_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char ca = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char cb = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (ca != cb)
            return 0;
    }
    return *a == *b;
}

static int in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (ascii_equal_nocase(*list, s))
            return 1;
    return 0;
}

ng_format ng_format_from_name(const char *name)
{
    for (size_t i = 0; name && i < FORMAT_COUNT; i++)
        if (ascii_equal_nocase(format_table[i].name, name) ||
            in_list(format_table[i].aliases, name))
            return format_table[i].format;
    return NG_FORMAT_UNKNOWN;
}

ng_format ng_format_from_path(const char *path)
{
    const char *base = path ? strrchr(path, '/') : NULL;
    base = base ? base + 1 : path;
    const char *ext = base ? strrchr(base, '.') : NULL;
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
    const ng_format_ops *ops = ng_format_ops_of(format);
    if (!ops)
        return ng_fail(err, NG_ERR_FORMAT, NULL, "unknown output format");
    if (!graph || !out)
        return ng_fail(err, NG_ERR_INVALID, NULL, "nothing to write, or nowhere to write it");
    int rc = ops->write(graph, out, err);
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

ng_graph *ng_io_read(ng_format format, FILE *in, const char *source, ng_error *err)
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
    return ops->read(in, source, err);
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

ng_graph *ng_io_load(const char *path, ng_format format, ng_error *err)
{
    if (!path) {
        ng_fail(err, NG_ERR_INVALID, NULL, "no file name");
        return NULL;
    }
    if (resolve_format(&format, path, err) != 0 ||
        check_readable(ng_format_ops_of(format), path, err) != 0)
        return NULL;
    if (is_stdio(path))
        return ng_io_read(format, stdin, path, err);

    FILE *in = fopen(path, "rb");
    if (!in) {
        ng_fail(err, errno == ENOENT ? NG_ERR_NOT_FOUND : NG_ERR_IO, path, "cannot open: %s",
                strerror(errno));
        return NULL;
    }
    ng_graph *graph = ng_io_read(format, in, path, err);
    if (fclose(in) != 0 && graph) {
        ng_fail(err, NG_ERR_IO, path, "cannot close: %s", strerror(errno));
        ng_graph_free(graph);
        return NULL;
    }
    return graph;
}

/* --- saving ------------------------------------------------------------- */

/* Names the destination in an error that was filled without a source. */
static int with_source(ng_error *err, const char *path, int rc)
{
    if (rc != 0 && err && !err->source[0])
        snprintf(err->source, sizeof err->source, "%s", path);
    return rc;
}

/* The permissions of the file `path` replaces, which the new one keeps as
 * rewriting it in place would; -1 when there is no such file. */
static long existing_mode(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) ? (long)(st.st_mode & 07777) : -1;
}

/* Creates a temporary file "<dir>/.<base>.<pid>-<n>" beside `path`, for
 * writing, and stores its name in `name`. Creating it with mode 0666 lets
 * the umask apply exactly as it would to the file itself; O_EXCL and the
 * counter keep concurrent saves (and leftovers of a crash) apart. */
static int create_temp(const char *path, ng_buf *name, FILE **out, ng_error *err)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!*base)
        return ng_fail(err, NG_ERR_INVALID, path, "cannot save: the name is a directory");
    for (unsigned n = 0; n < 100; n++) {
        ng_buf_clear(name);
        if (ng_buf_append(name, path, (size_t)(base - path)) != 0 ||
            ng_buf_printf(name, ".%s.%ld-%u", base, (long)getpid(), n) != 0)
            return ng_fail_nomem(err);
        int fd = open(name->data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno == EEXIST)
            continue;
        if (fd < 0)
            break;
        *out = fdopen(fd, "wb");
        if (*out)
            return 0;
        int saved = errno;
        close(fd);
        unlink(name->data);
        errno = saved;
        break;
    }
    return ng_fail(err, NG_ERR_IO, path, "cannot create a temporary file beside it: %s",
                   strerror(errno));
}

/* Writes the graph to the temporary file, gives it the permissions of the
 * file it replaces, and makes it durable. Closes `out` in every case. */
static int write_temp(const ng_graph *graph, ng_format format, FILE *out, long mode,
                      const char *path, ng_error *err)
{
    int rc = ng_io_write(graph, format, out, err);
    if (rc != 0) {
        fclose(out); /* the stream has failed already; its first error is the one to report */
        return with_source(err, path, rc);
    }
    const char *failed = NULL;
    if (mode >= 0 && fchmod(fileno(out), (mode_t)mode) != 0)
        failed = "cannot set permissions";
    else if (fsync(fileno(out)) != 0)
        failed = "cannot write";
    int saved = errno;
    if (fclose(out) != 0 && !failed) {
        failed = "cannot write";
        saved = errno;
    }
    return failed ? ng_fail(err, NG_ERR_IO, path, "%s: %s", failed, strerror(saved)) : 0;
}

/* Writes beside `path` and renames into place; on failure removes the
 * temporary file, so the destination is either the old file or the new. */
static int save_atomically(const ng_graph *graph, ng_format format, const char *path,
                           ng_error *err)
{
    ng_buf tmp = {0};
    FILE *out = NULL;
    long mode = existing_mode(path);
    int rc = create_temp(path, &tmp, &out, err);
    if (rc == 0)
        rc = write_temp(graph, format, out, mode, path, err);
    if (rc == 0 && rename(tmp.data, path) != 0)
        rc = ng_fail(err, NG_ERR_IO, path, "cannot replace: %s", strerror(errno));
    if (rc != 0 && out)
        unlink(tmp.data); /* the temporary file exists once it was opened */
    ng_buf_free(&tmp);
    return rc;
}

int ng_io_save(const ng_graph *graph, ng_format format, const char *path, ng_error *err)
{
    if (!graph || !path)
        return ng_fail(err, NG_ERR_INVALID, path, "nothing to save, or no file name");
    if (resolve_format(&format, path, err) != 0)
        return NG_ERR_FORMAT;
    ng_error_clear(err);
    if (is_stdio(path))
        return with_source(err, path, ng_io_write(graph, format, stdout, err));
    return save_atomically(graph, format, path, err);
}
