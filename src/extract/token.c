#include "extract/token.h"

#include <string.h>
#include <utf8proc.h>

#include <newsgraph/error.h>

#include "extract/lexicon.h"
#include "util/names.h"

/* The code point at text[*i] (advancing *i), or -1 for an invalid byte. */
static utf8proc_int32_t next_cp(const char *text, size_t end, size_t *i)
{
    if ((unsigned char)text[*i] < 0x80)
        return (unsigned char)text[(*i)++];
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + *i,
                                          (utf8proc_ssize_t)(end - *i), &cp);
    *i += n > 0 ? (size_t)n : 1;
    return n > 0 ? cp : -1;
}

static utf8proc_int32_t cp_at(const char *text, size_t end, size_t i)
{
    return i < end ? next_cp(text, end, &i) : -1;
}

/* ASCII letters and digits, by byte: most of the text is ASCII, and a
 * table lookup keeps the scan of a word to a few instructions a byte. */
static const unsigned char ascii_word[128] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

static int is_word_cp(utf8proc_int32_t cp)
{
    if (cp < 0)
        return 0;
    if (cp < 0x80)
        return ascii_word[cp];
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_MC) ||
           c == UTF8PROC_CATEGORY_ND || c == UTF8PROC_CATEGORY_ME;
}

static int is_letter_cp(utf8proc_int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    return is_word_cp(cp) && utf8proc_category(cp) != UTF8PROC_CATEGORY_ND;
}

static int is_upper_cp(utf8proc_int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Where a run of word characters starting at i ends. */
static size_t word_run(const char *text, size_t end, size_t i)
{
    while (i < end) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) { /* the common case, without decoding */
            if (!ascii_word[c])
                break;
            i++;
            continue;
        }
        size_t j = i;
        if (!is_word_cp(next_cp(text, end, &j)))
            break;
        i = j;
    }
    return i;
}

/* Extends the word text[start..*i) over what belongs inside it: an
 * apostrophe between letters that is not a possessive 's ("didn't"), and
 * a decimal point or separator between digits ("72.27", "11,000"). */
static void extend_word(const char *text, size_t end, size_t *i)
{
    for (;;) {
        size_t j = *i;
        char c = j < end ? text[j] : '\0';
        if (c == '\'' && is_letter_cp(cp_at(text, end, j + 1))) {
            size_t after = word_run(text, end, j + 1);
            if (after == j + 2 && (text[j + 1] == 's' || text[j + 1] == 'S'))
                return; /* a possessive */
            *i = after;
        } else if ((c == '.' || c == ',') && j > 0 && is_digit(text[j - 1]) && j + 1 < end &&
                   is_digit(text[j + 1])) {
            *i = word_run(text, end, j + 1);
        } else {
            return;
        }
    }
}

static int is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The end of an acronym written with full stops ("U.S.", "U.N.") that
 * starts at `start`: two or more single letters, each followed by a full
 * stop. `start` when there is none. */
static size_t acronym_end(const char *text, size_t end, size_t start)
{
    size_t i = start, letters = 0;
    while (i + 1 < end && is_ascii_letter(text[i]) && text[i + 1] == '.' &&
           (i == start || !is_ascii_letter(text[i - 1]))) {
        i += 2;
        letters++;
    }
    return letters >= 2 && (i >= end || !is_word_cp(cp_at(text, end, i))) ? i : start;
}

static unsigned case_flags(const char *text, size_t start, size_t end)
{
    unsigned flags = 0;
    size_t letters = 0, upper = 0, i = start;
    utf8proc_int32_t first = cp_at(text, end, start);
    if (first >= '0' && first <= '9')
        flags |= NG_TOKEN_NUMBER;
    else if (first >= 0 && is_upper_cp(first))
        flags |= NG_TOKEN_CAPITAL;
    while (i < end) {
        utf8proc_int32_t cp = next_cp(text, end, &i);
        if (is_letter_cp(cp)) {
            letters++;
            upper += is_upper_cp(cp) != 0;
        }
    }
    if (letters >= 2 && upper == letters)
        flags |= NG_TOKEN_UPPER;
    return flags;
}

/* The spellings remembered at most: past this, the memory goes back and
 * the cache starts again, so that it stays bounded on any corpus. */
#define MAX_SPELLINGS (1u << 17)

static void forget_forms(ng_tokens *out)
{
    ng_strmap_free(&out->spellings);
    ng_intern_free(&out->strings);
    out->form_count = 0;
}

/* The form of text[start, end), folded unless `fold` is 0: punctuation
 * keeps its own form, since folding would make a dash a space. A spelling
 * is either a word or not (words start with a letter or digit), so the
 * spelling alone is the key. NULL if out of memory. */
static const ng_word_form *form_of(ng_tokens *out, const char *text, size_t start, size_t end,
                                   int word, int fold)
{
    const char *raw = text + start;
    size_t len = end - start;
    uintptr_t at = (uintptr_t)ng_strmap_get(&out->spellings, raw, len);
    if (at)
        return &out->forms[at - 1];
    void *forms = out->forms;
    if (ng_array_grow(&forms, &out->form_cap, out->form_count + 1, sizeof *out->forms) != 0)
        return NULL;
    out->forms = forms;
    ng_buf folded = {0};
    int rc = fold ? ng_name_fold(raw, len, &folded) : ng_buf_append(&folded, raw, len);
    const char *norm = rc == 0 ? ng_intern_bytes(&out->strings, ng_buf_cstr(&folded), folded.len)
                               : NULL;
    const char *key = ng_intern_bytes(&out->strings, raw, len);
    ng_word_form *f = &out->forms[out->form_count];
    if (norm) {
        f->norm = norm;
        f->case_flags = word ? case_flags(text, start, end) : 0;
        f->lex = ng_lex_classes(norm, folded.len);
        f->norm_len = (uint32_t)folded.len; /* interned, so under UINT32_MAX */
        f->norm_hash = ng_strmap_hash(norm, folded.len);
    }
    ng_buf_free(&folded);
    if (!norm || !key ||
        ng_strmap_put(&out->spellings, key, len, (void *)(uintptr_t)(out->form_count + 1)) != 0)
        return NULL;
    out->form_count++;
    return f;
}

static int push(ng_tokens *out, const char *text, size_t start, size_t end, unsigned flags)
{
    void *items = out->items;
    if (ng_array_grow(&items, &out->cap, out->count + 1, sizeof *out->items) != 0)
        return NG_ERR_NOMEM;
    out->items = items;
    const ng_word_form *form = form_of(out, text, start, end, (flags & NG_TOKEN_WORD) != 0,
                                       (flags & (NG_TOKEN_WORD | NG_TOKEN_POSSESSIVE)) != 0);
    if (!form)
        return NG_ERR_NOMEM;
    ng_token *t = &out->items[out->count++];
    t->start = start;
    t->end = end;
    t->norm = form->norm;
    t->flags = flags | form->case_flags;
    t->lex = form->lex;
    t->norm_len = form->norm_len;
    t->norm_hash = form->norm_hash;
    return 0;
}

static int is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

int ng_tokenize(const char *text, ng_span sentence, ng_tokens *out)
{
    out->count = 0;
    if (out->form_count >= MAX_SPELLINGS)
        forget_forms(out);
    size_t end = sentence.end;
    unsigned joined = 0;
    for (size_t i = sentence.start; i < end;) {
        if (is_space(text[i])) {
            i++;
            joined = 0;
            continue;
        }
        size_t start = i, j = i;
        int rc;
        if (is_word_cp(next_cp(text, end, &j))) {
            i = acronym_end(text, end, start);
            if (i == start) {
                i = word_run(text, end, start);
                extend_word(text, end, &i);
            }
            rc = push(out, text, start, i, NG_TOKEN_WORD | joined);
            joined = 0;
            if (rc == 0 && i + 1 < end && text[i] == '\'' && (text[i + 1] == 's' || text[i + 1] == 'S') &&
                !is_word_cp(cp_at(text, end, i + 2))) {
                rc = push(out, text, i, i + 2, NG_TOKEN_POSSESSIVE);
                i += 2;
            } else if (rc == 0 && i < end && text[i] == '\'' && i > start && text[i - 1] == 's' &&
                       !is_word_cp(cp_at(text, end, i + 1))) {
                rc = push(out, text, i, i + 1, NG_TOKEN_POSSESSIVE);
                i += 1;
            }
        } else if (text[i] == '-' && out->count && (out->items[out->count - 1].flags & NG_TOKEN_WORD) &&
                   out->items[out->count - 1].end == i && is_word_cp(cp_at(text, end, i + 1))) {
            i++;
            joined = NG_TOKEN_JOINED;
            continue;
        } else {
            i = j;
            rc = push(out, text, start, i, 0);
            joined = 0;
        }
        if (rc != 0)
            return NG_ERR_NOMEM;
    }
    if (out->count)
        out->items[0].flags |= NG_TOKEN_INITIAL;
    return 0;
}

void ng_tokens_free(ng_tokens *tokens)
{
    free(tokens->items);
    forget_forms(tokens);
    free(tokens->forms);
    tokens->items = NULL;
    tokens->forms = NULL;
    tokens->count = tokens->cap = tokens->form_cap = 0;
}

int ng_token_is(const ng_tokens *tokens, size_t i, const char *word)
{
    return i < tokens->count && strcmp(tokens->items[i].norm, word) == 0;
}
