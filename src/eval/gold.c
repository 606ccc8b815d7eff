#include "eval/gold.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <utf8proc.h>

#include "eval/pyjson.h"
#include "util/buf.h"

/* Room for a path such as "relations[12].modality". */
#define WHERE_SIZE 64

/* A line's record, kept until every line is read, since a later line for
 * the same document replaces it. */
typedef struct record {
    json_t *json;
    long line;
} record;

typedef struct parser {
    ng_gold *gold;
    ng_py_input in;
    record *records; /* parallel to gold->docs */
    size_t record_cap;
} parser;

/* --- lines ------------------------------------------------------------------- */

/* Python's str.isspace(), which is what str.strip() removes. */
static int is_py_space(utf8proc_int32_t c)
{
    if ((c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0)
        return 1;
    return c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Narrows s[0..*len) to what Python's line.strip() leaves. */
static const char *strip(const char *s, size_t *len)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    size_t start = 0, end = *len;
    utf8proc_int32_t c;
    while (start < end) {
        utf8proc_ssize_t n = utf8proc_iterate(u + start, (utf8proc_ssize_t)(end - start), &c);
        if (n <= 0 || !is_py_space(c))
            break;
        start += (size_t)n;
    }
    while (end > start) {
        size_t last = end - 1;
        while (last > start && (u[last] & 0xC0) == 0x80)
            last--;
        utf8proc_ssize_t n = utf8proc_iterate(u + last, (utf8proc_ssize_t)(end - last), &c);
        if (n != (utf8proc_ssize_t)(end - last) || !is_py_space(c))
            break;
        end = last;
    }
    *len = end - start;
    return s + start;
}

/* --- first pass: one record per document ------------------------------------ */

static int grow_documents(parser *p)
{
    ng_gold *g = p->gold;
    void *docs = g->docs, *records = p->records;
    if (ng_array_grow(&docs, &g->doc_cap, g->doc_count + 1, sizeof *g->docs) != 0)
        return NG_ERR_NOMEM;
    g->docs = docs;
    if (ng_array_grow(&records, &p->record_cap, g->doc_count + 1, sizeof *p->records) != 0)
        return NG_ERR_NOMEM;
    p->records = records;
    return 0;
}

/* Files the record under its document key, replacing an earlier record
 * for the same document. Takes the reference to `json`. */
static int add_record(parser *p, json_t *json, const char *key)
{
    ng_gold *g = p->gold;
    size_t slot = (size_t)(uintptr_t)ng_strmap_get(&g->by_key, key, strlen(key));
    if (slot) {
        json_decref(p->records[slot - 1].json);
        p->records[slot - 1] = (record){json, p->in.line};
        return 0;
    }
    if (grow_documents(p) != 0 ||
        ng_strmap_put(&g->by_key, key, strlen(key), (void *)(uintptr_t)(g->doc_count + 1)) != 0) {
        json_decref(json);
        return ng_py_nomem(&p->in);
    }
    g->docs[g->doc_count] = (ng_gold_doc){.key = key};
    p->records[g->doc_count++] = (record){json, p->in.line};
    return 0;
}

/* Parses one stripped, non-empty line. */
static int read_line(parser *p, const char *s, size_t len)
{
    json_error_t jerr;
    json_t *json = json_loadb(s, len, JSON_DECODE_ANY, &jerr);
    if (!json) {
        if (json_error_code(&jerr) == json_error_out_of_memory)
            return ng_py_nomem(&p->in);
        return ng_py_fail(&p->in, "not valid JSON: %s", jerr.text);
    }
    const char *key = NULL;
    int rc = 0;
    if (!json_is_object(json))
        rc = ng_py_fail(&p->in, "expected an object, found %s", ng_py_type_name(json));
    else if (!json_object_get(json, "doc"))
        rc = ng_py_fail(&p->in, "doc: missing");
    else
        rc = ng_py_doc_key(&p->in, json_object_get(json, "doc"), "doc", &key);
    if (rc == 0)
        return add_record(p, json, key);
    json_decref(json);
    return rc;
}

/* Lines end at "\n", "\r\n" or "\r", as for Python's text files, so that
 * line numbers in messages agree. */
static int read_lines(parser *p, const char *text, size_t len)
{
    size_t pos = 0;
    for (p->in.line = 1; pos < len; p->in.line++) {
        size_t end = pos;
        while (end < len && text[end] != '\n' && text[end] != '\r')
            end++;
        size_t n = end - pos;
        const char *line = strip(text + pos, &n);
        int rc = n ? read_line(p, line, n) : 0;
        if (rc != 0)
            return rc;
        if (end + 1 < len && text[end] == '\r' && text[end + 1] == '\n')
            end++;
        pos = end + 1;
    }
    return 0;
}

/* --- second pass: entities and relations ------------------------------------ */

/* Maps the key of `name` to `entity` unless the key is taken. The map
 * never writes through its values, hence the cast. */
static int add_key(parser *p, ng_strmap *map, const char *name, const char *entity)
{
    const char *key;
    int rc = ng_py_name_key(&p->in, name, &key);
    if (rc == 0 && !ng_strmap_get(map, key, strlen(key)) &&
        ng_strmap_put(map, key, strlen(key), (void *)entity) != 0)
        rc = ng_py_nomem(&p->in);
    return rc;
}

static int read_aliases(parser *p, ng_gold_doc *doc, json_t *aliases, size_t i,
                        const char *entity)
{
    char where[WHERE_SIZE];
    snprintf(where, sizeof where, "entities[%zu].aliases", i);
    json_t *list;
    int rc = ng_py_iter(&p->in, aliases, where, &list);
    for (size_t j = 0; rc == 0 && j < json_array_size(list); j++) {
        const char *alias;
        snprintf(where, sizeof where, "entities[%zu].aliases[%zu]", i, j);
        rc = ng_py_text(&p->in, json_array_get(list, j), where, &alias);
        if (rc == 0)
            rc = add_key(p, &doc->by_alias, alias, entity);
    }
    json_decref(list);
    return rc;
}

static int read_entity(parser *p, ng_gold_doc *doc, json_t *entity, size_t i)
{
    if (!json_is_object(entity))
        return ng_py_fail(&p->in, "entities[%zu]: expected an object, found %s", i,
                          ng_py_type_name(entity));
    json_t *name = json_object_get(entity, "name");
    if (!name)
        return ng_py_fail(&p->in, "entities[%zu].name: missing", i);
    if (!json_is_string(name))
        return ng_py_fail(&p->in, "entities[%zu].name: expected a string, found %s", i,
                          ng_py_type_name(name));
    const char *stored = ng_intern_str(p->in.strings, json_string_value(name));
    if (!stored)
        return ng_py_nomem(&p->in);
    int rc = add_key(p, &doc->by_name, stored, stored);
    json_t *aliases = json_object_get(entity, "aliases");
    if (rc == 0 && aliases)
        rc = read_aliases(p, doc, aliases, i, stored);
    return rc;
}

/* A member that must be a string; interned into *out. */
static int string_member(parser *p, json_t *obj, const char *key, size_t i, const char **out)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return ng_py_fail(&p->in, "relations[%zu].%s: missing", i, key);
    if (!json_is_string(v))
        return ng_py_fail(&p->in, "relations[%zu].%s: expected a string, found %s", i, key,
                          ng_py_type_name(v));
    *out = ng_intern_str(p->in.strings, json_string_value(v));
    return *out ? 0 : ng_py_nomem(&p->in);
}

static int read_relation(parser *p, size_t doc, json_t *rel, size_t i)
{
    if (!json_is_object(rel))
        return ng_py_fail(&p->in, "relations[%zu]: expected an object, found %s", i,
                          ng_py_type_name(rel));
    ng_gold_relation r = {.doc = doc};
    int rc = string_member(p, rel, "source", i, &r.source);
    if (rc == 0)
        rc = string_member(p, rel, "relation", i, &r.relation);
    if (rc == 0)
        rc = string_member(p, rel, "target", i, &r.target);
    char where[WHERE_SIZE];
    snprintf(where, sizeof where, "relations[%zu].modality", i);
    if (rc == 0)
        rc = ng_py_modality(&p->in, json_object_get(rel, "modality"), where, &r.modality);
    if (rc != 0)
        return rc;
    ng_gold *g = p->gold;
    void *items = g->relations;
    if (ng_array_grow(&items, &g->relation_cap, g->relation_count + 1, sizeof r) != 0)
        return ng_py_nomem(&p->in);
    g->relations = items;
    g->relations[g->relation_count++] = r;
    return 0;
}

/* Calls `read` for each item of the member `key` of `obj`, if present. */
static int each_item(parser *p, size_t doc, json_t *obj, const char *key,
                     int (*read)(parser *p, size_t doc, json_t *item, size_t i))
{
    json_t *value = json_object_get(obj, key);
    if (!value)
        return 0;
    json_t *list;
    int rc = ng_py_iter(&p->in, value, key, &list);
    for (size_t i = 0; rc == 0 && i < json_array_size(list); i++)
        rc = read(p, doc, json_array_get(list, i), i);
    json_decref(list);
    return rc;
}

static int read_entity_item(parser *p, size_t doc, json_t *item, size_t i)
{
    return read_entity(p, &p->gold->docs[doc], item, i);
}

static int read_document(parser *p, size_t doc)
{
    json_t *json = p->records[doc].json;
    p->in.line = p->records[doc].line;
    int rc = each_item(p, doc, json, "entities", read_entity_item);
    return rc != 0 ? rc : each_item(p, doc, json, "relations", read_relation);
}

/* --- the whole file ----------------------------------------------------------- */

int ng_gold_parse(ng_gold *gold, const char *text, size_t len, const char *source,
                  ng_intern *strings, ng_error *err)
{
    parser p = {.gold = gold, .in = {.source = source, .strings = strings, .err = err}};
    int rc = read_lines(&p, text, len);
    for (size_t i = 0; rc == 0 && i < gold->doc_count; i++)
        rc = read_document(&p, i);
    for (size_t i = 0; i < gold->doc_count; i++)
        json_decref(p.records[i].json);
    free(p.records);
    ng_py_input_free(&p.in);
    return rc;
}

const ng_gold_doc *ng_gold_find(const ng_gold *gold, const char *key)
{
    size_t slot = (size_t)(uintptr_t)ng_strmap_get(&gold->by_key, key, strlen(key));
    return slot ? &gold->docs[slot - 1] : NULL;
}

void ng_gold_free(ng_gold *gold)
{
    for (size_t i = 0; i < gold->doc_count; i++) {
        ng_strmap_free(&gold->docs[i].by_name);
        ng_strmap_free(&gold->docs[i].by_alias);
    }
    free(gold->docs);
    free(gold->relations);
    ng_strmap_free(&gold->by_key);
    *gold = (ng_gold){0};
}
