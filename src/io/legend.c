/* The heading and legend of a diagram, as an HTML-like label (see
 * legend.h): the title, a summary line, an optional note, and the key, a
 * grid with a row each for entity types, relations and modalities and one
 * on reading the lines. Lines are drawn as the bottom border of an empty
 * cell, in the colour, style and width the edges use. Only the entity
 * types, relations and modalities the diagram shows are listed, each
 * with its count. */
#include "io/legend.h"

#include <string.h>

#include <newsgraph/error.h>

#include "io/sanitize.h"
#include "io/style.h"

#define TITLE_POINTS 26
#define SUMMARY_POINTS 14
#define KEY_POINTS 13
#define TEXT_GREY "#444444"
#define SAMPLE_GREY "#555555"

/* Appends s, sanitised and escaped for HTML-like labels. */
static int append_text(ng_buf *out, const char *s)
{
    ng_buf clean = {0};
    const char *t = ng_sanitize_str(&clean, s);
    int rc = t ? 0 : NG_ERR_NOMEM;
    for (; rc == 0 && *t; t++) {
        const char *piece = *t == '&'   ? "&amp;"
                            : *t == '<' ? "&lt;"
                            : *t == '>' ? "&gt;"
                            : *t == '"' ? "&quot;"
                                        : NULL;
        rc = piece ? ng_buf_append_str(out, piece) : ng_buf_putc(out, *t);
    }
    ng_buf_free(&clean);
    return rc;
}

static int append_count(ng_buf *out, size_t n, const char *one, const char *many)
{
    return ng_buf_printf(out, "%zu %s", n, n == 1 ? one : many);
}

/* "5 documents, 2023-09-12 to 2023-09-14 (2 undated)". */
static int append_documents(ng_buf *out, const ng_graph *graph)
{
    size_t count = ng_graph_document_count(graph), dated = 0;
    const char *first = NULL, *last = NULL;
    for (size_t i = 0; i < count; i++) {
        const char *date = ng_graph_document_at(graph, i)->date;
        if (!date || !*date)
            continue;
        dated++;
        if (!first || strcmp(date, first) < 0)
            first = date;
        if (!last || strcmp(date, last) > 0)
            last = date;
    }
    if (append_count(out, count, "document", "documents") != 0)
        return NG_ERR_NOMEM;
    if (count > 0 && dated == 0)
        return ng_buf_append_str(out, ", undated");
    if (dated == 0)
        return 0;
    if (ng_buf_append_str(out, ", ") || append_text(out, first) ||
        (strcmp(first, last) != 0 && (ng_buf_append_str(out, " to ") || append_text(out, last))))
        return NG_ERR_NOMEM;
    return dated < count ? ng_buf_printf(out, " (%zu undated)", count - dated) : 0;
}

/* "5 documents, 2023-09-12 · 40 entities and 43 relations shown · ..." */
static int append_summary(ng_buf *out, const ng_graph *graph, const ng_legend_counts *c)
{
    if (append_documents(out, graph) || ng_buf_append_str(out, " \xC2\xB7 ") ||
        append_count(out, c->entities, "entity", "entities") ||
        ng_buf_append_str(out, " and ") ||
        append_count(out, c->edges, "relation", "relations") || ng_buf_append_str(out, " shown"))
        return NG_ERR_NOMEM;
    if (c->hidden == 0)
        return 0;
    if (ng_buf_append_str(out, " \xC2\xB7 ") ||
        append_count(out, c->hidden, "entity", "entities") ||
        ng_buf_append_str(out, " without relations left out"))
        return NG_ERR_NOMEM;
    return 0;
}

/* --- the key -------------------------------------------------------------
 * One grid: a heading cell, then for each entry a sample and its text
 * (an entity type's swatch spans both). Nested tables would align
 * better row by row, but Graphviz stretches a nested table to its cell,
 * scattering the entries of short rows. */

#define KEY_ENTRIES 4 /* entries a row has room for */
_Static_assert(NG_ENTITY_TYPE_COUNT <= KEY_ENTRIES && NG_RELATION_COUNT <= KEY_ENTRIES &&
                   NG_MODALITY_COUNT <= KEY_ENTRIES,
               "every entity type, relation and modality fits in a row of the key");

static int open_row(ng_buf *out, const char *heading)
{
    return ng_buf_printf(out, "<TR><TD ALIGN=\"RIGHT\"><B>%s</B></TD>", heading);
}

/* Ends a row of `entries` entries, filling the rest of the grid. */
static int close_row(ng_buf *out, int entries)
{
    if (entries < KEY_ENTRIES &&
        ng_buf_printf(out, "<TD COLSPAN=\"%d\"></TD>", 2 * (KEY_ENTRIES - entries)) != 0)
        return NG_ERR_NOMEM;
    return ng_buf_append_str(out, "</TR>");
}

/* A line `width` points thick in `color` and `style`: the bottom border
 * of an empty cell, beside which the text is set low to line up. */
static int append_line(ng_buf *out, const char *color, const char *style, int width)
{
    return ng_buf_printf(out,
                         "<TD SIDES=\"B\" BORDER=\"%d\" COLOR=\"%s\" STYLE=\"%s\" "
                         "WIDTH=\"36\"></TD>",
                         width, color, style);
}

/* Entity types as swatches in their fill and outline colours, rounded
 * for the ellipses of people (a table cell has no other shapes). */
static int append_types(ng_buf *out, const ng_legend_counts *c)
{
    int entries = 0;
    if (open_row(out, "Entities") != 0)
        return NG_ERR_NOMEM;
    for (int t = 0; t < NG_ENTITY_TYPE_COUNT; t++) {
        const ng_entity_style *s = ng_style_entity((ng_entity_type)t);
        const char *corners = strcmp(s->shape, "ellipse") == 0 ? " STYLE=\"rounded\"" : "";
        if (c->types[t] == 0)
            continue;
        if (ng_buf_printf(out,
                          "<TD COLSPAN=\"2\" BGCOLOR=\"%s\" COLOR=\"%s\" BORDER=\"1\"%s>"
                          "%s (%zu)</TD>",
                          s->fillcolor, s->color, corners,
                          ng_entity_type_name((ng_entity_type)t), c->types[t]) != 0)
            return NG_ERR_NOMEM;
        entries++;
    }
    return close_row(out, entries);
}

static int append_relations(ng_buf *out, const ng_legend_counts *c)
{
    int entries = 0;
    if (open_row(out, "Relations") != 0)
        return NG_ERR_NOMEM;
    for (int r = 0; r < NG_RELATION_COUNT; r++) {
        const char *color = ng_style_relation((ng_relation)r)->color;
        if (c->relations[r] == 0)
            continue;
        if (append_line(out, color, "solid", 3) ||
            ng_buf_printf(out,
                          "<TD ALIGN=\"LEFT\" VALIGN=\"BOTTOM\"><FONT COLOR=\"%s\">%s (%zu)"
                          "</FONT></TD>",
                          color, ng_relation_name((ng_relation)r), c->relations[r]))
            return NG_ERR_NOMEM;
        entries++;
    }
    return close_row(out, entries);
}

/* Shown strongest first, the order a reader weighs them in. */
static int append_modalities(ng_buf *out, const ng_legend_counts *c)
{
    int entries = 0;
    if (open_row(out, "Certainty") != 0)
        return NG_ERR_NOMEM;
    for (int m = NG_MODALITY_COUNT - 1; m >= 0; m--) {
        const ng_modality_style *s = ng_style_modality((ng_modality)m);
        const char *extra =
            m == NG_MODALITY_DENIED ? ",<BR ALIGN=\"LEFT\"/>line ends in a bar" : "";
        if (c->modalities[m] == 0)
            continue;
        if (append_line(out, SAMPLE_GREY, s->style, 2) ||
            ng_buf_printf(out, "<TD ALIGN=\"LEFT\" VALIGN=\"BOTTOM\">%s (%zu)%s</TD>",
                          ng_modality_name((ng_modality)m), c->modalities[m], extra))
            return NG_ERR_NOMEM;
        entries++;
    }
    return close_row(out, entries);
}

static int append_reading(ng_buf *out)
{
    if (open_row(out, "Reading") ||
        ng_buf_printf(out,
                      "<TD COLSPAN=\"%d\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">"
                      "Arrows point from the actor to the place, recipient or target;"
                      " meetings have none.<BR/>"
                      "Line width: the number of evidence sentences, 1 to %d or more.</TD></TR>",
                      2 * KEY_ENTRIES, NG_STYLE_MAX_PENWIDTH))
        return NG_ERR_NOMEM;
    return 0;
}

static int append_key(ng_buf *out, const ng_legend_counts *c)
{
    if (c->edges == 0 && c->entities == 0)
        return 0;
    if (ng_buf_printf(out,
                      "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"%d\">"
                      "<TABLE BORDER=\"1\" COLOR=\"#cccccc\" BGCOLOR=\"#f7f7f7\" "
                      "CELLBORDER=\"0\" CELLSPACING=\"4\" CELLPADDING=\"3\">",
                      KEY_POINTS) ||
        append_types(out, c))
        return NG_ERR_NOMEM;
    if (c->edges > 0 &&
        (append_relations(out, c) || append_modalities(out, c) || append_reading(out)))
        return NG_ERR_NOMEM;
    return ng_buf_append_str(out, "</TABLE></FONT></TD></TR>");
}

int ng_legend_html(ng_buf *out, const ng_graph *graph, const char *title, const char *note,
                   const ng_legend_counts *counts)
{
    ng_buf_clear(out);
    if (ng_buf_printf(out,
                      "<TABLE BORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\">"
                      "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"%d\"><B>",
                      TITLE_POINTS) ||
        append_text(out, title) ||
        ng_buf_printf(out,
                      "</B></FONT></TD></TR><TR><TD ALIGN=\"LEFT\">"
                      "<FONT POINT-SIZE=\"%d\" COLOR=\"%s\">",
                      SUMMARY_POINTS, TEXT_GREY) ||
        append_summary(out, graph, counts) || ng_buf_append_str(out, "</FONT></TD></TR>"))
        return NG_ERR_NOMEM;
    if (note && *note &&
        (ng_buf_printf(out, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"%d\" COLOR=\"%s\">",
                       SUMMARY_POINTS, TEXT_GREY) ||
         append_text(out, note) || ng_buf_append_str(out, "</FONT></TD></TR>")))
        return NG_ERR_NOMEM;
    if (append_key(out, counts) || ng_buf_append_str(out, "</TABLE>"))
        return NG_ERR_NOMEM;
    return 0;
}
