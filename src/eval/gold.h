/* Gold annotations: one JSON object per line,
 *
 *   {"doc": "a.txt",
 *    "entities": [{"name": "Kim Jong Un", "aliases": ["Kim", "Mr Kim"]}],
 *    "relations": [{"source": "Kim Jong Un", "relation": "visits",
 *                   "target": "Russia", "modality": "asserted"}]}
 *
 * read as the reference scorer reads them: blank lines are skipped, a
 * document is keyed by the base name of "doc", and a later line with the
 * same key replaces the earlier one entirely. Every string kept is
 * interned in the pool the caller passes, so that strings from the gold
 * and from the graph compare equal exactly when their pointers do. */
#ifndef NG_EVAL_GOLD_H
#define NG_EVAL_GOLD_H

#include <stddef.h>

#include <newsgraph/error.h>

#include "graph/intern.h"
#include "util/strmap.h"

/* The entities of one document, by the key ng_norm_name gives their
 * names and aliases. Values are entity names (interned); a key shared by
 * several entities belongs to the first. */
typedef struct ng_gold_doc {
    const char *key;   /* base name of "doc" */
    ng_strmap by_name; /* key of a name -> name */
    ng_strmap by_alias; /* key of an alias -> name */
} ng_gold_doc;

/* One annotated relation, as written (no normalisation). */
typedef struct ng_gold_relation {
    size_t doc;           /* index into ng_gold.docs */
    const char *source;
    const char *relation;
    const char *target;
    const char *modality; /* "asserted" when absent, NULL for JSON null */
} ng_gold_relation;

/* Zero-initialise ({0}) before use; release with ng_gold_free. */
typedef struct ng_gold {
    ng_gold_doc *docs;
    size_t doc_count;
    size_t doc_cap;
    ng_gold_relation *relations;
    size_t relation_count;
    size_t relation_cap;
    ng_strmap by_key; /* document key -> index + 1 */
} ng_gold;

/* Parses the annotations text[0..len); `source` names them in errors,
 * which carry the line number. Returns 0, NG_ERR_PARSE (malformed JSON or
 * a member of the wrong type) or NG_ERR_NOMEM. */
int ng_gold_parse(ng_gold *gold, const char *text, size_t len, const char *source,
                  ng_intern *strings, ng_error *err);

/* The document whose key is `key`, or NULL. Borrowed. */
const ng_gold_doc *ng_gold_find(const ng_gold *gold, const char *key);

void ng_gold_free(ng_gold *gold);

#endif
