/* A small fixed set of short words, each with the bits of the lists that
 * hold it: the text stage asks of many words whether they are in one of a
 * dozen lists, and one probe of this set answers for all of them.
 *
 * A word of up to NG_WORDSET_KEY_MAX bytes is its bytes zero-padded into
 * two 64-bit numbers; no listed word holds a NUL byte, so the padding is
 * unambiguous. Fill a set once (ng_wordset_add, for instance under
 * call_once), then read it from any thread. */
#ifndef NG_UTIL_WORDSET_H
#define NG_UTIL_WORDSET_H

#include <stddef.h>
#include <stdint.h>

#define NG_WORDSET_KEY_MAX 16
/* The slots: open addressing, and the sets hold a few hundred words. */
#define NG_WORDSET_BITS 10

typedef struct ng_wordset_slot {
    uint64_t lo, hi; /* the key; lo == 0: empty */
    uint32_t bits;
} ng_wordset_slot;

/* Zero-initialise; `fold` is set before the first word is added. */
typedef struct ng_wordset {
    int fold; /* keys lower-cased, ASCII words only (others are in no list) */
    size_t longest;
    ng_wordset_slot slots[1u << NG_WORDSET_BITS];
} ng_wordset;

/* Adds the `count` words of `list` (NUL-terminated, at most
 * NG_WORDSET_KEY_MAX bytes, lower-case when the set folds) with `bits`.
 * A word already there gains the bits. */
void ng_wordset_add(ng_wordset *set, const char *const *list, size_t count, uint32_t bits);
/* ng_wordset_add of a whole static array of words. */
#define NG_WORDSET_ADD(set, list, bits) \
    ng_wordset_add((set), (list), sizeof(list) / sizeof *(list), (bits))

/* The bits of s[0..n) (lower-cased first when the set folds); 0 when it is
 * in no list. */
uint32_t ng_wordset_bits(const ng_wordset *set, const char *s, size_t n);

#endif
