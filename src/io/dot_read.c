/* The DOT loader, through Graphviz's cgraph (agread).
 *
 * The attributes dot_write.c writes come back, and plain DOT from other
 * tools loads too:
 *
 *   node    id: its DOT name. Label: "title" (ours, the raw text), else
 *           "label" unless empty or "\N", else the name. Type: "type" if
 *           it names an entity type, else organisation, as for GraphML
 *   edge    relation: "relation", else "label", else `meets`, the one
 *           symmetric relation, which claims the least; a name that is
 *           not one of the four relations is an error. "modality",
 *           "weight" (a whole number) and "evidence" (the sentence) as
 *           dot_write.c writes them; without them an edge stands for one
 *           asserted report. DOT names no documents, so the sentence's
 *           record is filed under the DOT file's own name (see loader.h)
 *   graph   label: "title", else "label"
 *
 * Order: edges keyed "e<index>" (ours) are added in key order, others
 * after them in file order; entities are added in the order that makes
 * agwrite list them as the file does (see node_order), so that a graph
 * written by dot_write.c reads back to the same file.
 *
 * Input reaches cgraph's scanner through a filter (see input_filter)
 * that counts lines, refuses NUL bytes and invalid UTF-8, which cgraph
 * would take as they are, and refuses a name or quoted string longer
 * than MAX_TOKEN: the scanner is fed 8 KiB at a time and rescans a token
 * from its start on every refill: a 2 MB string takes 3 seconds, and
 * a 50 MB one would take most of an hour.
 * Longer text is fine in pieces, such as a quoted string with escapes.
 *
 * cgraph's parser keeps its state in globals and reports errors through
 * one process-wide callback, so reading DOT is not reentrant: two threads
 * must not read DOT (or otherwise use cgraph's parser) at once. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>

#include "io/format.h"
#include "io/loader.h"
#include "util/buf.h"
#include "util/fail.h"

/* The longest name, quoted string piece, comment line or HTML text run. */
#define MAX_TOKEN (256 * 1024)

/* The name of the record this loader attaches to cgraph's nodes. */
#define NODE_RECORD "newsgraph-load"

/* cgraph 2.43 predates const: it takes char * for names it only reads. */
static char *cg(const char *s)
{
    return (char *)(uintptr_t)s;
}

/* --- the input filter ------------------------------------------------------- */

/* Where the filter is in cgraph's lexical grammar, which tells where its
 * scanner's tokens end. */
typedef enum scan_state {
    IN_CODE,
    IN_QUOTED,
    IN_ESCAPE, /* after a backslash in a quoted string */
    IN_HTML,
    IN_LINE_COMMENT,
    IN_BLOCK_COMMENT
} scan_state;

typedef struct input_filter {
    scan_state state;
    long html_depth;
    unsigned char previous; /* the byte before, for comments' slashes and stars */
    size_t run;             /* the length of the scanner's current token */
    unsigned utf8_needed;   /* continuation bytes still to come */
    unsigned char utf8_low, utf8_high; /* the range of the next one */
    long line, column;      /* of the last byte looked at */
    ng_status status;       /* NG_OK, or why the input stopped */
    int read_errno;
    char message[96];
} input_filter;

static int is_name_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.' || c == '-' || c >= 0x80;
}

static void filter_stop(input_filter *f, ng_status status, const char *message)
{
    f->status = status;
    snprintf(f->message, sizeof f->message, "%s", message);
}

/* Checks one byte of UTF-8 (RFC 3629: no overlong forms, no surrogates,
 * nothing past U+10FFFF). Returns 0 or -1. */
static int utf8_byte(input_filter *f, unsigned char c)
{
    if (f->utf8_needed > 0) {
        if (c < f->utf8_low || c > f->utf8_high)
            return -1;
        f->utf8_needed--;
        f->utf8_low = 0x80;
        f->utf8_high = 0xBF;
        return 0;
    }
    if (c < 0x80)
        return 0;
    f->utf8_low = 0x80;
    f->utf8_high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        f->utf8_needed = 1;
    else if (c >= 0xE0 && c <= 0xEF)
        f->utf8_needed = 2;
    else if (c >= 0xF0 && c <= 0xF4)
        f->utf8_needed = 3;
    else
        return -1;
    if (c == 0xE0)
        f->utf8_low = 0xA0;
    else if (c == 0xED)
        f->utf8_high = 0x9F;
    else if (c == 0xF0)
        f->utf8_low = 0x90;
    else if (c == 0xF4)
        f->utf8_high = 0x8F;
    return 0;
}

/* Follows the scanner from code: which byte starts a string or a comment,
 * and which continue a name. */
static void scan_code(input_filter *f, unsigned char c)
{
    if (f->previous == '/' && (c == '/' || c == '*')) {
        f->state = c == '/' ? IN_LINE_COMMENT : IN_BLOCK_COMMENT;
        c = 0; /* so that the star of the opening cannot close the comment */
    } else if (c == '#') {
        f->state = IN_LINE_COMMENT;
    } else if (c == '"') {
        f->state = IN_QUOTED;
    } else if (c == '<') {
        f->state = IN_HTML;
        f->html_depth = 1;
    }
    f->run = f->state == IN_CODE && is_name_byte(c) ? f->run + 1 : 0;
    f->previous = c;
}

/* Follows the scanner through one byte; a token ends where its run is
 * set back to 0. */
static void scan_byte(input_filter *f, unsigned char c)
{
    switch (f->state) {
    case IN_CODE:
        scan_code(f, c);
        return;
    case IN_QUOTED:
        f->state = c == '\\' ? IN_ESCAPE : c == '"' ? IN_CODE : IN_QUOTED;
        f->run = f->state == IN_QUOTED ? f->run + 1 : 0;
        return;
    case IN_ESCAPE:
        f->state = IN_QUOTED;
        return;
    case IN_HTML:
        f->html_depth += c == '<' ? 1 : c == '>' ? -1 : 0;
        f->state = f->html_depth > 0 ? IN_HTML : IN_CODE;
        f->run = c == '<' || c == '>' || c == '\n' ? 0 : f->run + 1;
        return;
    case IN_LINE_COMMENT:
        f->state = c == '\n' ? IN_CODE : IN_LINE_COMMENT;
        f->run = c == '\n' ? 0 : f->run + 1;
        f->previous = 0;
        return;
    case IN_BLOCK_COMMENT:
        f->state = f->previous == '*' && c == '/' ? IN_CODE : IN_BLOCK_COMMENT;
        f->run = c == '*' || c == '\n' ? 0 : f->run + 1;
        f->previous = f->state == IN_CODE ? 0 : c;
        return;
    }
}

/* Checks and follows one byte; returns 0, or -1 having stopped at it. */
static int filter_byte(input_filter *f, unsigned char c)
{
    f->column++;
    if (c == '\0') {
        filter_stop(f, NG_ERR_PARSE, "a NUL byte: DOT files are text");
        return -1;
    }
    if (utf8_byte(f, c) != 0) {
        filter_stop(f, NG_ERR_PARSE, "invalid UTF-8");
        return -1;
    }
    scan_byte(f, c);
    if (f->run > MAX_TOKEN) {
        char text[sizeof f->message];
        snprintf(text, sizeof text, "a name, string or comment longer than %d bytes",
                 MAX_TOKEN);
        filter_stop(f, NG_ERR_LIMIT, text);
        return -1;
    }
    if (c == '\n') {
        f->line++;
        f->column = 0;
    }
    return 0;
}

/* --- reading ---------------------------------------------------------------- */

typedef struct dot_reader {
    Agdisc_t disc;
    Agiddisc_t id_disc; /* AgIdDisc, noting the objects agread makes */
    Agiodisc_t io_disc; /* AgIoDisc, reading through the filter */
    FILE *in;
    input_filter filter;
    Agraph_t *root; /* the first graph of the file */
    void **made;    /* its nodes and edges in the order agread made them */
    size_t made_count, made_cap;
    int made_failed; /* out of memory noting them */
    ng_graph *graph;
    const char *source;
    ng_error *err;
    ng_buf quote[3]; /* for the values quoted in one message */
    ng_buf subject;  /* the edge a message is about */
} dot_reader;

/* cgraph's afread: the channel is the reader. A failed check ends the
 * input early; the reader reports the check's failure, not cgraph's. */
static int filter_read(void *channel, char *buffer, int size)
{
    dot_reader *r = channel;
    input_filter *f = &r->filter;
    if (f->status != NG_OK || size <= 0)
        return 0;
    size_t n = fread(buffer, 1, (size_t)size, r->in);
    if (n == 0 && ferror(r->in)) {
        f->read_errno = errno ? errno : EIO;
        filter_stop(f, NG_ERR_IO, "cannot read");
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        if (filter_byte(f, (unsigned char)buffer[i]) != 0)
            return (int)i;
    if (n == 0 && f->utf8_needed > 0) {
        filter_stop(f, NG_ERR_PARSE, "the file ends inside a UTF-8 sequence");
        return 0;
    }
    return (int)n;
}

/* cgraph calls the ID discipline's idregister on every object it makes,
 * in the order of the file, passing only that discipline's own state; the
 * reader is found from the discipline the root graph keeps (in its
 * Agclos_t, public in cgraph.h), which is the reader's id_disc. */
static dot_reader *reader_of(void *object)
{
    Agiddisc_t *id = agroot(object)->clos->disc.id;
    return (dot_reader *)(void *)((char *)id - offsetof(dot_reader, id_disc));
}

static void note_object(void *state, int type, void *object)
{
    AgIdDisc.idregister(state, type, object);
    dot_reader *r = reader_of(object);
    if (type == AGRAPH && !r->root)
        r->root = object;
    if ((type != AGNODE && type != AGEDGE) || agroot(object) != r->root || r->made_failed)
        return;
    void *made = r->made;
    if (ng_array_grow(&made, &r->made_cap, r->made_count + 1, sizeof *r->made) != 0) {
        r->made_failed = 1;
        return;
    }
    r->made = made;
    r->made[r->made_count++] = object;
}

/* --- cgraph's messages ------------------------------------------------------ */

/* What agerr said during a read. agerr calls one process-wide function
 * that takes no user data, so the record of the read in progress is
 * reached through `capturing`, set only while agread runs; cgraph's
 * parser keeps its own state in globals anyway (see the top). */
typedef struct agerr_capture {
    int in_error;  /* the message being reported is an error */
    int failed;    /* an error was reported */
    char text[NG_ERROR_TEXT_SIZE]; /* the first error */
    size_t len;
} agerr_capture;

static agerr_capture *capturing;

/* agerr passes "Error" or "Warning", then ": ", then the message, and
 * continuation lines alone. Warnings are dropped. */
static int capture_message(char *text)
{
    agerr_capture *c = capturing;
    if (!c)
        return 0;
    if (strcmp(text, "Error") == 0 || strcmp(text, "Warning") == 0) {
        c->in_error = text[0] == 'E';
        c->failed |= c->in_error;
        return 0;
    }
    if (!c->in_error || strcmp(text, ": ") == 0 || c->len > 0)
        return 0;
    snprintf(c->text, sizeof c->text, "%s", text);
    c->text[strcspn(c->text, "\n")] = '\0'; /* the first line says it */
    c->len = strlen(c->text);
    return 0;
}

/* The line cgraph names ("syntax error in line 3 near ..."), or 0. */
static long line_in(const char *message)
{
    const char *at = strstr(message, "in line ");
    long line = at ? strtol(at + strlen("in line "), NULL, 10) : 0;
    return line > 0 && line < LONG_MAX ? line : 0;
}

/* Reads the first graph, then the rest of the input: a second graph is an
 * error, and agread must consume the whole file, or the next read of any
 * file would begin with what its scanner has buffered of this one. */
static Agraph_t *read_graphs(dot_reader *r, Agraph_t **more)
{
    Agraph_t *graph = agread(r, &r->disc);
    *more = NULL;
    for (Agraph_t *next = agread(r, &r->disc); next; next = agread(r, &r->disc)) {
        if (*more)
            agclose(next);
        else
            *more = next;
    }
    return graph;
}

/* Runs agread with cgraph's messages captured; *graph and *more are
 * the first and second graphs of the file, if any. */
static void parse(dot_reader *r, agerr_capture *capture, Agraph_t **graph, Agraph_t **more)
{
    capturing = capture;
    agusererrf previous = agseterrf(capture_message);
    agerrlevel_t level = agseterr(AGWARN); /* every message to the callback */
    agreadline(1);
    *graph = read_graphs(r, more);
    agseterr(level);
    agseterrf(previous);
    capturing = NULL;
}

static int fail_at(dot_reader *r, ng_status status, long line, long column, const char *what)
{
    ng_fail(r->err, status, r->source, "%s", what);
    ng_fail_at(r->err, line, column, -1);
    return status;
}

/* Why the read failed, if it did. */
static int check_parse(dot_reader *r, const agerr_capture *capture, const Agraph_t *graph,
                       const Agraph_t *more)
{
    const input_filter *f = &r->filter;
    if (f->status == NG_ERR_IO)
        return ng_fail(r->err, NG_ERR_IO, r->source, "cannot read: %s", strerror(f->read_errno));
    if (f->status != NG_OK)
        return fail_at(r, f->status, f->line, f->column, f->message);
    if (r->made_failed)
        return ng_fail(r->err, NG_ERR_NOMEM, r->source, "out of memory");
    if (capture->failed) {
        ng_fail(r->err, NG_ERR_PARSE, r->source, "not valid DOT: %s",
                capture->len ? capture->text : "cgraph reports an error");
        ng_fail_at(r->err, line_in(capture->text), 0, -1);
        return NG_ERR_PARSE;
    }
    if (!graph)
        return fail_at(r, NG_ERR_PARSE, f->line, 0, "no graph in the file");
    if (more)
        return fail_at(r, NG_ERR_PARSE, 0, 0, "the file holds more than one graph");
    return 0;
}

/* --- the order of things ---------------------------------------------------- */

typedef struct node_record {
    Agrec_t header;
    const ng_entity *entity;
    size_t index;   /* in the order the file names the nodes */
    size_t waiting; /* nodes to place before it, not placed yet */
} node_record;

static node_record *record_of(Agnode_t *node)
{
    return (node_record *)aggetrec(node, cg(NODE_RECORD), 0);
}

/* Attaches a record to each node and lists the nodes in file order. */
static int bind_records(Agraph_t *g, Agnode_t **nodes)
{
    size_t i = 0;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n), i++) {
        node_record *rec = agbindrec(n, cg(NODE_RECORD), sizeof(node_record), 0);
        if (!rec)
            return NG_ERR_NOMEM;
        rec->index = i;
        nodes[i] = n;
    }
    return 0;
}

/* `before` must come before `after` in the order of the entities. */
typedef struct precedence {
    Agnode_t *before, *after;
} precedence;

/* The precedences the statements of the file imply; see node_order. */
typedef struct order_rules {
    precedence *list;
    size_t count, cap;
    Agnode_t *subject;   /* the node of the current block */
    Agnode_t *last_head; /* the head of the block's last edge */
    int failed;          /* out of memory */
} order_rules;

static void precede(order_rules *o, Agnode_t *before, Agnode_t *after)
{
    if (o->failed || before == after)
        return;
    void *list = o->list;
    if (ng_array_grow(&list, &o->cap, o->count + 1, sizeof *o->list) != 0) {
        o->failed = 1;
        return;
    }
    o->list = list;
    o->list[o->count].before = before;
    o->list[o->count++].after = after;
}

/* A block of `node` begins (unless it goes on): blocks keep their order. */
static void begin_block(order_rules *o, Agnode_t *node)
{
    if (node == o->subject)
        return;
    if (o->subject)
        precede(o, o->subject, node);
    o->subject = node;
    o->last_head = NULL;
}

/* agwrite goes through the nodes in order, writing each one not written
 * yet (one that no earlier node has an edge to), then its out-edges
 * sorted by head, each after its head if that is new (later than the
 * tail, and no earlier node has an edge to it). So the file is a run of
 * blocks in node order, one for each node that is written by itself or
 * has out-edges, and within a block the heads come in node order.
 *
 * A node statement right before an edge to it comes after the block
 * before that edge: it was written either as the edge's head, after the
 * tail, or by itself, just before the tail's block began; the file is
 * the same either way, so nothing more is asked of it. Any other node
 * statement begins a block of its own, and so does an edge whose tail
 * has none yet. (The round trips of random graphs in
 * tests/io/test_dot_read.c check this reading of agwrite.) */
static void gather_rules(dot_reader *r, order_rules *o)
{
    Agnode_t *pending = NULL; /* the last node statement, not placed yet */
    for (size_t i = 0; i < r->made_count; i++) {
        if (AGTYPE(r->made[i]) == AGNODE) {
            if (pending)
                begin_block(o, pending);
            pending = r->made[i];
            continue;
        }
        Agedge_t *e = r->made[i];
        Agnode_t *tail = agtail(e), *head = aghead(e);
        if (pending == head && tail != head && o->subject)
            precede(o, o->subject, head);
        else if (pending && pending != head)
            begin_block(o, pending);
        pending = NULL;
        begin_block(o, tail);
        if (o->last_head && o->last_head != head)
            precede(o, o->last_head, head);
        o->last_head = head;
    }
    if (pending)
        begin_block(o, pending);
}

/* Sorts the nodes (given in file order) topologically by the rules into
 * `order`, which serves as the queue of nodes ready to be placed. */
static int sort_nodes(const order_rules *o, Agnode_t **nodes, size_t count, Agnode_t **order)
{
    size_t *first = calloc(count + 1, sizeof *first);
    Agnode_t **after = malloc((o->count ? o->count : 1) * sizeof *after);
    if (!first || !after) {
        free(first);
        free(after);
        return NG_ERR_NOMEM;
    }
    for (size_t i = 0; i < o->count; i++) {
        first[record_of(o->list[i].before)->index + 1]++;
        record_of(o->list[i].after)->waiting++;
    }
    for (size_t i = 0; i < count; i++)
        first[i + 1] += first[i];
    for (size_t i = 0; i < o->count; i++) /* first[] ends up at each list's start */
        after[first[record_of(o->list[i].before)->index]++] = o->list[i].after;
    for (size_t i = count; i > 0; i--)
        first[i] = first[i - 1];
    first[0] = 0;

    size_t placed = 0, ready = 0;
    for (size_t i = 0; i < count; i++)
        if (record_of(nodes[i])->waiting == 0)
            order[ready++] = nodes[i];
    for (; placed < ready; placed++)
        for (size_t k = first[record_of(order[placed])->index];
             k < first[record_of(order[placed])->index + 1]; k++)
            if (--record_of(after[k])->waiting == 0)
                order[ready++] = after[k];
    if (placed < count) /* the rules contradict each other: keep the file's order */
        memcpy(order, nodes, count * sizeof *nodes);
    free(first);
    free(after);
    return 0;
}

/* The order of the nodes in which agwrite writes them as the file has
 * them: one that keeps every precedence gather_rules finds. */
static int node_order(dot_reader *r, Agnode_t **nodes, Agnode_t **order)
{
    order_rules o = {0};
    gather_rules(r, &o);
    int rc = o.failed ? NG_ERR_NOMEM : sort_nodes(&o, nodes, (size_t)agnnodes(r->root), order);
    free(o.list);
    return rc;
}

/* The index in a key "e<index>" below `count`, or SIZE_MAX. */
static size_t key_index(Agedge_t *e, size_t count)
{
    const char *key = agnameof(e);
    if (!key || key[0] != 'e' || !key[1])
        return SIZE_MAX;
    unsigned long long index = 0;
    for (const char *p = key + 1; *p; p++) {
        if (*p < '0' || *p > '9')
            return SIZE_MAX;
        index = index * 10 + (unsigned long long)(*p - '0');
        if (index >= count) /* and so index * 10 cannot overflow */
            return SIZE_MAX;
    }
    return (size_t)index;
}

/* The edges in the order to add them: by key "e<index>" where they have
 * one, then the others in the order of the file. */
static size_t edge_order(dot_reader *r, Agedge_t **order, Agedge_t **rest)
{
    size_t count = (size_t)agnedges(r->root), keyed = 0, others = 0;
    for (size_t i = 0; i < count; i++)
        order[i] = NULL;
    for (size_t i = 0; i < r->made_count; i++) {
        if (AGTYPE(r->made[i]) == AGNODE)
            continue;
        Agedge_t *e = r->made[i];
        size_t k = key_index(e, count);
        if (k != SIZE_MAX && !order[k])
            order[k] = e;
        else if (others < count) /* the root has every edge made: rest has room */
            rest[others++] = e;
    }
    for (size_t i = 0; i < count; i++)
        if (order[i])
            order[keyed++] = order[i];
    memcpy(order + keyed, rest, others * sizeof *rest);
    return keyed + others;
}

/* --- building the graph ----------------------------------------------------- */

/* The value of an attribute, or NULL if it is not set or empty. */
static const char *attribute(void *object, const char *name)
{
    const char *value = agget(object, cg(name));
    return value && *value ? value : NULL;
}

static const char *quoted(dot_reader *r, int which, const char *s)
{
    return ng_loader_quote(&r->quote[which], s);
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int bad_object(dot_reader *r, const ng_error *gerr, const char *fmt, ...)
{
    if (gerr && gerr->status == NG_ERR_NOMEM)
        return ng_fail(r->err, NG_ERR_NOMEM, r->source, "out of memory");
    char text[NG_ERROR_TEXT_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return ng_fail(r->err, NG_ERR_PARSE, r->source, "%s", text);
}

static int add_node(dot_reader *r, Agnode_t *n)
{
    const char *name = agnameof(n);
    const char *label = attribute(n, "title");
    const char *type_name = attribute(n, "type");
    ng_entity_type type;
    if (!label)
        label = attribute(n, "label");
    if (!label || strcmp(label, "\\N") == 0)
        label = name;
    if (!type_name || ng_entity_type_parse(type_name, &type) != 0)
        type = NG_ENTITY_ORGANIZATION;
    ng_error gerr;
    record_of(n)->entity = ng_graph_add_entity_with_id(r->graph, name, label, type, &gerr);
    if (record_of(n)->entity)
        return 0;
    return bad_object(r, &gerr, "node %s: %s", quoted(r, 0, name), gerr.text);
}

/* The edge in messages, "edge "a" -> "b"", in r->subject. */
static const char *edge_name(dot_reader *r, Agedge_t *e)
{
    ng_buf_clear(&r->subject);
    if (ng_buf_printf(&r->subject, "edge %s -> %s", quoted(r, 0, agnameof(agtail(e))),
                      quoted(r, 1, agnameof(aghead(e)))) != 0)
        return "an edge";
    return r->subject.data;
}

static int edge_summary(dot_reader *r, Agedge_t *e, ng_relation *relation, ng_edge_summary *s)
{
    const char *name = attribute(e, "relation");
    const char *modality = attribute(e, "modality");
    const char *weight = attribute(e, "weight");
    unsigned long long count = 1;
    if (!name)
        name = attribute(e, "label");
    *relation = NG_RELATION_MEETS;
    s->modality = NG_MODALITY_ASSERTED;
    if (name && ng_relation_parse(name, relation) != 0)
        return bad_object(r, NULL,
                          "%s: unknown relation %s (known: meets, visits, supplies, sanctions)",
                          edge_name(r, e), quoted(r, 2, name));
    if (modality && ng_modality_parse(modality, &s->modality) != 0)
        return bad_object(r, NULL,
                          "%s: unknown modality %s (known: asserted, planned, alleged, denied)",
                          edge_name(r, e), quoted(r, 2, modality));
    if (weight && ng_loader_parse_count(weight, SIZE_MAX, &count) != 0)
        return bad_object(r, NULL, "%s: the weight %s is not a whole number", edge_name(r, e),
                          quoted(r, 2, weight));
    s->weight = (size_t)count;
    s->text = attribute(e, "evidence");
    return 0;
}

static int add_edge(dot_reader *r, Agedge_t *e)
{
    ng_edge_summary s = {0};
    ng_relation relation;
    int rc = edge_summary(r, e, &relation, &s);
    if (rc != 0)
        return rc;
    ng_error gerr;
    if (ng_loader_add_edge(r->graph, record_of(agtail(e))->entity, relation,
                           record_of(aghead(e))->entity, &s, ng_loader_base_name(r->source),
                           &gerr))
        return 0;
    return bad_object(r, &gerr, "%s: %s", edge_name(r, e), gerr.text);
}

static int add_label(dot_reader *r)
{
    const char *label = attribute(r->root, "title");
    if (!label)
        label = attribute(r->root, "label");
    ng_error gerr;
    if (!label || ng_graph_set_label(r->graph, label, &gerr) == 0)
        return 0;
    return ng_fail(r->err, NG_ERR_NOMEM, r->source, "out of memory");
}

static int build(dot_reader *r)
{
    size_t nodes = (size_t)agnnodes(r->root), edges = (size_t)agnedges(r->root);
    Agnode_t **in_file = calloc(nodes ? nodes : 1, sizeof *in_file);
    Agnode_t **node_list = calloc(nodes ? nodes : 1, sizeof *node_list);
    Agedge_t **edge_list = calloc(edges ? edges : 1, sizeof *edge_list);
    Agedge_t **rest = calloc(edges ? edges : 1, sizeof *rest);
    int rc = in_file && node_list && edge_list && rest && bind_records(r->root, in_file) == 0 &&
                     node_order(r, in_file, node_list) == 0
                 ? add_label(r)
                 : ng_fail(r->err, NG_ERR_NOMEM, r->source, "out of memory");
    if (rc == 0)
        edges = edge_order(r, edge_list, rest);
    for (size_t i = 0; rc == 0 && i < nodes; i++)
        rc = add_node(r, node_list[i]);
    for (size_t i = 0; rc == 0 && i < edges; i++)
        rc = add_edge(r, edge_list[i]);
    free(in_file);
    free(node_list);
    free(edge_list);
    free(rest);
    return rc;
}

ng_graph *ng_dot_read(FILE *in, const char *source, unsigned flags, ng_error *err)
{
    (void)flags;
    dot_reader r = {0};
    r.id_disc = AgIdDisc;
    r.id_disc.idregister = note_object;
    r.io_disc = AgIoDisc;
    r.io_disc.afread = filter_read;
    r.disc.mem = &AgMemDisc;
    r.disc.id = &r.id_disc;
    r.disc.io = &r.io_disc;
    r.in = in;
    r.filter.line = 1;
    r.source = source;
    r.err = err;

    agerr_capture capture = {0};
    Agraph_t *graph, *more;
    parse(&r, &capture, &graph, &more);
    int rc = check_parse(&r, &capture, graph, more);
    if (rc == 0) {
        r.graph = ng_graph_new(err);
        rc = r.graph ? build(&r) : NG_ERR_NOMEM;
    }
    if (graph)
        agclose(graph);
    if (more)
        agclose(more);
    free(r.made);
    for (size_t i = 0; i < sizeof r.quote / sizeof r.quote[0]; i++)
        ng_buf_free(&r.quote[i]);
    ng_buf_free(&r.subject);
    if (rc != 0) {
        ng_graph_free(r.graph);
        return NULL;
    }
    return r.graph;
}
