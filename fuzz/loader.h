/* Shared body of the graph loader fuzz targets. */
#ifndef NG_FUZZ_LOADER_H
#define NG_FUZZ_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include <newsgraph/newsgraph.h>

/* Reads the bytes as a graph in `format` and, if they load, writes the
 * graph back in the same format, as a round trip would. */
void ng_fuzz_load(ng_format format, const uint8_t *data, size_t size);

#endif
