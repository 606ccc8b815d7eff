#include "loader.h"

#include <stdio.h>
#include <stdlib.h>

/* fmemopen refuses a zero-length buffer, and an empty input must still
 * reach the loaders, so it is read from /dev/null. */
static FILE *open_input(const uint8_t *data, size_t size)
{
    if (size == 0)
        return fopen("/dev/null", "rb");
    return fmemopen((void *)data, size, "rb");
}

void ng_fuzz_load(ng_format format, const uint8_t *data, size_t size)
{
    FILE *in = open_input(data, size);
    if (in == NULL)
        return;
    ng_error err;
    ng_graph *g = ng_io_read(format, in, "fuzz", &err);
    fclose(in);
    if (g == NULL)
        return;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (out != NULL) {
        ng_io_write(g, format, out, &err);
        fclose(out);
    }
    free(buf);
    ng_graph_free(g);
}
