/* The renderer: a diagram (diagram.c) laid out and drawn in-process by
 * Graphviz's gvc library, whose plugins (layout engines, the SVG writer,
 * cairo) are found through the configuration libgvc was installed with.
 *
 * The drawing is made in memory (gvRenderData) and then written out,
 * because gvc 2.43 ends the process when a write to a FILE falls short,
 * as it does on a full disk; a library must report that instead.
 */
#include <newsgraph/render.h>

#include <errno.h>
#include <string.h>

#include <graphviz/gvc.h>

#include "io/atomic.h"
#include "io/diagram.h"
#include "io/sanitize.h"
#include "util/buf.h"
#include "util/fail.h"
#include "util/names.h"

typedef struct format_entry {
    ng_render_format format;
    const char *name;
    const char *extension;
    const char *device; /* format:renderer:plugin package, for gvRenderData */
} format_entry;

/* The devices are named in full: SVG from Graphviz's own writer, which
 * keeps tooltips and classes (cairo's drops them), PNG and PDF from cairo,
 * whose pango text layout finds a font for every script through
 * fontconfig (gd's PNG does not). */
static const format_entry format_table[] = {
    {NG_RENDER_SVG, "svg", ".svg", "svg:svg:core"},
    {NG_RENDER_PNG, "png", ".png", "png:cairo:cairo"},
    {NG_RENDER_PDF, "pdf", ".pdf", "pdf:cairo:cairo"},
};

#define FORMAT_COUNT (sizeof format_table / sizeof format_table[0])

/* The names users give, which are also the names of gvc's layout engines. */
static const char *const layout_names[] = {
    [NG_RENDER_LAYOUT_AUTO] = "auto",   [NG_RENDER_LAYOUT_DOT] = "dot",
    [NG_RENDER_LAYOUT_SFDP] = "sfdp",   [NG_RENDER_LAYOUT_NEATO] = "neato",
    [NG_RENDER_LAYOUT_FDP] = "fdp",     [NG_RENDER_LAYOUT_CIRCO] = "circo",
    [NG_RENDER_LAYOUT_TWOPI] = "twopi",
};

#define LAYOUT_COUNT (sizeof layout_names / sizeof layout_names[0])

void ng_render_options_init(ng_render_options *options)
{
    memset(options, 0, sizeof *options);
    options->layout = NG_RENDER_LAYOUT_AUTO;
}

static const format_entry *entry_of(ng_render_format format)
{
    for (size_t i = 0; i < FORMAT_COUNT; i++)
        if (format_table[i].format == format)
            return &format_table[i];
    return NULL;
}

ng_render_format ng_render_format_from_name(const char *name)
{
    for (size_t i = 0; name && i < FORMAT_COUNT; i++)
        if (ng_ascii_equal_nocase(format_table[i].name, name))
            return format_table[i].format;
    return NG_RENDER_UNKNOWN;
}

ng_render_format ng_render_format_from_path(const char *path)
{
    const char *ext = ng_path_extension(path);
    for (size_t i = 0; ext && i < FORMAT_COUNT; i++)
        if (ng_ascii_equal_nocase(format_table[i].extension, ext))
            return format_table[i].format;
    return NG_RENDER_UNKNOWN;
}

const char *ng_render_format_name(ng_render_format format)
{
    const format_entry *entry = entry_of(format);
    return entry ? entry->name : NULL;
}

int ng_render_layout_parse(const char *name, ng_render_layout *out)
{
    for (size_t i = 0; name && i < LAYOUT_COUNT; i++)
        if (ng_ascii_equal_nocase(layout_names[i], name)) {
            *out = (ng_render_layout)i;
            return 0;
        }
    return NG_ERR_INVALID;
}

const char *ng_render_layout_name(ng_render_layout layout)
{
    return (size_t)layout < LAYOUT_COUNT ? layout_names[layout] : NULL;
}

/* --- Graphviz's messages ------------------------------------------------
 * Graphviz reports problems through agerr, which prints them unless a
 * callback is installed. The callback is process-wide and takes no user
 * data, so the errors of one call are gathered in this static record
 * between capture_begin and capture_end (which is why a call must not
 * overlap another use of Graphviz). Warnings are dropped: the library
 * does not print, and they do not stop the drawing. */

static struct {
    ng_buf text;  /* the error messages of the call so far */
    int in_error; /* whether the message being reported is an error */
} captured;

/* agerr passes "Error" or "Warning", then ": ", then the message, and
 * continuation lines alone. */
static int capture_message(char *text)
{
    if (strcmp(text, "Error") == 0 || strcmp(text, "Warning") == 0)
        captured.in_error = text[0] == 'E';
    else if (captured.in_error && strcmp(text, ": ") != 0)
        (void)ng_buf_append_str(&captured.text, text); /* if out of memory, a shorter message */
    return 0;
}

/* Also resets Graphviz's error level, which draw checks. */
static agusererrf capture_begin(void)
{
    ng_buf_clear(&captured.text);
    captured.in_error = 0;
    (void)agreseterrors(); /* the level it returns is that of earlier calls */
    return agseterrf(capture_message);
}

static void capture_end(agusererrf previous)
{
    (void)agseterrf(previous); /* returns capture_message */
    ng_buf_free(&captured.text);
}

/* Fails with `what`, followed by Graphviz's own words when it gave any. */
static int fail_graphviz(ng_error *err, ng_status status, const char *what)
{
    ng_buf clean = {0};
    const char *said = ng_sanitize_str(&clean, ng_buf_cstr(&captured.text));
    size_t len = said ? strlen(said) : 0;
    while (len > 0 && said[len - 1] == ' ')
        len--;
    if (len > 0)
        ng_fail(err, status, NULL, "%s: Graphviz says: %.*s", what, (int)len, said);
    else
        ng_fail(err, status, NULL, "%s", what);
    ng_buf_free(&clean);
    return status;
}

/* --- drawing ------------------------------------------------------------- */

static int write_all(const char *data, size_t len, FILE *out, ng_error *err)
{
    if (fwrite(data, 1, len, out) != len || fflush(out) != 0)
        return ng_fail(err, NG_ERR_IO, NULL, "cannot write: %s", strerror(errno));
    if (ferror(out))
        return ng_fail(err, NG_ERR_IO, NULL, "cannot write: the output stream reports an error");
    return 0;
}

/* Draws the laid-out graph and writes it to `out`. */
static int render_laid_out(GVC_t *gvc, Agraph_t *graph, const format_entry *format, FILE *out,
                           ng_error *err)
{
    char *data = NULL;
    unsigned int len = 0;
    char what[64];
    if (gvRenderData(gvc, graph, format->device, &data, &len) != 0 || !data) {
        snprintf(what, sizeof what, "cannot draw %s", format->name);
        int rc = fail_graphviz(err, NG_ERR_FORMAT, what);
        gvFreeRenderData(data);
        return rc;
    }
    int rc = write_all(data, len, out, err);
    gvFreeRenderData(data);
    return rc;
}

/* Lays the graph out, draws it, and frees the layout, which gvFreeLayout
 * also does safely for a layout that failed half-way. */
static int lay_out_and_render(GVC_t *gvc, const ng_diagram *diagram,
                              const format_entry *format, FILE *out, ng_error *err)
{
    const char *engine = layout_names[diagram->layout];
    char what[64];
    int rc;
    if (gvLayout(gvc, diagram->graph, engine) == 0) {
        rc = render_laid_out(gvc, diagram->graph, format, out, err);
    } else {
        snprintf(what, sizeof what, "cannot lay the graph out with %s", engine);
        rc = fail_graphviz(err, NG_ERR_FORMAT, what);
    }
    if (gvFreeLayout(gvc, diagram->graph) != 0 && rc == 0)
        rc = fail_graphviz(err, NG_ERR_NOMEM, "cannot free the layout");
    return rc;
}

/* The gvc context, made on first use and kept for the life of the
 * process, deliberately: the pango text layout of gvc 2.43 remembers the
 * name of the last font it measured by a pointer into the context's font
 * table, so once a context is freed the next measurement, in any other
 * context, reads freed memory. A context that is never freed keeps that
 * pointer valid, and spares each call loading the plugins again. It stays
 * reachable from here, so leak checkers do not count it. */
static GVC_t *context(void)
{
    static GVC_t *gvc;
    if (!gvc)
        gvc = gvContext();
    return gvc;
}

/* Graphviz's error level (agerrors) also counts the errors that did not
 * stop it, such as an HTML label it could not parse: they are failures
 * too, as the diagram is not what was asked for. */
static int draw(const ng_diagram *diagram, const format_entry *format, FILE *out,
                ng_error *err)
{
    agusererrf previous = capture_begin();
    GVC_t *gvc = context();
    int rc = gvc ? lay_out_and_render(gvc, diagram, format, out, err) : ng_fail_nomem(err);
    if (rc == 0 && agerrors() != 0)
        rc = fail_graphviz(err, NG_ERR_FORMAT, "cannot draw the diagram as asked");
    capture_end(previous);
    return rc;
}

int ng_render(const ng_graph *graph, const ng_render_options *options, ng_render_format format,
              FILE *out, ng_error *err)
{
    const format_entry *entry = entry_of(format);
    if (!entry)
        return ng_fail(err, NG_ERR_FORMAT, NULL, "unknown diagram format");
    if (!graph || !out)
        return ng_fail(err, NG_ERR_INVALID, NULL, "nothing to draw, or nowhere to draw it");
    ng_render_options defaults;
    if (!options) {
        ng_render_options_init(&defaults);
        options = &defaults;
    }
    ng_diagram diagram;
    int rc = ng_diagram_build(&diagram, graph, options, err);
    if (rc != 0)
        return rc;
    rc = draw(&diagram, entry, out, err);
    int freed = ng_diagram_free(&diagram, rc == 0 ? err : NULL);
    return rc != 0 ? rc : freed;
}

typedef struct render_job {
    const ng_graph *graph;
    const ng_render_options *options;
    ng_render_format format;
} render_job;

static int write_job(FILE *out, void *ctx, ng_error *err)
{
    const render_job *job = ctx;
    return ng_render(job->graph, job->options, job->format, out, err);
}

int ng_render_save(const ng_graph *graph, const ng_render_options *options,
                   ng_render_format format, const char *path, ng_error *err)
{
    if (!graph || !path)
        return ng_fail(err, NG_ERR_INVALID, path, "nothing to draw, or no file name");
    if (format == NG_RENDER_UNKNOWN)
        format = ng_render_format_from_path(path);
    if (format == NG_RENDER_UNKNOWN)
        return ng_fail(err, NG_ERR_FORMAT, path,
                       "cannot tell the diagram format from the file name; use .svg, .png or .pdf");
    ng_error_clear(err);
    render_job job = {graph, options, format};
    return ng_atomic_save(path, write_job, &job, err);
}
