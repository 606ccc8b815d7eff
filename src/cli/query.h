/* The query commands (neighbours, path, stats, merge): getting the graph
 * to ask, the options that filter what a query may follow, resolving the
 * names typed, and printing tables, tab-separated values and JSON. */
#ifndef NG_CLI_QUERY_H
#define NG_CLI_QUERY_H

#include <stdio.h>

#include <jansson.h>

#include <newsgraph/query.h>

#include "cli/cli.h"

/* --- the graph asked ---------------------------------------------------------- */

/* Loads the graph file `path` (its format from the extension; "-" is JSON
 * on standard input) with the NG_LOAD_* `flags` or, when the corpus has
 * inputs, extracts the graph from them instead (the flags do not apply).
 * Returns EXIT_OK or EXIT_PARTIAL with *graph set (owned by the caller),
 * or another exit code after reporting why not. */
int cli_query_graph(const char *path, const cli_corpus *corpus, const char *command,
                    unsigned flags, ng_graph **graph);

/* --- options ----------------------------------------------------------------- */

enum {
    CLI_OPT_RELATION = 1000,
    CLI_OPT_DIRECTION,
    CLI_OPT_MODALITY,
    CLI_OPT_SINCE,
    CLI_OPT_UNTIL,
    CLI_OPT_TYPE,
    CLI_OPT_MIN_WEIGHT,
    CLI_OPT_FROM,
    CLI_OPT_DICT,
    CLI_OPT_QUIET
};

/* Entries of an option table: what a traversal may follow... */
#define CLI_FILTER_OPTIONS                                                                     \
    {"relation", 'r', 1, CLI_OPT_RELATION}, {"direction", 0, 1, CLI_OPT_DIRECTION},            \
        {"modality", 'm', 1, CLI_OPT_MODALITY}, {"since", 0, 1, CLI_OPT_SINCE},                \
        {"until", 0, 1, CLI_OPT_UNTIL}, {"type", 't', 1, CLI_OPT_TYPE},                        \
        {"min-weight", 0, 1, CLI_OPT_MIN_WEIGHT}

/* ...and documents to extract the graph from instead of a graph file. */
#define CLI_CORPUS_OPTIONS                                                                     \
    {"from", 0, 1, CLI_OPT_FROM}, {"dict", 0, 1, CLI_OPT_DICT}, {"quiet", 'q', 0, CLI_OPT_QUIET}

/* Their lines in --help. */
extern const char *const cli_filter_help;
extern const char *const cli_corpus_help;

/* Handles an option of CLI_FILTER_OPTIONS (--relation and --type take
 * comma-separated lists and add up; dates are YYYY, YYYY-MM or
 * YYYY-MM-DD). `filter` keeps pointers into argv. Returns 0, or
 * EXIT_USAGE after saying what is wrong. */
int cli_filter_option(ng_query_filter *filter, const char *command, int id, const char *value);

/* Handles an option of CLI_CORPUS_OPTIONS. 0 or EXIT_INTERNAL. */
int cli_corpus_option(cli_corpus *corpus, int id, const char *value);

/* Parses a whole number of at least `min` for `option`. 0 or EXIT_USAGE. */
int cli_parse_count(const char *command, const char *option, const char *value, size_t min,
                    size_t *out);

/* How a command prints its results. */
typedef enum cli_style { CLI_TABLE, CLI_TSV, CLI_JSON, CLI_DOT } cli_style;
#define CLI_STYLE_BIT(style) (1u << (style))

/* Parses --format among the styles a command offers (a CLI_STYLE_BIT
 * set). 0 or EXIT_USAGE. */
int cli_parse_style(const char *command, const char *value, unsigned offered, cli_style *out);

/* --- names and hops ---------------------------------------------------------- */

/* Resolves NAME as ng_query_resolve does. When it is not found, or fits
 * several entities (which are listed with their types), says so and
 * returns EXIT_NOT_FOUND or EXIT_AMBIGUOUS. A name guessed from a prefix
 * or a spelling gets a note on standard error unless quiet. */
int cli_resolve(const ng_graph *graph, const char *command, const char *name, int quiet,
                const ng_entity **out);

/* "out" when a hop from `from` follows `edge` from its source, "in" when
 * it goes against it, "both" for `meets`. */
const char *cli_hop_direction(const ng_edge *edge, const ng_entity *from);

/* Evidence record i of the edge, read into the command's one reader: valid
 * until the next call of cli_evidence_at or cli_strongest_evidence. NULL
 * if it cannot be read, after a message (the first time) on stderr. */
const ng_evidence *cli_evidence_at(const ng_edge *edge, size_t i);

/* Frees the reader; returns 1 if a record could not be read, else 0. */
int cli_evidence_release(void);

/* The strongest of the edge's evidence records that pass the filter (the
 * first of equals), or NULL; as valid as cli_evidence_at's. */
const ng_evidence *cli_strongest_evidence(const ng_edge *edge, const ng_query_filter *filter);

/* Writes how the hop reads, "-meets-", "-visits->" or "<-supplies-". */
void cli_hop_arrow(char *buf, size_t size, const ng_edge *edge, const ng_entity *from);

/* --- printing ---------------------------------------------------------------- */

/* Writes `s` with control characters and bidirectional overrides turned
 * into spaces, so that names read from a file can neither break a line of
 * a table nor reorder a terminal's text. NULL writes nothing. */
void cli_put_text(FILE *out, const char *s);

/* A table built cell by cell, row after row, the first row the headers;
 * printed aligned (two spaces between columns, widths in characters) or as
 * tab-separated values. Notes are lines printed under the row last filled
 * (in the aligned form and in TSV alike). Allocation failures are
 * remembered and reported by cli_table_print, so filling needs no checks. */
typedef struct cli_table {
    size_t columns;
    char **cells;
    size_t cell_count, cell_cap;
    char **notes;
    size_t *note_rows;
    size_t note_count, note_cap;
    int failed;
} cli_table;

void cli_table_init(cli_table *table, const char *const *headers, size_t columns);
void cli_table_cell(cli_table *table, const char *text);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void cli_table_cellf(cli_table *table, const char *fmt, ...);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void cli_table_note(cli_table *table, const char *fmt, ...);
/* Returns EXIT_OK, or EXIT_INTERNAL when memory ran out while filling. */
int cli_table_print(const cli_table *table, int tsv, FILE *out);
void cli_table_free(cli_table *table);

/* A note under the last row with one evidence record: document, sentence,
 * date, modality and the sentence itself. */
void cli_table_evidence(cli_table *table, const ng_evidence *evidence);

/* JSON values, each a new reference (NULL if out of memory): a string
 * (null for NULL; bytes that are not UTF-8 become '?'), an entity's id,
 * label and type, an evidence record. */
json_t *cli_json_text(const char *s);
json_t *cli_json_entity(const ng_entity *entity);
json_t *cli_json_evidence(const ng_evidence *evidence);

/* Prints `root` (consumed; NULL means out of memory) indented to
 * standard output. EXIT_OK, EXIT_OUTPUT or EXIT_INTERNAL. */
int cli_json_print(json_t *root);

#endif
