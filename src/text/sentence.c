/* Sentence splitting of normalised text.
 *
 * One forward scan: every '.', '!' or '?' followed by white space is a
 * candidate end, judged by the word before it and the character after it;
 * every line break is an end unless the next line reads as a continuation.
 * The word before a full stop is looked at through a window of a few bytes,
 * so each byte is visited a bounded number of times. */
#include "sentence.h"

#include <string.h>
#include <utf8proc.h>

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

#define IN_LIST(s, n, list) in_list((s), (n), (list), sizeof(list) / sizeof *(list))

static int in_list(const char *s, size_t n, const char *const *list, size_t count)
{
    /* The first byte first: it rules out nearly every word of a list
     * without measuring it, and every full stop asks several lists. */
    for (size_t i = 0; i < count; i++) {
        if (n > 0 && list[i][0] == s[0] && strlen(list[i]) == n && memcmp(s, list[i], n) == 0)
            return 1;
    }
    return 0;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
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
    if (IN_LIST(word, len, titles) || IN_LIST(word, len, never_final))
        return 0;
    if (IN_LIST(word, len, before_number) && is_digit(text[next]))
        return 0;
    if (len == 1 && is_upper(word[0])) /* an initial: "George W. Bush" */
        return 0;
    if (is_dotted_acronym(word, len))
        return IN_LIST(text + next, word_length(text + next, n - next), sentence_openers);
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

/* The end (exclusive, untrimmed) of the sentence that starts at text[start]. */
static size_t sentence_end(const char *text, size_t n, size_t start)
{
    for (size_t i = start; i < n; i++) {
        /* Most bytes are none of those; skip them in a tight loop. */
        while (i < n && !may_end[(unsigned char)text[i]])
            i++;
        if (i == n)
            break;
        char c = text[i];
        if (c == '\n' || c == '\r') {
            if (line_break_ends(text, n, i))
                return i;
        } else if (is_terminator(c)) {
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
    size_t start = *pos;
    while (start < n && is_space(text[start]))
        start++;
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
