/* An append-only log of byte records that keeps memory bounded: records
 * stay in memory until the log holds `limit` bytes, then all of them move
 * to an unlinked temporary file and only the last megabyte or so stays in
 * memory, as a write buffer. The graph keeps its evidence here, because
 * the sentences of a large corpus's evidence outgrow everything else it
 * holds.
 *
 * A record is found by the offset ng_bytelog_append gave it. Reading does
 * not change the log, so several threads may read at once, each with its
 * own scratch buffer; appending must not run alongside anything else. */
#ifndef NG_UTIL_BYTELOG_H
#define NG_UTIL_BYTELOG_H

#include <stddef.h>
#include <stdint.h>

#include <newsgraph/error.h>

#include "util/buf.h"

typedef struct ng_bytelog_chunk ng_bytelog_chunk;

/* Zero-initialise ({0}) before use: that gives the default limit
 * (NG_BYTELOG_DEFAULT_LIMIT). Release with ng_bytelog_free. */
typedef struct ng_bytelog {
    ng_bytelog_chunk **chunks;  /* in memory, in order of their first offset */
    size_t chunk_count, chunk_cap;
    uint64_t size;              /* bytes appended so far: the next offset */
    uint64_t flushed;           /* bytes in the file; 0 while in memory */
    size_t limit;               /* 0: the default */
    int fd;                     /* the file, or -1 (valid once fd_open) */
    int fd_open;
    int in_memory_only;         /* no temporary file could be made */
} ng_bytelog;

#define NG_BYTELOG_DEFAULT_LIMIT ((size_t)64 << 20)

/* Sets how many bytes may stay in memory before records move to a file;
 * SIZE_MAX keeps them all in memory. Takes effect at the next append. */
void ng_bytelog_set_limit(ng_bytelog *log, size_t limit);

/* Appends n bytes and stores their offset in *offset. Returns 0,
 * NG_ERR_NOMEM, or NG_ERR_IO if the file could not be written. When no
 * temporary file can be made, the log stays in memory instead. */
int ng_bytelog_append(ng_bytelog *log, const void *bytes, size_t n, uint64_t *offset,
                      ng_error *err);

/* Finds the record at `offset` (as given by ng_bytelog_append) and points
 * *bytes at its n bytes: into the log's memory, or into `scratch`, which
 * the caller owns. The pointer is valid until the next append or the next
 * use of `scratch`. Returns 0, NG_ERR_NOMEM, NG_ERR_IO, or NG_ERR_INVALID
 * for an offset that is not a record's. */
int ng_bytelog_read(const ng_bytelog *log, uint64_t offset, ng_buf *scratch,
                    const char **bytes, size_t *n, ng_error *err);

/* A reader's window on the log's file, for a reader that goes through
 * the log mostly forwards (as an export reads the evidence: the first
 * records of the edges in the order they were stored, each edge's later
 * records anywhere after it): one read of many records instead of one or
 * two per record. Zero-initialise ({0}); release with
 * ng_bytelog_window_free. Like a scratch buffer, a window belongs to one
 * reader. */
typedef struct ng_bytelog_window {
    ng_buf bytes;       /* the file's bytes from `start` on */
    uint64_t start;
} ng_bytelog_window;

/* As ng_bytelog_read, through a window. A record the window holds is
 * served from it. Any other record the file holds is, when `follow` is
 * set (the reader goes on from there), read with the next
 * NG_BYTELOG_WINDOW bytes into the window in one read; otherwise (a
 * record off the reader's path) it is read alone into `scratch`, and the
 * window stays where it is. The pointer is valid until the next append,
 * the next read through the window that follows, or the next use of
 * `scratch`. */
int ng_bytelog_read_window(const ng_bytelog *log, uint64_t offset, ng_bytelog_window *window,
                           int follow, ng_buf *scratch, const char **bytes, size_t *n,
                           ng_error *err);

#define NG_BYTELOG_WINDOW ((size_t)64 << 10)

void ng_bytelog_window_free(ng_bytelog_window *window);

/* Whether the records have moved to a file. */
int ng_bytelog_on_disk(const ng_bytelog *log);

void ng_bytelog_free(ng_bytelog *log);

#endif
