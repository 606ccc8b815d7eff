/* The graph as Graphviz should draw it: a cgraph graph carrying the
 * presentation of a diagram (styles shared with the DOT export, wrapped
 * labels, tooltips with the evidence, the heading and legend) and the
 * settings of the layout engine chosen. Built by the renderer, which lays
 * it out and draws it (render.c). */
#ifndef NG_IO_DIAGRAM_H
#define NG_IO_DIAGRAM_H

#include <graphviz/cgraph.h>

#include <newsgraph/render.h>

#include "io/legend.h"

typedef struct ng_diagram {
    Agraph_t *graph;         /* owned; released by ng_diagram_free */
    ng_render_layout layout; /* the engine to lay it out with, never AUTO */
    ng_legend_counts counts; /* what it draws */
} ng_diagram;

/* Builds the diagram of `graph` as `options` say (not NULL). Returns 0,
 * or NG_ERR_NOMEM (or NG_ERR_INVALID for an out-of-range layout) with
 * nothing left to free. */
int ng_diagram_build(ng_diagram *diagram, const ng_graph *graph,
                     const ng_render_options *options, ng_error *err);

/* Releases the cgraph graph; 0, or NG_ERR_NOMEM with err filled if
 * cgraph reports a failure. Safe on a diagram whose build failed. */
int ng_diagram_free(ng_diagram *diagram, ng_error *err);

#endif
