/* The GraphML loader, through libxml2's streaming xmlTextReader, so that
 * memory follows the size of the graph, not of the file.
 *
 * Keys are matched by domain and attr.name, never by id, so that the files
 * of other tools load as well as those of graphml_write.c:
 *
 *   node name    "label", else "name" (igraph), else the text of yEd's
 *                <y:NodeLabel> in a key with yfiles.type="nodegraphics",
 *                else the XML id (NetworkX uses names as ids)
 *   entity id    "entity_id" (ours); without one, the entity is found or
 *                made by name and type as extraction does, so two nodes of
 *                one name and type become one entity
 *   entity type  "type", else "kind", if it names an entity type; any
 *                other node is an organisation, the most general actor
 *   relation     "relation", else "label" (ours, Neo4j's), else "type",
 *                else the text of yEd's <y:EdgeLabel>. A name that is not
 *                one of the four relations is an error naming its line;
 *                an edge with none is `meets`, the symmetric relation,
 *                which claims the least
 *   graph label  "label", else "name" (NetworkX), of the outermost graph
 *   the rest     modality, weight, evidence, trigger, docs and items on
 *                edges, aliases, mentions and docs on nodes, as
 *                graphml_write.c writes them. An edge without a weight
 *                stands for one report, without a modality for an
 *                assertion; see loader.h for how the summary becomes
 *                evidence records, and how parallel edges (NetworkX's
 *                multigraphs) add up.
 *
 * Every value is checked against its key's attr.type; NaN, igraph's
 * missing number, counts as no value. Node ids must be unique; edge ids
 * need not be, as NetworkX repeats them. Nested graphs (yEd's groups) add
 * their nodes to the one graph; hyperedges are refused. GraphML lets an
 * edge come before its nodes, so edges are kept aside (their strings in
 * one arena) and added in document order at the end.
 *
 * Hostile input: the parser never uses the network, never loads a DTD and
 * never substitutes declared entities. A DOCTYPE that declares anything
 * (entities, for XXE or billion laughs) is refused, and so is any entity
 * reference left in the content. libxml2's limits stay on (no
 * XML_PARSE_HUGE, under which a huge attribute value takes quadratic
 * time): a text or attribute value over 10 MB, or nesting over 256
 * levels, fails with NG_ERR_LIMIT as soon as it is seen, and so does an
 * element with over 10,000 attributes, whose duplicate check in libxml2
 * takes quadratic time (xml_guard.h). */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "io/format.h"
#include "io/loader.h"
#include "io/xml_guard.h"
#include "util/buf.h"
#include "util/fail.h"
#include "util/strmap.h"

#define GRAPHML_NS "http://graphml.graphdrawing.org/xmlns"
#define YWORKS_NS "http://www.yworks.com/xml/graphml"

/* Graphs nested in nodes deeper than this are refused; it bounds the
 * recursion of read_graph, well inside libxml2's 256 levels. */
#define MAX_NESTING 64

/* CDATA sections come as plain text; line numbers past 65535 stay exact. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

#define NO_STRING SIZE_MAX

enum { DOMAIN_GRAPH, DOMAIN_NODE, DOMAIN_EDGE, DOMAIN_COUNT };

/* What a value means, grouped by the domain it belongs to. */
typedef enum key_role {
    R_NONE,
    R_GRAPH_LABEL,
    R_GRAPH_NAME,
    R_LABEL,
    R_NAME,
    R_YED_NODE_LABEL,
    R_ENTITY_ID,
    R_TYPE,
    R_KIND,
    R_ALIASES,
    R_MENTIONS,
    R_NODE_DOCS,
    R_RELATION,
    R_EDGE_LABEL,
    R_EDGE_TYPE,
    R_YED_EDGE_LABEL,
    R_MODALITY,
    R_WEIGHT,
    R_EVIDENCE,
    R_DOCS,
    R_ITEMS,
    R_TRIGGER,
    ROLE_COUNT
} key_role;

/* The first role of each domain, and the end of the last. */
static const key_role domain_roles[DOMAIN_COUNT + 1] = {R_GRAPH_LABEL, R_LABEL, R_RELATION,
                                                    ROLE_COUNT};

typedef struct role_name {
    int domain;
    const char *name; /* attr.name, ASCII case ignored */
    key_role role;
} role_name;

static const role_name role_names[] = {
    {DOMAIN_GRAPH, "label", R_GRAPH_LABEL}, {DOMAIN_GRAPH, "name", R_GRAPH_NAME},
    {DOMAIN_NODE, "label", R_LABEL},
    {DOMAIN_NODE, "name", R_NAME},          {DOMAIN_NODE, "entity_id", R_ENTITY_ID},
    {DOMAIN_NODE, "type", R_TYPE},          {DOMAIN_NODE, "kind", R_KIND},
    {DOMAIN_NODE, "aliases", R_ALIASES},    {DOMAIN_NODE, "mentions", R_MENTIONS},
    {DOMAIN_NODE, "docs", R_NODE_DOCS},     {DOMAIN_EDGE, "relation", R_RELATION},
    {DOMAIN_EDGE, "label", R_EDGE_LABEL},   {DOMAIN_EDGE, "type", R_EDGE_TYPE},
    {DOMAIN_EDGE, "modality", R_MODALITY},  {DOMAIN_EDGE, "weight", R_WEIGHT},
    {DOMAIN_EDGE, "evidence", R_EVIDENCE},  {DOMAIN_EDGE, "docs", R_DOCS},
    {DOMAIN_EDGE, "items", R_ITEMS},        {DOMAIN_EDGE, "trigger", R_TRIGGER},
};

/* The candidates for one meaning, best first, ended by R_NONE. */
static const key_role graph_label_roles[] = {R_GRAPH_LABEL, R_GRAPH_NAME, R_NONE};
static const key_role name_roles[] = {R_LABEL, R_NAME, R_YED_NODE_LABEL, R_NONE};
static const key_role type_roles[] = {R_TYPE, R_KIND, R_NONE};
static const key_role relation_roles[] = {R_RELATION, R_EDGE_LABEL, R_EDGE_TYPE, R_YED_EDGE_LABEL,
                                      R_NONE};

typedef enum value_type { V_STRING, V_INTEGER, V_NUMBER, V_BOOLEAN } value_type;

typedef struct graphml_key {
    char *id;
    value_type type;
    key_role roles[DOMAIN_COUNT]; /* what its values mean on each kind of element */
    char *default_value;      /* NULL if none */
    long line;
} graphml_key;

enum { FROM_NONE, FROM_DEFAULT, FROM_DATA };

/* The values of the graph, node or edge being read, by role. */
typedef struct item_values {
    ng_buf value[ROLE_COUNT];
    unsigned char from[ROLE_COUNT];
    long line[ROLE_COUNT]; /* of the <data> or <key> that gave it */
} item_values;

/* An edge read but not added yet; strings are offsets into the arena. */
typedef struct pending_edge {
    size_t id, source, target, text, trigger, docs, items;
    ng_relation relation;
    ng_modality modality;
    size_t weight;
    long line;
} pending_edge;

/* The first error libxml2 reported. */
typedef struct xml_failure {
    int reported;
    int code;
    long line, column;
    char message[NG_ERROR_TEXT_SIZE];
} xml_failure;

typedef struct graphml_reader {
    xmlTextReaderPtr xml;
    FILE *in;
    int read_errno;  /* set when reading `in` failed */
    int read_nothing; /* `in` ended before its first byte */
    ng_xml_guard guard; /* counts the attributes of each start tag read */
    int guard_tripped;  /* the read stopped at a tag with too many */
    xml_failure failure;
    ng_graph *graph;
    const char *source;
    ng_error *err;
    graphml_key **keys;
    size_t key_count, key_cap;
    ng_strmap key_by_id; /* borrows the ids of `keys` */
    const graphml_key *default_of[ROLE_COUNT];
    ng_strmap node_by_id; /* owns its keys (XML ids); values are entities */
    item_values item;
    pending_edge *edges;
    size_t edge_count, edge_cap;
    ng_buf arena;
    ng_buf text, label, scratch;
    ng_buf quote[2]; /* two values quoted in one message */
} graphml_reader;

/* --- reporting ------------------------------------------------------------ */

/* Fails with `status` at `line` (0 if unknown). */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int fail_at(graphml_reader *r, ng_status status, long line, const char *fmt, ...)
{
    char text[NG_ERROR_TEXT_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    ng_fail(r->err, status, r->source, "%s", text);
    ng_fail_at(r->err, line > 0 ? line : 0, 0, -1);
    return status;
}

static int out_of_memory(graphml_reader *r)
{
    return ng_fail(r->err, NG_ERR_NOMEM, r->source, "out of memory");
}

/* The value quoted for a message, in quote buffer `which` (0 or 1). */
static const char *quoted(graphml_reader *r, int which, const char *s)
{
    return ng_loader_quote(&r->quote[which], s ? s : "");
}

/* The line of the current node: libxml2 keeps each node's own line,
 * while its parser's line runs ahead of the reader. */
static long line_here(graphml_reader *r)
{
    xmlNodePtr node = xmlTextReaderCurrentNode(r->xml);
    long line = node ? xmlGetLineNo(node) : -1;
    return line > 0 ? line : xmlTextReaderGetParserLineNumber(r->xml);
}

/* A failure of the graph API: input it refuses is malformed input. */
static int refused(graphml_reader *r, long line, const char *what, const char *id,
                   const ng_error *gerr)
{
    if (gerr->status == NG_ERR_NOMEM)
        return out_of_memory(r);
    return fail_at(r, NG_ERR_PARSE, line, "%s %s: %s", what, quoted(r, 0, id), gerr->text);
}

/* Keeps the first error, at the parser's place in the file: the error's
 * own line is within an entity's text when the error is there. */
static void capture_error(void *context, xmlErrorPtr error)
{
    graphml_reader *r = context;
    xml_failure *f = &r->failure;
    if (f->reported || !error || error->level < XML_ERR_ERROR)
        return;
    f->reported = 1;
    f->code = error->code;
    f->line = xmlTextReaderGetParserLineNumber(r->xml);
    f->column = error->line == f->line ? error->int2 : 0; /* libxml2 keeps it in int2 */
    snprintf(f->message, sizeof f->message, "%s",
             error->message ? error->message : "unknown libxml2 error");
    f->message[strcspn(f->message, "\n")] = '\0'; /* its messages end in a newline */
}

/* libxml2 reports its size limits under the codes of whatever construct
 * hit them (out of memory for a huge text node, an internal error for a
 * huge attribute value), so only the messages tell them apart: "Huge
 * input lookup", "huge text node", "Name too long", "Comment too big
 * found", "Excessive depth in document", "... too deep". */
static int is_limit(const char *message)
{
    static const char *const marks[] = {"uge input", "uge text", "too long", "too big",
                                        "too deep", "xcessive depth"};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (strstr(message, marks[i]))
            return 1;
    return 0;
}

/* Reports why xmlTextReaderRead failed. */
static int xml_failed(graphml_reader *r)
{
    const xml_failure *f = &r->failure;
    if (r->guard_tripped)
        return fail_at(r, NG_ERR_LIMIT, r->guard.line, "too large to read: an element with "
                       "more than %d attributes", NG_XML_MAX_ATTRIBUTES);
    if (r->read_errno)
        return fail_at(r, NG_ERR_IO, 0, "cannot read: %s", strerror(r->read_errno));
    if (r->read_nothing) /* libxml2 would speak of "extra content" */
        return fail_at(r, NG_ERR_PARSE, 0, "the file is empty");
    if (!f->reported)
        return fail_at(r, NG_ERR_PARSE, xmlTextReaderGetParserLineNumber(r->xml),
                       "libxml2 cannot read the document");
    if (f->code == XML_ERR_NO_MEMORY && !is_limit(f->message))
        return out_of_memory(r);
    ng_status status = is_limit(f->message) ? NG_ERR_LIMIT : NG_ERR_PARSE;
    fail_at(r, status, f->line, "%s: %s",
            status == NG_ERR_LIMIT ? "too large to read" : "not well-formed XML", f->message);
    ng_fail_at(r->err, f->line > 0 ? f->line : 0, f->column > 0 ? f->column : 0, -1);
    return status;
}

/* --- moving through the document ------------------------------------------ */

static int read_input(void *context, char *buffer, int len)
{
    graphml_reader *r = context;
    size_t n = fread(buffer, 1, len > 0 ? (size_t)len : 0, r->in);
    if (n == 0 && ferror(r->in)) {
        r->read_errno = errno ? errno : EIO;
        return -1;
    }
    r->read_nothing &= n == 0;
    if (ng_xml_guard_scan(&r->guard, buffer, n) != 0) {
        r->guard_tripped = 1;
        return -1;
    }
    return (int)n;
}

/* A DOCTYPE may name an external DTD, which is never loaded, but may not
 * declare anything: GraphML needs no declarations, and entities can expand
 * without bound or read other files. libxml2 keeps no line for a DTD, and
 * its parser has read on, so the message names the DOCTYPE instead. */
static int check_doctype(graphml_reader *r)
{
    xmlNodePtr dtd = xmlTextReaderCurrentNode(r->xml);
    if (dtd && dtd->children)
        return fail_at(r, NG_ERR_PARSE, 0,
                       "the DOCTYPE declares entities or other markup, which GraphML "
                       "does not need and which are refused");
    return 1;
}

/* Moves to the next node of the document: 1, or 0 at its end, or a
 * negative status with err filled. */
static int next_node(graphml_reader *r)
{
    int rc = xmlTextReaderRead(r->xml);
    if (rc < 0)
        return xml_failed(r);
    if (rc == 0)
        return 0;
    switch (xmlTextReaderNodeType(r->xml)) {
    case XML_READER_TYPE_DOCUMENT_TYPE:
        return check_doctype(r);
    case XML_READER_TYPE_ENTITY_REFERENCE:
        return fail_at(r, NG_ERR_PARSE, line_here(r), "the entity reference &%s; is refused",
                       (const char *)xmlTextReaderConstLocalName(r->xml));
    default:
        return 1;
    }
}

/* Like next_node, where the document cannot end yet. */
static int next_inside(graphml_reader *r)
{
    int rc = next_node(r);
    if (rc == 0)
        return fail_at(r, NG_ERR_PARSE, xmlTextReaderGetParserLineNumber(r->xml),
                       "the document ends inside an element");
    return rc;
}

static int is_empty_element(graphml_reader *r)
{
    return xmlTextReaderIsEmptyElement(r->xml) == 1;
}

static int is_end_of(graphml_reader *r, int depth)
{
    return xmlTextReaderNodeType(r->xml) == XML_READER_TYPE_END_ELEMENT &&
           xmlTextReaderDepth(r->xml) == depth;
}

static int is_text(int type)
{
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
           type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* Whether the reader is on the element `name` in `ns`; GraphML elements
 * may also be in no namespace, as some writers leave it out. */
static int is_element(graphml_reader *r, const char *ns, const char *name)
{
    const xmlChar *uri = xmlTextReaderConstNamespaceUri(r->xml);
    const xmlChar *local = xmlTextReaderConstLocalName(r->xml);
    int ns_ok = uri ? xmlStrEqual(uri, BAD_CAST ns) : strcmp(ns, GRAPHML_NS) == 0;
    return ns_ok && local && xmlStrEqual(local, BAD_CAST name);
}

static int is_graphml(graphml_reader *r, const char *name)
{
    return is_element(r, GRAPHML_NS, name);
}

typedef int (*child_fn)(graphml_reader *r, void *context);

/* Calls `child` on each child element of the current element; text,
 * comments and processing instructions between them are passed over. */
static int each_child(graphml_reader *r, child_fn child, void *context)
{
    if (is_empty_element(r))
        return 0;
    int depth = xmlTextReaderDepth(r->xml);
    for (;;) {
        int rc = next_inside(r);
        if (rc < 0)
            return rc;
        if (is_end_of(r, depth))
            return 0;
        if (xmlTextReaderNodeType(r->xml) == XML_READER_TYPE_ELEMENT &&
            (rc = child(r, context)) != 0)
            return rc;
    }
}

static int ignore_child(graphml_reader *r, void *context)
{
    (void)r;
    (void)context;
    return 0;
}

/* Passes over the current element and everything in it, leaving the
 * reader on its last node, as every reading function does. */
static int skip_element(graphml_reader *r)
{
    return each_child(r, ignore_child, NULL);
}

/* A copy of the attribute `name` of the current element in *out (free
 * with free), or NULL when it has none. libxml2 answers NULL when out of
 * memory too, which can only make a later message less precise. */
static int get_attribute(graphml_reader *r, const char *name, char **out)
{
    xmlChar *value = xmlTextReaderGetAttribute(r->xml, BAD_CAST name);
    *out = NULL;
    if (!value)
        return 0;
    *out = ng_strndup((const char *)value, strlen((const char *)value));
    xmlFree(value);
    return *out ? 0 : out_of_memory(r);
}

/* --- values ----------------------------------------------------------------- */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static void trim(ng_buf *b)
{
    size_t start = 0;
    while (start < b->len && is_space(b->data[start]))
        start++;
    while (b->len > start && is_space(b->data[b->len - 1]))
        b->len--;
    if (b->data) {
        memmove(b->data, b->data + start, b->len - start);
        b->len -= start;
        b->data[b->len] = '\0';
    }
}

static int equal_nocase(const char *a, size_t n, const char *b)
{
    size_t i = 0;
    for (; i < n && b[i]; i++) {
        char ca = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] - 'A' + 'a') : a[i];
        if (ca != b[i])
            return 0;
    }
    return i == n && !b[i];
}

/* Digits from s[*i], at least one unless `optional`; advances *i. */
static int digits(const char *s, size_t n, size_t *i, int optional)
{
    size_t start = *i;
    while (*i < n && is_digit(s[*i]))
        (*i)++;
    return optional || *i > start;
}

static size_t sign_length(const char *s, size_t n)
{
    return n > 0 && (s[0] == '+' || s[0] == '-');
}

/* An xsd:double, written as C or Java would: "2", "-0.5", "1e-3", "NaN",
 * "INF". strtod would do, but it follows the locale's decimal point. */
static int is_number(const char *s, size_t n)
{
    size_t i = sign_length(s, n);
    if (equal_nocase(s + i, n - i, "nan") || equal_nocase(s + i, n - i, "inf") ||
        equal_nocase(s + i, n - i, "infinity"))
        return 1;
    size_t start = i;
    digits(s, n, &i, 1);
    int mantissa = i > start;
    if (i < n && s[i] == '.') {
        start = ++i;
        digits(s, n, &i, 1);
        mantissa |= i > start;
    }
    if (mantissa && i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        i += sign_length(s + i, n - i);
        return digits(s, n, &i, 0) && i == n;
    }
    return mantissa && i == n;
}

/* Whether s[0..n), trimmed, is a value of the type. */
static int fits_type(value_type type, const char *s, size_t n)
{
    size_t i = sign_length(s, n);
    switch (type) {
    case V_STRING:
        return 1;
    case V_INTEGER:
        return digits(s, n, &i, 0) && i == n;
    case V_NUMBER:
        return is_number(s, n);
    case V_BOOLEAN:
        return equal_nocase(s, n, "true") || equal_nocase(s, n, "false") ||
               equal_nocase(s, n, "1") || equal_nocase(s, n, "0");
    }
    return 0;
}

static const char *type_name(value_type type)
{
    static const char *const names[] = {"a string", "an integer", "a number", "a boolean"};
    return names[type];
}

static int check_type(graphml_reader *r, const graphml_key *key, const char *value, long line)
{
    const char *s = value;
    size_t n = strlen(s);
    while (n > 0 && is_space(*s))
        s++, n--;
    while (n > 0 && is_space(s[n - 1]))
        n--;
    if (fits_type(key->type, s, n))
        return 0;
    return fail_at(r, NG_ERR_PARSE, line, "key %s holds %s, not %s", quoted(r, 0, key->id),
                   type_name(key->type), quoted(r, 1, value));
}

static int set_value(graphml_reader *r, key_role role, const char *value, int from, long line)
{
    ng_buf *b = &r->item.value[role];
    ng_buf_clear(b);
    if (ng_buf_append_str(b, value) != 0)
        return out_of_memory(r);
    r->item.from[role] = (unsigned char)from;
    r->item.line[role] = line;
    return 0;
}

/* Clears the values of a domain for a new element, then applies the
 * defaults its keys declare. */
static int begin_item(graphml_reader *r, int domain)
{
    for (key_role k = domain_roles[domain]; k < domain_roles[domain + 1]; k++) {
        const graphml_key *key = r->default_of[k];
        r->item.from[k] = FROM_NONE;
        if (key && set_value(r, k, key->default_value, FROM_DEFAULT, key->line) != 0)
            return NG_ERR_NOMEM;
    }
    return 0;
}

/* The value of a role, or NULL when the element has none. */
static const char *value_of(graphml_reader *r, key_role role)
{
    return r->item.from[role] != FROM_NONE ? ng_buf_cstr(&r->item.value[role]) : NULL;
}

/* The first non-empty value among `roles`, trimmed if `words` (names of
 * types, relations and modalities), and its role in *which. */
static const char *first_value(graphml_reader *r, const key_role *roles, int words, key_role *which)
{
    for (; *roles != R_NONE; roles++) {
        if (words && r->item.from[*roles] != FROM_NONE)
            trim(&r->item.value[*roles]);
        const char *v = value_of(r, *roles);
        if (v && *v) {
            *which = *roles;
            return v;
        }
    }
    return NULL;
}

/* A count (weight, mentions) of the element `kind` `subject` (quoted):
 * 0 and *out, or fails naming them. NaN, igraph's missing number, leaves
 * *out as it is. */
static int value_count(graphml_reader *r, key_role role, const char *kind, const char *subject,
                       unsigned long long max, unsigned long long *out)
{
    const char *v = value_of(r, role);
    if (!v)
        return 0;
    trim(&r->item.value[role]);
    if (equal_nocase(v, strlen(v), "nan"))
        return 0;
    if (ng_loader_parse_count(v, max, out) == 0)
        return 0;
    return fail_at(r, NG_ERR_PARSE, r->item.line[role], "%s %s: %s %s is not a whole number",
                   kind, subject, role == R_WEIGHT ? "weight" : "mentions", quoted(r, 1, v));
}

/* --- content ---------------------------------------------------------------- */

static int is_yed_label(graphml_reader *r)
{
    return is_element(r, YWORKS_NS, "NodeLabel") || is_element(r, YWORKS_NS, "EdgeLabel");
}

/* Appends the current text node to `to`. */
static int append_text(graphml_reader *r, ng_buf *to)
{
    const xmlChar *text = xmlTextReaderConstValue(r->xml);
    if (!text || ng_buf_append_str(to, (const char *)text) != 0)
        return out_of_memory(r);
    return 0;
}

/* The state of read_content inside yEd markup. */
typedef struct label_state {
    int depth; /* of the label element being read; -1 outside */
    int done;  /* a non-blank label has been read */
} label_state;

static void on_label_end(graphml_reader *r, label_state *s)
{
    trim(&r->label);
    s->depth = -1;
    s->done = r->label.len > 0;
}

/* Reads the content of the current element (a <data> or <default>): its
 * own text into r->text, and the text of the first non-blank yEd label
 * inside it, trimmed, into r->label. */
static int read_content(graphml_reader *r)
{
    ng_buf_clear(&r->text);
    ng_buf_clear(&r->label);
    if (is_empty_element(r))
        return 0;
    int depth = xmlTextReaderDepth(r->xml);
    label_state label = {-1, 0};
    for (;;) {
        int rc = next_inside(r);
        if (rc < 0)
            return rc;
        int type = xmlTextReaderNodeType(r->xml), at = xmlTextReaderDepth(r->xml);
        if (type == XML_READER_TYPE_END_ELEMENT && at == depth)
            return 0;
        if (type == XML_READER_TYPE_END_ELEMENT && at == label.depth)
            on_label_end(r, &label);
        else if (type == XML_READER_TYPE_ELEMENT && !label.done && label.depth < 0 &&
                 is_yed_label(r) && !is_empty_element(r))
            label.depth = at;
        else if (is_text(type) && at == depth + 1)
            rc = append_text(r, &r->text);
        else if (is_text(type) && label.depth >= 0 && at == label.depth + 1)
            rc = append_text(r, &r->label);
        if (rc < 0)
            return rc;
    }
}

static int is_yed_role(key_role role)
{
    return role == R_YED_NODE_LABEL || role == R_YED_EDGE_LABEL;
}

/* Reads a <data> element of an element of `domain` into r->item. */
static int read_data(graphml_reader *r, int domain)
{
    long line = line_here(r);
    char *key_id;
    int rc = get_attribute(r, "key", &key_id);
    if (rc != 0)
        return rc;
    const graphml_key *key = key_id ? ng_strmap_get(&r->key_by_id, key_id, strlen(key_id)) : NULL;
    if (!key)
        rc = key_id ? fail_at(r, NG_ERR_PARSE, line, "<data> names the undeclared key %s",
                              quoted(r, 0, key_id))
                    : fail_at(r, NG_ERR_PARSE, line, "<data> without a key");
    free(key_id);
    if (rc == 0)
        rc = read_content(r);
    if (rc == 0)
        rc = check_type(r, key, ng_buf_cstr(&r->text), line);
    key_role role = rc == 0 ? key->roles[domain] : R_NONE;
    if (role == R_NONE)
        return rc;
    if (r->item.from[role] == FROM_DATA)
        return fail_at(r, NG_ERR_PARSE, line, "a second value for key %s in one element",
                       quoted(r, 0, key->id));
    return set_value(r, role, ng_buf_cstr(is_yed_role(role) ? &r->label : &r->text), FROM_DATA,
                     line);
}

/* --- keys ------------------------------------------------------------------- */

static key_role role_for(int domain, const char *name)
{
    for (size_t i = 0; name && i < sizeof role_names / sizeof role_names[0]; i++)
        if (role_names[i].domain == domain &&
            equal_nocase(name, strlen(name), role_names[i].name))
            return role_names[i].role;
    return R_NONE;
}

static value_type value_type_of(const char *name)
{
    if (!name)
        return V_STRING;
    if (strcmp(name, "int") == 0 || strcmp(name, "long") == 0)
        return V_INTEGER;
    if (strcmp(name, "float") == 0 || strcmp(name, "double") == 0)
        return V_NUMBER;
    return strcmp(name, "boolean") == 0 ? V_BOOLEAN : V_STRING;
}

/* The meaning of a key on each domain its for="..." covers. */
static void assign_roles(graphml_key *key, const char *domain, const char *name,
                         const char *yfiles_type)
{
    static const char *const domain_names[DOMAIN_COUNT] = {"graph", "node", "edge"};
    for (int d = 0; d < DOMAIN_COUNT; d++) {
        int applies = !domain || strcmp(domain, "all") == 0 ||
                      strcmp(domain, domain_names[d]) == 0;
        key->roles[d] = applies ? role_for(d, name) : R_NONE;
    }
    if (!yfiles_type)
        return;
    if (strcmp(yfiles_type, "nodegraphics") == 0 && key->roles[DOMAIN_NODE] == R_NONE)
        key->roles[DOMAIN_NODE] = R_YED_NODE_LABEL;
    if (strcmp(yfiles_type, "edgegraphics") == 0 && key->roles[DOMAIN_EDGE] == R_NONE)
        key->roles[DOMAIN_EDGE] = R_YED_EDGE_LABEL;
}

/* The attributes of a <key>: id, for, attr.name, attr.type, yfiles.type. */
static int key_attributes(graphml_reader *r, graphml_key *key)
{
    char *domain = NULL, *name = NULL, *type = NULL, *yfiles = NULL;
    int rc = get_attribute(r, "id", &key->id);
    if (rc == 0)
        rc = get_attribute(r, "for", &domain);
    if (rc == 0)
        rc = get_attribute(r, "attr.name", &name);
    if (rc == 0)
        rc = get_attribute(r, "attr.type", &type);
    if (rc == 0)
        rc = get_attribute(r, "yfiles.type", &yfiles);
    if (rc == 0) {
        key->type = value_type_of(type);
        assign_roles(key, domain, name, yfiles);
    }
    free(domain);
    free(name);
    free(type);
    free(yfiles);
    return rc;
}

static int on_key_child(graphml_reader *r, void *context)
{
    graphml_key *key = context;
    if (!is_graphml(r, "default"))
        return skip_element(r);
    int rc = read_content(r);
    if (rc == 0)
        rc = check_type(r, key, ng_buf_cstr(&r->text), key->line);
    free(key->default_value);
    key->default_value = rc == 0 ? ng_strndup(r->text.data ? r->text.data : "", r->text.len) : NULL;
    return rc == 0 && !key->default_value ? out_of_memory(r) : rc;
}

/* Makes the key known and its default apply to the roles it has. */
static int register_key(graphml_reader *r, graphml_key *key)
{
    void *keys = r->keys;
    if (ng_array_grow(&keys, &r->key_cap, r->key_count + 1, sizeof *r->keys) != 0)
        return out_of_memory(r);
    r->keys = keys;
    if (ng_strmap_put(&r->key_by_id, key->id, strlen(key->id), key) != 0)
        return out_of_memory(r);
    r->keys[r->key_count++] = key;
    for (int d = 0; d < DOMAIN_COUNT && key->default_value; d++)
        if (key->roles[d] != R_NONE && !r->default_of[key->roles[d]])
            r->default_of[key->roles[d]] = key;
    return 0;
}

static void free_key(graphml_key *key)
{
    if (!key)
        return;
    free(key->id);
    free(key->default_value);
    free(key);
}

static int read_key(graphml_reader *r)
{
    graphml_key *key = calloc(1, sizeof *key);
    if (!key)
        return out_of_memory(r);
    key->line = line_here(r);
    int rc = key_attributes(r, key);
    if (rc == 0 && (!key->id || !key->id[0]))
        rc = fail_at(r, NG_ERR_PARSE, key->line, "a <key> without an id");
    if (rc == 0 && ng_strmap_get(&r->key_by_id, key->id, strlen(key->id)))
        rc = fail_at(r, NG_ERR_PARSE, key->line, "key %s is declared twice",
                     quoted(r, 0, key->id));
    if (rc == 0)
        rc = each_child(r, on_key_child, key);
    if (rc == 0)
        rc = register_key(r, key);
    if (rc != 0)
        free_key(key);
    return rc;
}

/* --- nodes ------------------------------------------------------------------ */

typedef struct node_state {
    char *id; /* the XML id, handed to r->node_by_id once the node is added */
    long line;
    int nesting;
    int added;
} node_state;

static ng_entity_type node_type(graphml_reader *r)
{
    key_role which;
    const char *name = first_value(r, type_roles, 1, &which);
    ng_entity_type type;
    return name && ng_entity_type_parse(name, &type) == 0 ? type : NG_ENTITY_ORGANIZATION;
}

typedef struct member_target {
    graphml_reader *r;
    const ng_entity *entity;
    ng_error gerr;
} member_target;

static int add_alias(const char *alias, void *context)
{
    member_target *t = context;
    return ng_graph_add_alias(t->r->graph, t->entity, alias, &t->gerr);
}

static int add_doc(const char *doc, void *context)
{
    member_target *t = context;
    return ng_graph_add_mentions(t->r->graph, t->entity, doc, 0, &t->gerr);
}

/* Aliases, mentions and documents. */
static int node_details(graphml_reader *r, const node_state *n, const ng_entity *e)
{
    unsigned long long mentions = 0;
    member_target t = {r, e, {0}};
    t.gerr.status = NG_OK;
    int rc = value_count(r, R_MENTIONS, "node", quoted(r, 0, n->id), LONG_MAX, &mentions);
    if (rc != 0)
        return rc;
    rc = ng_loader_each_member(value_of(r, R_ALIASES), &r->scratch, add_alias, &t);
    if (rc == 0)
        rc = ng_loader_each_member(value_of(r, R_NODE_DOCS), &r->scratch, add_doc, &t);
    if (rc == 0)
        rc = ng_graph_add_mentions(r->graph, e, NULL, (long)mentions, &t.gerr);
    if (rc == NG_ERR_NOMEM && t.gerr.status == NG_OK)
        return out_of_memory(r); /* a list ran out of memory */
    return rc == 0 ? 0 : refused(r, n->line, "node", n->id, &t.gerr);
}

static const ng_entity *make_entity(graphml_reader *r, const node_state *n, ng_error *gerr)
{
    key_role which;
    const char *name = first_value(r, name_roles, 0, &which);
    const char *entity_id = value_of(r, R_ENTITY_ID);
    ng_entity_type type = node_type(r);
    if (!name)
        name = n->id;
    if (entity_id && *entity_id)
        return ng_graph_add_entity_with_id(r->graph, entity_id, name, type, gerr);
    return ng_graph_add_entity(r->graph, name, type, gerr);
}

static int add_node(graphml_reader *r, node_state *n)
{
    n->added = 1;
    const char *entity_id = value_of(r, R_ENTITY_ID);
    if (entity_id && *entity_id && ng_graph_entity_by_id(r->graph, entity_id))
        return fail_at(r, NG_ERR_PARSE, r->item.line[R_ENTITY_ID],
                       "node %s: entity_id %s is used by an earlier node", quoted(r, 0, n->id),
                       quoted(r, 1, entity_id));
    ng_error gerr;
    const ng_entity *e = make_entity(r, n, &gerr);
    if (!e)
        return refused(r, n->line, "node", n->id, &gerr);
    int rc = node_details(r, n, e);
    if (rc == 0 && ng_strmap_put(&r->node_by_id, n->id, strlen(n->id), (void *)e) != 0)
        return out_of_memory(r);
    if (rc == 0)
        n->id = NULL; /* the map owns it now */
    return rc;
}

static int read_graph(graphml_reader *r, int nesting);

static int on_node_child(graphml_reader *r, void *context)
{
    node_state *n = context;
    if (is_graphml(r, "data")) {
        if (n->added)
            return fail_at(r, NG_ERR_PARSE, line_here(r), "node %s: <data> after its graph",
                           quoted(r, 0, n->id));
        return read_data(r, DOMAIN_NODE);
    }
    if (!is_graphml(r, "graph"))
        return skip_element(r);
    /* The node is complete before its nested graph, whose nodes reuse r->item. */
    int rc = n->added ? 0 : add_node(r, n);
    return rc == 0 ? read_graph(r, n->nesting + 1) : rc;
}

static int read_node(graphml_reader *r, int nesting)
{
    node_state n = {NULL, line_here(r), nesting, 0};
    int rc = get_attribute(r, "id", &n.id);
    if (rc == 0 && !n.id)
        rc = fail_at(r, NG_ERR_PARSE, n.line, "a <node> without an id");
    if (rc == 0 && ng_strmap_get(&r->node_by_id, n.id, strlen(n.id)))
        rc = fail_at(r, NG_ERR_PARSE, n.line, "node %s: the id is used by an earlier node",
                     quoted(r, 0, n.id));
    if (rc == 0)
        rc = begin_item(r, DOMAIN_NODE);
    if (rc == 0)
        rc = each_child(r, on_node_child, &n);
    if (rc == 0 && !n.added)
        rc = add_node(r, &n);
    free(n.id);
    return rc;
}

/* --- edges ------------------------------------------------------------------ */

typedef struct edge_state {
    char *id, *source, *target;
    long line;
} edge_state;

/* The edge in messages: its id, quoted, if it has one. */
static const char *edge_name(graphml_reader *r, const char *id)
{
    return id ? quoted(r, 0, id) : "without an id";
}

static int edge_relation(graphml_reader *r, const edge_state *e, ng_relation *out)
{
    key_role which;
    const char *name = first_value(r, relation_roles, 1, &which);
    *out = NG_RELATION_MEETS;
    if (!name || ng_relation_parse(name, out) == 0)
        return 0;
    return fail_at(r, NG_ERR_PARSE, r->item.line[which],
                   "edge %s: unknown relation %s (known: meets, visits, supplies, sanctions)",
                   edge_name(r, e->id), quoted(r, 1, name));
}

static int edge_modality(graphml_reader *r, const edge_state *e, ng_modality *out)
{
    const char *name = value_of(r, R_MODALITY);
    *out = NG_MODALITY_ASSERTED;
    if (!name)
        return 0;
    trim(&r->item.value[R_MODALITY]);
    if (ng_modality_parse(name, out) == 0)
        return 0;
    return fail_at(r, NG_ERR_PARSE, r->item.line[R_MODALITY],
                   "edge %s: unknown modality %s (known: asserted, planned, alleged, denied)",
                   edge_name(r, e->id), quoted(r, 1, name));
}

/* Copies s, which may be NULL, into the arena; *at is its offset. */
static int arena_put(graphml_reader *r, const char *s, size_t *at)
{
    *at = s ? r->arena.len : NO_STRING;
    if (s && ng_buf_append(&r->arena, s, strlen(s) + 1) != 0)
        return out_of_memory(r);
    return 0;
}

static const char *arena_get(const graphml_reader *r, size_t at)
{
    return at == NO_STRING ? NULL : r->arena.data + at;
}

/* The strings of the edge, into the arena. */
static int keep_strings(graphml_reader *r, const edge_state *e, pending_edge *p)
{
    const struct {
        const char *value;
        size_t *at;
    } strings[] = {
        {e->id, &p->id},
        {e->source, &p->source},
        {e->target, &p->target},
        {value_of(r, R_EVIDENCE), &p->text},
        {value_of(r, R_TRIGGER), &p->trigger},
        {value_of(r, R_DOCS), &p->docs},
        {value_of(r, R_ITEMS), &p->items},
    };
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        if (arena_put(r, strings[i].value, strings[i].at) != 0)
            return NG_ERR_NOMEM;
    return 0;
}

/* Checks the edge and keeps it for add_edges. */
static int keep_edge(graphml_reader *r, const edge_state *e)
{
    unsigned long long weight = 1;
    pending_edge p = {.line = e->line};
    int rc = edge_relation(r, e, &p.relation);
    if (rc == 0)
        rc = edge_modality(r, e, &p.modality);
    if (rc == 0)
        rc = value_count(r, R_WEIGHT, "edge", edge_name(r, e->id), SIZE_MAX, &weight);
    p.weight = (size_t)weight;
    if (rc == 0)
        rc = keep_strings(r, e, &p);
    if (rc != 0)
        return rc;
    void *edges = r->edges;
    if (ng_array_grow(&edges, &r->edge_cap, r->edge_count + 1, sizeof *r->edges) != 0)
        return out_of_memory(r);
    r->edges = edges;
    r->edges[r->edge_count++] = p;
    return 0;
}

static int on_edge_child(graphml_reader *r, void *context)
{
    (void)context;
    return is_graphml(r, "data") ? read_data(r, DOMAIN_EDGE) : skip_element(r);
}

/* The id (optional) and the two ends (required). Edge ids are only
 * named in messages: NetworkX writes a multigraph's edge keys as ids,
 * which repeat across pairs of nodes. */
static int edge_attributes(graphml_reader *r, edge_state *e)
{
    int rc = get_attribute(r, "id", &e->id);
    if (rc == 0)
        rc = get_attribute(r, "source", &e->source);
    if (rc == 0)
        rc = get_attribute(r, "target", &e->target);
    if (rc == 0 && (!e->source || !e->target))
        return fail_at(r, NG_ERR_PARSE, e->line, "edge %s: no %s", edge_name(r, e->id),
                       e->source ? "target" : "source");
    return rc;
}

static int read_edge(graphml_reader *r)
{
    edge_state e = {NULL, NULL, NULL, line_here(r)};
    int rc = edge_attributes(r, &e);
    if (rc == 0)
        rc = begin_item(r, DOMAIN_EDGE);
    if (rc == 0)
        rc = each_child(r, on_edge_child, NULL);
    if (rc == 0)
        rc = keep_edge(r, &e);
    free(e.id);
    free(e.source);
    free(e.target);
    return rc;
}

static const ng_entity *end_of(graphml_reader *r, const char *id)
{
    return ng_strmap_get(&r->node_by_id, id, strlen(id));
}

static int add_edge(graphml_reader *r, const pending_edge *p, const char *fallback_doc)
{
    const char *id = arena_get(r, p->id);
    const char *ends[2] = {arena_get(r, p->source), arena_get(r, p->target)};
    const ng_entity *source = end_of(r, ends[0]), *target = end_of(r, ends[1]);
    if (!source || !target)
        return fail_at(r, NG_ERR_PARSE, p->line, "edge %s: no node has the id %s",
                       edge_name(r, id), quoted(r, 1, ends[source != NULL]));
    ng_edge_summary s = {p->weight, p->modality, arena_get(r, p->text),
                         arena_get(r, p->trigger), arena_get(r, p->docs),
                         arena_get(r, p->items)};
    ng_error gerr;
    if (ng_loader_add_edge(r->graph, source, p->relation, target, &s, fallback_doc, &gerr))
        return 0;
    if (gerr.status == NG_ERR_NOMEM)
        return out_of_memory(r);
    return fail_at(r, NG_ERR_PARSE, p->line, "edge %s: %s", edge_name(r, id), gerr.text);
}

static int add_edges(graphml_reader *r)
{
    const char *fallback_doc = ng_loader_base_name(r->source);
    for (size_t i = 0; i < r->edge_count; i++) {
        int rc = add_edge(r, &r->edges[i], fallback_doc);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* --- graphs ----------------------------------------------------------------- */

typedef struct graph_state {
    int nesting;
} graph_state;

static int apply_graph_label(graphml_reader *r, int nesting)
{
    key_role which;
    const char *label = first_value(r, graph_label_roles, 0, &which);
    ng_error gerr;
    if (nesting > 0 || !label || ng_graph_set_label(r->graph, label, &gerr) == 0)
        return 0;
    return out_of_memory(r);
}

static int on_graph_child(graphml_reader *r, void *context)
{
    const graph_state *g = context;
    if (is_graphml(r, "node"))
        return read_node(r, g->nesting);
    if (is_graphml(r, "edge"))
        return read_edge(r);
    if (is_graphml(r, "hyperedge"))
        return fail_at(r, NG_ERR_PARSE, line_here(r), "hyperedges are not supported");
    if (!is_graphml(r, "data"))
        return skip_element(r);
    int rc = read_data(r, DOMAIN_GRAPH);
    return rc == 0 ? apply_graph_label(r, g->nesting) : rc;
}

static int read_graph(graphml_reader *r, int nesting)
{
    if (nesting > MAX_NESTING)
        return fail_at(r, NG_ERR_LIMIT, line_here(r), "graphs nested more than %d deep",
                       MAX_NESTING);
    graph_state g = {nesting};
    int rc = begin_item(r, DOMAIN_GRAPH);
    if (rc == 0)
        rc = apply_graph_label(r, nesting);
    return rc == 0 ? each_child(r, on_graph_child, &g) : rc;
}

static int on_graphml_child(graphml_reader *r, void *context)
{
    (void)context;
    if (is_graphml(r, "key"))
        return read_key(r);
    if (is_graphml(r, "graph"))
        return read_graph(r, 0);
    return skip_element(r);
}

static int read_document(graphml_reader *r)
{
    int rc;
    while ((rc = next_node(r)) == 1) {
        if (xmlTextReaderNodeType(r->xml) != XML_READER_TYPE_ELEMENT)
            continue;
        /* libxml2 refuses a second root element, so this runs once. */
        if (!is_graphml(r, "graphml"))
            return fail_at(r, NG_ERR_PARSE, line_here(r), "not GraphML: the root element is <%s>",
                           (const char *)xmlTextReaderConstName(r->xml));
        rc = each_child(r, on_graphml_child, NULL);
        if (rc != 0)
            return rc;
    }
    return rc;
}

/* --- the whole -------------------------------------------------------------- */

/* Frees the keys a map owns. */
static void free_owned_keys(ng_strmap *map)
{
    for (size_t i = 0; i < map->cap; i++)
        free((char *)map->slots[i].key);
    ng_strmap_free(map);
}

static void reader_free(graphml_reader *r)
{
    xmlFreeTextReader(r->xml);
    for (size_t i = 0; i < r->key_count; i++)
        free_key(r->keys[i]);
    free(r->keys);
    ng_strmap_free(&r->key_by_id);
    free_owned_keys(&r->node_by_id);
    for (size_t i = 0; i < ROLE_COUNT; i++)
        ng_buf_free(&r->item.value[i]);
    free(r->edges);
    ng_buf_free(&r->arena);
    ng_buf_free(&r->text);
    ng_buf_free(&r->label);
    ng_buf_free(&r->scratch);
    ng_buf_free(&r->quote[0]);
    ng_buf_free(&r->quote[1]);
}

ng_graph *ng_graphml_read(FILE *in, const char *source, unsigned flags, ng_error *err)
{
    (void)flags;
    graphml_reader r = {0};
    r.in = in;
    r.read_nothing = 1;
    r.source = source;
    r.err = err;
    r.graph = ng_graph_new(err);
    if (!r.graph)
        return NULL;
    /* No URL: nothing in the document is resolved against one. */
    r.xml = xmlReaderForIO(read_input, NULL, &r, NULL, NULL, PARSE_OPTIONS);
    int rc = r.xml ? 0 : ng_fail_nomem(err);
    if (rc == 0) {
        xmlTextReaderSetStructuredErrorHandler(r.xml, capture_error, &r);
        rc = read_document(&r);
    }
    if (rc == 0)
        rc = add_edges(&r);
    reader_free(&r);
    if (rc != 0) {
        ng_graph_free(r.graph);
        return NULL;
    }
    return r.graph;
}
