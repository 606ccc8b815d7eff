/* The heading and legend of a diagram: one Graphviz HTML-like label with
 * the title, what the diagram covers (documents, date range, what was
 * left out) and a key to the shapes, colours and lines actually used. It
 * is the graph's label, which every layout engine places, so the legend
 * needs no room in the layout itself. */
#ifndef NG_IO_LEGEND_H
#define NG_IO_LEGEND_H

#include <stddef.h>

#include <newsgraph/graph.h>

#include "util/buf.h"

/* What a diagram draws. */
typedef struct ng_legend_counts {
    size_t entities; /* drawn */
    size_t edges;
    size_t hidden;   /* entities left out for having no edge */
    size_t types[NG_ENTITY_TYPE_COUNT];   /* drawn entities by type */
    size_t relations[NG_RELATION_COUNT];  /* edges by relation */
    size_t modalities[NG_MODALITY_COUNT]; /* edges by modality */
} ng_legend_counts;

/* Replaces the contents of `out` with the label's HTML (without the
 * enclosing < >): `title` and `note` (may be NULL) as given, the
 * documents and date range of `graph`, and the counts. Text is sanitised
 * and escaped. Returns 0 or NG_ERR_NOMEM. */
int ng_legend_html(ng_buf *out, const ng_graph *graph, const char *title, const char *note,
                   const ng_legend_counts *counts);

#endif
