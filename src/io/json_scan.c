/* The JSON pull reader; see json_scan.h for what it accepts.
 *
 * A stream is read in windows of WINDOW_SIZE bytes. Once a token has been
 * dealt with its bytes can go, so a refill drops everything before the
 * current position and reads on after what is left; a token never needs
 * more than a dozen bytes at hand at once (strings and numbers are taken
 * in as they come), which keeps memory flat whatever the input.
 *
 * Positions cost nothing until they are asked for: white space is the
 * only place a newline can be (a raw one in a string is an error), so
 * the line is counted there, and a column is counted from the start of
 * its line only when a message needs it. What of a line is dropped by a
 * refill is counted then, so long lines (a document on one line) cost one
 * pass over their bytes, never one per token. */
#include "io/json_scan.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/loader.h"
#include "util/fail.h"
#include "util/strmap.h"
#include "util/utf8.h"

/* How much of a stream is at hand at once. */
#define WINDOW_SIZE (256 * 1024)

/* An object with more keys than this finds repeats through a hash index
 * instead of comparing with every key before. */
#define INDEX_FROM 16

struct ng_json_key {
    size_t at;     /* offset of the key in scan->keys */
    size_t len;
    uint64_t head; /* its first eight bytes, zero-padded: most keys whole */
};

struct ng_json_frame {
    unsigned char object;  /* an object, else an array */
    unsigned char started; /* a member or an item has been reached */
    size_t first_key;      /* its keys are key_list[first_key..key_count) */
    size_t keys_len;       /* the length of scan->keys when it opened */
    size_t *index;         /* open addressing: key_list index + 1, 0 for free */
    size_t index_cap;      /* a power of two, or 0 without an index */
};

/* --- failing ------------------------------------------------------------- */

/* Characters (bytes that do not continue a UTF-8 sequence) in p[0..n). */
static long count_chars(const unsigned char *p, size_t n)
{
    long chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += (p[i] & 0xC0) != 0x80;
    return chars;
}

/* The place of buf[at], which must be on the current line. */
static ng_json_pos locate(const ng_json_scan *s, size_t at)
{
    ng_json_pos pos = {s->base + (long long)at, s->line, 0};
    size_t mark = (size_t)(s->line_mark - s->base);
    if (at >= mark)
        pos.column = s->line_chars + count_chars(s->buf + mark, at - mark) + 1;
    return pos;
}

ng_json_pos ng_json_where(const ng_json_scan *s)
{
    if (s->token_gone)
        return s->token_pos;
    if (s->token_line != s->line) {
        ng_json_pos pos = {s->base + (long long)s->token, s->token_line, 0};
        return pos;
    }
    return locate(s, s->token);
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 0)))
#endif
static int vfail(ng_json_scan *s, ng_json_pos pos, const char *fmt, va_list ap)
{
    char text[NG_ERROR_TEXT_SIZE];
    vsnprintf(text, sizeof text, fmt, ap);
    ng_fail(s->err, NG_ERR_PARSE, s->source, "not valid JSON: %s", text);
    ng_fail_at(s->err, pos.line, pos.column, pos.offset);
    return s->status = NG_ERR_PARSE;
}

/* Fails at buf[at], on the current line. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int fail_at(ng_json_scan *s, size_t at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vfail(s, locate(s, at), fmt, ap);
    va_end(ap);
    return rc;
}

/* Fails at the token last begun. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int fail_token(ng_json_scan *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vfail(s, ng_json_where(s), fmt, ap);
    va_end(ap);
    return rc;
}

static int fail_nomem(ng_json_scan *s)
{
    ng_fail(s->err, NG_ERR_NOMEM, s->source, "out of memory");
    return s->status = NG_ERR_NOMEM;
}

/* Names a byte found where it does not belong. */
static const char *byte_name(char *buf, size_t size, int c)
{
    if (c > ' ' && c < 0x7F)
        snprintf(buf, size, "'%c'", c);
    else
        snprintf(buf, size, "byte 0x%02X", (unsigned)c);
    return buf;
}

/* Fails at the byte at pos, saying what was expected instead. */
static int fail_found(ng_json_scan *s, const char *expected)
{
    char name[16];
    return fail_at(s, s->pos, "expected %s, found %s", expected,
                   byte_name(name, sizeof name, s->buf[s->pos]));
}

/* Fails at the end of the text, saying what it cut short. */
static int fail_end(ng_json_scan *s, const char *inside)
{
    if (s->status)
        return s->status;
    return fail_at(s, s->end, "the text ends %s", inside);
}

/* --- the window ---------------------------------------------------------- */

/* Drops buf[0..n), everything before the current position: what it held
 * of the current line is counted, the token last begun is placed if it
 * began there, and what a capture has not copied yet is copied. */
static int forget(ng_json_scan *s, size_t n)
{
    if (!s->token_gone && s->token < n) {
        s->token_pos = ng_json_where(s);
        s->token_gone = 1;
    }
    if (s->capture) {
        if (ng_buf_append(s->capture, s->buf + s->capture_from, n - s->capture_from) != 0)
            return fail_nomem(s);
        s->capture_from = 0;
    }
    long long new_base = s->base + (long long)n;
    if (s->line_mark < new_base) {
        size_t mark = (size_t)(s->line_mark - s->base);
        s->line_chars += count_chars(s->buf + mark, n - mark);
        s->line_mark = new_base;
    }
    memmove(s->window, s->window + n, s->end - n);
    s->end -= n;
    s->pos -= n;
    if (!s->token_gone)
        s->token -= n;
    s->base = new_base;
    return 0;
}

/* Keeps buf[pos..end) and reads more after it. Returns 1 when bytes were
 * added, 0 at the end of the text, or a negative status. */
static int refill(ng_json_scan *s)
{
    if (s->status)
        return s->status;
    if (s->at_eof)
        return 0;
    if (s->pos > 0 && forget(s, s->pos) != 0)
        return s->status;
    size_t room = WINDOW_SIZE - s->end;
    size_t got = fread(s->window + s->end, 1, room, s->in);
    s->end += got;
    if (got < room) {
        if (ferror(s->in)) {
            ng_fail(s->err, NG_ERR_IO, s->source, "cannot read: %s", strerror(errno));
            return s->status = NG_ERR_IO;
        }
        s->at_eof = 1;
    }
    return got > 0;
}

/* Makes up to `n` bytes available from pos and returns how many are:
 * fewer only at the end of the text. No step needs more than 12 (an
 * escaped surrogate pair), far less than the window. */
static int ensure(ng_json_scan *s, size_t n)
{
    while (s->end - s->pos < n) {
        int rc = refill(s);
        if (rc < 0)
            return rc;
        if (rc == 0)
            break;
    }
    size_t have = s->end - s->pos;
    return (int)(have < n ? have : n);
}

/* buf[pos] after refilling as needed, or -1 at the end of the text or on
 * failure (s->status tells them apart). */
static int current(ng_json_scan *s)
{
    if (s->pos < s->end)
        return s->buf[s->pos];
    return refill(s) > 0 ? s->buf[s->pos] : -1;
}

/* --- eight bytes at a time ---------------------------------------------- */

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* The flags below are the top bit of each byte of a word loaded from
 * memory. Flags can be wrong above a byte that is rightly flagged, never
 * below it, so the first flagged byte in memory order is exact where the
 * low bits of a word come first: on little-endian machines, found with a
 * count of trailing zeros. Elsewhere the caller looks byte by byte. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define FIRST_FLAGGED(flags) ((size_t)__builtin_ctzll(flags) / 8)
#endif

static uint64_t load_word(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, sizeof w);
    return w;
}

/* Flags the zero bytes of x. */
static uint64_t zero_bytes(uint64_t x)
{
    return (x - ONES) & ~x & HIGHS;
}

/* Flags the bytes of w that end a plain run of a string: quotes,
 * backslashes, control characters and bytes above 0x7F (the last two are
 * those whose top bit is set in w or in w - 0x20). */
static uint64_t special_bytes(uint64_t w)
{
    return zero_bytes(w ^ (ONES * '"')) | zero_bytes(w ^ (ONES * '\\')) |
           ((w | (w - ONES * 0x20)) & HIGHS);
}

/* Flags the bytes of w that are not spaces (exactly: no borrows here). */
static uint64_t non_spaces(uint64_t w)
{
    uint64_t x = w ^ (ONES * ' ');
    return (((x & ~HIGHS) + ~HIGHS) | x) & HIGHS;
}

/* Kept out of line where that matters to speed: the small functions that
 * call such a one are then inlined into their callers. */
#if defined(__GNUC__)
#define OUT_OF_LINE __attribute__((noinline))
#else
#define OUT_OF_LINE
#endif

/* Skips white space, counting lines; returns the byte after it, or -1 as
 * current() does. */
static OUT_OF_LINE int skip_space_slowly(ng_json_scan *s)
{
    for (;;) {
        const unsigned char *b = s->buf;
        size_t i = s->pos, end = s->end;
        while (i < end) {
            unsigned c = b[i];
            if (c > ' ') {
                s->pos = i;
                return (int)c;
            }
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            if (c != '\n') {
                s->pos = i;
                return (int)c;
            }
            s->line++;
            s->line_mark = s->base + (long long)++i;
            s->line_chars = 0;
            /* Indented text: a newline starts a run of spaces. */
            for (; end - i >= 8; i += 8) {
                uint64_t flags = non_spaces(load_word(b + i));
                if (flags) {
#ifdef FIRST_FLAGGED
                    i += FIRST_FLAGGED(flags);
#endif
                    break;
                }
            }
        }
        s->pos = i;
        if (refill(s) <= 0)
            return -1;
    }
}

/* skip_space_slowly, for the common case where there is nothing to skip
 * or a single space. */
static int skip_space(ng_json_scan *s)
{
    size_t i = s->pos;
    if (i < s->end && s->buf[i] > ' ')
        return s->buf[i];
    if (i + 1 < s->end && s->buf[i] == ' ' && s->buf[i + 1] > ' ') {
        s->pos = i + 1;
        return s->buf[i + 1];
    }
    return skip_space_slowly(s);
}

/* --- strings ------------------------------------------------------------- */

static int is_plain(unsigned c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

static size_t utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static long hex4(const unsigned char *p)
{
    long v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned c = p[i];
        int d = c >= '0' && c <= '9'   ? (int)(c - '0')
                : c >= 'a' && c <= 'f' ? (int)(c - 'a' + 10)
                : c >= 'A' && c <= 'F' ? (int)(c - 'A' + 10)
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Appends to `out` unless it is NULL. Strings come a run at a time and
 * most fit in the buffer as it is, so that case costs no call. */
static int put(ng_json_scan *s, ng_buf *out, const void *bytes, size_t n)
{
    if (!out)
        return 0;
    if (out->cap - out->len > n) {
        memcpy(out->data + out->len, bytes, n);
        out->len += n;
        out->data[out->len] = '\0';
        return 0;
    }
    return ng_buf_append(out, bytes, n) == 0 ? 0 : fail_nomem(s);
}

/* The \u escape at pos, with the low half that must follow a high one. */
static int scan_unicode(ng_json_scan *s, ng_buf *out)
{
    int have = ensure(s, 6);
    if (have < 0)
        return have;
    long cp = have == 6 ? hex4(s->buf + s->pos + 2) : -1;
    if (cp < 0)
        return fail_at(s, s->pos, "a \\u escape needs four hexadecimal digits");
    if (cp == 0)
        return fail_at(s, s->pos, "\\u0000 is not allowed in a string");
    size_t len = 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        have = ensure(s, 12);
        if (have < 0)
            return have;
        const unsigned char *p = s->buf + s->pos;
        long low = have == 12 && p[6] == '\\' && p[7] == 'u' ? hex4(p + 8) : -1;
        if (low < 0xDC00 || low > 0xDFFF)
            return fail_at(s, s->pos, "\\u%04lX is half of a surrogate pair without the other",
                           cp);
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        len = 12;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return fail_at(s, s->pos, "\\u%04lX is half of a surrogate pair without the other", cp);
    }
    char utf8[4];
    if (put(s, out, utf8, utf8_encode((uint32_t)cp, utf8)) != 0)
        return s->status;
    s->pos += len;
    return 0;
}

/* The escape at pos. */
static int scan_escape(ng_json_scan *s, ng_buf *out)
{
    int have = ensure(s, 2);
    if (have < 0)
        return have;
    if (have < 2)
        return fail_end(s, "inside a string");
    char c;
    switch (s->buf[s->pos + 1]) {
    case '"': c = '"'; break;
    case '\\': c = '\\'; break;
    case '/': c = '/'; break;
    case 'b': c = '\b'; break;
    case 'f': c = '\f'; break;
    case 'n': c = '\n'; break;
    case 'r': c = '\r'; break;
    case 't': c = '\t'; break;
    case 'u': return scan_unicode(s, out);
    default: {
        char name[16];
        return fail_at(s, s->pos, "invalid escape: backslash and %s",
                       byte_name(name, sizeof name, s->buf[s->pos + 1]));
    }
    }
    if (put(s, out, &c, 1) != 0)
        return s->status;
    s->pos += 2;
    return 0;
}

/* The non-ASCII character at pos. */
static int scan_utf8(ng_json_scan *s, ng_buf *out)
{
    int have = ensure(s, 4);
    if (have < 0)
        return have;
    size_t len = ng_utf8_sequence_length(s->buf + s->pos, (size_t)have);
    if (len == 0)
        return fail_at(s, s->pos, "invalid UTF-8 (byte 0x%02X)", s->buf[s->pos]);
    if (put(s, out, s->buf + s->pos, len) != 0)
        return s->status;
    s->pos += len;
    return 0;
}

/* The string whose opening quote is at pos, decoded and appended to `out`
 * or, when out is NULL, only checked. */
static int scan_string(ng_json_scan *s, ng_buf *out)
{
    s->pos++;
    for (;;) {
        const unsigned char *b = s->buf;
        size_t i = s->pos, end = s->end;
        for (; end - i >= 8; i += 8) {
            uint64_t flags = special_bytes(load_word(b + i));
            if (flags) {
#ifdef FIRST_FLAGGED
                i += FIRST_FLAGGED(flags);
#endif
                break;
            }
        }
        while (i < end && is_plain(b[i]))
            i++;
        if (put(s, out, b + s->pos, i - s->pos) != 0)
            return s->status;
        s->pos = i;
        if (i == end) {
            int rc = refill(s);
            if (rc <= 0)
                return rc < 0 ? rc : fail_end(s, "inside a string");
            continue;
        }
        int rc;
        if (b[i] == '"') {
            s->pos = i + 1;
            return 0;
        } else if (b[i] == '\\') {
            rc = scan_escape(s, out);
        } else if (b[i] >= 0x80) {
            rc = scan_utf8(s, out);
        } else {
            rc = fail_at(s, i, "control character 0x%02X in a string (escape it)", b[i]);
        }
        if (rc != 0)
            return rc;
    }
}

/* --- numbers ------------------------------------------------------------- */

/* 2^1024 - 2^970, the smallest magnitude strtod rounds to infinity: half
 * way between DBL_MAX and 2^1024, and ties go to the even 2^1024. It has
 * OVERFLOW_POINT digits; a real number overflows when its significant
 * digits, placed as digits of a number below 10^OVERFLOW_POINT, are at
 * least these. */
static const char overflow_digits[] =
    "1797693134862315807937289714053034150799341327100378269361737789"
    "8044496829276475094664901797758720709633028641669288791094655554"
    "7851940402630657488671505820681908902000708383676273854845817711"
    "5317644757302700698555713669596228429148198608349364752927190741"
    "68444365510704342711559699508093042880177904174497792";
#define OVERFLOW_POINT ((long long)sizeof overflow_digits - 1)

/* Exponents are saturated here, far beyond any that matters, and far
 * below where adding the digit counts of any text could overflow. */
#define EXPONENT_CAP (LLONG_MAX / 4)

/* A number's magnitude as 0.DIGITS x 10^point, keeping only the digits
 * that can decide whether it overflows. */
typedef struct magnitude {
    char digits[sizeof overflow_digits - 1];
    size_t count;    /* significant digits kept */
    long long point;
    int nonzero;     /* a digit other than 0 has been seen */
} magnitude;

static void magnitude_digit(magnitude *m, int d, int in_fraction)
{
    if (!m->nonzero && d == 0) {
        m->point -= in_fraction; /* a leading zero: only the fraction's move the point */
        return;
    }
    m->nonzero = 1;
    if (m->count < sizeof m->digits)
        m->digits[m->count++] = (char)('0' + d);
    if (!in_fraction && m->point < EXPONENT_CAP)
        m->point++;
}

static int magnitude_overflows(const magnitude *m, long long exponent)
{
    if (!m->nonzero)
        return 0;
    long long point = m->point + exponent;
    if (point != OVERFLOW_POINT)
        return point > OVERFLOW_POINT;
    for (size_t i = 0; i < sizeof m->digits; i++) {
        char d = i < m->count ? m->digits[i] : '0';
        if (d != overflow_digits[i])
            return d > overflow_digits[i];
    }
    return 1;
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* Reads digits from pos; each goes to `magnitude` and, when `value` is not
 * NULL, into *value, setting *too_big past ULLONG_MAX. */
static void scan_digits(ng_json_scan *s, magnitude *m, int in_fraction,
                        unsigned long long *value, int *too_big)
{
    for (int c; is_digit(c = current(s)); s->pos++) {
        int d = c - '0';
        magnitude_digit(m, d, in_fraction);
        if (!value || *too_big)
            continue;
        if (*value > (ULLONG_MAX - (unsigned)d) / 10)
            *too_big = 1;
        else
            *value = *value * 10 + (unsigned)d;
    }
}

/* The exponent after 'e' or 'E' at pos, saturated at EXPONENT_CAP. */
static int scan_exponent(ng_json_scan *s, long long *exponent)
{
    s->pos++;
    int c = current(s), negative = c == '-';
    if (c == '-' || c == '+') {
        s->pos++;
        c = current(s);
    }
    if (!is_digit(c))
        return s->status ? s->status : fail_token(s, "invalid number: no digits in the exponent");
    long long e = 0;
    for (; is_digit(c); s->pos++, c = current(s))
        e = e < EXPONENT_CAP / 10 ? e * 10 + (c - '0') : EXPONENT_CAP;
    *exponent = negative ? -e : e;
    return 0;
}

/* The number at pos. */
static int scan_number(ng_json_scan *s, long long *value, int *is_integer)
{
    magnitude m = {{0}, 0, 0, 0};
    unsigned long long whole = 0;
    long long exponent = 0;
    int too_big = 0, integer = 1, negative = current(s) == '-';
    if (negative)
        s->pos++;
    int c = current(s);
    if (!is_digit(c))
        return s->status ? s->status : fail_token(s, "invalid number: no digits");
    if (c == '0') {
        s->pos++;
        if (is_digit(current(s)))
            return fail_token(s, "invalid number: a leading zero");
    } else {
        scan_digits(s, &m, 0, &whole, &too_big);
    }
    if (current(s) == '.') {
        integer = 0;
        s->pos++;
        if (!is_digit(current(s)))
            return s->status ? s->status : fail_token(s, "invalid number: no digits after '.'");
        scan_digits(s, &m, 1, NULL, NULL);
    }
    c = current(s);
    if (c == 'e' || c == 'E') {
        integer = 0;
        if (scan_exponent(s, &exponent) != 0)
            return s->status;
    }
    if (s->status)
        return s->status;
    if (!integer) {
        if (magnitude_overflows(&m, exponent))
            return fail_token(s, "real number out of range");
    } else if (too_big || whole > (unsigned long long)LLONG_MAX + negative) {
        return fail_token(s, "integer out of range");
    } else if (value) {
        *value = negative && whole ? -(long long)(whole - 1) - 1 : (long long)whole;
    }
    if (is_integer)
        *is_integer = integer;
    return 0;
}

/* --- keys ---------------------------------------------------------------- */

static uint64_t key_hash(const ng_json_scan *s, size_t k)
{
    return ng_hash_bytes(s->keys.data + s->key_list[k].at, s->key_list[k].len);
}

static int same_key(const ng_json_scan *s, size_t a, size_t b)
{
    const ng_json_key *ka = &s->key_list[a], *kb = &s->key_list[b];
    return ka->len == kb->len && ka->head == kb->head &&
           (ka->len <= 8 || memcmp(s->keys.data + ka->at, s->keys.data + kb->at, ka->len) == 0);
}

/* The slot of the index where key k is, or the free one where it goes. */
static size_t *index_slot(const ng_json_scan *s, const ng_json_frame *f, size_t k, uint64_t hash)
{
    size_t mask = f->index_cap - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask)
        if (!f->index[i] || same_key(s, f->index[i] - 1, k))
            return &f->index[i];
}

/* Grows the frame's index and puts every key of the frame in it. */
static int index_grow(ng_json_scan *s, ng_json_frame *f)
{
    size_t cap = f->index_cap ? f->index_cap * 2 : 4 * INDEX_FROM;
    size_t *slots = cap <= SIZE_MAX / sizeof *slots ? calloc(cap, sizeof *slots) : NULL;
    if (!slots)
        return fail_nomem(s);
    free(f->index);
    f->index = slots;
    f->index_cap = cap;
    for (size_t k = f->first_key; k < s->key_count; k++)
        *index_slot(s, f, k, key_hash(s, k)) = k + 1;
    return 0;
}

/* Whether key k repeats an earlier key of the frame it was just added to
 * (as key_list[key_count - 1]); the key joins the frame's index. */
static int repeats_key(ng_json_scan *s, ng_json_frame *f, size_t k, int *repeated)
{
    size_t count = s->key_count - f->first_key;
    *repeated = 0;
    if (count <= INDEX_FROM) {
        for (size_t j = f->first_key; j < k; j++)
            if (same_key(s, j, k)) {
                *repeated = 1;
                return 0;
            }
        return 0;
    }
    if (count * 2 > f->index_cap && index_grow(s, f) != 0)
        return s->status;
    size_t *slot = index_slot(s, f, k, key_hash(s, k));
    if (*slot && *slot != k + 1)
        *repeated = 1;
    *slot = k + 1;
    return 0;
}

/* Reads the key whose quote is at pos into the keys of frame f. */
static int scan_key(ng_json_scan *s, ng_json_frame *f, const char **key)
{
    s->token = s->pos;
    s->token_line = s->line;
    s->token_gone = 0;
    size_t at = s->keys.len;
    if (scan_string(s, &s->keys) != 0 || put(s, &s->keys, "", 1) != 0)
        return s->status;
    *key = s->keys.data + at;
    if (s->repeats_allowed)
        return 0;
    if (s->key_count == s->key_cap) {
        void *list = s->key_list;
        if (ng_array_grow(&list, &s->key_cap, s->key_count + 1, sizeof *s->key_list) != 0)
            return fail_nomem(s);
        s->key_list = list;
    }
    ng_json_key *k = &s->key_list[s->key_count++];
    k->at = at;
    k->len = s->keys.len - at - 1;
    k->head = 0;
    memcpy(&k->head, s->keys.data + at, k->len < 8 ? k->len : 8);
    int repeated;
    if (repeats_key(s, f, s->key_count - 1, &repeated) != 0)
        return s->status;
    if (repeated)
        return fail_token(s, "duplicate key %s in an object",
                          ng_loader_quote(&s->quote, *key));
    return 0;
}

/* --- values -------------------------------------------------------------- */

/* Finds the first byte of the next value and marks it as the token: the
 * byte, or a negative status. */
static int value_start(ng_json_scan *s)
{
    if (s->status)
        return s->status;
    if (s->peeked)
        return s->buf[s->pos];
    int c = skip_space(s);
    if (c < 0)
        return fail_end(s, "where a value should be");
    if (s->depth >= NG_JSON_MAX_DEPTH)
        return fail_at(s, s->pos, "values nest more than %d deep (the depth limit)",
                       NG_JSON_MAX_DEPTH);
    s->token = s->pos;
    s->token_line = s->line;
    s->token_gone = 0;
    s->peeked = 1;
    return c;
}

/* The length of the literal (true, false, null) at pos, or a negative
 * status if it is not one. */
static int literal_length(ng_json_scan *s)
{
    static const char *const words[] = {"true", "false", "null"};
    int have = ensure(s, 6);
    if (have < 0)
        return have;
    const unsigned char *p = s->buf + s->pos;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        int n = (int)strlen(words[i]);
        unsigned next = have > n ? p[n] : ' ';
        if (have >= n && memcmp(p, words[i], (size_t)n) == 0 &&
            !(next >= 'a' && next <= 'z') && !(next >= 'A' && next <= 'Z') && !is_digit((int)next))
            return n;
    }
    return fail_at(s, s->pos, "invalid literal (true, false and null are the only ones)");
}

int ng_json_peek(ng_json_scan *s, ng_json_type *type)
{
    int c = value_start(s);
    if (c < 0)
        return c;
    switch (c) {
    case '{': *type = NG_JSON_OBJECT; return 0;
    case '[': *type = NG_JSON_ARRAY; return 0;
    case '"': *type = NG_JSON_STRING; return 0;
    case 't':
    case 'f': *type = NG_JSON_BOOLEAN; break;
    case 'n': *type = NG_JSON_NULL; break;
    default:
        if (c == '-' || is_digit(c)) {
            *type = NG_JSON_NUMBER;
            return 0;
        }
        return fail_found(s, "a value");
    }
    int n = literal_length(s);
    return n < 0 ? n : 0;
}

static int open_frame(ng_json_scan *s, int object)
{
    void *frames = s->frames;
    if (ng_array_grow(&frames, &s->frame_cap, s->depth + 1, sizeof *s->frames) != 0)
        return fail_nomem(s);
    s->frames = frames;
    ng_json_frame f = {(unsigned char)object, 0, s->key_count, s->keys.len, NULL, 0};
    s->frames[s->depth++] = f;
    s->pos++;
    s->peeked = 0;
    return 0;
}

/* Closes the innermost object or array, whose bracket is at pos. */
static int close_frame(ng_json_scan *s)
{
    ng_json_frame *f = &s->frames[--s->depth];
    free(f->index);
    s->key_count = f->first_key;
    s->keys.len = f->keys_len;
    if (s->keys.data)
        s->keys.data[s->keys.len] = '\0';
    s->token = s->pos++;
    s->token_line = s->line;
    s->token_gone = 0;
    return 0;
}

int ng_json_enter(ng_json_scan *s)
{
    int c = value_start(s);
    if (c < 0)
        return c;
    if (c != '{' && c != '[')
        return fail_found(s, "an object or an array");
    return open_frame(s, c == '{');
}

int ng_json_next_member(ng_json_scan *s, const char **key)
{
    if (s->status)
        return s->status;
    ng_json_frame *f = &s->frames[s->depth - 1];
    int c = skip_space(s);
    if (c < 0)
        return fail_end(s, "inside an object");
    if (c == '}')
        return close_frame(s);
    if (f->started) {
        if (c != ',')
            return fail_found(s, "',' or '}' after a member of an object");
        s->pos++;
        c = skip_space(s);
        if (c < 0)
            return fail_end(s, "inside an object");
    }
    if (c != '"')
        return fail_found(s, f->started ? "a key after ','" : "a key or '}'");
    f->started = 1;
    if (scan_key(s, f, key) != 0)
        return s->status;
    c = skip_space(s);
    if (c < 0)
        return fail_end(s, "inside an object");
    if (c != ':')
        return fail_found(s, "':' after a key");
    s->pos++;
    return 1;
}

int ng_json_next_item(ng_json_scan *s)
{
    if (s->status)
        return s->status;
    ng_json_frame *f = &s->frames[s->depth - 1];
    int c = skip_space(s);
    if (c < 0)
        return fail_end(s, "inside an array");
    if (c == ']')
        return close_frame(s);
    if (f->started) {
        if (c != ',')
            return fail_found(s, "',' or ']' after an item of an array");
        s->pos++;
    }
    f->started = 1;
    return 1;
}

int ng_json_read_string(ng_json_scan *s, ng_buf *out)
{
    int c = value_start(s);
    if (c < 0)
        return c;
    if (c != '"')
        return fail_found(s, "a string");
    ng_buf_clear(out);
    if (ng_buf_reserve(out, 0) != 0)
        return fail_nomem(s);
    s->peeked = 0;
    return scan_string(s, out);
}

int ng_json_read_number(ng_json_scan *s, long long *value, int *is_integer)
{
    int c = value_start(s);
    if (c < 0)
        return c;
    if (c != '-' && !is_digit(c))
        return fail_found(s, "a number");
    s->peeked = 0;
    return scan_number(s, value, is_integer);
}

/* Reads a scalar, or opens an object or an array. */
static int skip_one(ng_json_scan *s)
{
    int c = value_start(s);
    if (c < 0)
        return c;
    if (c == '{' || c == '[')
        return open_frame(s, c == '{');
    s->peeked = 0;
    if (c == '"')
        return scan_string(s, NULL);
    if (c == '-' || is_digit(c))
        return scan_number(s, NULL, NULL);
    if (c != 't' && c != 'f' && c != 'n')
        return fail_found(s, "a value");
    int n = literal_length(s);
    if (n < 0)
        return n;
    s->pos += (size_t)n;
    return 0;
}

int ng_json_skip(ng_json_scan *s)
{
    size_t floor = s->depth;
    int rc = skip_one(s);
    while (rc >= 0 && s->depth > floor) {
        const char *key;
        rc = s->frames[s->depth - 1].object ? ng_json_next_member(s, &key) : ng_json_next_item(s);
        if (rc == 1)
            rc = skip_one(s);
    }
    return rc < 0 ? rc : 0;
}

int ng_json_capture(ng_json_scan *s, ng_buf *out, ng_json_pos *at)
{
    int c = value_start(s);
    if (c < 0)
        return c;
    *at = ng_json_where(s);
    s->capture = out;
    s->capture_from = s->pos;
    int rc = ng_json_skip(s);
    if (rc == 0 && ng_buf_append(out, s->buf + s->capture_from, s->pos - s->capture_from) != 0)
        rc = fail_nomem(s);
    s->capture = NULL;
    return rc;
}

int ng_json_finish(ng_json_scan *s)
{
    if (s->status)
        return s->status;
    if (skip_space(s) >= 0)
        return fail_found(s, "nothing after the document");
    return s->status;
}

/* --- opening and closing ----------------------------------------------------- */

static void init(ng_json_scan *s, const char *source, ng_error *err)
{
    memset(s, 0, sizeof *s);
    s->source = source;
    s->err = err;
    s->line = 1;
    s->token_line = 1;
}

int ng_json_scan_open(ng_json_scan *s, FILE *in, const char *source, ng_error *err)
{
    init(s, source, err);
    s->in = in;
    s->window = malloc(WINDOW_SIZE);
    s->buf = s->window;
    return s->window ? 0 : fail_nomem(s);
}

void ng_json_scan_bytes(ng_json_scan *s, const char *text, size_t len, const ng_json_pos *at,
                        const char *source, ng_error *err)
{
    init(s, source, err);
    s->buf = (const unsigned char *)text;
    s->end = len;
    s->at_eof = 1;
    if (at) {
        s->base = s->line_mark = at->offset;
        s->line = s->token_line = at->line;
        s->line_chars = at->column > 0 ? at->column - 1 : 0;
    }
}

void ng_json_scan_allow_repeated_keys(ng_json_scan *s)
{
    s->repeats_allowed = 1;
}

void ng_json_scan_close(ng_json_scan *s)
{
    for (size_t i = 0; i < s->depth; i++)
        free(s->frames[i].index);
    free(s->frames);
    free(s->key_list);
    ng_buf_free(&s->keys);
    ng_buf_free(&s->quote);
    free(s->window);
    memset(s, 0, sizeof *s);
}
