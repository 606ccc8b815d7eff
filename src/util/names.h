/* Folding names for comparison, and turning labels into ids. */
#ifndef NG_UTIL_NAMES_H
#define NG_UTIL_NAMES_H

#include <stddef.h>

#include "buf.h"

/* Appends to `out` the comparison key of a name: Unicode case folding,
 * NFKC, typographic apostrophes folded to ', hyphens, dashes, underscores
 * and white space collapsed to one space, trimmed. "Kim Jong-un" and
 * "kim  jong un" give the same key. Invalid UTF-8 bytes are dropped.
 * Returns 0 or NG_ERR_NOMEM. */
int ng_name_fold(const char *name, size_t len, ng_buf *out);

/* Appends to `out` the slug of a label: case-folded letters and digits of
 * any script, every other run of characters turned into one '-', with
 * apostrophes and full stops dropped ("U.S." -> "us", "Russia's" ->
 * "russias"), a plus sign spelled as the word "plus" ("OPEC+" ->
 * "opec-plus"), no leading or trailing '-'. Empty if the label has no letter
 * or digit. Returns 0 or NG_ERR_NOMEM. */
int ng_name_slug(const char *label, size_t len, ng_buf *out);

/* Whether a and b are equal ignoring ASCII case. Unlike strcasecmp, it
 * does not follow the locale (a Turkish one would not match "JSON" with
 * "json"), which is what names of formats and layouts want. */
int ng_ascii_equal_nocase(const char *a, const char *b);

/* The extension of the file name at the end of `path`, from its last
 * full stop ("graph.json" -> ".json"), or NULL if it has none. Borrowed
 * from path. */
const char *ng_path_extension(const char *path);

#endif
