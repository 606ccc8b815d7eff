/* UTF-8 as RFC 3629 defines it, for the readers that check their input
 * byte by byte. */
#ifndef NG_UTIL_UTF8_H
#define NG_UTIL_UTF8_H

#include <stddef.h>

/* The length (2 to 4) of the well-formed multi-byte sequence at p[0..n),
 * or 0 if there is none: overlong forms, surrogates and values above
 * U+10FFFF are excluded by the range allowed for the second byte. ASCII
 * bytes give 0 too; callers handle them first. */
size_t ng_utf8_sequence_length(const unsigned char *p, size_t n);

/* How many bytes p[0..n) starts with that are printable ASCII (0x20 to
 * 0x7E) or '\n': the plain text that the readers copy or count without
 * looking further, a line feed included so that a scan of a document
 * does not stop at every line. 16 or 8 bytes at a time. */
size_t ng_ascii_text_prefix(const unsigned char *p, size_t n);

#endif
