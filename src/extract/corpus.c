/* A corpus through the pipeline, on one thread or several.
 *
 * Each document is extracted apart (found.h) and then appended to the
 * graph, so a document is read the same way whatever came before it. With
 * N threads the calling thread takes units of input (a file, a JSON Lines
 * record; see text/unit.h) into the slots of a ring, and N - 1 workers,
 * and the calling thread when it has nothing else to do, read, normalise
 * and extract them. The calling thread finishes the units slot after slot,
 * in the order it took them: it reports their warnings and errors, names
 * their documents and appends their findings, so the graph and the
 * messages are those of one thread. A unit's slot is its number modulo
 * the ring's size; taking waits for the slot to come free, which bounds
 * the memory to some documents per thread.
 *
 * The threads are POSIX threads: ThreadSanitizer does not see the ones
 * C11's thrd_create starts, and no data race would be found. */
#include <pthread.h>
#include <stdlib.h>

#include <newsgraph/extract.h>

#include "extract/append.h"
#include "extract/found.h"
#include "extract/pipeline.h"
#include "text/unit.h"
#include "util/fail.h"

/* Units in flight per thread: room for the workers to go on while the
 * calling thread extracts a document itself, or appends one while a
 * table of the corpus's graph doubles (which takes it tens of
 * milliseconds now and then). On the 100 MiB benchmark with two threads,
 * 16 left the worker idle for 0.4 s in all and 64 for 0.2 s, for 30 MiB
 * more memory; 128 saved little more and cost as much again. */
#define RING_PER_THREAD 64
#define RING_MAX 16384

/* A slot keeps the memory of its findings from one document to the next,
 * and with a ring of many slots, each in time holds a document of the
 * largest kind: one past this size gives its memory back once appended,
 * so that the ring keeps what ordinary documents need. */
#define TRIM_DOCUMENT_BYTES (64 * 1024)

enum slot_state { SLOT_UNUSED, SLOT_QUEUED, SLOT_RUNNING, SLOT_DONE };

/* A unit of input and what its extraction made. */
typedef struct slot {
    enum slot_state state;
    ng_unit unit;    /* its memory is kept from one unit to the next */
    ng_found *found; /* what extraction found in it, likewise; made on first use */
    int rc;
    ng_error err;
} slot;

/* Units are queued, picked and collected in the order they were taken, so
 * the queue is the slots numbered [picked, taken). */
typedef struct pool {
    pthread_mutex_t lock;
    pthread_cond_t queued;  /* a slot was queued, or the pool is closing */
    pthread_cond_t done;    /* the awaited slot is done */
    const slot *awaited;    /* the one the calling thread waits for, or NULL */
    slot *slots;
    size_t slot_count;
    size_t memo_bytes;      /* what each slot's ng_found remembers of labels */
    size_t taken;           /* units taken so far */
    size_t picked;          /* units picked for extraction so far */
    int closing;
} pool;

typedef struct worker {
    pool *pool;
    ng_extractor *extractor;
    ng_unit_buffers buffers;
    pthread_t thread;
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
    ng_found *found = ng_found_new(err);
    ng_appender *appender = ng_appender_new(graph, err);
    if (!found || !appender) {
        ng_found_free(found);
        ng_appender_free(appender);
        return ng_fail_nomem(err);
    }
    size_t docs = 0;
    unsigned long long bytes = 0;
    const ng_document *doc;
    int rc = 0;
    while (!stop_asked(cb) && (rc = ng_reader_next(reader, &doc, err)) != 0) {
        if (rc > 0)
            rc = ng_extract_found(x, found, doc, err);
        if (rc == 0)
            rc = ng_appender_add(appender, found, NULL, err);
        if (rc == NG_ERR_NOMEM)
            break;
        if (rc < 0)
            report(cb, err);
        else
            progress(cb, ++docs, bytes += doc->raw_length);
    }
    ng_found_free(found);
    ng_appender_free(appender);
    if (rc == NG_ERR_NOMEM)
        return rc;
    return stop_asked(cb) ? ng_fail(err, NG_ERR_STOPPED, NULL, "stopped before the end") : 0;
}

/* --- several threads ------------------------------------------------------ */

/* The next queued slot, now running, or NULL. Called locked. */
static slot *pick(pool *p)
{
    if (p->picked == p->taken)
        return NULL;
    slot *s = &p->slots[p->picked++ % p->slot_count];
    s->state = SLOT_RUNNING;
    return s;
}

/* Loads the slot's unit and extracts its document, under the name the
 * unit gave it for now. */
static void extract_slot(const pool *p, ng_extractor *x, slot *s, ng_unit_buffers *buffers)
{
    s->rc = 0;
    ng_unit_load(&s->unit, buffers);
    if (s->unit.status <= 0)
        return;
    if (!s->found && (s->found = ng_found_new(&s->err)))
        ng_found_set_memo_bytes(s->found, p->memo_bytes);
    if (!s->found)
        s->rc = NG_ERR_NOMEM;
    else
        s->rc = ng_extract_found(x, s->found, &s->unit.doc, &s->err);
}

static void *work(void *arg)
{
    worker *w = arg;
    pool *p = w->pool;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        slot *s = NULL;
        while (!p->closing && !(s = pick(p)))
            pthread_cond_wait(&p->queued, &p->lock);
        if (!s)
            break;
        pthread_mutex_unlock(&p->lock);
        extract_slot(p, w->extractor, s, &w->buffers);
        pthread_mutex_lock(&p->lock);
        s->state = SLOT_DONE;
        /* Waking the calling thread for a slot it does not wait for yet
         * would only put it back to sleep. */
        if (p->awaited == s)
            pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static void queue(pool *p, slot *s)
{
    pthread_mutex_lock(&p->lock);
    s->state = SLOT_QUEUED;
    p->taken++;
    pthread_cond_signal(&p->queued);
    pthread_mutex_unlock(&p->lock);
}

/* Forgets the units not picked yet, when the run is asked to stop (which
 * is asked at every step, not only before taking a unit): the graph gets
 * the documents before them. */
static void cancel(pool *p)
{
    pthread_mutex_lock(&p->lock);
    p->taken = p->picked;
    pthread_mutex_unlock(&p->lock);
}

/* Returns 1 once slot s is done. The calling thread is one of the
 * threads extracting: rather than sleep while s is not done, it extracts
 * one queued unit itself and returns 0, so that the caller can take more
 * input and collect what is done in between; it sleeps only when nothing
 * is queued. Otherwise three threads would share two cores, and when the
 * one that appends lost its turn the ring would fill and the workers
 * stop. */
static int done_or_help(pool *p, slot *s, ng_extractor *x, ng_unit_buffers *buffers)
{
    pthread_mutex_lock(&p->lock);
    slot *t = s->state == SLOT_DONE ? NULL : pick(p);
    if (t) {
        pthread_mutex_unlock(&p->lock);
        extract_slot(p, x, t, buffers);
        pthread_mutex_lock(&p->lock);
        t->state = SLOT_DONE;
        pthread_mutex_unlock(&p->lock);
        return 0;
    }
    while (s->state != SLOT_DONE) {
        p->awaited = s;
        pthread_cond_wait(&p->done, &p->lock);
    }
    p->awaited = NULL;
    pthread_mutex_unlock(&p->lock);
    return 1;
}

/* Reports what reading and extracting the slot's unit found, in reading
 * order, and appends its findings under the document's final name. */
static int collect(slot *s, ng_reader *reader, ng_appender *appender,
                   const ng_corpus_callbacks *cb, size_t *docs, unsigned long long *bytes,
                   ng_error *err)
{
    const ng_document *doc;
    int rc = ng_unit_finish(reader, &s->unit, &doc, err);
    if (rc > 0 && s->rc < 0) {
        rc = s->rc;
        *err = s->err;
    } else if (rc > 0) {
        rc = ng_appender_add(appender, s->found, doc->name, err);
        if (rc == 0)
            progress(cb, ++*docs, *bytes += doc->raw_length);
        if (doc->raw_length > TRIM_DOCUMENT_BYTES) {
            ng_found_free(s->found);
            s->found = NULL;
        }
    }
    if (rc < 0 && rc != NG_ERR_NOMEM)
        report(cb, err);
    return rc == NG_ERR_NOMEM ? rc : 0;
}

/* Takes units and collects them until the reader is done. Slots are used
 * in ring order and collected in the same order, so the next one to take
 * is free exactly when fewer than slot_count units are in flight; its
 * state still says done then, which no worker looks for. Only this thread
 * changes p->taken, so it reads it unlocked. */
static int feed(pool *p, ng_extractor *x, ng_unit_buffers *buffers, ng_reader *reader,
                ng_appender *appender, const ng_corpus_callbacks *cb, ng_error *err)
{
    size_t collected = 0, docs = 0;
    unsigned long long bytes = 0;
    int more = 1, rc = 0;
    while (rc == 0 && (more || collected < p->taken)) {
        if (more && stop_asked(cb)) {
            cancel(p);
            more = 0;
            continue; /* fewer units may be left to collect */
        }
        if (more && p->taken - collected < p->slot_count) {
            slot *next = &p->slots[p->taken % p->slot_count];
            int got = ng_unit_take(reader, &next->unit, err);
            if (got > 0) {
                queue(p, next);
            } else {
                more = 0;
                rc = got;
            }
            continue;
        }
        slot *s = &p->slots[collected % p->slot_count];
        if (done_or_help(p, s, x, buffers)) {
            collected++;
            rc = collect(s, reader, appender, cb, &docs, &bytes, err);
        }
    }
    if (rc == NG_ERR_NOMEM)
        return ng_fail_nomem(err);
    return stop_asked(cb) ? ng_fail(err, NG_ERR_STOPPED, NULL, "stopped before the end") : rc;
}

/* The pool's ring, lock and conditions; 0, or -1 (nothing to undo). */
static int pool_init(pool *p, size_t count)
{
    *p = (pool){0};
    p->slot_count = count < RING_MAX / RING_PER_THREAD ? RING_PER_THREAD * count : RING_MAX;
    /* Every slot has its memo of labels: together they remember what the
     * threads' would alone, so that memory grows with the threads, not
     * with the ring. */
    p->memo_bytes = NG_FOUND_MEMO_BYTES * count / p->slot_count;
    p->slots = calloc(p->slot_count, sizeof *p->slots);
    int ready = p->slots && pthread_mutex_init(&p->lock, NULL) == 0;
    if (ready && pthread_cond_init(&p->queued, NULL) != 0) {
        pthread_mutex_destroy(&p->lock);
        ready = 0;
    }
    if (ready && pthread_cond_init(&p->done, NULL) != 0) {
        pthread_cond_destroy(&p->queued);
        pthread_mutex_destroy(&p->lock);
        ready = 0;
    }
    if (!ready)
        free(p->slots);
    return ready ? 0 : -1;
}

static void pool_destroy(pool *p)
{
    for (size_t i = 0; i < p->slot_count; i++) {
        ng_unit_release(&p->slots[i].unit);
        ng_found_free(p->slots[i].found);
    }
    pthread_cond_destroy(&p->queued);
    pthread_cond_destroy(&p->done);
    pthread_mutex_destroy(&p->lock);
    free(p->slots);
}

/* The calling thread with extractors[0], and a worker for each other. */
static int run_parallel(ng_extractor *const *extractors, size_t count, ng_reader *reader,
                        ng_graph *graph, const ng_corpus_callbacks *cb, ng_error *err)
{
    pool p;
    size_t helpers = count - 1;
    worker *workers = calloc(helpers, sizeof *workers);
    ng_appender *appender = ng_appender_new(graph, err);
    if (!workers || !appender || pool_init(&p, count) != 0) {
        free(workers);
        ng_appender_free(appender);
        return ng_fail_nomem(err);
    }
    size_t started = 0;
    for (; started < helpers; started++) {
        workers[started] = (worker){&p, extractors[started + 1], {{0}, {0}, NULL, 0}, 0};
        if (pthread_create(&workers[started].thread, NULL, work, &workers[started]) != 0)
            break;
    }
    ng_unit_buffers buffers = {0};
    int rc = started == helpers
                 ? feed(&p, extractors[0], &buffers, reader, appender, cb, err)
                 : ng_fail(err, NG_ERR_INVALID, NULL, "cannot start %zu threads", helpers);
    pthread_mutex_lock(&p.lock);
    p.closing = 1;
    pthread_cond_broadcast(&p.queued);
    pthread_mutex_unlock(&p.lock);
    for (size_t i = 0; i < started; i++) {
        pthread_join(workers[i].thread, NULL);
        ng_unit_buffers_free(&workers[i].buffers);
    }
    ng_unit_buffers_free(&buffers);
    pool_destroy(&p);
    ng_appender_free(appender);
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
