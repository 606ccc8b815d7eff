#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int cli_outputs_add(cli_outputs *outs, const char *path)
{
    size_t n = outs->count + 1;
    const char **paths = realloc(outs->paths, n * sizeof *paths);
    if (!paths)
        return EXIT_INTERNAL;
    outs->paths = paths;
    ng_format *formats = realloc(outs->formats, n * sizeof *formats);
    if (!formats)
        return EXIT_INTERNAL;
    outs->formats = formats;
    ng_render_format *diagrams = realloc(outs->diagrams, n * sizeof *diagrams);
    if (!diagrams)
        return EXIT_INTERNAL;
    outs->diagrams = diagrams;
    outs->paths[outs->count] = path;
    outs->formats[outs->count] = NG_FORMAT_UNKNOWN;
    outs->diagrams[outs->count] = NG_RENDER_UNKNOWN;
    outs->count = n;
    return 0;
}

int cli_outputs_resolve(cli_outputs *outs, ng_format forced, const char *command)
{
    if (outs->count == 0 && cli_outputs_add(outs, "-") != 0)
        return EXIT_INTERNAL;
    for (size_t i = 0; i < outs->count; i++) {
        const char *path = outs->paths[i];
        ng_format f = forced != NG_FORMAT_UNKNOWN ? forced : ng_format_from_path(path);
        if (f == NG_FORMAT_UNKNOWN && strcmp(path, "-") == 0)
            f = NG_FORMAT_JSON;
        if (f == NG_FORMAT_UNKNOWN)
            outs->diagrams[i] = ng_render_format_from_path(path);
        if (f == NG_FORMAT_UNKNOWN && outs->diagrams[i] == NG_RENDER_UNKNOWN)
            return cli_usage_error(command,
                                   "cannot tell the format of '%s': use the extension .json, "
                                   ".graphml, .dot, .svg, .png or .pdf, or --format",
                                   path);
        outs->formats[i] = f;
    }
    return 0;
}

int cli_outputs_resolve_diagrams(cli_outputs *outs, ng_render_format forced, const char *command)
{
    if (outs->count == 0 && cli_outputs_add(outs, "-") != 0)
        return EXIT_INTERNAL;
    for (size_t i = 0; i < outs->count; i++) {
        const char *path = outs->paths[i];
        ng_render_format f =
            forced != NG_RENDER_UNKNOWN ? forced : ng_render_format_from_path(path);
        if (f == NG_RENDER_UNKNOWN && strcmp(path, "-") == 0)
            f = NG_RENDER_SVG;
        if (f == NG_RENDER_UNKNOWN)
            return cli_usage_error(command,
                                   "cannot tell the format of '%s': use the extension .svg, "
                                   ".png or .pdf, or --format",
                                   path);
        outs->diagrams[i] = f;
    }
    return 0;
}

/* Writes one output; returns 0 or the library's status, with err filled. */
static int write_output(const cli_outputs *outs, size_t i, const ng_graph *graph, ng_error *err)
{
    if (outs->diagrams[i] != NG_RENDER_UNKNOWN)
        return ng_render_save(graph, outs->render, outs->diagrams[i], outs->paths[i], err);
    return ng_io_save_threads(graph, outs->formats[i], outs->paths[i], outs->jobs, err);
}

int cli_outputs_write(const cli_outputs *outs, const ng_graph *graph)
{
    int rc = EXIT_OK;
    /* Interrupted before writing: write nothing. Once writing has begun,
     * every output is finished, so that they all come from the same run. */
    if (cli_stop_requested())
        return cli_interrupted();
    for (size_t i = 0; i < outs->count; i++) {
        ng_error err;
        if (write_output(outs, i, graph, &err) != 0) {
            cli_report(NULL, &err);
            rc = err.status == NG_ERR_NOMEM ? EXIT_INTERNAL : EXIT_OUTPUT;
        }
    }
    return rc;
}

void cli_outputs_free(cli_outputs *outs)
{
    free(outs->paths);
    free(outs->formats);
    free(outs->diagrams);
    outs->paths = NULL;
    outs->formats = NULL;
    outs->diagrams = NULL;
    outs->count = 0;
}

int cli_parse_format(const char *command, const char *name, ng_format *out)
{
    *out = ng_format_from_name(name);
    if (*out == NG_FORMAT_UNKNOWN)
        return cli_usage_error(command, "unknown format '%s' (use json, graphml or dot)", name);
    return 0;
}
