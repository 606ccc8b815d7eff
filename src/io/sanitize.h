/* The one sanitiser every exporter passes its strings through. */
#ifndef NG_IO_SANITIZE_H
#define NG_IO_SANITIZE_H

#include <stddef.h>

#include "util/buf.h"

/* Appends to `out` a copy of s[0..n) that is safe in every output format:
 * valid UTF-8 (each invalid sequence becomes U+FFFD); C0 and C1 control
 * characters (tab, newline and carriage return included) and DEL become
 * a space; the characters XML 1.0 forbids (U+FFFE, U+FFFF, unpaired
 * surrogates) become U+FFFD; bidirectional overrides and isolates
 * (U+202A..U+202E, U+2066..U+2069) are dropped, so a label cannot reverse
 * the text around it. Everything else, quotes, backslashes, '&', '<' and
 * non-Latin scripts included, is kept as is: escaping is each format's
 * job. Returns 0 or NG_ERR_NOMEM. */
int ng_sanitize(const char *s, size_t n, ng_buf *out);

/* The same rules one character at a time, for writers that escape as
 * they go: decodes the character (or ill-formed sequence) at s[0..n),
 * n > 0, returns its length in bytes and sets *sub to NULL when it is
 * kept as it is, else to what replaces it (static; "" when it is
 * dropped). */
size_t ng_sanitize_char(const char *s, size_t n, const char **sub);

/* Clears `scratch`, sanitises the C string s into it and returns its
 * contents (borrowed from scratch); NULL if out of memory. s may be NULL,
 * giving "". */
const char *ng_sanitize_str(ng_buf *scratch, const char *s);

#endif
