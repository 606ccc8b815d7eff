#include "names.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include <newsgraph/error.h>

typedef int (*emit_fn)(ng_buf *out, utf8proc_int32_t cp, int *pending, size_t start);

static int is_separator(utf8proc_int32_t cp)
{
    switch (cp) {
    case '-': case '_': case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212:
        return 1;
    default:
        break;
    }
    if (cp < 0x80)
        return 0;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP;
}

static int is_apostrophe(utf8proc_int32_t cp)
{
    return cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x02BC;
}

static int is_word_char(utf8proc_int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    utf8proc_category_t cat = utf8proc_category(cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           cat == UTF8PROC_CATEGORY_ND || cat == UTF8PROC_CATEGORY_MN ||
           cat == UTF8PROC_CATEGORY_MC;
}

static int put_cp(ng_buf *out, utf8proc_int32_t cp)
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, tmp);
    return ng_buf_append(out, tmp, (size_t)n);
}

static int fold_emit(ng_buf *out, utf8proc_int32_t cp, int *pending, size_t start)
{
    if (is_separator(cp)) {
        *pending = out->len > start;
        return 0;
    }
    if (*pending && ng_buf_putc(out, ' ') != 0)
        return NG_ERR_NOMEM;
    *pending = 0;
    return put_cp(out, is_apostrophe(cp) ? '\'' : cp);
}

/* The word a slug spells a plus sign as, so that "OPEC+" and "OPEC Plus"
 * share an id that "OPEC" does not. */
#define SLUG_PLUS "plus"

static int slug_emit(ng_buf *out, utf8proc_int32_t cp, int *pending, size_t start)
{
    if (is_apostrophe(cp) || cp == '.')
        return 0;
    if (cp == '+') {
        if (out->len > start && ng_buf_putc(out, '-') != 0)
            return NG_ERR_NOMEM;
        *pending = 1;
        return ng_buf_append_str(out, SLUG_PLUS);
    }
    if (!is_word_char(cp)) {
        *pending = out->len > start;
        return 0;
    }
    if (*pending && ng_buf_putc(out, '-') != 0)
        return NG_ERR_NOMEM;
    *pending = 0;
    return put_cp(out, cp);
}

/* What an ASCII byte is to a key: dropped, a separator (a run of them
 * becomes one joiner, none at the ends), kept, lower-cased, or one that
 * only the general way (transform) writes. */
typedef enum { ASCII_KEEP, ASCII_DROP, ASCII_SEPARATE, ASCII_GENERAL } ascii_class;

static ascii_class fold_class(char c)
{
    return c == '-' || c == '_' || c == ' ' || (c >= '\t' && c <= '\r') ? ASCII_SEPARATE
                                                                         : ASCII_KEEP;
}

static ascii_class slug_class(char c)
{
    if (c == '\'' || c == '.')
        return ASCII_DROP;
    if (c == '+') /* a word of its own, longer than the byte */
        return ASCII_GENERAL;
    int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return alnum ? ASCII_KEEP : ASCII_SEPARATE;
}

/* What map_ascii returns for a name it leaves to the general way. */
#define GENERAL_WAY 1

/* fold_emit or slug_emit over ASCII, written straight into the buffer
 * without utf8proc: most names and words are ASCII. At the first byte
 * past 0x7f, or of class ASCII_GENERAL, it stops and returns
 * GENERAL_WAY, with `out` as it was; else it returns 0 or NG_ERR_NOMEM. One pass: the name is not scanned first
 * to see whether it is ASCII. */
static int map_ascii(const char *s, size_t len, ng_buf *out, char joiner,
                     ascii_class (*class_of)(char))
{
    if (ng_buf_reserve(out, len) != 0)
        return NG_ERR_NOMEM;
    char *start = out->data + out->len, *w = start;
    int pending = 0;
    for (size_t i = 0; i < len; i++) {
        ascii_class cls = (unsigned char)s[i] >= 0x80 ? ASCII_GENERAL : class_of(s[i]);
        if (cls == ASCII_GENERAL) {
            *start = '\0';
            return GENERAL_WAY;
        }
        if (cls != ASCII_KEEP) {
            pending |= cls == ASCII_SEPARATE && w > start;
            continue;
        }
        if (pending)
            *w++ = joiner;
        pending = 0;
        *w++ = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
    }
    *w = '\0';
    out->len += (size_t)(w - start);
    return 0;
}

static const utf8proc_option_t map_options = UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                             UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                             UTF8PROC_STRIPMARK;

/* utf8proc_map of s[0..len) without the bytes that are not UTF-8. */
static utf8proc_ssize_t map_valid(const char *s, size_t len, utf8proc_uint8_t **mapped)
{
    ng_buf valid = {0};
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            i++;
            continue;
        }
        if (ng_buf_append(&valid, s + i, (size_t)n) != 0) {
            ng_buf_free(&valid);
            return UTF8PROC_ERROR_NOMEM;
        }
        i += (size_t)n;
    }
    utf8proc_ssize_t mlen = 0;
    *mapped = NULL;
    if (valid.len)
        mlen = utf8proc_map((const utf8proc_uint8_t *)valid.data, (utf8proc_ssize_t)valid.len,
                            mapped, map_options);
    ng_buf_free(&valid);
    return mlen;
}

/* Case-folds and NFKC-normalises `s` (dropping invalid bytes and
 * diacritics) and feeds the code points of the result to `emit`. */
static int transform(const char *s, size_t len, ng_buf *out, emit_fn emit)
{
    size_t start = out->len;
    int pending = 0;

    /* utf8proc_map rejects invalid UTF-8 as a whole: a name is mapped as
     * it is, and only one that is not UTF-8 is copied without its bad
     * bytes and mapped again (which gives what the copy always would). */
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t mlen = 0;
    if (len)
        mlen = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &mapped,
                            map_options);
    if (mlen == UTF8PROC_ERROR_INVALIDUTF8) {
        free(mapped);
        mlen = map_valid(s, len, &mapped);
    }
    if (mlen < 0) {
        free(mapped);
        return NG_ERR_NOMEM;
    }
    int rc = 0;
    for (utf8proc_ssize_t i = 0; i < mlen && rc == 0;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(mapped + i, mlen - i, &cp);
        if (n <= 0)
            break;
        i += n;
        rc = emit(out, cp, &pending, start);
    }
    free(mapped);
    if (rc == 0 && !out->data)
        rc = ng_buf_append(out, "", 0);
    return rc;
}

int ng_name_fold(const char *name, size_t len, ng_buf *out)
{
    int rc = map_ascii(name, len, out, ' ', fold_class);
    return rc == GENERAL_WAY ? transform(name, len, out, fold_emit) : rc;
}

int ng_name_slug(const char *label, size_t len, ng_buf *out)
{
    int rc = map_ascii(label, len, out, '-', slug_class);
    return rc == GENERAL_WAY ? transform(label, len, out, slug_emit) : rc;
}

int ng_ascii_equal_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char ca = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char cb = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (ca != cb)
            return 0;
    }
    return *a == *b;
}

const char *ng_path_extension(const char *path)
{
    const char *base = path ? strrchr(path, '/') : NULL;
    base = base ? base + 1 : path;
    return base ? strrchr(base, '.') : NULL;
}
