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
 * is kept: headlines and short real sentences survive. */
#include "furniture.h"

#include <stdint.h>
#include <string.h>
#include <threads.h>
#include <utf8proc.h>

#include "util/strmap.h"

/* More tokens than any label, byline or timestamp has. */
#define MAX_TOKENS 10
/* Notices are short; longer lines are article text whatever they say. */
#define NOTICE_MAX 600

typedef struct token {
    const char *s;
    size_t n;
} token;

/* The first words of a line, with lower-cased copies for lookups, leaving
 * out the tokens that hold no letter or digit ("|", "-", "©").
 * `truncated` says the line has more than MAX_TOKENS words. */
typedef struct words {
    token tok[MAX_TOKENS];
    char lower[MAX_TOKENS][24];
    size_t count;
    int truncated;
} words;

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

static const char *const ago_words[] = {"ago"};
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

#define IN_LIST(word, list) in_list((word), (list), sizeof(list) / sizeof *(list))

static int in_list(const char *word, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (strcmp(word, list[i]) == 0)
            return 1;
    }
    return 0;
}

/* furniture_words as a set, built on first use: every line of every page
 * asks whether its words are furniture, and a search of the list was a
 * tenth of the reading. */
static ng_strmap furniture_set;
static int furniture_set_ready;
static once_flag furniture_set_once = ONCE_FLAG_INIT;

static void build_furniture_set(void)
{
    size_t count = sizeof furniture_words / sizeof *furniture_words;
    for (size_t i = 0; i < count; i++) {
        const char *w = furniture_words[i];
        if (ng_strmap_put(&furniture_set, w, strlen(w), (void *)w) != 0) {
            ng_strmap_free(&furniture_set);
            return; /* out of memory: is_furniture_word searches the list */
        }
    }
    furniture_set_ready = 1;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static char ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
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
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) {
            if (is_ascii_letter(s[i]) || (digits && is_digit(s[i])))
                return 1;
            i++;
            continue;
        }
        size_t len;
        utf8proc_category_t c = category_at(s + i, n - i, &len);
        if (is_letter_category(c) || (digits && c == UTF8PROC_CATEGORY_ND))
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

static int is_closer(char c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']';
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

/* Case-insensitive: whether s[0..n) starts with the lower-case `prefix`. */
static int starts_with_ci(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    if (k > n)
        return 0;
    for (size_t i = 0; i < k; i++) {
        if (ascii_lower(s[i]) != prefix[i])
            return 0;
    }
    return 1;
}

/* A line short enough to be a notice, lower-cased (ASCII) once so that
 * its phrases are found with strstr. */
typedef struct notice {
    char lower[NOTICE_MAX + 1];
} notice;

/* Fills *out from s[0..n); returns 0 if the line is too long to be a notice. */
static int lower_notice(const char *s, size_t n, notice *out)
{
    if (n > NOTICE_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        out->lower[i] = ascii_lower(s[i]);
    out->lower[n] = '\0';
    return 1;
}

static int contains(const notice *line, const char *needle)
{
    return strstr(line->lower, needle) != NULL;
}

static int is_opener(char c)
{
    return c == '(' || c == '[' || c == '"' || c == '\'';
}

static int is_trailing_punct(char c)
{
    return is_closer(c) || c == ',' || c == ';' || c == ':' || c == '.' || c == '!' ||
           c == '?';
}

/* Adds the word s[0..n) unless it holds no letter or digit. */
static void add_word(words *w, const char *s, size_t n)
{
    while (n > 0 && is_opener(s[0])) {
        s++;
        n--;
    }
    while (n > 0 && is_trailing_punct(s[n - 1]))
        n--;
    if (n == 0 || !has_letter(s, n, 1))
        return;
    if (w->count == MAX_TOKENS) {
        w->truncated = 1;
        return;
    }
    w->tok[w->count] = (token){s, n};
    /* Non-ASCII and overlong words become DEL, which no list holds. */
    char *lower = w->lower[w->count++];
    if (n >= sizeof w->lower[0]) {
        lower[0] = '\x7f';
        lower[1] = '\0';
        return;
    }
    for (size_t k = 0; k < n; k++)
        lower[k] = (unsigned char)s[k] < 0x80 ? ascii_lower(s[k]) : '\x7f';
    lower[n] = '\0';
}

/* Splits s[0..n) into words, stopping after MAX_TOKENS of them. */
static void split_words(const char *s, size_t n, words *w)
{
    w->count = 0;
    w->truncated = 0;
    size_t i = 0;
    while (i < n && !w->truncated) {
        while (i < n && is_space(s[i]))
            i++;
        size_t start = i;
        while (i < n && !is_space(s[i]))
            i++;
        if (i > start)
            add_word(w, s + start, i - start);
    }
}

/* A number, possibly with separators and a unit or ordinal suffix:
 * "2023", "10:14", "1.2k", "5h", "12th". */
static int is_number_word(const char *lower)
{
    size_t i = 0;
    int digits = 0;
    for (; lower[i] && (is_digit(lower[i]) || strchr(".,:/-", lower[i])); i++)
        digits |= is_digit(lower[i]);
    return digits && (lower[i] == '\0' || IN_LIST(lower + i, number_suffixes));
}

static int is_furniture_word(const char *lower)
{
    call_once(&furniture_set_once, build_furniture_set);
    int listed = furniture_set_ready ? ng_strmap_get(&furniture_set, lower, strlen(lower)) != NULL
                                     : IN_LIST(lower, furniture_words);
    return listed || is_number_word(lower);
}

/* "Advertisement", "Share on Facebook", "Updated 12 Sep 2023, 10:14 BST". */
static int is_label(const char *s, size_t n, const words *w)
{
    if (w->count == 0 || w->truncated || ends_like_sentence(s, n))
        return 0;
    for (size_t i = 0; i < w->count; i++) {
        if (!is_furniture_word(w->lower[i]))
            return 0;
    }
    return 1;
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
 * "All rights reserved." */
static int is_copyright(const char *s, size_t n, const notice *line)
{
    if (starts_with_ci(s, n, "\xc2\xa9") || starts_with_ci(s, n, "(c) ") ||
        contains(line, "all rights reserved"))
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

static int is_cookie_notice(const notice *line)
{
    return contains(line, "cookie") &&
           (contains(line, "we use") || contains(line, "this site uses") ||
            contains(line, "this website uses") || contains(line, "consent") ||
            contains(line, "accept"));
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

static int word_is(const char *s, size_t n, const char *const *list, size_t count)
{
    char lower[16];
    if (n == 0 || n >= sizeof lower)
        return 0;
    for (size_t i = 0; i < n; i++)
        lower[i] = ascii_lower(s[i]);
    lower[n] = '\0';
    return in_list(lower, list, count);
}

#define WORD_IS(s, n, list) word_is((s), (n), (list), sizeof(list) / sizeof *(list))

/* "New rail link opens - 5 mins ago", "Updated 3 hours ago": a line that
 * ends in a relative time, with a unit under a day or after a separator
 * (a sentence would say "two years ago."). */
static int ends_in_relative_time(const char *s, size_t n)
{
    size_t end, start = word_before(s, n, &end);
    if (!WORD_IS(s + start, end - start, ago_words))
        return 0;
    start = word_before(s, start, &end);
    size_t unit = start; /* "5mins", "2h" */
    while (unit < end && is_digit(s[unit]))
        unit++;
    size_t unit_len = end - unit;
    if (unit == start) { /* "5 mins", "an hour" */
        size_t count_end, count = word_before(s, start, &count_end);
        if (count == count_end ||
            (!is_digit(s[count]) && !WORD_IS(s + count, count_end - count, indefinite_counts)))
            return 0;
        start = count;
    }
    if (WORD_IS(s + unit, unit_len, relative_units_short))
        return 1;
    if (!WORD_IS(s + unit, unit_len, relative_units_long))
        return 0;
    size_t sep_end, sep = word_before(s, start, &sep_end);
    return sep_end > sep && !has_letter(s + sep, sep_end - sep, 1);
}

/* A word of a name in a byline: capitalised, or a lower-case particle. */
static int is_name_word(const token *t)
{
    char word[16];
    if (t->n < sizeof word) {
        memcpy(word, t->s, t->n);
        word[t->n] = '\0';
        if (IN_LIST(word, name_particles))
            return 1;
        if (IN_LIST(word, headline_words))
            return 0;
    }
    return starts_upper(t->s, t->n);
}

/* "By Kim Tong-Hyung and Hyung-Jin Kim", "Written by Jane Doe, Reuters". */
static int is_byline(const char *s, size_t n, const words *w)
{
    if (w->count < 2 || w->count > 7 || ends_like_sentence(s, n) || memchr(s, ':', n))
        return 0;
    size_t first = 1;
    const token *by = &w->tok[0];
    if (by->n != 2 || (memcmp(by->s, "By", 2) != 0 && memcmp(by->s, "BY", 2) != 0)) {
        if (!IN_LIST(w->lower[0], byline_verbs) || strcmp(w->lower[1], "by") != 0)
            return 0;
        first = 2;
    }
    if (w->count == first)
        return 0;
    for (size_t i = first; i < w->count; i++) {
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
static int is_credit(const char *s, size_t n, const words *w)
{
    if (w->count < 2)
        return 0;
    if (IN_LIST(w->lower[0], credit_verbs) && n <= NOTICE_MAX) {
        size_t by = strcmp(w->lower[0], "additional") == 0 ? 2 : 1;
        if (by < w->count && strcmp(w->lower[by], "by") == 0)
            return 1;
    }
    if (!IN_LIST(w->lower[0], picture_words))
        return 0;
    size_t k = w->count > 2 && IN_LIST(w->lower[1], credit_words) ? 1 : 0;
    return followed_by_colon(s, n, &w->tok[k]) || strcmp(w->lower[k + 1], "by") == 0;
}

/* "Tags: Russia, North Korea", "Read more: Kim arrives in Russia". */
static int is_link_list(const char *s, size_t n, const words *w)
{
    const char *colon = memchr(s, ':', n < 40 ? n : 40);
    if (!colon)
        return 0;
    int labelled = 0;
    for (size_t i = 0; i < w->count && w->tok[i].s < colon; i++) {
        if (IN_LIST(w->lower[i], link_labels))
            labelled = 1;
        else if (!IN_LIST(w->lower[i], link_label_fillers))
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
    if (!has_letter(line, n, 0))
        return 1;
    words w;
    split_words(line, n, &w);
    if (is_label(line, n, &w))
        return 1;
    notice short_line;
    if (lower_notice(line, n, &short_line) &&
        (is_copyright(line, n, &short_line) || is_cookie_notice(&short_line)))
        return 1;
    return ends_in_relative_time(line, n) ||
           is_byline(line, n, &w) || is_credit(line, n, &w) || is_link_list(line, n, &w);
}

size_t ng_furniture_blank(char *text, size_t n)
{
    size_t blanked = 0;
    for (size_t start = 0; start < n;) {
        const char *nl = memchr(text + start, '\n', n - start);
        size_t end = nl ? (size_t)(nl - text) : n;
        if (ng_furniture_line(text + start, end - start)) {
            memset(text + start, ' ', end - start);
            blanked++;
        }
        start = end + 1;
    }
    return blanked;
}
