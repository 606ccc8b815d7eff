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
} ng_token;

/* What a spelling always gives, whatever the sentence around it. */
typedef struct ng_word_form {
    const char *norm;
    unsigned case_flags; /* NG_TOKEN_CAPITAL, _UPPER, _NUMBER */
    unsigned lex;
    uint32_t norm_len, norm_hash;
} ng_word_form;

/* The tokens of one sentence. Zero-initialise; reuse across sentences;
 * release with ng_tokens_free. Token norms stay valid until the next
 * ng_tokenize on the same list. */
typedef struct ng_tokens {
    ng_token *items;
    size_t count, cap;
    /* News repeats its words, so each spelling is folded and classified
     * once: spelling -> 1 + index into forms, strings in `strings`. */
    ng_strmap spellings;
    ng_word_form *forms;
    size_t form_count, form_cap;
    ng_intern strings;
} ng_tokens;

/* Replaces the contents of `out` with the tokens of text[sentence).
 * A word is a run of letters, digits and marks, with an apostrophe inside
 * ("didn't"), a decimal point or thousands separator inside a number
 * ("72.27", "11,000") and the full stops of an acronym ("U.S."). A hyphen
 * between two words is not a token: the second word is NG_TOKEN_JOINED.
 * A possessive 's is a token of its own. Returns 0 or NG_ERR_NOMEM. */
int ng_tokenize(const char *text, ng_span sentence, ng_tokens *out);

void ng_tokens_free(ng_tokens *tokens);

/* Whether token i is a word whose folded form is `word`. */
int ng_token_is(const ng_tokens *tokens, size_t i, const char *word);

#endif
