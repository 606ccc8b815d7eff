/* Fuzz target: arbitrary bytes through the JSON graph loader, which reads
 * them as a stream. They are loaded in full and written back, then loaded
 * again without evidence records or entity documents: both loads must
 * agree on whether the bytes are a graph (with the same message if not)
 * and on the weight and modality of every edge. A disagreement aborts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ng_graph *load(const uint8_t *data, size_t size, unsigned flags, ng_error *err)
{
    FILE *in = size ? fmemopen((void *)data, size, "rb") : fopen("/dev/null", "rb");
    if (!in)
        abort();
    ng_graph *g = ng_io_read_with_flags(NG_FORMAT_JSON, in, "fuzz", flags, err);
    fclose(in);
    return g;
}

static int same_failure(const ng_error *a, const ng_error *b)
{
    return a->status == b->status && strcmp(a->text, b->text) == 0 && a->line == b->line &&
           a->column == b->column && a->offset == b->offset;
}

static int same_summaries(const ng_graph *full, const ng_graph *light)
{
    if (ng_graph_edge_count(full) != ng_graph_edge_count(light) ||
        ng_graph_entity_count(full) != ng_graph_entity_count(light))
        return 0;
    for (size_t i = 0; i < ng_graph_edge_count(full); i++) {
        const ng_edge *a = ng_graph_edge_at(full, i), *b = ng_graph_edge_at(light, i);
        if (ng_edge_weight(a) != ng_edge_weight(b) || ng_edge_modality(a) != ng_edge_modality(b) ||
            ng_edge_evidence_count(b) != 0)
            return 0;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ng_fuzz_load(NG_FORMAT_JSON, data, size);
    ng_error full_err, light_err;
    ng_graph *full = load(data, size, 0, &full_err);
    ng_graph *light = load(data, size, NG_LOAD_SKIP_EVIDENCE | NG_LOAD_SKIP_ENTITY_DOCS, &light_err);
    if (!full != !light || (!full && full_err.status != NG_ERR_NOMEM &&
                            !same_failure(&full_err, &light_err)))
        abort();
    if (full && !same_summaries(full, light))
        abort();
    ng_graph_free(full);
    ng_graph_free(light);
    return 0;
}
