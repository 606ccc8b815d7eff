/* The JSON exporter: JSON Graph Format v1, written as it is walked.
 *
 * Building a jansson tree of a large graph and dumping it took longer than
 * the extraction that made the graph, so the document is streamed instead,
 * in the layout jansson's JSON_INDENT(2) gives (which the golden files
 * pin): members on lines of their own, two spaces per level, "key": value,
 * [] and {} when empty, non-ASCII text unescaped. Every record of a kind
 * has the same keys in the same order, with null for what is unknown, and
 * everything beyond the JGF members sits under "metadata" (the schema
 * forbids other members on nodes and edges). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <newsgraph/version.h>

#include "io/format.h"
#include "io/sanitize.h"
#include "util/buf.h"
#include "util/fail.h"

/* Output is gathered in `out` and written in pieces of this size. */
#define OUT_SIZE (64 * 1024)

typedef struct writer {
    FILE *file;
    char out[OUT_SIZE];
    size_t len;       /* bytes waiting in out */
    ng_buf scratch;   /* sanitised strings */
    int depth;
    int first;        /* nothing written yet in the current container */
    int failed;       /* an allocation or a write failed: stop */
    int nomem;        /* it was an allocation */
    int error;        /* else errno of the failed write */
} writer;

static void flush(writer *w)
{
    if (!w->failed && w->len && fwrite(w->out, 1, w->len, w->file) != w->len) {
        w->failed = 1;
        w->error = errno;
    }
    w->len = 0;
}

/* Called a few times per value, so the common case is a copy and no more. */
static void put(writer *w, const char *s, size_t n)
{
    while (n > OUT_SIZE - w->len) {
        size_t room = OUT_SIZE - w->len;
        memcpy(w->out + w->len, s, room);
        w->len = OUT_SIZE;
        flush(w);
        s += room;
        n -= room;
    }
    memcpy(w->out + w->len, s, n);
    w->len += n;
}

static void put_str(writer *w, const char *s)
{
    put(w, s, strlen(s));
}

static void newline(writer *w)
{
    static const char indent[] = "\n                                ";
    const size_t most = sizeof indent - 2; /* spaces in `indent` */
    size_t n = 2 * (size_t)w->depth;
    size_t chunk = n < most ? n : most;
    put(w, indent, 1 + chunk);
    for (n -= chunk; n; n -= chunk) {
        chunk = n < most ? n : most;
        put(w, indent + 1, chunk);
    }
}

/* A JSON string, sanitised first. ng_sanitize leaves no control
 * characters, so quotes and backslashes are all there is to escape. */
static void put_string(writer *w, const char *s)
{
    const char *clean = ng_sanitize_str(&w->scratch, s);
    if (!clean) {
        w->failed = w->nomem = 1;
        return;
    }
    put(w, "\"", 1);
    for (const char *run = clean;;) {
        size_t n = strcspn(run, "\"\\");
        put(w, run, n);
        if (!run[n])
            break;
        put(w, run[n] == '"' ? "\\\"" : "\\\\", 2);
        run += n + 1;
    }
    put(w, "\"", 1);
}

/* --- containers ------------------------------------------------------------ */

/* Starts a member: the separator from the one before, the line, the key. */
static void member(writer *w, const char *key)
{
    if (!w->first)
        put(w, ",", 1);
    w->first = 0;
    newline(w);
    if (key) {
        /* Keys are this file's own literals, so nothing needs escaping. */
        put(w, "\"", 1);
        put_str(w, key);
        put(w, "\": ", 3);
    }
}

static void begin(writer *w, const char *key, char bracket)
{
    member(w, key);
    put(w, &bracket, 1);
    w->depth++;
    w->first = 1;
}

static void end(writer *w, char bracket)
{
    w->depth--;
    if (!w->first)
        newline(w);
    put(w, &bracket, 1);
    w->first = 0;
}

static void string_member(writer *w, const char *key, const char *value)
{
    member(w, key);
    if (value)
        put_string(w, value);
    else
        put_str(w, "null");
}

/* A keyword or a number: written as it is. */
static void raw_member(writer *w, const char *key, const char *value)
{
    member(w, key);
    put_str(w, value);
}

/* The decimal digits of v, written backwards from `end`; returns the
 * first. snprintf was a sixth of the writer's time. */
static char *format_unsigned(unsigned long long v, char *end)
{
    *--end = '\0';
    do
        *--end = (char)('0' + v % 10);
    while (v /= 10);
    return end;
}

static char *format_integer(long long v, char *end)
{
    if (v >= 0)
        return format_unsigned((unsigned long long)v, end);
    char *p = format_unsigned(0ULL - (unsigned long long)v, end);
    *--p = '-';
    return p;
}

static void integer_member(writer *w, const char *key, long long value, int known)
{
    char digits[32];
    raw_member(w, key, known ? format_integer(value, digits + sizeof digits) : "null");
}

/* --- the graph ------------------------------------------------------------- */

static void write_strings(writer *w, const char *key, const ng_entity *e, size_t count,
                          const char *(*at)(const ng_entity *, size_t))
{
    begin(w, key, '[');
    for (size_t i = 0; i < count; i++)
        string_member(w, NULL, at(e, i));
    end(w, ']');
}

static void write_node(writer *w, const ng_entity *e)
{
    begin(w, NULL, '{');
    string_member(w, "id", ng_entity_id(e));
    string_member(w, "label", ng_entity_label(e));
    begin(w, "metadata", '{');
    string_member(w, "type", ng_entity_type_name(ng_entity_typeof(e)));
    write_strings(w, "aliases", e, ng_entity_alias_count(e), ng_entity_alias_at);
    integer_member(w, "mentions", ng_entity_mentions(e), 1);
    write_strings(w, "docs", e, ng_entity_doc_count(e), ng_entity_doc_at);
    end(w, '}');
    end(w, '}');
}

static void write_evidence(writer *w, const ng_evidence *ev)
{
    begin(w, NULL, '{');
    string_member(w, "doc", ev->doc);
    integer_member(w, "sentence", ev->sentence, ev->sentence > 0);
    integer_member(w, "start", ev->start, ev->start >= 0);
    integer_member(w, "end", ev->end, ev->end >= 0);
    string_member(w, "text", ev->text);
    string_member(w, "trigger", ev->trigger);
    string_member(w, "modality", ng_modality_name(ev->modality));
    string_member(w, "date", ev->date);
    string_member(w, "place", ev->place);
    string_member(w, "item", ev->item);
    end(w, '}');
}

static void write_edge(writer *w, const ng_edge *e)
{
    const char *relation = ng_relation_name(ng_edge_relation(e));
    char digits[32];
    char *id = format_unsigned(ng_edge_index(e), digits + sizeof digits);
    *--id = 'e';
    begin(w, NULL, '{');
    string_member(w, "id", id);
    string_member(w, "source", ng_entity_id(ng_edge_source(e)));
    string_member(w, "target", ng_entity_id(ng_edge_target(e)));
    string_member(w, "relation", relation);
    raw_member(w, "directed", ng_edge_directed(e) ? "true" : "false");
    string_member(w, "label", relation);
    begin(w, "metadata", '{');
    integer_member(w, "weight", (long long)ng_edge_weight(e), 1);
    string_member(w, "modality", ng_modality_name(ng_edge_modality(e)));
    begin(w, "evidence", '[');
    for (size_t i = 0; i < ng_edge_evidence_count(e); i++)
        write_evidence(w, ng_edge_evidence_at(e, i));
    end(w, ']');
    end(w, '}');
    end(w, '}');
}

static void write_graph(writer *w, const ng_graph *g)
{
    begin(w, "graph", '{');
    raw_member(w, "directed", "true");
    string_member(w, "type", "newsgraph");
    string_member(w, "label", ng_graph_label(g) ? ng_graph_label(g) : "");
    begin(w, "metadata", '{');
    string_member(w, "generator", "newsgraph " NG_VERSION_STRING);
    begin(w, "documents", '[');
    for (size_t i = 0; i < ng_graph_document_count(g); i++) {
        const ng_docinfo *doc = ng_graph_document_at(g, i);
        begin(w, NULL, '{');
        string_member(w, "doc", doc->name);
        string_member(w, "date", doc->date);
        integer_member(w, "sentences", doc->sentences, doc->sentences > 0);
        end(w, '}');
    }
    end(w, ']');
    end(w, '}');
    begin(w, "nodes", '[');
    for (size_t i = 0; i < ng_graph_entity_count(g) && !w->failed; i++)
        write_node(w, ng_graph_entity_at(g, i));
    end(w, ']');
    begin(w, "edges", '[');
    for (size_t i = 0; i < ng_graph_edge_count(g) && !w->failed; i++)
        write_edge(w, ng_graph_edge_at(g, i));
    end(w, ']');
    end(w, '}');
}

int ng_json_write(const ng_graph *graph, FILE *out, ng_error *err)
{
    /* The writer holds its output buffer, too big for the stack. */
    writer *w = calloc(1, sizeof *w);
    if (!w)
        return ng_fail_nomem(err);
    w->file = out;
    w->first = 1;
    put(w, "{", 1);
    w->depth = 1;
    write_graph(w, graph);
    w->depth = 0;
    put(w, "\n}\n", 3);
    flush(w);
    int failed = w->failed, nomem = w->nomem, error = w->error;
    ng_buf_free(&w->scratch);
    free(w);
    if (nomem)
        return ng_fail_nomem(err);
    if (failed)
        return ng_fail(err, NG_ERR_IO, NULL, "cannot write: %s", strerror(error));
    return 0;
}
