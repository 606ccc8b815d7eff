/* The JSON loader: reads JSON Graph Format v1 as written by json_write.c
 * back into a graph, through the public graph API only.
 *
 * The document is read in one pass with the pull reader of json_scan.h
 * (which also checks it is JSON, refusing repeated keys and nesting
 * deeper than NG_JSON_MAX_DEPTH), and the graph is built as it is read:
 * nothing holds the whole document. Members may come in any order; in the
 * two orders that need what has not been read yet (the edges before the
 * nodes, an edge's metadata before its ends), the text of the value that
 * came early is kept aside and read when it can be.
 *
 * Members the contract marks optional may be absent or null; members it
 * does not know are checked and passed over. Derived values (edge ids,
 * weights, edge modalities, "directed") are recomputed by the graph, not
 * read. Every error names the path of the offending value, such as
 * "graph.edges[3].source", and where it is in the file.
 *
 * With NG_LOAD_SKIP_EVIDENCE the evidence records are read and checked as
 * always but not added: each edge is told, through its summary, the
 * weight and modality the records would have given it (counted as
 * tally.h says), which is all the graph makes of them besides the
 * records themselves. With
 * NG_LOAD_SKIP_ENTITY_DOCS the lists of the documents that name each node
 * are checked and passed over. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "io/format.h"
#include "io/json_scan.h"
#include "io/loader.h"
#include "io/tally.h"
#include "util/buf.h"
#include "util/fail.h"

/* --- the reader -------------------------------------------------------------- */

/* A step of the path that names values in messages: "edges" with an
 * index is "edges[3]". */
typedef struct segment {
    const char *name;
    size_t index;
    int indexed;
} segment;

#define PATH_DEPTH 8
#define WHERE_SIZE 128

enum { EV_DOC, EV_TEXT, EV_TRIGGER, EV_DATE, EV_PLACE, EV_ITEM, EV_STRING_COUNT };

/* The members of the evidence record being read. */
typedef struct evidence_fields {
    ng_buf text[EV_STRING_COUNT];
    int present[EV_STRING_COUNT];
    long long sentence, start, end;
    ng_modality modality;
} evidence_fields;

/* The members of the node being read: its aliases and documents are
 * lists of NUL-terminated strings, added once the node exists. */
typedef struct node_fields {
    ng_buf id, label, aliases, docs;
    int has_id, has_label, has_metadata, has_type;
    ng_entity_type type;
    long long mentions;
} node_fields;

/* The ends and relation of the edge being read, and its metadata when it
 * came before them. */
typedef struct edge_fields {
    const ng_entity *source, *target;
    ng_relation relation;
    int has_relation;
    const ng_edge *edge;
    ng_buf early_metadata;
    ng_json_pos early_at;
    int has_early_metadata;
} edge_fields;

typedef struct reader {
    ng_json_scan *scan;
    ng_graph *graph;
    int skip_evidence;
    int skip_entity_docs;
    const char *source;
    ng_error *err;
    segment path[PATH_DEPTH];
    size_t path_len;
    ng_buf value;  /* a string looked at once and let go */
    ng_buf quote;  /* room for quoting input values in messages */
    ng_buf doc_name, doc_date; /* of the document being read */
    node_fields node;
    edge_fields edge;
    evidence_fields ev;
    ng_tally tally; /* with NG_LOAD_SKIP_EVIDENCE */
} reader;

static void reader_free(reader *r)
{
    ng_buf_free(&r->value);
    ng_buf_free(&r->quote);
    ng_buf_free(&r->doc_name);
    ng_buf_free(&r->doc_date);
    ng_buf_free(&r->node.id);
    ng_buf_free(&r->node.label);
    ng_buf_free(&r->node.aliases);
    ng_buf_free(&r->node.docs);
    ng_buf_free(&r->edge.early_metadata);
    for (int i = 0; i < EV_STRING_COUNT; i++)
        ng_buf_free(&r->ev.text[i]);
    ng_tally_free(&r->tally);
}

static void enter_path(reader *r, const char *name)
{
    if (r->path_len < PATH_DEPTH)
        r->path[r->path_len] = (segment){name, 0, 0};
    r->path_len++;
}

static void leave_path(reader *r)
{
    r->path_len--;
}

/* Numbers the innermost step: it is item `index` of its list. */
static void index_path(reader *r, size_t index)
{
    if (r->path_len <= PATH_DEPTH) {
        r->path[r->path_len - 1].index = index;
        r->path[r->path_len - 1].indexed = 1;
    }
}

static void format_path(const reader *r, char *out, size_t size)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < r->path_len && i < PATH_DEPTH && len < size; i++) {
        const segment *s = &r->path[i];
        int n = s->indexed ? snprintf(out + len, size - len, "%s%s[%zu]", i ? "." : "", s->name,
                                      s->index)
                           : snprintf(out + len, size - len, "%s%s", i ? "." : "", s->name);
        len += n > 0 ? (size_t)n : 0;
    }
}

/* --- reporting ------------------------------------------------------------ */

/* Fails with NG_ERR_PARSE at `at`, naming the current path, or its member
 * `member` if not NULL. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int bad_at(reader *r, ng_json_pos at, const char *member, const char *fmt, ...)
{
    char where[WHERE_SIZE], text[NG_ERROR_TEXT_SIZE];
    format_path(r, where, sizeof where);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    ng_fail(r->err, NG_ERR_PARSE, r->source, "%s%s%s: %s", where, member && *where ? "." : "",
            member ? member : "", text);
    ng_fail_at(r->err, at.line, at.column, at.offset);
    return NG_ERR_PARSE;
}

/* The same, at the value last read or the bracket that closed the record
 * (for what is missing from it). */
#define bad(r, ...) bad_at((r), ng_json_where((r)->scan), __VA_ARGS__)

/* `s` in double quotes, sanitised and cut (see loader.h). Borrowed from r
 * until the next call. */
static const char *quoted(reader *r, const char *s)
{
    return ng_loader_quote(&r->quote, s);
}

/* Reports a failure of the graph API: input the graph refuses is
 * malformed input; running out of memory stays what it is. */
static int graph_refused(reader *r, const char *member, const ng_error *gerr)
{
    if (gerr->status == NG_ERR_NOMEM)
        return ng_fail(r->err, NG_ERR_NOMEM, r->source, "out of memory");
    return bad(r, member, "%s", gerr->text);
}

static int out_of_memory(reader *r)
{
    return ng_fail(r->err, NG_ERR_NOMEM, r->source, "out of memory");
}

static const char *type_name(ng_json_type type, int integer)
{
    switch (type) {
    case NG_JSON_OBJECT: return "an object";
    case NG_JSON_ARRAY: return "an array";
    case NG_JSON_STRING: return "a string";
    case NG_JSON_NUMBER: return integer ? "an integer" : "a real number";
    case NG_JSON_BOOLEAN: return "a boolean";
    case NG_JSON_NULL: return "null";
    }
    return "an unknown value";
}

/* Fails on the next value, of the wrong type; `prefix` goes before the
 * message (an item's number). The value is read first, so that text
 * that is not JSON is reported as such. */
static int wrong_type(reader *r, const char *member, const char *prefix, const char *expected,
                      ng_json_type type)
{
    ng_json_pos at = ng_json_where(r->scan);
    long long ignored;
    int integer = 0;
    int rc = type == NG_JSON_NUMBER ? ng_json_read_number(r->scan, &ignored, &integer)
                                    : ng_json_skip(r->scan);
    if (rc != 0)
        return rc;
    return bad_at(r, at, member, "%sexpected %s, found %s", prefix, expected,
                  type_name(type, integer));
}

/* --- typed members -------------------------------------------------------- */

/* Each reader takes the value of the member `key` just reached. An absent
 * member is never seen; null counts as absent, setting *present to 0. */

/* Peeks at the value; null is passed over. Returns 1 if it has `type`,
 * 0 for null, or a negative status (a wrong type being an error). */
static int expect(reader *r, const char *key, ng_json_type type, const char *expected)
{
    ng_json_type found;
    int rc = ng_json_peek(r->scan, &found);
    if (rc != 0)
        return rc;
    if (found == type)
        return 1;
    if (found == NG_JSON_NULL)
        return ng_json_skip(r->scan);
    return wrong_type(r, key, "", expected, found);
}

static int member_string(reader *r, const char *key, ng_buf *out, int *present)
{
    int rc = expect(r, key, NG_JSON_STRING, "a string");
    *present = rc == 1;
    return rc == 1 ? ng_json_read_string(r->scan, out) : rc;
}

/* A string that is only checked, not read (for NG_LOAD_SKIP_EVIDENCE). */
static int member_unread_string(reader *r, const char *key)
{
    int rc = expect(r, key, NG_JSON_STRING, "a string");
    return rc == 1 ? ng_json_skip(r->scan) : rc;
}

static int member_integer(reader *r, const char *key, long long max, long long *out)
{
    int rc = expect(r, key, NG_JSON_NUMBER, "an integer");
    if (rc != 1)
        return rc;
    long long n;
    int integer;
    if ((rc = ng_json_read_number(r->scan, &n, &integer)) != 0)
        return rc;
    if (!integer)
        return bad(r, key, "expected an integer, found a real number");
    if (n < 0 || n > max)
        return bad(r, key, "%lld is out of range", n);
    *out = n;
    return 0;
}

/* The index of *key in the NULL-terminated `names`, or -1. A key found
 * becomes the entry of `names`: the reader's copy lasts only until it
 * reads on, and a key may name a value in a message after that. */
static int match_key(const char **key, const char *const *names)
{
    for (int i = 0; names[i]; i++) {
        /* strcmp, but inlined: keys are short, and there are millions */
        const char *a = *key, *b = names[i];
        while (*a && *a == *b)
            a++, b++;
        if (*a == *b) {
            *key = names[i];
            return i;
        }
    }
    return -1;
}

/* Calls `read` on each item of the array member `key` (null: none),
 * naming each "<key>[i]". */
static int member_list(reader *r, const char *key, int (*read)(reader *))
{
    int rc = expect(r, key, NG_JSON_ARRAY, "an array");
    if (rc != 1 || (rc = ng_json_enter(r->scan)) != 0)
        return rc;
    enter_path(r, key);
    size_t i = 0;
    while ((rc = ng_json_next_item(r->scan)) == 1) {
        index_path(r, i++);
        if ((rc = read(r)) != 0)
            break;
    }
    leave_path(r);
    return rc;
}

/* Opens the object that is the value of the current item. */
static int enter_record(reader *r)
{
    ng_json_type type;
    int rc = ng_json_peek(r->scan, &type);
    if (rc != 0)
        return rc;
    if (type != NG_JSON_OBJECT)
        return wrong_type(r, NULL, "", "an object", type);
    return ng_json_enter(r->scan);
}

/* --- documents ------------------------------------------------------------ */

static int read_document(reader *r)
{
    static const char *const keys[] = {"doc", "date", "sentences", NULL};
    ng_buf *name = &r->doc_name, *date = &r->doc_date;
    int has_name = 0, has_date = 0;
    long long sentences = 0;
    const char *key;
    int rc = enter_record(r);
    while (rc == 0 && (rc = ng_json_next_member(r->scan, &key)) == 1) {
        switch (match_key(&key, keys)) {
        case 0: rc = member_string(r, key, name, &has_name); break;
        case 1: rc = member_string(r, key, date, &has_date); break;
        case 2: rc = member_integer(r, key, LONG_MAX, &sentences); break;
        default: rc = ng_json_skip(r->scan);
        }
    }
    if (rc != 0)
        return rc;
    if (!has_name)
        return bad(r, "doc", "missing");
    ng_docinfo doc = {name->data, has_date ? date->data : NULL, (long)sentences};
    ng_error gerr;
    if (ng_graph_add_document(r->graph, &doc, &gerr) != 0)
        return graph_refused(r, NULL, &gerr);
    return 0;
}

/* --- nodes ---------------------------------------------------------------- */

/* Appends each string of the array member `key` to `list`, or only
 * checks them when list is NULL. */
static int read_string_list(reader *r, const char *key, ng_buf *list)
{
    int rc = expect(r, key, NG_JSON_ARRAY, "an array");
    if (rc != 1 || (rc = ng_json_enter(r->scan)) != 0)
        return rc;
    for (size_t i = 0; (rc = ng_json_next_item(r->scan)) == 1; i++) {
        ng_json_type type;
        if ((rc = ng_json_peek(r->scan, &type)) != 0)
            return rc;
        if (type != NG_JSON_STRING) {
            char prefix[48];
            snprintf(prefix, sizeof prefix, "item %zu: ", i);
            return wrong_type(r, key, prefix, "a string", type);
        }
        if (!list) {
            if ((rc = ng_json_skip(r->scan)) != 0)
                return rc;
            continue;
        }
        if ((rc = ng_json_read_string(r->scan, &r->value)) != 0)
            return rc;
        if (ng_buf_append(list, r->value.data, r->value.len + 1) != 0)
            return out_of_memory(r);
    }
    return rc;
}

static int read_node_metadata(reader *r)
{
    static const char *const keys[] = {"type", "aliases", "docs", "mentions", NULL};
    node_fields *n = &r->node;
    const char *key;
    int rc;
    enter_path(r, "metadata");
    while ((rc = ng_json_next_member(r->scan, &key)) == 1) {
        switch (match_key(&key, keys)) {
        case 0:
            rc = member_string(r, key, &r->value, &n->has_type);
            if (rc == 0 && n->has_type && ng_entity_type_parse(r->value.data, &n->type) != 0)
                rc = bad(r, key, "unknown entity type %s", quoted(r, r->value.data));
            break;
        case 1: rc = read_string_list(r, key, &n->aliases); break;
        case 2: rc = read_string_list(r, key, r->skip_entity_docs ? NULL : &n->docs); break;
        case 3: rc = member_integer(r, key, LONG_MAX, &n->mentions); break;
        default: rc = ng_json_skip(r->scan);
        }
        if (rc != 0)
            break;
    }
    leave_path(r);
    return rc;
}

/* Adds each string of the list with `add`. */
static int add_strings(reader *r, const ng_entity *e, const ng_buf *list,
                       int (*add)(ng_graph *, const ng_entity *, const char *, ng_error *))
{
    for (size_t at = 0; at < list->len; at += strlen(list->data + at) + 1) {
        ng_error gerr;
        if (add(r->graph, e, list->data + at, &gerr) != 0)
            return graph_refused(r, NULL, &gerr);
    }
    return 0;
}

static int add_doc(ng_graph *g, const ng_entity *e, const char *doc, ng_error *err)
{
    return ng_graph_add_mentions(g, e, doc, 0, err);
}

/* Adds the node read, once its record has ended. */
static int add_node(reader *r)
{
    node_fields *n = &r->node;
    if (!n->has_id)
        return bad(r, "id", "missing");
    if (!n->has_metadata || !n->has_type)
        return bad(r, "metadata.type", "missing");
    if (ng_graph_entity_by_id(r->graph, n->id.data))
        return bad(r, "id", "%s is the id of an earlier node", quoted(r, n->id.data));
    ng_error gerr;
    const ng_entity *e = ng_graph_add_entity_with_id(
        r->graph, n->id.data, n->has_label ? n->label.data : n->id.data, n->type, &gerr);
    if (!e)
        return graph_refused(r, NULL, &gerr);
    enter_path(r, "metadata");
    int rc = add_strings(r, e, &n->aliases, ng_graph_add_alias);
    if (rc == 0)
        rc = add_strings(r, e, &n->docs, add_doc);
    if (rc == 0 && ng_graph_add_mentions(r->graph, e, NULL, (long)n->mentions, &gerr) != 0)
        rc = graph_refused(r, NULL, &gerr);
    leave_path(r);
    return rc;
}

static int read_node(reader *r)
{
    static const char *const keys[] = {"id", "label", "metadata", NULL};
    node_fields *n = &r->node;
    n->has_id = n->has_label = n->has_metadata = n->has_type = 0;
    n->mentions = 0;
    ng_buf_clear(&n->aliases);
    ng_buf_clear(&n->docs);
    const char *key;
    int rc = enter_record(r);
    while (rc == 0 && (rc = ng_json_next_member(r->scan, &key)) == 1) {
        switch (match_key(&key, keys)) {
        case 0: rc = member_string(r, key, &n->id, &n->has_id); break;
        case 1: rc = member_string(r, key, &n->label, &n->has_label); break;
        case 2:
            rc = expect(r, key, NG_JSON_OBJECT, "an object");
            n->has_metadata = rc == 1;
            if (rc == 1 && (rc = ng_json_enter(r->scan)) == 0)
                rc = read_node_metadata(r);
            break;
        default: rc = ng_json_skip(r->scan);
        }
    }
    return rc != 0 ? rc : add_node(r);
}

/* --- evidence ------------------------------------------------------------- */

/* Adds the record read to the edge, or counts it when the records are
 * skipped. */
static int add_evidence(reader *r)
{
    evidence_fields *f = &r->ev;
    if (!f->present[EV_DOC])
        return bad(r, "doc", "missing");
    if (!*f->text[EV_DOC].data)
        return bad(r, "doc", "empty");
    const char *s[EV_STRING_COUNT];
    for (int i = 0; i < EV_STRING_COUNT; i++)
        s[i] = f->present[i] ? f->text[i].data : NULL;
    ng_evidence ev = {s[EV_DOC], (long)f->sentence, f->start, f->end, s[EV_TEXT], s[EV_TRIGGER],
                      f->modality, s[EV_DATE], s[EV_PLACE], s[EV_ITEM]};
    if (r->skip_evidence)
        return ng_tally_add(&r->tally, ng_edge_index(r->edge.edge), &ev) == 0 ? 0
                                                                               : out_of_memory(r);
    ng_error gerr;
    if (ng_graph_add_evidence(r->graph, r->edge.edge, &ev, &gerr) != 0)
        return graph_refused(r, NULL, &gerr);
    return 0;
}

static int read_evidence(reader *r)
{
    enum { DOC, SENTENCE, START, END, TEXT, TRIGGER, MODALITY, DATE, PLACE, ITEM };
    static const char *const keys[] = {"doc",     "sentence", "start", "end",  "text",
                                       "trigger", "modality", "date",  "place", "item", NULL};
    /* The string member each key fills, in the order above. */
    static const int strings[] = {EV_DOC, -1, -1, -1, EV_TEXT, EV_TRIGGER, -1, EV_DATE, EV_PLACE,
                                  EV_ITEM};
    evidence_fields *f = &r->ev;
    memset(f->present, 0, sizeof f->present);
    f->sentence = 0;
    f->start = f->end = -1;
    f->modality = NG_MODALITY_ASSERTED;
    const char *key;
    int rc = enter_record(r);
    while (rc == 0 && (rc = ng_json_next_member(r->scan, &key)) == 1) {
        int k = match_key(&key, keys), m;
        switch (k) {
        case SENTENCE: rc = member_integer(r, key, LONG_MAX, &f->sentence); break;
        case START: rc = member_integer(r, key, LLONG_MAX, &f->start); break;
        case END: rc = member_integer(r, key, LLONG_MAX, &f->end); break;
        case MODALITY:
            rc = member_string(r, key, &r->value, &m);
            if (rc == 0 && m && ng_modality_parse(r->value.data, &f->modality) != 0)
                rc = bad(r, key, "unknown modality %s", quoted(r, r->value.data));
            break;
        case DOC:
        case TRIGGER:
            rc = member_string(r, key, &f->text[strings[k]], &f->present[strings[k]]);
            break;
        case TEXT:
        case DATE:
        case PLACE:
        case ITEM:
            /* The key of a record needs its document and trigger only. */
            if (r->skip_evidence)
                rc = member_unread_string(r, key);
            else
                rc = member_string(r, key, &f->text[strings[k]], &f->present[strings[k]]);
            break;
        default: rc = ng_json_skip(r->scan);
        }
    }
    return rc != 0 ? rc : add_evidence(r);
}

/* --- edges ---------------------------------------------------------------- */

static int read_edge_metadata(reader *r)
{
    static const char *const evidence_key[] = {"evidence", NULL};
    const char *key;
    int rc = ng_json_enter(r->scan);
    if (rc == 0 && r->skip_evidence && ng_tally_begin(&r->tally, ng_edge_index(r->edge.edge)) != 0)
        rc = out_of_memory(r);
    enter_path(r, "metadata");
    while (rc == 0 && (rc = ng_json_next_member(r->scan, &key)) == 1)
        rc = match_key(&key, evidence_key) == 0 ? member_list(r, key, read_evidence)
                                                : ng_json_skip(r->scan);
    leave_path(r);
    return rc;
}

/* Reads the metadata kept aside because it came before the edge's ends;
 * its text was checked then, and positions are the file's. */
static int read_early_metadata(reader *r)
{
    edge_fields *e = &r->edge;
    ng_json_scan early, *file = r->scan;
    ng_json_scan_bytes(&early, e->early_metadata.data, e->early_metadata.len, &e->early_at,
                       r->source, r->err);
    r->scan = &early;
    int rc = read_edge_metadata(r);
    r->scan = file;
    ng_json_scan_close(&early);
    return rc;
}

/* Stores the node that the string member `key` names. */
static int read_end(reader *r, const char *key, const ng_entity **out)
{
    int present;
    int rc = member_string(r, key, &r->value, &present);
    if (rc != 0 || !present)
        return rc;
    *out = ng_graph_entity_by_id(r->graph, r->value.data);
    return *out ? 0 : bad(r, key, "no node with id %s", quoted(r, r->value.data));
}

/* Adds the edge once its ends and relation are known. */
static int add_edge(reader *r)
{
    edge_fields *e = &r->edge;
    if (e->edge)
        return 0;
    ng_error gerr;
    e->edge = ng_graph_add_edge(r->graph, e->source, e->relation, e->target, &gerr);
    return e->edge ? 0 : graph_refused(r, NULL, &gerr);
}

/* The edge's metadata: read now if the edge can be added, else kept. */
static int read_metadata_member(reader *r, const char *key)
{
    edge_fields *e = &r->edge;
    int rc = expect(r, key, NG_JSON_OBJECT, "an object");
    if (rc != 1)
        return rc;
    if (e->source && e->target && e->has_relation)
        return (rc = add_edge(r)) != 0 ? rc : read_edge_metadata(r);
    ng_buf_clear(&e->early_metadata);
    e->has_early_metadata = 1;
    return ng_json_capture(r->scan, &e->early_metadata, &e->early_at);
}

/* Completes the edge once its record has ended. */
static int finish_edge(reader *r)
{
    edge_fields *e = &r->edge;
    if (!e->source)
        return bad(r, "source", "missing");
    if (!e->target)
        return bad(r, "target", "missing");
    if (!e->has_relation)
        return bad(r, "relation", "missing");
    int rc = add_edge(r);
    if (rc == 0 && e->has_early_metadata)
        rc = read_early_metadata(r);
    if (rc != 0 || !r->skip_evidence)
        return rc;
    size_t i = ng_edge_index(e->edge), weight = ng_tally_weight(&r->tally, i);
    ng_error gerr;
    if (weight > 0 && ng_graph_set_edge_summary(r->graph, e->edge, weight,
                                                ng_tally_modality(&r->tally, i), &gerr) != 0)
        return graph_refused(r, NULL, &gerr);
    return 0;
}

static int read_edge(reader *r)
{
    static const char *const keys[] = {"source", "target", "relation", "metadata", NULL};
    edge_fields *e = &r->edge;
    e->source = e->target = NULL;
    e->has_relation = e->has_early_metadata = 0;
    e->edge = NULL;
    const char *key;
    int rc = enter_record(r);
    while (rc == 0 && (rc = ng_json_next_member(r->scan, &key)) == 1) {
        switch (match_key(&key, keys)) {
        case 0: rc = read_end(r, key, &e->source); break;
        case 1: rc = read_end(r, key, &e->target); break;
        case 2:
            rc = member_string(r, key, &r->value, &e->has_relation);
            if (rc == 0 && e->has_relation && ng_relation_parse(r->value.data, &e->relation) != 0)
                rc = bad(r, key, "unknown relation %s", quoted(r, r->value.data));
            break;
        case 3: rc = read_metadata_member(r, key); break;
        default: rc = ng_json_skip(r->scan);
        }
    }
    return rc != 0 ? rc : finish_edge(r);
}

/* --- the graph ------------------------------------------------------------ */

static int read_graph_metadata(reader *r)
{
    const char *key;
    int rc = ng_json_enter(r->scan);
    enter_path(r, "metadata");
    while (rc == 0 && (rc = ng_json_next_member(r->scan, &key)) == 1)
        rc = strcmp(key, "documents") == 0 ? member_list(r, "documents", read_document)
                                            : ng_json_skip(r->scan);
    leave_path(r);
    return rc;
}

/* Reads the edges kept aside because they came before the nodes. */
static int read_early_edges(reader *r, const ng_buf *text, const ng_json_pos *at)
{
    ng_json_scan early, *file = r->scan;
    ng_json_scan_bytes(&early, text->data, text->len, at, r->source, r->err);
    r->scan = &early;
    int rc = member_list(r, "edges", read_edge);
    r->scan = file;
    ng_json_scan_close(&early);
    return rc;
}

static int read_graph(reader *r)
{
    enum { LABEL, METADATA, NODES, EDGES };
    static const char *const keys[] = {"label", "metadata", "nodes", "edges", NULL};
    ng_buf early_edges = {0};
    ng_json_pos early_at = {0, 0, 0};
    int has_nodes = 0, has_early_edges = 0, present;
    const char *key;
    int rc = ng_json_enter(r->scan);
    enter_path(r, "graph");
    while (rc == 0 && (rc = ng_json_next_member(r->scan, &key)) == 1) {
        ng_error gerr;
        switch (match_key(&key, keys)) {
        case LABEL:
            rc = member_string(r, key, &r->value, &present);
            if (rc == 0 && present && ng_graph_set_label(r->graph, r->value.data, &gerr) != 0)
                rc = graph_refused(r, key, &gerr);
            break;
        case METADATA:
            rc = expect(r, key, NG_JSON_OBJECT, "an object");
            if (rc == 1)
                rc = read_graph_metadata(r);
            break;
        case NODES:
            rc = expect(r, key, NG_JSON_ARRAY, "an array");
            has_nodes = rc == 1;
            if (rc == 1)
                rc = member_list(r, key, read_node);
            break;
        case EDGES:
            if (has_nodes) {
                rc = member_list(r, key, read_edge);
            } else if ((rc = expect(r, key, NG_JSON_ARRAY, "an array")) == 1) {
                has_early_edges = 1;
                rc = ng_json_capture(r->scan, &early_edges, &early_at);
            }
            break;
        default: rc = ng_json_skip(r->scan);
        }
    }
    if (rc == 0 && !has_nodes)
        rc = bad(r, "nodes", "missing");
    if (rc == 0 && has_early_edges)
        rc = read_early_edges(r, &early_edges, &early_at);
    leave_path(r);
    ng_buf_free(&early_edges);
    return rc;
}

static int read_document_root(reader *r)
{
    ng_json_type type;
    int rc = ng_json_peek(r->scan, &type), has_graph = 0;
    if (rc != 0)
        return rc;
    if (type != NG_JSON_OBJECT)
        return wrong_type(r, "document", "", "an object", type);
    const char *key;
    rc = ng_json_enter(r->scan);
    while (rc == 0 && (rc = ng_json_next_member(r->scan, &key)) == 1) {
        if (strcmp(key, "graph") != 0) {
            rc = ng_json_skip(r->scan);
        } else if ((rc = expect(r, "graph", NG_JSON_OBJECT, "an object")) == 1) {
            has_graph = 1;
            rc = read_graph(r);
        }
    }
    if (rc != 0)
        return rc;
    if (!has_graph)
        return bad(r, "graph", "missing");
    return ng_json_finish(r->scan);
}

ng_graph *ng_json_read(FILE *in, const char *source, unsigned flags, ng_error *err)
{
    ng_json_scan scan;
    reader r;
    memset(&r, 0, sizeof r);
    r.scan = &scan;
    r.skip_evidence = (flags & NG_LOAD_SKIP_EVIDENCE) != 0;
    r.skip_entity_docs = (flags & NG_LOAD_SKIP_ENTITY_DOCS) != 0;
    r.source = source;
    r.err = err;
    int rc = ng_json_scan_open(&scan, in, source, err);
    if (rc == 0) {
        r.graph = ng_graph_new(err);
        rc = r.graph ? read_document_root(&r) : NG_ERR_NOMEM;
    }
    ng_json_scan_close(&scan);
    reader_free(&r);
    if (rc != 0) {
        ng_graph_free(r.graph);
        return NULL;
    }
    return r.graph;
}
