/* newsgraph: status codes and the caller-allocated error record.
 *
 * Functions that can fail return 0 on success or a negative ng_status, or,
 * when they return a pointer, NULL on failure. Either way they fill an
 * optional ng_error (pass NULL if the details are not wanted). The library
 * never prints, exits or aborts on bad input: it reports through ng_error
 * and through the diagnostic callbacks described in extract.h.
 */
#ifndef NEWSGRAPH_ERROR_H
#define NEWSGRAPH_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ng_status {
    NG_OK = 0,
    NG_ERR_NOMEM = -1,     /* an allocation failed */
    NG_ERR_IO = -2,        /* a file could not be opened, read or written */
    NG_ERR_NOT_FOUND = -3, /* a file or entity does not exist */
    NG_ERR_PARSE = -4,     /* malformed input: graph file, JSON Lines record */
    NG_ERR_ENCODING = -5,  /* input is not text (binary, undecodable) */
    NG_ERR_INVALID = -6,   /* an argument is out of its domain */
    NG_ERR_FORMAT = -7,    /* unknown or unsupported file format */
    NG_ERR_LIMIT = -8,     /* input exceeds a documented limit */
    NG_ERR_AMBIGUOUS = -9, /* a name matches several entities */
    NG_ERR_STOPPED = -10   /* the caller asked the work to stop */
} ng_status;

#define NG_ERROR_SOURCE_SIZE 256
#define NG_ERROR_TEXT_SIZE 256

/* Where and what went wrong. `source` is the file name as given by the
 * caller ("-" for standard input); `line` and `column` are 1-based and 0
 * when unknown; `offset` is a byte offset into the source, -1 when
 * unknown. `text` is a complete English sentence fragment without the
 * location, suitable for "source:line: text". */
typedef struct ng_error {
    ng_status status;
    long line;
    long column;
    long long offset;
    char source[NG_ERROR_SOURCE_SIZE];
    char text[NG_ERROR_TEXT_SIZE];
} ng_error;

/* Resets `err` to "no error" (status NG_OK, no location). NULL is allowed. */
void ng_error_clear(ng_error *err);

/* A short static description of a status, e.g. "out of memory". */
const char *ng_status_string(ng_status status);

#ifdef __cplusplus
}
#endif

#endif
