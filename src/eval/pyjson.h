/* JSON values as the reference scorer sees them.
 *
 * score.py reads its inputs with Python's json module and then applies
 * str(), truth tests, for loops and os.path.basename to whatever it finds.
 * To give the same figures on the same files, the loaders apply the same
 * operations through these helpers. Where Python would render a value we
 * do not (a real number, a list or an object used as a name), the helpers
 * refuse it, and the input is reported as malformed. */
#ifndef NG_EVAL_PYJSON_H
#define NG_EVAL_PYJSON_H

#include <jansson.h>

#include <newsgraph/error.h>

#include "graph/intern.h"
#include "io/json_scan.h"
#include "util/buf.h"

/* --- values ---------------------------------------------------------------- */

/* Appends Python's str() of a scalar to `out`: a string as it is, an
 * integer in decimal, true/false/null as "True"/"False"/"None". Returns
 * 0, NG_ERR_NOMEM, or NG_ERR_INVALID for any other type. */
int ng_py_str(const json_t *value, ng_buf *out);

/* Python's truth value: false for null, false, 0, 0.0, "", [] and {}. */
int ng_py_truthy(const json_t *value);

/* What `for item in value` iterates over, as a new JSON array owned by the
 * caller (json_decref): an array's elements, an object's keys, a
 * string's characters (each a one-character string). Returns 0,
 * NG_ERR_NOMEM, or NG_ERR_INVALID for a value Python cannot iterate. */
int ng_py_list(json_t *value, json_t **out);

/* os.path.basename: what follows the last '/'. Points into `path`. */
const char *ng_py_basename(const char *path);

/* "a string", "an integer"... for messages about wrong types. Static. */
const char *ng_py_type_name(const json_t *value);

/* Reads the next value of `scan` into a new jansson value, as json_loadb
 * would give it (of repeated keys the last value, at the first one's
 * place, if the reader allows them). A large document is read a record at
 * a time this way, each record whole for the helpers above. `scratch`
 * holds strings on the way. Stores the value, owned by the caller, in
 * *out; returns 0 or a negative status (the reader's failures are
 * reported through its error record, running out of memory here is not). */
int ng_py_read(ng_json_scan *scan, ng_buf *scratch, json_t **out);

/* --- reading an input ------------------------------------------------------ */

/* What a loader needs to turn values into interned strings and to report
 * what it cannot use. Set the first four members; zero `scratch` ({0});
 * release with ng_py_input_free. */
typedef struct ng_py_input {
    const char *source;  /* file name, for messages */
    long line;           /* 1-based line of the values being read; 0: none */
    ng_intern *strings;  /* where strings are interned */
    ng_error *err;       /* may be NULL */
    ng_buf scratch;
} ng_py_input;

void ng_py_input_free(ng_py_input *in);

/* Fails with NG_ERR_PARSE at in->source and in->line; returns NG_ERR_PARSE. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int ng_py_fail(ng_py_input *in, const char *fmt, ...);

/* Fails with NG_ERR_NOMEM; returns it. */
int ng_py_nomem(ng_py_input *in);

/* Stores in *out the interned str() of `value`. `where` names the value
 * in messages, such as "entities[2].name". */
int ng_py_text(ng_py_input *in, const json_t *value, const char *where, const char **out);

/* Stores in *out the interned key of a document reference: the base
 * name of str(value). */
int ng_py_doc_key(ng_py_input *in, const json_t *value, const char *where, const char **out);

/* Stores in *out the interned ng_norm_name key of the C string `name`,
 * which must not point into in->scratch. */
int ng_py_name_key(ng_py_input *in, const char *name, const char **out);

/* Stores in *out the interned modality `value` (the member as found, NULL
 * when absent): "asserted" when absent, NULL (Python's None) when null. */
int ng_py_modality(ng_py_input *in, const json_t *value, const char *where, const char **out);

/* ng_py_list, with failures reported. */
int ng_py_iter(ng_py_input *in, json_t *value, const char *where, json_t **out);

#endif
