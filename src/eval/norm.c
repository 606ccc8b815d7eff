#include "eval/norm.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include <newsgraph/error.h>

static int status_of(utf8proc_ssize_t rc)
{
    return rc == UTF8PROC_ERROR_NOMEM ? NG_ERR_NOMEM : NG_ERR_ENCODING;
}

/* Rule 1 as the reference applies it: NFKC first, then case folding code
 * point by code point. Folding with UTF8PROC_CASEFOLD alone does not
 * decompose, compose or reorder marks, just as Python's str.casefold()
 * does not, so the order of the two steps is kept. Stores a new array
 * (free()) in *cps. */
static int nfkc_casefold(const char *s, size_t len, utf8proc_int32_t **cps, size_t *count)
{
    utf8proc_uint8_t *nfkc = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &nfkc,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
    if (n < 0)
        return status_of(n);
    utf8proc_ssize_t needed = utf8proc_decompose(nfkc, n, NULL, 0, UTF8PROC_CASEFOLD);
    utf8proc_int32_t *out = needed >= 0 ? malloc(((size_t)needed + 1) * sizeof *out) : NULL;
    if (!out) {
        free(nfkc);
        return needed < 0 ? status_of(needed) : NG_ERR_NOMEM;
    }
    utf8proc_ssize_t got = utf8proc_decompose(nfkc, n, out, needed, UTF8PROC_CASEFOLD);
    free(nfkc);
    if (got != needed) {
        free(out);
        return status_of(got < 0 ? got : UTF8PROC_ERROR_OVERFLOW);
    }
    *cps = out;
    *count = (size_t)got;
    return 0;
}

/* Python's \w: letters, numbers and '_'. */
static int is_word(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    return c == '_' || (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

/* Rules 2 and 3. */
static void fold_punctuation(utf8proc_int32_t *cps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        utf8proc_int32_t c = cps[i];
        if (c == 0x2018 || c == 0x2019)
            cps[i] = '\'';
        else if (c == '-' || c == '_' || (c >= 0x2010 && c <= 0x2015))
            cps[i] = ' ';
    }
}

/* Rule 4, scanning left to right as a regular expression substitution
 * does: the test looks at the text before any removal. Returns the new
 * length. */
static size_t drop_possessives(utf8proc_int32_t *cps, size_t n)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        int possessive = cps[i] == '\'' && i + 1 < n && cps[i + 1] == 's' &&
                         (i + 2 == n || !is_word(cps[i + 2]));
        if (possessive) {
            i++;
            continue;
        }
        cps[kept++] = cps[i];
    }
    return kept;
}

/* Rules 5 and 6: words and apostrophes, one space between runs. */
static int emit_words(const utf8proc_int32_t *cps, size_t n, ng_buf *out)
{
    int pending_space = 0;
    for (size_t i = 0; i < n; i++) {
        if (cps[i] != '\'' && !is_word(cps[i])) {
            pending_space = out->len > 0;
            continue;
        }
        if (pending_space && ng_buf_putc(out, ' ') != 0)
            return NG_ERR_NOMEM;
        pending_space = 0;
        utf8proc_uint8_t bytes[4];
        utf8proc_ssize_t len = utf8proc_encode_char(cps[i], bytes);
        if (ng_buf_append(out, bytes, (size_t)len) != 0)
            return NG_ERR_NOMEM;
    }
    return 0;
}

/* Rule 7. */
static void drop_article(ng_buf *out)
{
    if (out->len >= 4 && memcmp(out->data, "the ", 4) == 0) {
        memmove(out->data, out->data + 4, out->len - 4 + 1);
        out->len -= 4;
    }
}

int ng_norm_name(const char *s, size_t len, ng_buf *out)
{
    ng_buf_clear(out);
    utf8proc_int32_t *cps = NULL;
    size_t n = 0;
    int rc = nfkc_casefold(s, len, &cps, &n);
    if (rc != 0)
        return rc;
    fold_punctuation(cps, n);
    n = drop_possessives(cps, n);
    rc = emit_words(cps, n, out);
    free(cps);
    if (rc == 0 && !out->data)
        rc = ng_buf_append(out, "", 0); /* so that the key is "" rather than NULL */
    if (rc == 0)
        drop_article(out);
    return rc;
}
