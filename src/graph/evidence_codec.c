/* The byte form of an evidence record (see evidence_codec.h): varints in
 * the order below, then the sentence with its NUL, so that a decoded
 * record can point at the sentence where it lies. */
#include "graph/evidence_codec.h"

#include <string.h>

#include "util/varint.h"

int ng_evidence_encode(ng_buf *out, uint32_t edge, const ng_evidence *ev,
                       const ng_evidence_atoms *atoms)
{
    size_t text_len = ev->text ? strlen(ev->text) + 1 : 0; /* with its NUL */
    const uint64_t fields[] = {
        edge,
        atoms->doc,
        ng_zigzag(ev->sentence),
        ng_zigzag(ev->start),
        ng_zigzag(ev->end),
        atoms->trigger,
        (uint64_t)ev->modality,
        atoms->date,
        atoms->place,
        atoms->item,
        text_len,
    };
    enum { FIELDS = sizeof fields / sizeof fields[0] };
    /* Room for the longest head and the text, so both are written in
     * place, with one check of the buffer's room. */
    if (ng_buf_reserve(out, FIELDS * NG_VARINT_MAX + text_len) != 0)
        return NG_ERR_NOMEM;
    unsigned char *p = (unsigned char *)out->data + out->len;
    size_t len = 0;
    for (size_t i = 0; i < FIELDS; i++)
        len += ng_varint_encode(fields[i], p + len);
    if (text_len)
        memcpy(p + len, ev->text, text_len);
    out->len += len + text_len;
    out->data[out->len] = '\0'; /* a buffer stays a C string (reserve left room) */
    return 0;
}

/* Reads an atom number plus one into a string (NULL for 0). */
static int get_atom(const char **p, const char *end, const char *const *atoms,
                    size_t atom_count, const char **out)
{
    uint64_t v;
    if (ng_varint_get(p, end, &v) != 0 || v > atom_count)
        return -1;
    *out = v ? atoms[v - 1] : NULL;
    return 0;
}

static int get_signed(const char **p, const char *end, long long *out)
{
    uint64_t v;
    if (ng_varint_get(p, end, &v) != 0)
        return -1;
    *out = ng_unzigzag(v);
    return 0;
}

int ng_evidence_decode(const char *bytes, size_t n, const char *const *atoms,
                       size_t atom_count, uint32_t *edge, ng_evidence *out)
{
    const char *p = bytes, *end = bytes + n;
    uint64_t number, modality, text_len;
    long long sentence;
    memset(out, 0, sizeof *out);
    if (ng_varint_get(&p, end, &number) != 0 || number > UINT32_MAX ||
        get_atom(&p, end, atoms, atom_count, &out->doc) != 0 || !out->doc ||
        get_signed(&p, end, &sentence) != 0 || get_signed(&p, end, &out->start) != 0 ||
        get_signed(&p, end, &out->end) != 0 ||
        get_atom(&p, end, atoms, atom_count, &out->trigger) != 0 ||
        ng_varint_get(&p, end, &modality) != 0 || modality >= NG_MODALITY_COUNT ||
        get_atom(&p, end, atoms, atom_count, &out->date) != 0 ||
        get_atom(&p, end, atoms, atom_count, &out->place) != 0 ||
        get_atom(&p, end, atoms, atom_count, &out->item) != 0 ||
        ng_varint_get(&p, end, &text_len) != 0 || text_len != (uint64_t)(end - p) ||
        (text_len && p[text_len - 1] != '\0'))
        return -1;
    *edge = (uint32_t)number;
    out->sentence = (long)sentence;
    out->modality = (ng_modality)modality;
    out->text = text_len ? p : NULL;
    return 0;
}
