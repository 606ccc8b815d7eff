#include <stdarg.h>
#include <string.h>

#include "cli/cli.h"

static const cli_option *find_long(const cli_option *options, const char *name, size_t len)
{
    for (const cli_option *o = options; o->long_name || o->short_name; o++)
        if (o->long_name && strlen(o->long_name) == len && strncmp(o->long_name, name, len) == 0)
            return o;
    return NULL;
}

static const cli_option *find_short(const cli_option *options, char name)
{
    for (const cli_option *o = options; o->long_name || o->short_name; o++)
        if (o->short_name == name)
            return o;
    return NULL;
}

/* Handles argv[*i], a long option; may consume argv[*i + 1]. */
static int parse_long(const char *command, const cli_option *options, int argc, char **argv,
                      int *i, cli_handler handler, void *ctx)
{
    const char *name = argv[*i] + 2;
    const char *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    const cli_option *o = find_long(options, name, len);
    if (!o)
        return cli_usage_error(command, "unknown option '--%.*s'", (int)len, name);
    if (!o->takes_value) {
        if (eq)
            return cli_usage_error(command, "option '--%s' takes no value", o->long_name);
        return handler(o->id, NULL, ctx);
    }
    if (eq)
        return handler(o->id, eq + 1, ctx);
    if (*i + 1 >= argc)
        return cli_usage_error(command, "option '--%s' needs a value", o->long_name);
    return handler(o->id, argv[++*i], ctx);
}

/* Handles argv[*i], one or more short options ("-q", "-ofile", "-o file"). */
static int parse_short(const char *command, const cli_option *options, int argc, char **argv,
                       int *i, cli_handler handler, void *ctx)
{
    for (const char *p = argv[*i] + 1; *p; p++) {
        const cli_option *o = find_short(options, *p);
        if (!o)
            return cli_usage_error(command, "unknown option '-%c'", *p);
        if (!o->takes_value) {
            int rc = handler(o->id, NULL, ctx);
            if (rc != 0)
                return rc;
            continue;
        }
        if (p[1])
            return handler(o->id, p + 1, ctx);
        if (*i + 1 >= argc)
            return cli_usage_error(command, "option '-%c' needs a value", *p);
        return handler(o->id, argv[++*i], ctx);
    }
    return 0;
}

int cli_parse(const char *command, const cli_option *options, int argc, char **argv,
              cli_handler handler, void *ctx)
{
    int only_operands = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int rc;
        if (only_operands || a[0] != '-' || a[1] == '\0')
            rc = handler(CLI_OPERAND, a, ctx);
        else if (strcmp(a, "--") == 0)
            only_operands = 1, rc = 0;
        else if (a[1] == '-')
            rc = parse_long(command, options, argc, argv, &i, handler, ctx);
        else
            rc = parse_short(command, options, argc, argv, &i, handler, ctx);
        if (rc != 0)
            return rc;
    }
    return 0;
}
