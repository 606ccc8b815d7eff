/* What the tests of the GraphML and DOT loaders share: reading text,
 * writing graphs to text, round trips, refusals, random graphs, and
 * checking that nothing reaches standard error. */
#ifndef NG_TEST_LOADING_H
#define NG_TEST_LOADING_H

#include <stddef.h>

#include <newsgraph/io.h>

/* The name the tests give their input in messages. */
#define NG_TEST_SOURCE "dir/in.graph"

/* Reads `len` bytes of `text` in the format; NULL with err filled if the
 * loader refuses them. The graph is the caller's. */
ng_graph *ng_test_read(ng_format format, const char *text, size_t len, ng_error *err);

/* Like ng_test_read on a C string, failing the test if it is refused. */
ng_graph *ng_test_load(ng_format format, const char *text);

/* Reads the file `name` of $NG_TESTS_DIR/io/data, failing if refused. */
ng_graph *ng_test_load_data(ng_format format, const char *name);

/* The graph written in the format, NUL-terminated; free with free. */
char *ng_test_write(const ng_graph *graph, ng_format format);

/* Asserts that writing the graph, reading it back and writing it again
 * gives the same bytes. Takes the graph. */
void ng_test_assert_round_trip(ng_graph *graph, ng_format format);

/* Asserts that the loader refuses `len` bytes of `text` with `status`, a
 * message naming NG_TEST_SOURCE and containing `words`, and the line
 * `line` (0: any line; -1: none is asserted). */
void ng_test_assert_refused(ng_format format, const char *text, size_t len, ng_status status,
                            long line, const char *words);

/* A random graph: up to `size` entities of every type and up to 3 x size
 * edges of every relation, with one to three evidence records each, from
 * a few documents, some with items and triggers. Deterministic in
 * `seed`; owned by the caller. */
ng_graph *ng_test_random_graph(unsigned seed, int size);

/* Text repeated to `len` bytes between `before` and `after`; free with
 * free. */
char *ng_test_big_text(const char *before, char fill, size_t len, const char *after,
                       size_t *total);

/* Sends standard error to a temporary file until ng_test_stderr_end,
 * which returns what was written there (free with free). */
void ng_test_stderr_begin(void);
char *ng_test_stderr_end(void);

/* The edge (source id, relation, target id), failing if there is none. */
const ng_edge *ng_test_edge(const ng_graph *graph, const char *source, ng_relation relation,
                            const char *target);

#endif
