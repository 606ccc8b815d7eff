/* The reader: turns files, directories, standard input and JSON Lines
 * corpora into normalised documents, one at a time.
 *
 * ng_reader_add expands a directory into its files at once (sorted by
 * path), so the queue is a flat list of inputs; ng_reader_next reads them
 * in turn, and reads a JSON Lines corpus one line per record, so memory
 * stays bounded by the largest document (besides a path per queued file
 * and a name per document handed out). Everything a document points to
 * lives in buffers of the reader that are reused for the next one. */
#include <newsgraph/extract.h>

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <jansson.h>
#include <utf8proc.h>

#include "furniture.h"
#include "normalize.h"
#include "util/buf.h"
#include "util/fail.h"
#include "util/strmap.h"

/* How much of a file decides whether it is text. */
#define SNIFF_SIZE 8192
/* Below this share of printable UTF-8 in the sniffed bytes, a file is
 * binary (in tenths). */
#define TEXT_SHARE_MIN 7
#define DATE_LEN 10

#if defined(__GNUC__)
#define NG_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define NG_PRINTF(fmt, args)
#endif

typedef enum input_kind {
    INPUT_FILE,   /* a plain text document */
    INPUT_CORPUS, /* a JSON Lines file */
    INPUT_STDIN,  /* "-": one plain document */
    INPUT_BROKEN  /* found by a directory walk but not readable */
} input_kind;

typedef struct input {
    char *path;      /* as given, or joined under the directory given */
    size_t rel;      /* offset in path of the part below that directory */
    input_kind kind;
    int errnum;      /* INPUT_BROKEN: why */
} input;

typedef struct input_list {
    input *items;
    size_t count;
    size_t cap;
} input_list;

/* The JSON Lines corpus being read; file is NULL when there is none. */
typedef struct corpus {
    FILE *file;
    const char *path;   /* borrowed from its input */
    const char *base;   /* its base name, for default record ids */
    long line;          /* of the last line read */
    long long offset;   /* of the next line in the file */
    char *buf;          /* getline's buffer */
    size_t cap;
} corpus;

struct ng_reader {
    ng_reader_options options;
    input_list inputs;
    size_t next;          /* the next input to read */
    corpus corpus;
    size_t documents;

    /* Names handed out, to keep them unique; keys live in name_pool and
     * values count how often each name was asked for. */
    ng_strmap names;
    char **name_pool;
    size_t name_count;
    size_t name_cap;

    /* The current document. */
    ng_document doc;
    ng_buf raw;
    ng_buf text;
    ng_buf scratch;
    size_t *origin;
    size_t origin_cap;
    char date[DATE_LEN + 1];
    char *title;
};

/* ---- warnings ---------------------------------------------------------- */

/* Where a warning points; line and column are 0, offset -1 when unknown. */
typedef struct place {
    const char *source;
    long line;
    long column;
    long long offset;
} place;

static place at_source(const char *source, long line)
{
    return (place){source, line, 0, -1};
}

NG_PRINTF(4, 5)
static void warn(const ng_reader *r, ng_status status, place where, const char *fmt, ...)
{
    if (!r->options.on_warning)
        return;
    ng_error diag;
    ng_error_clear(&diag);
    diag.status = status;
    snprintf(diag.source, sizeof diag.source, "%s", where.source);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(diag.text, sizeof diag.text, fmt, ap);
    va_end(ap);
    ng_fail_at(&diag, where.line, where.column, where.offset);
    r->options.on_warning(&diag, r->options.user);
}

/* A path that cannot be examined when it is queued. */
static int fail_errno(ng_error *err, const char *path, int errnum)
{
    ng_status status = errnum == ENOENT || errnum == ENOTDIR ? NG_ERR_NOT_FOUND : NG_ERR_IO;
    return ng_fail(err, status, path, "%s", strerror(errnum));
}

/* ---- the input queue --------------------------------------------------- */

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static input_kind kind_of(const char *path)
{
    return has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson") ? INPUT_CORPUS
                                                                      : INPUT_FILE;
}

/* Appends an input; takes ownership of `path` (freed on failure). */
static int list_push(input_list *list, char *path, size_t rel, input_kind kind, int errnum)
{
    void *items = list->items;
    if (!path || ng_array_grow(&items, &list->cap, list->count + 1, sizeof *list->items) != 0) {
        free(path);
        return NG_ERR_NOMEM;
    }
    list->items = items;
    list->items[list->count++] = (input){path, rel, kind, errnum};
    return 0;
}

static void list_free(input_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].path);
    free(list->items);
    *list = (input_list){0};
}

static int compare_inputs(const void *a, const void *b)
{
    return strcmp(((const input *)a)->path, ((const input *)b)->path);
}

static char *join_path(const char *dir, const char *name)
{
    size_t d = strlen(dir), k = strlen(name);
    int slash = d > 0 && dir[d - 1] != '/';
    char *path = malloc(d + (size_t)slash + k + 1);
    if (!path)
        return NULL;
    memcpy(path, dir, d);
    if (slash)
        path[d] = '/';
    memcpy(path + d + (size_t)slash, name, k + 1);
    return path;
}

/* The visible entries of an open directory (closed here), as paths. */
static int read_entries(DIR *dir, const char *path, input_list *entries, int *errnum)
{
    struct dirent *e;
    int rc = 0;
    *errnum = 0;
    errno = 0;
    while (rc == 0 && (e = readdir(dir)) != NULL) {
        if (e->d_name[0] != '.')
            rc = list_push(entries, join_path(path, e->d_name), 0, INPUT_FILE, 0);
        errno = 0;
    }
    if (rc == 0 && errno != 0)
        *errnum = errno;
    closedir(dir);
    return rc;
}

static int walk(DIR *dir, const char *path, size_t rel, input_list *out);

/* Queues one directory entry: files and symbolic links to files, and
 * subdirectories walked in turn; symbolic links to directories are not
 * followed, so that a link loop cannot trap the walk. */
static int walk_entry(char *path, size_t rel, input_list *out)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return list_push(out, path, rel, INPUT_BROKEN, errno);
    int link = S_ISLNK(st.st_mode);
    if (link && stat(path, &st) != 0)
        return list_push(out, path, rel, INPUT_BROKEN, errno);
    if (S_ISREG(st.st_mode))
        return list_push(out, path, rel, kind_of(path), 0);
    int rc = 0;
    if (S_ISDIR(st.st_mode) && !link) {
        DIR *sub = opendir(path);
        if (!sub)
            return list_push(out, path, rel, INPUT_BROKEN, errno);
        rc = walk(sub, path, rel, out);
    }
    free(path);
    return rc;
}

/* Appends every file under the open directory `dir` (closed here) to out,
 * in no particular order. */
static int walk(DIR *dir, const char *path, size_t rel, input_list *out)
{
    input_list entries = {0};
    int errnum;
    int rc = read_entries(dir, path, &entries, &errnum);
    if (rc == 0 && errnum != 0) {
        char *copy = ng_strndup(path, strlen(path));
        rc = list_push(out, copy, rel, INPUT_BROKEN, errnum);
    }
    size_t i = 0;
    for (; rc == 0 && i < entries.count; i++) {
        rc = walk_entry(entries.items[i].path, rel, out);
        entries.items[i].path = NULL;
    }
    for (; i < entries.count; i++)
        free(entries.items[i].path);
    free(entries.items);
    return rc;
}

static int add_directory(ng_reader *r, const char *path, ng_error *err)
{
    DIR *dir = opendir(path);
    if (!dir)
        return fail_errno(err, path, errno);
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    char *root = ng_strndup(path, len);
    if (!root) {
        closedir(dir);
        return ng_fail_nomem(err);
    }
    size_t rel = root[len - 1] == '/' ? len : len + 1;
    input_list found = {0};
    int rc = walk(dir, root, rel, &found);
    free(root);
    void *items = r->inputs.items;
    if (rc == 0)
        rc = ng_array_grow(&items, &r->inputs.cap, r->inputs.count + found.count,
                           sizeof *r->inputs.items);
    if (rc != 0) {
        list_free(&found);
        return ng_fail_nomem(err);
    }
    r->inputs.items = items;
    if (found.count) {
        qsort(found.items, found.count, sizeof *found.items, compare_inputs);
        memcpy(r->inputs.items + r->inputs.count, found.items,
               found.count * sizeof *found.items);
    }
    r->inputs.count += found.count;
    free(found.items);
    return 0;
}

ng_reader *ng_reader_new(const ng_reader_options *options, ng_error *err)
{
    ng_reader *r = calloc(1, sizeof *r);
    if (!r) {
        ng_fail_nomem(err);
        return NULL;
    }
    if (options)
        r->options = *options;
    return r;
}

int ng_reader_add(ng_reader *r, const char *path, ng_error *err)
{
    if (!path || !*path)
        return ng_fail(err, NG_ERR_INVALID, NULL, "no path given");
    if (strcmp(path, "-") == 0) {
        if (list_push(&r->inputs, ng_strndup(path, 1), 0, INPUT_STDIN, 0) != 0)
            return ng_fail_nomem(err);
        return 0;
    }
    struct stat st;
    if (stat(path, &st) != 0)
        return fail_errno(err, path, errno);
    if (S_ISDIR(st.st_mode))
        return add_directory(r, path, err);
    if (list_push(&r->inputs, ng_strndup(path, strlen(path)), 0, kind_of(path), 0) != 0)
        return ng_fail_nomem(err);
    return 0;
}

size_t ng_reader_document_count(const ng_reader *r)
{
    return r->documents;
}

unsigned long long ng_reader_input_bytes(const ng_reader *r)
{
    unsigned long long total = 0;
    for (size_t i = 0; i < r->inputs.count; i++) {
        const input *in = &r->inputs.items[i];
        struct stat st;
        if (in->kind == INPUT_STDIN)
            return 0;
        if (in->kind != INPUT_BROKEN && stat(in->path, &st) == 0 && S_ISREG(st.st_mode))
            total += (unsigned long long)st.st_size;
    }
    return total;
}

static void corpus_close(corpus *c)
{
    if (c->file)
        fclose(c->file);
    c->file = NULL;
}

void ng_reader_free(ng_reader *r)
{
    if (!r)
        return;
    corpus_close(&r->corpus);
    free(r->corpus.buf);
    list_free(&r->inputs);
    for (size_t i = 0; i < r->name_count; i++)
        free(r->name_pool[i]);
    free(r->name_pool);
    ng_strmap_free(&r->names);
    ng_buf_free(&r->raw);
    ng_buf_free(&r->text);
    ng_buf_free(&r->scratch);
    free(r->origin);
    free(r->title);
    free(r);
}

/* ---- document names ---------------------------------------------------- */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Records `name` as handed out; returns the reader's copy, or NULL. */
static const char *name_keep(ng_reader *r, const char *name)
{
    void *pool = r->name_pool;
    if (ng_array_grow(&pool, &r->name_cap, r->name_count + 1, sizeof *r->name_pool) != 0)
        return NULL;
    r->name_pool = pool;
    size_t len = strlen(name);
    char *copy = ng_strndup(name, len);
    if (!copy || ng_strmap_put(&r->names, copy, len, (void *)(uintptr_t)1) != 0) {
        free(copy);
        return NULL;
    }
    r->name_pool[r->name_count++] = copy;
    return copy;
}

/* The first of the candidate names not yet handed out, or, when all are
 * taken, the last one with "#2", "#3"... appended. NULL if out of memory. */
static const char *name_claim(ng_reader *r, const char *const *candidates, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (!ng_strmap_get(&r->names, candidates[i], strlen(candidates[i])))
            return name_keep(r, candidates[i]);
    }
    const char *last = candidates[count - 1];
    uintptr_t asked = (uintptr_t)ng_strmap_get(&r->names, last, strlen(last));
    for (;;) {
        ng_buf_clear(&r->scratch);
        if (ng_buf_printf(&r->scratch, "%s#%ju", last, (uintmax_t)++asked) != 0)
            return NULL;
        if (!ng_strmap_get(&r->names, r->scratch.data, r->scratch.len))
            break;
    }
    /* The map keeps its own key; only the count changes. */
    if (ng_strmap_put(&r->names, last, strlen(last), (void *)asked) != 0)
        return NULL;
    return name_keep(r, r->scratch.data);
}

/* ---- building a document ----------------------------------------------- */

/* Whether the first SNIFF_SIZE bytes hold a NUL or too little printable
 * UTF-8 to be text. */
static int looks_binary(const char *s, size_t n)
{
    size_t len = n < SNIFF_SIZE ? n : SNIFF_SIZE;
    if (memchr(s, '\0', len))
        return 1;
    size_t printable = 0, i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            printable += (c >= 0x20 && c != 0x7F) || c == '\n' || c == '\t' || c == '\r' ||
                         c == '\f';
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
static void take_date_line(ng_reader *r, const char *source)
{
    char *text = r->text.data;
    size_t start, date;
    if (!find_date_line(text, r->text.len, &start, &date))
        return;
    if (is_date(text + date)) {
        memcpy(r->date, text + date, DATE_LEN);
        r->date[DATE_LEN] = '\0';
        r->doc.date = r->date;
    } else {
        long line, column;
        locate(r->raw.data, r->origin[date], &line, &column);
        place where = {source, line, column, (long long)r->origin[date]};
        warn(r, NG_ERR_PARSE, where, "invalid date '%.10s' ignored", text + date);
    }
    memset(text + start, ' ', date + DATE_LEN - start);
}

/* One warning for everything normalisation had to repair. */
static void warn_repairs(const ng_reader *r, const ng_normalize_report *rep, const char *source,
                         long record_line)
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
    place where = at_source(source, record_line);
    if (record_line == 0) { /* a file: point at the byte */
        locate(r->raw.data, first, &where.line, &where.column);
        where.offset = (long long)first;
    }
    warn(r, NG_ERR_ENCODING, where, "%s%s%s%s", invalid, *invalid && *control ? "; " : "",
         control, record_line ? " of the record" : "");
}

/* Normalises r->raw into the document text. Returns 1 when the document is
 * ready, 0 when it was skipped (with a warning), or NG_ERR_NOMEM. */
static int prepare_text(ng_reader *r, const char *source, long record_line, int dated,
                        ng_error *err)
{
    ng_normalize_report rep;
    ng_buf_clear(&r->text);
    if (ng_normalize(r->raw.data ? r->raw.data : "", r->raw.len, &r->text, &r->origin,
                     &r->origin_cap, &rep) != 0)
        return ng_fail_nomem(err);
    if (dated)
        take_date_line(r, source);
    if (is_white(r->text.data, r->text.len)) {
        warn(r, NG_ERR_INVALID, at_source(source, record_line), "empty document skipped");
        return 0;
    }
    warn_repairs(r, &rep, source, record_line);
    if (!r->options.keep_furniture)
        ng_furniture_blank(r->text.data, r->text.len);
    ng_document *d = &r->doc;
    d->source = source;
    d->line = record_line;
    d->raw = r->raw.data;
    d->raw_length = r->raw.len;
    d->text = r->text.data;
    d->length = r->text.len;
    d->origin = r->origin;
    return 1;
}

static void reset_document(ng_reader *r)
{
    free(r->title);
    r->title = NULL;
    r->doc = (ng_document){0};
    ng_buf_clear(&r->raw);
}

/* ---- plain files ------------------------------------------------------- */

/* Reads all of `f` into r->raw. Returns 0 or errno. */
static int read_all(ng_reader *r, FILE *f)
{
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        ng_buf_reserve(&r->raw, (size_t)st.st_size) != 0)
        return ENOMEM;
    for (;;) {
        if (ng_buf_reserve(&r->raw, 65536) != 0)
            return ENOMEM;
        size_t got = fread(r->raw.data + r->raw.len, 1, r->raw.cap - r->raw.len - 1, f);
        r->raw.len += got;
        r->raw.data[r->raw.len] = '\0';
        if (got == 0)
            return ferror(f) ? (errno ? errno : EIO) : 0;
    }
}

static int read_plain(ng_reader *r, const input *in, ng_error *err)
{
    int is_stdin = in->kind == INPUT_STDIN;
    FILE *f = is_stdin ? stdin : fopen(in->path, "rb");
    if (!f)
        return ng_fail(err, NG_ERR_IO, in->path, "cannot open: %s", strerror(errno));
    errno = 0;
    int errnum = read_all(r, f);
    if (!is_stdin)
        fclose(f);
    else
        clearerr(f);
    if (errnum == ENOMEM)
        return ng_fail_nomem(err);
    if (errnum != 0)
        return ng_fail(err, NG_ERR_IO, in->path, "cannot read: %s", strerror(errnum));
    if (looks_binary(r->raw.data, r->raw.len)) {
        warn(r, NG_ERR_ENCODING, at_source(in->path, 0), "binary file skipped");
        return 0;
    }
    int rc = prepare_text(r, in->path, 0, 1, err);
    if (rc <= 0)
        return rc;
    const char *candidates[] = {is_stdin ? "stdin" : base_name(in->path), in->path + in->rel,
                                in->path};
    r->doc.name = name_claim(r, candidates, is_stdin ? 1 : 3);
    return r->doc.name ? 1 : ng_fail_nomem(err);
}

/* ---- JSON Lines corpora ------------------------------------------------ */

static int corpus_open(ng_reader *r, const input *in, ng_error *err)
{
    FILE *f = fopen(in->path, "rb");
    if (!f)
        return ng_fail(err, NG_ERR_IO, in->path, "cannot open: %s", strerror(errno));
    char head[SNIFF_SIZE];
    size_t got = fread(head, 1, sizeof head, f);
    if (ferror(f) || fseek(f, 0, SEEK_SET) != 0) {
        int errnum = errno ? errno : EIO;
        fclose(f);
        return ng_fail(err, NG_ERR_IO, in->path, "cannot read: %s", strerror(errnum));
    }
    if (looks_binary(head, got)) {
        fclose(f);
        warn(r, NG_ERR_ENCODING, at_source(in->path, 0), "binary file skipped");
        return 0;
    }
    r->corpus.file = f;
    r->corpus.path = in->path;
    r->corpus.base = base_name(in->path);
    r->corpus.line = 0;
    r->corpus.offset = 0;
    return 0;
}

/* Copies a JSON string (which may hold NUL) into r->raw. */
static int append_json_string(ng_buf *buf, const json_t *s)
{
    return ng_buf_append(buf, json_string_value(s), json_string_length(s));
}

/* The record id as a string in r->scratch, or the default
 * "<base name>:<line>". */
static int record_id(ng_reader *r, const json_t *rec)
{
    const corpus *c = &r->corpus;
    const json_t *id = json_object_get(rec, "id");
    ng_buf_clear(&r->scratch);
    if (json_is_string(id) && json_string_length(id) > 0)
        return ng_buf_append_str(&r->scratch, json_string_value(id));
    if (json_is_integer(id))
        return ng_buf_printf(&r->scratch, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
    if (id && !json_is_null(id))
        warn(r, NG_ERR_PARSE, at_source(c->path, c->line),
             "\"id\" is not a string; using %s:%ld", c->base, c->line);
    return ng_buf_printf(&r->scratch, "%s:%ld", c->base, c->line);
}

static void record_date(ng_reader *r, const json_t *rec)
{
    const corpus *c = &r->corpus;
    const json_t *date = json_object_get(rec, "date");
    if (!date || json_is_null(date))
        return;
    if (!json_is_string(date)) {
        warn(r, NG_ERR_PARSE, at_source(c->path, c->line), "\"date\" is not a string; ignored");
        return;
    }
    const char *s = json_string_value(date);
    size_t n = json_string_length(date);
    /* A longer ISO 8601 timestamp starts with its date. */
    if (n >= DATE_LEN && is_date(s) &&
        (n == DATE_LEN || s[DATE_LEN] == 'T' || s[DATE_LEN] == ' ')) {
        memcpy(r->date, s, DATE_LEN);
        r->date[DATE_LEN] = '\0';
        r->doc.date = r->date;
        return;
    }
    warn(r, NG_ERR_PARSE, at_source(c->path, c->line), "invalid date '%.40s' ignored", s);
}

/* Names a record by its id, renaming (with a warning) an id that an
 * earlier document already has. */
static int name_record(ng_reader *r, ng_error *err)
{
    const corpus *c = &r->corpus;
    /* A copy, because name_claim reuses the scratch buffer. */
    char *id = ng_strndup(r->scratch.data, r->scratch.len);
    if (!id)
        return ng_fail_nomem(err);
    const char *candidates[] = {id};
    r->doc.name = name_claim(r, candidates, 1);
    if (r->doc.name && strcmp(r->doc.name, id) != 0)
        warn(r, NG_ERR_INVALID, at_source(c->path, c->line),
             "duplicate id '%.80s' renamed to '%.80s'", id, r->doc.name);
    free(id);
    return r->doc.name ? 1 : ng_fail_nomem(err);
}

/* Builds a document from a parsed record. */
static int record_document(ng_reader *r, const json_t *rec, long long line_offset, ng_error *err)
{
    corpus *c = &r->corpus;
    const json_t *text = json_object_get(rec, "text");
    if (!json_is_object(rec) || !json_is_string(text)) {
        ng_fail(err, NG_ERR_PARSE, c->path, "%s",
                json_is_object(rec) ? "record has no \"text\" string"
                                    : "record is not a JSON object");
        ng_fail_at(err, c->line, 0, line_offset);
        return NG_ERR_PARSE;
    }
    const json_t *title = json_object_get(rec, "title");
    int rc = 0;
    if (json_is_string(title) && json_string_length(title) > 0) {
        r->title = ng_strndup(json_string_value(title), json_string_length(title));
        rc = !r->title || append_json_string(&r->raw, title) != 0 ||
             ng_buf_append_str(&r->raw, "\n\n") != 0;
    }
    if (rc != 0 || append_json_string(&r->raw, text) != 0 || record_id(r, rec) != 0)
        return ng_fail_nomem(err);
    r->doc.title = r->title;
    record_date(r, rec);
    rc = prepare_text(r, c->path, c->line, 0, err);
    return rc <= 0 ? rc : name_record(r, err);
}

/* Reads the next record of the open corpus. Returns 1 with a document, 0
 * when the line was blank or skipped or the corpus has ended (then it is
 * closed), or a negative status for a line that could not be used. */
static int corpus_next(ng_reader *r, ng_error *err)
{
    corpus *c = &r->corpus;
    errno = 0;
    ssize_t len = getline(&c->buf, &c->cap, c->file);
    if (len < 0) { /* the end, or an error */
        int errnum = errno, failed = ferror(c->file);
        corpus_close(c);
        if (errnum == ENOMEM)
            return ng_fail_nomem(err);
        if (failed)
            return ng_fail(err, NG_ERR_IO, c->path, "cannot read: %s",
                           strerror(errnum ? errnum : EIO));
        return 0;
    }
    long long line_offset = c->offset;
    c->offset += len;
    c->line++;
    if (is_white(c->buf, (size_t)len))
        return 0;
    json_error_t jerr;
    json_t *rec = json_loadb(c->buf, (size_t)len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
    if (!rec) {
        ng_fail(err, NG_ERR_PARSE, c->path, "%s", jerr.text);
        ng_fail_at(err, c->line, jerr.column, line_offset + jerr.position);
        return NG_ERR_PARSE;
    }
    int rc = record_document(r, rec, line_offset, err);
    json_decref(rec);
    return rc;
}

/* ---- reading ----------------------------------------------------------- */

static int input_next(ng_reader *r, const input *in, ng_error *err)
{
    switch (in->kind) {
    case INPUT_BROKEN:
        return ng_fail(err, NG_ERR_IO, in->path, "%s", strerror(in->errnum));
    case INPUT_CORPUS:
        return corpus_open(r, in, err);
    case INPUT_FILE:
    case INPUT_STDIN:
        return read_plain(r, in, err);
    }
    return 0;
}

int ng_reader_next(ng_reader *r, const ng_document **doc, ng_error *err)
{
    *doc = NULL;
    for (;;) {
        reset_document(r);
        int rc;
        if (r->corpus.file)
            rc = corpus_next(r, err);
        else if (r->next < r->inputs.count)
            rc = input_next(r, &r->inputs.items[r->next++], err);
        else
            return 0;
        if (rc > 0) {
            r->documents++;
            *doc = &r->doc;
        }
        if (rc != 0)
            return rc;
    }
}
