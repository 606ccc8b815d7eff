#include <stdarg.h>
#include <stdio.h>

#include "cli/cli.h"

const char *const cli_exit_codes_help =
    "Exit status:\n"
    "  0   success\n"
    "  1   partial: finished, but some input was skipped or repaired (see messages)\n"
    "  2   usage error: unknown subcommand or option, missing argument\n"
    "  3   no input could be read\n"
    "  4   a graph file is malformed\n"
    "  5   an output file could not be written (any previous file is left intact)\n"
    "  6   not found: a name matches no entity, or no path joins the two\n"
    "  7   ambiguous: a name matches several entities (they are listed)\n"
    "  70  internal error (out of memory)\n"
    "  130 interrupted by SIGINT (143: SIGTERM) before any output was written\n";

void cli_report(const char *kind, const ng_error *err)
{
    fputs("newsgraph: ", stderr);
    if (err->source[0]) {
        fputs(err->source, stderr);
        if (err->line > 0)
            fprintf(stderr, ":%ld", err->line);
        if (err->line > 0 && err->column > 0)
            fprintf(stderr, ":%ld", err->column);
        fputs(": ", stderr);
    }
    if (kind)
        fprintf(stderr, "%s: ", kind);
    fprintf(stderr, "%s\n", err->text[0] ? err->text : ng_status_string(err->status));
}

void cli_print_help(const char *const *parts)
{
    for (; *parts; parts++)
        fputs(*parts, stdout);
    fputs("  -h, --help            show this help\n\n", stdout);
    fputs(cli_exit_codes_help, stdout);
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "newsgraph: %s: ", command);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'newsgraph %s --help'.\n", command);
    va_end(ap);
    return EXIT_USAGE;
}

int cli_exit_code(ng_status status)
{
    switch (status) {
    case NG_OK: return EXIT_OK;
    case NG_ERR_NOT_FOUND:
    case NG_ERR_IO:
    case NG_ERR_ENCODING: return EXIT_NO_INPUT;
    case NG_ERR_PARSE:
    case NG_ERR_LIMIT: return EXIT_MALFORMED;
    case NG_ERR_FORMAT:
    case NG_ERR_INVALID: return EXIT_USAGE;
    case NG_ERR_AMBIGUOUS: return EXIT_AMBIGUOUS;
    case NG_ERR_NOMEM: return EXIT_INTERNAL;
    case NG_ERR_STOPPED: return EXIT_INTERNAL; /* callers stop with cli_interrupted */
    }
    return EXIT_INTERNAL;
}

