#include "utf8.h"

#include <stdint.h>
#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__) && !defined(NG_NO_SIMD)
/* SSE2 is part of every x86-64: the hottest scans take sixteen bytes at a
 * time with it, and eight in a 64-bit word elsewhere. */
#include <emmintrin.h>
#define HAVE_SSE2 1
#endif

size_t ng_utf8_sequence_length(const unsigned char *p, size_t n)
{
    if (n == 0)
        return 0;
    unsigned char c = p[0], lo = 0x80, hi = 0xBF;
    size_t len;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (n < len || p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

/* Printable ASCII is nearly all of a news page, so the scans for its end
 * take sixteen bytes at a time with SSE2, else eight in a 64-bit word. */
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* Flags (the top bit of a byte) the bytes of w outside 0x20..0x7E. For a
 * byte b < 0x80, b + 0x60 sets the top bit exactly when b >= 0x20, and
 * b + 1 exactly when b == 0x7F; only a byte above 0x7F, flagged itself,
 * can carry into the next one. So flags can be wrong only above a byte
 * that is rightly flagged: the first flagged byte in memory order is
 * exact. */
static uint64_t unprintable_bytes(uint64_t w)
{
    return (w | ~(w + ONES * 0x60) | (w + ONES)) & HIGHS;
}

/* Flags, exactly, the bytes of w that are not '\n'. */
static uint64_t non_newlines(uint64_t w)
{
    uint64_t x = w ^ (ONES * '\n');
    return (((x & ~HIGHS) + ~HIGHS) | x) & HIGHS;
}

/* The index of the first flagged byte of w, whose first byte in memory is
 * p[0]: with a count of trailing zeros where that byte is the low one,
 * else by looking at the bytes. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define FIRST_FLAGGED(flags, p, good) ((size_t)__builtin_ctzll(flags) / 8)
#else
#define FIRST_FLAGGED(flags, p, good) first_bad(p, good)
static size_t first_bad(const unsigned char *p, int (*good)(unsigned char))
{
    size_t i = 0;
    while (good(p[i]))
        i++;
    return i;
}
#endif

static int is_printable(unsigned char c)
{
    return c >= 0x20 && c < 0x7F;
}

static int is_text(unsigned char c)
{
    return is_printable(c) || c == '\n';
}

#ifdef HAVE_SSE2
/* Bit k set when p[k] is printable ASCII or '\n'. As signed bytes, those
 * above 0x7F are negative, below 0x20. */
static unsigned good_bytes16(const unsigned char *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i good = _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)),
                                    _mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F)));
    good = _mm_or_si128(good, _mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
    return (unsigned)_mm_movemask_epi8(good);
}

/* How many bytes of p[0..n) the sixteen-byte blocks at its start hold
 * before the first bad one: at *i, the end of the blocks looked at. */
static size_t good_blocks(const unsigned char *p, size_t n, size_t *i)
{
    for (; *i + 16 <= n; *i += 16) {
        unsigned bad = ~good_bytes16(p + *i) & 0xFFFF;
        if (bad)
            return *i + (size_t)__builtin_ctz(bad);
    }
    return SIZE_MAX;
}
#endif

size_t ng_ascii_text_prefix(const unsigned char *p, size_t n)
{
    size_t i = 0;
#ifdef HAVE_SSE2
    size_t stop = good_blocks(p, n, &i);
    if (stop != SIZE_MAX)
        return stop;
#endif
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        /* Below the first unprintable byte, no byte carries (a line feed
         * does not either): the first flag left is exact. */
        uint64_t bad = unprintable_bytes(w) & non_newlines(w);
        if (bad)
            return i + FIRST_FLAGGED(bad, p + i, is_text);
    }
    while (i < n && is_text(p[i]))
        i++;
    return i;
}
