/* Small graphs built through the public API, shared by the tests. */
#ifndef NG_TEST_FIXTURES_H
#define NG_TEST_FIXTURES_H

#include <newsgraph/graph.h>

/* A summit graph: Kim Jong Un meets Vladimir Putin (two evidence records,
 * asserted and planned, at Vostochny Cosmodrome) and visits the
 * cosmodrome; North Korea supplies Russia (alleged, artillery shells);
 * the United States sanctions North Korea (asserted) and denies supplying
 * Russia (denied); the UN Security Council is mentioned but has no edge.
 * Seven entities of all four types, five edges (the two `meets` records
 * share one), two documents. Owned by the caller; NULL only if out of memory. */
ng_graph *ng_fixture_summit(void);

/* A graph whose labels and evidence hold everything that breaks output
 * formats: quotes, backslashes, '&', '<', '>', "]]>", newlines, tabs,
 * a bell character, invalid UTF-8, a bidi override, Korean and Chinese
 * text, and DOT keywords ("node", "graph"). Owned by the caller. */
ng_graph *ng_fixture_awkward(void);

/* Evidence record i of the edge, read into one reader shared by a test
 * program: valid until the next call of either function below. NULL if
 * the record cannot be read. */
const ng_evidence *ng_test_evidence(const ng_edge *edge, size_t i);

/* The edge's strongest record (see ng_edge_strongest_index), likewise;
 * NULL if the edge has no evidence. */
const ng_evidence *ng_test_strongest(const ng_edge *edge);

#endif
