/* The graph model through its public API. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <newsgraph/graph.h>
#include <newsgraph/io.h>

#include "fixtures.h"

static int setup(void **state)
{
    *state = ng_graph_new(NULL);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    ng_graph_free(*state);
    return 0;
}

static ng_evidence evidence(const char *doc, long sentence, ng_modality m)
{
    ng_evidence ev = {doc, sentence, 0, 10, "A sentence.", "met", m, NULL, NULL, NULL};
    return ev;
}

static void test_entity_id_is_slug_of_label(void **state)
{
    ng_graph *g = *state;
    const ng_entity *e = ng_graph_add_entity(g, "Kim Jong Un", NG_ENTITY_PERSON, NULL);
    assert_non_null(e);
    assert_string_equal(ng_entity_id(e), "kim-jong-un");
    assert_string_equal(ng_entity_label(e), "Kim Jong Un");
    assert_int_equal(ng_entity_typeof(e), NG_ENTITY_PERSON);
    assert_int_equal(ng_entity_index(e), 0);
}

static void test_same_slug_and_type_is_same_entity_with_alias(void **state)
{
    ng_graph *g = *state;
    const ng_entity *a = ng_graph_add_entity(g, "Kim Jong Un", NG_ENTITY_PERSON, NULL);
    const ng_entity *b = ng_graph_add_entity(g, "Kim Jong-un", NG_ENTITY_PERSON, NULL);
    assert_ptr_equal(a, b);
    assert_int_equal(ng_graph_entity_count(g), 1);
    assert_int_equal(ng_entity_alias_count(a), 1);
    assert_string_equal(ng_entity_alias_at(a, 0), "Kim Jong-un");
}

static void test_same_slug_other_type_gets_type_suffix(void **state)
{
    ng_graph *g = *state;
    const ng_entity *c = ng_graph_add_entity(g, "Georgia", NG_ENTITY_COUNTRY, NULL);
    const ng_entity *p = ng_graph_add_entity(g, "Georgia", NG_ENTITY_PLACE, NULL);
    assert_ptr_not_equal(c, p);
    assert_string_equal(ng_entity_id(c), "georgia");
    assert_string_equal(ng_entity_id(p), "georgia-place");
    assert_ptr_equal(ng_graph_add_entity(g, "Georgia", NG_ENTITY_PLACE, NULL), p);
}

static void test_empty_label_is_rejected(void **state)
{
    ng_graph *g = *state;
    ng_error err;
    assert_null(ng_graph_add_entity(g, "", NG_ENTITY_PERSON, &err));
    assert_int_equal(err.status, NG_ERR_INVALID);
}

static void test_label_without_letters_gets_generic_id(void **state)
{
    ng_graph *g = *state;
    const ng_entity *e = ng_graph_add_entity(g, "???", NG_ENTITY_PLACE, NULL);
    assert_non_null(e);
    assert_string_equal(ng_entity_id(e), "entity");
}

static void test_entity_with_id_keeps_given_id(void **state)
{
    ng_graph *g = *state;
    const ng_entity *e =
        ng_graph_add_entity_with_id(g, "n-42", "Someone", NG_ENTITY_PERSON, NULL);
    assert_string_equal(ng_entity_id(e), "n-42");
    assert_ptr_equal(ng_graph_entity_by_id(g, "n-42"), e);
    ng_error err;
    assert_null(ng_graph_add_entity_with_id(g, "n-42", "Someone", NG_ENTITY_PLACE, &err));
    assert_int_equal(err.status, NG_ERR_INVALID);
}

static void test_find_ignores_case_hyphens_and_spacing(void **state)
{
    ng_graph *g = *state;
    const ng_entity *e = ng_graph_add_entity(g, "Kim Jong Un", NG_ENTITY_PERSON, NULL);
    assert_ptr_equal(ng_graph_find(g, "kim jong-UN"), e);
    assert_ptr_equal(ng_graph_find(g, "  Kim   Jong  Un "), e);
    assert_ptr_equal(ng_graph_find(g, "kim-jong-un"), e);
    assert_null(ng_graph_find(g, "Kim"));
}

static void test_find_by_alias(void **state)
{
    ng_graph *g = *state;
    const ng_entity *e = ng_graph_add_entity(g, "North Korea", NG_ENTITY_COUNTRY, NULL);
    assert_int_equal(ng_graph_add_alias(g, e, "DPRK", NULL), 0);
    assert_ptr_equal(ng_graph_find(g, "dprk"), e);
}

static void test_find_prefers_label_over_alias(void **state)
{
    ng_graph *g = *state;
    const ng_entity *country = ng_graph_add_entity(g, "North Korea", NG_ENTITY_COUNTRY, NULL);
    assert_int_equal(ng_graph_add_alias(g, country, "Pyongyang", NULL), 0);
    const ng_entity *city = ng_graph_add_entity(g, "Pyongyang", NG_ENTITY_PLACE, NULL);
    assert_ptr_equal(ng_graph_find(g, "pyongyang"), city);
    const ng_entity *all[4];
    assert_int_equal(ng_graph_find_all(g, "Pyongyang", all, 4), 2);
    assert_ptr_equal(all[0], country);
    assert_ptr_equal(all[1], city);
}

static void test_duplicate_alias_is_ignored(void **state)
{
    ng_graph *g = *state;
    const ng_entity *e = ng_graph_add_entity(g, "Vladimir Putin", NG_ENTITY_PERSON, NULL);
    assert_int_equal(ng_graph_add_alias(g, e, "Putin", NULL), 0);
    assert_int_equal(ng_graph_add_alias(g, e, "Putin", NULL), 0);
    assert_int_equal(ng_graph_add_alias(g, e, "Vladimir Putin", NULL), 0);
    assert_int_equal(ng_entity_alias_count(e), 1);
}

static void test_mentions_count_and_list_documents_once(void **state)
{
    ng_graph *g = *state;
    const ng_entity *e = ng_graph_add_entity(g, "Russia", NG_ENTITY_COUNTRY, NULL);
    assert_int_equal(ng_graph_add_mentions(g, e, "a.txt", 2, NULL), 0);
    assert_int_equal(ng_graph_add_mentions(g, e, "b.txt", 1, NULL), 0);
    assert_int_equal(ng_graph_add_mentions(g, e, "a.txt", 1, NULL), 0);
    assert_int_equal(ng_graph_add_mentions(g, e, NULL, 3, NULL), 0);
    assert_int_equal(ng_entity_mentions(e), 7);
    assert_int_equal(ng_entity_doc_count(e), 2);
    assert_string_equal(ng_entity_doc_at(e, 0), "a.txt");
    assert_string_equal(ng_entity_doc_at(e, 1), "b.txt");
    assert_null(ng_entity_doc_at(e, 2));
}

/* Documents met out of order (as in a merge), with another entity's
 * documents in between, are still listed once each in the order added. */
static void test_documents_out_of_order_are_listed_once(void **state)
{
    ng_graph *g = *state;
    const ng_entity *e = ng_graph_add_entity(g, "Russia", NG_ENTITY_COUNTRY, NULL);
    const ng_entity *f = ng_graph_add_entity(g, "China", NG_ENTITY_COUNTRY, NULL);
    const char *order[] = {"c.txt", "a.txt", "b.txt", "a.txt", "c.txt", "d.txt", "b.txt"};
    assert_int_equal(ng_graph_add_mentions(g, f, "a.txt", 1, NULL), 0);
    assert_int_equal(ng_graph_add_mentions(g, f, "b.txt", 1, NULL), 0);
    for (size_t i = 0; i < sizeof order / sizeof *order; i++)
        assert_int_equal(ng_graph_add_mentions(g, e, order[i], 1, NULL), 0);
    assert_int_equal(ng_entity_doc_count(e), 4);
    assert_string_equal(ng_entity_doc_at(e, 0), "c.txt");
    assert_string_equal(ng_entity_doc_at(e, 1), "a.txt");
    assert_string_equal(ng_entity_doc_at(e, 2), "b.txt");
    assert_string_equal(ng_entity_doc_at(e, 3), "d.txt");
    assert_int_equal(ng_entity_doc_count(f), 2);
}

static void test_meets_is_undirected_and_canonical(void **state)
{
    ng_graph *g = *state;
    const ng_entity *putin = ng_graph_add_entity(g, "Vladimir Putin", NG_ENTITY_PERSON, NULL);
    const ng_entity *kim = ng_graph_add_entity(g, "Kim Jong Un", NG_ENTITY_PERSON, NULL);
    const ng_edge *a = ng_graph_add_edge(g, putin, NG_RELATION_MEETS, kim, NULL);
    const ng_edge *b = ng_graph_add_edge(g, kim, NG_RELATION_MEETS, putin, NULL);
    assert_ptr_equal(a, b);
    assert_int_equal(ng_graph_edge_count(g), 1);
    assert_ptr_equal(ng_edge_source(a), kim); /* "kim-jong-un" < "vladimir-putin" */
    assert_ptr_equal(ng_edge_target(a), putin);
    assert_int_equal(ng_edge_directed(a), 0);
    assert_ptr_equal(ng_graph_find_edge(g, putin, NG_RELATION_MEETS, kim), a);
}

static void test_directed_relation_keeps_direction(void **state)
{
    ng_graph *g = *state;
    const ng_entity *nk = ng_graph_add_entity(g, "North Korea", NG_ENTITY_COUNTRY, NULL);
    const ng_entity *ru = ng_graph_add_entity(g, "Russia", NG_ENTITY_COUNTRY, NULL);
    const ng_edge *a = ng_graph_add_edge(g, nk, NG_RELATION_SUPPLIES, ru, NULL);
    const ng_edge *b = ng_graph_add_edge(g, ru, NG_RELATION_SUPPLIES, nk, NULL);
    assert_ptr_not_equal(a, b);
    assert_int_equal(ng_edge_directed(a), 1);
    assert_null(ng_graph_find_edge(g, nk, NG_RELATION_SANCTIONS, ru));
}

static void test_self_edge_is_rejected(void **state)
{
    ng_graph *g = *state;
    const ng_entity *kim = ng_graph_add_entity(g, "Kim Jong Un", NG_ENTITY_PERSON, NULL);
    ng_error err;
    assert_null(ng_graph_add_edge(g, kim, NG_RELATION_MEETS, kim, &err));
    assert_int_equal(err.status, NG_ERR_INVALID);
}

static void test_entity_of_other_graph_is_rejected(void **state)
{
    ng_graph *g = *state;
    ng_graph *other = ng_graph_new(NULL);
    const ng_entity *a = ng_graph_add_entity(g, "A", NG_ENTITY_PERSON, NULL);
    const ng_entity *b = ng_graph_add_entity(other, "B", NG_ENTITY_PERSON, NULL);
    ng_error err;
    assert_null(ng_graph_add_edge(g, a, NG_RELATION_MEETS, b, &err));
    assert_int_equal(err.status, NG_ERR_INVALID);
    assert_int_equal(ng_graph_add_alias(g, b, "x", NULL), NG_ERR_INVALID);
    ng_graph_free(other);
}

static void test_weight_counts_evidence_and_modality_is_strongest(void **state)
{
    ng_graph *g = *state;
    const ng_entity *a = ng_graph_add_entity(g, "A", NG_ENTITY_PERSON, NULL);
    const ng_entity *b = ng_graph_add_entity(g, "B", NG_ENTITY_PERSON, NULL);
    const ng_edge *e = ng_graph_add_edge(g, a, NG_RELATION_MEETS, b, NULL);
    assert_int_equal(ng_edge_weight(e), 0);
    assert_int_equal(ng_edge_modality(e), NG_MODALITY_ASSERTED);
    ng_evidence d = evidence("x.txt", 1, NG_MODALITY_DENIED);
    ng_evidence p = evidence("x.txt", 2, NG_MODALITY_PLANNED);
    ng_evidence al = evidence("y.txt", 1, NG_MODALITY_ALLEGED);
    assert_int_equal(ng_graph_add_evidence(g, e, &d, NULL), 0);
    assert_int_equal(ng_edge_modality(e), NG_MODALITY_DENIED);
    assert_int_equal(ng_graph_add_evidence(g, e, &p, NULL), 0);
    assert_int_equal(ng_graph_add_evidence(g, e, &al, NULL), 0);
    assert_int_equal(ng_edge_weight(e), 3);
    assert_int_equal(ng_edge_modality(e), NG_MODALITY_PLANNED);
}

static void test_strongest_evidence_is_first_with_edge_modality(void **state)
{
    ng_graph *g = *state;
    const ng_entity *a = ng_graph_add_entity(g, "A", NG_ENTITY_PERSON, NULL);
    const ng_entity *b = ng_graph_add_entity(g, "B", NG_ENTITY_PERSON, NULL);
    const ng_edge *e = ng_graph_add_edge(g, a, NG_RELATION_MEETS, b, NULL);
    assert_null(ng_test_strongest(e));
    ng_evidence planned = evidence("x.txt", 1, NG_MODALITY_PLANNED);
    ng_evidence first = evidence("x.txt", 2, NG_MODALITY_ASSERTED);
    ng_evidence second = evidence("x.txt", 3, NG_MODALITY_ASSERTED);
    assert_int_equal(ng_graph_add_evidence(g, e, &planned, NULL), 0);
    assert_int_equal(ng_test_strongest(e)->sentence, 1);
    assert_int_equal(ng_graph_add_evidence(g, e, &first, NULL), 0);
    assert_int_equal(ng_graph_add_evidence(g, e, &second, NULL), 0);
    assert_int_equal(ng_test_strongest(e)->sentence, 2);
}

static void test_identical_evidence_is_recorded_once(void **state)
{
    ng_graph *g = *state;
    const ng_entity *a = ng_graph_add_entity(g, "A", NG_ENTITY_PERSON, NULL);
    const ng_entity *b = ng_graph_add_entity(g, "B", NG_ENTITY_PERSON, NULL);
    const ng_edge *e = ng_graph_add_edge(g, a, NG_RELATION_MEETS, b, NULL);
    ng_evidence ev = evidence("x.txt", 1, NG_MODALITY_ASSERTED);
    char doc[] = "x.txt"; /* another pointer to an equal string */
    ng_evidence same = ev;
    same.doc = doc;
    assert_int_equal(ng_graph_add_evidence(g, e, &ev, NULL), 0);
    assert_int_equal(ng_graph_add_evidence(g, e, &same, NULL), 0);
    assert_int_equal(ng_edge_weight(e), 1);
}

/* An edge with many records keeps them in a set: repeats of early and
 * late records are still recognised once the edge has outgrown a scan. */
static void test_identical_evidence_is_recorded_once_on_a_busy_edge(void **state)
{
    ng_graph *g = *state;
    const ng_entity *a = ng_graph_add_entity(g, "A", NG_ENTITY_PERSON, NULL);
    const ng_entity *b = ng_graph_add_entity(g, "B", NG_ENTITY_PERSON, NULL);
    const ng_edge *e = ng_graph_add_edge(g, a, NG_RELATION_MEETS, b, NULL);
    for (int round = 0; round < 2; round++)
        for (long i = 1; i <= 100; i++) {
            ng_evidence ev = evidence("x.txt", i, NG_MODALITY_ASSERTED);
            assert_int_equal(ng_graph_add_evidence(g, e, &ev, NULL), 0);
            assert_int_equal(ng_edge_evidence_count(e), round ? 100 : (size_t)i);
        }
    ng_evidence other = evidence("x.txt", 1, NG_MODALITY_DENIED);
    assert_int_equal(ng_graph_add_evidence(g, e, &other, NULL), 0);
    assert_int_equal(ng_edge_weight(e), 101);
    assert_int_equal(ng_test_evidence(e, 99)->sentence, 100);
}

/* Builds 300 edges of 1 to 40 records each into g, every record added
 * twice, with sentences long enough to fill the byte log's buffers. */
static void add_many_records(ng_graph *g)
{
    const ng_entity *people[31];
    char name[32], text[600], doc[32], item[32];
    for (int i = 0; i < 31; i++) {
        snprintf(name, sizeof name, "Person %d", i);
        people[i] = ng_graph_add_entity(g, name, NG_ENTITY_PERSON, NULL);
    }
    for (int k = 0; k < 300; k++) {
        const ng_edge *e = ng_graph_add_edge(g, people[k % 31], (ng_relation)(k % 4),
                                             people[(k / 31 + k % 31 + 1) % 31], NULL);
        for (int r = 0; r < 2 * (1 + k % 40); r++) {
            int n = r / 2; /* each record twice */
            snprintf(doc, sizeof doc, "doc-%d.txt", n % 7);
            snprintf(item, sizeof item, "item %d", k % 5);
            int len = snprintf(text, sizeof text, "Sentence %d of edge %d ", n, k);
            for (int pad = 0; pad < (k * 37 + n * 11) % 500; pad++)
                text[len++] = (char)('a' + pad % 26);
            text[len] = '\0';
            ng_evidence ev = {doc, n + 1, n * 10, n * 10 + 5, text, n % 3 ? "met" : NULL,
                              (ng_modality)((k + n) % 4), n % 2 ? "2023-09-13" : NULL,
                              n % 4 ? NULL : "person-3", k % 4 == 2 ? item : NULL};
            assert_int_equal(ng_graph_add_evidence(g, e, &ev, NULL), 0);
        }
    }
}

static char *json_of(const ng_graph *g)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(ng_io_write(g, NG_FORMAT_JSON, f, NULL), 0);
    assert_int_equal(fclose(f), 0);
    return text;
}

/* Records moved to a temporary file read back as they were written, are
 * told apart from their repeats as well, and export the same. */
static void test_evidence_on_disk_reads_back_as_in_memory(void **state)
{
    (void)state;
    ng_graph *mem = ng_graph_new(NULL), *disk = ng_graph_new(NULL);
    assert_int_equal(ng_graph_set_evidence_memory(mem, SIZE_MAX), 0);
    assert_int_equal(ng_graph_set_evidence_memory(disk, 0), 0);
    add_many_records(mem);
    add_many_records(disk);
    ng_evidence_reader *a = ng_evidence_reader_new(NULL), *b = ng_evidence_reader_new(NULL);
    assert_int_equal(ng_graph_edge_count(disk), 300);
    for (size_t k = 0; k < 300; k++) {
        const ng_edge *em = ng_graph_edge_at(mem, k), *ed = ng_graph_edge_at(disk, k);
        assert_int_equal(ng_edge_evidence_count(ed), 1 + k % 40);
        assert_int_equal(ng_edge_strongest_index(ed), ng_edge_strongest_index(em));
        for (size_t i = 0; i < ng_edge_evidence_count(ed); i++) {
            const ng_evidence *m = ng_edge_evidence_read(em, i, a, NULL);
            const ng_evidence *d = ng_edge_evidence_read(ed, i, b, NULL);
            assert_non_null(m);
            assert_non_null(d);
            assert_string_equal(d->text, m->text);
            assert_string_equal(d->doc, m->doc);
            assert_int_equal(d->sentence, (long)i + 1);
            assert_int_equal(d->end, m->end);
            assert_int_equal(d->modality, ng_edge_evidence_modality(ed, i));
            assert_ptr_equal(d->item, ng_edge_evidence_read(ed, i, b, NULL)->item);
        }
    }
    char *jm = json_of(mem), *jd = json_of(disk);
    assert_string_equal(jd, jm);
    free(jm);
    free(jd);
    ng_evidence_reader_free(a);
    ng_evidence_reader_free(b);
    ng_graph_free(mem);
    ng_graph_free(disk);
}

static void test_evidence_read_out_of_range_says_so(void **state)
{
    ng_graph *g = *state;
    const ng_entity *a = ng_graph_add_entity(g, "A", NG_ENTITY_PERSON, NULL);
    const ng_entity *b = ng_graph_add_entity(g, "B", NG_ENTITY_PERSON, NULL);
    const ng_edge *e = ng_graph_add_edge(g, a, NG_RELATION_MEETS, b, NULL);
    ng_evidence_reader *r = ng_evidence_reader_new(NULL);
    ng_error err;
    assert_null(ng_edge_evidence_read(e, 0, r, &err));
    assert_int_equal(err.status, NG_ERR_INVALID);
    assert_string_equal(err.text, "the edge has no evidence record 0");
    assert_int_equal(ng_edge_strongest_index(e), SIZE_MAX);
    ng_evidence_reader_free(r);
}

static void test_evidence_strings_are_copied(void **state)
{
    ng_graph *g = *state;
    const ng_entity *a = ng_graph_add_entity(g, "A", NG_ENTITY_COUNTRY, NULL);
    const ng_entity *b = ng_graph_add_entity(g, "B", NG_ENTITY_COUNTRY, NULL);
    const ng_edge *e = ng_graph_add_edge(g, a, NG_RELATION_SUPPLIES, b, NULL);
    char text[] = "A sent shells to B.";
    char item[] = "shells";
    ng_evidence ev = {"x.txt", 4, 100, 119, text, "sent", NG_MODALITY_ASSERTED,
                      "2023-09-13", NULL, item};
    assert_int_equal(ng_graph_add_evidence(g, e, &ev, NULL), 0);
    text[0] = 'Z';
    item[0] = 'Z';
    const ng_evidence *got = ng_test_evidence(e, 0);
    assert_string_equal(got->text, "A sent shells to B.");
    assert_string_equal(got->item, "shells");
    assert_string_equal(got->date, "2023-09-13");
    assert_null(got->place);
    assert_int_equal(got->sentence, 4);
    assert_int_equal(got->start, 100);
    assert_int_equal(got->end, 119);
    assert_null(ng_test_evidence(e, 1));
}

static void test_evidence_without_document_is_rejected(void **state)
{
    ng_graph *g = *state;
    const ng_entity *a = ng_graph_add_entity(g, "A", NG_ENTITY_PERSON, NULL);
    const ng_entity *b = ng_graph_add_entity(g, "B", NG_ENTITY_PERSON, NULL);
    const ng_edge *e = ng_graph_add_edge(g, a, NG_RELATION_MEETS, b, NULL);
    ng_evidence ev = evidence(NULL, 1, NG_MODALITY_ASSERTED);
    ng_error err;
    assert_int_equal(ng_graph_add_evidence(g, e, &ev, &err), NG_ERR_INVALID);
    assert_int_equal(ng_edge_weight(e), 0);
}

/* The meets edge between two people A and B. */
static const ng_edge *edge_a_meets_b(ng_graph *g)
{
    const ng_entity *a = ng_graph_add_entity(g, "A", NG_ENTITY_PERSON, NULL);
    const ng_entity *b = ng_graph_add_entity(g, "B", NG_ENTITY_PERSON, NULL);
    const ng_edge *e = ng_graph_add_edge(g, a, NG_RELATION_MEETS, b, NULL);
    assert_non_null(e);
    return e;
}

static void test_summary_gives_weight_and_modality_without_evidence(void **state)
{
    ng_graph *g = *state;
    const ng_edge *e = edge_a_meets_b(g);
    assert_int_equal(ng_graph_set_edge_summary(g, e, 5, NG_MODALITY_DENIED, NULL), 0);
    assert_int_equal(ng_edge_weight(e), 5);
    assert_int_equal(ng_edge_modality(e), NG_MODALITY_DENIED);
    assert_int_equal(ng_edge_evidence_count(e), 0);
    assert_null(ng_test_strongest(e));
}

static void test_summary_is_a_lower_bound_on_the_evidence(void **state)
{
    ng_graph *g = *state;
    const ng_edge *e = edge_a_meets_b(g);
    assert_int_equal(ng_graph_set_edge_summary(g, e, 2, NG_MODALITY_PLANNED, NULL), 0);
    ng_evidence alleged = evidence("x.txt", 1, NG_MODALITY_ALLEGED);
    assert_int_equal(ng_graph_add_evidence(g, e, &alleged, NULL), 0);
    assert_int_equal(ng_edge_weight(e), 2);
    assert_int_equal(ng_edge_modality(e), NG_MODALITY_PLANNED);
    assert_int_equal(ng_test_strongest(e)->sentence, 1);

    ng_evidence more[] = {evidence("x.txt", 2, NG_MODALITY_ASSERTED),
                          evidence("x.txt", 3, NG_MODALITY_DENIED)};
    assert_int_equal(ng_graph_add_evidence(g, e, &more[0], NULL), 0);
    assert_int_equal(ng_graph_add_evidence(g, e, &more[1], NULL), 0);
    assert_int_equal(ng_edge_weight(e), 3);
    assert_int_equal(ng_edge_modality(e), NG_MODALITY_ASSERTED);
}

static void test_second_summary_replaces_the_first(void **state)
{
    ng_graph *g = *state;
    const ng_edge *e = edge_a_meets_b(g);
    assert_int_equal(ng_graph_set_edge_summary(g, e, 7, NG_MODALITY_ASSERTED, NULL), 0);
    assert_int_equal(ng_graph_set_edge_summary(g, e, 1, NG_MODALITY_ALLEGED, NULL), 0);
    assert_int_equal(ng_edge_weight(e), 1);
    assert_int_equal(ng_edge_modality(e), NG_MODALITY_ALLEGED);
}

static void test_summary_for_another_graph_or_modality_is_rejected(void **state)
{
    ng_graph *g = *state;
    ng_graph *other = ng_graph_new(NULL);
    assert_non_null(other);
    const ng_edge *foreign = edge_a_meets_b(other);
    const ng_edge *e = edge_a_meets_b(g);
    ng_error err;
    assert_int_equal(ng_graph_set_edge_summary(g, foreign, 1, NG_MODALITY_ASSERTED, &err),
                     NG_ERR_INVALID);
    assert_int_equal(ng_graph_set_edge_summary(g, e, 1, (ng_modality)NG_MODALITY_COUNT, &err),
                     NG_ERR_INVALID);
    assert_int_equal(err.status, NG_ERR_INVALID);
    assert_int_equal(ng_edge_weight(e), 0);
    assert_int_equal(ng_edge_modality(e), NG_MODALITY_ASSERTED);
    ng_graph_free(other);
}

static void test_documents_update_in_place(void **state)
{
    ng_graph *g = *state;
    ng_docinfo a = {"a.txt", NULL, 0}, again = {"a.txt", "2023-09-12", 14};
    ng_docinfo b = {"b.txt", "2023-09-13", 3};
    assert_int_equal(ng_graph_add_document(g, &a, NULL), 0);
    assert_int_equal(ng_graph_add_document(g, &b, NULL), 0);
    assert_int_equal(ng_graph_add_document(g, &again, NULL), 0);
    assert_int_equal(ng_graph_document_count(g), 2);
    const ng_docinfo *got = ng_graph_document_at(g, 0);
    assert_string_equal(got->name, "a.txt");
    assert_string_equal(got->date, "2023-09-12");
    assert_int_equal(got->sentences, 14);
    assert_null(ng_graph_document_at(g, 2));
}

static void test_label_defaults_to_empty(void **state)
{
    ng_graph *g = *state;
    assert_string_equal(ng_graph_label(g), "");
    assert_int_equal(ng_graph_set_label(g, "seeds", NULL), 0);
    assert_string_equal(ng_graph_label(g), "seeds");
}

static void test_vocabulary_names_round_trip(void **state)
{
    (void)state;
    for (int i = 0; i < NG_RELATION_COUNT; i++) {
        ng_relation r;
        assert_int_equal(ng_relation_parse(ng_relation_name((ng_relation)i), &r), 0);
        assert_int_equal(r, i);
    }
    for (int i = 0; i < NG_MODALITY_COUNT; i++) {
        ng_modality m;
        assert_int_equal(ng_modality_parse(ng_modality_name((ng_modality)i), &m), 0);
        assert_int_equal(m, i);
    }
    ng_entity_type t;
    assert_int_equal(ng_entity_type_parse("Organisation", &t), 0);
    assert_int_equal(t, NG_ENTITY_ORGANIZATION);
    assert_int_equal(ng_relation_parse("likes", &(ng_relation){0}), NG_ERR_INVALID);
    assert_null(ng_relation_name((ng_relation)7));
}

static void test_many_entities_keep_handles_stable(void **state)
{
    ng_graph *g = *state;
    const ng_entity *first = ng_graph_add_entity(g, "Entity 0", NG_ENTITY_PLACE, NULL);
    char name[32];
    for (int i = 1; i < 3000; i++) {
        snprintf(name, sizeof name, "Entity %d", i);
        assert_non_null(ng_graph_add_entity(g, name, NG_ENTITY_PLACE, NULL));
    }
    assert_int_equal(ng_graph_entity_count(g), 3000);
    assert_ptr_equal(ng_graph_entity_at(g, 0), first);
    assert_string_equal(ng_entity_label(first), "Entity 0");
    assert_ptr_equal(ng_graph_find(g, "entity 2999"), ng_graph_entity_at(g, 2999));
}

/* The edge index grows many times over: every edge is still found, by
 * either order of the ends of a `meets` edge, and adding it again gives
 * the same handle. */
static void test_many_edges_are_found_after_growth(void **state)
{
    ng_graph *g = *state;
    const ng_entity *e[60];
    char label[32];
    for (int i = 0; i < 60; i++) {
        snprintf(label, sizeof label, "Entity %d", i);
        e[i] = ng_graph_add_entity(g, label, NG_ENTITY_PERSON, NULL);
    }
    for (int i = 0; i < 60; i++)
        for (int j = 0; j < 60; j++)
            if (i != j)
                assert_non_null(ng_graph_add_edge(g, e[i], NG_RELATION_SUPPLIES, e[j], NULL));
    for (int i = 0; i + 1 < 60; i++)
        assert_non_null(ng_graph_add_edge(g, e[i], NG_RELATION_MEETS, e[i + 1], NULL));
    assert_int_equal(ng_graph_edge_count(g), 60 * 59 + 59);
    for (size_t k = 0; k < ng_graph_edge_count(g); k++) {
        const ng_edge *edge = ng_graph_edge_at(g, k);
        const ng_entity *s = ng_edge_source(edge), *t = ng_edge_target(edge);
        ng_relation r = ng_edge_relation(edge);
        assert_ptr_equal(ng_graph_find_edge(g, s, r, t), edge);
        assert_ptr_equal(ng_graph_add_edge(g, s, r, t, NULL), edge);
        if (r == NG_RELATION_MEETS)
            assert_ptr_equal(ng_graph_find_edge(g, t, r, s), edge);
    }
    assert_null(ng_graph_find_edge(g, e[5], NG_RELATION_MEETS, e[7]));
    assert_null(ng_graph_find_edge(g, e[1], NG_RELATION_VISITS, e[2]));
    assert_int_equal(ng_graph_edge_count(g), 60 * 59 + 59);
}

/* The graph remembers the last document, date, trigger... it was given,
 * to skip looking them up again: a caller that reuses one buffer for
 * different strings must still get each string. */
static void test_strings_in_a_reused_buffer_are_told_apart(void **state)
{
    ng_graph *g = *state;
    const ng_entity *a = ng_graph_add_entity(g, "Alpha", NG_ENTITY_PERSON, NULL);
    const ng_entity *b = ng_graph_add_entity(g, "Beta", NG_ENTITY_PERSON, NULL);
    const ng_edge *e = ng_graph_add_edge(g, a, NG_RELATION_MEETS, b, NULL);
    char doc[16], trigger[16];
    ng_evidence_reader *r = ng_evidence_reader_new(NULL);
    assert_non_null(r);
    for (int i = 0; i < 3; i++) {
        snprintf(doc, sizeof doc, "d%d.txt", i);
        snprintf(trigger, sizeof trigger, "t%d", i);
        ng_evidence ev = evidence(doc, 1, NG_MODALITY_ASSERTED);
        ev.trigger = trigger;
        assert_int_equal(ng_graph_add_mentions(g, a, doc, 1, NULL), 0);
        assert_int_equal(ng_graph_add_evidence(g, e, &ev, NULL), 0);
    }
    assert_int_equal(ng_entity_doc_count(a), 3);
    assert_string_equal(ng_entity_doc_at(a, 2), "d2.txt");
    assert_int_equal(ng_edge_evidence_count(e), 3);
    for (size_t i = 0; i < 3; i++) {
        const ng_evidence *ev = ng_edge_evidence_read(e, i, r, NULL);
        assert_non_null(ev);
        snprintf(doc, sizeof doc, "d%zu.txt", i);
        snprintf(trigger, sizeof trigger, "t%zu", i);
        assert_string_equal(ev->doc, doc);
        assert_string_equal(ev->trigger, trigger);
    }
    ng_evidence_reader_free(r);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_entity_id_is_slug_of_label),
        T(test_same_slug_and_type_is_same_entity_with_alias),
        T(test_same_slug_other_type_gets_type_suffix),
        T(test_empty_label_is_rejected),
        T(test_label_without_letters_gets_generic_id),
        T(test_entity_with_id_keeps_given_id),
        T(test_find_ignores_case_hyphens_and_spacing),
        T(test_find_by_alias),
        T(test_find_prefers_label_over_alias),
        T(test_duplicate_alias_is_ignored),
        T(test_mentions_count_and_list_documents_once),
        T(test_documents_out_of_order_are_listed_once),
        T(test_meets_is_undirected_and_canonical),
        T(test_directed_relation_keeps_direction),
        T(test_self_edge_is_rejected),
        T(test_entity_of_other_graph_is_rejected),
        T(test_weight_counts_evidence_and_modality_is_strongest),
        T(test_strongest_evidence_is_first_with_edge_modality),
        T(test_identical_evidence_is_recorded_once),
        T(test_identical_evidence_is_recorded_once_on_a_busy_edge),
        T(test_evidence_strings_are_copied),
        T(test_evidence_on_disk_reads_back_as_in_memory),
        T(test_evidence_read_out_of_range_says_so),
        T(test_evidence_without_document_is_rejected),
        T(test_summary_gives_weight_and_modality_without_evidence),
        T(test_summary_is_a_lower_bound_on_the_evidence),
        T(test_second_summary_replaces_the_first),
        T(test_summary_for_another_graph_or_modality_is_rejected),
        T(test_documents_update_in_place),
        T(test_label_defaults_to_empty),
        T(test_vocabulary_names_round_trip),
        T(test_many_entities_keep_handles_stable),
        T(test_many_edges_are_found_after_growth),
        T(test_strings_in_a_reused_buffer_are_told_apart),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
