#include "fail.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void ng_error_clear(ng_error *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->offset = -1;
}

const char *ng_status_string(ng_status status)
{
    switch (status) {
    case NG_OK: return "success";
    case NG_ERR_NOMEM: return "out of memory";
    case NG_ERR_IO: return "input/output error";
    case NG_ERR_NOT_FOUND: return "not found";
    case NG_ERR_PARSE: return "malformed input";
    case NG_ERR_ENCODING: return "not text";
    case NG_ERR_INVALID: return "invalid argument";
    case NG_ERR_FORMAT: return "unsupported format";
    case NG_ERR_LIMIT: return "limit exceeded";
    case NG_ERR_AMBIGUOUS: return "ambiguous name";
    case NG_ERR_STOPPED: return "stopped";
    }
    return "unknown error";
}

int ng_fail(ng_error *err, ng_status status, const char *source, const char *fmt, ...)
{
    if (!err)
        return status;
    ng_error_clear(err);
    err->status = status;
    if (source)
        snprintf(err->source, sizeof err->source, "%s", source);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->text, sizeof err->text, fmt, ap);
    va_end(ap);
    return status;
}

void ng_fail_at(ng_error *err, long line, long column, long long offset)
{
    if (!err)
        return;
    err->line = line;
    err->column = column;
    err->offset = offset;
}

int ng_fail_nomem(ng_error *err)
{
    return ng_fail(err, NG_ERR_NOMEM, NULL, "out of memory");
}
