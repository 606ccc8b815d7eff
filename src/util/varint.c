#include "util/varint.h"

size_t ng_varint_encode(uint64_t v, unsigned char *out)
{
    size_t n = 0;
    while (v >= 0x80) {
        out[n++] = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    out[n++] = (unsigned char)v;
    return n;
}

int ng_varint_put(ng_buf *buf, uint64_t v)
{
    unsigned char bytes[NG_VARINT_MAX];
    return ng_buf_append(buf, bytes, ng_varint_encode(v, bytes));
}

int ng_varint_get(const char **p, const char *end, uint64_t *v)
{
    uint64_t value = 0;
    for (unsigned shift = 0; shift < 64 && *p < end; shift += 7) {
        unsigned char byte = (unsigned char)*(*p)++;
        value |= (uint64_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            *v = value;
            return 0;
        }
    }
    return -1;
}
