/* newsgraph: the command-line program. Everything but option handling and
 * printing lives in the library. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/query.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"extract", cli_extract, "build a graph from news documents"},
    {"convert", cli_convert, "write a saved graph in another format"},
    {"render", cli_render, "draw a saved graph as a diagram (SVG, PNG, PDF)"},
    {"neighbours", cli_neighbours, "list the entities around one, with their routes"},
    {"path", cli_path, "the shortest paths between two entities"},
    {"stats", cli_stats, "count what a graph holds; its most connected entities"},
    {"merge", cli_merge, "merge graphs into one"},
    {"eval", cli_eval, "score a graph against gold annotations"},
};
#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

static void print_help(FILE *out)
{
    fputs("Usage: newsgraph COMMAND [OPTIONS] [ARGS]\n"
          "       newsgraph --help | --version\n"
          "\n"
          "Turn news articles into a graph of who meets, visits, supplies and\n"
          "sanctions whom, with the evidence for every edge.\n"
          "\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("  help CMD   show the help of a command\n"
          "\n"
          "Run 'newsgraph COMMAND --help' for a command's options.\n"
          "\n",
          out);
    fputs(cli_exit_codes_help, out);
}

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

/* "newsgraph help extract" is "newsgraph extract --help". */
static int run_help(int argc, char **argv)
{
    if (argc < 3) {
        print_help(stdout);
        return EXIT_OK;
    }
    const command *c = find_command(argv[2]);
    if (!c) {
        fprintf(stderr, "newsgraph: help: unknown command '%s'\n", argv[2]);
        return EXIT_USAGE;
    }
    char help[] = "--help";
    char *args[] = {argv[2], help, NULL};
    return c->run(2, args);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        print_help(stdout);
        return EXIT_OK;
    }
    if (strcmp(name, "--version") == 0) {
        printf("newsgraph %s\n", ng_version());
        return EXIT_OK;
    }
    if (strcmp(name, "help") == 0)
        return run_help(argc, argv);
    const command *c = find_command(name);
    if (!c) {
        fprintf(stderr, "newsgraph: unknown command '%s'\nTry 'newsgraph --help'.\n", name);
        return EXIT_USAGE;
    }
    if (cli_signals_install() != 0) {
        perror("newsgraph: cannot catch signals");
        return EXIT_INTERNAL;
    }
    int rc = c->run(argc - 1, argv + 1);
    if (cli_evidence_release() && (rc == EXIT_OK || rc == EXIT_PARTIAL))
        rc = EXIT_INTERNAL;
    if (fflush(stdout) != 0 && rc == EXIT_OK) {
        perror("newsgraph: standard output");
        rc = EXIT_OUTPUT;
    }
    return rc;
}
