/* Printing query results: text made safe for a terminal, aligned tables
 * and tab-separated values, and JSON documents. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/query.h"

/* The length of a character that must not reach the output as it is: a
 * control character, or a bidirectional override or isolate (U+202A-202E,
 * U+2066-2069), which would reorder what follows it on a terminal. */
static size_t unsafe_length(const unsigned char *s)
{
    if (*s < 0x20 || *s == 0x7f)
        return 1;
    if (s[0] == 0xe2 && s[1] == 0x80 && s[2] >= 0xaa && s[2] <= 0xae)
        return 3;
    if (s[0] == 0xe2 && s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9)
        return 3;
    return 0;
}

void cli_put_text(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        size_t n = unsafe_length(p);
        if (n) {
            fputc(' ', out);
            p += n;
        } else {
            fputc(*p++, out);
        }
    }
}

/* Whether a code point takes two columns on a terminal: the East Asian
 * wide and full-width ranges (Hangul, CJK, kana, full-width forms), as in
 * Markus Kuhn's wcwidth, without asking the locale. */
static int is_wide(unsigned long cp)
{
    return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f) ||
           (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
           (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
           (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd);
}

/* Columns, not bytes, so that names with accents or in Korean line up. */
static size_t display_width(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t len = *p < 0x80 ? 1 : *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc0 ? 2 : 1;
        unsigned long cp = len == 1 ? *p : *p & (0x7f >> len);
        size_t k = 1;
        for (; k < len && (p[k] & 0xc0) == 0x80; k++)
            cp = cp << 6 | (p[k] & 0x3f);
        n += k == len && is_wide(cp) ? 2 : 1;
        p += k;
    }
    return n;
}

/* --- tables ---------------------------------------------------------------- */

void cli_table_init(cli_table *t, const char *const *headers, size_t columns)
{
    memset(t, 0, sizeof *t);
    t->columns = columns;
    for (size_t i = 0; i < columns; i++)
        cli_table_cell(t, headers[i]);
}

static char **grow(cli_table *t, char **list, size_t *cap, size_t needed)
{
    if (needed <= *cap)
        return list;
    size_t n = *cap ? 2 * *cap : 32;
    char **bigger = realloc(list, n * sizeof *bigger);
    if (!bigger) {
        t->failed = 1;
        return NULL;
    }
    *cap = n;
    return bigger;
}

void cli_table_cell(cli_table *t, const char *text)
{
    char **cells = grow(t, t->cells, &t->cell_cap, t->cell_count + 1);
    char *copy = cells ? strdup(text ? text : "") : NULL;
    if (!copy) {
        t->failed = 1;
        return;
    }
    t->cells = cells;
    t->cells[t->cell_count++] = copy;
}

void cli_table_cellf(cli_table *t, const char *fmt, ...)
{
    char text[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    cli_table_cell(t, text);
}

void cli_table_note(cli_table *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char **notes = grow(t, t->notes, &t->note_cap, t->note_count + 1);
    size_t *rows = notes ? realloc(t->note_rows, t->note_cap * sizeof *rows) : NULL;
    char *text = rows && n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (notes)
        t->notes = notes;
    if (rows)
        t->note_rows = rows;
    if (!text) {
        t->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(text, (size_t)n + 1, fmt, ap);
    va_end(ap);
    /* Under the row being filled, or the last one complete. */
    t->note_rows[t->note_count] = (t->cell_count - 1) / t->columns;
    t->notes[t->note_count++] = text;
}

static void print_aligned_row(const cli_table *t, size_t row, const size_t *width, FILE *out)
{
    for (size_t c = 0; c < t->columns; c++) {
        const char *cell = t->cells[row * t->columns + c];
        cli_put_text(out, cell);
        if (c + 1 < t->columns)
            fprintf(out, "%*s", (int)(width[c] - display_width(cell) + 2), "");
    }
    fputc('\n', out);
}

static void print_tsv_row(const cli_table *t, size_t row, FILE *out)
{
    for (size_t c = 0; c < t->columns; c++) {
        if (c)
            fputc('\t', out);
        cli_put_text(out, t->cells[row * t->columns + c]);
    }
    fputc('\n', out);
}

int cli_table_print(const cli_table *t, int tsv, FILE *out)
{
    if (t->failed || t->cell_count % t->columns != 0)
        return EXIT_INTERNAL;
    size_t rows = t->cell_count / t->columns;
    size_t *width = calloc(t->columns, sizeof *width);
    if (!width)
        return EXIT_INTERNAL;
    for (size_t i = 0; i < t->cell_count; i++) {
        size_t w = display_width(t->cells[i]);
        if (w > width[i % t->columns])
            width[i % t->columns] = w;
    }
    for (size_t r = 0, k = 0; r < rows; r++) {
        if (tsv)
            print_tsv_row(t, r, out);
        else
            print_aligned_row(t, r, width, out);
        for (; k < t->note_count && t->note_rows[k] == r; k++) {
            cli_put_text(out, t->notes[k]);
            fputc('\n', out);
        }
    }
    free(width);
    return EXIT_OK;
}

void cli_table_free(cli_table *t)
{
    for (size_t i = 0; i < t->cell_count; i++)
        free(t->cells[i]);
    for (size_t i = 0; i < t->note_count; i++)
        free(t->notes[i]);
    free(t->cells);
    free(t->notes);
    free(t->note_rows);
    memset(t, 0, sizeof *t);
}

void cli_table_evidence(cli_table *t, const ng_evidence *ev)
{
    char where[32] = "";
    if (ev->sentence > 0)
        snprintf(where, sizeof where, ":%ld", ev->sentence);
    cli_table_note(t, "    %s%s (%s, %s): %s", ev->doc, where, ev->date ? ev->date : "undated",
                   ng_modality_name(ev->modality), ev->text ? ev->text : "");
}

/* --- JSON -------------------------------------------------------------------- */

json_t *cli_json_text(const char *s)
{
    if (!s)
        return json_null();
    json_t *v = json_string(s);
    if (v)
        return v;
    /* Not UTF-8: keep the ASCII and mark each other byte. */
    char *copy = strdup(s);
    if (!copy)
        return NULL;
    for (char *p = copy; *p; p++)
        if ((unsigned char)*p >= 0x80)
            *p = '?';
    v = json_string(copy);
    free(copy);
    return v;
}

json_t *cli_json_entity(const ng_entity *e)
{
    return json_pack("{s:o, s:o, s:s}", "id", cli_json_text(ng_entity_id(e)), "label",
                     cli_json_text(ng_entity_label(e)), "type",
                     ng_entity_type_name(ng_entity_typeof(e)));
}

json_t *cli_json_evidence(const ng_evidence *ev)
{
    return json_pack("{s:o, s:I, s:o, s:s, s:o, s:o, s:o, s:o}", "doc", cli_json_text(ev->doc),
                     "sentence", (json_int_t)ev->sentence, "date", cli_json_text(ev->date),
                     "modality", ng_modality_name(ev->modality), "trigger",
                     cli_json_text(ev->trigger), "text", cli_json_text(ev->text), "place",
                     cli_json_text(ev->place), "item", cli_json_text(ev->item));
}

int cli_json_print(json_t *root)
{
    if (!root)
        return EXIT_INTERNAL;
    int rc = json_dumpf(root, stdout, JSON_INDENT(2)) == 0 && fputc('\n', stdout) != EOF
                 ? EXIT_OK
                 : EXIT_OUTPUT;
    json_decref(root);
    return rc;
}
