/* The dictionary loader: the API is in dict.h, the format in
 * data/README.md.
 *
 * A load validates the bytes, copies the text once and cuts it into
 * strings in place, parses every line into records, and only then
 * indexes them, so that a file with an error changes nothing. */
#include "dict.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <newsgraph/graph.h>

#include "util/buf.h"
#include "util/fail.h"
#include "util/names.h"
#include "util/strmap.h"
#include "util/utf8.h"

struct ng_dict_field {
    const char *key; /* static: one of key_rules[].key */
    const char **values;
    size_t count;
};

/* An entry as the dictionary keeps it: the public part first, so that a
 * record and its entry share an address. */
typedef struct dict_record {
    ng_dict_entry entry;
    const char *key;   /* the folded name, the index key */
    size_t key_offset; /* ... as an offset into the chunk's key buffer while parsing */
    size_t key_len;
    size_t slot;       /* position in ng_dict.order */
    int removal;       /* a "-kind<TAB>name" line: deletes, never listed */
} dict_record;

/* The memory of one ng_dict_load call: a private copy of the text, cut
 * into strings in place, and the records, fields and value arrays that
 * point into it, each allocated once at its worst-case size (one record
 * per line, one field per TAB, one value per TAB or '|'). A chunk lives
 * until ng_dict_free because the index keeps the keys of replaced
 * entries. */
typedef struct dict_chunk {
    struct dict_chunk *next;
    char *text; /* the text, a NUL, the source name */
    dict_record *records;
    size_t nrecords;
    ng_dict_field *fields;
    size_t nfields;
    const char **values;
    size_t nvalues;
    ng_buf keys; /* folded names, NUL-separated */
} dict_chunk;

struct ng_dict {
    ng_strmap index[NG_DICT_KIND_COUNT]; /* folded name -> record; NULL once removed */
    dict_record **order;                 /* entries in load order; NULL for removed ones */
    size_t count;                        /* used slots of order */
    size_t cap;
    size_t holes;                        /* NULL slots, closed at the end of each load */
    dict_chunk *chunks;
};

static const char *const kind_names[NG_DICT_KIND_COUNT] = {
    "person", "country", "organization", "place", "title", "suffix", "trigger", "modality",
};

#define KIND_BIT(kind) (1u << (kind))
#define ANY_KIND ((1u << NG_DICT_KIND_COUNT) - 1)
#define CUE_KINDS (KIND_BIT(NG_DICT_TITLE) | KIND_BIT(NG_DICT_SUFFIX))

enum key_flags {
    ONE_VALUE = 1,    /* at most one value */
    DATE = 2,         /* YYYY or YYYY-MM-DD */
    ENTITY_TYPE = 4,  /* person, country, organization or place */
    RELATION = 8,     /* meets, visits, supplies or sanctions */
    MODALITY_NAME = 16, /* planned, alleged or denied */
    SUBJECT_ROLE = 32   /* agent or recipient */
};

/* Which keys exist, which kinds may carry them, and what their values
 * must look like. */
static const struct key_rule {
    const char *key;
    unsigned kinds;
    unsigned flags;
} key_rules[] = {
    {"alias", ANY_KIND, 0},
    {"demonym", KIND_BIT(NG_DICT_COUNTRY), 0},
    {"capital", KIND_BIT(NG_DICT_COUNTRY), 0},
    {"metonym", KIND_BIT(NG_DICT_COUNTRY), 0},
    {"country",
     KIND_BIT(NG_DICT_PERSON) | KIND_BIT(NG_DICT_ORGANIZATION) | KIND_BIT(NG_DICT_PLACE), 0},
    {"role", KIND_BIT(NG_DICT_PERSON), 0},
    {"from", KIND_BIT(NG_DICT_PERSON), ONE_VALUE | DATE},
    {"until", KIND_BIT(NG_DICT_PERSON), ONE_VALUE | DATE},
    {"type", CUE_KINDS, ONE_VALUE | ENTITY_TYPE},
    {"relation", KIND_BIT(NG_DICT_TRIGGER), ONE_VALUE | RELATION},
    {"verb", KIND_BIT(NG_DICT_TRIGGER), 0},
    {"noun", KIND_BIT(NG_DICT_TRIGGER), 0},
    {"prep", KIND_BIT(NG_DICT_TRIGGER), 0},
    {"subject", KIND_BIT(NG_DICT_TRIGGER), ONE_VALUE | SUBJECT_ROLE},
    {"modality", KIND_BIT(NG_DICT_MODALITY), ONE_VALUE | MODALITY_NAME},
};

/* ---- reading the text ---------------------------------------------- */

typedef struct dict_parser {
    dict_chunk *chunk;
    const char *source;
    const char *line; /* start of the current line */
    long lineno;
    ng_error *err;
} dict_parser;

/* Characters (not bytes) from `from` to `to`, for 1-based columns that
 * match what an editor shows. */
static long count_chars(const char *from, const char *to)
{
    long n = 0;
    for (const char *s = from; s < to; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int parse_error(const dict_parser *p, const char *at, const char *fmt, ...)
{
    char text[NG_ERROR_TEXT_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    ng_fail(p->err, NG_ERR_PARSE, p->source, "%s", text);
    ng_fail_at(p->err, p->lineno, count_chars(p->line, at) + 1, at - p->chunk->text);
    return NG_ERR_PARSE;
}

/* Cuts the next TAB-separated field off *rest: returns it NUL-terminated
 * and moves *rest past the TAB, or to NULL after the last field. */
static char *next_field(char **rest)
{
    char *field = *rest;
    char *tab = strchr(field, '\t');
    if (tab) {
        *tab = '\0';
        *rest = tab + 1;
    } else {
        *rest = NULL;
    }
    return field;
}

/* Strips the spaces around s in place, so that "alias=A | B" reads as
 * two clean values; returns the new start. */
static char *trim(char *s)
{
    while (*s == ' ')
        s++;
    char *end = s + strlen(s);
    while (end > s && end[-1] == ' ')
        end--;
    *end = '\0';
    return s;
}

static int is_blank(const char *s)
{
    return s[strspn(s, " \t")] == '\0';
}

static int is_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
    }
    return 1;
}

static int two_digits(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* YYYY or YYYY-MM-DD naming a day that exists. */
static int is_date(const char *s)
{
    size_t n = strlen(s);
    if ((n != 4 && n != 10) || !is_digits(s, 4))
        return 0;
    if (n == 4)
        return 1;
    if (s[4] != '-' || s[7] != '-' || !is_digits(s + 5, 2) || !is_digits(s + 8, 2))
        return 0;
    int year = two_digits(s) * 100 + two_digits(s + 2);
    int month = two_digits(s + 5), day = two_digits(s + 8);
    return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

/* Whether the period that ends at `until` starts after it: compared at the
 * precision both share, so "2024" is not before "2024-05-14". */
static int date_before(const char *until, const char *from)
{
    size_t n = strlen(until) < strlen(from) ? strlen(until) : strlen(from);
    return strncmp(until, from, n) < 0;
}

static int is_entity_type(const char *s)
{
    for (int k = NG_DICT_PERSON; k <= NG_DICT_PLACE; k++) {
        if (strcmp(s, kind_names[k]) == 0)
            return 1;
    }
    return 0;
}

static const struct key_rule *find_rule(const char *key)
{
    for (size_t i = 0; i < sizeof key_rules / sizeof key_rules[0]; i++) {
        if (strcmp(key, key_rules[i].key) == 0)
            return &key_rules[i];
    }
    return NULL;
}

static const ng_dict_field *find_field(const ng_dict_entry *e, const char *key)
{
    /* The keys of an entry start with different letters, mostly, so the
     * first byte settles most comparisons without a call. */
    for (size_t i = 0; i < e->nfields; i++) {
        const char *k = e->fields[i].key;
        if (k[0] == key[0] && strcmp(k, key) == 0)
            return &e->fields[i];
    }
    return NULL;
}

static int parse_kind(dict_parser *p, char *field, dict_record *rec)
{
    char *kind = trim(field);
    if (*kind == '-') {
        rec->removal = 1;
        kind++;
    }
    for (int k = 0; k < NG_DICT_KIND_COUNT; k++) {
        if (strcmp(kind, kind_names[k]) == 0) {
            rec->entry.kind = (ng_dict_kind)k;
            return 0;
        }
    }
    if (strchr(kind, ' '))
        return parse_error(p, kind, "unknown kind '%.40s': fields are separated by TABs, "
                                    "not spaces", kind);
    return parse_error(p, kind, "unknown kind '%.40s' (expected person, country, "
                                "organization, place, title, suffix, trigger or modality)",
                       kind);
}

/* Stores the folded name in the chunk's key buffer; the record keeps an
 * offset because the buffer may still move. */
static int fold_name(dict_parser *p, dict_record *rec)
{
    ng_buf *keys = &p->chunk->keys;
    rec->key_offset = keys->len;
    if (ng_name_fold(rec->entry.name, strlen(rec->entry.name), keys) != 0)
        return ng_fail_nomem(p->err);
    rec->key_len = keys->len - rec->key_offset;
    if (ng_buf_putc(keys, '\0') != 0)
        return ng_fail_nomem(p->err);
    return 0;
}

static int parse_name(dict_parser *p, char *field, const char *line_end, dict_record *rec)
{
    if (!field)
        return parse_error(p, line_end, "missing name after the kind");
    char *name = trim(field);
    if (!*name)
        return parse_error(p, field, "missing name");
    if (strchr(name, '='))
        return parse_error(p, name, "missing name: '%.40s' is a key=value field", name);
    char *bar = strchr(name, '|');
    if (bar)
        return parse_error(p, bar, "a name cannot contain '|' (aliases go in alias=)");
    rec->entry.name = name;
    if (fold_name(p, rec) != 0)
        return NG_ERR_NOMEM;
    if (rec->key_len == 0)
        return parse_error(p, name, "the name '%.40s' has no letters or digits", name);
    return 0;
}

static int check_value(dict_parser *p, const struct key_rule *rule, const char *value)
{
    if ((rule->flags & DATE) && !is_date(value))
        return parse_error(p, value, "bad date '%.20s' for %s= (expected YYYY or YYYY-MM-DD)",
                           value, rule->key);
    if ((rule->flags & ENTITY_TYPE) && !is_entity_type(value))
        return parse_error(p, value, "bad type '%.40s' (expected person, country, "
                                     "organization or place)", value);
    ng_relation relation;
    if ((rule->flags & RELATION) && ng_relation_parse(value, &relation) != 0)
        return parse_error(p, value, "bad relation '%.40s' (expected meets, visits, "
                                     "supplies or sanctions)", value);
    if ((rule->flags & SUBJECT_ROLE) && strcmp(value, "agent") != 0 &&
        strcmp(value, "recipient") != 0)
        return parse_error(p, value, "bad subject '%.40s' (expected agent or recipient)", value);
    ng_modality modality;
    if ((rule->flags & MODALITY_NAME) &&
        (ng_modality_parse(value, &modality) != 0 || modality == NG_MODALITY_ASSERTED))
        return parse_error(p, value, "bad modality '%.40s' (expected planned, alleged or "
                                     "denied)", value);
    return 0;
}

/* Splits the '|'-separated values of a field into the chunk's value
 * array. */
static int parse_values(dict_parser *p, const struct key_rule *rule, char *text,
                        ng_dict_field *f)
{
    dict_chunk *c = p->chunk;
    f->values = c->values + c->nvalues;
    f->count = 0;
    for (char *rest = text; rest;) {
        char *raw = rest;
        char *bar = strchr(raw, '|');
        if (bar)
            *bar = '\0';
        rest = bar ? bar + 1 : NULL;
        char *value = trim(raw);
        if (!*value)
            return parse_error(p, raw, "empty value for %s=", rule->key);
        if (f->count == 1 && (rule->flags & ONE_VALUE))
            return parse_error(p, value, "%s= takes one value", rule->key);
        if (check_value(p, rule, value) != 0)
            return NG_ERR_PARSE;
        c->values[c->nvalues++] = value;
        f->count++;
    }
    return 0;
}

static int parse_field(dict_parser *p, char *field, dict_record *rec)
{
    if (is_blank(field))
        return parse_error(p, field, "empty field (two TABs in a row?)");
    char *eq = strchr(field, '=');
    if (!eq)
        return parse_error(p, field, "'%.40s' has no '=': expected key=value", trim(field));
    *eq = '\0';
    char *key = trim(field);
    if (!*key)
        return parse_error(p, field, "missing key before '='");
    const struct key_rule *rule = find_rule(key);
    if (!rule)
        return parse_error(p, key, "unknown key '%.40s'", key);
    if (!(rule->kinds & KIND_BIT(rec->entry.kind)))
        return parse_error(p, key, "%s= does not apply to a %s", key,
                           kind_names[rec->entry.kind]);
    if (find_field(&rec->entry, rule->key))
        return parse_error(p, key, "%s= given twice", key);

    ng_dict_field *f = &p->chunk->fields[p->chunk->nfields];
    f->key = rule->key;
    if (parse_values(p, rule, eq + 1, f) != 0)
        return NG_ERR_PARSE;
    p->chunk->nfields++;
    rec->entry.nfields++;
    return 0;
}

/* Checks that need the whole line: required keys and date order. */
static int check_record(dict_parser *p, const dict_record *rec, const char *line_end)
{
    const ng_dict_entry *e = &rec->entry;
    if ((CUE_KINDS & KIND_BIT(e->kind)) && !find_field(e, "type"))
        return parse_error(p, line_end, "missing type= for a %s", kind_names[e->kind]);
    if (e->kind == NG_DICT_TRIGGER && !find_field(e, "relation"))
        return parse_error(p, line_end, "missing relation= for a trigger");
    if (e->kind == NG_DICT_TRIGGER && !find_field(e, "verb") && !find_field(e, "noun"))
        return parse_error(p, line_end, "a trigger needs verb= or noun= forms");
    if (e->kind == NG_DICT_MODALITY && !find_field(e, "modality"))
        return parse_error(p, line_end, "missing modality= for a modality cue");
    const char *from = ng_dict_value(e, "from");
    const char *until = ng_dict_value(e, "until");
    if (from && until && date_before(until, from))
        return parse_error(p, until, "until=%s is before from=%s", until, from);
    return 0;
}

/* Sets the entry's relation and modality from its fields, which
 * check_value has found to be valid. */
static void parse_enums(ng_dict_entry *e)
{
    const char *relation = ng_dict_value(e, "relation");
    const char *modality = ng_dict_value(e, "modality");
    ng_relation r;
    ng_modality m;
    e->relation = relation && ng_relation_parse(relation, &r) == 0 ? (int)r : -1;
    e->modality = modality && ng_modality_parse(modality, &m) == 0 ? (int)m : -1;
}

static int parse_line(dict_parser *p, char *line)
{
    if (line[0] == '#' || is_blank(line))
        return 0;
    dict_chunk *c = p->chunk;
    dict_record *rec = &c->records[c->nrecords];
    const char *line_end = line + strlen(line);
    rec->entry.source = p->source;
    rec->entry.line = p->lineno;
    rec->entry.fields = c->fields + c->nfields;

    char *rest = line;
    char *kind = next_field(&rest);
    int rc = parse_kind(p, kind, rec);
    if (rc == 0)
        rc = parse_name(p, rest ? next_field(&rest) : NULL, line_end, rec);
    if (rc == 0 && rec->removal && rest)
        rc = parse_error(p, rest, "a removal takes only the kind and the name");
    while (rc == 0 && rest)
        rc = parse_field(p, next_field(&rest), rec);
    if (rc == 0)
        rc = check_record(p, rec, line_end);
    if (rc == 0) {
        parse_enums(&rec->entry);
        c->nrecords++;
    }
    return rc;
}

/* A byte-order mark, as some editors write; it is not part of line 1. */
static int has_bom(const char *text, size_t n)
{
    return n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
}

static int parse_text(dict_parser *p, char *text, size_t n)
{
    char *end = text + n; /* the chunk's NUL, so the last line can be cut too */
    char *line = has_bom(text, n) ? text + 3 : text;
    for (p->lineno = 1;; p->lineno++) {
        char *nl = memchr(line, '\n', (size_t)(end - line));
        char *stop = nl ? nl : end;
        *stop = '\0';
        if (stop > line && stop[-1] == '\r')
            stop[-1] = '\0';
        p->line = line;
        int rc = parse_line(p, line);
        if (rc != 0 || !nl)
            return rc;
        line = nl + 1;
    }
}

/* ---- checking the bytes -------------------------------------------- */

/* The length of the longest prefix of s that is valid UTF-8 (RFC 3629: no
 * overlong forms, surrogates or code points above U+10FFFF) without NUL. */
static size_t utf8_valid_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c >= 0x01 && c < 0x80) {
            i++;
            continue;
        }
        size_t len = ng_utf8_sequence_length(s + i, n - i);
        if (len == 0)
            return i;
        i += len;
    }
    return n;
}

static int encoding_error(const char *text, size_t bad, const char *source, ng_error *err)
{
    long line = 1;
    size_t start = has_bom(text, bad) ? 3 : 0;
    for (size_t i = 0; i < bad; i++) {
        if (text[i] == '\n') {
            line++;
            start = i + 1;
        }
    }
    if (text[bad] == '\0')
        ng_fail(err, NG_ERR_ENCODING, source, "NUL byte in dictionary text");
    else
        ng_fail(err, NG_ERR_ENCODING, source, "invalid UTF-8 byte 0x%02X",
                (unsigned)(unsigned char)text[bad]);
    ng_fail_at(err, line, count_chars(text + start, text + bad) + 1, (long long)bad);
    return NG_ERR_ENCODING;
}

/* ---- chunks --------------------------------------------------------- */

static void chunk_free(dict_chunk *c)
{
    if (!c)
        return;
    free(c->text);
    free(c->records);
    free(c->fields);
    free(c->values);
    ng_buf_free(&c->keys);
    free(c);
}

/* A chunk holding a copy of the text and the source name, with arrays
 * sized for the worst case of that text; NULL if out of memory. */
static dict_chunk *chunk_new(const char *text, size_t n, const char *source)
{
    size_t lines = 1, tabs = 0, bars = 0;
    for (size_t i = 0; i < n; i++) {
        lines += text[i] == '\n';
        tabs += text[i] == '\t';
        bars += text[i] == '|';
    }
    size_t source_len = strlen(source);
    if (n > SIZE_MAX - source_len - 2)
        return NULL;
    dict_chunk *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->text = malloc(n + 1 + source_len + 1);
    c->records = calloc(lines, sizeof *c->records);
    c->fields = calloc(tabs + 1, sizeof *c->fields);
    c->values = calloc(tabs + bars + 1, sizeof *c->values);
    if (!c->text || !c->records || !c->fields || !c->values) {
        chunk_free(c);
        return NULL;
    }
    if (n)
        memcpy(c->text, text, n);
    c->text[n] = '\0';
    memcpy(c->text + n + 1, source, source_len + 1);
    return c;
}

/* ---- adding entries ------------------------------------------------- */

static int commit_record(ng_dict *d, dict_record *rec)
{
    ng_strmap *map = &d->index[rec->entry.kind];
    dict_record *old = ng_strmap_get(map, rec->key, rec->key_len);
    if (rec->removal) {
        /* Removing a name that is not there is fine: a user's file keeps
         * working when the built-in dictionary drops the entry. */
        if (!old)
            return 0;
        if (ng_strmap_put(map, rec->key, rec->key_len, NULL) != 0)
            return NG_ERR_NOMEM;
        d->order[old->slot] = NULL;
        d->holes++;
        return 0;
    }
    if (ng_strmap_put(map, rec->key, rec->key_len, rec) != 0)
        return NG_ERR_NOMEM;
    rec->slot = old ? old->slot : d->count++;
    d->order[rec->slot] = rec;
    return 0;
}

/* Closes the holes that removals left, so that ng_dict_at stays an array
 * lookup. */
static void compact_order(ng_dict *d)
{
    size_t kept = 0;
    for (size_t i = 0; i < d->count; i++) {
        dict_record *rec = d->order[i];
        if (rec) {
            rec->slot = kept;
            d->order[kept++] = rec;
        }
    }
    d->count = kept;
    d->holes = 0;
}

/* Indexes a parsed chunk; the chunk already belongs to the dictionary. */
static int commit_chunk(ng_dict *d, dict_chunk *c, ng_error *err)
{
    void *order = d->order;
    if (ng_array_grow(&order, &d->cap, d->count + c->nrecords, sizeof *d->order) != 0)
        return ng_fail_nomem(err);
    d->order = order;
    int rc = 0;
    for (size_t i = 0; i < c->nrecords && rc == 0; i++) {
        dict_record *rec = &c->records[i];
        rec->key = c->keys.data + rec->key_offset;
        rc = commit_record(d, rec);
    }
    if (d->holes)
        compact_order(d);
    return rc ? ng_fail_nomem(err) : 0;
}

/* ---- public functions ----------------------------------------------- */

ng_dict *ng_dict_new(ng_error *err)
{
    ng_dict *d = calloc(1, sizeof *d);
    if (!d)
        ng_fail_nomem(err);
    return d;
}

void ng_dict_free(ng_dict *d)
{
    if (!d)
        return;
    for (int k = 0; k < NG_DICT_KIND_COUNT; k++)
        ng_strmap_free(&d->index[k]);
    free(d->order);
    while (d->chunks) {
        dict_chunk *next = d->chunks->next;
        chunk_free(d->chunks);
        d->chunks = next;
    }
    free(d);
}

int ng_dict_load(ng_dict *d, const char *text, size_t n, const char *source, ng_error *err)
{
    if (!source)
        source = "<dictionary>";
    if (!d || (!text && n))
        return ng_fail(err, NG_ERR_INVALID, source, "no dictionary or no text to load");
    if (n == 0)
        return 0;
    size_t valid = utf8_valid_prefix((const unsigned char *)text, n);
    if (valid < n)
        return encoding_error(text, valid, source, err);

    dict_chunk *c = chunk_new(text, n, source);
    if (!c)
        return ng_fail_nomem(err);
    dict_parser p = {.chunk = c, .source = c->text + n + 1, .line = c->text, .err = err};
    int rc = parse_text(&p, c->text, n);
    if (rc != 0) {
        chunk_free(c);
        return rc;
    }
    c->next = d->chunks;
    d->chunks = c;
    return commit_chunk(d, c, err);
}

/* Reads the whole file into `out`. */
static int read_file(const char *path, ng_buf *out, ng_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        return ng_fail(err, e == ENOENT ? NG_ERR_NOT_FOUND : NG_ERR_IO, path,
                       "cannot open dictionary: %s", strerror(e));
    }
    enum { BLOCK = 64 * 1024 };
    size_t got;
    do {
        if (ng_buf_reserve(out, BLOCK) != 0) {
            fclose(f);
            return ng_fail_nomem(err);
        }
        got = fread(out->data + out->len, 1, BLOCK, f);
        out->len += got;
        out->data[out->len] = '\0';
    } while (got == BLOCK);
    int failed = ferror(f);
    int e = errno;
    fclose(f);
    if (failed)
        return ng_fail(err, NG_ERR_IO, path, "cannot read dictionary: %s", strerror(e));
    return 0;
}

int ng_dict_load_file(ng_dict *d, const char *path, ng_error *err)
{
    if (!d || !path)
        return ng_fail(err, NG_ERR_INVALID, path, "no dictionary or no path");
    ng_buf text = {0};
    int rc = read_file(path, &text, err);
    if (rc == 0)
        rc = ng_dict_load(d, text.data, text.len, path, err);
    ng_buf_free(&text);
    return rc;
}

int ng_dict_load_default(ng_dict *d, ng_error *err)
{
    for (const ng_embedded_file *f = ng_default_dictionary; f->name; f++) {
        int rc = ng_dict_load(d, f->text, f->size, f->name, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

size_t ng_dict_count(const ng_dict *d)
{
    return d ? d->count : 0;
}

const ng_dict_entry *ng_dict_at(const ng_dict *d, size_t i)
{
    return d && i < d->count ? &d->order[i]->entry : NULL;
}

const ng_dict_entry *ng_dict_find(const ng_dict *d, ng_dict_kind kind, const char *name)
{
    if (!d || !name || (unsigned)kind >= NG_DICT_KIND_COUNT)
        return NULL;
    ng_buf key = {0};
    const dict_record *rec = NULL;
    if (ng_name_fold(name, strlen(name), &key) == 0)
        rec = ng_strmap_get(&d->index[kind], ng_buf_cstr(&key), key.len);
    ng_buf_free(&key);
    return rec ? &rec->entry : NULL;
}

size_t ng_dict_values(const ng_dict_entry *e, const char *key, const char *const **values)
{
    const ng_dict_field *f = e && key ? find_field(e, key) : NULL;
    if (values)
        *values = f ? f->values : NULL;
    return f ? f->count : 0;
}

const char *ng_dict_value(const ng_dict_entry *e, const char *key)
{
    const char *const *values;
    return ng_dict_values(e, key, &values) ? values[0] : NULL;
}

const char *ng_dict_kind_name(ng_dict_kind kind)
{
    return (unsigned)kind < NG_DICT_KIND_COUNT ? kind_names[kind] : NULL;
}
