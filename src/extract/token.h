/* Splitting a sentence into tokens: words, numbers and punctuation, each
 * with its span in the document text and a folded form for matching. */
#ifndef NG_EXTRACT_TOKEN_H
#define NG_EXTRACT_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "graph/intern.h"
#include "text/sentence.h"
#include "util/buf.h"
#include "util/strmap.h"

enum ng_token_flag {
    NG_TOKEN_WORD = 1u << 0,       /* letters or digits, not punctuation */
    NG_TOKEN_CAPITAL = 1u << 1,    /* starts with an upper-case letter */
    NG_TOKEN_UPPER = 1u << 2,      /* two or more letters, all upper case ("US", "NATO") */
    NG_TOKEN_NUMBER = 1u << 3,     /* starts with a digit */
    NG_TOKEN_JOINED = 1u << 4,     /* joined to the previous token by a hyphen */
    NG_TOKEN_POSSESSIVE = 1u << 5, /* the 's (or lone ') of a possessive */
    NG_TOKEN_INITIAL = 1u << 6     /* the first token of the sentence */
};

typedef struct ng_token {
    size_t start, end; /* byte span in the document's text */
    const char *norm;  /* folded form (ng_name_fold), borrowed from the list */
    unsigned flags;
    unsigned lex;      /* the word classes of norm (ng_lex_classes) */
    /* strlen(norm) and ng_strmap_hash(norm): the gazetteer looks every
     * token up by its norm, and these come with the spelling's memo. */
    uint32_t norm_len, norm_hash;
    /* The id of norm in the list's vocabulary (ng_tokens_set_vocab), 0 if
     * it has none: the gazetteer walks its phrases by these ids, looked
     * up once per spelling rather than once per token. */
    uint32_t vocab_id;
} ng_token;

/* What a spelling always gives, whatever the sentence around it. The
 * first six fields are laid out as the matching ones of ng_token, so
 * that a token takes them in a few moves. */
typedef struct ng_word_form {
    const char *norm;
    unsigned case_flags; /* NG_TOKEN_CAPITAL, _UPPER, _NUMBER */
    unsigned lex;
    uint32_t norm_len, norm_hash;
    uint32_t vocab_id;
    const char *spelling; /* the bytes of the text, a key of the cache */
} ng_word_form;

/* A slot of the spelling cache: the spelling's first eight bytes (as a
 * little-endian number, zero-padded) and its length, which settle most
 * comparisons without reading the spelling itself. */
typedef struct ng_spelling_slot {
    uint64_t head;
    uint32_t len;  /* 0: empty (no spelling is empty) */
    uint32_t form; /* index into forms */
} ng_spelling_slot;

/* The tokens of one sentence. Zero-initialise; reuse across sentences;
 * release with ng_tokens_free. Token norms stay valid until the next
 * ng_tokenize on the same list. */
typedef struct ng_tokens {
    ng_token *items;
    size_t count, cap;
    /* News repeats its words, so each spelling is folded and classified
     * once: an open-addressed table from spelling to index into forms,
     * strings in `strings`; one-byte punctuation goes straight through
     * `ascii`. */
    ng_spelling_slot *slots;
    size_t slot_cap; /* a power of two, or 0 */
    ng_word_form *forms;
    size_t form_count, form_cap;
    uint32_t ascii[128]; /* 1 + index into forms of a one-byte token; 0: not yet */
    ng_intern strings;
    /* Norms to number: a form whose norm is a key takes its value (a
     * uintptr_t id, not 0) as vocab_id. Borrowed; NULL: none. */
    const ng_strmap *vocab;
} ng_tokens;

/* Replaces the contents of `out` with the tokens of text[sentence).
 * A word is a run of letters, digits and marks, with an apostrophe inside
 * ("didn't"), a decimal point or thousands separator inside a number
 * ("72.27", "11,000") and the full stops of an acronym ("U.S."). A hyphen
 * between two words is not a token: the second word is NG_TOKEN_JOINED.
 * A possessive 's is a token of its own. Returns 0 or NG_ERR_NOMEM. */
int ng_tokenize(const char *text, ng_span sentence, ng_tokens *out);

void ng_tokens_free(ng_tokens *tokens);

/* Makes `vocab` (or none, if NULL) the list's vocabulary and renumbers
 * the spellings cached so far: tokens made from now on carry its ids.
 * Call it again whenever the map changes, or before it is freed. */
void ng_tokens_set_vocab(ng_tokens *tokens, const ng_strmap *vocab);

/* Whether token i is a word whose folded form is `word`. */
int ng_token_is(const ng_tokens *tokens, size_t i, const char *word);

#endif
