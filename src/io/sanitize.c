/* The output sanitiser: one pass over the bytes, copying runs that need no
 * change in one piece and substituting only where the contract in
 * sanitize.h says so. */
#include "sanitize.h"

#include <stdint.h>
#include <string.h>

#include <newsgraph/error.h>

/* Stands for an ill-formed sequence; above every Unicode code point. */
#define ILL_FORMED UINT32_C(0xFFFFFFFF)

static const char replacement_char[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* Decodes the UTF-8 sequence at s[0..n) (n > 0) into *cp and returns its
 * length. An ill-formed sequence gives ILL_FORMED and the length of its
 * maximal subpart (at least 1), the unit that Unicode recommends replacing
 * by one U+FFFD. Overlong forms, surrogates and values above U+10FFFF are
 * excluded by the ranges allowed for the second byte. */
static size_t utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char lo = 0x80, hi = 0xBF;
    size_t len;
    uint32_t c = s[0];

    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        c &= 0x0F;
        lo = s[0] == 0xE0 ? 0xA0 : 0x80;
        hi = s[0] == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        c &= 0x07;
        lo = s[0] == 0xF0 ? 0x90 : 0x80;
        hi = s[0] == 0xF4 ? 0x8F : 0xBF;
    } else {
        *cp = ILL_FORMED;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if (i >= n || s[i] < lo || s[i] > hi) {
            *cp = ILL_FORMED;
            return i;
        }
        c = (c << 6) | (s[i] & 0x3F);
        lo = 0x80;
        hi = 0xBF;
    }
    *cp = c;
    return len;
}

/* What replaces the character: NULL to keep it, "" to drop it. */
static const char *substitute(uint32_t cp)
{
    if (cp == ILL_FORMED || cp == 0xFFFE || cp == 0xFFFF)
        return replacement_char;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
        return " ";
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
        return "";
    return NULL;
}

size_t ng_sanitize_char(const char *s, size_t n, const char **sub)
{
    uint32_t cp;
    size_t len = utf8_next((const unsigned char *)s, n, &cp);
    *sub = substitute(cp);
    return len;
}

int ng_sanitize(const char *s, size_t n, ng_buf *out)
{
    const unsigned char *bytes = (const unsigned char *)s;
    size_t kept = 0; /* start of the run still to be copied as it is */
    size_t i = 0;

    while (i < n) {
        /* Printable ASCII, most of any text, never needs a change. */
        if (bytes[i] >= 0x20 && bytes[i] < 0x7F) {
            i++;
            continue;
        }
        const char *sub;
        size_t len = ng_sanitize_char(s + i, n - i, &sub);
        if (sub) {
            if (ng_buf_append(out, s + kept, i - kept) != 0 || ng_buf_append_str(out, sub) != 0)
                return NG_ERR_NOMEM;
            kept = i + len;
        }
        i += len;
    }
    return ng_buf_append(out, s + kept, n - kept);
}

const char *ng_sanitize_str(ng_buf *scratch, const char *s)
{
    ng_buf_clear(scratch);
    if (!s)
        s = "";
    return ng_sanitize(s, strlen(s), scratch) == 0 ? ng_buf_cstr(scratch) : NULL;
}
