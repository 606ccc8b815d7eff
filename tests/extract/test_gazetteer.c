/* The gazetteer: the dictionary's phrases found in tokens, longest first.
 *
 * Phrases are a trie walked by the tokens' word numbers; the rule it must keep
 * is the plain one of phrase keys: a phrase starts at token i if the
 * norms of tokens i.. joined by spaces (none before a possessive) are
 * the key of the phrase's own tokens. The last test checks the trie
 * against that rule on every phrase of the default dictionary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/dict.h"
#include "extract/gazetteer.h"
#include "extract/token.h"
#include "util/buf.h"
#include "util/strmap.h"

typedef struct fixture {
    ng_dict *dict;
    ng_gazetteer *gaz;
    ng_tokens tokens;
    ng_gaz_hits hits;
} fixture;

static const char test_dict[] =
    "person\tKim Jong Un\talias=Kim|Kim Jong-un\n"
    "country\tNorth Korea\talias=DPRK\tdemonym=North Korean\n"
    "country\tUnited States\talias=US\n"
    "organization\tRussia's Man\n"
    "trigger\tmeet\trelation=meets\tverb=met|held talks\tprep=with\n"
    "modality\texpected to\tmodality=planned\n";

static fixture *open_fixture(const char *dict_text, int builtin)
{
    fixture *f = calloc(1, sizeof *f);
    ng_error err = {0};
    assert_non_null(f);
    f->dict = ng_dict_new(&err);
    assert_non_null(f->dict);
    if (builtin)
        assert_int_equal(ng_dict_load_default(f->dict, &err), 0);
    if (dict_text)
        assert_int_equal(ng_dict_load(f->dict, dict_text, strlen(dict_text), "test", &err), 0);
    f->gaz = ng_gazetteer_new(f->dict, &err);
    assert_non_null(f->gaz);
    return f;
}

static void close_fixture(fixture *f)
{
    ng_gaz_hits_free(&f->hits);
    ng_tokens_free(&f->tokens);
    ng_gazetteer_free(f->gaz);
    ng_dict_free(f->dict);
    free(f);
}

static void scan(fixture *f, const char *text)
{
    assert_int_equal(ng_tokenize(text, (ng_span){0, strlen(text)}, &f->tokens), 0);
    assert_int_equal(ng_gazetteer_scan(f->gaz, &f->tokens, &f->hits), 0);
}

/* The length of the match at token i for `roles`, 0 for none. */
static size_t match_length(fixture *f, size_t i, unsigned roles)
{
    ng_gaz_match m;
    int found = ng_gazetteer_match(&f->hits, i, roles, &m);
    assert_int_equal(found, m.length > 0);
    if (!found)
        assert_int_equal(m.count, 0);
    return m.length;
}

static void test_longest_phrase_wins(void **state)
{
    (void)state;
    fixture *f = open_fixture(test_dict, 0);
    scan(f, "Kim Jong-un met Kim and KIM JONG UN.");
    assert_int_equal(match_length(f, 0, NG_GAZ_ENTITY_ROLES), 3);
    assert_int_equal(match_length(f, 4, NG_GAZ_ENTITY_ROLES), 1);  /* "Kim" */
    assert_int_equal(match_length(f, 6, NG_GAZ_ENTITY_ROLES), 3);  /* capitals fold alike */
    assert_int_equal(match_length(f, 3, NG_GAZ_BIT(NG_GAZ_VERB)), 1); /* "met" */
    assert_int_equal(match_length(f, 3, NG_GAZ_ENTITY_ROLES), 0);
    close_fixture(f);
}

static void test_prefix_alone_is_no_phrase(void **state)
{
    (void)state;
    fixture *f = open_fixture(test_dict, 0);
    scan(f, "North Koreans and North Korean troops in the North.");
    assert_int_equal(match_length(f, 0, NG_GAZ_ENTITY_ROLES), 0); /* "North Koreans" */
    assert_int_equal(match_length(f, 3, NG_GAZ_BIT(NG_GAZ_DEMONYM)), 2);
    assert_int_equal(match_length(f, 3, NG_GAZ_BIT(NG_GAZ_NAME)), 0);
    assert_int_equal(match_length(f, 8, NG_GAZ_ENTITY_ROLES), 0); /* "North" */
    close_fixture(f);
}

static void test_possessive_clings_to_its_word(void **state)
{
    (void)state;
    fixture *f = open_fixture(test_dict, 0);
    scan(f, "Russia's Man spoke; Russia s Man did not.");
    assert_int_equal(match_length(f, 0, NG_GAZ_ENTITY_ROLES), 3);
    assert_int_equal(match_length(f, 5, NG_GAZ_ENTITY_ROLES), 0);
    close_fixture(f);
}

static void test_case_rules(void **state)
{
    (void)state;
    fixture *f = open_fixture(test_dict, 0);
    scan(f, "US and Us and us; kim jong un; Talks were held talks.");
    assert_int_equal(match_length(f, 0, NG_GAZ_ENTITY_ROLES), 1);
    assert_int_equal(match_length(f, 2, NG_GAZ_ENTITY_ROLES), 0); /* an acronym: capitals */
    assert_int_equal(match_length(f, 4, NG_GAZ_ENTITY_ROLES), 0);
    assert_int_equal(match_length(f, 6, NG_GAZ_ENTITY_ROLES), 0); /* a name: a capital */
    assert_int_equal(match_length(f, 12, NG_GAZ_BIT(NG_GAZ_VERB)), 2); /* "held talks" */
    close_fixture(f);
}

static void test_no_match_past_the_end_or_without_phrases(void **state)
{
    (void)state;
    fixture *f = open_fixture(test_dict, 0);
    scan(f, "Nothing here.");
    for (size_t i = 0; i <= f->tokens.count + 1; i++)
        assert_int_equal(match_length(f, i, ~0u), 0);
    close_fixture(f);
    f = open_fixture(NULL, 0); /* an empty dictionary */
    scan(f, "Kim met Putin.");
    assert_int_equal(match_length(f, 0, ~0u), 0);
    close_fixture(f);
}

/* ---- Against the rule of keys ---- */

/* The key of tokens[from, to): norms joined by spaces, a possessive
 * clinging to the word before it. */
static void key_of(const ng_tokens *t, size_t from, size_t to, ng_buf *key)
{
    ng_buf_clear(key);
    for (size_t k = from; k < to; k++) {
        if (key->len && !(t->items[k].flags & NG_TOKEN_POSSESSIVE))
            assert_int_equal(ng_buf_putc(key, ' '), 0);
        assert_int_equal(ng_buf_append_str(key, t->items[k].norm), 0);
    }
}

static void add_keys(ng_strmap *keys, ng_tokens *scratch, const char *const *texts, size_t n,
                     size_t *longest, ng_buf *key)
{
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(ng_tokenize(texts[i], (ng_span){0, strlen(texts[i])}, scratch), 0);
        key_of(scratch, 0, scratch->count, key);
        char *copy = ng_strndup(key->data ? key->data : "", key->len);
        assert_non_null(copy);
        if (ng_strmap_get(keys, copy, key->len))
            free(copy);
        else
            assert_int_equal(ng_strmap_put(keys, copy, key->len, copy), 0);
        if (scratch->count > *longest)
            *longest = scratch->count;
    }
}

/* Relation words and modality cues (roles with no rule of case): at every
 * token of the sample corpus, the match is the longest window whose key
 * is a phrase's. */
static void test_trie_keeps_the_rule_of_keys(void **state)
{
    (void)state;
    fixture *f = open_fixture(NULL, 1);
    ng_strmap keys = {0};
    ng_tokens scratch = {0};
    ng_buf key = {0};
    size_t longest = 0;
    for (size_t e = 0; e < ng_dict_count(f->dict); e++) {
        const ng_dict_entry *entry = ng_dict_at(f->dict, e);
        const char *const *values;
        size_t n;
        if (entry->kind == NG_DICT_TRIGGER) {
            n = ng_dict_values(entry, "verb", &values);
            add_keys(&keys, &scratch, values, n, &longest, &key);
            n = ng_dict_values(entry, "noun", &values);
            add_keys(&keys, &scratch, values, n, &longest, &key);
        } else if (entry->kind == NG_DICT_MODALITY) {
            add_keys(&keys, &scratch, &entry->name, 1, &longest, &key);
            n = ng_dict_values(entry, "alias", &values);
            add_keys(&keys, &scratch, values, n, &longest, &key);
        }
    }
    const char *text = "Kim Jong Un held talks with Vladimir Putin, who is expected to visit "
                       "Pyongyang; they met and signed deals. Russia denied supplying shells, "
                       "and the US imposed sanctions on the firms accused of shipping arms. "
                       "Talks are scheduled to resume after the summit was held in Vladivostok.";
    scan(f, text);
    unsigned roles = NG_GAZ_BIT(NG_GAZ_VERB) | NG_GAZ_BIT(NG_GAZ_NOUN) |
                     NG_GAZ_BIT(NG_GAZ_MODALITY);
    size_t matched = 0;
    for (size_t i = 0; i < f->tokens.count; i++) {
        size_t want = 0;
        for (size_t len = 1; len <= longest && i + len <= f->tokens.count; len++) {
            key_of(&f->tokens, i, i + len, &key);
            if (ng_strmap_get(&keys, key.data, key.len))
                want = len;
        }
        assert_int_equal(match_length(f, i, roles), want);
        matched += want > 0;
    }
    assert_true(matched >= 8);
    for (size_t s = 0; s < keys.cap; s++)
        if (keys.slots[s].key)
            free(keys.slots[s].value);
    ng_strmap_free(&keys);
    ng_tokens_free(&scratch);
    ng_buf_free(&key);
    close_fixture(f);
}

/* ---- Numbered tokens ---- */

/* Every token carries its norm's number in the vocabulary, or 0. */
static void assert_numbered(const ng_tokens *t, const ng_strmap *vocab)
{
    for (size_t i = 0; i < t->count; i++) {
        const ng_token *tok = &t->items[i];
        void *id = ng_strmap_get(vocab, tok->norm, tok->norm_len);
        assert_int_equal(tok->vocab_id, (uint32_t)(uintptr_t)id);
    }
}

/* Tokens numbered with the gazetteer's vocabulary (the fast way) and
 * tokens without (looked up by the scan) give the same hits, and the
 * spellings cached before the vocabulary was given are renumbered. */
static void test_numbered_tokens_give_the_same_hits(void **state)
{
    (void)state;
    fixture *f = open_fixture(test_dict, 1);
    const char *texts[] = {
        "Kim Jong-un met Kim and KIM JONG UN; North Koreans held talks with the US.",
        "Russia's Man is expected to meet Vladimir Putin in Pyongyang, the Kremlin said.",
        "Nothing new here, said nobody at all.",
    };
    size_t n = sizeof texts / sizeof *texts;
    const ng_strmap *vocab = ng_gazetteer_vocab(f->gaz);
    for (size_t t = 0; t < n; t++) {
        ng_tokens_set_vocab(&f->tokens, NULL);
        scan(f, texts[t]);
        assert_numbered(&f->tokens, &(ng_strmap){0});
        size_t count = f->hits.count, tokens = f->tokens.count;
        ng_gaz_start *starts = malloc((tokens + 1) * sizeof *starts);
        ng_gaz_hit *items = malloc((count + 1) * sizeof *items);
        assert_non_null(starts);
        assert_non_null(items);
        memcpy(starts, f->hits.starts, (tokens + 1) * sizeof *starts);
        if (count)
            memcpy(items, f->hits.items, count * sizeof *items);
        ng_tokens_set_vocab(&f->tokens, vocab);
        scan(f, texts[t]);
        assert_numbered(&f->tokens, vocab);
        assert_int_equal(f->hits.count, count);
        for (size_t i = 0; i <= tokens; i++) {
            assert_int_equal(f->hits.starts[i].first, starts[i].first);
            assert_int_equal(f->hits.starts[i].roles, starts[i].roles);
        }
        for (size_t h = 0; h < count; h++) {
            assert_int_equal(f->hits.items[h].length, items[h].length);
            assert_ptr_equal(f->hits.items[h].phrase, items[h].phrase);
        }
        free(starts);
        free(items);
    }
    close_fixture(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_longest_phrase_wins),
        cmocka_unit_test(test_prefix_alone_is_no_phrase),
        cmocka_unit_test(test_possessive_clings_to_its_word),
        cmocka_unit_test(test_case_rules),
        cmocka_unit_test(test_no_match_past_the_end_or_without_phrases),
        cmocka_unit_test(test_trie_keeps_the_rule_of_keys),
        cmocka_unit_test(test_numbered_tokens_give_the_same_hits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
