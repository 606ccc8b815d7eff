/* Page furniture, recognised by the shape of a line rather than by a list
 * of known lines.
 *
 * A line is furniture when it is one of:
 *   - a short label made only of page-furniture words, numbers and dates
 *     ("Advertisement", "Share on Facebook", "Published 12 Sep 2023");
 *   - a line without letters ("-", "* * *", "12");
 *   - a copyright or cookie notice;
 *   - a line ending in a relative time ("Headline - 5 mins ago");
 *   - a byline ("By Kim Tong-Hyung") or a credit ("Photo: AFP",
 *     "Reporting by ...; Editing by ...");
 *   - a link label followed by links ("Tags: ...", "Read more: ...").
 * Anything that reads as a sentence, or holds a word that is not furniture,
 * is kept: headlines and short real sentences survive.
 *
 * Every line of every page is judged, and nearly all are article text, so
 * the judgement is ordered to reject those cheaply: bytes are classified
 * through one table, words are split only as far as a rule needs them (an
 * article paragraph is rejected after its first word or two), each word is
 * looked up once, in one set that says every list it is in, and the one
 * rule that reads a whole line (a notice may say "all rights reserved"
 * anywhere) looks for the rarest letters of its phrases sixteen or eight
 * bytes at a time, comparing only around those. */
#include "furniture.h"

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

/* More tokens than any label, byline or timestamp has. */
#define MAX_TOKENS 10
/* Notices are short; longer lines are article text whatever they say. */
#define NOTICE_MAX 600
/* Longer words are not numbers ("1,234,567" is; a 24-digit run is not). */
#define NUMBER_MAX 23

static const char *const furniture_words[] = {
    /* labels, buttons and links */
    "advertisement", "advertisements", "advert", "adverts", "ad", "ads", "sponsored",
    "sponsor", "promoted", "promotion", "partner", "content", "continue", "continues",
    "continued", "reading", "read", "more", "less", "full", "story", "stories",
    "article", "articles", "related", "recommended", "trending", "popular", "most",
    "latest", "top", "news", "headlines", "breaking", "live", "update", "updates",
    "below", "above", "share", "shares", "shared", "sharing", "tweet", "email",
    "e-mail", "mail", "print", "copy", "copied", "link", "links", "url", "facebook",
    "twitter", "x", "whatsapp", "linkedin", "telegram", "reddit", "pinterest",
    "instagram", "youtube", "tiktok", "threads", "flipboard", "messenger", "bluesky",
    "rss", "feed", "feeds", "connect", "follow", "like", "likes", "comment", "comments",
    "reply", "replies", "subscribe", "subscribed", "subscription", "unsubscribe",
    "join", "newsletter", "newsletters", "sign", "signup", "up", "log", "login",
    "logout", "register", "account", "profile", "notifications", "alerts", "alert",
    "enable", "download", "app", "apps", "get", "free", "daily", "weekly", "briefing",
    "inbox", "skip", "main", "menu", "navigation", "search", "home", "homepage",
    "close", "open", "back", "next", "previous", "prev", "page", "view", "all", "see",
    "show", "hide", "toggle", "expand", "click", "tap", "here", "go", "jump", "scroll",
    "section", "sections", "category", "categories", "tags", "tag", "topics", "topic",
    "filed", "under", "archive", "contact", "about", "help", "faq", "advertise",
    "careers", "terms", "conditions", "service", "privacy", "policy", "cookie",
    "cookies", "settings", "preferences", "manage", "accept", "reject", "agree",
    "consent", "ok", "got", "it", "watch", "video", "videos", "listen", "audio",
    "podcast", "podcasts", "photo", "photos", "gallery", "image", "images", "picture",
    "pictures", "slideshow", "interactive", "graphic", "file", "featured", "credit",
    "credits", "source", "author", "editor", "staff", "reporter", "don't", "miss",
    "must", "may", "also", "just", "now", "today", "yesterday", "ago", "published",
    "updated", "posted", "last", "first",
    /* function words that labels are made of */
    "a", "an", "and", "or", "the", "of", "on", "in", "at", "for", "to", "with", "from",
    "by", "via", "us", "our", "your", "you", "my", "me", "this", "that",
    /* sections */
    "world", "politics", "business", "economy", "markets", "finance", "money", "tech",
    "technology", "science", "health", "sport", "sports", "football", "culture", "arts",
    "entertainment", "lifestyle", "style", "travel", "opinion", "analysis", "editorial",
    "features", "environment", "climate", "education", "media", "local", "national",
    "international", "global", "asia", "europe", "africa", "americas", "middle", "east",
    "uk", "weather", "obituaries", "blogs", "magazine",
    /* picture agencies, as in "AFP via Getty Images" */
    "afp", "ap", "reuters", "getty", "epa", "shutterstock", "alamy", "pa", "xinhua",
    "yonhap", "handout", "pool",
    /* dates and times */
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
    "fri", "sat", "sun", "sec", "secs", "second", "seconds", "min", "mins", "minute",
    "minutes", "hour", "hours", "hr", "hrs", "day", "days", "week", "weeks", "month",
    "months", "year", "years", "am", "pm", "gmt", "utc", "bst", "cet", "cest", "est",
    "edt", "pst", "pdt", "cst", "cdt", "ist", "kst", "jst", "msk", "aest", "aedt",
};

/* Words before a ':' that introduce links rather than text. */
static const char *const link_labels[] = {
    "tags", "tag", "topics", "topic", "keywords", "related", "read", "see",
    "recommended", "trending", "sponsored", "filed", "categories", "category",
};

/* Words that may accompany a link label ("Read more:", "Most read:"). */
static const char *const link_label_fillers[] = {
    "more", "also", "most", "under", "articles", "stories", "story", "content",
    "coverage", "on", "this", "popular", "latest",
};

/* First words of picture credits, followed by ':' or "by". */
static const char *const picture_words[] = {
    "photo", "photos", "photograph", "photographs", "image", "images", "picture",
    "pic", "pics", "credit", "credits", "illustration", "graphic", "graphics",
    "source", "sources",
};

static const char *const credit_words[] = {"credit", "credits"};

/* Words that start a byline before "by". */
static const char *const byline_verbs[] = {
    "written", "posted", "reported", "story", "words", "text", "edited",
};

/* What the end of the production credits of wire copy begins with. */
static const char *const credit_verbs[] = {
    "reporting", "writing", "editing", "compiled", "produced", "written",
    "translated", "additional",
};

/* Lower-case connectors inside bylines. */
static const char *const name_particles[] = {
    "and", "de", "del", "della", "der", "van", "von", "al", "el", "bin", "ibn",
    "da", "dos", "du", "la", "le", "y",
};

/* Title-case function words: a line where these follow "By" is a headline
 * ("By Land And Sea"), not a byline. */
static const char *const headline_words[] = {
    "And", "To", "Of", "For", "With", "From", "At", "On", "In", "As", "Into", "Over",
    "After", "Before", "Is", "Are",
};

static const char *const indefinite_counts[] = {"a", "an"};

static const char *const relative_units_short[] = {
    "s", "sec", "secs", "second", "seconds", "m", "min", "mins", "minute", "minutes",
    "h", "hr", "hrs", "hour", "hours",
};

static const char *const relative_units_long[] = {
    "d", "day", "days", "w", "wk", "wks", "week", "weeks", "mo", "month", "months",
    "y", "yr", "yrs", "year", "years",
};

/* Letter suffixes of numbers in labels: ordinals, clock times, counts. */
static const char *const number_suffixes[] = {
    "st", "nd", "rd", "th", "am", "pm", "k", "m", "s", "h", "d", "w", "y", "min",
    "mins", "hr", "hrs",
};

/* ---- bytes -------------------------------------------------------------- */

enum {
    C_SPACE = 1,    /* ' ', \t, \n, \v, \f, \r */
    C_LETTER = 2,   /* an ASCII letter */
    C_DIGIT = 4,    /* an ASCII digit */
    C_HIGH = 8,     /* a byte of a multi-byte character: utf8proc tells */
    C_OPENER = 16,  /* ( [ " ' before a word */
    C_TRAILING = 32 /* " ' ) ] , ; : . ! ? after a word */
};

#define S C_SPACE
#define L C_LETTER
#define D C_DIGIT
#define O C_OPENER
#define T C_TRAILING
#define H16 C_HIGH, C_HIGH, C_HIGH, C_HIGH, C_HIGH, C_HIGH, C_HIGH, C_HIGH, \
            C_HIGH, C_HIGH, C_HIGH, C_HIGH, C_HIGH, C_HIGH, C_HIGH, C_HIGH
static const unsigned char byte_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, S, S, S, S, S, 0, 0,      /* 0x00 - 0x0F */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,      /* 0x10 - 0x1F */
    S, T, O | T, 0, 0, 0, 0, O | T, O, T, 0, 0, T, 0, T, 0, /* ' ' - '/' */
    D, D, D, D, D, D, D, D, D, D, T, T, 0, 0, 0, T,      /* '0' - '?' */
    0, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,      /* '@' - 'O' */
    L, L, L, L, L, L, L, L, L, L, L, O, 0, T, 0, 0,      /* 'P' - '_' */
    0, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,      /* '`' - 'o' */
    L, L, L, L, L, L, L, L, L, L, L, 0, 0, 0, 0, 0,      /* 'p' - DEL */
    H16, H16, H16, H16, H16, H16, H16, H16,              /* 0x80 - 0xFF */
};
#undef S
#undef L
#undef D
#undef O
#undef T
#undef H16

static unsigned class_of(char c)
{
    return byte_class[(unsigned char)c];
}

static int is_space(char c)
{
    return class_of(c) & C_SPACE;
}

static int is_ascii_letter(char c)
{
    return class_of(c) & C_LETTER;
}

static int is_digit(char c)
{
    return class_of(c) & C_DIGIT;
}

static char ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static int is_closer(char c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']';
}

/* The category of the character at s[0..n), or CN if it is not valid. */
static utf8proc_category_t category_at(const char *s, size_t n, size_t *len)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                          (utf8proc_ssize_t)n, &cp);
    *len = k > 0 ? (size_t)k : 1;
    return k > 0 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
}

static int is_letter_category(utf8proc_category_t c)
{
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* Whether s[0..n) holds a letter (or, with digits, a letter or digit). */
static int has_letter(const char *s, size_t n, int digits)
{
    unsigned want = digits ? C_LETTER | C_DIGIT : C_LETTER;
    for (size_t i = 0; i < n;) {
        unsigned c = class_of(s[i]);
        if (c & want)
            return 1;
        if (!(c & C_HIGH)) {
            i++;
            continue;
        }
        size_t len;
        utf8proc_category_t cat = category_at(s + i, n - i, &len);
        if (is_letter_category(cat) || (digits && cat == UTF8PROC_CATEGORY_ND))
            return 1;
        i += len;
    }
    return 0;
}

static int starts_upper(const char *s, size_t n)
{
    if ((unsigned char)s[0] < 0x80)
        return s[0] >= 'A' && s[0] <= 'Z';
    size_t len;
    utf8proc_category_t c = category_at(s, n, &len);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/* Whether the line ends like a sentence: '.', '!' or '?', possibly inside
 * closing quotes or brackets, but not an ellipsis ("Read more..."). */
static int ends_like_sentence(const char *s, size_t n)
{
    while (n > 0 && is_closer(s[n - 1]))
        n--;
    if (n == 0)
        return 0;
    char c = s[n - 1];
    if (c == '!' || c == '?')
        return 1;
    return c == '.' && !(n >= 2 && s[n - 2] == '.');
}

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* Flags the zero bytes of x; wrong flags come only above a right one. */
static uint64_t zero_bytes(uint64_t x)
{
    return (x - ONES) & ~x & HIGHS;
}

/* Case-insensitive: whether s[0..k) is the lower-case `word` of k bytes. */
static int equals_ci(const char *s, const char *word, size_t k)
{
    for (size_t i = 0; i < k; i++) {
        if (ascii_lower(s[i]) != word[i])
            return 0;
    }
    return 1;
}

/* Case-insensitive: whether s[0..n) starts with the lower-case `prefix`. */
static int starts_with_ci(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return k <= n && equals_ci(s, prefix, k);
}

/* ---- the lists as one set ----------------------------------------------- */

/* What a lower-cased word is, as bits: the lists that hold it. */
enum {
    W_FURNITURE = 1 << 0,
    W_LINK_LABEL = 1 << 1,
    W_LINK_FILLER = 1 << 2,
    W_PICTURE = 1 << 3,
    W_CREDIT_WORD = 1 << 4,
    W_BYLINE_VERB = 1 << 5,
    W_CREDIT_VERB = 1 << 6,
    W_INDEFINITE = 1 << 7,
    W_UNIT_SHORT = 1 << 8,
    W_UNIT_LONG = 1 << 9,
    W_NUMBER_SUFFIX = 1 << 10,
    W_BY = 1 << 11,         /* "by" */
    W_ADDITIONAL = 1 << 12, /* "additional", as in "Additional reporting by" */
    W_LOOKED_UP = 1 << 30   /* in words.bits: the bits are known */
};

static const char *const by_words[] = {"by"};
static const char *const additional_words[] = {"additional"};

static ng_wordset word_set = {.fold = 1};
static once_flag word_set_once = ONCE_FLAG_INIT;

static void build_word_set(void)
{
    NG_WORDSET_ADD(&word_set, furniture_words, W_FURNITURE);
    NG_WORDSET_ADD(&word_set, link_labels, W_LINK_LABEL);
    NG_WORDSET_ADD(&word_set, link_label_fillers, W_LINK_FILLER);
    NG_WORDSET_ADD(&word_set, picture_words, W_PICTURE);
    NG_WORDSET_ADD(&word_set, credit_words, W_CREDIT_WORD);
    NG_WORDSET_ADD(&word_set, byline_verbs, W_BYLINE_VERB);
    NG_WORDSET_ADD(&word_set, credit_verbs, W_CREDIT_VERB);
    NG_WORDSET_ADD(&word_set, indefinite_counts, W_INDEFINITE);
    NG_WORDSET_ADD(&word_set, relative_units_short, W_UNIT_SHORT);
    NG_WORDSET_ADD(&word_set, relative_units_long, W_UNIT_LONG);
    NG_WORDSET_ADD(&word_set, number_suffixes, W_NUMBER_SUFFIX);
    NG_WORDSET_ADD(&word_set, by_words, W_BY);
    NG_WORDSET_ADD(&word_set, additional_words, W_ADDITIONAL);
}

/* The lists that hold s[0..n), lower-cased, as W_ bits (0 for none). */
static uint32_t word_bits(const char *s, size_t n)
{
    return ng_wordset_bits(&word_set, s, n);
}

/* Case-sensitive, for the lists of name particles and headline words. */
static int in_list(const char *s, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (strlen(list[i]) == n && memcmp(s, list[i], n) == 0)
            return 1;
    }
    return 0;
}

#define IN_LIST(s, n, list) in_list((s), (n), (list), sizeof(list) / sizeof *(list))

/* ---- words, split as far as asked --------------------------------------- */

typedef struct token {
    const char *s;
    size_t n;
} token;

/* The first words of a line, leaving out the tokens that hold no letter
 * or digit ("|", "-", "©"), each without the quotes and brackets around
 * it and the punctuation after it. The line is split only as far as the
 * rules ask. `truncated` says the line has more than MAX_TOKENS words. */
typedef struct words {
    const char *s;
    size_t n;
    size_t next;  /* where splitting goes on */
    int done;     /* split to the end, or truncated */
    int truncated;
    size_t count;
    token tok[MAX_TOKENS];
    uint32_t bits[MAX_TOKENS]; /* word_bits, once W_LOOKED_UP is set */
} words;

static void words_init(words *w, const char *s, size_t n)
{
    w->s = s;
    w->n = n;
    w->next = 0;
    w->done = 0;
    w->truncated = 0;
    w->count = 0;
}

/* Splits off the next word that holds a letter or digit. */
static void split_next(words *w)
{
    const char *s = w->s;
    size_t n = w->n, i = w->next;
    for (;;) {
        while (i < n && is_space(s[i]))
            i++;
        if (i == n) {
            w->next = n;
            w->done = 1;
            return;
        }
        size_t start = i;
        unsigned seen = 0;
        for (unsigned c; i < n && !((c = class_of(s[i])) & C_SPACE); i++)
            seen |= c;
        /* Openers and trailing punctuation are neither letters nor
         * digits: a word has one of those if its bytes had. */
        size_t end = i;
        while (start < end && (class_of(s[start]) & C_OPENER))
            start++;
        while (end > start && (class_of(s[end - 1]) & C_TRAILING))
            end--;
        if (start == end)
            continue;
        if (!(seen & (C_LETTER | C_DIGIT)) &&
            !((seen & C_HIGH) && has_letter(s + start, end - start, 1)))
            continue;
        w->next = i;
        if (w->count == MAX_TOKENS) {
            w->truncated = 1;
            w->done = 1;
            return;
        }
        w->tok[w->count] = (token){s + start, end - start};
        w->bits[w->count] = 0;
        w->count++;
        return;
    }
}

/* Whether the line has a word i (of the first MAX_TOKENS). */
static int has_word(words *w, size_t i)
{
    while (w->count <= i && !w->done)
        split_next(w);
    return i < w->count;
}

/* The number of words, up to MAX_TOKENS (see truncated). */
static size_t word_count(words *w)
{
    while (!w->done)
        split_next(w);
    return w->count;
}

/* The lists word i (which exists) is in. */
static uint32_t bits_of(words *w, size_t i)
{
    if (!(w->bits[i] & W_LOOKED_UP))
        w->bits[i] = word_bits(w->tok[i].s, w->tok[i].n) | W_LOOKED_UP;
    return w->bits[i];
}

/* ---- the rules ---------------------------------------------------------- */

static int is_number_separator(char c)
{
    return c == '.' || c == ',' || c == ':' || c == '/' || c == '-';
}

/* A number, possibly with separators and a unit or ordinal suffix:
 * "2023", "10:14", "1.2k", "5h", "12th". */
static int is_number_word(const token *t)
{
    if (t->n > NUMBER_MAX)
        return 0;
    size_t i = 0;
    int digits = 0;
    for (; i < t->n && (is_digit(t->s[i]) || is_number_separator(t->s[i])); i++)
        digits |= is_digit(t->s[i]);
    return digits && (i == t->n || (word_bits(t->s + i, t->n - i) & W_NUMBER_SUFFIX));
}

/* "Advertisement", "Share on Facebook", "Updated 12 Sep 2023, 10:14 BST". */
static int is_label(words *w, int sentence)
{
    if (sentence)
        return 0;
    size_t i = 0;
    for (; has_word(w, i); i++) {
        if (!(bits_of(w, i) & W_FURNITURE) && !is_number_word(&w->tok[i]))
            return 0;
    }
    return i > 0 && !w->truncated;
}

/* Whether s[0..n) has at most a few words and a year ("Reuters 2024"). */
static int short_line_with_year(const char *s, size_t n)
{
    size_t word_count = 0, year = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_space(s[i]) && (i == 0 || is_space(s[i - 1])))
            word_count++;
        if (i + 4 <= n && (i == 0 || !is_digit(s[i - 1])) && is_digit(s[i]) && is_digit(s[i + 1]) &&
            is_digit(s[i + 2]) && is_digit(s[i + 3]) && (i + 4 == n || !is_digit(s[i + 4])) &&
            (s[i] == '1' || s[i] == '2'))
            year = 1;
    }
    return year && word_count <= 8;
}

/* "Copyright © 2024 Globe Times", "Copyright Reuters 2024", "© BBC",
 * "(c) Reuters": the notices known by how they start. */
static int starts_copyright(const char *s, size_t n)
{
    if (starts_with_ci(s, n, "\xc2\xa9") || starts_with_ci(s, n, "(c) "))
        return 1;
    if (!starts_with_ci(s, n, "copyright") || n == 9 || is_ascii_letter(s[9]))
        return 0;
    const char *rest = s + 9;
    size_t left = n - 9;
    while (left > 0 && is_space(*rest)) {
        rest++;
        left--;
    }
    return starts_with_ci(rest, left, "\xc2\xa9") || starts_with_ci(rest, left, "(c)") ||
           (left > 0 && is_digit(rest[0])) || short_line_with_year(rest, left);
}

/* The phrases a notice may have anywhere, found by their rarest letter:
 * "cookie" by its 'k', "all rights reserved" by its 'v'. */
static const char cookie_phrase[] = "cookie";
static const char rights_phrase[] = "all rights reserved";
#define COOKIE_ANCHOR 3
#define RIGHTS_ANCHOR 16

/* Whether one of the phrases has its anchor letter at s[i]. */
static int phrase_at(const char *s, size_t n, size_t i)
{
    const char *phrase;
    size_t at, len;
    switch (s[i] | 0x20) {
    case 'k':
        phrase = cookie_phrase;
        at = COOKIE_ANCHOR;
        len = sizeof cookie_phrase - 1;
        break;
    case 'v':
        phrase = rights_phrase;
        at = RIGHTS_ANCHOR;
        len = sizeof rights_phrase - 1;
        break;
    default:
        return 0;
    }
    return i >= at && n - (i - at) >= len && equals_ci(s + i - at, phrase, len);
}

#ifdef HAVE_SSE2
/* Bit k set where p[k] may be the anchor of a phrase: 'k' or 'v' in
 * either case. Those letters are in many words, "ki" and "rv" in few: a
 * 'k' is kept only before an 'i', a 'v' only after an 'r', or at the
 * edges of the sixteen bytes, whose neighbours are not looked at here. */
static unsigned anchor_flags16(const char *p)
{
    __m128i x = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)p),
                             _mm_set1_epi8(0x20));
    unsigned k = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('k')));
    unsigned v = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('v')));
    if (!(k | v))
        return 0;
    k &= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('i'))) >> 1 | 0x8000;
    v &= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('r'))) << 1 | 1;
    return k | v;
}

/* Whether a phrase has its anchor at a flagged byte of s[at..at + 16). */
static int phrase_at_flagged(const char *s, size_t n, size_t at, unsigned flags)
{
    for (; flags; flags &= flags - 1) {
        if (phrase_at(s, n, at + (size_t)__builtin_ctz(flags)))
            return 1;
    }
    return 0;
}

/* has_notice_phrase on a line of sixteen bytes or more: the last sixteen
 * overlap the blocks before, without their bytes looked at again. */
static int has_notice_phrase16(const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        if (phrase_at_flagged(s, n, i, anchor_flags16(s + i)))
            return 1;
    }
    if (i == n)
        return 0;
    size_t last = n - 16, seen = i - last;
    return phrase_at_flagged(s, n, last, anchor_flags16(s + last) >> seen << seen);
}
#endif

/* Whether s[0..n) holds "cookie" or "all rights reserved" in any ASCII
 * case. Sixteen or eight bytes at a time, the bytes that are 'k' or 'v'
 * in either case (OR 0x20 makes only 'K' and 'k' into 'k') are flagged;
 * the phrases are compared around those alone. */
static int has_notice_phrase(const char *s, size_t n)
{
#ifdef HAVE_SSE2
    if (n >= 16)
        return has_notice_phrase16(s, n);
#endif
    size_t i = 0;
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        w |= ONES * 0x20;
        uint64_t flags = zero_bytes(w ^ (ONES * 'k')) | zero_bytes(w ^ (ONES * 'v'));
        if (!flags) {
            i += 8;
            continue;
        }
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* The first flagged byte is a right one. */
        i += (size_t)__builtin_ctzll(flags) / 8;
        if (phrase_at(s, n, i))
            return 1;
        i++;
#else
        for (size_t end = i + 8; i < end; i++) {
            if (phrase_at(s, n, i))
                return 1;
        }
#endif
    }
    for (; i < n; i++) {
        if (phrase_at(s, n, i))
            return 1;
    }
    return 0;
}

/* A line short enough to be a notice, lower-cased (ASCII) so that its
 * phrases are found with strstr: for the few lines that hold one of the
 * phrases above. */
typedef struct notice {
    char lower[NOTICE_MAX + 1];
} notice;

static int contains(const notice *line, const char *needle)
{
    return strstr(line->lower, needle) != NULL;
}

/* Copyright and cookie notices: "All rights reserved.", "We use cookies
 * ... you accept ...". */
static int is_notice(const char *s, size_t n)
{
    if (n > NOTICE_MAX)
        return 0;
    if (starts_copyright(s, n))
        return 1;
    if (!has_notice_phrase(s, n))
        return 0;
    notice line;
    for (size_t i = 0; i < n; i++)
        line.lower[i] = ascii_lower(s[i]);
    line.lower[n] = '\0';
    if (contains(&line, rights_phrase))
        return 1;
    return contains(&line, cookie_phrase) &&
           (contains(&line, "we use") || contains(&line, "this site uses") ||
            contains(&line, "this website uses") || contains(&line, "consent") ||
            contains(&line, "accept"));
}

/* The start of the word that ends at s[end] (exclusive), skipping spaces
 * before it; end itself when there is none. */
static size_t word_before(const char *s, size_t end, size_t *word_end)
{
    while (end > 0 && is_space(s[end - 1]))
        end--;
    *word_end = end;
    while (end > 0 && !is_space(s[end - 1]))
        end--;
    return end;
}

/* Whether s[0..n), lower-cased, is in a list of `bits`. Only words shorter
 * than 16 bytes count, as units and counts are. */
static int word_is(const char *s, size_t n, uint32_t bits)
{
    return n > 0 && n < 16 && (word_bits(s, n) & bits);
}

/* "New rail link opens - 5 mins ago", "Updated 3 hours ago": a line that
 * ends in a relative time, with a unit under a day or after a separator
 * (a sentence would say "two years ago."). `s` is trimmed. */
static int ends_in_relative_time(const char *s, size_t n)
{
    /* The last word is "ago" (most lines fail here), and before it are a
     * unit and a count. */
    if (n < 3 || !equals_ci(s + n - 3, "ago", 3) || (n > 3 && !is_space(s[n - 4])))
        return 0;
    size_t end, start = word_before(s, n - 3, &end);
    size_t unit = start; /* "5mins", "2h" */
    while (unit < end && is_digit(s[unit]))
        unit++;
    size_t unit_len = end - unit;
    if (unit == start) { /* "5 mins", "an hour" */
        size_t count_end, count = word_before(s, start, &count_end);
        if (count == count_end ||
            (!is_digit(s[count]) && !word_is(s + count, count_end - count, W_INDEFINITE)))
            return 0;
        start = count;
    }
    if (word_is(s + unit, unit_len, W_UNIT_SHORT))
        return 1;
    if (!word_is(s + unit, unit_len, W_UNIT_LONG))
        return 0;
    size_t sep_end, sep = word_before(s, start, &sep_end);
    return sep_end > sep && !has_letter(s + sep, sep_end - sep, 1);
}

/* A word of a name in a byline: capitalised, or a lower-case particle. */
static int is_name_word(const token *t)
{
    if (t->n < 16) {
        if (IN_LIST(t->s, t->n, name_particles))
            return 1;
        if (IN_LIST(t->s, t->n, headline_words))
            return 0;
    }
    return starts_upper(t->s, t->n);
}

/* "By Kim Tong-Hyung and Hyung-Jin Kim", "Written by Jane Doe, Reuters". */
static int is_byline(const char *s, size_t n, words *w, int sentence)
{
    if (sentence || !has_word(w, 0))
        return 0;
    size_t first = 1;
    const token *by = &w->tok[0];
    if (by->n != 2 || (memcmp(by->s, "By", 2) != 0 && memcmp(by->s, "BY", 2) != 0)) {
        if (!(bits_of(w, 0) & W_BYLINE_VERB) || !has_word(w, 1) || !(bits_of(w, 1) & W_BY))
            return 0;
        first = 2;
    }
    size_t count = word_count(w);
    if (count > 7 || count == first || memchr(s, ':', n))
        return 0;
    for (size_t i = first; i < count; i++) {
        if (!is_name_word(&w->tok[i]))
            return 0;
    }
    return 1;
}

static int followed_by_colon(const char *s, size_t n, const token *t)
{
    size_t after = (size_t)(t->s - s) + t->n;
    return after < n && s[after] == ':';
}

/* "Photo: AFP", "Image credit: Reuters", "(Reporting by A; Editing by B)". */
static int is_credit(const char *s, size_t n, words *w)
{
    if (!has_word(w, 0))
        return 0;
    uint32_t first = bits_of(w, 0);
    if (!(first & (W_CREDIT_VERB | W_PICTURE)) || !has_word(w, 1))
        return 0;
    if ((first & W_CREDIT_VERB) && n <= NOTICE_MAX) {
        size_t by = (first & W_ADDITIONAL) ? 2 : 1;
        if (has_word(w, by) && (bits_of(w, by) & W_BY))
            return 1;
    }
    if (!(first & W_PICTURE))
        return 0;
    size_t k = has_word(w, 2) && (bits_of(w, 1) & W_CREDIT_WORD) ? 1 : 0;
    return followed_by_colon(s, n, &w->tok[k]) || (bits_of(w, k + 1) & W_BY);
}

/* "Tags: Russia, North Korea", "Read more: Kim arrives in Russia". */
static int is_link_list(const char *s, size_t n, words *w)
{
    const char *colon = memchr(s, ':', n < 40 ? n : 40);
    if (!colon)
        return 0;
    int labelled = 0;
    for (size_t i = 0; has_word(w, i) && w->tok[i].s < colon; i++) {
        uint32_t bits = bits_of(w, i);
        if (bits & W_LINK_LABEL)
            labelled = 1;
        else if (!(bits & W_LINK_FILLER))
            return 0;
    }
    return labelled;
}

int ng_furniture_line(const char *line, size_t n)
{
    while (n > 0 && is_space(line[0])) {
        line++;
        n--;
    }
    while (n > 0 && is_space(line[n - 1]))
        n--;
    if (n == 0)
        return 0;
    if (!is_ascii_letter(line[0]) && !has_letter(line, n, 0))
        return 1;
    call_once(&word_set_once, build_word_set);
    /* The rules are independent: the cheap ones first, the one that
     * reads the whole line last. */
    int sentence = ends_like_sentence(line, n);
    words w;
    words_init(&w, line, n);
    return is_label(&w, sentence) || ends_in_relative_time(line, n) ||
           is_byline(line, n, &w, sentence) || is_credit(line, n, &w) ||
           is_link_list(line, n, &w) || is_notice(line, n);
}

size_t ng_furniture_blank(char *text, size_t n)
{
    size_t blanked = 0;
    for (size_t start = 0; start < n;) {
        const char *nl = memchr(text + start, '\n', n - start);
        size_t end = nl ? (size_t)(nl - text) : n;
        if (end > start && ng_furniture_line(text + start, end - start)) {
            memset(text + start, ' ', end - start);
            blanked++;
        }
        start = end + 1;
    }
    return blanked;
}
