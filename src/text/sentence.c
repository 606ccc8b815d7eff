/* Sentence splitting of normalised text.
 *
 * One forward scan: every '.', '!' or '?' followed by white space is a
 * candidate end, judged by the word before it and the character after it;
 * every line break is an end unless the next line reads as a continuation.
 * The word before a full stop is looked at through a window of a few bytes,
 * so each byte is visited a bounded number of times.
 *
 * Most bytes can end nothing: they are skipped eight at a time, and the
 * word before a full stop is looked up once, in one set that says which
 * lists of abbreviations hold it. */
#include "sentence.h"

#include <stdint.h>
#include <string.h>
#include <threads.h>
#include <utf8proc.h>

#include "util/wordset.h"

#if defined(__SSE2__) && defined(__GNUC__) && !defined(NG_NO_SIMD)
/* SSE2 is part of every x86-64: the hottest scans take sixteen bytes at a
 * time with it, and eight in a 64-bit word elsewhere. */
#include <emmintrin.h>
#define HAVE_SSE2 1
#endif

/* Longer than any abbreviation or dotted acronym. */
#define WORD_WINDOW 16

/* Titles: never end a sentence ("Mr. Kim", "Gen. Gerasimov"). */
static const char *const titles[] = {
    "Mr", "Mrs", "Ms", "Mme", "Messrs", "Dr", "Prof", "Gov", "Gen", "Sen", "Rep", "Lt",
    "Col", "Capt", "Cmdr", "Adm", "Sgt", "Maj", "Brig", "Rev", "Hon", "Pres", "Supt",
    "Insp", "Amb", "Fr", "St", "Mt", "Ft",
};

/* Abbreviations that are followed by a number: "Jan. 5", "No. 1". */
static const char *const before_number[] = {
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "No", "Nos", "no", "Art", "art", "Fig", "fig", "Vol", "vol", "Ch", "ch", "p", "pp",
    "Para", "para", "Sec", "sec",
};

/* Abbreviations that a capitalised word follows inside a sentence. */
static const char *const never_final[] = {
    "e.g", "i.e", "vs", "v", "cf", "viz", "approx", "ca", "Jr", "Sr",
};

/* Words that start a new sentence after a dotted acronym ("... in the
 * U.S. The ..."), as opposed to a name that continues it ("U.S. Navy"). */
static const char *const sentence_openers[] = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "Yet",
    "So", "In", "On", "At", "This", "That", "These", "Those", "There", "His", "Her",
    "Its", "Their", "Our", "As", "After", "Before", "When", "While", "If", "Meanwhile",
    "However", "Some", "Many", "Both", "Earlier", "Later", "Officials",
};

/* ---- the lists as one set ----------------------------------------------- */

/* What a word is, as bits: the lists that hold it. */
enum {
    W_TITLE = 1,
    W_BEFORE_NUMBER = 2,
    W_NEVER_FINAL = 4,
    W_SENTENCE_OPENER = 8
};

static ng_wordset word_set; /* case-sensitive */
static once_flag word_set_once = ONCE_FLAG_INIT;

static void build_word_set(void)
{
    NG_WORDSET_ADD(&word_set, titles, W_TITLE);
    NG_WORDSET_ADD(&word_set, before_number, W_BEFORE_NUMBER);
    NG_WORDSET_ADD(&word_set, never_final, W_NEVER_FINAL);
    NG_WORDSET_ADD(&word_set, sentence_openers, W_SENTENCE_OPENER);
}

/* The lists that hold s[0..n), as W_ bits (0 for none). */
static unsigned word_bits(const char *s, size_t n)
{
    return ng_wordset_bits(&word_set, s, n);
}

/* ---- bytes -------------------------------------------------------------- */

/* The white space of isspace in the C locale. */
static const unsigned char space_bytes[256] = {
    ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
};

static int is_space(char c)
{
    return space_bytes[(unsigned char)c];
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static int is_terminator(char c)
{
    return c == '.' || c == '!' || c == '?';
}

static int is_closer(char c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']';
}

static int is_opener(char c)
{
    return c == '"' || c == '\'' || c == '(' || c == '[';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_ascii_letter(char c)
{
    return is_upper(c) || (c >= 'a' && c <= 'z');
}

static utf8proc_category_t category_at(const char *s, size_t n)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                          (utf8proc_ssize_t)n, &cp);
    return k > 0 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
}

static int starts_lower(const char *s, size_t n)
{
    if ((unsigned char)s[0] < 0x80)
        return s[0] >= 'a' && s[0] <= 'z';
    return category_at(s, n) == UTF8PROC_CATEGORY_LL;
}

/* Whether a sentence can begin with the character at s[0..n). */
static int can_start(const char *s, size_t n)
{
    char c = s[0];
    if ((unsigned char)c < 0x80)
        return is_upper(c) || is_digit(c) || is_opener(c);
    switch (category_at(s, n)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PI:
        return 1;
    default:
        return 0;
    }
}

/* "U.S", "U.N", "a.m": letters separated by single full stops. */
static int is_dotted_acronym(const char *s, size_t n)
{
    if (n < 3)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (i % 2 == 0 ? !is_ascii_letter(s[i]) : s[i] != '.')
            return 0;
    }
    return n % 2 == 1;
}

/* The word that ends just before text[dot], without opening quotes or
 * brackets; its length is 0 when it is longer than WORD_WINDOW. */
static const char *word_before(const char *text, size_t lower_bound, size_t dot, size_t *len)
{
    size_t start = dot;
    while (start > lower_bound && dot - start <= WORD_WINDOW && !is_space(text[start - 1]))
        start--;
    if (dot - start > WORD_WINDOW) {
        *len = 0;
        return text + dot;
    }
    while (start < dot && is_opener(text[start]))
        start++;
    *len = dot - start;
    return text + start;
}

/* How many ASCII letters s[0..n) starts with (counting stops past
 * WORD_WINDOW, longer than any listed word). */
static size_t word_length(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && k <= WORD_WINDOW && is_ascii_letter(s[k]))
        k++;
    return k;
}

/* Whether the full stop at text[dot], followed by white space and then by
 * text[next], which can start a sentence, ends one. */
static int full_stop_ends(const char *text, size_t n, size_t start, size_t dot, size_t next)
{
    size_t len;
    const char *word = word_before(text, start, dot, &len);
    if (len == 0)
        return 1;
    unsigned bits = word_bits(word, len);
    if (bits & (W_TITLE | W_NEVER_FINAL))
        return 0;
    if ((bits & W_BEFORE_NUMBER) && is_digit(text[next]))
        return 0;
    if (len == 1 && is_upper(word[0])) /* an initial: "George W. Bush" */
        return 0;
    if (is_dotted_acronym(word, len))
        return (word_bits(text + next, word_length(text + next, n - next)) &
                W_SENTENCE_OPENER) != 0;
    return 1;
}

/* Judges the run of terminators that starts at text[i]. Sets *after to the
 * end of the run and of the closing quotes and brackets after it, and
 * returns whether the sentence ends there. */
static int terminator_ends(const char *text, size_t n, size_t start, size_t i, size_t *after)
{
    size_t j = i;
    int exclaims = 0;
    while (j < n && is_terminator(text[j]))
        exclaims |= text[j++] != '.';
    size_t last = j - 1;
    while (j < n && is_closer(text[j]))
        j++;
    *after = j;
    if (j == n)
        return 1;
    if (!is_space(text[j]))
        return 0; /* "3.5", "U.S.-led", "Yahoo!News" */
    size_t next = j;
    while (next < n && is_blank(text[next]))
        next++;
    if (next == n || text[next] == '\n' || text[next] == '\r')
        return 1;
    if (!can_start(text + next, n - next))
        return 0;
    if (exclaims || last > i) /* "!", "?!", "..." */
        return 1;
    return full_stop_ends(text, n, start, i, next);
}

/* Whether the line break at text[i] ends the sentence: it does unless the
 * next line starts with a lower-case letter (the line before has no final
 * punctuation, or it would have ended already), and always at a blank
 * line or at the end of the text. */
static int line_break_ends(const char *text, size_t n, size_t i)
{
    size_t k = i + 1;
    while (k < n && is_blank(text[k]))
        k++;
    if (k == n || text[k] == '\n' || text[k] == '\r')
        return 1;
    return !starts_lower(text + k, n - k);
}

/* The bytes where a sentence may end: line breaks and terminators. */
static const unsigned char may_end[256] = {
    ['\n'] = 1, ['\r'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1,
};

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* Flags the zero bytes of x. Flags can be wrong above a byte that is
 * rightly flagged, never below it. */
static uint64_t zero_bytes(uint64_t x)
{
    return (x - ONES) & ~x & HIGHS;
}

/* Flags the bytes of w that may end a sentence, and more: '.', '!', '?'
 * and every byte below 0x0E ('\n' and '\r' among them). Right for the
 * first flagged byte in memory order, as zero_bytes is. */
static uint64_t end_bytes(uint64_t w)
{
    return zero_bytes(w ^ (ONES * '.')) | zero_bytes(w ^ (ONES * '!')) |
           zero_bytes(w ^ (ONES * '?')) | ((w - ONES * 0x0E) & ~w & HIGHS);
}

/* The first byte of text[i..n) that may end a sentence, or n. Sixteen or
 * eight bytes at a time: most bytes are none of those. */
static size_t next_end_byte(const char *text, size_t n, size_t i)
{
#ifdef HAVE_SSE2
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(text + i));
        __m128i stops = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')),
                         _mm_cmpeq_epi8(v, _mm_set1_epi8('!'))),
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('?')),
                         _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                                      _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')))));
        unsigned flags = (unsigned)_mm_movemask_epi8(stops);
        if (flags)
            return i + (size_t)__builtin_ctz(flags);
    }
#endif
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, text + i, 8);
        uint64_t flags = end_bytes(w);
        if (!flags) {
            i += 8;
            continue;
        }
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* The first flagged byte is rightly flagged, but may be a tab. */
        i += (size_t)__builtin_ctzll(flags) / 8;
        if (may_end[(unsigned char)text[i]])
            return i;
        i++;
#else
        for (size_t end = i + 8; i < end; i++) {
            if (may_end[(unsigned char)text[i]])
                return i;
        }
#endif
    }
    while (i < n && !may_end[(unsigned char)text[i]])
        i++;
    return i;
}

/* Flags, exactly, the bytes of w that are neither ' ' nor '\n': for
 * x = w ^ c, the low seven bits of a byte plus 0x7F set its top bit
 * exactly when they are not all zero, and without a carry out. */
static uint64_t not_space_or_newline(uint64_t w)
{
    uint64_t x = w ^ (ONES * ' '), y = w ^ (ONES * '\n');
    uint64_t not_space = (((x & ~HIGHS) + ~HIGHS) | x) & HIGHS;
    uint64_t not_newline = (((y & ~HIGHS) + ~HIGHS) | y) & HIGHS;
    return not_space & not_newline;
}

/* The first byte of text[i..n) that is not white space, or n. Blanked
 * furniture leaves runs of spaces and line feeds: eight bytes at a time
 * through those, then byte by byte (a tab, say). */
static size_t skip_space(const char *text, size_t n, size_t i)
{
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, text + i, 8);
        uint64_t others = not_space_or_newline(w);
        if (others) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            i += (size_t)__builtin_ctzll(others) / 8;
#endif
            break;
        }
        i += 8;
    }
    while (i < n && is_space(text[i]))
        i++;
    return i;
}

/* The end (exclusive, untrimmed) of the sentence that starts at text[start]. */
static size_t sentence_end(const char *text, size_t n, size_t start)
{
    for (size_t i = start; (i = next_end_byte(text, n, i)) < n; i++) {
        char c = text[i];
        if (c == '\n' || c == '\r') {
            if (line_break_ends(text, n, i))
                return i;
        } else { /* '.', '!' or '?' */
            size_t after;
            if (terminator_ends(text, n, start, i, &after))
                return after;
            i = after - 1;
        }
    }
    return n;
}

int ng_sentence_next(const char *text, size_t n, size_t *pos, ng_span *out)
{
    call_once(&word_set_once, build_word_set);
    size_t start = skip_space(text, n, *pos);
    if (start >= n) {
        *pos = n;
        return 0;
    }
    size_t end = sentence_end(text, n, start);
    *pos = end;
    while (end > start && is_space(text[end - 1]))
        end--;
    out->start = start;
    out->end = end;
    return 1;
}
