/* newsgraph: reading news documents and extracting a graph from them.
 *
 * A reader walks the inputs it is given (files, directories recursively,
 * "-" for standard input, JSON Lines corpora with one
 * {"id","date","title","text"} record per line) and hands out one
 * normalised document at a time, so a corpus is streamed rather than held
 * in memory. Problems that do not stop the reader (a binary file skipped, an
 * invalid byte replaced, an empty file) are reported through the warning
 * callback; nothing is printed.
 *
 *     ng_extractor *x = ng_extractor_new(NULL, &err);   // the built-in dictionary
 *     ng_reader *r = ng_reader_new(NULL, &err);
 *     ng_reader_add(r, "seeds", &err);
 *     const ng_document *doc;
 *     int rc;
 *     while ((rc = ng_reader_next(r, &doc, &err)) != 0) {
 *         if (rc < 0) { report(&err); continue; }   // that input is skipped
 *         ng_extract_document(x, graph, doc, &err);
 *     }
 *     ng_reader_free(r);
 *     ng_extractor_free(x);
 */
#ifndef NEWSGRAPH_EXTRACT_H
#define NEWSGRAPH_EXTRACT_H

#include <stddef.h>

#include <newsgraph/error.h>
#include <newsgraph/graph.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Receives a warning; `diag` is only valid during the call. */
typedef void (*ng_warning_fn)(const ng_error *diag, void *user);

typedef struct ng_reader_options {
    ng_warning_fn on_warning; /* may be NULL: warnings are then dropped */
    void *user;               /* passed to on_warning */
    int keep_furniture;       /* nonzero: do not blank page furniture */
} ng_reader_options;

/* One document, as handed out by ng_reader_next. Everything it points to
 * belongs to the reader and stays valid until the next call to
 * ng_reader_next or ng_reader_free. */
typedef struct ng_document {
    const char *name;     /* base file name, or the JSON Lines "id" */
    const char *source;   /* the path it was read from ("-" for stdin) */
    long line;            /* JSON Lines: 1-based line of the record; else 0 */
    const char *date;     /* YYYY-MM-DD, or NULL when the input has none */
    const char *title;    /* JSON Lines "title", or NULL */

    /* The document as read: for a file its bytes (which may hold invalid
     * UTF-8); for a JSON Lines record its title, a blank line and its text.
     * Evidence byte spans point into this. */
    const char *raw;
    size_t raw_length;

    /* The text to analyse: valid UTF-8 in NFC, with typographic quotes,
     * dashes and unusual spaces folded to ASCII, invalid bytes replaced by
     * U+FFFD, control characters by spaces, and page furniture lines and
     * the leading "date YYYY-MM-DD" blanked out. origin[i] is the offset in
     * `raw` of the byte that produced text[i]; origin[length] ==
     * raw_length. NUL-terminated. */
    const char *text;
    size_t length;
    const size_t *origin;
} ng_document;

typedef struct ng_reader ng_reader;

/* Returns a new reader owned by the caller (ng_reader_free), or NULL.
 * `options` is copied and may be NULL. */
ng_reader *ng_reader_new(const ng_reader_options *options, ng_error *err);
void ng_reader_free(ng_reader *reader);

/* Queues an input: a file, a directory (its files are read recursively in
 * byte order of their paths, hidden entries skipped) or "-" for standard
 * input. Files ending in .jsonl or .ndjson are JSON Lines corpora. Fails
 * with NG_ERR_NOT_FOUND or NG_ERR_IO (err names the path) if the path
 * cannot be examined; nothing is queued then. */
int ng_reader_add(ng_reader *reader, const char *path, ng_error *err);

/* Hands out the next document. Returns 1 and sets *doc; 0 when every input
 * has been read; a negative ng_status when one input (a file or a JSON Lines
 * record) could not be read: err says which and why, the reader has moved
 * past it, and the caller may keep calling. */
int ng_reader_next(ng_reader *reader, const ng_document **doc, ng_error *err);

/* Number of documents handed out so far. */
size_t ng_reader_document_count(const ng_reader *reader);

/* The size in bytes of every file queued, as the file system gives it now
 * (for a progress estimate); 0 when standard input is queued, whose size
 * is unknown. */
unsigned long long ng_reader_input_bytes(const ng_reader *reader);

/* The extractor holds the dictionaries: the known names, the title and
 * suffix cues, the words of the relations and of their modality (the
 * format is documented in data/README.md). */
typedef struct ng_extractor ng_extractor;

typedef struct ng_extractor_options {
    int no_default_dictionary; /* nonzero: start from an empty dictionary */
} ng_extractor_options;

/* Returns a new extractor owned by the caller (ng_extractor_free), with
 * the built-in dictionary unless the options say otherwise; NULL if out of
 * memory. `options` may be NULL. */
ng_extractor *ng_extractor_new(const ng_extractor_options *options, ng_error *err);
void ng_extractor_free(ng_extractor *extractor);

/* Loads a dictionary file whose entries add to, replace or remove those
 * loaded before. Errors name the file, line and column (NG_ERR_PARSE,
 * NG_ERR_ENCODING), or the file (NG_ERR_NOT_FOUND, NG_ERR_IO); a file with
 * an error changes nothing. */
int ng_extractor_add_dictionary(ng_extractor *extractor, const char *path, ng_error *err);

/* Runs the extraction pipeline on one document and adds what it finds to
 * the graph: the document record (name, date, sentence count), the
 * entities mentioned, and the relations between them with their evidence.
 * What is found does not depend on what the graph holds already: it is
 * gathered apart, then added. An extractor is not safe to use from two
 * threads at once. */
int ng_extract_document(ng_extractor *extractor, ng_graph *graph, const ng_document *doc,
                        ng_error *err);

/* What ng_extract_corpus tells its caller as it goes, always on the
 * calling thread. Every member may be NULL. */
typedef struct ng_corpus_callbacks {
    /* A document that could not be read or extracted; it is skipped. */
    void (*on_error)(const ng_error *err, void *user);
    /* After each document, in order: how many so far, and their bytes. */
    void (*on_progress)(size_t documents, unsigned long long bytes, void *user);
    /* Asked before each document is read; nonzero stops the run. */
    int (*should_stop)(void *user);
    void *user;
} ng_corpus_callbacks;

/* Extracts every document `reader` hands out into `graph`, on one thread
 * per extractor: extractors[0..count) must be distinct and loaded with the
 * same dictionaries. With count 1 everything runs on the calling thread.
 * The graph is the same whatever the count: documents are read,
 * normalised and extracted on any of the threads, and added to the graph
 * in the order the reader gives them; the reader's warnings and the
 * callbacks come in that order too, on the calling thread. Returns 0; NG_ERR_STOPPED if should_stop asked for it (the graph then
 * holds the documents before); NG_ERR_NOMEM, or NG_ERR_INVALID if a
 * thread cannot be started, with err set. */
int ng_extract_corpus(ng_extractor *const *extractors, size_t count, ng_reader *reader,
                      ng_graph *graph, const ng_corpus_callbacks *callbacks, ng_error *err);

#ifdef __cplusplus
}
#endif

#endif
