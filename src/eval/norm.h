/* The key under which the scorer compares names.
 *
 * This is the reference scorer's norm(), rule for rule, because a
 * system node matches a gold entity exactly when their keys are equal and
 * the figures must be the reference's figures. It is deliberately not
 * ng_name_fold (util/names.h): it keeps diacritics, drops a possessive
 * "'s", turns punctuation into spaces and drops a leading "the ". */
#ifndef NG_EVAL_NORM_H
#define NG_EVAL_NORM_H

#include <stddef.h>

#include "util/buf.h"

/* Replaces the contents of `out` with the key of the UTF-8 name
 * s[0..len):
 *
 *   1. NFKC, then full Unicode case folding;
 *   2. U+2018 and U+2019 become ';
 *   3. '-', '_' and U+2010..U+2015 become spaces;
 *   4. "'s" is dropped where no word character follows it;
 *   5. everything but word characters (letters and numbers of any script,
 *      as Python's \w; combining marks are not word characters) and ' is
 *      a space;
 *   6. runs of spaces become one, and leading and trailing ones go;
 *   7. one leading "the " is dropped.
 *
 * Returns 0, NG_ERR_ENCODING if `s` is not valid UTF-8, or NG_ERR_NOMEM. */
int ng_norm_name(const char *s, size_t len, ng_buf *out);

#endif
