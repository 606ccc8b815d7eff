/* Exporter output in memory, and its comparison with the golden files in
 * tests/formats/golden/. */
#ifndef NG_TEST_GOLDEN_H
#define NG_TEST_GOLDEN_H

#include <stddef.h>

#include <newsgraph/graph.h>

#include "io/format.h"

/* What an exporter wrote: a NUL-terminated copy of its output, owned by
 * the caller (free), and the exporter's status and error. */
typedef struct ng_output {
    char *text;
    size_t len;
    int status;
    ng_error err;
} ng_output;

/* Runs `write` on `graph` into memory. Fails the test only if the memory
 * stream cannot be had; the exporter's own failure is in `status`. */
ng_output ng_output_capture(ng_write_fn write, const ng_graph *graph);

/* Asserts that `actual` equals the golden file `name` byte for byte, the
 * version string excepted (the golden files say "@VERSION@", so a release
 * does not invalidate them). On a mismatch it prints the first differing
 * line and saves the output as `name`.actual in the working directory.
 * With NG_UPDATE_GOLDEN=1 in the environment it rewrites the golden file
 * instead: read the result before committing it. */
void ng_golden_assert(const char *name, const char *actual, size_t len);

#endif
