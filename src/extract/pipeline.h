/* The extraction pipeline, for the code that runs it on several threads. */
#ifndef NG_EXTRACT_PIPELINE_H
#define NG_EXTRACT_PIPELINE_H

#include <newsgraph/extract.h>

#include "extract/found.h"

/* Extracts `doc` into `found` (emptied first), which is then what
 * ng_extract_document would add to a graph (through ng_appender_add).
 * Returns 0, NG_ERR_NOMEM, or NG_ERR_INVALID for a document without a
 * name; `found` may then hold part of the document. */
int ng_extract_found(ng_extractor *x, ng_found *found, const ng_document *doc, ng_error *err);

#endif
