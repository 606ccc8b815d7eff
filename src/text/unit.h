/* Reading in three steps, so that the costly one can run on any thread.
 *
 * A unit is one piece of input: a text file, standard input, one line of
 * a JSON Lines corpus, or a note about an input that cannot be read.
 *
 *   ng_unit_take    (the reader's thread, in order) picks the next unit;
 *   ng_unit_load    (any thread) reads and normalises it, touching nothing
 *                   but the unit, and keeps its warnings instead of
 *                   reporting them;
 *   ng_unit_finish  (the reader's thread, in the order of take) reports
 *                   the warnings, then names the document, since a name
 *                   depends on the names handed out before it.
 *
 * ng_reader_next is the three in a row; parallel extraction loads units
 * on its workers, extracts them under a provisional name, and finishes
 * them in order. */
#ifndef NG_TEXT_UNIT_H
#define NG_TEXT_UNIT_H

#include <stddef.h>

#include <newsgraph/extract.h>

#include "util/buf.h"

#define NG_UNIT_DATE_LEN 10

typedef enum ng_unit_kind {
    NG_UNIT_NOTE,   /* nothing to load: only warnings, or an error */
    NG_UNIT_FILE,   /* a text file, read by ng_unit_load */
    NG_UNIT_STDIN,  /* standard input, read by ng_unit_take */
    NG_UNIT_RECORD  /* one line of a JSON Lines corpus */
} ng_unit_kind;

/* What loading a unit reads and normalises into: a thread's, reused from
 * one unit to the next. Zero-initialise; release with
 * ng_unit_buffers_free. */
typedef struct ng_unit_buffers {
    ng_buf raw;
    ng_buf text;
    size_t *origin;
    size_t origin_cap;
} ng_unit_buffers;

void ng_unit_buffers_free(ng_unit_buffers *b);

typedef struct ng_unit {
    /* Set by ng_unit_take. Strings are borrowed from the reader. */
    ng_unit_kind kind;
    int keep_furniture;
    const char *path;      /* the input, as queued */
    size_t rel;            /* offset in path of the part below its directory */
    const char *base;      /* RECORD: the corpus's base name */
    long line;             /* RECORD: 1-based line */
    long long line_offset; /* RECORD: byte offset of that line */
    char *text_line;       /* RECORD: the line (getline's buffer) */
    size_t text_line_cap;
    size_t text_line_len;
    ng_buf input;          /* STDIN: what it held */
    int read_errno;        /* STDIN: why reading failed, or 0 */

    /* Set by ng_unit_load (by ng_unit_take for a note). */
    int status;            /* 1: a document; 0: skipped; < 0: failed, see err */
    ng_error err;
    ng_error *warnings;    /* in the order they arose */
    size_t warning_count;
    size_t warning_cap;
    int warnings_lost;     /* out of memory while keeping one */
    /* The document, its name provisional until ng_unit_finish. Its raw
     * bytes, text and origins are in the buffers it was loaded with, and
     * valid until they load another unit; the rest is the unit's. */
    ng_document doc;
    ng_unit_buffers *buffers; /* those it was loaded with */
    ng_buf id;             /* RECORD: the id asked for */
    char date[NG_UNIT_DATE_LEN + 1];
    char *title;
} ng_unit;

/* Zero-initialise a unit ({0}) before its first use; its buffers are
 * kept from one unit to the next until ng_unit_release. */
void ng_unit_release(ng_unit *u);

/* Forgets what the unit held (keeping its memory), for the next take. */
void ng_unit_reset(ng_unit *u);

/* Fills the unit with the next piece of input. Returns 1, 0 when every
 * input has been read, or NG_ERR_NOMEM with err set. */
int ng_unit_take(ng_reader *reader, ng_unit *u, ng_error *err);

/* Reads and normalises the unit into `buffers`, setting status, err,
 * warnings and, for a document, doc with a provisional name. Safe on any
 * thread, as long as no other thread uses the same unit or buffers. */
void ng_unit_load(ng_unit *u, ng_unit_buffers *buffers);

/* Reports the unit's warnings through the reader's callback; then returns
 * its error (err filled), 0 if it was skipped, or 1 with *doc set to its
 * document under the name it keeps (valid as said of ng_unit.doc; the
 * name until the reader is freed). */
int ng_unit_finish(ng_reader *reader, ng_unit *u, const ng_document **doc, ng_error *err);

/* --- for the reader ------------------------------------------------------- */

/* Whether the first bytes of s[0..n) are binary rather than text. */
int ng_unit_looks_binary(const char *s, size_t n);

/* Reads standard input into the unit; read_errno says how it went, and
 * ng_unit_load reports it. Done when the unit is taken, so that two "-"
 * inputs get what the stream holds in their order, whichever threads load
 * them. */
void ng_unit_read_stdin(ng_unit *u);

/* Keeps a warning about `source` (line and column 0 and offset -1 when
 * unknown) to be reported by ng_unit_finish. */
#if defined(__GNUC__)
__attribute__((format(printf, 7, 8)))
#endif
void ng_unit_warn(ng_unit *u, ng_status status, const char *source, long line, long column,
                  long long offset, const char *fmt, ...);

#endif
