/* The extraction pipeline, one sentence at a time: tokens, mentions,
 * resolution to entities, relations. What a document yields is gathered
 * apart (found.h) and then added to the graph, so that the graph's
 * contents never change how a document is read. The dictionary is indexed
 * once, when the first document is read after the dictionaries changed. */
#include <stdlib.h>

#include <newsgraph/extract.h>

#include "extract/append.h"
#include "extract/dict.h"
#include "extract/found.h"
#include "extract/gazetteer.h"
#include "extract/mention.h"
#include "extract/pipeline.h"
#include "extract/relation.h"
#include "extract/resolve.h"
#include "extract/token.h"
#include "text/sentence.h"
#include "util/fail.h"

struct ng_extractor {
    ng_dict *dict;
    ng_gazetteer *gaz;  /* NULL until needed, and after the dictionary changes */
    ng_resolver *resolver;
    ng_tokens tokens;
    ng_gaz_hits hits;
    ng_mentions mentions;
    ng_relation_scratch relation_scratch;
    ng_found *found;    /* for ng_extract_document */
};

ng_extractor *ng_extractor_new(const ng_extractor_options *options, ng_error *err)
{
    ng_extractor *x = calloc(1, sizeof *x);
    if (!x) {
        ng_fail_nomem(err);
        return NULL;
    }
    x->dict = ng_dict_new(err);
    x->found = x->dict ? ng_found_new(err) : NULL;
    x->resolver = x->dict ? ng_resolver_new(x->dict, err) : NULL;
    int builtin = !options || !options->no_default_dictionary;
    if (!x->found || !x->resolver || (builtin && ng_dict_load_default(x->dict, err) != 0)) {
        ng_extractor_free(x);
        return NULL;
    }
    return x;
}

void ng_extractor_free(ng_extractor *x)
{
    if (!x)
        return;
    ng_gazetteer_free(x->gaz);
    ng_resolver_free(x->resolver);
    ng_dict_free(x->dict);
    ng_tokens_free(&x->tokens);
    ng_gaz_hits_free(&x->hits);
    ng_mentions_free(&x->mentions);
    ng_relation_scratch_free(&x->relation_scratch);
    ng_found_free(x->found);
    free(x);
}

int ng_extractor_add_dictionary(ng_extractor *x, const char *path, ng_error *err)
{
    int rc = ng_dict_load_file(x->dict, path, err);
    if (rc == 0) {
        ng_tokens_set_vocab(&x->tokens, NULL);
        ng_gazetteer_free(x->gaz);
        x->gaz = NULL;
    }
    return rc;
}

static int read_sentence(ng_extractor *x, ng_found *found, const ng_document *doc, ng_span span,
                         long number, ng_error *err)
{
    if (ng_tokenize(doc->text, span, &x->tokens) != 0 ||
        ng_gazetteer_scan(x->gaz, &x->tokens, &x->hits) != 0 ||
        ng_mentions_find(&x->hits, &x->tokens, &x->mentions) != 0 ||
        ng_resolver_resolve(x->resolver, &x->tokens, &x->mentions, err) != 0)
        return ng_fail_nomem(err);
    ng_sentence_view view = {doc, number, span, &x->tokens, &x->mentions};
    return ng_relations_find(&x->hits, x->resolver, found, &view, &x->relation_scratch, err);
}

int ng_extract_found(ng_extractor *x, ng_found *found, const ng_document *doc, ng_error *err)
{
    ng_found_start(found);
    if (!x || !doc || !doc->name)
        return ng_fail(err, NG_ERR_INVALID, NULL, "extraction needs a graph and a named document");
    if (!x->gaz) {
        if (!(x->gaz = ng_gazetteer_new(x->dict, err)))
            return NG_ERR_NOMEM;
        ng_tokens_set_vocab(&x->tokens, ng_gazetteer_vocab(x->gaz));
    }
    ng_docinfo info = {doc->name, doc->date, 0};
    if (ng_found_add_document(found, &info, err) != 0)
        return NG_ERR_NOMEM;
    ng_resolver_start(x->resolver, found, doc);
    size_t pos = 0;
    ng_span span;
    while (ng_sentence_next(doc->text, doc->length, &pos, &span)) {
        info.sentences++;
        if (read_sentence(x, found, doc, span, info.sentences, err) != 0)
            return NG_ERR_NOMEM;
    }
    return ng_found_add_document(found, &info, err);
}

int ng_extract_document(ng_extractor *x, ng_graph *graph, const ng_document *doc, ng_error *err)
{
    if (!x || !graph || !doc || !doc->name)
        return ng_fail(err, NG_ERR_INVALID, NULL, "extraction needs a graph and a named document");
    int rc = ng_extract_found(x, x->found, doc, err);
    if (rc != 0)
        return rc;
    ng_appender *a = ng_appender_new(graph, err);
    if (!a)
        return NG_ERR_NOMEM;
    rc = ng_appender_add(a, x->found, NULL, err);
    ng_appender_free(a);
    return rc;
}
