/* Normalising raw document bytes into the text the analysis reads. */
#ifndef NG_TEXT_NORMALIZE_H
#define NG_TEXT_NORMALIZE_H

#include <stddef.h>

#include "util/buf.h"

/* What normalisation had to repair, for the reader's warnings. */
typedef struct ng_normalize_report {
    size_t invalid_bytes;       /* bytes that were not valid UTF-8 */
    size_t first_invalid;       /* offset in raw of the first one */
    size_t control_chars;       /* NUL and other control characters */
    size_t first_control;       /* offset in raw of the first one */
} ng_normalize_report;

/* Normalises raw[0..n) into `text` (appended, NUL-terminated):
 *   - invalid UTF-8 sequences become U+FFFD, one per maximal invalid
 *     subpart (as the Unicode standard recommends);
 *   - NUL and C0/C1 control characters other than \n and \t become a
 *     space; \r\n and lone \r become \n; \t becomes a space;
 *   - the result is NFC (a run of more than 127 combining marks, which no
 *     text has, is normalised in pieces so that time stays linear);
 *   - typographic quotes (U+2018 to U+201F, guillemets) become ' and ",
 *     dashes and minus signs (U+2010 to U+2015, U+2212) become '-',
 *     non-breaking and other Unicode spaces become ' ', line and paragraph
 *     separators '\n', zero-width characters, bidi formatting marks, soft
 *     hyphens and the BOM vanish, and U+2026 becomes "...".
 * `origin` (an array of size_t, grown with ng_array_grow; *origin_cap is
 * its capacity) receives, for every byte the call appends at text->data[i],
 * origin[i] = the offset in raw of the input character that produced it
 * (for characters that NFC changed, of the first byte of the run it
 * changed), plus one final entry equal to n; so origin has text->len + 1
 * valid entries when the call returns. Entries below the initial text->len
 * are left alone.
 * `report` may be NULL. Returns 0 or NG_ERR_NOMEM. Linear in n. */
int ng_normalize(const char *raw, size_t n, ng_buf *text, size_t **origin,
                 size_t *origin_cap, ng_normalize_report *report);

#endif
