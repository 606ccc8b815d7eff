/* graph_summary: load a graph saved by `newsgraph extract` and print its
 * edges with their strongest modality and first evidence sentence.
 *
 *     graph_summary out/graph.json
 *
 * Build against an installed library with
 *     cc graph_summary.c $(pkg-config --cflags --libs newsgraph)
 */
#include <stdio.h>

#include <newsgraph/newsgraph.h>

/* Evidence records are read into a reader, which owns the copy. */
static void print_edge(const ng_edge *e, ng_evidence_reader *reader)
{
    const ng_evidence *first =
        ng_edge_evidence_count(e) ? ng_edge_evidence_read(e, 0, reader, NULL) : NULL;
    printf("%s %s %s [%s, %zu evidence]\n", ng_entity_label(ng_edge_source(e)),
           ng_relation_name(ng_edge_relation(e)), ng_entity_label(ng_edge_target(e)),
           ng_modality_name(ng_edge_modality(e)), ng_edge_weight(e));
    if (first && first->text)
        printf("    \"%s\" (%s)\n", first->text, first->doc);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: graph_summary GRAPH.json\n");
        return 2;
    }
    ng_error err;
    ng_graph *g = ng_io_load(argv[1], NG_FORMAT_UNKNOWN, &err);
    if (!g) {
        fprintf(stderr, "graph_summary: %s: %s\n", err.source, err.text);
        return 1;
    }
    printf("%zu documents, %zu entities, %zu edges\n", ng_graph_document_count(g),
           ng_graph_entity_count(g), ng_graph_edge_count(g));
    ng_evidence_reader *reader = ng_evidence_reader_new(&err);
    for (size_t i = 0; reader && i < ng_graph_edge_count(g); i++)
        print_edge(ng_graph_edge_at(g, i), reader);
    ng_evidence_reader_free(reader);
    ng_graph_free(g);
    return 0;
}
