/* newsgraph: the whole public API in one include.
 *
 * The library turns English news text into a graph of actors and places
 * joined by four relations (meets, visits, supplies, sanctions), keeps the
 * evidence of every edge, and writes the graph as JSON, GraphML or DOT.
 *
 *   graph.h    the model: entities, edges, evidence
 *   extract.h  reading documents and extracting a graph from them
 *   io.h       exporters and loaders
 *   query.h    filters, neighbours, paths, statistics, merging
 *   render.h   diagrams (SVG, PNG, PDF) drawn with Graphviz
 *   eval.h     scoring a graph against gold annotations
 *   error.h    status codes and the error record
 */
#ifndef NEWSGRAPH_H
#define NEWSGRAPH_H

#include <newsgraph/error.h>
#include <newsgraph/eval.h>
#include <newsgraph/extract.h>
#include <newsgraph/graph.h>
#include <newsgraph/io.h>
#include <newsgraph/query.h>
#include <newsgraph/render.h>
#include <newsgraph/version.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library's version, e.g. "0.1.0" (static string). It may differ from
 * NG_VERSION_STRING when a program runs against a newer shared library. */
const char *ng_version(void);

#ifdef __cplusplus
}
#endif

#endif
