/* text_to_graph: build a graph from news text and print it.
 *
 *     text_to_graph FILE...        (a directory is read recursively; - is standard input)
 *
 * prints each entity with its type and number of mentions, then each
 * relation with its certainty, its number of evidence sentences and the
 * strongest of them. Problems with one input are reported and the others
 * are still read.
 *
 * Build against an installed library with
 *     cc text_to_graph.c $(pkg-config --cflags --libs newsgraph)
 */
#include <stdio.h>

#include <newsgraph/newsgraph.h>

static void report(const ng_error *err)
{
    fprintf(stderr, "text_to_graph: %s%s%s\n", err->source, err->source[0] ? ": " : "",
            err->text);
}

/* Reads every input into the graph; returns the number of problems. */
static int read_all(ng_extractor *x, ng_reader *reader, ng_graph *graph)
{
    const ng_document *doc;
    ng_error err;
    int rc, problems = 0;
    while ((rc = ng_reader_next(reader, &doc, &err)) != 0) {
        if (rc > 0)
            rc = ng_extract_document(x, graph, doc, &err);
        if (rc < 0) {
            report(&err);
            problems++;
        }
    }
    return problems;
}

static void print_graph(const ng_graph *g)
{
    printf("%zu entities\n", ng_graph_entity_count(g));
    for (size_t i = 0; i < ng_graph_entity_count(g); i++) {
        const ng_entity *e = ng_graph_entity_at(g, i);
        long mentions = ng_entity_mentions(e);
        printf("  %s (%s, %ld mention%s)\n", ng_entity_label(e),
               ng_entity_type_name(ng_entity_typeof(e)), mentions, mentions == 1 ? "" : "s");
    }
    printf("%zu relations\n", ng_graph_edge_count(g));
    ng_evidence_reader *reader = ng_evidence_reader_new(NULL);
    for (size_t i = 0; reader && i < ng_graph_edge_count(g); i++) {
        const ng_edge *e = ng_graph_edge_at(g, i);
        size_t strongest = ng_edge_strongest_index(e);
        const ng_evidence *best =
            strongest == SIZE_MAX ? NULL : ng_edge_evidence_read(e, strongest, reader, NULL);
        printf("  %s %s %s (%s, %zu evidence)\n", ng_entity_label(ng_edge_source(e)),
               ng_relation_name(ng_edge_relation(e)), ng_entity_label(ng_edge_target(e)),
               ng_modality_name(ng_edge_modality(e)), ng_edge_weight(e));
        if (best && best->text)
            printf("      \"%s\"\n", best->text);
    }
    ng_evidence_reader_free(reader);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: text_to_graph FILE...\n");
        return 2;
    }
    ng_error err;
    ng_extractor *x = ng_extractor_new(NULL, &err); /* the built-in dictionary */
    ng_reader *reader = x ? ng_reader_new(NULL, &err) : NULL;
    ng_graph *graph = reader ? ng_graph_new(&err) : NULL;
    if (!graph) {
        report(&err);
        ng_reader_free(reader);
        ng_extractor_free(x);
        return 1;
    }
    int problems = 0;
    for (int i = 1; i < argc; i++)
        if (ng_reader_add(reader, argv[i], &err) != 0) {
            report(&err);
            problems++;
        }
    problems += read_all(x, reader, graph);
    print_graph(graph);
    ng_graph_free(graph);
    ng_reader_free(reader);
    ng_extractor_free(x);
    return problems ? 1 : 0;
}
