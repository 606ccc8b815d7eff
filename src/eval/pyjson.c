#include "eval/pyjson.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/norm.h"
#include "util/fail.h"

int ng_py_str(const json_t *value, ng_buf *out)
{
    switch (json_typeof(value)) {
    case JSON_STRING:
        return ng_buf_append(out, json_string_value(value), json_string_length(value));
    case JSON_INTEGER:
        return ng_buf_printf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(value));
    case JSON_TRUE: return ng_buf_append_str(out, "True");
    case JSON_FALSE: return ng_buf_append_str(out, "False");
    case JSON_NULL: return ng_buf_append_str(out, "None");
    case JSON_REAL:
    case JSON_ARRAY:
    case JSON_OBJECT:
        break;
    }
    return NG_ERR_INVALID;
}

int ng_py_truthy(const json_t *value)
{
    switch (json_typeof(value)) {
    case JSON_STRING: return json_string_length(value) > 0;
    case JSON_INTEGER: return json_integer_value(value) != 0;
    case JSON_REAL: return json_real_value(value) != 0.0;
    case JSON_TRUE: return 1;
    case JSON_FALSE:
    case JSON_NULL: return 0;
    case JSON_ARRAY: return json_array_size(value) > 0;
    case JSON_OBJECT: return json_object_size(value) > 0;
    }
    return 0;
}

/* The characters of a (valid UTF-8) string, one string each. */
static int characters(const json_t *string, json_t *list)
{
    const char *s = json_string_value(string);
    size_t len = json_string_length(string);
    for (size_t i = 0; i < len;) {
        size_t n = 1;
        while (i + n < len && ((unsigned char)s[i + n] & 0xC0) == 0x80)
            n++;
        if (json_array_append_new(list, json_stringn(s + i, n)) != 0)
            return NG_ERR_NOMEM;
        i += n;
    }
    return 0;
}

static int keys(json_t *object, json_t *list)
{
    for (void *it = json_object_iter(object); it; it = json_object_iter_next(object, it)) {
        json_t *key = json_stringn(json_object_iter_key(it), json_object_iter_key_len(it));
        if (json_array_append_new(list, key) != 0)
            return NG_ERR_NOMEM;
    }
    return 0;
}

int ng_py_list(json_t *value, json_t **out)
{
    *out = NULL;
    if (json_is_array(value)) {
        *out = json_incref(value);
        return 0;
    }
    if (!json_is_string(value) && !json_is_object(value))
        return NG_ERR_INVALID;
    json_t *list = json_array();
    if (!list)
        return NG_ERR_NOMEM;
    int rc = json_is_string(value) ? characters(value, list) : keys(value, list);
    if (rc != 0) {
        json_decref(list);
        return rc;
    }
    *out = list;
    return 0;
}

const char *ng_py_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

const char *ng_py_type_name(const json_t *value)
{
    switch (json_typeof(value)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "a list";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a real number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "an unknown value";
}

/* --- reading a value ---------------------------------------------------------- */

/* strtod as in the C locale, whatever the caller's: JSON writes a point. */
static double c_strtod(const char *s)
{
    locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    locale_t old = c ? uselocale(c) : (locale_t)0;
    double d = strtod(s, NULL);
    if (c) {
        uselocale(old);
        freelocale(c);
    }
    return d;
}

/* A number or a literal, from its text (checked by the reader). */
static json_t *scalar(const char *text)
{
    switch (text[0]) {
    case 't': return json_true();
    case 'f': return json_false();
    case 'n': return json_null();
    }
    if (strpbrk(text, ".eE"))
        return json_real(c_strtod(text));
    return json_integer(strtoll(text, NULL, 10));
}

static int read_members(ng_json_scan *scan, ng_buf *scratch, json_t *object)
{
    const char *key;
    int rc;
    while ((rc = ng_json_next_member(scan, &key)) == 1) {
        char *name = ng_strndup(key, strlen(key)); /* the reader's copy goes as it reads on */
        json_t *value = NULL;
        if (!name)
            return NG_ERR_NOMEM;
        rc = ng_py_read(scan, scratch, &value);
        if (rc == 0 && json_object_set_new(object, name, value) != 0)
            rc = NG_ERR_NOMEM;
        free(name);
        if (rc != 0)
            return rc;
    }
    return rc;
}

static int read_items(ng_json_scan *scan, ng_buf *scratch, json_t *array)
{
    int rc;
    while ((rc = ng_json_next_item(scan)) == 1) {
        json_t *value = NULL;
        rc = ng_py_read(scan, scratch, &value);
        if (rc == 0 && json_array_append_new(array, value) != 0)
            rc = NG_ERR_NOMEM;
        if (rc != 0)
            return rc;
    }
    return rc;
}

int ng_py_read(ng_json_scan *scan, ng_buf *scratch, json_t **out)
{
    ng_json_type type;
    *out = NULL;
    int rc = ng_json_peek(scan, &type);
    if (rc != 0)
        return rc;
    switch (type) {
    case NG_JSON_OBJECT:
    case NG_JSON_ARRAY:
        *out = type == NG_JSON_OBJECT ? json_object() : json_array();
        if (!*out)
            return NG_ERR_NOMEM;
        rc = ng_json_enter(scan);
        if (rc == 0)
            rc = type == NG_JSON_OBJECT ? read_members(scan, scratch, *out)
                                        : read_items(scan, scratch, *out);
        break;
    case NG_JSON_STRING:
        rc = ng_json_read_string(scan, scratch);
        if (rc == 0 && !(*out = json_stringn(scratch->data, scratch->len)))
            rc = NG_ERR_NOMEM;
        break;
    default: {
        ng_json_pos at;
        ng_buf_clear(scratch);
        rc = ng_json_capture(scan, scratch, &at);
        if (rc == 0 && !(*out = scalar(scratch->data)))
            rc = NG_ERR_NOMEM;
    }
    }
    if (rc != 0) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

/* --- reading an input ------------------------------------------------------ */

void ng_py_input_free(ng_py_input *in)
{
    ng_buf_free(&in->scratch);
}

int ng_py_fail(ng_py_input *in, const char *fmt, ...)
{
    char text[NG_ERROR_TEXT_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    ng_fail(in->err, NG_ERR_PARSE, in->source, "%s", text);
    ng_fail_at(in->err, in->line, 0, -1);
    return NG_ERR_PARSE;
}

int ng_py_nomem(ng_py_input *in)
{
    return ng_fail_nomem(in->err);
}

static int intern_text(ng_py_input *in, const char *s, const char **out)
{
    *out = ng_intern_bytes(in->strings, s, strlen(s));
    return *out ? 0 : ng_py_nomem(in);
}

/* str(value) in in->scratch, or a failure naming `where`. */
static int str_scratch(ng_py_input *in, const json_t *value, const char *where)
{
    ng_buf_clear(&in->scratch);
    int rc = ng_py_str(value, &in->scratch);
    if (rc == NG_ERR_INVALID)
        return ng_py_fail(in, "%s: expected a string, found %s", where, ng_py_type_name(value));
    if (rc == 0 && !in->scratch.data)
        rc = ng_buf_append(&in->scratch, "", 0);
    return rc == 0 ? 0 : ng_py_nomem(in);
}

int ng_py_text(ng_py_input *in, const json_t *value, const char *where, const char **out)
{
    int rc = str_scratch(in, value, where);
    return rc != 0 ? rc : intern_text(in, in->scratch.data, out);
}

int ng_py_doc_key(ng_py_input *in, const json_t *value, const char *where, const char **out)
{
    int rc = str_scratch(in, value, where);
    return rc != 0 ? rc : intern_text(in, ng_py_basename(in->scratch.data), out);
}

int ng_py_name_key(ng_py_input *in, const char *name, const char **out)
{
    int rc = ng_norm_name(name, strlen(name), &in->scratch);
    if (rc == NG_ERR_NOMEM)
        return ng_py_nomem(in);
    if (rc != 0)
        return ng_py_fail(in, "a name is not valid UTF-8");
    return intern_text(in, in->scratch.data, out);
}

int ng_py_modality(ng_py_input *in, const json_t *value, const char *where, const char **out)
{
    *out = NULL;
    if (value && json_is_null(value))
        return 0;
    if (value && !json_is_string(value))
        return ng_py_fail(in, "%s: expected a string, found %s", where, ng_py_type_name(value));
    return intern_text(in, value ? json_string_value(value) : "asserted", out);
}

int ng_py_iter(ng_py_input *in, json_t *value, const char *where, json_t **out)
{
    int rc = ng_py_list(value, out);
    if (rc == NG_ERR_INVALID)
        return ng_py_fail(in, "%s: expected a list, found %s", where, ng_py_type_name(value));
    return rc == 0 ? 0 : ng_py_nomem(in);
}
