/* Writes a fixture graph to a file, for the external validators:
 *     export-fixture summit|awkward json|graphml|dot PATH
 */
#include <stdio.h>
#include <string.h>

#include <newsgraph/io.h>

#include "fixtures.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: export-fixture summit|awkward FORMAT PATH\n");
        return 2;
    }
    ng_graph *g = strcmp(argv[1], "summit") == 0    ? ng_fixture_summit()
                  : strcmp(argv[1], "awkward") == 0 ? ng_fixture_awkward()
                                                    : NULL;
    ng_format f = ng_format_from_name(argv[2]);
    if (!g || f == NG_FORMAT_UNKNOWN) {
        fprintf(stderr, "export-fixture: unknown fixture or format\n");
        ng_graph_free(g);
        return 2;
    }
    ng_error err;
    int rc = ng_io_save(g, f, argv[3], &err);
    ng_graph_free(g);
    if (rc != 0) {
        fprintf(stderr, "export-fixture: %s: %s\n", err.source, err.text);
        return 1;
    }
    return 0;
}
