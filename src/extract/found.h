/* What extraction finds in one document, kept apart until it joins a
 * graph.
 *
 * The resolver and the relation finder add entities, aliases, mentions,
 * edges and evidence here with the rules of the graph (graph.h), as a
 * graph holding this one document would: an entity is found or created by
 * label and type and gets the id such a graph would give it, an alias is
 * kept once and not when it is the label, `meets` is the same edge either
 * way round, and identical evidence is kept once. Only the memory differs:
 * it is reused from one document to the next, and nothing is interned or
 * indexed for queries. ng_appender_add (append.h) then adds the document
 * to a graph.
 *
 * So a document is read the same way whatever was read before it and
 * whichever thread reads it, which is what makes the graph of several
 * threads the graph of one. */
#ifndef NG_EXTRACT_FOUND_H
#define NG_EXTRACT_FOUND_H

#include <stddef.h>
#include <stdint.h>

#include <newsgraph/graph.h>

/* Handles are borrowed from the ng_found and valid until ng_found_start. */
typedef struct ng_found_entity {
    const char *id;       /* unique among the document's entities */
    const char *label;    /* the spelling that created it */
    /* strlen(label) and ng_strmap_hash(label), worked out once by the
     * thread that extracts, for whoever looks the label up again (the
     * appender, the resolver). */
    size_t label_len;
    uint32_t label_hash;
    ng_entity_type type;
    size_t index;         /* in the order of creation */
    long mentions;
    int in_document;      /* mentions were recorded with the document's name */
    const char **aliases; /* other spellings, in the order they came */
    size_t alias_count, alias_cap;
} ng_found_entity;

typedef struct ng_found_edge {
    const ng_found_entity *source, *target;
    ng_relation relation;
    size_t index;
    ng_evidence *evidence; /* in the order it came, without repeats */
    size_t evidence_count, evidence_cap;
} ng_found_edge;

typedef struct ng_found ng_found;

/* Returns an empty ng_found owned by the caller (ng_found_free), or NULL
 * if out of memory. */
ng_found *ng_found_new(ng_error *err);
void ng_found_free(ng_found *f);

/* An ng_found remembers, across documents, what each label it was given
 * makes (its slug, where the search for its id starts), up to this many
 * bytes by default. */
#define NG_FOUND_MEMO_BYTES ((size_t)8 << 20)

/* Sets how many bytes of labels f remembers; past them it forgets them at
 * the start of a document. For many ng_found alive at once. */
void ng_found_set_memo_bytes(ng_found *f, size_t bytes);

/* Forgets everything, for the next document (the memory is kept). */
void ng_found_start(ng_found *f);

/* The document, as ng_graph_add_document records it: the first call
 * names it, later ones update its date and sentence count where they
 * have them. Strings are copied. */
int ng_found_add_document(ng_found *f, const ng_docinfo *doc, ng_error *err);
/* The document's record; its name is NULL before ng_found_add_document. */
const ng_docinfo *ng_found_document(const ng_found *f);

/* As ng_graph_add_entity, ng_graph_add_alias, ng_graph_add_mentions,
 * ng_graph_add_edge and ng_graph_add_evidence, for a graph of this
 * document alone; strings are copied. */
const ng_found_entity *ng_found_add_entity(ng_found *f, const char *label, ng_entity_type type,
                                           ng_error *err);
int ng_found_add_alias(ng_found *f, const ng_found_entity *entity, const char *alias,
                       ng_error *err);
int ng_found_add_mentions(ng_found *f, const ng_found_entity *entity, const char *doc,
                          long count, ng_error *err);
const ng_found_edge *ng_found_add_edge(ng_found *f, const ng_found_entity *source,
                                       ng_relation relation, const ng_found_entity *target,
                                       ng_error *err);
int ng_found_add_evidence(ng_found *f, const ng_found_edge *edge, const ng_evidence *evidence,
                          ng_error *err);

size_t ng_found_entity_count(const ng_found *f);
const ng_found_entity *ng_found_entity_at(const ng_found *f, size_t i);
/* NULL if no entity of the document has this id. */
const ng_found_entity *ng_found_entity_by_id(const ng_found *f, const char *id);
size_t ng_found_edge_count(const ng_found *f);
const ng_found_edge *ng_found_edge_at(const ng_found *f, size_t i);

#endif
