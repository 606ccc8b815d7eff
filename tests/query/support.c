#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <newsgraph/io.h>

const test_fact test_traversal_facts[] = {
    {"one.txt", "Alice", NG_ENTITY_PERSON, NG_RELATION_MEETS, "Bob", NG_ENTITY_PERSON,
     NG_MODALITY_ASSERTED, "2023-01-10", 1},
    {"one.txt", "Bob", NG_ENTITY_PERSON, NG_RELATION_VISITS, "Carland", NG_ENTITY_COUNTRY,
     NG_MODALITY_ASSERTED, "2023-02-01", 2},
    {"two.txt", "Carland", NG_ENTITY_COUNTRY, NG_RELATION_SUPPLIES, "Dorvia",
     NG_ENTITY_COUNTRY, NG_MODALITY_ALLEGED, "2023-03-05", 1},
    {"two.txt", "Dorvia", NG_ENTITY_COUNTRY, NG_RELATION_SANCTIONS, "Estoria",
     NG_ENTITY_COUNTRY, NG_MODALITY_ASSERTED, NULL, 2},
    {"one.txt", "Bob", NG_ENTITY_PERSON, NG_RELATION_SUPPLIES, "Dorvia", NG_ENTITY_COUNTRY,
     NG_MODALITY_PLANNED, "2023-02-20", 3},
    {"three.txt", "Estoria", NG_ENTITY_COUNTRY, NG_RELATION_SUPPLIES, "Carland",
     NG_ENTITY_COUNTRY, NG_MODALITY_DENIED, "2023-04-01", 1},
    {"one.txt", "Alice", NG_ENTITY_PERSON, NG_RELATION_VISITS, "Fort Place", NG_ENTITY_PLACE,
     NG_MODALITY_ASSERTED, "2022-12-01", 4},
    {"three.txt", "Alice", NG_ENTITY_PERSON, NG_RELATION_VISITS, "Fort Place",
     NG_ENTITY_PLACE, NG_MODALITY_ASSERTED, "2023-01-05", 2},
    {"two.txt", "Gamma Org", NG_ENTITY_ORGANIZATION, NG_RELATION_SANCTIONS, "Dorvia",
     NG_ENTITY_COUNTRY, NG_MODALITY_ASSERTED, "2023-05-01", 3},
};
const size_t test_traversal_fact_count = sizeof test_traversal_facts / sizeof *test_traversal_facts;

static const ng_docinfo documents[] = {
    {"one.txt", "2023-02-20", 4},
    {"two.txt", NULL, 3},
    {"three.txt", "2023-04-01", 2},
};

static const ng_entity *mention(ng_graph *g, const char *label, ng_entity_type type,
                                const char *doc)
{
    const ng_entity *e = ng_graph_add_entity(g, label, type, NULL);
    return e && ng_graph_add_mentions(g, e, doc, 1, NULL) == 0 ? e : NULL;
}

static int add_fact(ng_graph *g, const test_fact *f)
{
    for (size_t i = 0; i < sizeof documents / sizeof *documents; i++)
        if (strcmp(documents[i].name, f->doc) == 0 &&
            ng_graph_add_document(g, &documents[i], NULL) != 0)
            return -1;
    const ng_entity *s = mention(g, f->source, f->source_type, f->doc);
    const ng_entity *t = mention(g, f->target, f->target_type, f->doc);
    const ng_edge *e = s && t ? ng_graph_add_edge(g, s, f->relation, t, NULL) : NULL;
    char text[128];
    snprintf(text, sizeof text, "%s %s %s.", f->source, ng_relation_name(f->relation),
             f->target);
    ng_evidence ev = {f->doc, f->sentence, f->sentence * 100, f->sentence * 100 + 50, text,
                      ng_relation_name(f->relation), f->modality, f->date, NULL, NULL};
    return e && ng_graph_add_evidence(g, e, &ev, NULL) == 0 ? 0 : -1;
}

ng_graph *test_graph_of(const test_fact *facts, size_t count, const char *doc, int reversed)
{
    ng_graph *g = ng_graph_new(NULL);
    int bad = !g || ng_graph_set_label(g, "test", NULL) != 0;
    for (size_t k = 0; k < count && !bad; k++) {
        const test_fact *f = &facts[reversed ? count - 1 - k : k];
        if (!doc || strcmp(doc, f->doc) == 0)
            bad = add_fact(g, f) != 0;
    }
    if (bad) {
        ng_graph_free(g);
        return NULL;
    }
    return g;
}

ng_graph *test_traversal_graph(void)
{
    return test_graph_of(test_traversal_facts, test_traversal_fact_count, NULL, 0);
}

char *test_json_of(const ng_graph *graph)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return NULL;
    int rc = ng_io_write(graph, NG_FORMAT_JSON, f, NULL);
    if (fclose(f) != 0 || rc != 0) {
        free(text);
        return NULL;
    }
    return text;
}
