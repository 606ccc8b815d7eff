/* The byte log (see bytelog.h). A record is stored as its length, as a
 * varint, then its bytes, so an offset is all a reader needs. In memory
 * the log is a list of chunks that never move, and a record never spans
 * two of them; in the file, records follow each other and the one chunk
 * left in memory holds the records not yet written. */
#include "util/bytelog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/fail.h"
#include "util/fdio.h"
#include "util/varint.h"

#define CHUNK_SIZE ((size_t)1 << 20)

/* How much a reader asks for at first: enough for most records, so that
 * one read usually does. */
#define FIRST_READ 512

struct ng_bytelog_chunk {
    uint64_t start; /* the offset of data[0] */
    size_t len, cap;
    char data[];
};

void ng_bytelog_set_limit(ng_bytelog *log, size_t limit)
{
    log->limit = limit;
}

int ng_bytelog_on_disk(const ng_bytelog *log)
{
    return log->fd_open;
}

void ng_bytelog_free(ng_bytelog *log)
{
    for (size_t i = 0; i < log->chunk_count; i++)
        free(log->chunks[i]);
    free(log->chunks);
    if (log->fd_open)
        close(log->fd);
    memset(log, 0, sizeof *log);
}

static size_t limit_of(const ng_bytelog *log)
{
    return log->limit ? log->limit : NG_BYTELOG_DEFAULT_LIMIT;
}

static ng_bytelog_chunk *last_chunk(const ng_bytelog *log)
{
    return log->chunk_count ? log->chunks[log->chunk_count - 1] : NULL;
}

static int add_chunk(ng_bytelog *log, size_t cap, ng_error *err)
{
    void *list = log->chunks;
    ng_bytelog_chunk *c = malloc(sizeof *c + cap);
    if (!c || ng_array_grow(&list, &log->chunk_cap, log->chunk_count + 1,
                            sizeof *log->chunks) != 0) {
        free(c);
        return ng_fail_nomem(err);
    }
    log->chunks = list;
    c->start = log->size;
    c->len = 0;
    c->cap = cap;
    log->chunks[log->chunk_count++] = c;
    return 0;
}

/* --- the file ------------------------------------------------------------- */

static int write_all(ng_bytelog *log, const void *bytes, size_t n, ng_error *err)
{
    int errnum = ng_write_all(log->fd, bytes, n);
    if (errnum != 0)
        return ng_fail(err, NG_ERR_IO, NULL, "cannot write the evidence store: %s",
                       strerror(errnum));
    log->flushed += (uint64_t)n;
    return 0;
}

/* An unlinked file in $TMPDIR or /tmp, so that nothing is left behind
 * however the process ends. Returns the descriptor or -1. */
static int open_temporary(void)
{
    const char *dir = getenv("TMPDIR");
    ng_buf path = {0};
    if (ng_buf_printf(&path, "%s/newsgraph-evidence-XXXXXX", dir && *dir ? dir : "/tmp") != 0)
        return -1;
    int fd = mkstemp(path.data);
    if (fd >= 0) {
        unlink(path.data);
        fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    ng_buf_free(&path);
    return fd;
}

/* Moves every chunk to the file; the next append makes the write
 * buffer. Without a temporary file, or room in it, the log stays in
 * memory: that costs memory, not the result. */
static int spill(ng_bytelog *log)
{
    log->fd = open_temporary();
    log->fd_open = log->fd >= 0;
    for (size_t i = 0; log->fd_open && i < log->chunk_count; i++)
        if (write_all(log, log->chunks[i]->data, log->chunks[i]->len, NULL) != 0) {
            close(log->fd);
            log->fd_open = 0;
            log->flushed = 0;
        }
    if (!log->fd_open) {
        log->in_memory_only = 1;
        return 0;
    }
    for (size_t i = 0; i < log->chunk_count; i++)
        free(log->chunks[i]);
    log->chunk_count = 0;
    return 0;
}

/* Writes the buffered records out; the buffer starts again at the end. */
static int flush_tail(ng_bytelog *log, ng_error *err)
{
    ng_bytelog_chunk *tail = last_chunk(log);
    if (write_all(log, tail->data, tail->len, err) != 0)
        return NG_ERR_IO;
    tail->len = 0;
    tail->start = log->flushed;
    return 0;
}

/* --- appending ------------------------------------------------------------ */

static int append_to_file(ng_bytelog *log, const unsigned char *head, size_t head_len,
                          const void *bytes, size_t n, ng_error *err)
{
    if (!last_chunk(log) && add_chunk(log, CHUNK_SIZE, err) != 0)
        return NG_ERR_NOMEM;
    ng_bytelog_chunk *tail = last_chunk(log);
    if (tail->len + head_len + n > tail->cap) {
        if (flush_tail(log, err) != 0)
            return NG_ERR_IO;
        if (head_len + n > tail->cap) {
            /* Larger than the buffer: straight to the file. */
            if (write_all(log, head, head_len, err) != 0 || write_all(log, bytes, n, err) != 0)
                return NG_ERR_IO;
            tail->start = log->flushed;
            return 0;
        }
    }
    memcpy(tail->data + tail->len, head, head_len);
    memcpy(tail->data + tail->len + head_len, bytes, n);
    tail->len += head_len + n;
    return 0;
}

static int append_to_memory(ng_bytelog *log, const unsigned char *head, size_t head_len,
                            const void *bytes, size_t n, ng_error *err)
{
    ng_bytelog_chunk *c = last_chunk(log);
    if (!c || c->len + head_len + n > c->cap) {
        size_t cap = head_len + n > CHUNK_SIZE ? head_len + n : CHUNK_SIZE;
        if (add_chunk(log, cap, err) != 0)
            return NG_ERR_NOMEM;
        c = last_chunk(log);
    }
    memcpy(c->data + c->len, head, head_len);
    memcpy(c->data + c->len + head_len, bytes, n);
    c->len += head_len + n;
    return 0;
}

int ng_bytelog_append(ng_bytelog *log, const void *bytes, size_t n, uint64_t *offset,
                      ng_error *err)
{
    unsigned char head[NG_VARINT_MAX];
    size_t head_len = ng_varint_encode(n, head);
    int rc = 0;
    if (!log->fd_open && !log->in_memory_only && log->size + head_len + n > limit_of(log))
        rc = spill(log);
    if (rc == 0)
        rc = log->fd_open ? append_to_file(log, head, head_len, bytes, n, err)
                          : append_to_memory(log, head, head_len, bytes, n, err);
    if (rc != 0)
        return rc;
    *offset = log->size;
    log->size += head_len + n;
    return 0;
}

/* --- reading -------------------------------------------------------------- */

/* The chunk that holds `offset`, or NULL if the offset is in the file. */
static const ng_bytelog_chunk *chunk_at(const ng_bytelog *log, uint64_t offset)
{
    size_t lo = 0, hi = log->chunk_count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (log->chunks[mid]->start <= offset)
            lo = mid;
        else
            hi = mid;
    }
    const ng_bytelog_chunk *c = log->chunk_count ? log->chunks[lo] : NULL;
    return c && c->start <= offset ? c : NULL;
}

/* Splits the bytes at p (up to end) into the length and the record. */
static int frame(const char *p, const char *end, const char **bytes, size_t *n)
{
    uint64_t len;
    if (ng_varint_get(&p, end, &len) != 0 || len > (uint64_t)(end - p))
        return -1;
    *bytes = p;
    *n = (size_t)len;
    return 0;
}

static int read_file(const ng_bytelog *log, uint64_t offset, size_t want, ng_buf *scratch,
                     ng_error *err)
{
    if (ng_buf_reserve(scratch, want) != 0)
        return ng_fail_nomem(err);
    while (scratch->len < want) {
        ssize_t got = pread(log->fd, scratch->data + scratch->len, want - scratch->len,
                            (off_t)(offset + scratch->len));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return ng_fail(err, NG_ERR_IO, NULL, "cannot read the evidence store: %s",
                           got < 0 ? strerror(errno) : "it ends early");
        scratch->len += (size_t)got;
    }
    return 0;
}

static int read_from_file(const ng_bytelog *log, uint64_t offset, ng_buf *scratch,
                          const char **bytes, size_t *n, ng_error *err)
{
    uint64_t left = log->flushed - offset;
    ng_buf_clear(scratch);
    if (read_file(log, offset, left < FIRST_READ ? (size_t)left : FIRST_READ, scratch, err) != 0)
        return NG_ERR_IO;
    const char *p = scratch->data, *end = p + scratch->len;
    uint64_t len;
    if (ng_varint_get(&p, end, &len) != 0 || len > left - (uint64_t)(p - scratch->data))
        return ng_fail(err, NG_ERR_INVALID, NULL, "no evidence record at offset %llu",
                       (unsigned long long)offset);
    size_t head = (size_t)(p - scratch->data);
    if (read_file(log, offset, head + (size_t)len, scratch, err) != 0)
        return NG_ERR_IO;
    *bytes = scratch->data + head;
    *n = (size_t)len;
    return 0;
}

/* --- reading through a window ---------------------------------------------- */

void ng_bytelog_window_free(ng_bytelog_window *window)
{
    ng_buf_free(&window->bytes);
    memset(window, 0, sizeof *window);
}

/* Frames the record at `offset` if the window holds all of it. */
static int from_window(const ng_bytelog_window *w, uint64_t offset, const char **bytes,
                       size_t *n)
{
    if (offset < w->start || offset - w->start >= w->bytes.len)
        return -1;
    const char *p = w->bytes.data + (offset - w->start);
    return frame(p, w->bytes.data + w->bytes.len, bytes, n);
}

/* Fills the window with the file's bytes from `offset` on: at least
 * NG_BYTELOG_WINDOW of them, where the file has them, and the whole
 * record that starts there. */
static int fill_window(const ng_bytelog *log, uint64_t offset, ng_bytelog_window *w,
                       ng_error *err)
{
    uint64_t left = log->flushed - offset;
    size_t want = left < NG_BYTELOG_WINDOW ? (size_t)left : NG_BYTELOG_WINDOW;
    ng_buf_clear(&w->bytes);
    w->start = offset;
    int rc = read_file(log, offset, want, &w->bytes, err);
    const char *p = w->bytes.data, *end = p + w->bytes.len;
    uint64_t len;
    if (rc == 0 && ng_varint_get(&p, end, &len) == 0 && len > (uint64_t)(end - p) &&
        len <= left - (uint64_t)(p - w->bytes.data))
        rc = read_file(log, offset, (size_t)(p - w->bytes.data) + (size_t)len, &w->bytes, err);
    if (rc != 0)
        ng_buf_clear(&w->bytes); /* a window holds only what was read whole */
    return rc;
}

int ng_bytelog_read_window(const ng_bytelog *log, uint64_t offset, ng_bytelog_window *window,
                           int follow, ng_buf *scratch, const char **bytes, size_t *n,
                           ng_error *err)
{
    if (!log->fd_open || offset >= log->size || chunk_at(log, offset))
        return ng_bytelog_read(log, offset, scratch, bytes, n, err);
    if (from_window(window, offset, bytes, n) == 0)
        return 0;
    if (!follow)
        return ng_bytelog_read(log, offset, scratch, bytes, n, err);
    int rc = fill_window(log, offset, window, err);
    if (rc == 0 && from_window(window, offset, bytes, n) != 0)
        rc = ng_fail(err, NG_ERR_INVALID, NULL, "no evidence record at offset %llu",
                     (unsigned long long)offset);
    return rc;
}

int ng_bytelog_read(const ng_bytelog *log, uint64_t offset, ng_buf *scratch,
                    const char **bytes, size_t *n, ng_error *err)
{
    if (offset >= log->size)
        return ng_fail(err, NG_ERR_INVALID, NULL, "no evidence record at offset %llu",
                       (unsigned long long)offset);
    const ng_bytelog_chunk *c = chunk_at(log, offset);
    if (!c && log->fd_open)
        return read_from_file(log, offset, scratch, bytes, n, err);
    if (!c || offset - c->start >= c->len ||
        frame(c->data + (offset - c->start), c->data + c->len, bytes, n) != 0)
        return ng_fail(err, NG_ERR_INVALID, NULL, "no evidence record at offset %llu",
                       (unsigned long long)offset);
    return 0;
}
