#include "utf8.h"

#include <stdint.h>
#include <string.h>

size_t ng_utf8_sequence_length(const unsigned char *p, size_t n)
{
    if (n == 0)
        return 0;
    unsigned char c = p[0], lo = 0x80, hi = 0xBF;
    size_t len;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (n < len || p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

/* Whether all eight bytes of w are in 0x20..0x7E. For a byte b < 0x80,
 * b + 0x60 sets the top bit exactly when b >= 0x20, and b + 1 sets it
 * exactly when b == 0x7F; neither sum carries into the next byte, so one
 * addition tests all eight bytes. */
static int all_printable(uint64_t w)
{
    const uint64_t top = 0x8080808080808080u;
    if (w & top)
        return 0; /* not ASCII */
    uint64_t at_least_space = w + 0x6060606060606060u;
    uint64_t del = w + 0x0101010101010101u;
    return (at_least_space & ~del & top) == top;
}

size_t ng_ascii_printable_prefix(const unsigned char *p, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (!all_printable(w))
            break;
    }
    while (i < n && p[i] >= 0x20 && p[i] < 0x7F)
        i++;
    return i;
}
