/* Loading one unit of input into a document: reading a file, telling
 * text from binary, normalising, taking the date line, blanking page
 * furniture, and parsing a JSON Lines record. Everything here works on the
 * unit alone, so any thread may load a unit; what needs the reader (names,
 * reporting) waits for ng_unit_finish in ingest.c. */
#include "unit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <utf8proc.h>

#include "furniture.h"
#include "normalize.h"
#include "util/fail.h"
#include "util/utf8.h"

/* How much of a file decides whether it is text. */
#define SNIFF_SIZE 8192
/* Below this share of printable UTF-8 in the sniffed bytes, a file is
 * binary (in tenths). */
#define TEXT_SHARE_MIN 7
#define DATE_LEN NG_UNIT_DATE_LEN

/* ---- the unit ----------------------------------------------------------- */

void ng_unit_buffers_free(ng_unit_buffers *b)
{
    ng_buf_free(&b->raw);
    ng_buf_free(&b->text);
    free(b->origin);
    *b = (ng_unit_buffers){0};
}

void ng_unit_reset(ng_unit *u)
{
    free(u->title);
    u->title = NULL;
    u->status = 0;
    ng_error_clear(&u->err);
    u->warning_count = 0;
    u->warnings_lost = 0;
    u->doc = (ng_document){0};
    u->buffers = NULL;
    u->read_errno = 0;
    ng_buf_clear(&u->input);
    ng_buf_clear(&u->id);
}

void ng_unit_release(ng_unit *u)
{
    ng_unit_reset(u);
    free(u->text_line);
    free(u->warnings);
    ng_buf_free(&u->input);
    ng_buf_free(&u->id);
    *u = (ng_unit){0};
}

void ng_unit_warn(ng_unit *u, ng_status status, const char *source, long line, long column,
                  long long offset, const char *fmt, ...)
{
    void *items = u->warnings;
    if (ng_array_grow(&items, &u->warning_cap, u->warning_count + 1, sizeof *u->warnings) != 0) {
        u->warnings_lost = 1;
        return;
    }
    u->warnings = items;
    ng_error *diag = &u->warnings[u->warning_count++];
    ng_error_clear(diag);
    diag->status = status;
    snprintf(diag->source, sizeof diag->source, "%s", source);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(diag->text, sizeof diag->text, fmt, ap);
    va_end(ap);
    ng_fail_at(diag, line, column, offset);
}

/* ---- telling text from binary ------------------------------------------- */

/* The printable ASCII bytes: all from the space on but DEL, and the
 * white space that text has. */
static const unsigned char ascii_printable[128] = {
    ['\t'] = 1, ['\n'] = 1, ['\f'] = 1, ['\r'] = 1,
    [' '] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,             /* 0x20 - 0x2F */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,                     /* 0x30 - 0x3F */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,                     /* 0x40 - 0x4F */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,                     /* 0x50 - 0x5F */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,                     /* 0x60 - 0x6F */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,                     /* 0x70 - 0x7F */
};

/* Whether the first SNIFF_SIZE bytes hold a NUL or too little printable
 * UTF-8 to be text. */
int ng_unit_looks_binary(const char *s, size_t n)
{
    size_t len = n < SNIFF_SIZE ? n : SNIFF_SIZE;
    if (memchr(s, '\0', len))
        return 1;
    size_t printable = 0, i = 0;
    while (i < len) {
        /* Printable ASCII and line feeds are nearly all of any text
         * file: count them in runs, and the other ASCII bytes with a
         * table. */
        size_t run = ng_ascii_text_prefix((const unsigned char *)s + i, len - i);
        printable += run;
        i += run;
        if (i == len)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            printable += ascii_printable[c];
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (k < 0 && len < n && len - i < 4)
            break; /* a character cut by the end of the sniffed bytes */
        if (k < 0) {
            i++;
            continue;
        }
        if (cp >= 0xA0)
            printable += (size_t)k;
        i += (size_t)k;
    }
    return printable * 10 < i * TEXT_SHARE_MIN;
}

/* ---- dates -------------------------------------------------------------- */

static int is_white(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t' && s[i] != '\r')
            return 0;
    }
    return 1;
}

static int digits_at(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
    }
    return 1;
}

static int number_at(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* Whether s[0..10) is a valid date YYYY-MM-DD. */
static int is_date(const char *s)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!digits_at(s, 4) || s[4] != '-' || !digits_at(s + 5, 2) || s[7] != '-' ||
        !digits_at(s + 8, 2))
        return 0;
    int year = number_at(s, 4), month = number_at(s + 5, 2), day = number_at(s + 8, 2);
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > days[month - 1])
        return 0;
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return !(month == 2 && day == 29 && !leap);
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Finds a leading line that starts "date YYYY-MM-DD" (any case, an
 * optional ':' after "date"), whatever the digits say: sets *start to the
 * offset of "date" and *date to that of the date, and returns 1; or
 * returns 0. */
static int find_date_line(const char *text, size_t n, size_t *start, size_t *date)
{
    static const char word[] = "date";
    size_t i = 0;
    while (i < n && (is_blank(text[i]) || text[i] == '\n'))
        i++;
    *start = i;
    for (size_t k = 0; k < 4; k++, i++) {
        if (i >= n || (text[i] | 0x20) != word[k])
            return 0;
    }
    if (i < n && text[i] == ':')
        i++;
    if (i >= n || !is_blank(text[i]))
        return 0;
    while (i < n && is_blank(text[i]))
        i++;
    *date = i;
    if (n - i < DATE_LEN)
        return 0;
    return n - i == DATE_LEN || is_blank(text[i + DATE_LEN]) || text[i + DATE_LEN] == '\n';
}

/* Line and column (1-based) of raw offset `off`. */
static void locate(const char *raw, size_t off, long *line, long *column)
{
    size_t start = 0;
    *line = 1;
    for (size_t i = 0; i < off; i++) {
        if (raw[i] == '\n') {
            ++*line;
            start = i + 1;
        }
    }
    *column = (long)(off - start) + 1;
}

/* Takes the document date from a leading date line and blanks that
 * prefix, leaving the rest of the line (often the headline) as text. */
static void take_date_line(ng_unit *u)
{
    ng_unit_buffers *b = u->buffers;
    char *text = b->text.data;
    size_t start, date;
    if (!find_date_line(text, b->text.len, &start, &date))
        return;
    if (is_date(text + date)) {
        memcpy(u->date, text + date, DATE_LEN);
        u->date[DATE_LEN] = '\0';
        u->doc.date = u->date;
    } else {
        long line, column;
        locate(b->raw.data, b->origin[date], &line, &column);
        ng_unit_warn(u, NG_ERR_PARSE, u->path, line, column, (long long)b->origin[date],
                     "invalid date '%.10s' ignored", text + date);
    }
    memset(text + start, ' ', date + DATE_LEN - start);
}

/* ---- normalising -------------------------------------------------------- */

/* One warning for everything normalisation had to repair. */
static void warn_repairs(ng_unit *u, const ng_normalize_report *rep, long record_line)
{
    if (!rep->invalid_bytes && !rep->control_chars)
        return;
    char invalid[96] = "", control[96] = "";
    size_t first = SIZE_MAX;
    if (rep->invalid_bytes) {
        snprintf(invalid, sizeof invalid,
                 "%zu invalid UTF-8 byte%s replaced by U+FFFD, first at byte %zu",
                 rep->invalid_bytes, rep->invalid_bytes == 1 ? "" : "s", rep->first_invalid);
        first = rep->first_invalid;
    }
    if (rep->control_chars) {
        snprintf(control, sizeof control,
                 "%zu control character%s replaced by spaces, first at byte %zu",
                 rep->control_chars, rep->control_chars == 1 ? "" : "s", rep->first_control);
        if (rep->first_control < first)
            first = rep->first_control;
    }
    long line = record_line, column = 0;
    long long offset = -1;
    if (record_line == 0) { /* a file: point at the byte */
        locate(u->buffers->raw.data, first, &line, &column);
        offset = (long long)first;
    }
    ng_unit_warn(u, NG_ERR_ENCODING, u->path, line, column, offset, "%s%s%s%s", invalid,
                 *invalid && *control ? "; " : "", control, record_line ? " of the record" : "");
}

/* Normalises the raw bytes into the document text. Returns 1 when the
 * document is ready, 0 when it was skipped (with a warning), or
 * NG_ERR_NOMEM. */
static int prepare_text(ng_unit *u, long record_line, int dated)
{
    ng_unit_buffers *b = u->buffers;
    ng_normalize_report rep;
    ng_buf_clear(&b->text);
    if (ng_normalize(b->raw.data ? b->raw.data : "", b->raw.len, &b->text, &b->origin,
                     &b->origin_cap, &rep) != 0)
        return ng_fail_nomem(&u->err);
    if (dated)
        take_date_line(u);
    if (is_white(b->text.data, b->text.len)) {
        ng_unit_warn(u, NG_ERR_INVALID, u->path, record_line, 0, -1, "empty document skipped");
        return 0;
    }
    warn_repairs(u, &rep, record_line);
    if (!u->keep_furniture)
        ng_furniture_blank(b->text.data, b->text.len);
    ng_document *d = &u->doc;
    d->source = u->path;
    d->line = record_line;
    d->raw = b->raw.data;
    d->raw_length = b->raw.len;
    d->text = b->text.data;
    d->length = b->text.len;
    d->origin = b->origin;
    return 1;
}

/* ---- plain files -------------------------------------------------------- */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Reads all of the open file `fd` into buf. Returns 0 or errno. With
 * read(2), not stdio: most inputs are pages of a few kilobytes, and stdio
 * spends a second fstat and an extra read at the end of each. A regular
 * file's size says how much room to make, and a read of a regular file
 * stops short only at its end: one that returns the whole size, asked for
 * a byte more, has read it all, and most files take a single read. A file
 * that grew or shrank since the fstat is read on to the end. */
static int read_all(ng_buf *buf, int fd)
{
    struct stat st;
    size_t room = 65536, size = 0, start = buf->len;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        size = (size_t)st.st_size;
        room = size + 1;
    }
    for (;;) {
        if (ng_buf_reserve(buf, room) != 0)
            return ENOMEM;
        size_t asked = buf->cap - buf->len - 1;
        ssize_t got = read(fd, buf->data + buf->len, asked);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return errno;
        buf->len += (size_t)got;
        buf->data[buf->len] = '\0';
        if (got == 0 || (size && buf->len - start == size && (size_t)got < asked))
            return 0;
        room = 65536;
    }
}

void ng_unit_read_stdin(ng_unit *u)
{
    u->read_errno = read_all(&u->input, STDIN_FILENO);
}

static int load_plain(ng_unit *u)
{
    ng_buf *raw = &u->buffers->raw;
    int errnum = u->read_errno;
    if (u->kind == NG_UNIT_FILE) {
        int fd = open(u->path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return ng_fail(&u->err, NG_ERR_IO, u->path, "cannot open: %s", strerror(errno));
        errnum = read_all(raw, fd);
        close(fd);
    } else if (errnum == 0 && ng_buf_append(raw, u->input.data, u->input.len) != 0) {
        errnum = ENOMEM;
    }
    if (errnum == ENOMEM)
        return ng_fail_nomem(&u->err);
    if (errnum != 0)
        return ng_fail(&u->err, NG_ERR_IO, u->path, "cannot read: %s", strerror(errnum));
    if (ng_unit_looks_binary(raw->data, raw->len)) {
        ng_unit_warn(u, NG_ERR_ENCODING, u->path, 0, 0, -1, "binary file skipped");
        return 0;
    }
    int rc = prepare_text(u, 0, 1);
    if (rc > 0)
        u->doc.name = u->kind == NG_UNIT_STDIN ? "stdin" : base_name(u->path);
    return rc;
}

/* ---- JSON Lines records ------------------------------------------------- */

/* Copies a JSON string (which may hold NUL) into buf. */
static int append_json_string(ng_buf *buf, const json_t *s)
{
    return ng_buf_append(buf, json_string_value(s), json_string_length(s));
}

/* The record id as a string in u->id, or the default "<base name>:<line>". */
static int record_id(ng_unit *u, const json_t *rec)
{
    const json_t *id = json_object_get(rec, "id");
    ng_buf_clear(&u->id);
    if (json_is_string(id) && json_string_length(id) > 0)
        return ng_buf_append_str(&u->id, json_string_value(id));
    if (json_is_integer(id))
        return ng_buf_printf(&u->id, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
    if (id && !json_is_null(id))
        ng_unit_warn(u, NG_ERR_PARSE, u->path, u->line, 0, -1,
                     "\"id\" is not a string; using %s:%ld", u->base, u->line);
    return ng_buf_printf(&u->id, "%s:%ld", u->base, u->line);
}

static void record_date(ng_unit *u, const json_t *rec)
{
    const json_t *date = json_object_get(rec, "date");
    if (!date || json_is_null(date))
        return;
    if (!json_is_string(date)) {
        ng_unit_warn(u, NG_ERR_PARSE, u->path, u->line, 0, -1,
                     "\"date\" is not a string; ignored");
        return;
    }
    const char *s = json_string_value(date);
    size_t n = json_string_length(date);
    /* A longer ISO 8601 timestamp starts with its date. */
    if (n >= DATE_LEN && is_date(s) &&
        (n == DATE_LEN || s[DATE_LEN] == 'T' || s[DATE_LEN] == ' ')) {
        memcpy(u->date, s, DATE_LEN);
        u->date[DATE_LEN] = '\0';
        u->doc.date = u->date;
        return;
    }
    ng_unit_warn(u, NG_ERR_PARSE, u->path, u->line, 0, -1, "invalid date '%.40s' ignored", s);
}

/* Builds a document from a parsed record. */
static int record_document(ng_unit *u, const json_t *rec)
{
    ng_buf *raw = &u->buffers->raw;
    const json_t *text = json_object_get(rec, "text");
    if (!json_is_object(rec) || !json_is_string(text)) {
        ng_fail(&u->err, NG_ERR_PARSE, u->path, "%s",
                json_is_object(rec) ? "record has no \"text\" string"
                                    : "record is not a JSON object");
        ng_fail_at(&u->err, u->line, 0, u->line_offset);
        return NG_ERR_PARSE;
    }
    const json_t *title = json_object_get(rec, "title");
    int rc = 0;
    if (json_is_string(title) && json_string_length(title) > 0) {
        u->title = ng_strndup(json_string_value(title), json_string_length(title));
        rc = !u->title || append_json_string(raw, title) != 0 ||
             ng_buf_append_str(raw, "\n\n") != 0;
    }
    if (rc != 0 || append_json_string(raw, text) != 0 || record_id(u, rec) != 0)
        return ng_fail_nomem(&u->err);
    u->doc.title = u->title;
    record_date(u, rec);
    rc = prepare_text(u, u->line, 0);
    if (rc > 0)
        u->doc.name = ng_buf_cstr(&u->id);
    return rc;
}

static int load_record(ng_unit *u)
{
    json_error_t jerr;
    json_t *rec = json_loadb(u->text_line, u->text_line_len,
                             JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
    if (!rec) {
        ng_fail(&u->err, NG_ERR_PARSE, u->path, "%s", jerr.text);
        ng_fail_at(&u->err, u->line, jerr.column, u->line_offset + jerr.position);
        return NG_ERR_PARSE;
    }
    int rc = record_document(u, rec);
    json_decref(rec);
    return rc;
}

void ng_unit_load(ng_unit *u, ng_unit_buffers *buffers)
{
    u->buffers = buffers;
    ng_buf_clear(&buffers->raw);
    switch (u->kind) {
    case NG_UNIT_NOTE:
        return;
    case NG_UNIT_FILE:
    case NG_UNIT_STDIN:
        u->status = load_plain(u);
        return;
    case NG_UNIT_RECORD:
        u->status = load_record(u);
        return;
    }
}
