/* Helpers shared by the GraphML and DOT loaders; see loader.h. */
#include <stdint.h>
#include <string.h>

#include "io/loader.h"
#include "io/sanitize.h"
#include "util/fail.h"

/* Input quoted in messages is cut to this many bytes. */
#define QUOTE_MAX 48

/* --- lists ---------------------------------------------------------------- */

/* A walk over the members of a joined list; `rest` is NULL at its end. */
typedef struct list_walk {
    const char *rest;
} list_walk;

static list_walk list_begin(const char *list)
{
    list_walk w = {list && *list ? list : NULL};
    return w;
}

/* Copies the next non-empty member into `member`: 1, or 0 at the end of
 * the list, or NG_ERR_NOMEM. */
static int list_next(list_walk *w, ng_buf *member)
{
    static const size_t sep_len = sizeof NG_LOADER_SEPARATOR - 1;
    while (w->rest) {
        const char *sep = strstr(w->rest, NG_LOADER_SEPARATOR);
        size_t len = sep ? (size_t)(sep - w->rest) : strlen(w->rest);
        const char *start = w->rest;
        w->rest = sep && sep[sep_len] ? sep + sep_len : NULL;
        if (len == 0)
            continue;
        ng_buf_clear(member);
        return ng_buf_append(member, start, len) == 0 ? 1 : NG_ERR_NOMEM;
    }
    return 0;
}

int ng_loader_each_member(const char *list, ng_buf *scratch,
                          int (*each)(const char *member, void *context), void *context)
{
    list_walk w = list_begin(list);
    int rc;
    while ((rc = list_next(&w, scratch)) == 1) {
        rc = each(ng_buf_cstr(scratch), context);
        if (rc != 0)
            return rc;
    }
    return rc;
}

/* --- edges ---------------------------------------------------------------- */

/* The evidence records a summary stands for, as far as it tells them. */
typedef struct rebuild {
    list_walk docs, items;
    ng_buf doc, item;
    ng_evidence ev;
} rebuild;

/* Fills b->ev with the next record: 1, or 0 when there are no more, or
 * NG_ERR_NOMEM. `first` says whether it is the first record. */
static int next_record(rebuild *b, const ng_edge_summary *s, const char *fallback_doc,
                       int first)
{
    int rc = list_next(&b->docs, &b->doc);
    if (rc < 0)
        return rc;
    if (rc == 0 && !(first && (s->text || s->trigger || b->items.rest)))
        return 0;
    ng_evidence ev = {rc ? ng_buf_cstr(&b->doc) : fallback_doc, 0, -1, -1, NULL, NULL,
                      s->modality, NULL, NULL, NULL};
    if (first) {
        ev.text = s->text;
        ev.trigger = s->trigger;
    }
    if (!b->docs.rest) {
        ev.item = b->items.rest; /* the last record takes the rest of the list */
        b->items.rest = NULL;
    } else {
        rc = list_next(&b->items, &b->item);
        if (rc < 0)
            return rc;
        ev.item = rc ? ng_buf_cstr(&b->item) : NULL;
    }
    b->ev = ev;
    return 1;
}

static int add_records(ng_graph *g, const ng_edge *edge, const ng_edge_summary *s,
                       const char *fallback_doc, ng_error *err)
{
    rebuild b = {list_begin(s->docs), list_begin(s->items), {0}, {0}, {0}};
    int rc, first = 1;
    while ((rc = next_record(&b, s, fallback_doc, first)) == 1) {
        first = 0;
        rc = ng_graph_add_evidence(g, edge, &b.ev, err);
        if (rc != 0)
            break;
    }
    ng_buf_free(&b.doc);
    ng_buf_free(&b.item);
    /* The graph fills err for its own failures; the lists do not. */
    return rc == NG_ERR_NOMEM ? ng_fail_nomem(err) : rc;
}

static size_t add_saturating(size_t a, size_t b)
{
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

const ng_edge *ng_loader_add_edge(ng_graph *g, const ng_entity *source, ng_relation relation,
                                  const ng_entity *target, const ng_edge_summary *s,
                                  const char *fallback_doc, ng_error *err)
{
    const ng_edge *old = ng_graph_find_edge(g, source, relation, target);
    size_t weight = s->weight;
    ng_modality modality = s->modality;
    if (old) {
        weight = add_saturating(ng_edge_weight(old), weight);
        if (ng_edge_modality(old) > modality)
            modality = ng_edge_modality(old);
    }
    const ng_edge *edge = ng_graph_add_edge(g, source, relation, target, err);
    if (!edge || add_records(g, edge, s, fallback_doc, err) != 0 ||
        ng_graph_set_edge_summary(g, edge, weight, modality, err) != 0)
        return NULL;
    return edge;
}

/* --- values --------------------------------------------------------------- */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int ng_loader_parse_count(const char *s, unsigned long long max, unsigned long long *out)
{
    while (is_space(*s))
        s++;
    if (!is_digit(*s))
        return -1;
    unsigned long long n = 0;
    for (; is_digit(*s); s++) {
        unsigned digit = (unsigned)(*s - '0');
        if (n > (max - digit) / 10)
            return -1;
        n = n * 10 + digit;
    }
    if (*s == '.')
        for (s++; *s == '0'; s++)
            continue;
    while (is_space(*s))
        s++;
    if (*s)
        return -1;
    *out = n;
    return 0;
}

const char *ng_loader_base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

const char *ng_loader_quote(ng_buf *q, const char *s)
{
    ng_buf_clear(q);
    if (ng_buf_putc(q, '"') != 0 || ng_sanitize(s, strlen(s), q) != 0)
        return "(a value)";
    int cut = q->len > QUOTE_MAX + 1;
    if (cut) {
        size_t len = QUOTE_MAX + 1;
        while (((unsigned char)q->data[len] & 0xC0) == 0x80)
            len--; /* back to the first byte of the character */
        q->len = len;
    }
    return ng_buf_append_str(q, cut ? "...\"" : "\"") == 0 ? q->data : "(a value)";
}
