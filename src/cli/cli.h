/* The newsgraph program: shared pieces of the subcommands. The program
 * uses only the public library API. */
#ifndef NG_CLI_H
#define NG_CLI_H

#include <stdio.h>

#include <newsgraph/newsgraph.h>

/* Exit codes, documented in `newsgraph --help`, the README and the man
 * page. Keep the three in step. */
enum {
    EXIT_OK = 0,         /* everything worked */
    EXIT_PARTIAL = 1,    /* done, but some input was skipped or repaired */
    EXIT_USAGE = 2,      /* bad command line */
    EXIT_NO_INPUT = 3,   /* no input could be read */
    EXIT_MALFORMED = 4,  /* a graph file is malformed */
    EXIT_OUTPUT = 5,     /* an output could not be written */
    EXIT_NOT_FOUND = 6,  /* a name matches no entity, or no path joins two */
    EXIT_AMBIGUOUS = 7,  /* a name matches several entities */
    EXIT_INTERNAL = 70   /* out of memory or an internal error */
};
/* An interrupted run exits with 128 + the signal: 130 for SIGINT, 143 for
 * SIGTERM (cli_interrupted). */

extern const char *const cli_exit_codes_help;

/* --- option parsing -------------------------------------------------------
 * Each subcommand declares its options in a table; cli_parse walks argv
 * and calls back for every option and operand, in order. "--" ends the
 * options; "-" alone is an operand. Long options take "--name value" or
 * "--name=value", short ones "-o value" or "-ovalue". */
typedef struct cli_option {
    const char *long_name;
    char short_name;   /* 0: none */
    int takes_value;
    int id;
} cli_option;

enum { CLI_OPERAND = -1 };

/* Called with the option's id (or CLI_OPERAND) and its value (or the
 * operand, or NULL for a flag). Returns 0 to go on, or an exit code. */
typedef int (*cli_handler)(int id, const char *value, void *ctx);

/* Returns 0, or EXIT_USAGE after printing what was wrong, or what the
 * handler returned. */
int cli_parse(const char *command, const cli_option *options, int argc, char **argv,
              cli_handler handler, void *ctx);

/* --- diagnostics ----------------------------------------------------------- */

/* Prints "newsgraph: SOURCE:LINE:COLUMN: TEXT" (as much of the location
 * as is known) to standard error. `kind` is NULL or e.g. "warning". */
void cli_report(const char *kind, const ng_error *err);

/* Prints "newsgraph: COMMAND: MESSAGE" and a hint to use --help; returns
 * EXIT_USAGE. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int cli_usage_error(const char *command, const char *fmt, ...);

/* Prints a subcommand's help to standard output: the NULL-terminated
 * parts in order, then --help and the exit codes. */
void cli_print_help(const char *const *parts);

/* The exit code for a library status, for failures that end the run. */
int cli_exit_code(ng_status status);

/* --- outputs --------------------------------------------------------------
 * The -o FILE options of a subcommand: graph files, or diagrams when the
 * extension is .svg, .png or .pdf. Formats are settled before any work is
 * done, so a typo in an extension costs nothing. Zero-initialise. */
typedef struct cli_outputs {
    const char **paths;
    ng_format *formats;
    ng_render_format *diagrams;        /* NG_RENDER_UNKNOWN for a graph file */
    const ng_render_options *render;   /* for the diagrams; NULL: the defaults */
    size_t jobs;                       /* threads formatting a graph file; 0 or 1: one */
    size_t count;
} cli_outputs;

/* Remembers one more output path (borrowed from argv). 0 or EXIT_INTERNAL. */
int cli_outputs_add(cli_outputs *outs, const char *path);

/* Gives every output its format: `forced` if not NG_FORMAT_UNKNOWN, else
 * the one its extension names, a graph format or a diagram's; "-" without
 * a format is JSON. With no outputs at all, adds "-". Returns 0, or
 * EXIT_USAGE after saying which path has no known format. */
int cli_outputs_resolve(cli_outputs *outs, ng_format forced, const char *command);

/* The same for outputs that must all be diagrams: `forced` if not
 * NG_RENDER_UNKNOWN, else by extension; "-" without a format is SVG. */
int cli_outputs_resolve_diagrams(cli_outputs *outs, ng_render_format forced,
                                 const char *command);

/* Writes the graph (or draws it) to every output, each through a temporary
 * file renamed into place. Reports each failure; returns EXIT_OK, EXIT_OUTPUT or
 * EXIT_INTERNAL, or writes nothing if the run was interrupted before it
 * began and returns cli_interrupted()'s code. */
int cli_outputs_write(const cli_outputs *outs, const ng_graph *graph);

void cli_outputs_free(cli_outputs *outs);

/* Parses a --format value; EXIT_USAGE (after a message) if unknown. */
int cli_parse_format(const char *command, const char *name, ng_format *out);

/* --- documents in ------------------------------------------------------------
 * What extract reads, and what the query commands read with --from.
 * Zero-initialise; the strings are borrowed from argv. */
typedef struct cli_corpus {
    const char **inputs;
    size_t input_count;
    const char **dicts;
    size_t dict_count;
    int no_default_dict;
    int keep_furniture;
    int quiet;          /* no warnings about the input, no progress line */
    size_t jobs;        /* threads extracting; 0 or 1: one */
    const char *label;  /* the graph's title; NULL: the inputs, joined */
    size_t evidence_mib;     /* see ng_graph_set_evidence_memory, */
    int evidence_memory_set; /* ... if set */
} cli_corpus;

/* Queues an input or a dictionary. 0 or EXIT_INTERNAL. */
int cli_corpus_add_input(cli_corpus *corpus, const char *path);
int cli_corpus_add_dict(cli_corpus *corpus, const char *path);

/* Extracts a graph from the inputs into *graph (owned by the caller).
 * Reports each problem as it goes; returns EXIT_OK, or EXIT_PARTIAL when
 * some input was skipped or repaired, or another exit code (*graph NULL)
 * when the dictionaries failed or no document could be read. */
int cli_corpus_extract(const cli_corpus *corpus, const char *command, ng_graph **graph);

void cli_corpus_free(cli_corpus *corpus);

/* --- interruption (signals.c) ----------------------------------------------
 * SIGINT and SIGTERM only set a flag, which long runs poll at safe points:
 * between documents and before each output. */

/* Catches SIGINT and SIGTERM, and ignores SIGXFSZ so that exceeding
 * `ulimit -f` is a write error. 0, or -1 with errno set. */
int cli_signals_install(void);

/* Nonzero once SIGINT or SIGTERM has arrived. */
int cli_stop_requested(void);

/* Says on standard error that the run was interrupted and nothing written;
 * returns the exit code, 128 + the signal number. */
int cli_interrupted(void);

/* Parses a --jobs value into *jobs: a whole number, 0 meaning one per
 * core. 0 or EXIT_USAGE after a message. */
int cli_parse_jobs(const char *command, const char *value, size_t *jobs);

/* --- subcommands ----------------------------------------------------------- */
int cli_extract(int argc, char **argv);
int cli_convert(int argc, char **argv);
int cli_render(int argc, char **argv);
int cli_eval(int argc, char **argv);
int cli_neighbours(int argc, char **argv);
int cli_path(int argc, char **argv);
int cli_stats(int argc, char **argv);
int cli_merge(int argc, char **argv);

#endif
