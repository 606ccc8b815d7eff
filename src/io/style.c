/* The look of entities and edges in Graphviz, as tables indexed by the
 * model's enums (see style.h). */
#include "io/style.h"

#include <newsgraph/error.h>

static const ng_entity_style entity_styles[NG_ENTITY_TYPE_COUNT] = {
    [NG_ENTITY_PERSON] = {"ellipse", "#fbb4ae", "#e41a1c"},
    [NG_ENTITY_COUNTRY] = {"box", "#b3cde3", "#377eb8"},
    [NG_ENTITY_ORGANIZATION] = {"hexagon", "#ccebc5", "#4daf4a"},
    [NG_ENTITY_PLACE] = {"house", "#decbe4", "#984ea3"},
};

static const ng_relation_style relation_styles[NG_RELATION_COUNT] = {
    [NG_RELATION_MEETS] = {"#1b9e77", "none"},
    [NG_RELATION_VISITS] = {"#7570b3", "forward"},
    [NG_RELATION_SUPPLIES] = {"#d95f02", "forward"},
    [NG_RELATION_SANCTIONS] = {"#e7298a", "forward"},
};

/* The label suffix names every modality but asserted, since a `meets`
 * edge has no arrowhead to tell denied from planned. */
static const ng_modality_style modality_styles[NG_MODALITY_COUNT] = {
    [NG_MODALITY_DENIED] = {"dashed", "tee", " (denied)"},
    [NG_MODALITY_ALLEGED] = {"dotted", "normal", " (alleged)"},
    [NG_MODALITY_PLANNED] = {"dashed", "normal", " (planned)"},
    [NG_MODALITY_ASSERTED] = {"solid", "normal", ""},
};

const ng_entity_style *ng_style_entity(ng_entity_type type)
{
    return &entity_styles[type];
}

const ng_relation_style *ng_style_relation(ng_relation relation)
{
    return &relation_styles[relation];
}

const ng_modality_style *ng_style_modality(ng_modality modality)
{
    return &modality_styles[modality];
}

size_t ng_style_penwidth(size_t weight)
{
    return weight < NG_STYLE_MAX_PENWIDTH ? weight : NG_STYLE_MAX_PENWIDTH;
}

static int is_ascii_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether s, which points at '&', starts something Graphviz would decode
 * as an entity reference: "&name;", "&#digits;" or "&#xhex;". */
static int starts_entity(const char *s)
{
    const char *p = s + 1;
    if (*p == '#')
        p++;
    const char *name = p;
    while (is_ascii_alnum(*p))
        p++;
    return p > name && *p == ';';
}

int ng_style_escape(ng_buf *out, const char *s)
{
    ng_buf_clear(out);
    for (; *s; s++) {
        const char *piece = *s == '\\'                      ? "\\\\"
                            : *s == '&' && starts_entity(s) ? "&amp;"
                                                            : NULL;
        int rc = piece ? ng_buf_append_str(out, piece) : ng_buf_putc(out, *s);
        if (rc != 0)
            return NG_ERR_NOMEM;
    }
    return 0;
}
