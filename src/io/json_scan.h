/* A pull reader of JSON text: the JSON graph loader asks for one value at
 * a time and builds the graph as it reads, so a document is never held
 * whole in memory, and values it does not need are checked and passed
 * over without being decoded.
 *
 * The text is checked as it is read, against RFC 8259 and the limits the
 * JSON loader has always had:
 *
 *   - strings are valid UTF-8, with no raw control characters; escapes are
 *     the standard ones, \u0000 is refused (strings come out as C
 *     strings), and a \u escape of a surrogate must be the high half of a
 *     pair whose low half follows at once;
 *   - an object does not repeat a key (unless the caller allows it);
 *   - integers fit in a long long, and real numbers do not overflow a
 *     double (strtod would give infinity);
 *   - values nest at most NG_JSON_MAX_DEPTH deep (the top-level value is
 *     at depth 1), so hostile input cannot make anything grow with it.
 *
 * Malformed text fails with NG_ERR_PARSE, "not valid JSON: ...", and the
 * line, column (in characters) and byte offset of the fault; a stream
 * that cannot be read fails with NG_ERR_IO. A failure is final: every
 * later call returns the same status.
 *
 * Reading follows the document: ng_json_peek says what the next value is;
 * ng_json_enter opens an object or an array, whose members or items
 * ng_json_next_member and ng_json_next_item then step through, each
 * followed by exactly one call that reads, skips or enters the value;
 * scalars are read with ng_json_read_string and ng_json_read_number, and
 * any value is passed over with ng_json_skip. ng_json_finish checks that
 * nothing but white space follows the top-level value.
 */
#ifndef NG_IO_JSON_SCAN_H
#define NG_IO_JSON_SCAN_H

#include <stddef.h>
#include <stdio.h>

#include <newsgraph/error.h>

#include "util/buf.h"

#define NG_JSON_MAX_DEPTH 2048

typedef enum ng_json_type {
    NG_JSON_OBJECT,
    NG_JSON_ARRAY,
    NG_JSON_STRING,
    NG_JSON_NUMBER,
    NG_JSON_BOOLEAN,
    NG_JSON_NULL
} ng_json_type;

/* A place in the text, for messages. */
typedef struct ng_json_pos {
    long long offset; /* bytes before it */
    long line;        /* 1-based */
    long column;      /* 1-based, in characters; 0 when unknown */
} ng_json_pos;

typedef struct ng_json_frame ng_json_frame;
typedef struct ng_json_key ng_json_key;

/* The reader's state; its members are private to json_scan.c. */
typedef struct ng_json_scan {
    FILE *in;                 /* NULL when reading bytes in memory */
    const char *source;
    ng_error *err;
    int status;               /* 0, or the failure every call now returns */

    unsigned char *window;    /* the stream's bytes being read, when in != NULL */
    const unsigned char *buf; /* the bytes at hand: window, or the caller's */
    size_t pos, end;          /* buf[pos..end) is still to be read */
    int at_eof;               /* nothing more will come after buf[end - 1] */

    long long base;           /* offset of buf[0] in the text */
    long line;                /* line of buf[pos] */
    long long line_mark;      /* offset in the current line up to which... */
    long line_chars;          /* ...line_chars characters have been counted */

    size_t token;             /* index in buf of the token last begun */
    long token_line;
    int token_gone;           /* its bytes were dropped: token_pos holds its place */
    ng_json_pos token_pos;
    int peeked;               /* the next value's first byte has been looked at */

    ng_json_frame *frames;    /* the objects and arrays open, outermost first */
    size_t depth, frame_cap;
    ng_buf keys;              /* the keys of the open objects, each NUL-terminated */
    ng_json_key *key_list;
    size_t key_count, key_cap;

    int repeats_allowed;      /* objects may repeat a key */
    ng_buf *capture;          /* where ng_json_capture copies the text it skips */
    size_t capture_from;      /* index in buf of the first byte not yet copied */
    ng_buf quote;             /* keys quoted in messages */
} ng_json_scan;

/* Starts reading the stream `in` (borrowed, not closed). `source` names
 * the text in messages and must outlive the reader; err (may be NULL) is
 * where failures are reported. Returns 0, or NG_ERR_NOMEM. */
int ng_json_scan_open(ng_json_scan *scan, FILE *in, const char *source, ng_error *err);

/* Starts reading the bytes text[0..len), borrowed for the reader's life.
 * `at` says where they began in a larger text (as ng_json_capture
 * reported it), so that positions in messages are that text's; NULL
 * starts at line 1, column 1, offset 0. */
void ng_json_scan_bytes(ng_json_scan *scan, const char *text, size_t len, const ng_json_pos *at,
                        const char *source, ng_error *err);

/* Lets objects repeat keys, as Python's json module and jansson without
 * JSON_REJECT_DUPLICATES do (they keep the last value; keeping it is the
 * caller's part). Call before reading. */
void ng_json_scan_allow_repeated_keys(ng_json_scan *scan);

/* Releases what the reader holds; the stream stays open. */
void ng_json_scan_close(ng_json_scan *scan);

/* Stores the type of the next value, reading only its first bytes.
 * Returns 0, or a negative ng_status (including at the end of the text,
 * or at a byte that cannot begin a value). */
int ng_json_peek(ng_json_scan *scan, ng_json_type *type);

/* Opens the next value, which must be an object or an array. */
int ng_json_enter(ng_json_scan *scan);

/* Moves to the next member of the innermost open object: returns 1 and
 * stores its key (a C string borrowed until the next call), or 0 when the
 * object ends (and is closed), or a negative ng_status. */
int ng_json_next_member(ng_json_scan *scan, const char **key);

/* Moves to the next item of the innermost open array: 1 if there is one,
 * 0 when the array ends (and is closed), or a negative ng_status. */
int ng_json_next_item(ng_json_scan *scan);

/* Reads the next value, which must be a string, into `out` (replacing
 * what it held): decoded, NUL-terminated, free of NUL bytes. */
int ng_json_read_string(ng_json_scan *scan, ng_buf *out);

/* Reads the next value, which must be a number. An integer (no fraction,
 * no exponent) sets *is_integer to 1 and *value to it; a real number sets
 * *is_integer to 0 and leaves *value alone. */
int ng_json_read_number(ng_json_scan *scan, long long *value, int *is_integer);

/* Passes over the next value, whatever it is, checking it all the same. */
int ng_json_skip(ng_json_scan *scan);

/* Passes over the next value as ng_json_skip does, appending its text to
 * `out` and storing where it began in *at, for reading it later with
 * ng_json_scan_bytes. */
int ng_json_capture(ng_json_scan *scan, ng_buf *out, ng_json_pos *at);

/* Checks that only white space follows the top-level value. */
int ng_json_finish(ng_json_scan *scan);

/* Where the token last begun is: the value being read or just read, the
 * key of the member just reached, or the bracket that closed an object
 * or array. Call before reading on. */
ng_json_pos ng_json_where(const ng_json_scan *scan);

#endif
