/* How the graph looks in Graphviz, shared by the DOT exporter and the
 * renderer so that a diagram and a DOT file of the same graph agree:
 *
 *   entity type    shape, fill and outline colour
 *   relation       line colour; `meets` is drawn without arrowheads
 *   modality       asserted solid, planned dashed, alleged dotted, denied
 *                  dashed with a bar ("tee") for an arrowhead, and a
 *                  label suffix for every modality but asserted
 *   weight         pen width, one point per evidence record up to
 *                  NG_STYLE_MAX_PENWIDTH
 *
 * and how text is written so that Graphviz shows it as it is. The colours
 * are ColorBrewer's Pastel1/Set1 (entities) and Dark2 (relations), which
 * stay distinct for readers with the common colour-vision deficiencies
 * and in greyscale print.
 */
#ifndef NG_IO_STYLE_H
#define NG_IO_STYLE_H

#include <stddef.h>

#include <newsgraph/graph.h>

#include "util/buf.h"

#define NG_STYLE_MAX_PENWIDTH 5

typedef struct ng_entity_style {
    const char *shape;
    const char *fillcolor;
    const char *color; /* outline */
} ng_entity_style;

typedef struct ng_relation_style {
    const char *color;
    const char *dir; /* "none" for the symmetric `meets`, else "forward" */
} ng_relation_style;

typedef struct ng_modality_style {
    const char *style;        /* the line: "solid", "dashed", "dotted" */
    const char *arrowhead;
    const char *label_suffix; /* " (planned)"; "" for asserted */
} ng_modality_style;

/* The style of each value; static data. The argument must be in range. */
const ng_entity_style *ng_style_entity(ng_entity_type type);
const ng_relation_style *ng_style_relation(ng_relation relation);
const ng_modality_style *ng_style_modality(ng_modality modality);

/* The pen width for an edge of this weight: the weight, capped. */
size_t ng_style_penwidth(size_t weight);

/* Replaces the contents of `out` with the escString that Graphviz renders
 * as `s` (labels and tooltips expand \N, \n and the like and decode
 * entity references such as "&amp;"): backslashes doubled, and the '&' of
 * anything that looks like an entity reference written "&amp;". `s`
 * should be sanitised first. Returns 0 or NG_ERR_NOMEM. */
int ng_style_escape(ng_buf *out, const char *s);

#endif
