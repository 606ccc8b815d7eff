/* The reader: turns files, directories, standard input and JSON Lines
 * corpora into normalised documents, one at a time.
 *
 * ng_reader_add expands a directory into its files at once (sorted by
 * path), so the queue is a flat list of inputs; the reader hands them out
 * in turn as units (see unit.h), one per file and one per line of a JSON
 * Lines corpus, so memory stays bounded by the largest document (besides
 * a path per queued file and a name per document handed out). This file
 * keeps the queue and the names; unit.c turns a unit into a document. */
#define _DEFAULT_SOURCE /* struct dirent's d_type */

#include <newsgraph/extract.h>

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "unit.h"
#include "util/buf.h"
#include "util/fail.h"
#include "util/strmap.h"

/* How much of a JSON Lines file decides whether it is text. */
#define SNIFF_SIZE 8192

typedef enum input_kind {
    INPUT_FILE,   /* a plain text document */
    INPUT_CORPUS, /* a JSON Lines file */
    INPUT_STDIN,  /* "-": one plain document */
    INPUT_BROKEN, /* found by a directory walk but not readable */
    INPUT_UNSEEN  /* a directory entry whose type is still to be asked */
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
    ng_buf scratch;

    ng_unit unit;         /* the one ng_reader_next hands out */
    ng_unit_buffers buffers;
};

/* ---- warnings ---------------------------------------------------------- */

static void report(const ng_reader *r, const ng_error *diag)
{
    if (r->options.on_warning)
        r->options.on_warning(diag, r->options.user);
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

/* The kind of a directory entry as far as its d_type tells: a plain file
 * is known at once, which spares a corpus of many small files a stat per
 * file; anything else (a directory, a link, a file system that does not
 * say) is INPUT_UNSEEN, for walk_entry to examine. */
static input_kind entry_kind(const struct dirent *e)
{
#ifdef DT_REG
    if (e->d_type == DT_REG)
        return kind_of(e->d_name);
#else
    (void)e;
#endif
    return INPUT_UNSEEN;
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
            rc = list_push(entries, join_path(path, e->d_name), 0, entry_kind(e), 0);
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
static int walk_entry(char *path, input_kind kind, size_t rel, input_list *out)
{
    if (kind != INPUT_UNSEEN)
        return list_push(out, path, rel, kind, 0);
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
        rc = walk_entry(entries.items[i].path, entries.items[i].kind, rel, out);
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
    list_free(&r->inputs);
    for (size_t i = 0; i < r->name_count; i++)
        free(r->name_pool[i]);
    free(r->name_pool);
    ng_strmap_free(&r->names);
    ng_buf_free(&r->scratch);
    ng_unit_release(&r->unit);
    ng_unit_buffers_free(&r->buffers);
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

/* ---- taking units ------------------------------------------------------ */

/* A unit that only reports: an error, or (status 0) its warnings. */
static int note_error(ng_unit *u, const char *path, ng_status status, const char *what,
                      int errnum)
{
    u->kind = NG_UNIT_NOTE;
    u->path = path;
    u->status = ng_fail(&u->err, status, path, "%s%s", what, strerror(errnum));
    return 1;
}

/* Opens a JSON Lines corpus, or fills u with a note saying why not.
 * Returns 1 with a note, or 0 (the corpus is open, or it was empty). */
static int corpus_open(ng_reader *r, const input *in, ng_unit *u)
{
    FILE *f = fopen(in->path, "rb");
    if (!f)
        return note_error(u, in->path, NG_ERR_IO, "cannot open: ", errno);
    char head[SNIFF_SIZE];
    size_t got = fread(head, 1, sizeof head, f);
    if (ferror(f) || fseek(f, 0, SEEK_SET) != 0) {
        int errnum = errno ? errno : EIO;
        fclose(f);
        return note_error(u, in->path, NG_ERR_IO, "cannot read: ", errnum);
    }
    if (ng_unit_looks_binary(head, got)) {
        fclose(f);
        u->kind = NG_UNIT_NOTE;
        u->path = in->path;
        ng_unit_warn(u, NG_ERR_ENCODING, in->path, 0, 0, -1, "binary file skipped");
        return 1;
    }
    r->corpus.file = f;
    r->corpus.path = in->path;
    r->corpus.base = base_name(in->path);
    r->corpus.line = 0;
    r->corpus.offset = 0;
    return 0;
}

/* Takes the next line of the open corpus as a record. Returns 1 with a
 * unit, 0 for a blank line or the end (the corpus is then closed), or
 * NG_ERR_NOMEM. */
static int corpus_take(ng_reader *r, ng_unit *u, ng_error *err)
{
    corpus *c = &r->corpus;
    errno = 0;
    ssize_t len = getline(&u->text_line, &u->text_line_cap, c->file);
    if (len < 0) { /* the end, or an error */
        int errnum = errno, failed = ferror(c->file);
        corpus_close(c);
        if (errnum == ENOMEM)
            return ng_fail_nomem(err);
        return failed ? note_error(u, c->path, NG_ERR_IO, "cannot read: ", errnum ? errnum : EIO)
                      : 0;
    }
    u->kind = NG_UNIT_RECORD;
    u->path = c->path;
    u->base = c->base;
    u->line = ++c->line;
    u->line_offset = c->offset;
    u->text_line_len = (size_t)len;
    c->offset += len;
    for (ssize_t i = 0; i < len; i++) {
        char ch = u->text_line[i];
        if (ch != ' ' && ch != '\n' && ch != '\t' && ch != '\r')
            return 1;
    }
    return 0;
}

/* Takes an input from the queue. Returns 1 with a unit, 0 when the input
 * gave none yet (an open corpus, or an empty one). */
static int input_take(ng_reader *r, const input *in, ng_unit *u)
{
    switch (in->kind) {
    case INPUT_BROKEN:
        return note_error(u, in->path, NG_ERR_IO, "", in->errnum);
    case INPUT_CORPUS:
        return corpus_open(r, in, u);
    case INPUT_UNSEEN: /* walk_entry settles these before they are queued */
    case INPUT_FILE:
        u->kind = NG_UNIT_FILE;
        break;
    case INPUT_STDIN:
        u->kind = NG_UNIT_STDIN;
        ng_unit_read_stdin(u);
        break;
    }
    u->path = in->path;
    u->rel = in->rel;
    return 1;
}

int ng_unit_take(ng_reader *r, ng_unit *u, ng_error *err)
{
    for (;;) {
        ng_unit_reset(u);
        u->keep_furniture = r->options.keep_furniture;
        int rc;
        if (r->corpus.file)
            rc = corpus_take(r, u, err);
        else if (r->next < r->inputs.count)
            rc = input_take(r, &r->inputs.items[r->next++], u);
        else
            return 0;
        if (rc != 0)
            return rc;
    }
}

/* ---- finishing units --------------------------------------------------- */

/* Names a record by its id, renaming (with a warning) an id that an
 * earlier document already has. */
static const char *name_record(ng_reader *r, const ng_unit *u)
{
    const char *id = ng_buf_cstr(&u->id);
    const char *candidates[] = {id};
    const char *name = name_claim(r, candidates, 1);
    if (name && strcmp(name, id) != 0) {
        ng_error diag;
        ng_error_clear(&diag);
        diag.status = NG_ERR_INVALID;
        snprintf(diag.source, sizeof diag.source, "%s", u->path);
        snprintf(diag.text, sizeof diag.text, "duplicate id '%.80s' renamed to '%.80s'", id,
                 name);
        ng_fail_at(&diag, u->line, 0, -1);
        report(r, &diag);
    }
    return name;
}

static const char *name_file(ng_reader *r, const ng_unit *u)
{
    if (u->kind == NG_UNIT_STDIN) {
        const char *candidates[] = {"stdin"};
        return name_claim(r, candidates, 1);
    }
    const char *candidates[] = {base_name(u->path), u->path + u->rel, u->path};
    return name_claim(r, candidates, 3);
}

int ng_unit_finish(ng_reader *r, ng_unit *u, const ng_document **doc, ng_error *err)
{
    *doc = NULL;
    for (size_t i = 0; i < u->warning_count; i++)
        report(r, &u->warnings[i]);
    if (u->warnings_lost)
        return ng_fail_nomem(err);
    if (u->status < 0) {
        if (err)
            *err = u->err;
        return u->status;
    }
    if (u->status == 0)
        return 0;
    u->doc.name = u->kind == NG_UNIT_RECORD ? name_record(r, u) : name_file(r, u);
    if (!u->doc.name)
        return ng_fail_nomem(err);
    r->documents++;
    *doc = &u->doc;
    return 1;
}

int ng_reader_next(ng_reader *r, const ng_document **doc, ng_error *err)
{
    *doc = NULL;
    for (;;) {
        int rc = ng_unit_take(r, &r->unit, err);
        if (rc <= 0)
            return rc;
        ng_unit_load(&r->unit, &r->buffers);
        rc = ng_unit_finish(r, &r->unit, doc, err);
        if (rc != 0)
            return rc;
    }
}
