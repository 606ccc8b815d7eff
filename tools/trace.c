/* ng-trace: shows how the extractor reads a document, sentence by
 * sentence: each mention in brackets with the entity it resolved to, and
 * the relations the sentence added. A tool for working on the extractor.
 *
 *     ng-trace FILE [WORD]    (only sentences containing WORD)
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <string.h>

#include <newsgraph/newsgraph.h>

#include "extract/dict.h"
#include "extract/found.h"
#include "extract/gazetteer.h"
#include "extract/mention.h"
#include "extract/relation.h"
#include "extract/resolve.h"
#include "extract/token.h"
#include "text/sentence.h"

static const char *const kinds[] = {"name", "demonym", "group", "capital", "metonym",
                                    "role", "untyped", "pronoun", "facility"};

static void print_sentence(const ng_document *doc, const ng_tokens *t, const ng_mentions *ms)
{
    size_t next = 0;
    for (size_t i = 0; i < t->count; i++) {
        for (size_t k = 0; k < ms->count; k++)
            if (ms->items[k].first == i)
                printf("[");
        printf("%.*s", (int)(t->items[i].end - t->items[i].start), doc->text + t->items[i].start);
        for (size_t k = 0; k < ms->count; k++) {
            const ng_mention *m = &ms->items[k];
            if (m->last == i + 1)
                printf("]{%s:%s}", kinds[m->kind], m->entity ? m->entity->id : "-");
        }
        printf(" ");
        next = i;
    }
    (void)next;
    printf("\n");
}

static void print_new_edges(const ng_found *f, size_t *seen_evidence, size_t before)
{
    size_t total = 0;
    for (size_t i = 0; i < ng_found_edge_count(f); i++)
        total += ng_found_edge_at(f, i)->evidence_count;
    if (total == before)
        return;
    for (size_t i = 0; i < ng_found_edge_count(f); i++) {
        const ng_found_edge *e = ng_found_edge_at(f, i);
        size_t n = e->evidence_count;
        if (n > seen_evidence[i]) {
            const ng_evidence *ev = &e->evidence[n - 1];
            printf("    => %s %s %s [%s] trigger=%s item=%s place=%s\n", e->source->id,
                   ng_relation_name(e->relation), e->target->id, ng_modality_name(ev->modality),
                   ev->trigger ? ev->trigger : "-", ev->item ? ev->item : "-",
                   ev->place ? ev->place : "-");
        }
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: ng-trace FILE [WORD]\n");
        return 2;
    }
    ng_error err;
    ng_reader *reader = ng_reader_new(NULL, &err);
    ng_dict *dict = ng_dict_new(&err);
    if (!reader || !dict || ng_dict_load_default(dict, &err) != 0 ||
        ng_reader_add(reader, argv[1], &err) != 0) {
        fprintf(stderr, "ng-trace: %s: %s\n", err.source, err.text);
        return 1;
    }
    ng_gazetteer *gaz = ng_gazetteer_new(dict, &err);
    ng_resolver *res = ng_resolver_new(dict, &err);
    ng_found *f = ng_found_new(&err);
    ng_tokens tokens = {0};
    ng_mentions mentions = {0};
    ng_gaz_hits hits = {0};
    ng_relation_scratch scratch = {0};
    const ng_document *doc;
    static size_t seen[100000];
    while (ng_reader_next(reader, &doc, &err) > 0) {
        ng_found_start(f);
        memset(seen, 0, sizeof seen);
        ng_resolver_start(res, f, doc);
        size_t pos = 0;
        long number = 0;
        ng_span span;
        while (ng_sentence_next(doc->text, doc->length, &pos, &span)) {
            number++;
            ng_tokenize(doc->text, span, &tokens);
            ng_gazetteer_scan(gaz, &tokens, &hits);
            ng_mentions_find(&hits, &tokens, &mentions);
            ng_resolver_resolve(res, &tokens, &mentions, &err);
            size_t before = 0;
            for (size_t i = 0; i < ng_found_edge_count(f) && i < 100000; i++)
                before += (seen[i] = ng_found_edge_at(f, i)->evidence_count);
            ng_sentence_view view = {doc, number, span, &tokens, &mentions};
            ng_relations_find(&hits, res, f, &view, &scratch, &err);
            int show = argc < 3 || memmem(doc->text + span.start, span.end - span.start, argv[2],
                                          strlen(argv[2])) != NULL;
            if (show) {
                printf("%ld: ", number);
                print_sentence(doc, &tokens, &mentions);
                print_new_edges(f, seen, before);
            }
        }
    }
    ng_tokens_free(&tokens);
    ng_mentions_free(&mentions);
    ng_gaz_hits_free(&hits);
    ng_relation_scratch_free(&scratch);
    ng_found_free(f);
    ng_resolver_free(res);
    ng_gazetteer_free(gaz);
    ng_dict_free(dict);
    ng_reader_free(reader);
    return 0;
}
