/* The extraction pipeline, one document at a time: sentences, then (as
 * the extraction stages land) mentions, entities and relations. */
#include <newsgraph/extract.h>

#include "text/sentence.h"
#include "util/fail.h"

/* Counts the sentences of the document's analysed text. */
static long count_sentences(const ng_document *doc)
{
    long count = 0;
    size_t pos = 0;
    ng_span span;
    while (ng_sentence_next(doc->text, doc->length, &pos, &span))
        count++;
    return count;
}

int ng_extract_document(ng_graph *graph, const ng_document *doc, ng_error *err)
{
    if (!graph || !doc || !doc->name)
        return ng_fail(err, NG_ERR_INVALID, NULL, "extraction needs a graph and a named document");
    ng_docinfo info = {doc->name, doc->date, count_sentences(doc)};
    return ng_graph_add_document(graph, &info, err);
}
