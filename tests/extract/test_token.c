/* The tokenizer, against a plain statement of its rules.
 *
 * ng_tokenize takes a fast way for ASCII words it has seen (16 bytes at a
 * time, a cache keyed by their first eight bytes) and a general way for
 * the rest. reference_tokenize below states the rules a code point at a
 * time, as the tokenizer once did; every test compares the two, token by
 * token and field by field, on text built to reach every branch: each
 * byte value after a word at each offset of the 16-byte window, words at
 * the end of short and long sentences, words of 1 to 20 bytes seen many
 * times, and a cache that fills up. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "extract/lexicon.h"
#include "extract/token.h"
#include "util/buf.h"
#include "util/names.h"
#include "util/strmap.h"

/* ---- The rules, a code point at a time ---- */

static int32_t cp_at(const char *text, size_t end, size_t i, size_t *next)
{
    if (i >= end)
        return *next = i, -1;
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                          (utf8proc_ssize_t)(end - i), &cp);
    *next = i + (n > 0 ? (size_t)n : 1);
    return n > 0 ? cp : -1;
}

static int is_word(int32_t cp)
{
    if (cp < 0)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_MC) ||
           c == UTF8PROC_CATEGORY_ND || c == UTF8PROC_CATEGORY_ME;
}

static int is_letter(int32_t cp)
{
    return is_word(cp) && utf8proc_category(cp) != UTF8PROC_CATEGORY_ND;
}

static int is_upper(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return cp >= 0 && (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT);
}

static int word_at(const char *text, size_t end, size_t i)
{
    size_t next;
    return is_word(cp_at(text, end, i, &next));
}

static size_t run_end(const char *text, size_t end, size_t i)
{
    size_t next;
    while (is_word(cp_at(text, end, i, &next)))
        i = next;
    return i;
}

static int digit(char c)
{
    return c >= '0' && c <= '9';
}

static int ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A word: a run, with apostrophes between letters (not a possessive 's)
 * and points or commas between digits; or an acronym "U.S.". */
static size_t word_end(const char *text, size_t end, size_t start)
{
    size_t i = start, letters = 0, next;
    while (i + 1 < end && ascii_letter(text[i]) && text[i + 1] == '.' &&
           (i == start || !ascii_letter(text[i - 1]))) {
        i += 2;
        letters++;
    }
    if (letters >= 2 && !word_at(text, end, i))
        return i;
    i = run_end(text, end, start);
    for (;;) {
        if (i < end && text[i] == '\'' && is_letter(cp_at(text, end, i + 1, &next))) {
            size_t after = run_end(text, end, i + 1);
            if (after == i + 2 && (text[i + 1] == 's' || text[i + 1] == 'S'))
                return i;
            i = after;
        } else if (i < end && (text[i] == '.' || text[i] == ',') && i > 0 && digit(text[i - 1]) &&
                   i + 1 < end && digit(text[i + 1])) {
            i = run_end(text, end, i + 1);
        } else {
            return i;
        }
    }
}

typedef struct ref_token {
    size_t start, end;
    char norm[256];
    unsigned flags, lex;
    uint32_t norm_len, norm_hash;
} ref_token;

static void ref_push(ref_token *out, size_t *count, const char *text, size_t start, size_t end,
                     unsigned flags)
{
    ref_token *t = &out[(*count)++];
    ng_buf norm = {0};
    int fold = flags & (NG_TOKEN_WORD | NG_TOKEN_POSSESSIVE);
    assert_int_equal(fold ? ng_name_fold(text + start, end - start, &norm)
                          : ng_buf_append(&norm, text + start, end - start),
                     0);
    assert_true(norm.len < sizeof t->norm);
    memcpy(t->norm, ng_buf_cstr(&norm), norm.len + 1);
    t->start = start;
    t->end = end;
    t->norm_len = (uint32_t)norm.len;
    t->norm_hash = ng_strmap_hash(t->norm, norm.len);
    t->lex = ng_lex_classes(t->norm, norm.len);
    if (flags & NG_TOKEN_WORD) {
        size_t next, letters = 0, upper = 0;
        int32_t first = cp_at(text, end, start, &next);
        if (first >= '0' && first <= '9')
            flags |= NG_TOKEN_NUMBER;
        else if (is_upper(first))
            flags |= NG_TOKEN_CAPITAL;
        for (size_t i = start; i < end; i = next) {
            int32_t cp = cp_at(text, end, i, &next);
            if (is_letter(cp)) {
                letters++;
                upper += is_upper(cp) != 0;
            }
        }
        if (letters >= 2 && upper == letters)
            flags |= NG_TOKEN_UPPER;
    }
    t->flags = flags;
    ng_buf_free(&norm);
}

static size_t reference_tokenize(const char *text, size_t from, size_t end, ref_token *out)
{
    size_t count = 0;
    unsigned joined = 0;
    for (size_t i = from; i < end;) {
        char c = text[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            i++;
            joined = 0;
            continue;
        }
        size_t start = i, next;
        if (word_at(text, end, i)) {
            i = word_end(text, end, start);
            ref_push(out, &count, text, start, i, NG_TOKEN_WORD | joined);
            joined = 0;
            if (i + 1 < end && text[i] == '\'' && (text[i + 1] == 's' || text[i + 1] == 'S') &&
                !word_at(text, end, i + 2)) {
                ref_push(out, &count, text, i, i + 2, NG_TOKEN_POSSESSIVE);
                i += 2;
            } else if (i < end && text[i] == '\'' && text[i - 1] == 's' &&
                       !word_at(text, end, i + 1)) {
                ref_push(out, &count, text, i, i + 1, NG_TOKEN_POSSESSIVE);
                i += 1;
            }
        } else if (c == '-' && count && (out[count - 1].flags & NG_TOKEN_WORD) &&
                   out[count - 1].end == i && word_at(text, end, i + 1)) {
            i++;
            joined = NG_TOKEN_JOINED;
        } else {
            cp_at(text, end, i, &next);
            ref_push(out, &count, text, start, next, 0);
            i = next;
            joined = 0;
        }
    }
    if (count)
        out[0].flags |= NG_TOKEN_INITIAL;
    return count;
}

/* ---- Comparing ---- */

#define MAX_TOKENS 512

/* Tokenizes text[from, end) both ways, from a copy of exactly `end`
 * bytes (so that a read past the sentence is a read past the buffer, for
 * the sanitizers), and fails on the first difference. */
static void check_span(ng_tokens *tokens, const char *text, size_t from, size_t end)
{
    static ref_token want[MAX_TOKENS];
    char *copy = malloc(end ? end : 1);
    assert_non_null(copy);
    memcpy(copy, text, end);
    size_t n = reference_tokenize(copy, from, end, want);
    assert_int_equal(ng_tokenize(copy, (ng_span){from, end}, tokens), 0);
    if (tokens->count != n)
        fail_msg("\"%.*s\": %zu tokens, want %zu", (int)(end - from), text + from,
                 tokens->count, n);
    for (size_t i = 0; i < n; i++) {
        const ng_token *got = &tokens->items[i];
        const ref_token *w = &want[i];
        if (got->start != w->start || got->end != w->end || strcmp(got->norm, w->norm) != 0 ||
            got->flags != w->flags || got->lex != w->lex || got->norm_len != w->norm_len ||
            got->norm_hash != w->norm_hash)
            fail_msg("\"%.*s\" token %zu: [%zu, %zu) \"%s\" flags %x, want [%zu, %zu) \"%s\" "
                     "flags %x",
                     (int)(end - from), text + from, i, got->start, got->end, got->norm,
                     got->flags, w->start, w->end, w->norm, w->flags);
    }
    free(copy);
}

static void check(ng_tokens *tokens, const char *text)
{
    check_span(tokens, text, 0, strlen(text));
}

static const char *const bytes_of_interest[] = {
    "'", "'s", "'S", "'t", ".", ".5", ",", ",000", "-", "-x", "_", "@", "[", "`", "{", "~", "/",
    "\x7f", "\x01", "\xc3\xa9", "\xc3", "\xff", "\xcc\x81", "\xe2\x80\x94", "\xe2\x80\x99",
    "\xd0\x9c", " ", "\n",
};

/* Every byte value, and the sequences above, right after words of 1 to
 * 17 bytes, in sentences long enough for the 16-byte way and too short
 * for it; each sentence twice, so that the second finds its words known. */
static void test_every_byte_after_every_word_length(void **state)
{
    (void)state;
    ng_tokens tokens = {0};
    char text[128], word[24];
    for (size_t len = 1; len <= 17; len++) {
        memcpy(word, "Qu1ckBr0wnF0xJump5", len); /* letters of both cases, digits */
        word[len] = '\0';
        for (int b = 1; b < 256; b++) {
            for (int pad = 0; pad < 2; pad++) {
                snprintf(text, sizeof text, "%s%s%c9x said", pad ? "The ministry said " : "",
                         word, (char)b);
                check(&tokens, text);
                check(&tokens, text);
            }
        }
        for (size_t s = 0; s < sizeof bytes_of_interest / sizeof *bytes_of_interest; s++) {
            for (int pad = 0; pad < 2; pad++) {
                snprintf(text, sizeof text, "%s%s%s", pad ? "The ministry said it " : "", word,
                         bytes_of_interest[s]);
                check(&tokens, text);
                check(&tokens, text);
            }
        }
    }
    ng_tokens_free(&tokens);
}

/* A sentence cut at every length: words that end where the sentence
 * ends, inside the last 16 bytes or not. */
static void test_every_sentence_end(void **state)
{
    (void)state;
    ng_tokens tokens = {0};
    const char *text = "Putin's U.S. envoy didn't meet Kim Jong-un in 2023 (72.27% of 11,000) "
                       "with Andr\xc3\xa9s L\xc3\xb3pez, internationalisation's leaders' "
                       "\xe2\x80\x9cquotes\xe2\x80\x9d.";
    size_t n = strlen(text);
    for (int round = 0; round < 2; round++)
        for (size_t from = 0; from < n; from += 7)
            for (size_t end = from; end <= n; end++)
                check_span(&tokens, text, from, end);
    ng_tokens_free(&tokens);
}

static unsigned long long rng = 0x9e3779b97f4a7c15u;

static unsigned next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 11);
}

/* Random text from a small vocabulary (so that most words are known)
 * and the sequences above, glued or spaced. */
static void test_random_text(void **state)
{
    (void)state;
    static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    char vocab[48][24];
    for (int v = 0; v < 48; v++) {
        int len = 1 + (int)(next_random() % 20);
        for (int k = 0; k < len; k++)
            vocab[v][k] = letters[next_random() % (sizeof letters - 1)];
        vocab[v][len] = '\0';
    }
    ng_tokens tokens = {0};
    char text[400];
    for (int round = 0; round < 20000; round++) {
        size_t len = 0;
        int pieces = 1 + (int)(next_random() % 24);
        for (int p = 0; p < pieces; p++) {
            unsigned pick = next_random() % 4;
            const char *piece = pick < 2 ? vocab[next_random() % 48]
                                : pick == 2
                                    ? bytes_of_interest[next_random() %
                                                        (sizeof bytes_of_interest /
                                                         sizeof *bytes_of_interest)]
                                    : " ";
            size_t n = strlen(piece);
            if (len + n >= sizeof text)
                break;
            memcpy(text + len, piece, n);
            len += n;
        }
        size_t from = next_random() % 4 == 0 ? next_random() % (len + 1) : 0;
        check_span(&tokens, text, from, from + next_random() % (len - from + 1));
    }
    ng_tokens_free(&tokens);
}

/* More spellings than the cache keeps: it starts again, and every
 * spelling still gives its form. */
static void test_cache_that_fills_up(void **state)
{
    (void)state;
    ng_tokens tokens = {0};
    char text[64];
    for (unsigned i = 0; i < 50000; i++) { /* three new spellings each */
        snprintf(text, sizeof text, "Word%u and w%ux, the word%u.", i, i * 7919u, i);
        check(&tokens, text);
    }
    ng_tokens_free(&tokens);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_byte_after_every_word_length),
        cmocka_unit_test(test_every_sentence_end),
        cmocka_unit_test(test_random_text),
        cmocka_unit_test(test_cache_that_fills_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
