/* Normalisation of raw bytes, keeping an exact map back to them.
 *
 * NFC can only change text within a run that starts at a "safe" starter: a
 * code point with canonical combining class 0 that never composes with what
 * precedes it. So the input is cut into segments at such starters; ASCII
 * followed by ASCII (most of English news) is copied straight through, and
 * each other segment is normalised on its own with utf8proc into a stack
 * buffer. The output of a segment maps to the raw offsets of its own code
 * points when normalisation left it unchanged, and to the segment's first
 * byte otherwise. Folding (quotes, dashes, spaces, controls) is applied to
 * the normalised code points, so it never disturbs composition. */
#include "normalize.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#if defined(__SSE2__) && SIZE_MAX == UINT64_MAX && !defined(NG_NO_SIMD)
/* SSE2 is part of every x86-64, where a size_t is 64 bits: two fit in a
 * vector register. */
#include <emmintrin.h>
#define HAVE_SSE2 1
#endif

#include <newsgraph/error.h>

#include "util/utf8.h"

/* A segment holds at most this many code points. Real text never comes
 * close; the cap only bounds the (quadratic) canonical reordering of a
 * pathological run of combining marks, which is then normalised in
 * pieces. */
#define SEGMENT_MAX 128
/* No code point has a canonical decomposition longer than 4. */
#define DECOMPOSED_MAX (4 * SEGMENT_MAX)

#define REPLACEMENT 0xFFFD

typedef struct sink {
    ng_buf *text;
    size_t **origin;
    size_t *origin_cap;
    ng_normalize_report *report;
} sink;

typedef struct segment {
    utf8proc_int32_t cp[SEGMENT_MAX];
    size_t offset[SEGMENT_MAX];
    size_t count;
} segment;

/* Decodes one character at s[0..n). Returns its length and sets *cp, or,
 * for an ill-formed sequence, returns the length of its maximal invalid
 * subpart (Unicode 3.9, "U+FFFD substitution of maximal subparts") and
 * sets *cp to -1. n must be at least 1. */
static size_t utf8_decode(const unsigned char *s, size_t n, utf8proc_int32_t *cp)
{
    unsigned char c = s[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    utf8proc_int32_t value;

    *cp = -1;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        value = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        value = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        value = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 1;
    }
    size_t i = 1;
    for (; i <= need; i++) {
        if (i >= n || s[i] < lo || s[i] > hi)
            return i;
        value = (value << 6) | (s[i] & 0x3F);
        lo = 0x80;
        hi = 0xBF;
    }
    *cp = value;
    return i;
}

/* Whether NFC can never join `cp` to what comes before it. The excluded
 * ranges hold the starters that are the second half of a composition
 * (Hangul jamo, Indic and Southeast Asian vowel signs and length marks),
 * and code points such as U+0F73 whose decomposition begins with a
 * combining mark. U+16100..U+16D7F covers the Gurung Khema and Kirat Rai
 * vowel signs that compose since Unicode 16. */
static int is_safe_start(utf8proc_int32_t cp)
{
    if (cp < 0x80)
        return 1;
    if ((cp >= 0x0900 && cp <= 0x1CFF) || (cp >= 0x11000 && cp <= 0x11FFF) ||
        (cp >= 0x16100 && cp <= 0x16D7F))
        return 0;
    return utf8proc_get_property(cp)->combining_class == 0;
}

static int sink_reserve(sink *out, size_t extra)
{
    if (ng_buf_reserve(out->text, extra) != 0)
        return NG_ERR_NOMEM;
    void *origin = *out->origin;
    int rc = ng_array_grow(&origin, out->origin_cap, out->text->len + extra + 1,
                           sizeof **out->origin);
    *out->origin = origin;
    return rc;
}

/* Appends k bytes, all produced by the input byte at raw offset `off`. */
static int sink_put(sink *out, const char *bytes, size_t k, size_t off)
{
    if (sink_reserve(out, k) != 0)
        return NG_ERR_NOMEM;
    size_t at = out->text->len;
    memcpy(out->text->data + at, bytes, k);
    for (size_t i = 0; i < k; i++)
        (*out->origin)[at + i] = off;
    out->text->len = at + k;
    out->text->data[out->text->len] = '\0';
    return 0;
}

static void note_control(ng_normalize_report *report, size_t off)
{
    if (report->control_chars++ == 0)
        report->first_control = off;
}

static int is_invisible(utf8proc_int32_t cp)
{
    return cp == 0x00AD || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
           (cp >= 0x2066 && cp <= 0x206F) || cp == 0xFEFF;
}

/* The ASCII replacement of a typographic character, or NULL if it is kept
 * as it is. Zero-width and bidi formatting characters map to "". */
static const char *fold_typographic(utf8proc_int32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2039: case 0x203A:
        return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
        return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212:
        return "-";
    case 0x2026:
        return "...";
    case 0x2028: case 0x2029:
        return "\n";
    default:
        break;
    }
    if (is_invisible(cp))
        return "";
    if (utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS)
        return " ";
    return NULL;
}

/* Emits one normalised code point, folded, from raw offset `off`. */
static int emit_cp(sink *out, utf8proc_int32_t cp, size_t off)
{
    if (cp < 0xA0) {
        char c = (char)cp;
        if (cp == '\r')
            c = '\n';
        else if (cp == '\t')
            c = ' ';
        else if ((cp < 0x20 && cp != '\n') || cp >= 0x7F) {
            note_control(out->report, off);
            c = ' ';
        }
        return sink_put(out, &c, 1, off);
    }
    const char *folded = fold_typographic(cp);
    if (folded)
        return sink_put(out, folded, strlen(folded), off);
    utf8proc_uint8_t bytes[4];
    utf8proc_ssize_t k = utf8proc_encode_char(cp, bytes);
    return sink_put(out, (const char *)bytes, (size_t)k, off);
}

static int emit_replacement(sink *out, size_t off, size_t bad)
{
    if (out->report->invalid_bytes == 0)
        out->report->first_invalid = off;
    out->report->invalid_bytes += bad;
    return emit_cp(out, REPLACEMENT, off);
}

/* Emits an NFC sequence: with exact offsets when it equals the segment it
 * came from, else all from the segment's first byte. */
static int emit_normalised(sink *out, const segment *seg, const utf8proc_int32_t *cps,
                           size_t count)
{
    int same = count == seg->count &&
               memcmp(cps, seg->cp, count * sizeof *cps) == 0;
    for (size_t i = 0; i < count; i++) {
        if (emit_cp(out, cps[i], same ? seg->offset[i] : seg->offset[0]) != 0)
            return NG_ERR_NOMEM;
    }
    return 0;
}

/* Normalises a segment whose decomposition does not fit the stack buffer:
 * utf8proc allocates. */
static int emit_long_segment(sink *out, const segment *seg, const char *raw, size_t end)
{
    size_t start = seg->offset[0];
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)raw + start,
                                        (utf8proc_ssize_t)(end - start), &mapped,
                                        UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (len < 0)
        return NG_ERR_NOMEM;
    int rc = 0;
    for (utf8proc_ssize_t i = 0; i < len && rc == 0;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(mapped + i, len - i, &cp);
        if (k <= 0)
            break;
        rc = emit_cp(out, cp, start);
        i += k;
    }
    free(mapped);
    return rc;
}

/* Normalises raw[seg start .. end), which is valid UTF-8. */
static int emit_segment(sink *out, const segment *seg, const char *raw, size_t end)
{
    if (seg->count == 1 && seg->cp[0] < 0x80)
        return emit_cp(out, seg->cp[0], seg->offset[0]);

    utf8proc_int32_t buf[DECOMPOSED_MAX];
    const utf8proc_option_t options = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    size_t start = seg->offset[0];
    utf8proc_ssize_t len = utf8proc_decompose((const utf8proc_uint8_t *)raw + start,
                                              (utf8proc_ssize_t)(end - start), buf,
                                              DECOMPOSED_MAX, options);
    if (len > DECOMPOSED_MAX)
        return emit_long_segment(out, seg, raw, end);
    if (len >= 0)
        len = utf8proc_normalize_utf32(buf, len, options);
    if (len < 0) /* cannot happen on valid UTF-8: keep the segment as it is */
        return emit_normalised(out, seg, seg->cp, seg->count);
    return emit_normalised(out, seg, buf, (size_t)len);
}

/* Collects the segment that starts with the valid character at raw[i]: it
 * runs up to the next safe starter, the next invalid byte, or SEGMENT_MAX
 * code points. Returns its end. */
static size_t collect_segment(const char *raw, size_t n, size_t i, segment *seg)
{
    const unsigned char *s = (const unsigned char *)raw;
    seg->count = 0;
    while (i < n && seg->count < SEGMENT_MAX) {
        utf8proc_int32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (cp < 0 || (seg->count > 0 && is_safe_start(cp)))
            break;
        seg->cp[seg->count] = cp;
        seg->offset[seg->count] = i;
        seg->count++;
        i += k;
    }
    return i;
}

/* origin[k] = off + k for k < len: a copied run maps to itself. Eight
 * bytes of origins for every byte of text: with SSE2, four at a time from
 * two registers that count up (compilers do two at a time at best). */
static void fill_origins(size_t *origin, size_t len, size_t off)
{
    size_t k = 0;
#ifdef HAVE_SSE2
    __m128i low = _mm_set_epi64x((long long)off + 1, (long long)off);
    __m128i high = _mm_set_epi64x((long long)off + 3, (long long)off + 2);
    const __m128i four = _mm_set1_epi64x(4);
    for (; k + 4 <= len; k += 4) {
        _mm_storeu_si128((__m128i *)(void *)(origin + k), low);
        _mm_storeu_si128((__m128i *)(void *)(origin + k + 2), high);
        low = _mm_add_epi64(low, four);
        high = _mm_add_epi64(high, four);
    }
#endif
    for (; k < len; k++)
        origin[k] = off + k;
}

/* Copies the ASCII run at raw[*i..) that needs no folding (printable
 * bytes and line feeds), leaving out a last character that a following
 * non-ASCII mark might combine with, and moves *i past it. The run may be
 * empty. Returns 0 or NG_ERR_NOMEM. */
static int copy_plain_ascii(sink *out, const char *raw, size_t n, size_t *i)
{
    const unsigned char *s = (const unsigned char *)raw;
    size_t start = *i, end = start + ng_ascii_text_prefix(s + start, n - start);
    if (end < n && s[end] >= 0x80 && end > start)
        end--;
    if (end == start)
        return 0;
    size_t len = end - start;
    if (sink_reserve(out, len) != 0)
        return NG_ERR_NOMEM;
    size_t at = out->text->len;
    memcpy(out->text->data + at, raw + start, len);
    fill_origins(*out->origin + at, len, start);
    out->text->len = at + len;
    out->text->data[out->text->len] = '\0';
    *i = end;
    return 0;
}

static int normalize_step(sink *out, const char *raw, size_t n, size_t *i, segment *seg)
{
    const unsigned char *s = (const unsigned char *)raw;
    if (copy_plain_ascii(out, raw, n, i) != 0)
        return NG_ERR_NOMEM;
    if (*i == n)
        return 0;
    if (s[*i] == '\r' && *i + 1 < n && s[*i + 1] == '\n') {
        *i += 2;
        return sink_put(out, "\n", 1, *i - 2);
    }
    utf8proc_int32_t cp;
    size_t k = utf8_decode(s + *i, n - *i, &cp);
    if (cp < 0) {
        *i += k;
        return emit_replacement(out, *i - k, k);
    }
    size_t end = collect_segment(raw, n, *i, seg);
    int rc = emit_segment(out, seg, raw, end);
    *i = end;
    return rc;
}

int ng_normalize(const char *raw, size_t n, ng_buf *text, size_t **origin,
                 size_t *origin_cap, ng_normalize_report *report)
{
    ng_normalize_report scratch;
    segment seg;
    sink out = {text, origin, origin_cap, report ? report : &scratch};
    memset(out.report, 0, sizeof *out.report);

    /* Most text comes out no longer than it went in. */
    if (sink_reserve(&out, n) != 0)
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < n;) {
        if (normalize_step(&out, raw, n, &i, &seg) != 0)
            return NG_ERR_NOMEM;
    }
    (*origin)[text->len] = n;
    text->data[text->len] = '\0';
    return 0;
}
