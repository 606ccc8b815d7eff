/* Splitting normalised text into sentences. */
#ifndef NG_TEXT_SENTENCE_H
#define NG_TEXT_SENTENCE_H

#include <stddef.h>

/* A half-open byte range [start, end) of the text, trimmed of surrounding
 * white space. */
typedef struct ng_span {
    size_t start;
    size_t end;
} ng_span;

/* Finds the next sentence of text[0..n) at or after *pos. Returns 1 and
 * fills *out (and moves *pos past it), or 0 when only white space is left.
 *
 * A sentence ends at '.', '!' or '?' (with any closing quotes and brackets
 * after it) followed by white space and something that can start a
 * sentence, at a blank line, and at a line break unless the next line
 * continues the sentence (it starts with a lower-case letter and this line
 * has no closing punctuation). A headline line without final punctuation
 * is a sentence of its own. Not sentence ends: abbreviations and titles
 * (Mr., Mrs., Dr., Gov., Gen., Sen., St., Jan., Feb., ..., e.g., etc.
 * followed by a lower-case word), initials ("J. R. R. Tolkien", "U.S.",
 * "U.N."), decimals and amounts ("3.5", "A$110 million ($72.27 million)"),
 * and full stops inside quotes that the sentence goes on after. No
 * allocation; linear in the length of the text. */
int ng_sentence_next(const char *text, size_t n, size_t *pos, ng_span *out);

#endif
