#include "fixtures.h"

#include <stddef.h>
#include <stdint.h>

/* Lives as long as the test program. */
static ng_evidence_reader *test_reader;

const ng_evidence *ng_test_evidence(const ng_edge *edge, size_t i)
{
    if (!test_reader && !(test_reader = ng_evidence_reader_new(NULL)))
        return NULL;
    return ng_edge_evidence_read(edge, i, test_reader, NULL);
}

const ng_evidence *ng_test_strongest(const ng_edge *edge)
{
    size_t i = ng_edge_strongest_index(edge);
    return i == SIZE_MAX ? NULL : ng_test_evidence(edge, i);
}

static const ng_entity *add(ng_graph *g, const char *label, ng_entity_type type)
{
    return ng_graph_add_entity(g, label, type, NULL);
}

static int link(ng_graph *g, const ng_entity *a, ng_relation rel, const ng_entity *b,
                const ng_evidence *ev)
{
    const ng_edge *e = ng_graph_add_edge(g, a, rel, b, NULL);
    return e && ng_graph_add_evidence(g, e, ev, NULL) == 0 ? 0 : -1;
}

ng_graph *ng_fixture_summit(void)
{
    ng_graph *g = ng_graph_new(NULL);
    if (!g)
        return NULL;
    int bad = ng_graph_set_label(g, "summit fixture", NULL) != 0;
    ng_docinfo d1 = {"a.txt", "2023-09-13", 3}, d2 = {"b.txt", NULL, 1};
    bad |= ng_graph_add_document(g, &d1, NULL) != 0;
    bad |= ng_graph_add_document(g, &d2, NULL) != 0;

    const ng_entity *kim = add(g, "Kim Jong Un", NG_ENTITY_PERSON);
    const ng_entity *putin = add(g, "Vladimir Putin", NG_ENTITY_PERSON);
    const ng_entity *nk = add(g, "North Korea", NG_ENTITY_COUNTRY);
    const ng_entity *ru = add(g, "Russia", NG_ENTITY_COUNTRY);
    const ng_entity *us = add(g, "United States", NG_ENTITY_COUNTRY);
    const ng_entity *vc = add(g, "Vostochny Cosmodrome", NG_ENTITY_PLACE);
    const ng_entity *un = add(g, "UN Security Council", NG_ENTITY_ORGANIZATION);
    if (bad || !kim || !putin || !nk || !ru || !us || !vc || !un) {
        ng_graph_free(g);
        return NULL;
    }
    bad |= ng_graph_add_alias(g, kim, "Kim Jong-un", NULL);
    bad |= ng_graph_add_alias(g, kim, "Mr Kim", NULL);
    bad |= ng_graph_add_alias(g, putin, "Putin", NULL);
    bad |= ng_graph_add_mentions(g, kim, "a.txt", 3, NULL);
    bad |= ng_graph_add_mentions(g, kim, "b.txt", 1, NULL);
    bad |= ng_graph_add_mentions(g, putin, "a.txt", 2, NULL);
    bad |= ng_graph_add_mentions(g, un, "b.txt", 1, NULL);

    ng_evidence met = {"a.txt", 1, 0, 42, "Kim Jong Un met Vladimir Putin at Vostochny.",
                       "met", NG_MODALITY_ASSERTED, "2023-09-13", "vostochny-cosmodrome", NULL};
    ng_evidence will = {"b.txt", 1, 10, 50, "Kim will meet Putin again.", "meet",
                        NG_MODALITY_PLANNED, NULL, NULL, NULL};
    ng_evidence visit = {"a.txt", 2, 43, 80, "Kim arrived at Vostochny Cosmodrome.", "arrived",
                         NG_MODALITY_ASSERTED, "2023-09-13", NULL, NULL};
    ng_evidence arms = {"a.txt", 3, 81, 150, "North Korea is accused of supplying shells to Russia.",
                        "supplying", NG_MODALITY_ALLEGED, "2023-09-13", NULL, "artillery shells"};
    ng_evidence sanc = {"b.txt", 1, 0, 9, "The US sanctioned North Korea.", "sanctioned",
                        NG_MODALITY_ASSERTED, NULL, NULL, NULL};
    ng_evidence deny = {"b.txt", 1, 0, 9, "The US did not supply Russia.", "supply",
                        NG_MODALITY_DENIED, NULL, NULL, "weapons"};
    bad |= link(g, putin, NG_RELATION_MEETS, kim, &met);
    bad |= link(g, kim, NG_RELATION_MEETS, putin, &will);
    bad |= link(g, kim, NG_RELATION_VISITS, vc, &visit);
    bad |= link(g, nk, NG_RELATION_SUPPLIES, ru, &arms);
    bad |= link(g, us, NG_RELATION_SANCTIONS, nk, &sanc);
    bad |= link(g, us, NG_RELATION_SUPPLIES, ru, &deny);
    if (bad) {
        ng_graph_free(g);
        return NULL;
    }
    return g;
}

ng_graph *ng_fixture_awkward(void)
{
    ng_graph *g = ng_graph_new(NULL);
    if (!g)
        return NULL;
    int bad = ng_graph_set_label(g, "awkward \"labels\" & <tags>\n", NULL) != 0;
    ng_docinfo d = {"odd \"name\".txt", "2024-01-02", 2};
    bad |= ng_graph_add_document(g, &d, NULL) != 0;

    const ng_entity *quote = add(g, "Quote \"Group\" \\ & <Co>", NG_ENTITY_ORGANIZATION);
    const ng_entity *lines = add(g, "Line\nBreak\tTab Org", NG_ENTITY_ORGANIZATION);
    const ng_entity *kor = add(g, "\xea\xb9\x80\xec\xa0\x95\xec\x9d\x80", NG_ENTITY_PERSON);
    const ng_entity *chn = add(g, "\xe5\xb9\xb3\xe5\xa3\xa4", NG_ENTITY_PLACE);
    const ng_entity *bell = add(g, "Bell\aName ]]> </data>", NG_ENTITY_PERSON);
    const ng_entity *bad8 = add(g, "Bad\xff\xfe" "Bytes", NG_ENTITY_COUNTRY);
    const ng_entity *bidi = add(g, "evil\xe2\x80\xae" "edirrevo", NG_ENTITY_PERSON);
    const ng_entity *kw = add(g, "node", NG_ENTITY_PLACE);
    const ng_entity *kw2 = add(g, "graph", NG_ENTITY_COUNTRY);
    if (bad || !quote || !lines || !kor || !chn || !bell || !bad8 || !bidi || !kw || !kw2) {
        ng_graph_free(g);
        return NULL;
    }
    bad |= ng_graph_add_alias(g, quote, "<script>alert(1)</script>", NULL);
    bad |= ng_graph_add_mentions(g, kor, d.name, 2, NULL);

    ng_evidence ev = {d.name, 1, 0, 30, "He said \"hi\" \\ <b>&amp;</b>\nthen \x01left.", "said",
                      NG_MODALITY_ASSERTED, "2024-01-02", NULL, "\"arms\" & <ammo>"};
    bad |= link(g, quote, NG_RELATION_SUPPLIES, lines, &ev);
    bad |= link(g, kor, NG_RELATION_VISITS, chn, &ev);
    bad |= link(g, bell, NG_RELATION_MEETS, bidi, &ev);
    bad |= link(g, bad8, NG_RELATION_SANCTIONS, kw2, &ev);
    bad |= link(g, kw, NG_RELATION_MEETS, kor, &ev);
    if (bad) {
        ng_graph_free(g);
        return NULL;
    }
    return g;
}
