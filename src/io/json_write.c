/* The JSON exporter: JSON Graph Format v1, written as it is walked.
 *
 * Building a jansson tree of a large graph and dumping it took longer than
 * the extraction that made the graph, so the document is streamed instead.
 * The layout (which the golden files pin) gives every record a line of
 * its own: a document, a node, an edge with its weight and modality, and
 * each of the edge's evidence records on the lines that follow it; the
 * containers around the records are indented two spaces per level, one
 * member per line. The file is read and diffed record by record with
 * line tools, and it is a third smaller than one member per line, whose
 * indentation was 38% of the bytes (the file's size is most of the cost
 * of saving it). "key": value, members of a line parted by ", ", [] and
 * {} when empty, non-ASCII text unescaped. Every record of a kind has the
 * same keys in the same order, with null for what is unknown, and
 * everything beyond the JGF members sits under "metadata" (the schema
 * forbids other members on nodes and edges).
 *
 * The three lists (documents, nodes, edges) are cut into pieces of a few
 * hundred kilobytes of output. The text of a piece depends only on its
 * records and on whether it opens its list, so with several threads the
 * pieces are formatted in parallel and written in order: the bytes are
 * those of one thread. (POSIX threads, as in extract/corpus.c, so that
 * ThreadSanitizer sees them.) */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <newsgraph/version.h>

#include "io/format.h"
#include "io/sanitize.h"
#include "util/buf.h"
#include "util/fail.h"

/* The output a piece aims at, in estimated bytes. */
#define PIECE_SIZE (256 * 1024)
/* Pieces in flight per thread: enough to keep every thread busy while
 * the calling thread writes. */
#define PIECES_PER_THREAD 4

/* Text being formatted: a buffer and where in the document it is. */
typedef struct fmt {
    ng_buf out;
    int depth;
    int first;  /* nothing written yet in the current container */
    int inline_depth; /* containers open on the current line */
    int nomem;  /* an allocation failed: the text is incomplete */
    ng_evidence_reader *reader; /* for the edges' evidence */
    ng_error *read_err;         /* why a record could not be read */
    int unreadable;             /* ... and that it could not */
} fmt;

static void put(fmt *f, const char *s, size_t n)
{
    if (f->out.cap - f->out.len <= n && ng_buf_reserve(&f->out, n) != 0) {
        f->nomem = 1;
        return;
    }
    memcpy(f->out.data + f->out.len, s, n);
    f->out.len += n;
    f->out.data[f->out.len] = '\0';
}

static void put_str(fmt *f, const char *s)
{
    put(f, s, strlen(s));
}

/* The indentation that put_spaces writes in one store. */
#define SPACES_AT_ONCE 16

/* Writes `width` spaces at w, where the buffer has room for at least
 * SPACES_AT_ONCE bytes more than `width`. Every line is indented, nearly
 * always by less than SPACES_AT_ONCE, so sixteen are written with one
 * fixed-size copy (a store or two, no call), and those past `width` are
 * overwritten by what follows. */
static char *put_spaces(char *w, size_t width)
{
    static const char spaces[SPACES_AT_ONCE + 1] = "                ";
    memcpy(w, spaces, SPACES_AT_ONCE);
    for (size_t i = SPACES_AT_ONCE; i < width; i += SPACES_AT_ONCE)
        memcpy(w + i, spaces, SPACES_AT_ONCE);
    return w + width;
}

/* Closes a container with `bracket`: on a line of its own, at the
 * container's indentation, unless the container is empty. One
 * reservation for the whole line. */
static void close_with(fmt *f, char bracket)
{
    size_t width = f->first ? 0 : 2 * (size_t)f->depth;
    size_t n = 2 + width + SPACES_AT_ONCE;
    if (f->out.cap - f->out.len <= n && ng_buf_reserve(&f->out, n) != 0) {
        f->nomem = 1;
        return;
    }
    char *w = f->out.data + f->out.len;
    if (!f->first) {
        *w++ = '\n';
        w = put_spaces(w, width);
    }
    *w++ = bracket;
    *w = '\0';
    f->out.len = (size_t)(w - f->out.data);
}

/* Bytes that go out as they are: printable ASCII but the quote and the
 * backslash, which are escaped. Everything else goes through the
 * sanitiser, one character at a time. */
static int is_plain(unsigned char c)
{
    return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
}

/* is_plain by byte, computed once: put_string tests every byte of every
 * sentence of the evidence. */
static unsigned char plain_bytes[256];
static pthread_once_t plain_bytes_once = PTHREAD_ONCE_INIT;

static void fill_plain_bytes(void)
{
    for (unsigned c = 0; c < 256; c++)
        plain_bytes[c] = (unsigned char)is_plain((unsigned char)c);
}

/* The end of the run of plain bytes that starts at p: four bytes a step,
 * which cuts the loop's overhead on long sentences (eight a step cost
 * more on the many short strings). The tests stop at the first byte that
 * is not plain, and the string's NUL is not, so no byte after it is
 * read. */
static const char *plain_run_end(const char *p)
{
    while (plain_bytes[(unsigned char)p[0]] && plain_bytes[(unsigned char)p[1]] &&
           plain_bytes[(unsigned char)p[2]] && plain_bytes[(unsigned char)p[3]])
        p += 4;
    while (plain_bytes[(unsigned char)*p])
        p++;
    return p;
}

/* Writes the character at p, which is not plain and not the end, as
 * JSON: escaped, sanitised, or as it is. Returns its length in bytes. */
static size_t put_special(fmt *f, const char *p)
{
    if (*p == '"' || *p == '\\') {
        char escaped[2] = {'\\', *p};
        put(f, escaped, 2);
        return 1;
    }
    const char *sub;
    size_t len = ng_sanitize_char(p, strnlen(p, 4), &sub);
    if (sub)
        put_str(f, sub);
    else
        put(f, p, len);
    return len;
}

/* A string that is one run of n plain bytes, in quotes: one reservation
 * and one copy. */
static void put_plain_string(fmt *f, const char *s, size_t n)
{
    if (f->out.cap - f->out.len <= n + 2 && ng_buf_reserve(&f->out, n + 2) != 0) {
        f->nomem = 1;
        return;
    }
    char *w = f->out.data + f->out.len;
    *w++ = '"';
    memcpy(w, s, n);
    w += n;
    *w++ = '"';
    *w = '\0';
    f->out.len = (size_t)(w - f->out.data);
}

/* A JSON string: the text as ng_sanitize gives it, with quotes and
 * backslashes escaped (sanitised text holds no control characters). Runs
 * of plain bytes are found with the table and copied whole; most strings
 * are a single run. */
static void put_string(fmt *f, const char *s)
{
    const char *end = plain_run_end(s);
    if (*end == '\0') {
        put_plain_string(f, s, (size_t)(end - s));
        return;
    }
    put(f, "\"", 1);
    put(f, s, (size_t)(end - s));
    while (*end) {
        end += put_special(f, end);
        s = end;
        end = plain_run_end(s);
        put(f, s, (size_t)(end - s));
    }
    put(f, "\"", 1);
}

/* --- containers ------------------------------------------------------------ */

/* A member's key as the text that starts its line after the indentation,
 * with its length: both constants, so that no member measures its key.
 * The text is held in KEY_SLOT bytes, padded with NULs, so that member
 * copies it with one fixed-size copy; a key too long for the slot is a
 * compile-time error (an initializer string too long for its array). */
#define KEY_SLOT 16
#define KEY(name) (const char[KEY_SLOT]){"\"" name "\": "}, sizeof "\"" name "\": " - 1
/* The key of an array's element, which has none. */
#define NO_KEY NULL, 0

/* Starts a member: the separator from the one before (", " within a
 * line), a new line and its indentation unless a container is open on the
 * current line, and the key (made by KEY). */
static inline void member(fmt *f, const char *key, size_t key_len)
{
    /* Written straight into the buffer after one reservation: there is a
     * member per line of output, and a put per piece of it was a tenth
     * of the export. */
    size_t width = f->inline_depth ? 0 : 2 * (size_t)f->depth;
    size_t n = 2 + width + SPACES_AT_ONCE + KEY_SLOT;
    if (f->out.cap - f->out.len <= n && ng_buf_reserve(&f->out, n) != 0) {
        f->nomem = 1;
        return;
    }
    char *w = f->out.data + f->out.len;
    if (!f->first)
        *w++ = ',';
    if (!f->inline_depth) {
        *w++ = '\n';
        w = put_spaces(w, width);
    } else if (!f->first) {
        *w++ = ' ';
    }
    f->first = 0;
    if (key) {
        memcpy(w, key, KEY_SLOT);
        w += key_len;
    }
    *w = '\0';
    f->out.len = (size_t)(w - f->out.data);
}

static void begin(fmt *f, const char *key, size_t key_len, char bracket)
{
    member(f, key, key_len);
    put(f, &bracket, 1);
    f->depth++;
    f->first = 1;
}

static void end(fmt *f, char bracket)
{
    f->depth--;
    close_with(f, bracket);
    f->first = 0;
}

/* A container on the line of its key, with its members. */
static void begin_inline(fmt *f, const char *key, size_t key_len, char bracket)
{
    member(f, key, key_len);
    put(f, &bracket, 1);
    f->inline_depth++;
    f->first = 1;
}

static void end_inline(fmt *f, char bracket)
{
    put(f, &bracket, 1);
    f->inline_depth--;
    f->first = 0;
}

/* A container at the end of a line whose elements take a line each, one
 * level deeper than the line (an edge's evidence). Returns what end_lines
 * needs to go on with the line's containers. */
static int begin_lines(fmt *f, const char *key, size_t key_len, char bracket)
{
    int line_depth = f->inline_depth;
    member(f, key, key_len);
    put(f, &bracket, 1);
    f->inline_depth = 0;
    f->depth++;
    f->first = 1;
    return line_depth;
}

static void end_lines(fmt *f, char bracket, int line_depth)
{
    f->depth--;
    close_with(f, bracket);
    f->inline_depth = line_depth;
    f->first = 0;
}

static void string_member(fmt *f, const char *key, size_t key_len, const char *value)
{
    member(f, key, key_len);
    if (value)
        put_string(f, value);
    else
        put(f, "null", 4);
}

static void boolean_member(fmt *f, const char *key, size_t key_len, int value)
{
    member(f, key, key_len);
    if (value)
        put(f, "true", 4);
    else
        put(f, "false", 5);
}

static void integer_member(fmt *f, const char *key, size_t key_len, long long value,
                           int known)
{
    member(f, key, key_len);
    if (!known) {
        put(f, "null", 4);
        return;
    }
    char digits[24];
    char *p = digits + sizeof digits;
    unsigned long long v = value < 0 ? 0 - (unsigned long long)value : (unsigned long long)value;
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (value < 0)
        *--p = '-';
    put(f, p, (size_t)(digits + sizeof digits - p));
}

/* --- records --------------------------------------------------------------- */

static void write_document(fmt *f, const ng_graph *g, size_t i)
{
    const ng_docinfo *doc = ng_graph_document_at(g, i);
    begin_inline(f, NO_KEY, '{');
    string_member(f, KEY("doc"), doc->name);
    string_member(f, KEY("date"), doc->date);
    integer_member(f, KEY("sentences"), doc->sentences, doc->sentences > 0);
    end_inline(f, '}');
}

static void write_strings(fmt *f, const char *key, size_t key_len, const ng_entity *e,
                          size_t count, const char *(*at)(const ng_entity *, size_t))
{
    begin_inline(f, key, key_len, '[');
    for (size_t i = 0; i < count; i++)
        string_member(f, NO_KEY, at(e, i));
    end_inline(f, ']');
}

static void write_node(fmt *f, const ng_graph *g, size_t i)
{
    const ng_entity *e = ng_graph_entity_at(g, i);
    begin_inline(f, NO_KEY, '{');
    string_member(f, KEY("id"), ng_entity_id(e));
    string_member(f, KEY("label"), ng_entity_label(e));
    begin_inline(f, KEY("metadata"), '{');
    string_member(f, KEY("type"), ng_entity_type_name(ng_entity_typeof(e)));
    write_strings(f, KEY("aliases"), e, ng_entity_alias_count(e), ng_entity_alias_at);
    integer_member(f, KEY("mentions"), ng_entity_mentions(e), 1);
    write_strings(f, KEY("docs"), e, ng_entity_doc_count(e), ng_entity_doc_at);
    end_inline(f, '}');
    end_inline(f, '}');
}

static void write_evidence(fmt *f, const ng_evidence *ev)
{
    begin_inline(f, NO_KEY, '{');
    string_member(f, KEY("doc"), ev->doc);
    integer_member(f, KEY("sentence"), ev->sentence, ev->sentence > 0);
    integer_member(f, KEY("start"), ev->start, ev->start >= 0);
    integer_member(f, KEY("end"), ev->end, ev->end >= 0);
    string_member(f, KEY("text"), ev->text);
    string_member(f, KEY("trigger"), ev->trigger);
    string_member(f, KEY("modality"), ng_modality_name(ev->modality));
    string_member(f, KEY("date"), ev->date);
    string_member(f, KEY("place"), ev->place);
    string_member(f, KEY("item"), ev->item);
    end_inline(f, '}');
}

static void write_edge(fmt *f, const ng_graph *g, size_t i)
{
    const ng_edge *e = ng_graph_edge_at(g, i);
    const char *relation = ng_relation_name(ng_edge_relation(e));
    /* "e<index>", without snprintf, which cost more than the rest of
     * the edge's line. */
    char id[32], *p = id + sizeof id;
    size_t index = ng_edge_index(e);
    *--p = '\0';
    do {
        *--p = (char)('0' + index % 10);
        index /= 10;
    } while (index);
    *--p = 'e';
    begin_inline(f, NO_KEY, '{');
    string_member(f, KEY("id"), p);
    string_member(f, KEY("source"), ng_entity_id(ng_edge_source(e)));
    string_member(f, KEY("target"), ng_entity_id(ng_edge_target(e)));
    string_member(f, KEY("relation"), relation);
    boolean_member(f, KEY("directed"), ng_edge_directed(e));
    string_member(f, KEY("label"), relation);
    begin_inline(f, KEY("metadata"), '{');
    integer_member(f, KEY("weight"), (long long)ng_edge_weight(e), 1);
    string_member(f, KEY("modality"), ng_modality_name(ng_edge_modality(e)));
    int line = begin_lines(f, KEY("evidence"), '[');
    for (size_t k = 0; k < ng_edge_evidence_count(e) && !f->unreadable; k++) {
        const ng_evidence *ev = ng_edge_evidence_read(e, k, f->reader, f->read_err);
        if (ev)
            write_evidence(f, ev);
        f->unreadable = !ev;
    }
    end_lines(f, ']', line);
    end_inline(f, '}');
    end_inline(f, '}');
}

/* Rough sizes of the records' text, to cut the lists into pieces. */
static size_t document_size(const ng_graph *g, size_t i)
{
    (void)g;
    (void)i;
    return 100;
}

static size_t node_size(const ng_graph *g, size_t i)
{
    const ng_entity *e = ng_graph_entity_at(g, i);
    return 150 + 30 * (ng_entity_alias_count(e) + ng_entity_doc_count(e));
}

static size_t edge_size(const ng_graph *g, size_t i)
{
    return 200 + 300 * ng_edge_evidence_count(ng_graph_edge_at(g, i));
}

typedef struct list {
    const char *key; /* made by KEY */
    size_t key_len;
    size_t (*count)(const ng_graph *g);
    void (*write)(fmt *f, const ng_graph *g, size_t i);
    size_t (*size)(const ng_graph *g, size_t i);
} list;

static const list documents = {KEY("documents"), ng_graph_document_count, write_document,
                               document_size};
static const list nodes = {KEY("nodes"), ng_graph_entity_count, write_node, node_size};
static const list edges = {KEY("edges"), ng_graph_edge_count, write_edge, edge_size};

/* --- pieces ---------------------------------------------------------------- */

enum piece_state { PIECE_FREE, PIECE_QUEUED, PIECE_FORMATTING, PIECE_FORMATTED };

/* Records [begin, end) of a list, formatted at `depth`. */
typedef struct piece {
    enum piece_state state;
    size_t number;
    const list *list;
    size_t begin, end;
    int depth;
    ng_buf out;
    int nomem;
    ng_evidence_reader *reader; /* made when first needed */
    ng_error read_err;
    int unreadable;
} piece;

static void piece_format(piece *pc, const ng_graph *g)
{
    fmt f = {.out = pc->out, .depth = pc->depth, .first = pc->begin == 0,
             .reader = pc->reader, .read_err = &pc->read_err};
    ng_buf_clear(&f.out);
    if (!f.reader)
        f.nomem = !(pc->reader = f.reader = ng_evidence_reader_new(NULL));
    for (size_t i = pc->begin; i < pc->end && !f.nomem && !f.unreadable; i++)
        pc->list->write(&f, g, i);
    pc->out = f.out;
    pc->nomem = f.nomem;
    pc->unreadable = f.unreadable;
}

static void piece_free(piece *pc)
{
    ng_buf_free(&pc->out);
    ng_evidence_reader_free(pc->reader);
}

/* Threads formatting pieces, and the ring of pieces they share with the
 * calling thread. The calling thread writes the pieces in order and
 * formats some itself while it waits, so `threads` threads work in all.
 * Writing stays on one thread: a file takes one write at a time, and
 * threads writing at their own offsets only waited for each other. */
typedef struct pool {
    pthread_mutex_t lock;
    pthread_cond_t queued;  /* a piece was queued, or the pool is closing */
    pthread_cond_t done;    /* a piece is formatted */
    piece *pieces;
    size_t count;
    int closing;
    const ng_graph *graph;
    pthread_t *threads;
    size_t started;
} pool;

/* The queued piece of the smallest number, or NULL. Called locked. */
static piece *next_queued(pool *p)
{
    piece *best = NULL;
    for (size_t i = 0; i < p->count; i++) {
        piece *pc = &p->pieces[i];
        if (pc->state == PIECE_QUEUED && (!best || pc->number < best->number))
            best = pc;
    }
    return best;
}

/* Formats a queued piece. Called locked; unlocks while formatting. */
static void format_queued(pool *p, piece *pc)
{
    pc->state = PIECE_FORMATTING;
    pthread_mutex_unlock(&p->lock);
    piece_format(pc, p->graph);
    pthread_mutex_lock(&p->lock);
    pc->state = PIECE_FORMATTED;
    pthread_cond_broadcast(&p->done);
}

static void *help(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        piece *pc = NULL;
        while (!p->closing && !(pc = next_queued(p)))
            pthread_cond_wait(&p->queued, &p->lock);
        if (!pc)
            break;
        format_queued(p, pc);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* Stops the threads and frees the pool, whose lock and conditions are
 * initialised. */
static void pool_close(pool *p)
{
    pthread_mutex_lock(&p->lock);
    p->closing = 1;
    pthread_cond_broadcast(&p->queued);
    pthread_mutex_unlock(&p->lock);
    for (size_t i = 0; i < p->started; i++)
        pthread_join(p->threads[i], NULL);
    pthread_cond_destroy(&p->queued);
    pthread_cond_destroy(&p->done);
    pthread_mutex_destroy(&p->lock);
    for (size_t i = 0; i < p->count; i++)
        piece_free(&p->pieces[i]);
    free(p->pieces);
    free(p->threads);
}

/* Starts threads - 1 helpers. Returns 0, or -1 when they cannot be had
 * (the caller then works alone). */
static int pool_open(pool *p, const ng_graph *g, size_t threads)
{
    *p = (pool){0};
    p->graph = g;
    p->count = PIECES_PER_THREAD * threads;
    p->pieces = calloc(p->count, sizeof *p->pieces);
    p->threads = calloc(threads, sizeof *p->threads);
    int synced = 0;
    if (p->pieces && p->threads && pthread_mutex_init(&p->lock, NULL) == 0) {
        synced = pthread_cond_init(&p->queued, NULL) == 0;
        if (synced && !(synced = pthread_cond_init(&p->done, NULL) == 0))
            pthread_cond_destroy(&p->queued);
        if (!synced)
            pthread_mutex_destroy(&p->lock);
    }
    if (!synced) {
        free(p->pieces);
        free(p->threads);
        return -1;
    }
    for (; p->started < threads - 1; p->started++)
        if (pthread_create(&p->threads[p->started], NULL, help, p) != 0)
            break;
    if (p->started == 0) {
        pool_close(p);
        return -1;
    }
    return 0;
}

/* --- the document ---------------------------------------------------------- */

typedef struct writer {
    const ng_graph *graph;
    FILE *file;
    fmt main;      /* the text around the lists */
    pool *pool;    /* NULL: the calling thread formats every piece */
    piece alone;   /* the piece it formats then */
    int failed;    /* a write failed: stop */
    int errnum;    /* why */
    int nomem;     /* an allocation failed */
    int unreadable;  /* an evidence record could not be read */
    ng_error read_err; /* why */
} writer;

/* Writes text after what is written, and empties it. */
static void emit(writer *w, ng_buf *text)
{
    if (!w->failed && text->len && fwrite(text->data, 1, text->len, w->file) != text->len) {
        w->failed = 1;
        w->errnum = errno;
    }
    ng_buf_clear(text);
}

static int stopped(const writer *w)
{
    return w->failed || w->nomem || w->main.nomem || w->unreadable;
}

/* Sets pc to the next piece of the list from record *at on. */
static void cut(const writer *w, const list *l, size_t count, size_t *at, piece *pc)
{
    size_t size = 0, i = *at;
    while (i < count && size < PIECE_SIZE)
        size += l->size(w->graph, i++);
    pc->list = l;
    pc->begin = *at;
    pc->end = i;
    pc->depth = w->main.depth;
    *at = i;
}

static void write_piece(writer *w, piece *pc)
{
    w->nomem |= pc->nomem;
    if (pc->unreadable && !w->unreadable) {
        w->unreadable = 1;
        w->read_err = pc->read_err;
    }
    if (!stopped(w))
        emit(w, &pc->out);
}

static void list_alone(writer *w, const list *l, size_t count)
{
    for (size_t at = 0; at < count && !stopped(w);) {
        cut(w, l, count, &at, &w->alone);
        piece_format(&w->alone, w->graph);
        write_piece(w, &w->alone);
    }
}

/* Queues pieces while the ring has room, and writes them in order; while
 * the next one is not formatted, formats one itself. Pieces go round the
 * ring in order, so the next one to queue is free exactly when fewer than
 * p->count are in flight. */
static void list_shared(writer *w, const list *l, size_t count)
{
    pool *p = w->pool;
    size_t queued = 0, written = 0, at = 0;
    pthread_mutex_lock(&p->lock);
    while ((at < count && !stopped(w)) || written < queued) {
        if (at < count && !stopped(w) && queued - written < p->count) {
            piece *pc = &p->pieces[queued % p->count];
            cut(w, l, count, &at, pc);
            pc->number = queued++;
            pc->state = PIECE_QUEUED;
            pthread_cond_signal(&p->queued);
            continue;
        }
        piece *head = &p->pieces[written % p->count];
        if (head->state == PIECE_FORMATTED) {
            head->state = PIECE_FREE;
            written++;
            pthread_mutex_unlock(&p->lock);
            write_piece(w, head);
            pthread_mutex_lock(&p->lock);
            continue;
        }
        piece *pc = next_queued(p);
        if (pc)
            format_queued(p, pc);
        else
            pthread_cond_wait(&p->done, &p->lock);
    }
    pthread_mutex_unlock(&p->lock);
}

static void write_list(writer *w, const list *l)
{
    size_t count = l->count(w->graph);
    begin(&w->main, l->key, l->key_len, '[');
    if (count == 0 || stopped(w)) {
        end(&w->main, ']');
        return;
    }
    emit(w, &w->main.out);
    if (w->pool)
        list_shared(w, l, count);
    else
        list_alone(w, l, count);
    w->main.first = 0;
    end(&w->main, ']');
}

static void write_graph(writer *w)
{
    fmt *f = &w->main;
    const ng_graph *g = w->graph;
    put(f, "{", 1);
    f->depth = 1;
    begin(f, KEY("graph"), '{');
    boolean_member(f, KEY("directed"), 1);
    string_member(f, KEY("type"), "newsgraph");
    string_member(f, KEY("label"), ng_graph_label(g) ? ng_graph_label(g) : "");
    begin(f, KEY("metadata"), '{');
    string_member(f, KEY("generator"), "newsgraph " NG_VERSION_STRING);
    write_list(w, &documents);
    end(f, '}');
    write_list(w, &nodes);
    write_list(w, &edges);
    end(f, '}');
    f->depth = 0;
    put(f, "\n}\n", 3);
    if (!stopped(w))
        emit(w, &f->out);
}

int ng_json_write_threads(const ng_graph *graph, FILE *out, size_t threads, ng_error *err)
{
    writer w = {.graph = graph, .file = out, .main = {.first = 1}};
    pool p;
    pthread_once(&plain_bytes_once, fill_plain_bytes);
    if (threads > 1 && pool_open(&p, graph, threads) == 0)
        w.pool = &p;
    write_graph(&w);
    if (w.pool)
        pool_close(w.pool);
    ng_buf_free(&w.main.out);
    piece_free(&w.alone);
    if (w.nomem || w.main.nomem)
        return ng_fail_nomem(err);
    if (w.unreadable) {
        if (err)
            *err = w.read_err;
        return w.read_err.status;
    }
    if (w.failed)
        return ng_fail(err, NG_ERR_IO, NULL, "cannot write: %s", strerror(w.errnum));
    return 0;
}

int ng_json_write(const ng_graph *graph, FILE *out, ng_error *err)
{
    return ng_json_write_threads(graph, out, 1, err);
}
