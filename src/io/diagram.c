/* Building the cgraph graph of a diagram (see diagram.h).
 *
 * Presentation follows the DOT export (style.h), with what a picture adds:
 * node labels wrapped to short lines, names of hubs drawn larger, edge
 * labels naming the relation, modality and weight while there are few
 * enough edges to read them, tooltips with the evidence, a `class` on
 * every node and edge (its type, or its relation and modality) for
 * styling the SVG, and the heading and legend as the graph's label.
 */
#include "io/diagram.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/sanitize.h"
#include "io/style.h"
#include "util/buf.h"
#include "util/fail.h"

#define LINE_CHARS 18       /* node labels wrap at spaces after about this many characters */
#define EDGE_LABEL_LIMIT 80 /* with more edges than this, edge labels only clutter */
#define BASE_FONTSIZE 12
#define MAX_FONTSIZE 24

typedef struct setting {
    const char *name;
    const char *value;
} setting;

/* For every layout. The size caps the drawing at 60 inches (5760 pixels
 * at 96 dpi), scaling larger ones down, so a PNG of a big graph stays a
 * picture one can open. */
static const setting common_settings[] = {
    {"fontname", "Helvetica"},    {"bgcolor", "white"},   {"pad", "0.3"},
    {"labelloc", "t"},            {"labeljust", "l"},     {"size", "60,60"},
    {"outputorder", "edgesfirst"}, /* nodes are drawn over the lines */
    {NULL, NULL},
};

/* Left to right, so that a diagram fits a screen. */
static const setting dot_settings[] = {
    {"rankdir", "LR"}, {"nodesep", "0.25"}, {"ranksep", "0.7"}, {NULL, NULL},
};

/* sfdp is for large graphs: straight lines, as routing splines around
 * thousands of nodes costs more than the layout. */
static const setting sfdp_settings[] = {
    {"overlap", "prism"}, {"splines", "false"}, {NULL, NULL},
};

static const setting spring_settings[] = {
    {"overlap", "prism"}, {"splines", "true"}, {"sep", "+8"}, {NULL, NULL},
};

static const setting *const layout_settings[] = {
    [NG_RENDER_LAYOUT_DOT] = dot_settings,      [NG_RENDER_LAYOUT_SFDP] = sfdp_settings,
    [NG_RENDER_LAYOUT_NEATO] = spring_settings, [NG_RENDER_LAYOUT_FDP] = spring_settings,
    [NG_RENDER_LAYOUT_CIRCO] = spring_settings, [NG_RENDER_LAYOUT_TWOPI] = spring_settings,
};

#define LAYOUT_TABLE_SIZE (sizeof layout_settings / sizeof layout_settings[0])

typedef enum attr_index {
    G_LABEL,
    N_LABEL,
    N_TOOLTIP,
    N_CLASS,
    N_SHAPE,
    N_STYLE,
    N_FILLCOLOR,
    N_COLOR,
    N_FONTNAME,
    N_FONTSIZE,
    E_LABEL,
    E_TOOLTIP,
    E_LABELTOOLTIP,
    E_CLASS,
    E_COLOR,
    E_FONTCOLOR,
    E_STYLE,
    E_PENWIDTH,
    E_DIR,
    E_ARROWHEAD,
    E_ARROWTAIL,
    E_FONTNAME,
    E_FONTSIZE,
    ATTR_COUNT
} attr_index;

typedef struct diagram_attr {
    int kind;
    const char *name;
    const char *preset;
} diagram_attr;

static const diagram_attr diagram_attrs[ATTR_COUNT] = {
    [G_LABEL] = {AGRAPH, "label", ""},
    [N_LABEL] = {AGNODE, "label", "\\N"},
    [N_TOOLTIP] = {AGNODE, "tooltip", ""},
    [N_CLASS] = {AGNODE, "class", ""},
    [N_SHAPE] = {AGNODE, "shape", "ellipse"},
    [N_STYLE] = {AGNODE, "style", "filled"},
    [N_FILLCOLOR] = {AGNODE, "fillcolor", "white"},
    [N_COLOR] = {AGNODE, "color", "black"},
    [N_FONTNAME] = {AGNODE, "fontname", "Helvetica"},
    [N_FONTSIZE] = {AGNODE, "fontsize", "12"},
    [E_LABEL] = {AGEDGE, "label", ""},
    [E_TOOLTIP] = {AGEDGE, "tooltip", ""},
    [E_LABELTOOLTIP] = {AGEDGE, "labeltooltip", ""},
    [E_CLASS] = {AGEDGE, "class", ""},
    [E_COLOR] = {AGEDGE, "color", "black"},
    [E_FONTCOLOR] = {AGEDGE, "fontcolor", "black"},
    [E_STYLE] = {AGEDGE, "style", "solid"},
    [E_PENWIDTH] = {AGEDGE, "penwidth", "1"},
    [E_DIR] = {AGEDGE, "dir", "forward"},
    [E_ARROWHEAD] = {AGEDGE, "arrowhead", "normal"},
    [E_ARROWTAIL] = {AGEDGE, "arrowtail", "normal"},
    [E_FONTNAME] = {AGEDGE, "fontname", "Helvetica"},
    [E_FONTSIZE] = {AGEDGE, "fontsize", "10"},
};

typedef struct builder {
    ng_diagram *d;
    const ng_graph *graph;
    const ng_render_options *options;
    size_t *degree;   /* edges at each entity, by entity index */
    Agnode_t **nodes; /* by entity index; NULL for an entity not drawn */
    Agsym_t *sym[ATTR_COUNT];
    int edge_labels;
    ng_buf text;    /* a value being composed */
    ng_buf clean;   /* ... sanitised */
    ng_buf escaped; /* ... as an escString */
    ng_evidence_reader *reader;
    ng_error *err;
} builder;

/* cgraph 2.43 predates const: it takes char * for names and values that
 * it only reads (and copies). */
static char *cg(const char *s)
{
    return (char *)s;
}

/* --- what to draw -------------------------------------------------------- */

static int is_drawn(const builder *b, size_t entity)
{
    return b->degree[entity] > 0 || b->options->show_isolated;
}

static void count_drawn(builder *b)
{
    ng_legend_counts *c = &b->d->counts;
    for (size_t i = 0; i < ng_graph_edge_count(b->graph); i++) {
        const ng_edge *edge = ng_graph_edge_at(b->graph, i);
        b->degree[ng_entity_index(ng_edge_source(edge))]++;
        b->degree[ng_entity_index(ng_edge_target(edge))]++;
        c->relations[ng_edge_relation(edge)]++;
        c->modalities[ng_edge_modality(edge)]++;
        c->edges++;
    }
    for (size_t i = 0; i < ng_graph_entity_count(b->graph); i++) {
        if (!is_drawn(b, i)) {
            c->hidden++;
            continue;
        }
        c->types[ng_entity_typeof(ng_graph_entity_at(b->graph, i))]++;
        c->entities++;
    }
}

static int choose_layout(builder *b)
{
    ng_render_layout layout = b->options->layout;
    if (layout == NG_RENDER_LAYOUT_AUTO)
        layout = b->d->counts.entities <= NG_RENDER_DOT_MAX_ENTITIES ? NG_RENDER_LAYOUT_DOT
                                                                     : NG_RENDER_LAYOUT_SFDP;
    if ((size_t)layout >= LAYOUT_TABLE_SIZE || !layout_settings[layout])
        return ng_fail(b->err, NG_ERR_INVALID, NULL, "unknown layout %d", (int)layout);
    b->d->layout = layout;
    b->edge_labels = b->d->counts.edges <= EDGE_LABEL_LIMIT;
    return 0;
}

/* --- values ------------------------------------------------------------- */

static int set(builder *b, void *object, attr_index attr, const char *value)
{
    if (agxset(object, b->sym[attr], cg(value)) != 0)
        return ng_fail_nomem(b->err);
    return 0;
}

/* Sets s, sanitised and escaped to render as itself. */
static int set_text(builder *b, void *object, attr_index attr, const char *s)
{
    const char *clean = ng_sanitize_str(&b->clean, s);
    if (!clean || ng_style_escape(&b->escaped, clean) != 0)
        return ng_fail_nomem(b->err);
    return set(b, object, attr, ng_buf_cstr(&b->escaped));
}

/* The number of characters (not bytes) in s[0..n). */
static size_t utf8_length(const char *s, size_t n)
{
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    return chars;
}

/* Copies the escString s into `out` with its spaces turned into line
 * breaks ("\n", a centred line) where a line would pass LINE_CHARS.
 * Runs of spaces collapse; a single word longer than a line stays whole. */
static int wrap(ng_buf *out, const char *s)
{
    size_t column = 0;
    ng_buf_clear(out);
    while (*s) {
        size_t n = strcspn(s, " ");
        size_t chars = utf8_length(s, n);
        int rc = 0;
        if (n > 0 && column > 0 && column + 1 + chars > LINE_CHARS)
            rc = ng_buf_append_str(out, "\\n"), column = 0;
        else if (n > 0 && column > 0)
            rc = ng_buf_putc(out, ' '), column++;
        if (rc != 0 || ng_buf_append(out, s, n) != 0)
            return NG_ERR_NOMEM;
        column += chars;
        s += n + (s[n] == ' ');
    }
    return 0;
}

/* --- nodes -------------------------------------------------------------- */

/* Hubs get larger names, so the most connected entities are found first:
 * the base size, and 2 points more per doubling of the degree. */
static int fontsize_for(size_t degree)
{
    int size = BASE_FONTSIZE;
    for (size_t d = degree; d > 1 && size < MAX_FONTSIZE; d /= 2)
        size += 2;
    return size;
}

/* "Kim Jong Un: person, 42 mentions in 3 documents; also Kim Jong-un, Mr Kim" */
static int describe_entity(ng_buf *out, const ng_entity *entity)
{
    size_t docs = ng_entity_doc_count(entity);
    ng_buf_clear(out);
    if (ng_buf_printf(out, "%s: %s, %ld mentions in %zu document%s", ng_entity_label(entity),
                      ng_entity_type_name(ng_entity_typeof(entity)), ng_entity_mentions(entity),
                      docs, docs == 1 ? "" : "s") != 0)
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < ng_entity_alias_count(entity); i++)
        if (ng_buf_printf(out, "%s%s", i == 0 ? "; also " : ", ",
                          ng_entity_alias_at(entity, i)) != 0)
            return NG_ERR_NOMEM;
    return 0;
}

/* The node is named by entity id, as in the DOT export, so that the
 * SVG's titles match the other exports. Sanitising may merge two ids
 * made of invalid bytes; the second then gets a name from its index. */
static Agnode_t *make_node(builder *b, const ng_entity *entity)
{
    const char *name = ng_sanitize_str(&b->clean, ng_entity_id(entity));
    char fallback[32];
    if (name && agnode(b->d->graph, cg(name), 0)) {
        snprintf(fallback, sizeof fallback, "entity %zu", ng_entity_index(entity));
        name = fallback;
    }
    Agnode_t *node = name ? agnode(b->d->graph, cg(name), 1) : NULL;
    if (!node)
        ng_fail_nomem(b->err);
    return node;
}

static int label_node(builder *b, Agnode_t *node, const ng_entity *entity)
{
    const char *clean = ng_sanitize_str(&b->clean, ng_entity_label(entity));
    if (!clean || ng_style_escape(&b->escaped, clean) != 0 ||
        wrap(&b->text, ng_buf_cstr(&b->escaped)) != 0)
        return ng_fail_nomem(b->err);
    int rc = set(b, node, N_LABEL, ng_buf_cstr(&b->text));
    if (rc == 0 && describe_entity(&b->text, entity) != 0)
        rc = ng_fail_nomem(b->err);
    return rc == 0 ? set_text(b, node, N_TOOLTIP, ng_buf_cstr(&b->text)) : rc;
}

static int add_node(builder *b, const ng_entity *entity)
{
    Agnode_t *node = make_node(b, entity);
    if (!node)
        return NG_ERR_NOMEM;
    b->nodes[ng_entity_index(entity)] = node;
    ng_entity_type type = ng_entity_typeof(entity);
    const ng_entity_style *style = ng_style_entity(type);
    char fontsize[16];
    snprintf(fontsize, sizeof fontsize, "%d", fontsize_for(b->degree[ng_entity_index(entity)]));
    if (set(b, node, N_CLASS, ng_entity_type_name(type)) ||
        set(b, node, N_SHAPE, style->shape) || set(b, node, N_FILLCOLOR, style->fillcolor) ||
        set(b, node, N_COLOR, style->color) || set(b, node, N_FONTSIZE, fontsize))
        return NG_ERR_NOMEM;
    return label_node(b, node, entity);
}

/* --- edges -------------------------------------------------------------- */

/* The arrows. A `meets` edge has no arrowheads, so a denied meeting
 * carries the bar that marks denial at both ends. */
static int set_ends(builder *b, Agedge_t *e, ng_relation relation, ng_modality modality)
{
    const ng_relation_style *rs = ng_style_relation(relation);
    const ng_modality_style *ms = ng_style_modality(modality);
    int symmetric = strcmp(rs->dir, "none") == 0;
    int rc;
    if (symmetric && modality == NG_MODALITY_DENIED)
        rc = set(b, e, E_DIR, "both") || set(b, e, E_ARROWTAIL, ms->arrowhead);
    else
        rc = set(b, e, E_DIR, rs->dir);
    return rc || set(b, e, E_ARROWHEAD, ms->arrowhead) ? NG_ERR_NOMEM : 0;
}

/* "visits (planned) ×3" */
static int label_edge(builder *b, Agedge_t *e, const ng_edge *edge)
{
    char label[96];
    size_t weight = ng_edge_weight(edge);
    int n = snprintf(label, sizeof label, "%s%s", ng_relation_name(ng_edge_relation(edge)),
                     ng_style_modality(ng_edge_modality(edge))->label_suffix);
    if (weight > 1)
        snprintf(label + n, sizeof label - (size_t)n, " \xC3\x97%zu", weight);
    return set(b, e, E_LABEL, label);
}

/* The strongest evidence, quoted, with its document and date; the
 * relation in words when the edge has no evidence. Into b->text. */
static int describe_edge(builder *b, const ng_edge *edge)
{
    size_t strongest = ng_edge_strongest_index(edge);
    const ng_evidence *ev = NULL;
    if (strongest != SIZE_MAX && !(ev = ng_edge_evidence_read(edge, strongest, b->reader, b->err)))
        return NG_ERR_IO;
    ng_buf_clear(&b->text);
    int rc = ev ? ng_buf_printf(&b->text, "\"%s\" (%s%s%s)", ev->text ? ev->text : "", ev->doc,
                                ev->date ? ", " : "", ev->date ? ev->date : "")
                : ng_buf_printf(&b->text, "%s %s %s", ng_entity_label(ng_edge_source(edge)),
                                ng_relation_name(ng_edge_relation(edge)),
                                ng_entity_label(ng_edge_target(edge)));
    return rc == 0 ? 0 : ng_fail_nomem(b->err);
}

static int style_edge(builder *b, Agedge_t *e, const ng_edge *edge)
{
    ng_relation relation = ng_edge_relation(edge);
    ng_modality modality = ng_edge_modality(edge);
    const char *color = ng_style_relation(relation)->color;
    char penwidth[24], class[64];
    snprintf(penwidth, sizeof penwidth, "%zu", ng_style_penwidth(ng_edge_weight(edge)));
    snprintf(class, sizeof class, "%s %s", ng_relation_name(relation),
             ng_modality_name(modality));
    if (set(b, e, E_CLASS, class) || set(b, e, E_COLOR, color) ||
        set(b, e, E_FONTCOLOR, color) ||
        set(b, e, E_STYLE, ng_style_modality(modality)->style) ||
        set(b, e, E_PENWIDTH, penwidth))
        return NG_ERR_NOMEM;
    return set_ends(b, e, relation, modality);
}

static int add_edge(builder *b, const ng_edge *edge)
{
    Agnode_t *tail = b->nodes[ng_entity_index(ng_edge_source(edge))];
    Agnode_t *head = b->nodes[ng_entity_index(ng_edge_target(edge))];
    char key[32];
    snprintf(key, sizeof key, "e%zu", ng_edge_index(edge));
    Agedge_t *e = agedge(b->d->graph, tail, head, key, 1);
    if (!e)
        return ng_fail_nomem(b->err);
    int rc = style_edge(b, e, edge);
    if (rc == 0 && b->edge_labels)
        rc = label_edge(b, e, edge);
    if (rc == 0)
        rc = describe_edge(b, edge);
    if (rc == 0)
        rc = set_text(b, e, E_TOOLTIP, ng_buf_cstr(&b->text));
    return rc == 0 ? set_text(b, e, E_LABELTOOLTIP, ng_buf_cstr(&b->text)) : rc;
}

/* --- the graph ---------------------------------------------------------- */

static int apply_settings(builder *b, const setting *settings)
{
    for (const setting *s = settings; s->name; s++)
        if (!agattr(b->d->graph, AGRAPH, cg(s->name), cg(s->value)))
            return ng_fail_nomem(b->err);
    return 0;
}

static int declare_attrs(builder *b)
{
    for (size_t i = 0; i < ATTR_COUNT; i++) {
        const diagram_attr *a = &diagram_attrs[i];
        b->sym[i] = agattr(b->d->graph, a->kind, cg(a->name), cg(a->preset));
        if (!b->sym[i])
            return ng_fail_nomem(b->err);
    }
    return 0;
}

/* The heading and legend. An HTML-like label must be a string cgraph
 * marks as HTML: made with agstrdup_html, whose reference agxset takes. */
static int add_heading(builder *b)
{
    const char *title = b->options->title ? b->options->title : ng_graph_label(b->graph);
    if (!*title)
        title = "newsgraph";
    if (ng_legend_html(&b->text, b->graph, title, b->options->note, &b->d->counts) != 0)
        return ng_fail_nomem(b->err);
    char *html = agstrdup_html(b->d->graph, b->text.data);
    if (!html)
        return ng_fail_nomem(b->err);
    int rc = set(b, b->d->graph, G_LABEL, html);
    if (agstrfree(b->d->graph, html) != 0 && rc == 0)
        rc = ng_fail(b->err, NG_ERR_NOMEM, NULL, "cgraph could not release a string");
    return rc;
}

static int build(builder *b)
{
    int rc = apply_settings(b, common_settings);
    if (rc == 0)
        rc = apply_settings(b, layout_settings[b->d->layout]);
    if (rc == 0)
        rc = declare_attrs(b);
    if (rc == 0 && !b->options->no_legend)
        rc = add_heading(b);
    for (size_t i = 0; rc == 0 && i < ng_graph_entity_count(b->graph); i++)
        if (is_drawn(b, i))
            rc = add_node(b, ng_graph_entity_at(b->graph, i));
    for (size_t i = 0; rc == 0 && i < ng_graph_edge_count(b->graph); i++)
        rc = add_edge(b, ng_graph_edge_at(b->graph, i));
    return rc;
}

static int build_graph(builder *b)
{
    size_t count = ng_graph_entity_count(b->graph);
    b->degree = calloc(count ? count : 1, sizeof *b->degree);
    b->nodes = calloc(count ? count : 1, sizeof *b->nodes);
    if (!b->degree || !b->nodes)
        return ng_fail_nomem(b->err);
    count_drawn(b);
    int rc = choose_layout(b);
    if (rc != 0)
        return rc;
    b->d->graph = agopen(cg("newsgraph"), Agdirected, NULL);
    if (!b->d->graph)
        return ng_fail_nomem(b->err);
    return build(b);
}

int ng_diagram_build(ng_diagram *diagram, const ng_graph *graph,
                     const ng_render_options *options, ng_error *err)
{
    memset(diagram, 0, sizeof *diagram);
    builder b = {.d = diagram, .graph = graph, .options = options, .err = err};
    b.reader = ng_evidence_reader_new(err);
    int rc = b.reader ? build_graph(&b) : NG_ERR_NOMEM;
    if (rc != 0)
        ng_diagram_free(diagram, NULL);
    ng_evidence_reader_free(b.reader);
    free(b.degree);
    free(b.nodes);
    ng_buf_free(&b.text);
    ng_buf_free(&b.clean);
    ng_buf_free(&b.escaped);
    return rc;
}

int ng_diagram_free(ng_diagram *diagram, ng_error *err)
{
    int rc = 0;
    if (diagram->graph && agclose(diagram->graph) != 0)
        rc = ng_fail(err, NG_ERR_NOMEM, NULL, "cgraph could not release its graph");
    diagram->graph = NULL;
    return rc;
}
