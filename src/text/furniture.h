/* Recognising page furniture: the parts of a saved web page that are not
 * the article (ads, navigation, share buttons, bylines, copyright lines,
 * lists of other headlines). */
#ifndef NG_TEXT_FURNITURE_H
#define NG_TEXT_FURNITURE_H

#include <stddef.h>

/* Whether one line (without its newline) is furniture. The rules are
 * about the shape of a line, not a list of known lines: short labels made
 * only of furniture words, numbers and dates, without final punctuation
 * ("Advertisement", "Continue Reading", "Connect with us", "Share on
 * Facebook", "Trending", a lone "World", "Published", "on" or "By");
 * lines without letters ("-"); copyright and cookie notices; bylines ("By
 * Name Name") and credits ("Photo: ...", "Reporting by ..."); link lists
 * ("Tags: ...", "Read more: ..."); headline list items ending in a
 * relative time ("- 5 mins ago"). Headlines and short sentences are kept.
 * `line` is normalised text (see normalize.h). */
int ng_furniture_line(const char *line, size_t n);

/* Overwrites every furniture line of text[0..n) with spaces, keeping the
 * newlines, so byte offsets do not move and the removed line becomes a
 * paragraph break. Returns the number of lines blanked. */
size_t ng_furniture_blank(char *text, size_t n);

#endif
