/* newsgraph: drawing a graph as a diagram (SVG, PNG or PDF).
 *
 * The graph is laid out and drawn in-process by Graphviz's gvc library;
 * no program is run. The diagram is meant to be read without the text:
 *
 *   - a heading with the graph's label (the corpus), its documents and
 *     their date range, and a legend of what it shows;
 *   - node shape and colour by entity type, line colour by relation,
 *     line style by modality (asserted solid, planned dashed, alleged
 *     dotted, denied dashed and ending in a bar), line width by weight,
 *     `meets` without arrowheads (the same styles as the DOT export);
 *   - in SVG, every edge's tooltip is its strongest evidence sentence
 *     and every node's names the entity's type, mentions and aliases.
 *
 * Entities without edges are left out unless asked for: they only crowd
 * the picture. For large graphs pick what to draw first with
 * ng_query_subgraph (query.h).
 *
 *     ng_render_options opts;
 *     ng_render_options_init(&opts);
 *     if (ng_render_save(graph, &opts, NG_RENDER_UNKNOWN, "graph.svg", &err) != 0)
 *         report(&err);
 *
 * Graphviz keeps global state, and its error messages are captured for
 * the duration of a call (they reach ng_error, never standard error): do
 * not render from two threads at once, nor use Graphviz elsewhere in the
 * process during a call. The first call loads Graphviz's plugins into a
 * context that then lasts as long as the process, as Graphviz 2.43's text
 * layout cannot outlive the context it measured in.
 */
#ifndef NEWSGRAPH_RENDER_H
#define NEWSGRAPH_RENDER_H

#include <stdio.h>

#include <newsgraph/error.h>
#include <newsgraph/graph.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ng_render_format {
    NG_RENDER_UNKNOWN,
    NG_RENDER_SVG, /* Graphviz's own SVG writer, which keeps the tooltips */
    NG_RENDER_PNG, /* through cairo and pango, at 96 dpi */
    NG_RENDER_PDF  /* through cairo */
} ng_render_format;

typedef enum ng_render_layout {
    NG_RENDER_LAYOUT_AUTO,  /* dot up to NG_RENDER_DOT_MAX_ENTITIES drawn, else sfdp */
    NG_RENDER_LAYOUT_DOT,   /* layered; directed edges point right */
    NG_RENDER_LAYOUT_SFDP,  /* force-directed, multiscale: large graphs */
    NG_RENDER_LAYOUT_NEATO, /* force-directed (stress majorisation) */
    NG_RENDER_LAYOUT_FDP,   /* force-directed (spring model) */
    NG_RENDER_LAYOUT_CIRCO, /* circular */
    NG_RENDER_LAYOUT_TWOPI  /* radial */
} ng_render_layout;

/* Above this many entities drawn, NG_RENDER_LAYOUT_AUTO picks sfdp:
 * dot's layered drawing of more becomes too wide to read and slow. */
#define NG_RENDER_DOT_MAX_ENTITIES 150

typedef struct ng_render_options {
    ng_render_layout layout;
    /* The heading's first line; NULL: the graph's label, or "newsgraph"
     * when it has none. */
    const char *title;
    /* A line under the heading, such as what a selection left out; NULL
     * or "": none. */
    const char *note;
    int show_isolated; /* nonzero: draw entities without edges too */
    int no_legend;     /* nonzero: no heading and no legend */
} ng_render_options;

/* The defaults: automatic layout, the graph's label as title, no note,
 * entities without edges left out, with a legend. */
void ng_render_options_init(ng_render_options *options);

/* "svg", "png", "pdf" (ASCII case ignored); NG_RENDER_UNKNOWN otherwise. */
ng_render_format ng_render_format_from_name(const char *name);
/* By the extension of `path`: .svg, .png or .pdf. */
ng_render_format ng_render_format_from_path(const char *path);
/* Static lower-case name, or NULL for NG_RENDER_UNKNOWN. */
const char *ng_render_format_name(ng_render_format format);

/* "auto", "dot", "sfdp", "neato", "fdp", "circo", "twopi" (ASCII case
 * ignored): 0 and *out set, or NG_ERR_INVALID. */
int ng_render_layout_parse(const char *name, ng_render_layout *out);
/* Static lower-case name, or NULL when out of range. */
const char *ng_render_layout_name(ng_render_layout layout);

/* Draws the graph to `out` (owned by the caller, neither closed nor
 * rewound). `options` may be NULL for the defaults; its strings are only
 * read during the call. Fails with NG_ERR_INVALID for bad arguments,
 * NG_ERR_FORMAT when Graphviz lacks the layout engine or the renderer
 * (its plugins are not installed) or reports any other error (err gives
 * Graphviz's message), NG_ERR_IO when the output cannot be written,
 * NG_ERR_NOMEM. On failure some output may already have been written;
 * use ng_render_save for all-or-nothing files. */
int ng_render(const ng_graph *graph, const ng_render_options *options, ng_render_format format,
              FILE *out, ng_error *err);

/* Draws the graph to `path` ("-" is standard output), written beside it
 * under a temporary name and renamed into place when complete, as
 * ng_io_save does; a `path` that is a device or a pipe is written in
 * place. NG_RENDER_UNKNOWN picks the format from the extension
 * (NG_ERR_FORMAT if it names none). Errors name `path`. */
int ng_render_save(const ng_graph *graph, const ng_render_options *options,
                   ng_render_format format, const char *path, ng_error *err);

#ifdef __cplusplus
}
#endif

#endif
