/* String interning: every distinct string is stored once, so the graph
 * holds one copy of a sentence however many edges cite it, and interned
 * strings can be compared by pointer. */
#ifndef NG_GRAPH_INTERN_H
#define NG_GRAPH_INTERN_H

#include <stddef.h>

#include "util/strmap.h"

typedef struct ng_intern_chunk ng_intern_chunk;

/* Zero-initialise ({0}) before use; release with ng_intern_free. */
typedef struct ng_intern {
    ng_strmap index;
    ng_intern_chunk *chunks;
} ng_intern;

/* Returns the pool's copy of s[0..n) (NUL-terminated; s may hold NUL
 * bytes, which is how binary keys are stored), adding it if new. The
 * pointer stays valid until ng_intern_free. NULL if out of memory. */
const char *ng_intern_bytes(ng_intern *pool, const char *s, size_t n);

/* Stores a copy of s[0..n) in the pool without indexing it, for keys kept
 * in a map of their own. NULL if out of memory. */
const char *ng_intern_keep(ng_intern *pool, const void *s, size_t n);

/* ng_intern_bytes for a C string; NULL in gives NULL out. */
const char *ng_intern_str(ng_intern *pool, const char *s);

void ng_intern_free(ng_intern *pool);

#endif
