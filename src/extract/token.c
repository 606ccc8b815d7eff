#include "extract/token.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include <newsgraph/error.h>

#include "extract/lexicon.h"
#include "util/names.h"

/* The code point at text[*i] (advancing *i), or -1 for an invalid byte. */
static utf8proc_int32_t next_cp(const char *text, size_t end, size_t *i)
{
    if ((unsigned char)text[*i] < 0x80)
        return (unsigned char)text[(*i)++];
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + *i,
                                          (utf8proc_ssize_t)(end - *i), &cp);
    *i += n > 0 ? (size_t)n : 1;
    return n > 0 ? cp : -1;
}

static utf8proc_int32_t cp_at(const char *text, size_t end, size_t i)
{
    return i < end ? next_cp(text, end, &i) : -1;
}

/* ASCII letters and digits, by byte, for the general way; the fast one
 * takes 16 bytes at a time (alnum_run16). */
static const unsigned char ascii_word[128] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

static int is_word_cp(utf8proc_int32_t cp)
{
    if (cp < 0)
        return 0;
    if (cp < 0x80)
        return ascii_word[cp];
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_MC) ||
           c == UTF8PROC_CATEGORY_ND || c == UTF8PROC_CATEGORY_ME;
}

static int is_letter_cp(utf8proc_int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    return is_word_cp(cp) && utf8proc_category(cp) != UTF8PROC_CATEGORY_ND;
}

static int is_upper_cp(utf8proc_int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Where a run of word characters starting at i ends. */
static size_t word_run(const char *text, size_t end, size_t i)
{
    while (i < end) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) { /* the common case, without decoding */
            if (!ascii_word[c])
                break;
            i++;
            continue;
        }
        size_t j = i;
        if (!is_word_cp(next_cp(text, end, &j)))
            break;
        i = j;
    }
    return i;
}

/* Extends the word text[start..*i) over what belongs inside it: an
 * apostrophe between letters that is not a possessive 's ("didn't"), and
 * a decimal point or separator between digits ("72.27", "11,000"). */
static void extend_word(const char *text, size_t end, size_t *i)
{
    for (;;) {
        size_t j = *i;
        char c = j < end ? text[j] : '\0';
        if (c == '\'' && is_letter_cp(cp_at(text, end, j + 1))) {
            size_t after = word_run(text, end, j + 1);
            if (after == j + 2 && (text[j + 1] == 's' || text[j + 1] == 'S'))
                return; /* a possessive */
            *i = after;
        } else if ((c == '.' || c == ',') && j > 0 && is_digit(text[j - 1]) && j + 1 < end &&
                   is_digit(text[j + 1])) {
            *i = word_run(text, end, j + 1);
        } else {
            return;
        }
    }
}

static int is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The end of an acronym written with full stops ("U.S.", "U.N.") that
 * starts at `start`: two or more single letters, each followed by a full
 * stop. `start` when there is none. */
static size_t acronym_end(const char *text, size_t end, size_t start)
{
    size_t i = start, letters = 0;
    while (i + 1 < end && is_ascii_letter(text[i]) && text[i + 1] == '.' &&
           (i == start || !is_ascii_letter(text[i - 1]))) {
        i += 2;
        letters++;
    }
    return letters >= 2 && (i >= end || !is_word_cp(cp_at(text, end, i))) ? i : start;
}

static unsigned case_flags(const char *text, size_t start, size_t end)
{
    unsigned flags = 0;
    size_t letters = 0, upper = 0, i = start;
    utf8proc_int32_t first = cp_at(text, end, start);
    if (first >= '0' && first <= '9')
        flags |= NG_TOKEN_NUMBER;
    else if (first >= 0 && is_upper_cp(first))
        flags |= NG_TOKEN_CAPITAL;
    while (i < end) {
        utf8proc_int32_t cp = next_cp(text, end, &i);
        if (is_letter_cp(cp)) {
            letters++;
            upper += is_upper_cp(cp) != 0;
        }
    }
    if (letters >= 2 && upper == letters)
        flags |= NG_TOKEN_UPPER;
    return flags;
}

/* What the tokenizer does with a byte, before looking further. */
enum { BYTE_PUNCT, BYTE_SPACE, BYTE_ALNUM, BYTE_HIGH };

#define ALNUM_ROW(first)                                                                       \
    [first] = BYTE_ALNUM, [first + 1] = BYTE_ALNUM, [first + 2] = BYTE_ALNUM,                  \
    [first + 3] = BYTE_ALNUM, [first + 4] = BYTE_ALNUM, [first + 5] = BYTE_ALNUM,              \
    [first + 6] = BYTE_ALNUM, [first + 7] = BYTE_ALNUM, [first + 8] = BYTE_ALNUM,              \
    [first + 9] = BYTE_ALNUM
#define ROW16(first, v)                                                                        \
    [first] = v, [first + 1] = v, [first + 2] = v, [first + 3] = v, [first + 4] = v,           \
    [first + 5] = v, [first + 6] = v, [first + 7] = v, [first + 8] = v, [first + 9] = v,       \
    [first + 10] = v, [first + 11] = v, [first + 12] = v, [first + 13] = v, [first + 14] = v,  \
    [first + 15] = v
#define HIGH_HALF(v)                                                                           \
    ROW16(0x80, v), ROW16(0x90, v), ROW16(0xa0, v), ROW16(0xb0, v), ROW16(0xc0, v),            \
    ROW16(0xd0, v), ROW16(0xe0, v), ROW16(0xf0, v)

static const unsigned char byte_class[256] = {
    [' '] = BYTE_SPACE, ['\n'] = BYTE_SPACE, ['\t'] = BYTE_SPACE, ['\r'] = BYTE_SPACE,
    ALNUM_ROW('0'), ALNUM_ROW('A'), ALNUM_ROW('K'), ALNUM_ROW('a'), ALNUM_ROW('k'),
    ['U'] = BYTE_ALNUM, ['V'] = BYTE_ALNUM, ['W'] = BYTE_ALNUM, ['X'] = BYTE_ALNUM,
    ['Y'] = BYTE_ALNUM, ['Z'] = BYTE_ALNUM, ['u'] = BYTE_ALNUM, ['v'] = BYTE_ALNUM,
    ['w'] = BYTE_ALNUM, ['x'] = BYTE_ALNUM, ['y'] = BYTE_ALNUM, ['z'] = BYTE_ALNUM,
    HIGH_HALF(BYTE_HIGH),
};

/* ---- Sixteen bytes at a time ---- */

/* The eight bytes at p as a little-endian number: the first byte is the
 * lowest, on any machine, so that heads compare and hashes agree. */
static inline uint64_t load64(const char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w;
}

/* The first min(n, 8) bytes at p as a little-endian number, zero-padded:
 * a spelling's head. */
static uint64_t load_head(const char *p, size_t n)
{
    if (n >= 8)
        return load64(p);
    uint64_t w = 0;
    for (size_t k = 0; k < n; k++)
        w |= (uint64_t)(unsigned char)p[k] << (8 * k);
    return w;
}

#if defined(__SSE2__) && !defined(NG_NO_SIMD)
#include <emmintrin.h>

/* Bit k set when byte k of the 16 at p is an ASCII letter or digit. Each
 * byte is tested with signed compares, shifted so that the range wanted
 * starts at -128; bytes of 0x80 and up (UTF-8 sequences) fall outside
 * both ranges. */
static inline unsigned alnum_mask16(const char *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
    __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(lower, _mm_set1_epi8((char)(0x80 - 'a'))),
                                    _mm_set1_epi8(-128 + 26));
    __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - '0'))),
                                   _mm_set1_epi8(-128 + 10));
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(letter, digit));
}
#else
/* The same, a byte at a time, where SSE2 is not there. */
static inline unsigned alnum_mask16(const char *p)
{
    unsigned mask = 0;
    for (unsigned k = 0; k < 16; k++)
        if ((unsigned char)p[k] < 0x80 && ascii_word[(unsigned char)p[k]])
            mask |= 1u << k;
    return mask;
}
#endif

/* ---- The spelling cache ---- */

/* The hash of a spelling whose head is known. Spellings of up to eight
 * bytes, most words, take one multiply; the table is indexed by the high
 * bits of the product, which depend on every bit of its input. */
#define HASH_MUL 0x9e3779b97f4a7c15u

static inline uint64_t hash_step(uint64_t h, uint64_t w)
{
    return ((h >> 29 ^ h) ^ w) * HASH_MUL;
}

static uint64_t spelling_hash(uint64_t head, const char *s, size_t len)
{
    uint64_t h = (head ^ len) * HASH_MUL;
    size_t k = 8;
    for (; k + 8 <= len; k += 8)
        h = hash_step(h, load64(s + k));
    if (k < len) /* the last 1..7 bytes: the 8 that end the spelling, shifted */
        h = hash_step(h, load64(s + len - 8) >> (8 * (8 - (len - k))));
    return h;
}

/* MAX_SPELLINGS forms at load 1/2 need 2^18 slots: 24 bits are plenty. */
static inline size_t slot_of(uint64_t hash, size_t mask)
{
    return (size_t)(hash >> 40) & mask;
}

/* Whether slot `sl` holds the spelling s[0, len) of head `head`. */
static inline int slot_holds(const ng_tokens *out, const ng_spelling_slot *sl, const char *s,
                             size_t len, uint64_t head)
{
    if (sl->head != head || sl->len != len)
        return 0;
    if (len <= 8)
        return 1;
    const char *kept = out->forms[sl->form].spelling;
    if (len <= 16) /* the last eight bytes cover the rest */
        return load64(kept + len - 8) == load64(s + len - 8);
    return memcmp(kept + 8, s + 8, len - 8) == 0;
}

/* The cached form of s[0, len), whose head and hash are known, or NULL;
 * *slot is then the empty slot where the search ended. */
static inline const ng_word_form *cached_form(const ng_tokens *out, const char *s, size_t len,
                                              uint64_t head, uint64_t hash, size_t *slot)
{
    if (!out->slot_cap)
        return NULL;
    size_t mask = out->slot_cap - 1, k = slot_of(hash, mask);
    for (; out->slots[k].len; k = (k + 1) & mask)
        if (slot_holds(out, &out->slots[k], s, len, head))
            return &out->forms[out->slots[k].form];
    *slot = k;
    return NULL;
}

/* The spellings remembered at most: past this, the memory goes back and
 * the cache starts again, so that it stays bounded on any corpus. */
#define MAX_SPELLINGS (1u << 17)

static void forget_forms(ng_tokens *out)
{
    free(out->slots);
    out->slots = NULL;
    out->slot_cap = 0;
    memset(out->ascii, 0, sizeof out->ascii);
    ng_intern_free(&out->strings);
    out->form_count = 0;
}

/* Doubles the table (or makes the first), placing every form anew. */
static int grow_slots(ng_tokens *out)
{
    size_t cap = out->slot_cap ? out->slot_cap * 2 : 1024;
    ng_spelling_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < out->slot_cap; i++) {
        const ng_spelling_slot *old = &out->slots[i];
        if (!old->len)
            continue;
        const char *s = out->forms[old->form].spelling;
        size_t k = slot_of(spelling_hash(old->head, s, old->len), cap - 1);
        while (slots[k].len)
            k = (k + 1) & (cap - 1);
        slots[k] = *old;
    }
    free(out->slots);
    out->slots = slots;
    out->slot_cap = cap;
    return 0;
}

/* The id of the form's norm in `vocab`, 0 if none (or no vocabulary). */
static uint32_t vocab_id_of(const ng_strmap *vocab, const ng_word_form *f)
{
    return vocab ? (uint32_t)(uintptr_t)ng_strmap_get_hashed(vocab, f->norm, f->norm_len,
                                                              f->norm_hash)
                 : 0;
}

/* Folds and classifies text[start, end) as a new form, folded unless
 * `fold` is 0: punctuation keeps its own form, since folding would make a
 * dash a space. Its index, or -1 if out of memory. */
static long new_form(ng_tokens *out, const char *text, size_t start, size_t end, int word,
                     int fold)
{
    const char *raw = text + start;
    size_t len = end - start;
    void *forms = out->forms;
    if (len > UINT32_MAX ||
        ng_array_grow(&forms, &out->form_cap, out->form_count + 1, sizeof *out->forms) != 0)
        return -1;
    out->forms = forms;
    ng_buf folded = {0};
    int rc = fold ? ng_name_fold(raw, len, &folded) : ng_buf_append(&folded, raw, len);
    const char *norm = rc == 0 && folded.len <= UINT32_MAX
                           ? ng_intern_bytes(&out->strings, ng_buf_cstr(&folded), folded.len)
                           : NULL;
    const char *spelling = norm ? ng_intern_keep(&out->strings, raw, len) : NULL;
    if (spelling) {
        ng_word_form *f = &out->forms[out->form_count];
        f->norm = norm;
        f->case_flags = word ? case_flags(text, start, end) : 0;
        f->lex = ng_lex_classes(norm, folded.len);
        f->norm_len = (uint32_t)folded.len;
        f->norm_hash = ng_strmap_hash(norm, folded.len);
        f->vocab_id = vocab_id_of(out->vocab, f);
        f->spelling = spelling;
    }
    ng_buf_free(&folded);
    return spelling ? (long)out->form_count++ : -1;
}

/* The form of text[start, end): from the cache, or made and cached. A
 * spelling is either a word or not (words start with a letter or digit),
 * so the spelling alone is the key. NULL if out of memory. */
static const ng_word_form *form_of(ng_tokens *out, const char *text, size_t start, size_t end,
                                   int word, int fold)
{
    const char *s = text + start;
    size_t len = end - start;
    uint64_t head = load_head(s, len), hash = spelling_hash(head, s, len);
    size_t slot = 0;
    const ng_word_form *f = cached_form(out, s, len, head, hash, &slot);
    if (f)
        return f;
    long at = new_form(out, text, start, end, word, fold);
    if (at < 0)
        return NULL;
    if ((size_t)(at + 1) * 2 > out->slot_cap) { /* load at most 1/2 */
        if (grow_slots(out) != 0) {
            out->form_count--;
            return NULL;
        }
        size_t mask = out->slot_cap - 1;
        for (slot = slot_of(hash, mask); out->slots[slot].len; slot = (slot + 1) & mask)
            ;
    }
    out->slots[slot] = (ng_spelling_slot){head, (uint32_t)len, (uint32_t)at};
    return &out->forms[at];
}

/* ---- Tokens ---- */

/* A token takes a form's fields in one copy. */
_Static_assert(offsetof(ng_token, flags) - offsetof(ng_token, norm) ==
                       offsetof(ng_word_form, case_flags) &&
                   offsetof(ng_token, lex) - offsetof(ng_token, norm) ==
                       offsetof(ng_word_form, lex) &&
                   offsetof(ng_token, norm_len) - offsetof(ng_token, norm) ==
                       offsetof(ng_word_form, norm_len) &&
                   offsetof(ng_token, norm_hash) - offsetof(ng_token, norm) ==
                       offsetof(ng_word_form, norm_hash) &&
                   offsetof(ng_token, vocab_id) - offsetof(ng_token, norm) ==
                       offsetof(ng_word_form, vocab_id) &&
                   sizeof(ng_token) - offsetof(ng_token, norm) <=
                       offsetof(ng_word_form, spelling),
               "ng_word_form begins as ng_token ends");
#define FORM_FIELDS (sizeof(ng_token) - offsetof(ng_token, norm))

/* Room for two more tokens: a word and its possessive. */
static int make_room(ng_tokens *out)
{
    void *items = out->items;
    if (ng_array_grow(&items, &out->cap, out->count + 2, sizeof *out->items) != 0)
        return NG_ERR_NOMEM;
    out->items = items;
    return 0;
}

/* Appends a token; make_room has made room for it. */
static inline void push(ng_tokens *out, size_t start, size_t end, unsigned flags,
                        const ng_word_form *form)
{
    ng_token *t = &out->items[out->count++];
    t->start = start;
    t->end = end;
    memcpy(&t->norm, form, FORM_FIELDS);
    t->flags |= flags;
}

/* The token at text[i], the general way, for all that the fast way of
 * ng_tokenize leaves: words with more than ASCII letters and digits,
 * acronyms, apostrophes, decimal points, words of 16 bytes or more, the
 * end of the sentence, a hyphen between words, punctuation not seen
 * before. Adds the token (a word and its possessive: two) and returns
 * where the next starts; updates *joined; SIZE_MAX if out of memory. */
__attribute__((noinline)) static size_t general_token(ng_tokens *out, const char *text,
                                                      size_t end, size_t i, unsigned *joined)
{
    size_t start = i, j = i;
    const ng_word_form *form;
    if (is_word_cp(next_cp(text, end, &j))) {
        i = acronym_end(text, end, start);
        if (i == start) {
            i = word_run(text, end, start);
            extend_word(text, end, &i);
        }
        if (!(form = form_of(out, text, start, i, 1, 1)))
            return SIZE_MAX;
        push(out, start, i, NG_TOKEN_WORD | *joined, form);
        *joined = 0;
        if (i < end && text[i] == '\'') {
            size_t p = i;
            if (i + 1 < end && (text[i + 1] == 's' || text[i + 1] == 'S') &&
                !is_word_cp(cp_at(text, end, i + 2)))
                i += 2;
            else if (i > start && text[i - 1] == 's' && !is_word_cp(cp_at(text, end, i + 1)))
                i += 1;
            if (i != p) {
                if (!(form = form_of(out, text, p, i, 0, 1)))
                    return SIZE_MAX;
                push(out, p, i, NG_TOKEN_POSSESSIVE, form);
            }
        }
        return i;
    }
    if (text[i] == '-' && out->count && (out->items[out->count - 1].flags & NG_TOKEN_WORD) &&
        out->items[out->count - 1].end == i && is_word_cp(cp_at(text, end, i + 1))) {
        *joined = NG_TOKEN_JOINED;
        return i + 1;
    }
    unsigned char c = (unsigned char)text[i];
    if (c < 0x80 && out->ascii[c]) {
        form = &out->forms[out->ascii[c] - 1];
    } else {
        if (!(form = form_of(out, text, i, j, 0, 0)))
            return SIZE_MAX;
        if (c < 0x80) /* one byte: the fast way finds it from now on */
            out->ascii[c] = (uint32_t)(form - out->forms) + 1;
    }
    push(out, i, j, 0, form);
    *joined = 0;
    return j;
}

/* After an ASCII word, the bytes that may carry it on, for the general
 * way to see: a letter beyond ASCII or an apostrophe (always), a full
 * stop or comma (only after a digit, "72.27", or a single letter,
 * "U.S."). */
enum { GO_ON_NEVER, GO_ON_MAY, GO_ON_AFTER_DIGIT };

static const unsigned char may_go_on[256] = {
    ['\''] = GO_ON_MAY, ['.'] = GO_ON_AFTER_DIGIT, [','] = GO_ON_AFTER_DIGIT,
    HIGH_HALF(GO_ON_MAY),
};

/* The head of a word of n < 8 bytes: the first n bytes of the eight. */
static const uint64_t head_mask[8] = {
    0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff, 0xffffffffffffff,
};

int ng_tokenize(const char *text, ng_span sentence, ng_tokens *out)
{
    out->count = 0;
    if (out->form_count >= MAX_SPELLINGS)
        forget_forms(out);
    if (!out->slot_cap && grow_slots(out) != 0)
        return NG_ERR_NOMEM;
    /* Token storage from the start, so that t_end below is never formed
     * from a null pointer. */
    if (!out->items && make_room(out) != 0)
        return NG_ERR_NOMEM;
    /* The fast way takes an ASCII word of under 16 bytes spelled as
     * before (nearly every word), or punctuation seen before, and leaves
     * the rest to general_token. It keeps what it uses of *out in locals,
     * read again after general_token, which may move them: the compiler
     * could not keep them in registers, since tokens are written through
     * pointers. It reads 16 bytes at a time, counted back from the end of
     * the sentence when fewer are left, and so needs 16 in all. */
    const char *p = text + sentence.start, *e = text + sentence.end;
    int wide = sentence.end - sentence.start >= 16;
    ng_token *t = out->items, *t_end = out->items + out->cap;
    const ng_spelling_slot *slots = out->slots;
    const ng_word_form *forms = out->forms;
    size_t mask = out->slot_cap - 1;
    unsigned joined = 0;
    while (p < e) {
        unsigned char c = (unsigned char)*p;
        unsigned cls = byte_class[c];
        if (cls == BYTE_SPACE) {
            p++;
            joined = 0;
            continue;
        }
        if (t == t_end)
            goto general;
        if (cls == BYTE_ALNUM) {
            size_t room = (size_t)(e - p);
            unsigned n;
            if (room >= 16)
                n = (unsigned)__builtin_ctz(~alnum_mask16(p)); /* bit 16 is set */
            else if (wide)
                n = (unsigned)__builtin_ctz(~(alnum_mask16(e - 16) >> (16 - room)));
            else
                goto general;
            if (n == 16)
                goto general;
            if (n < room) {
                unsigned go_on = may_go_on[(unsigned char)p[n]];
                if (go_on != GO_ON_NEVER &&
                    (go_on == GO_ON_MAY || n == 1 || is_digit(p[n - 1])))
                    goto general;
            }
            uint64_t head, hash;
            if (n < 8) {
                head = room >= 8 ? load64(p) : load64(e - 8) >> (8 * (8 - room));
                head &= head_mask[n];
                hash = (head ^ n) * HASH_MUL;
            } else {
                head = load64(p);
                hash = (head ^ n) * HASH_MUL;
                if (n > 8)
                    hash = hash_step(hash, load64(p + n - 8) >> (8 * (16 - n)));
            }
            for (size_t k = slot_of(hash, mask);; k = (k + 1) & mask) {
                const ng_spelling_slot *sl = &slots[k];
                if (sl->head == head && sl->len == n &&
                    (n <= 8 || load64(forms[sl->form].spelling + n - 8) == load64(p + n - 8))) {
                    t->start = (size_t)(p - text);
                    t->end = t->start + n;
                    memcpy(&t->norm, &forms[sl->form], FORM_FIELDS);
                    t->flags |= NG_TOKEN_WORD | joined;
                    t++;
                    joined = 0;
                    p += n; /* no apostrophe follows: no possessive */
                    if (p < e && *p == ' ') /* the usual space after a word */
                        p++;
                    break;
                }
                if (!sl->len)
                    goto general; /* a new spelling */
            }
            continue;
        }
        if (cls == BYTE_PUNCT && c != '-' && out->ascii[c]) {
            t->start = (size_t)(p - text);
            t->end = t->start + 1;
            memcpy(&t->norm, &forms[out->ascii[c] - 1], FORM_FIELDS);
            t++;
            joined = 0;
            p++;
            continue;
        }
    general:
        out->count = (size_t)(t - out->items);
        if (t_end - t < 2 && make_room(out) != 0)
            return NG_ERR_NOMEM;
        unsigned join = joined;
        size_t next = general_token(out, text, sentence.end, (size_t)(p - text), &join);
        if (next == SIZE_MAX)
            return NG_ERR_NOMEM;
        p = text + next;
        joined = join;
        t = out->items + out->count;
        t_end = out->items + out->cap;
        slots = out->slots;
        forms = out->forms;
        mask = out->slot_cap - 1;
    }
    out->count = (size_t)(t - out->items);
    if (out->count)
        out->items[0].flags |= NG_TOKEN_INITIAL;
    return 0;
}

void ng_tokens_free(ng_tokens *tokens)
{
    free(tokens->items);
    forget_forms(tokens);
    free(tokens->forms);
    tokens->items = NULL;
    tokens->forms = NULL;
    tokens->count = tokens->cap = tokens->form_cap = 0;
}

void ng_tokens_set_vocab(ng_tokens *tokens, const ng_strmap *vocab)
{
    tokens->vocab = vocab;
    for (size_t i = 0; i < tokens->form_count; i++)
        tokens->forms[i].vocab_id = vocab_id_of(vocab, &tokens->forms[i]);
}

int ng_token_is(const ng_tokens *tokens, size_t i, const char *word)
{
    return i < tokens->count && strcmp(tokens->items[i].norm, word) == 0;
}
