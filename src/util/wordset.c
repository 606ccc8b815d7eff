#include "wordset.h"

#include <string.h>

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)
#define MASK ((1u << NG_WORDSET_BITS) - 1)

/* w lower-cased, for a w of ASCII bytes: b + 0x3F sets the top bit of a
 * byte b when b >= 'A', b + 0x25 when b > 'Z', and neither carries. */
static uint64_t ascii_lower_word(uint64_t w)
{
    uint64_t upper = (w + ONES * (0x80 - 'A')) & ~(w + ONES * (0x80 - 'Z' - 1)) & HIGHS;
    return w | upper >> 2;
}

/* The key of s[0..n) in *lo, *hi; 0 when it cannot be listed: empty,
 * longer than NG_WORDSET_KEY_MAX, or not ASCII in a set that folds. */
static int make_key(const ng_wordset *set, const char *s, size_t n, uint64_t *lo, uint64_t *hi)
{
    if (n == 0 || n > NG_WORDSET_KEY_MAX)
        return 0;
    unsigned char bytes[NG_WORDSET_KEY_MAX] = {0};
    memcpy(bytes, s, n);
    memcpy(lo, bytes, 8);
    memcpy(hi, bytes + 8, 8);
    if (!set->fold)
        return 1;
    if ((*lo | *hi) & HIGHS)
        return 0;
    *lo = ascii_lower_word(*lo);
    *hi = ascii_lower_word(*hi);
    return 1;
}

static size_t slot_of(uint64_t lo, uint64_t hi)
{
    uint64_t h = (lo ^ (hi * 0xc2b2ae3d27d4eb4fu)) * 0x9e3779b97f4a7c15u;
    return (size_t)(h >> (64 - NG_WORDSET_BITS));
}

void ng_wordset_add(ng_wordset *set, const char *const *list, size_t count, uint32_t bits)
{
    for (size_t i = 0; i < count; i++) {
        uint64_t lo, hi;
        size_t len = strlen(list[i]);
        if (!make_key(set, list[i], len, &lo, &hi))
            continue; /* cannot happen for the lists of the text stage */
        size_t at = slot_of(lo, hi);
        while (set->slots[at].lo != 0 && (set->slots[at].lo != lo || set->slots[at].hi != hi))
            at = (at + 1) & MASK;
        set->slots[at].lo = lo;
        set->slots[at].hi = hi;
        set->slots[at].bits |= bits;
        if (len > set->longest)
            set->longest = len;
    }
}

uint32_t ng_wordset_bits(const ng_wordset *set, const char *s, size_t n)
{
    uint64_t lo, hi;
    if (n > set->longest || !make_key(set, s, n, &lo, &hi))
        return 0;
    for (size_t at = slot_of(lo, hi);; at = (at + 1) & MASK) {
        const ng_wordset_slot *slot = &set->slots[at];
        if (slot->lo == lo && slot->hi == hi)
            return slot->bits;
        if (slot->lo == 0)
            return 0;
    }
}
