/* The extractor, one mechanism per test, on small texts: each text goes
 * through the reader and the default dictionary exactly as a user's
 * document would, and the test asserts the edges that must (and must not)
 * come out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <newsgraph/newsgraph.h>

#include "fixtures.h"

static ng_extractor *shared_extractor;

static int setup_extractor(void **state)
{
    (void)state;
    shared_extractor = ng_extractor_new(NULL, NULL);
    return shared_extractor ? 0 : -1;
}

static int teardown_extractor(void **state)
{
    (void)state;
    ng_extractor_free(shared_extractor);
    return 0;
}

/* Writes `text` to a temporary file and returns its path (caller frees). */
static char *temp_file(const char *text)
{
    char *path = strdup("/tmp/ng-extract-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t n = strlen(text);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
    return path;
}

/* The graph of one document holding `text`, extracted with `x`. */
static ng_graph *extract_with(ng_extractor *x, const char *text)
{
    char *path = temp_file(text);
    ng_error err;
    ng_reader *r = ng_reader_new(NULL, &err);
    ng_graph *g = ng_graph_new(&err);
    assert_non_null(r);
    assert_non_null(g);
    assert_int_equal(ng_reader_add(r, path, &err), 0);
    const ng_document *doc;
    while (ng_reader_next(r, &doc, &err) > 0)
        assert_int_equal(ng_extract_document(x, g, doc, &err), 0);
    ng_reader_free(r);
    unlink(path);
    free(path);
    return g;
}

static ng_graph *extract(const char *text)
{
    return extract_with(shared_extractor, text);
}

static const ng_edge *edge(const ng_graph *g, const char *a, ng_relation rel, const char *b)
{
    const ng_entity *ea = ng_graph_find(g, a), *eb = ng_graph_find(g, b);
    return ea && eb ? ng_graph_find_edge(g, ea, rel, eb) : NULL;
}

static void assert_edge(const ng_graph *g, const char *a, ng_relation rel, const char *b,
                        ng_modality modality)
{
    const ng_edge *e = edge(g, a, rel, b);
    if (!e)
        fail_msg("no edge %s %s %s", a, ng_relation_name(rel), b);
    assert_string_equal(ng_modality_name(ng_edge_modality(e)), ng_modality_name(modality));
}

static void assert_no_edge(const ng_graph *g, const char *a, ng_relation rel, const char *b)
{
    if (edge(g, a, rel, b))
        fail_msg("unexpected edge %s %s %s", a, ng_relation_name(rel), b);
}

/* --- relations ----------------------------------------------------------- */

static void test_active_verb_links_subject_and_object(void **state)
{
    (void)state;
    ng_graph *g = extract("Kim Jong Un met Vladimir Putin on Wednesday.\n");
    assert_edge(g, "Kim Jong Un", NG_RELATION_MEETS, "Vladimir Putin", NG_MODALITY_ASSERTED);
    assert_int_equal(ng_graph_edge_count(g), 1);
    ng_graph_free(g);
}

static void test_meeting_place_is_recorded(void **state)
{
    (void)state;
    ng_graph *g = extract("Kim Jong Un met Vladimir Putin in Vladivostok.\n");
    const ng_edge *e = edge(g, "Kim Jong Un", NG_RELATION_MEETS, "Vladimir Putin");
    assert_non_null(e);
    assert_string_equal(ng_test_evidence(e, 0)->place, "vladivostok");
    ng_graph_free(g);
}

static void test_coordinated_subjects_meet_each_other(void **state)
{
    (void)state;
    ng_graph *g = extract("Kim Jong Un and Vladimir Putin met on Wednesday.\n");
    assert_edge(g, "Kim Jong Un", NG_RELATION_MEETS, "Vladimir Putin", NG_MODALITY_ASSERTED);
    assert_int_equal(ng_graph_edge_count(g), 1);
    ng_graph_free(g);
}

static void test_coordination_gives_an_edge_each(void **state)
{
    (void)state;
    ng_graph *g = extract("France, Italy and Spain sent aid to Libya.\n");
    assert_edge(g, "France", NG_RELATION_SUPPLIES, "Libya", NG_MODALITY_ASSERTED);
    assert_edge(g, "Italy", NG_RELATION_SUPPLIES, "Libya", NG_MODALITY_ASSERTED);
    assert_edge(g, "Spain", NG_RELATION_SUPPLIES, "Libya", NG_MODALITY_ASSERTED);
    assert_int_equal(ng_graph_edge_count(g), 3);
    ng_graph_free(g);
}

static void test_comma_without_and_is_not_coordination(void **state)
{
    (void)state;
    ng_graph *g = extract("Kim Jong Un arrived in Russia, Japanese media reported.\n");
    assert_edge(g, "Kim Jong Un", NG_RELATION_VISITS, "Russia", NG_MODALITY_ASSERTED);
    assert_no_edge(g, "Kim Jong Un", NG_RELATION_VISITS, "Japan");
    ng_graph_free(g);
}

static void test_passive_voice_with_by(void **state)
{
    (void)state;
    ng_graph *g = extract("Armenia was supplied with artillery by India.\n");
    assert_edge(g, "India", NG_RELATION_SUPPLIES, "Armenia", NG_MODALITY_ASSERTED);
    assert_no_edge(g, "Armenia", NG_RELATION_SUPPLIES, "India");
    ng_graph_free(g);
}

static void test_passive_group_is_its_country(void **state)
{
    (void)state;
    ng_graph *g = extract("North Korean troops were sent to Russia.\n");
    assert_edge(g, "North Korea", NG_RELATION_SUPPLIES, "Russia", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void test_supply_with_item_before_recipient(void **state)
{
    (void)state;
    ng_graph *g = extract("North Korea sent artillery shells to Russia.\n");
    const ng_edge *e = edge(g, "North Korea", NG_RELATION_SUPPLIES, "Russia");
    assert_non_null(e);
    assert_string_equal(ng_test_evidence(e, 0)->item, "artillery shells");
    ng_graph_free(g);
}

static void test_supply_recipient_then_with_item(void **state)
{
    (void)state;
    ng_graph *g = extract("Iran provided Russia with drones.\n");
    const ng_edge *e = edge(g, "Iran", NG_RELATION_SUPPLIES, "Russia");
    assert_non_null(e);
    assert_string_equal(ng_test_evidence(e, 0)->item, "drones");
    ng_graph_free(g);
}

static void test_recipient_subject_verb(void **state)
{
    (void)state;
    ng_graph *g = extract("Russia received shells from North Korea.\n");
    assert_edge(g, "North Korea", NG_RELATION_SUPPLIES, "Russia", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void test_nominal_hyphenated_summit(void **state)
{
    (void)state;
    ng_graph *g = extract("Kim Jong Un arrived in Russia.\nThe Kim-Putin summit ended on Wednesday.\n");
    assert_edge(g, "Kim Jong Un", NG_RELATION_MEETS, "Vladimir Putin", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void test_nominal_meeting_between(void **state)
{
    (void)state;
    ng_graph *g = extract("A meeting between Xi Jinping and Joe Biden took place in Bali.\n");
    assert_edge(g, "Xi Jinping", NG_RELATION_MEETS, "Joe Biden", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void test_nominal_possessive_state_visit(void **state)
{
    (void)state;
    ng_graph *g = extract("Putin's state visit to Pyongyang lasted two days.\n");
    const ng_edge *e = edge(g, "Vladimir Putin", NG_RELATION_VISITS, "Pyongyang");
    assert_non_null(e);
    assert_int_equal(ng_entity_typeof(ng_edge_target(e)), NG_ENTITY_PLACE);
    ng_graph_free(g);
}

static void test_nominal_visit_of_agent_to_place(void **state)
{
    (void)state;
    ng_graph *g = extract("The visit of Pope Francis to Iraq was historic.\n");
    assert_edge(g, "Pope Francis", NG_RELATION_VISITS, "Iraq", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void test_nominal_deliveries_from_to(void **state)
{
    (void)state;
    ng_graph *g = extract("Arms deliveries from Iran to Russia continued in March.\n");
    assert_edge(g, "Iran", NG_RELATION_SUPPLIES, "Russia", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void test_nominal_sanctions_on_capital(void **state)
{
    (void)state;
    ng_graph *g = extract("The EU's sanctions on Minsk were extended.\n");
    assert_edge(g, "European Union", NG_RELATION_SANCTIONS, "Belarus", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void test_visit_to_described_facility(void **state)
{
    (void)state;
    ng_graph *g = extract("Kim Jong Un toured an aircraft factory.\n");
    const ng_entity *place = ng_graph_find(g, "aircraft factory");
    assert_non_null(place);
    assert_int_equal(ng_entity_typeof(place), NG_ENTITY_PLACE);
    assert_edge(g, "Kim Jong Un", NG_RELATION_VISITS, "aircraft factory", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void test_vehicle_carries_its_travellers(void **state)
{
    (void)state;
    ng_graph *g = extract("A train carrying Kim Jong Un arrived in Khasan.\n");
    assert_edge(g, "Kim Jong Un", NG_RELATION_VISITS, "Khasan", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void test_vehicle_is_not_a_visitor(void **state)
{
    (void)state;
    ng_graph *g = extract("A Boeing cargo plane landed at Istanbul Airport on Wednesday.\n");
    assert_int_equal(ng_graph_edge_count(g), 0);
    ng_graph_free(g);
}

static void test_relative_where_takes_its_antecedent(void **state)
{
    (void)state;
    ng_graph *g = extract("The forum is in Vladivostok, where Vladimir Putin arrived Monday.\n");
    assert_edge(g, "Vladimir Putin", NG_RELATION_VISITS, "Vladivostok", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void test_sending_a_delegation_is_visiting(void **state)
{
    (void)state;
    ng_graph *g = extract("China sent a delegation led by Liu Guozhong to North Korea.\n");
    assert_edge(g, "China", NG_RELATION_VISITS, "North Korea", NG_MODALITY_ASSERTED);
    assert_edge(g, "Liu Guozhong", NG_RELATION_VISITS, "North Korea", NG_MODALITY_ASSERTED);
    assert_no_edge(g, "China", NG_RELATION_SUPPLIES, "North Korea");
    ng_graph_free(g);
}

static void test_companions_go_where_the_traveller_goes(void **state)
{
    (void)state;
    ng_graph *g = extract("Kim Jong Un arrived in Russia on Tuesday.\n"
                          "Kim is also bringing his foreign minister Choe Son Hui.\n");
    assert_edge(g, "Choe Son Hui", NG_RELATION_VISITS, "Russia", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

/* --- modality ------------------------------------------------------------ */

static void test_modality_planned(void **state)
{
    (void)state;
    ng_graph *g = extract("Kim Jong Un is expected to visit Russia next week.\n");
    assert_edge(g, "Kim Jong Un", NG_RELATION_VISITS, "Russia", NG_MODALITY_PLANNED);
    ng_graph_free(g);
}

static void test_modality_planned_adjective_on_noun(void **state)
{
    (void)state;
    ng_graph *g = extract("Kim Jong Un left for a possible meeting with Vladimir Putin.\n");
    assert_edge(g, "Kim Jong Un", NG_RELATION_MEETS, "Vladimir Putin", NG_MODALITY_PLANNED);
    ng_graph_free(g);
}

static void test_modality_planned_infinitive_object(void **state)
{
    (void)state;
    ng_graph *g = extract("The EU agreed to impose new sanctions on Belarus.\n");
    assert_edge(g, "European Union", NG_RELATION_SANCTIONS, "Belarus", NG_MODALITY_PLANNED);
    ng_graph_free(g);
}

static void test_modality_alleged(void **state)
{
    (void)state;
    ng_graph *g = extract("The United States accused Iran of supplying drones to Russia.\n");
    assert_edge(g, "Iran", NG_RELATION_SUPPLIES, "Russia", NG_MODALITY_ALLEGED);
    ng_graph_free(g);
}

static void test_modality_denied(void **state)
{
    (void)state;
    ng_graph *g = extract("China did not supply weapons to Russia.\n");
    assert_edge(g, "China", NG_RELATION_SUPPLIES, "Russia", NG_MODALITY_DENIED);
    ng_graph_free(g);
}

static void test_modality_strongest_of_several(void **state)
{
    (void)state;
    ng_graph *g = extract("Kim Jong Un will meet Vladimir Putin.\nKim Jong Un met Vladimir Putin.\n");
    const ng_edge *e = edge(g, "Kim Jong Un", NG_RELATION_MEETS, "Vladimir Putin");
    assert_non_null(e);
    assert_int_equal(ng_edge_weight(e), 2);
    assert_int_equal(ng_edge_modality(e), NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

/* --- entities ------------------------------------------------------------ */

static void test_spelling_variants_are_one_entity(void **state)
{
    (void)state;
    ng_graph *g = extract("Kim Jong-un met Vladimir Putin.\nKim Jong Un left Russia.\n");
    assert_non_null(ng_graph_entity_by_id(g, "kim-jong-un"));
    size_t people = 0;
    for (size_t i = 0; i < ng_graph_entity_count(g); i++)
        people += ng_entity_typeof(ng_graph_entity_at(g, i)) == NG_ENTITY_PERSON;
    assert_int_equal(people, 2);
    ng_graph_free(g);
}

/* Names that differ only by a plus sign are different organisations;
 * a spelling of the same one ("OPEC Plus") is not. */
static void test_plus_sign_keeps_names_apart(void **state)
{
    (void)state;
    ng_graph *g = extract("OPEC met OPEC+ in Vienna.\nSaudi Arabia met OPEC Plus.\n");
    assert_edge(g, "opec", NG_RELATION_MEETS, "opec-plus", NG_MODALITY_ASSERTED);
    assert_edge(g, "saudi-arabia", NG_RELATION_MEETS, "opec-plus", NG_MODALITY_ASSERTED);
    assert_no_edge(g, "saudi-arabia", NG_RELATION_MEETS, "opec");
    ng_graph_free(g);
}

static void test_short_form_is_the_full_name_before(void **state)
{
    (void)state;
    ng_graph *g = extract("Jane Quillfeather, a senior official, arrived on Monday.\n"
                          "Quillfeather met Vladimir Putin.\n");
    assert_edge(g, "Jane Quillfeather", NG_RELATION_MEETS, "Vladimir Putin", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

/* A sentence with no relation word is not read for relations, but its
 * names still count for the sentences after it. */
static void test_names_of_a_sentence_without_relation_word_count(void **state)
{
    (void)state;
    ng_graph *g = extract("Jane Quillfeather, a senior official, spoke on Monday.\n"
                          "It rained.\n"
                          "Quillfeather met Vladimir Putin.\n");
    assert_edge(g, "Jane Quillfeather", NG_RELATION_MEETS, "Vladimir Putin", NG_MODALITY_ASSERTED);
    assert_int_equal(ng_graph_edge_count(g), 1);
    ng_graph_free(g);
}

static void test_short_form_prefers_the_most_mentioned_namesake(void **state)
{
    (void)state;
    ng_graph *g = extract("Kim Jong Un arrived in Russia. Kim Jong Un toured a factory.\n"
                          "His father Kim Jong Il had visited it.\n"
                          "Kim met Vladimir Putin.\n");
    assert_edge(g, "Kim Jong Un", NG_RELATION_MEETS, "Vladimir Putin", NG_MODALITY_ASSERTED);
    assert_no_edge(g, "Kim Jong Il", NG_RELATION_MEETS, "Vladimir Putin");
    ng_graph_free(g);
}

/* The extractor keeps each name's folded form from one document to the
 * next, but a short form refers only to people of its own document. */
static void test_short_form_needs_its_own_document(void **state)
{
    (void)state;
    ng_graph *first = extract("Jane Quillfeather, a senior official, arrived on Monday.\n");
    ng_graph *second = extract("Quillfeather met Vladimir Putin.\n");
    assert_non_null(ng_graph_find(first, "Jane Quillfeather"));
    assert_null(ng_graph_find(second, "Jane Quillfeather"));
    ng_graph *third = extract("Jane Quillfeather, a senior official, arrived on Monday.\n"
                              "Quillfeather met Vladimir Putin.\n");
    assert_edge(third, "Jane Quillfeather", NG_RELATION_MEETS, "Vladimir Putin",
                NG_MODALITY_ASSERTED);
    ng_graph_free(first);
    ng_graph_free(second);
    ng_graph_free(third);
}

static void test_short_form_by_first_or_last_word_only(void **state)
{
    (void)state;
    ng_graph *g = extract("Jane Mary Quillfeather, a senior official, arrived on Monday.\n"
                          "Officials said Mary met Vladimir Putin.\n"
                          "Officials said Jane met Xi Jinping.\n");
    assert_no_edge(g, "Jane Mary Quillfeather", NG_RELATION_MEETS, "Vladimir Putin");
    assert_edge(g, "Jane Mary Quillfeather", NG_RELATION_MEETS, "Xi Jinping",
                NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void test_the_north_needs_its_own_document(void **state)
{
    (void)state;
    ng_graph *first = extract("North Korea tested a missile.\n");
    ng_graph *second = extract("The Soviet Union once provided the North with weapons.\n");
    assert_no_edge(second, "Soviet Union", NG_RELATION_SUPPLIES, "North Korea");
    ng_graph_free(first);
    ng_graph_free(second);
}

static void test_role_resolves_to_holder_named_in_text(void **state)
{
    (void)state;
    ng_graph *g = extract("Russian President Vladimir Putin flew east.\n"
                          "The Russian President met Kim Jong Un.\n");
    assert_edge(g, "Vladimir Putin", NG_RELATION_MEETS, "Kim Jong Un", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void test_plural_title_is_no_one_person(void **state)
{
    (void)state;
    ng_graph *g = extract("North Korean leader Kim Jong Un arrived on Tuesday.\n"
                          "The leaders met Vladimir Putin.\n");
    assert_int_equal(ng_graph_edge_count(g), 0);
    const ng_entity *kim = ng_graph_find(g, "Kim Jong Un");
    assert_non_null(kim);
    assert_int_equal(ng_entity_alias_count(kim), 0);
    ng_graph_free(g);
}

static void test_plural_title_before_two_names_types_both(void **state)
{
    (void)state;
    ng_graph *g = extract("Marshals Ri Pyong Chol and Pak Jong Chon visited Moscow.\n");
    assert_edge(g, "Ri Pyong Chol", NG_RELATION_VISITS, "Russia", NG_MODALITY_ASSERTED);
    assert_edge(g, "Pak Jong Chon", NG_RELATION_VISITS, "Russia", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void test_title_ending_in_s_is_not_plural(void **state)
{
    (void)state;
    ng_graph *g = extract("Ms Ulrski and Israeli Vice President Elena Istvotik are set to meet.\n");
    assert_non_null(ng_graph_find(g, "Elena Istvotik"));
    assert_null(ng_graph_find(g, "Israeli Vice President Elena"));
    ng_graph_free(g);
}

static void test_role_resolves_by_document_date(void **state)
{
    (void)state;
    ng_graph *g = extract("date 2023-05-01\nThe US President visited Japan.\n");
    assert_edge(g, "Joe Biden", NG_RELATION_VISITS, "Japan", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void test_counterpart_in_named_country_by_date(void **state)
{
    (void)state;
    ng_graph *g = extract("date 2024-03-01\n"
                          "Russian Foreign Minister Sergei Lavrov met his Chinese counterpart.\n");
    assert_edge(g, "Sergei Lavrov", NG_RELATION_MEETS, "Wang Yi", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void test_counterpart_is_the_other_holder_named(void **state)
{
    (void)state;
    ng_graph *g = extract("President Xi Jinping hosted Vladimir Putin.\n"
                          "Putin then met his counterpart again.\n");
    const ng_edge *e = edge(g, "Vladimir Putin", NG_RELATION_MEETS, "Xi Jinping");
    assert_non_null(e);
    assert_int_equal(ng_edge_weight(e), 2);
    ng_graph_free(g);
}

static void test_possessive_pronoun_is_not_an_argument(void **state)
{
    (void)state;
    ng_graph *g = extract("Joe Biden met his counterpart Xi Jinping.\n");
    assert_edge(g, "Joe Biden", NG_RELATION_MEETS, "Xi Jinping", NG_MODALITY_ASSERTED);
    assert_int_equal(ng_graph_edge_count(g), 1);
    ng_graph_free(g);
}

static void test_demonym_companies_act_for_the_country(void **state)
{
    (void)state;
    ng_graph *g = extract("Washington blacklisted three Chinese companies accused of shipping "
                          "drone parts to Moscow.\n");
    assert_edge(g, "United States", NG_RELATION_SANCTIONS, "China", NG_MODALITY_ASSERTED);
    assert_edge(g, "China", NG_RELATION_SUPPLIES, "Russia", NG_MODALITY_ALLEGED);
    assert_no_edge(g, "United States", NG_RELATION_SUPPLIES, "Russia");
    ng_graph_free(g);
}

static void test_metonym_is_the_country(void **state)
{
    (void)state;
    ng_graph *g = extract("The Kremlin sent troops to Syria.\n");
    assert_edge(g, "Russia", NG_RELATION_SUPPLIES, "Syria", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void test_capital_acting_is_the_government(void **state)
{
    (void)state;
    ng_graph *g = extract("Pyongyang sent troops to Russia.\n");
    assert_edge(g, "North Korea", NG_RELATION_SUPPLIES, "Russia", NG_MODALITY_ASSERTED);
    assert_null(ng_graph_entity_by_id(g, "pyongyang"));
    ng_graph_free(g);
}

static void test_capital_visited_is_the_city(void **state)
{
    (void)state;
    ng_graph *g = extract("Vladimir Putin arrived in Pyongyang.\n");
    const ng_entity *city = ng_graph_entity_by_id(g, "pyongyang");
    assert_non_null(city);
    assert_int_equal(ng_entity_typeof(city), NG_ENTITY_PLACE);
    assert_edge(g, "Vladimir Putin", NG_RELATION_VISITS, "pyongyang", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void test_the_north_after_north_korea(void **state)
{
    (void)state;
    ng_graph *g = extract("North Korea tested a missile.\n"
                          "The Soviet Union once provided the North with weapons.\n");
    assert_edge(g, "Soviet Union", NG_RELATION_SUPPLIES, "North Korea", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void test_place_named_after_person_is_not_the_person(void **state)
{
    (void)state;
    ng_graph *g = extract("Joe Biden visited Ho Chi Minh City.\n");
    const ng_entity *city = ng_graph_find(g, "Ho Chi Minh City");
    assert_non_null(city);
    assert_int_equal(ng_entity_typeof(city), NG_ENTITY_PLACE);
    assert_null(ng_graph_find(g, "Ho Chi Minh"));
    assert_edge(g, "Joe Biden", NG_RELATION_VISITS, "Ho Chi Minh City", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
}

static void test_ship_named_after_person_is_not_the_person(void **state)
{
    (void)state;
    ng_graph *g = extract("Kim Jong Un inspected the submarine Hero Kim Kun Ok.\n");
    assert_null(ng_graph_find(g, "Kim Kun Ok"));
    assert_null(ng_graph_find(g, "Hero Kim Kun Ok"));
    ng_graph_free(g);
}

static void test_sentence_initial_capital_is_no_entity(void **state)
{
    (void)state;
    ng_graph *g = extract("Experts say Russia needs shells.\n");
    assert_null(ng_graph_find(g, "Experts"));
    assert_non_null(ng_graph_find(g, "Russia"));
    ng_graph_free(g);
}

static void test_headline_case_gives_relation_not_entities(void **state)
{
    (void)state;
    ng_graph *g = extract("Kim Jong Un Arrives In Russia Ahead Of Summit\n");
    assert_edge(g, "Kim Jong Un", NG_RELATION_VISITS, "Russia", NG_MODALITY_ASSERTED);
    assert_int_equal(ng_graph_entity_count(g), 2);
    ng_graph_free(g);
}

static void test_furniture_gives_no_entities(void **state)
{
    (void)state;
    ng_graph *g = extract("Advertisement\nShare on Facebook\nCopyright Reuters 2024\n"
                          "Kim Jong Un met Vladimir Putin.\n");
    assert_null(ng_graph_find(g, "Facebook"));
    assert_null(ng_graph_find(g, "Reuters"));
    assert_int_equal(ng_graph_edge_count(g), 1);
    ng_graph_free(g);
}

/* --- evidence ------------------------------------------------------------ */

static void test_evidence_points_at_the_sentence(void **state)
{
    (void)state;
    const char *text = "date 2023-09-13\nIt rained. Kim Jong Un met Vladimir Putin.\n";
    ng_graph *g = extract(text);
    const ng_edge *e = edge(g, "Kim Jong Un", NG_RELATION_MEETS, "Vladimir Putin");
    assert_non_null(e);
    const ng_evidence *ev = ng_test_evidence(e, 0);
    assert_int_equal(ev->sentence, 2);
    assert_string_equal(ev->text, "Kim Jong Un met Vladimir Putin.");
    assert_memory_equal(text + ev->start, ev->text, (size_t)(ev->end - ev->start));
    assert_string_equal(ev->trigger, "met");
    assert_string_equal(ev->date, "2023-09-13");
    ng_graph_free(g);
}

/* --- dictionaries -------------------------------------------------------- */

static void test_user_dictionary_adds_a_name(void **state)
{
    (void)state;
    ng_extractor *x = ng_extractor_new(NULL, NULL);
    char *dict = temp_file("person\tZara Veltman\talias=Veltman\tcountry=Netherlands\n");
    assert_int_equal(ng_extractor_add_dictionary(x, dict, NULL), 0);
    ng_graph *g = extract_with(x, "Veltman met Vladimir Putin.\n");
    assert_edge(g, "Zara Veltman", NG_RELATION_MEETS, "Vladimir Putin", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
    ng_extractor_free(x);
    unlink(dict);
    free(dict);
}

static void test_user_dictionary_adds_a_trigger(void **state)
{
    (void)state;
    ng_extractor *x = ng_extractor_new(NULL, NULL);
    char *dict = temp_file("trigger\tparley\trelation=meets\tverb=parley|parleyed\tprep=with\n");
    assert_int_equal(ng_extractor_add_dictionary(x, dict, NULL), 0);
    ng_graph *g = extract_with(x, "Kim Jong Un parleyed with Vladimir Putin.\n");
    assert_edge(g, "Kim Jong Un", NG_RELATION_MEETS, "Vladimir Putin", NG_MODALITY_ASSERTED);
    ng_graph_free(g);
    ng_extractor_free(x);
    unlink(dict);
    free(dict);
}

/* The relation and the modality of an entry are parsed once, when it is
 * loaded, and as the loader checks them: without regard to case. */
static void test_user_dictionary_values_in_any_case(void **state)
{
    (void)state;
    ng_extractor *x = ng_extractor_new(NULL, NULL);
    char *dict = temp_file("trigger\tparley\trelation=Meets\tverb=parley|parleyed\tprep=with\n"
                           "modality\tsupposedly\tmodality=ALLEGED\n");
    assert_int_equal(ng_extractor_add_dictionary(x, dict, NULL), 0);
    ng_graph *g = extract_with(x, "Kim Jong Un supposedly parleyed with Vladimir Putin.\n");
    assert_edge(g, "Kim Jong Un", NG_RELATION_MEETS, "Vladimir Putin", NG_MODALITY_ALLEGED);
    ng_graph_free(g);
    ng_extractor_free(x);
    unlink(dict);
    free(dict);
}

static void test_without_default_dictionary_nothing_is_known(void **state)
{
    (void)state;
    ng_extractor_options opts = {1};
    ng_extractor *x = ng_extractor_new(&opts, NULL);
    ng_graph *g = extract_with(x, "Kim Jong Un met Vladimir Putin in Russia.\n");
    assert_int_equal(ng_graph_edge_count(g), 0);
    assert_null(ng_graph_find(g, "Russia"));
    ng_graph_free(g);
    ng_extractor_free(x);
}

static void test_dictionary_error_names_file_and_line(void **state)
{
    (void)state;
    ng_extractor *x = ng_extractor_new(NULL, NULL);
    char *dict = temp_file("person\tGood Name\n\nplanet\tMars\n");
    ng_error err;
    assert_int_equal(ng_extractor_add_dictionary(x, dict, &err), NG_ERR_PARSE);
    assert_string_equal(err.source, dict);
    assert_int_equal(err.line, 3);
    ng_extractor_free(x);
    unlink(dict);
    free(dict);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_active_verb_links_subject_and_object),
        cmocka_unit_test(test_meeting_place_is_recorded),
        cmocka_unit_test(test_coordinated_subjects_meet_each_other),
        cmocka_unit_test(test_coordination_gives_an_edge_each),
        cmocka_unit_test(test_comma_without_and_is_not_coordination),
        cmocka_unit_test(test_passive_voice_with_by),
        cmocka_unit_test(test_passive_group_is_its_country),
        cmocka_unit_test(test_supply_with_item_before_recipient),
        cmocka_unit_test(test_supply_recipient_then_with_item),
        cmocka_unit_test(test_recipient_subject_verb),
        cmocka_unit_test(test_nominal_hyphenated_summit),
        cmocka_unit_test(test_nominal_meeting_between),
        cmocka_unit_test(test_nominal_possessive_state_visit),
        cmocka_unit_test(test_nominal_visit_of_agent_to_place),
        cmocka_unit_test(test_nominal_deliveries_from_to),
        cmocka_unit_test(test_nominal_sanctions_on_capital),
        cmocka_unit_test(test_visit_to_described_facility),
        cmocka_unit_test(test_vehicle_carries_its_travellers),
        cmocka_unit_test(test_vehicle_is_not_a_visitor),
        cmocka_unit_test(test_relative_where_takes_its_antecedent),
        cmocka_unit_test(test_sending_a_delegation_is_visiting),
        cmocka_unit_test(test_companions_go_where_the_traveller_goes),
        cmocka_unit_test(test_modality_planned),
        cmocka_unit_test(test_modality_planned_adjective_on_noun),
        cmocka_unit_test(test_modality_planned_infinitive_object),
        cmocka_unit_test(test_modality_alleged),
        cmocka_unit_test(test_modality_denied),
        cmocka_unit_test(test_modality_strongest_of_several),
        cmocka_unit_test(test_spelling_variants_are_one_entity),
        cmocka_unit_test(test_plus_sign_keeps_names_apart),
        cmocka_unit_test(test_short_form_is_the_full_name_before),
        cmocka_unit_test(test_short_form_prefers_the_most_mentioned_namesake),
        cmocka_unit_test(test_short_form_needs_its_own_document),
        cmocka_unit_test(test_short_form_by_first_or_last_word_only),
        cmocka_unit_test(test_the_north_needs_its_own_document),
        cmocka_unit_test(test_role_resolves_to_holder_named_in_text),
        cmocka_unit_test(test_role_resolves_by_document_date),
        cmocka_unit_test(test_counterpart_in_named_country_by_date),
        cmocka_unit_test(test_counterpart_is_the_other_holder_named),
        cmocka_unit_test(test_plural_title_is_no_one_person),
        cmocka_unit_test(test_plural_title_before_two_names_types_both),
        cmocka_unit_test(test_title_ending_in_s_is_not_plural),
        cmocka_unit_test(test_possessive_pronoun_is_not_an_argument),
        cmocka_unit_test(test_demonym_companies_act_for_the_country),
        cmocka_unit_test(test_metonym_is_the_country),
        cmocka_unit_test(test_capital_acting_is_the_government),
        cmocka_unit_test(test_capital_visited_is_the_city),
        cmocka_unit_test(test_the_north_after_north_korea),
        cmocka_unit_test(test_place_named_after_person_is_not_the_person),
        cmocka_unit_test(test_ship_named_after_person_is_not_the_person),
        cmocka_unit_test(test_sentence_initial_capital_is_no_entity),
        cmocka_unit_test(test_headline_case_gives_relation_not_entities),
        cmocka_unit_test(test_furniture_gives_no_entities),
        cmocka_unit_test(test_evidence_points_at_the_sentence),
        cmocka_unit_test(test_names_of_a_sentence_without_relation_word_count),
        cmocka_unit_test(test_user_dictionary_adds_a_name),
        cmocka_unit_test(test_user_dictionary_adds_a_trigger),
        cmocka_unit_test(test_user_dictionary_values_in_any_case),
        cmocka_unit_test(test_without_default_dictionary_nothing_is_known),
        cmocka_unit_test(test_dictionary_error_names_file_and_line),
    };
    return cmocka_run_group_tests(tests, setup_extractor, teardown_extractor);
}
