/* Counting the attributes of start tags before libxml2 parses them (see
 * xml_guard.h). */
#include "io/xml_guard.h"

#include <string.h>

enum { TEXT, TAG, VALUE, COMMENT, CDATA, PI };

/* Whether the last bytes seen, newest lowest in `last`, are `s`. */
static int ends_with(uint64_t last, const char *s)
{
    for (size_t i = strlen(s); i > 0; i--, last >>= 8)
        if ((unsigned char)s[i - 1] != (last & 0xff))
            return 0;
    return 1;
}

/* What a start tag's name may begin with (ASCII letters, '_', ':', and
 * any byte of a multibyte UTF-8 character). */
static int starts_name(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c >= 0x80;
}

/* The state after byte c in TEXT, `last` ending with it. */
static int after_text(uint64_t last, unsigned char c)
{
    switch (c) {
    case '-': return ends_with(last, "<!--") ? COMMENT : TEXT;
    case '[': return ends_with(last, "![CDATA[") ? CDATA : TEXT;
    case '?': return ends_with(last, "<?") ? PI : TEXT;
    }
    return (last >> 8 & 0xff) == '<' && starts_name(c) ? TAG : TEXT;
}

static int step(ng_xml_guard *g, unsigned char c)
{
    g->last = (g->last << 8) | c;
    switch (g->state) {
    case TEXT:
        g->state = after_text(g->last, c);
        g->attributes = 0;
        break;
    case TAG:
        if (c == '"' || c == '\'') {
            g->quote = c;
            g->state = VALUE;
        } else if (c == '=' && ++g->attributes > NG_XML_MAX_ATTRIBUTES) {
            return -1;
        } else if (c == '>') {
            g->state = TEXT;
        }
        break;
    case VALUE:
        if (c == g->quote)
            g->state = TAG;
        break;
    case COMMENT:
        if (ends_with(g->last, "-->"))
            g->state = TEXT;
        break;
    case CDATA:
        if (ends_with(g->last, "]]>"))
            g->state = TEXT;
        break;
    case PI:
        if (ends_with(g->last, "?>"))
            g->state = TEXT;
        break;
    }
    return 0;
}

int ng_xml_guard_scan(ng_xml_guard *g, const char *bytes, size_t n)
{
    if (g->line == 0)
        g->line = 1;
    for (size_t i = 0; i < n; i++) {
        if (bytes[i] == '\n')
            g->line++;
        if (step(g, (unsigned char)bytes[i]) != 0)
            return -1;
    }
    return 0;
}
