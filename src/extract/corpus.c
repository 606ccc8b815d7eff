/* A corpus through the pipeline, on one thread or several.
 *
 * With several threads the calling thread reads the documents, copies
 * each into a slot of a ring, and appends the graphs the workers make,
 * slot after slot, so documents join the graph in the order they were
 * read. A document's slot is its number modulo the ring's size; the
 * reader waits for the slot to come free, which bounds the memory to a
 * few documents per thread. */
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include <newsgraph/extract.h>

#include "graph/append.h"
#include "util/buf.h"
#include "util/fail.h"

enum slot_state { SLOT_FREE, SLOT_QUEUED, SLOT_RUNNING, SLOT_DONE };

/* A document, its own copy, and what its extraction made. */
typedef struct slot {
    enum slot_state state;
    size_t number;
    ng_document doc;
    char *name, *source, *date, *title;
    ng_buf raw, text;      /* kept from one document to the next */
    size_t *origin;
    size_t origin_cap;
    ng_graph *graph;
    int rc;
    ng_error err;
} slot;

typedef struct pool {
    mtx_t lock;
    cnd_t queued;  /* a slot was queued, or the pool is closing */
    cnd_t done;    /* a slot is done */
    slot *slots;
    size_t slot_count;
    int closing;
} pool;

typedef struct worker {
    pool *pool;
    ng_extractor *extractor;
    thrd_t thread;
} worker;

static void report(const ng_corpus_callbacks *cb, const ng_error *err)
{
    if (cb && cb->on_error)
        cb->on_error(err, cb->user);
}

static void progress(const ng_corpus_callbacks *cb, size_t docs, unsigned long long bytes)
{
    if (cb && cb->on_progress)
        cb->on_progress(docs, bytes, cb->user);
}

static int stop_asked(const ng_corpus_callbacks *cb)
{
    return cb && cb->should_stop && cb->should_stop(cb->user);
}

/* --- one thread ----------------------------------------------------------- */

static int run_serial(ng_extractor *x, ng_reader *reader, ng_graph *graph,
                      const ng_corpus_callbacks *cb, ng_error *err)
{
    size_t docs = 0;
    unsigned long long bytes = 0;
    const ng_document *doc;
    int rc;
    while (!stop_asked(cb) && (rc = ng_reader_next(reader, &doc, err)) != 0) {
        if (rc > 0)
            rc = ng_extract_document(x, graph, doc, err);
        if (rc == NG_ERR_NOMEM)
            return rc;
        if (rc < 0)
            report(cb, err);
        else
            progress(cb, ++docs, bytes += doc->raw_length);
    }
    return stop_asked(cb) ? ng_fail(err, NG_ERR_STOPPED, NULL, "stopped before the end") : 0;
}

/* --- copies of documents -------------------------------------------------- */

/* Makes the slot free for the next document; its buffers stay. */
static void slot_clear(slot *s)
{
    free(s->name);
    free(s->source);
    free(s->date);
    free(s->title);
    ng_graph_free(s->graph);
    s->name = s->source = s->date = s->title = NULL;
    s->graph = NULL;
    s->state = SLOT_FREE;
}

static void slot_free(slot *s)
{
    slot_clear(s);
    ng_buf_free(&s->raw);
    ng_buf_free(&s->text);
    free(s->origin);
}

static char *copy_string(const char *s, int *failed)
{
    char *copy = s ? ng_strndup(s, strlen(s)) : NULL;
    *failed |= s && !copy;
    return copy;
}

/* The reader reuses its buffers, so a worker gets a copy of everything. */
static int slot_fill(slot *s, const ng_document *doc, size_t number)
{
    int failed = 0;
    s->number = number;
    s->name = copy_string(doc->name, &failed);
    s->source = copy_string(doc->source, &failed);
    s->date = copy_string(doc->date, &failed);
    s->title = copy_string(doc->title, &failed);
    ng_buf_clear(&s->raw);
    ng_buf_clear(&s->text);
    void *origin = s->origin;
    if (failed || ng_buf_append(&s->raw, doc->raw, doc->raw_length) != 0 ||
        ng_buf_append(&s->text, doc->text, doc->length) != 0 ||
        ng_array_grow(&origin, &s->origin_cap, doc->length + 1, sizeof *s->origin) != 0)
        return NG_ERR_NOMEM;
    s->origin = origin;
    memcpy(s->origin, doc->origin, (doc->length + 1) * sizeof *s->origin);
    s->doc = *doc;
    s->doc.name = s->name;
    s->doc.source = s->source;
    s->doc.date = s->date;
    s->doc.title = s->title;
    s->doc.raw = ng_buf_cstr(&s->raw);
    s->doc.text = ng_buf_cstr(&s->text);
    s->doc.origin = s->origin;
    return 0;
}

/* --- several threads ------------------------------------------------------ */

/* The queued slot of the smallest number, or NULL. Called locked. */
static slot *next_queued(pool *p)
{
    slot *best = NULL;
    for (size_t i = 0; i < p->slot_count; i++) {
        slot *s = &p->slots[i];
        if (s->state == SLOT_QUEUED && (!best || s->number < best->number))
            best = s;
    }
    return best;
}

static int work(void *arg)
{
    worker *w = arg;
    pool *p = w->pool;
    mtx_lock(&p->lock);
    for (;;) {
        slot *s;
        while (!(s = next_queued(p)) && !p->closing)
            cnd_wait(&p->queued, &p->lock);
        if (!s)
            break;
        s->state = SLOT_RUNNING;
        mtx_unlock(&p->lock);
        s->graph = ng_graph_new(&s->err);
        s->rc = s->graph ? ng_extract_document(w->extractor, s->graph, &s->doc, &s->err)
                         : NG_ERR_NOMEM;
        mtx_lock(&p->lock);
        s->state = SLOT_DONE;
        cnd_broadcast(&p->done);
    }
    mtx_unlock(&p->lock);
    return 0;
}

/* Waits for slot s to be done, then appends its graph. */
static int collect(pool *p, slot *s, ng_graph *graph, const ng_corpus_callbacks *cb,
                   size_t *docs, unsigned long long *bytes, ng_error *err)
{
    mtx_lock(&p->lock);
    while (s->state != SLOT_DONE)
        cnd_wait(&p->done, &p->lock);
    mtx_unlock(&p->lock);
    int rc = s->rc;
    if (rc == NG_ERR_NOMEM)
        *err = s->err;
    else if (rc < 0)
        report(cb, &s->err);
    else if ((rc = ng_append_graph(graph, s->graph, err)) == 0)
        progress(cb, ++*docs, *bytes += s->doc.raw_length);
    else if (rc != NG_ERR_NOMEM)
        report(cb, err);
    slot_clear(s);
    return rc == NG_ERR_NOMEM ? rc : 0;
}

/* Reads, hands out and collects until the reader is done. */
static int feed(pool *p, ng_reader *reader, ng_graph *graph, const ng_corpus_callbacks *cb,
                ng_error *err)
{
    size_t read = 0, appended = 0, docs = 0;
    unsigned long long bytes = 0;
    int more = 1, rc = 0;
    while (rc == 0 && (more || appended < read)) {
        slot *next = &p->slots[read % p->slot_count];
        if (more && next->state == SLOT_FREE) {
            const ng_document *doc;
            int got = stop_asked(cb) ? 0 : ng_reader_next(reader, &doc, err);
            if (got > 0 && (rc = slot_fill(next, doc, read)) == 0) {
                mtx_lock(&p->lock);
                next->state = SLOT_QUEUED;
                cnd_signal(&p->queued);
                mtx_unlock(&p->lock);
                read++;
            } else if (got < 0) {
                report(cb, err);
            } else if (got == 0) {
                more = 0;
            }
            continue;
        }
        rc = collect(p, &p->slots[appended++ % p->slot_count], graph, cb, &docs, &bytes, err);
    }
    if (rc == NG_ERR_NOMEM)
        return ng_fail_nomem(err);
    return stop_asked(cb) ? ng_fail(err, NG_ERR_STOPPED, NULL, "stopped before the end") : rc;
}

static int run_parallel(ng_extractor *const *extractors, size_t count, ng_reader *reader,
                        ng_graph *graph, const ng_corpus_callbacks *cb, ng_error *err)
{
    pool p = {0};
    p.slot_count = 2 * count + 2;
    p.slots = calloc(p.slot_count, sizeof *p.slots);
    worker *workers = calloc(count, sizeof *workers);
    if (!p.slots || !workers || mtx_init(&p.lock, mtx_plain) != thrd_success) {
        free(p.slots);
        free(workers);
        return ng_fail_nomem(err);
    }
    cnd_init(&p.queued);
    cnd_init(&p.done);
    size_t started = 0;
    for (; started < count; started++) {
        workers[started] = (worker){&p, extractors[started], 0};
        if (thrd_create(&workers[started].thread, work, &workers[started]) != thrd_success)
            break;
    }
    int rc = started == count ? feed(&p, reader, graph, cb, err)
                              : ng_fail(err, NG_ERR_INVALID, NULL, "cannot start %zu threads", count);
    mtx_lock(&p.lock);
    p.closing = 1;
    cnd_broadcast(&p.queued);
    mtx_unlock(&p.lock);
    for (size_t i = 0; i < started; i++)
        thrd_join(workers[i].thread, NULL);
    for (size_t i = 0; i < p.slot_count; i++)
        slot_free(&p.slots[i]);
    cnd_destroy(&p.queued);
    cnd_destroy(&p.done);
    mtx_destroy(&p.lock);
    free(p.slots);
    free(workers);
    return rc;
}

int ng_extract_corpus(ng_extractor *const *extractors, size_t count, ng_reader *reader,
                      ng_graph *graph, const ng_corpus_callbacks *callbacks, ng_error *err)
{
    if (!extractors || count == 0 || !reader || !graph)
        return ng_fail(err, NG_ERR_INVALID, NULL, "extraction needs extractors, a reader and a graph");
    if (count == 1)
        return run_serial(extractors[0], reader, graph, callbacks, err);
    return run_parallel(extractors, count, reader, graph, callbacks, err);
}
