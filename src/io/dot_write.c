/* The DOT exporter, through Graphviz's cgraph.
 *
 * The graph is rebuilt as a cgraph multigraph (directed, not strict: two
 * entities may be joined by several relations) and written by agwrite,
 * which does the quoting. Nodes are named by entity id and edges keyed
 * "e<index>". Plain attributes carry the data for gvpr and other readers
 * (type, relation, modality, weight, and the raw text in title and
 * evidence); the rest is presentation, shared with the renderer (see
 * style.h: shape and colour by entity type, colour by relation, line
 * style by modality, pen width by weight).
 *
 * Labels and tooltips are escStrings: Graphviz expands \N, \G, \n, \l and
 * the like in them and decodes entity references such as "&amp;", so the
 * text is escaped to render as itself (see ng_style_escape).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>

#include "io/format.h"
#include "io/sanitize.h"
#include "io/style.h"
#include "util/buf.h"
#include "util/fail.h"

typedef enum attr_index {
    G_LABEL,
    G_TITLE,
    G_LABELLOC,
    G_FONTNAME,
    G_LINELENGTH,
    N_LABEL,
    N_TITLE,
    N_TYPE,
    N_SHAPE,
    N_STYLE,
    N_FILLCOLOR,
    N_COLOR,
    N_FONTNAME,
    E_LABEL,
    E_RELATION,
    E_MODALITY,
    E_WEIGHT,
    E_STYLE,
    E_COLOR,
    E_FONTCOLOR,
    E_PENWIDTH,
    E_DIR,
    E_ARROWHEAD,
    E_TOOLTIP,
    E_EVIDENCE,
    E_FONTNAME,
    E_FONTSIZE,
    ATTR_COUNT
} attr_index;

/* An attribute and its default. agwrite states a non-empty default once,
 * in a node [...] or edge [...] line; an empty one is written on every
 * element that has a value, which is what the data attributes want. */
typedef struct dot_attr {
    int kind;
    const char *name;
    const char *preset;
} dot_attr;

static const dot_attr dot_attrs[ATTR_COUNT] = {
    [G_LABEL] = {AGRAPH, "label", ""},
    [G_TITLE] = {AGRAPH, "title", ""},
    [G_LABELLOC] = {AGRAPH, "labelloc", "t"},
    [G_FONTNAME] = {AGRAPH, "fontname", "Helvetica"},
    /* No line continuations: one attribute per line, whole. */
    [G_LINELENGTH] = {AGRAPH, "linelength", "0"},
    [N_LABEL] = {AGNODE, "label", "\\N"},
    [N_TITLE] = {AGNODE, "title", ""},
    [N_TYPE] = {AGNODE, "type", ""},
    [N_SHAPE] = {AGNODE, "shape", ""},
    [N_STYLE] = {AGNODE, "style", "filled"},
    [N_FILLCOLOR] = {AGNODE, "fillcolor", ""},
    [N_COLOR] = {AGNODE, "color", ""},
    [N_FONTNAME] = {AGNODE, "fontname", "Helvetica"},
    [E_LABEL] = {AGEDGE, "label", ""},
    [E_RELATION] = {AGEDGE, "relation", ""},
    [E_MODALITY] = {AGEDGE, "modality", ""},
    [E_WEIGHT] = {AGEDGE, "weight", ""},
    [E_STYLE] = {AGEDGE, "style", ""},
    [E_COLOR] = {AGEDGE, "color", ""},
    [E_FONTCOLOR] = {AGEDGE, "fontcolor", ""},
    [E_PENWIDTH] = {AGEDGE, "penwidth", ""},
    [E_DIR] = {AGEDGE, "dir", ""},
    [E_ARROWHEAD] = {AGEDGE, "arrowhead", ""},
    [E_TOOLTIP] = {AGEDGE, "tooltip", ""},
    [E_EVIDENCE] = {AGEDGE, "evidence", ""},
    [E_FONTNAME] = {AGEDGE, "fontname", "Helvetica"},
    [E_FONTSIZE] = {AGEDGE, "fontsize", "10"},
};

typedef struct dot_writer {
    Agraph_t *graph;
    Agsym_t *sym[ATTR_COUNT];
    Agnode_t **nodes; /* by entity index */
    ng_buf text;      /* the sanitised text of a value */
    ng_buf escaped;   /* the same as an escString */
    ng_evidence_reader *reader;
    ng_error *err;
} dot_writer;

/* cgraph 2.43 predates const: it takes char * for names and values that
 * it only reads (and copies). */
static char *cg(const char *s)
{
    return (char *)s;
}

/* --- values ------------------------------------------------------------- */

/* cgraph 2.43 quotes a string by escaping its double quotes only, so a
 * value that ends in a backslash comes out as "...\", which escapes its
 * own closing quote and breaks the file. A space after the backslash
 * keeps it a backslash; no other way of writing it exists in DOT. */
static int guard_backslash(ng_buf *value)
{
    if (value->len > 0 && value->data[value->len - 1] == '\\')
        return ng_buf_putc(value, ' ');
    return 0;
}

/* Sanitises s into w->text, ready for cgraph. */
static int prepare(dot_writer *w, const char *s)
{
    if (!ng_sanitize_str(&w->text, s) || guard_backslash(&w->text) != 0)
        return ng_fail_nomem(w->err);
    return 0;
}

static int set(dot_writer *w, void *object, attr_index attr, const char *value)
{
    if (agxset(object, w->sym[attr], cg(value)) != 0)
        return ng_fail_nomem(w->err);
    return 0;
}

/* Sets s in two attributes: as it is in `raw`, as an escString in
 * `label`. The escString is made from the guarded text, so it cannot end
 * in a backslash either. */
static int set_text(dot_writer *w, void *object, attr_index raw, attr_index label,
                    const char *s)
{
    int rc = prepare(w, s);
    if (rc == 0 && ng_style_escape(&w->escaped, ng_buf_cstr(&w->text)) != 0)
        rc = ng_fail_nomem(w->err);
    if (rc == 0)
        rc = set(w, object, raw, ng_buf_cstr(&w->text));
    return rc == 0 ? set(w, object, label, ng_buf_cstr(&w->escaped)) : rc;
}

/* --- the graph ---------------------------------------------------------- */

static int declare_attrs(dot_writer *w)
{
    for (size_t i = 0; i < ATTR_COUNT; i++) {
        const dot_attr *a = &dot_attrs[i];
        w->sym[i] = agattr(w->graph, a->kind, cg(a->name), cg(a->preset));
        if (!w->sym[i])
            return ng_fail_nomem(w->err);
    }
    return 0;
}

/* Entity ids are unique, but sanitising may merge two ids made of
 * invalid bytes; a merged name would merge the nodes, so that fails. */
static int add_node(dot_writer *w, const ng_entity *entity)
{
    int rc = prepare(w, ng_entity_id(entity));
    if (rc != 0)
        return rc;
    const char *name = ng_buf_cstr(&w->text);
    if (agnode(w->graph, cg(name), 0))
        return ng_fail(w->err, NG_ERR_INVALID, NULL,
                       "two entity ids give the same DOT node name \"%s\"", name);
    Agnode_t *node = agnode(w->graph, cg(name), 1);
    if (!node)
        return ng_fail_nomem(w->err);
    w->nodes[ng_entity_index(entity)] = node;

    ng_entity_type type = ng_entity_typeof(entity);
    const ng_entity_style *style = ng_style_entity(type);
    rc = set(w, node, N_TYPE, ng_entity_type_name(type));
    if (rc == 0)
        rc = set(w, node, N_SHAPE, style->shape);
    if (rc == 0)
        rc = set(w, node, N_FILLCOLOR, style->fillcolor);
    if (rc == 0)
        rc = set(w, node, N_COLOR, style->color);
    return rc == 0 ? set_text(w, node, N_TITLE, N_LABEL, ng_entity_label(entity)) : rc;
}

static int style_edge(dot_writer *w, Agedge_t *e, const ng_edge *edge)
{
    ng_relation relation = ng_edge_relation(edge);
    ng_modality modality = ng_edge_modality(edge);
    const ng_relation_style *rs = ng_style_relation(relation);
    const ng_modality_style *ms = ng_style_modality(modality);
    size_t weight = ng_edge_weight(edge);
    char label[64], weight_text[24], penwidth[24];
    snprintf(label, sizeof label, "%s%s", ng_relation_name(relation), ms->label_suffix);
    snprintf(weight_text, sizeof weight_text, "%zu", weight);
    snprintf(penwidth, sizeof penwidth, "%zu", ng_style_penwidth(weight));

    int rc = set(w, e, E_LABEL, label);
    if (rc == 0)
        rc = set(w, e, E_RELATION, ng_relation_name(relation));
    if (rc == 0)
        rc = set(w, e, E_MODALITY, ng_modality_name(modality));
    if (rc == 0)
        rc = set(w, e, E_WEIGHT, weight_text);
    if (rc == 0)
        rc = set(w, e, E_STYLE, ms->style);
    if (rc == 0)
        rc = set(w, e, E_COLOR, rs->color);
    if (rc == 0)
        rc = set(w, e, E_FONTCOLOR, rs->color);
    if (rc == 0)
        rc = set(w, e, E_PENWIDTH, penwidth);
    if (rc == 0)
        rc = set(w, e, E_DIR, rs->dir);
    return rc == 0 ? set(w, e, E_ARROWHEAD, ms->arrowhead) : rc;
}

static int add_edge(dot_writer *w, const ng_edge *edge)
{
    Agnode_t *tail = w->nodes[ng_entity_index(ng_edge_source(edge))];
    Agnode_t *head = w->nodes[ng_entity_index(ng_edge_target(edge))];
    char key[24];
    snprintf(key, sizeof key, "e%zu", ng_edge_index(edge));
    Agedge_t *e = agedge(w->graph, tail, head, key, 1);
    if (!e)
        return ng_fail_nomem(w->err);
    int rc = style_edge(w, e, edge);
    size_t strongest = ng_edge_strongest_index(edge);
    if (rc != 0 || strongest == SIZE_MAX)
        return rc;
    const ng_evidence *best = ng_edge_evidence_read(edge, strongest, w->reader, w->err);
    return best ? set_text(w, e, E_EVIDENCE, E_TOOLTIP, best->text) : NG_ERR_IO;
}

static int build(dot_writer *w, const ng_graph *graph)
{
    int rc = declare_attrs(w);
    if (rc == 0)
        rc = set_text(w, w->graph, G_TITLE, G_LABEL, ng_graph_label(graph));
    for (size_t i = 0; rc == 0 && i < ng_graph_entity_count(graph); i++)
        rc = add_node(w, ng_graph_entity_at(graph, i));
    for (size_t i = 0; rc == 0 && i < ng_graph_edge_count(graph); i++)
        rc = add_edge(w, ng_graph_edge_at(graph, i));
    return rc;
}

static int write_graph(dot_writer *w, const ng_graph *graph, FILE *out)
{
    size_t count = ng_graph_entity_count(graph);
    w->nodes = calloc(count ? count : 1, sizeof *w->nodes);
    if (!w->nodes)
        return ng_fail_nomem(w->err);
    int rc = build(w, graph);
    /* agwrite passes on the result of fputs and fflush: EOF on failure. */
    if (rc == 0 && agwrite(w->graph, out) != 0)
        rc = ng_fail(w->err, NG_ERR_IO, NULL, "cannot write DOT: %s", strerror(errno));
    return rc;
}

int ng_dot_write(const ng_graph *graph, FILE *out, ng_error *err)
{
    dot_writer w = {.err = err};
    if (!(w.reader = ng_evidence_reader_new(err)))
        return NG_ERR_NOMEM;
    w.graph = agopen(cg("newsgraph"), Agdirected, NULL);
    if (!w.graph) {
        ng_evidence_reader_free(w.reader);
        return ng_fail_nomem(err);
    }
    int rc = write_graph(&w, graph, out);
    if (agclose(w.graph) != 0 && rc == 0)
        rc = ng_fail(err, NG_ERR_NOMEM, NULL, "cgraph could not release its graph");
    ng_evidence_reader_free(w.reader);
    free(w.nodes);
    ng_buf_free(&w.text);
    ng_buf_free(&w.escaped);
    return rc;
}
