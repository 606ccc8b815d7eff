/* newsgraph: the knowledge graph model.
 *
 * A graph holds entities (people, countries, organisations, places) and
 * edges keyed by (source, relation, target). `meets` is symmetric: its two
 * ends are stored in a canonical order, so "A meets B" and "B meets A" are
 * the same edge. Every edge keeps the evidence it was built from; its
 * weight is the number of evidence records and its modality the strongest
 * of theirs (asserted > planned > alleged > denied), unless a summary
 * loaded from a file declares more (see ng_graph_set_edge_summary).
 *
 * Ownership: the graph owns every string it holds. Functions that take
 * strings copy them; getters return borrowed pointers that stay valid until
 * the graph is freed, except for evidence records, which are read through
 * an ng_evidence_reader (see "reading evidence"). Entity and edge handles are borrowed as well, and stay
 * valid while the graph lives (adding entities or edges does not move them).
 * All mutation goes through the graph, which is why handles are const.
 *
 * Iteration is by index, in insertion order: entity i for i < count, edge i
 * for i < count. Indices are stable and double as synthetic ids in exports.
 *
 * A graph is not safe for concurrent mutation; concurrent reads are fine.
 */
#ifndef NEWSGRAPH_GRAPH_H
#define NEWSGRAPH_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#include <newsgraph/error.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ng_graph ng_graph;
typedef struct ng_entity ng_entity;
typedef struct ng_edge ng_edge;

typedef enum ng_entity_type {
    NG_ENTITY_PERSON,
    NG_ENTITY_COUNTRY,
    NG_ENTITY_ORGANIZATION,
    NG_ENTITY_PLACE
} ng_entity_type;
#define NG_ENTITY_TYPE_COUNT 4

typedef enum ng_relation {
    NG_RELATION_MEETS,
    NG_RELATION_VISITS,
    NG_RELATION_SUPPLIES,
    NG_RELATION_SANCTIONS
} ng_relation;
#define NG_RELATION_COUNT 4

/* Ordered by strength, so the strongest of two is their maximum. */
typedef enum ng_modality {
    NG_MODALITY_DENIED,
    NG_MODALITY_ALLEGED,
    NG_MODALITY_PLANNED,
    NG_MODALITY_ASSERTED
} ng_modality;
#define NG_MODALITY_COUNT 4

/* Lower-case names ("person", "meets", "asserted"); NULL when out of range.
 * The returned strings are static. */
const char *ng_entity_type_name(ng_entity_type type);
const char *ng_relation_name(ng_relation relation);
const char *ng_modality_name(ng_modality modality);

/* Parse a name as printed by the functions above (ASCII case ignored;
 * "organisation" is accepted too). Return 0 and set *out, or NG_ERR_INVALID. */
int ng_entity_type_parse(const char *name, ng_entity_type *out);
int ng_relation_parse(const char *name, ng_relation *out);
int ng_modality_parse(const char *name, ng_modality *out);

/* One piece of evidence for an edge. As an argument, the strings are
 * copied and may be NULL unless noted; as a return value, they are owned by
 * the graph. */
typedef struct ng_evidence {
    const char *doc;      /* document name (required) */
    long sentence;        /* 1-based sentence number in the document; 0 if unknown */
    long long start;      /* byte span [start, end) in the document as read; -1 if unknown */
    long long end;
    const char *text;     /* the sentence */
    const char *trigger;  /* the word or phrase that signalled the relation */
    ng_modality modality;
    const char *date;     /* YYYY-MM-DD */
    const char *place;    /* entity id of the place where it happened */
    const char *item;     /* the thing supplied */
} ng_evidence;

/* A document the graph was built from. */
typedef struct ng_docinfo {
    const char *name;     /* base file name or JSON Lines id (required) */
    const char *date;     /* YYYY-MM-DD or NULL */
    long sentences;       /* number of sentences, 0 if unknown */
} ng_docinfo;

/* --- the graph ---------------------------------------------------------- */

/* Returns a new empty graph, owned by the caller (free with ng_graph_free),
 * or NULL if out of memory. */
ng_graph *ng_graph_new(ng_error *err);
void ng_graph_free(ng_graph *graph);

/* A free-text title for the graph (exported as its label). Copied. */
int ng_graph_set_label(ng_graph *graph, const char *label, ng_error *err);
/* Borrowed; "" when unset. */
const char *ng_graph_label(const ng_graph *graph);

/* Records a document. Adding a name that is already present updates its
 * date and sentence count where the new record has them. */
int ng_graph_add_document(ng_graph *graph, const ng_docinfo *doc, ng_error *err);
size_t ng_graph_document_count(const ng_graph *graph);
/* Borrowed; NULL if i is out of range. */
const ng_docinfo *ng_graph_document_at(const ng_graph *graph, size_t i);

/* --- entities ----------------------------------------------------------- */

/* Finds or creates the entity named `label` with the given type. Its id is
 * the slug of the label ("Kim Jong-un" -> "kim-jong-un"); an entity whose
 * label has the same slug and the same type is the same entity, and the new
 * spelling becomes one of its aliases. A slug already taken by an entity of
 * another type gets the type name appended ("georgia-place"). Returns a
 * borrowed handle, or NULL with err set (NG_ERR_INVALID for an empty
 * label, NG_ERR_NOMEM). */
const ng_entity *ng_graph_add_entity(ng_graph *graph, const char *label,
                                     ng_entity_type type, ng_error *err);

/* As ng_graph_add_entity, but with the id given (for loaders that must
 * keep the ids of a saved graph). An existing entity with that id is
 * returned as it is if its type matches, else NG_ERR_INVALID. */
const ng_entity *ng_graph_add_entity_with_id(ng_graph *graph, const char *id,
                                             const char *label, ng_entity_type type,
                                             ng_error *err);

/* Adds another name for the entity; duplicates (after name folding) and
 * the label itself are ignored. */
int ng_graph_add_alias(ng_graph *graph, const ng_entity *entity, const char *alias,
                       ng_error *err);

/* Counts `count` more mentions of the entity and, when doc is not NULL,
 * records that it appears in that document. */
int ng_graph_add_mentions(ng_graph *graph, const ng_entity *entity, const char *doc,
                          long count, ng_error *err);

size_t ng_graph_entity_count(const ng_graph *graph);
/* Borrowed; NULL if i is out of range. */
const ng_entity *ng_graph_entity_at(const ng_graph *graph, size_t i);
/* Borrowed; NULL if there is no entity with this exact id. */
const ng_entity *ng_graph_entity_by_id(const ng_graph *graph, const char *id);

/* Looks a name up among ids, labels and aliases, ignoring case, hyphens,
 * underscores and runs of spaces ("kim jong-UN" finds "Kim Jong Un").
 * Returns the one entity whose label matches, else the first one added
 * among the matches, else NULL. Borrowed. */
const ng_entity *ng_graph_find(const ng_graph *graph, const char *name);

/* Stores up to `capacity` matches of `name` (as for ng_graph_find) in
 * `out`, in insertion order, and returns how many there are in all. */
size_t ng_graph_find_all(const ng_graph *graph, const char *name,
                         const ng_entity **out, size_t capacity);

/* Entity getters. Strings are borrowed from the graph. */
const char *ng_entity_id(const ng_entity *entity);
const char *ng_entity_label(const ng_entity *entity);
ng_entity_type ng_entity_typeof(const ng_entity *entity);
size_t ng_entity_index(const ng_entity *entity);
long ng_entity_mentions(const ng_entity *entity);
/* Aliases other than the label, in the order they were added. */
size_t ng_entity_alias_count(const ng_entity *entity);
const char *ng_entity_alias_at(const ng_entity *entity, size_t i);
/* Documents the entity was mentioned in, in the order they were added. */
size_t ng_entity_doc_count(const ng_entity *entity);
const char *ng_entity_doc_at(const ng_entity *entity, size_t i);

/* --- edges -------------------------------------------------------------- */

/* Finds or creates the edge (source, relation, target). For `meets` the two
 * ends are put in canonical order (smaller id first). Returns a borrowed
 * handle, or NULL with err set: NG_ERR_INVALID when source and target are
 * the same entity or do not belong to this graph. */
const ng_edge *ng_graph_add_edge(ng_graph *graph, const ng_entity *source,
                                 ng_relation relation, const ng_entity *target,
                                 ng_error *err);

/* Appends a copy of `evidence` to the edge, unless the edge already has an
 * identical record (same document, sentence, span, trigger and modality),
 * in which case nothing changes. */
int ng_graph_add_evidence(ng_graph *graph, const ng_edge *edge,
                          const ng_evidence *evidence, ng_error *err);

/* Declares what a summary says of the evidence behind an edge whose
 * records are not all at hand: GraphML and DOT files carry an edge's
 * weight and modality but only one sentence of its evidence, so their
 * loaders keep the declared values here. They are lower bounds: from then
 * on ng_edge_weight is the larger of `weight` and the number of records
 * held, and ng_edge_modality the stronger of `modality` and the records'
 * strongest, however many records are added later. A second call replaces
 * the declared values. Returns 0, or NG_ERR_INVALID for an edge of
 * another graph or a modality out of range. */
int ng_graph_set_edge_summary(ng_graph *graph, const ng_edge *edge, size_t weight,
                              ng_modality modality, ng_error *err);

size_t ng_graph_edge_count(const ng_graph *graph);
/* Borrowed; NULL if i is out of range. */
const ng_edge *ng_graph_edge_at(const ng_graph *graph, size_t i);
/* Borrowed; NULL if the graph has no such edge (meets: either order). */
const ng_edge *ng_graph_find_edge(const ng_graph *graph, const ng_entity *source,
                                  ng_relation relation, const ng_entity *target);

/* Edge getters. */
const ng_entity *ng_edge_source(const ng_edge *edge);
const ng_entity *ng_edge_target(const ng_edge *edge);
ng_relation ng_edge_relation(const ng_edge *edge);
size_t ng_edge_index(const ng_edge *edge);
/* 0 for `meets`, 1 for the other relations. */
int ng_edge_directed(const ng_edge *edge);
/* The number of evidence records, or the declared weight if larger. */
size_t ng_edge_weight(const ng_edge *edge);
/* The strongest modality among the evidence and the declared one;
 * NG_MODALITY_ASSERTED when the edge has neither. */
ng_modality ng_edge_modality(const ng_edge *edge);
size_t ng_edge_evidence_count(const ng_edge *edge);
/* The modality of evidence record i (NG_MODALITY_ASSERTED if i is out of
 * range); known without reading the record. */
ng_modality ng_edge_evidence_modality(const ng_edge *edge, size_t i);
/* The index of the first evidence record with the strongest modality among
 * the records held (the one to show for the edge); SIZE_MAX if the edge
 * has no evidence. */
size_t ng_edge_strongest_index(const ng_edge *edge);

/* --- reading evidence --------------------------------------------------- */

/* A graph keeps its evidence records as bytes, in memory while they are
 * few and in an unlinked temporary file once they are many (see
 * ng_graph_set_evidence_memory), so a record is read into a reader, which
 * owns the decoded copy. A reader serves one thread at a time; threads
 * reading one graph at once each need their own. */
typedef struct ng_evidence_reader ng_evidence_reader;

/* Returns a new reader, owned by the caller (free with
 * ng_evidence_reader_free), or NULL if out of memory. */
ng_evidence_reader *ng_evidence_reader_new(ng_error *err);
void ng_evidence_reader_free(ng_evidence_reader *reader);

/* Reads evidence record i of the edge into the reader. The record and its
 * strings are borrowed: valid until the reader's next read, until it is
 * freed, or until the graph changes, whichever comes first. Returns NULL
 * with err set if i is out of range (NG_ERR_INVALID) or the record cannot
 * be read back from its file (NG_ERR_IO). */
const ng_evidence *ng_edge_evidence_read(const ng_edge *edge, size_t i,
                                         ng_evidence_reader *reader, ng_error *err);

/* Sets how many bytes of evidence records the graph keeps in memory; past
 * that it moves them to an unlinked temporary file in $TMPDIR (or /tmp),
 * keeping twelve bytes a record in memory. The default is 64 MiB; SIZE_MAX
 * keeps everything in memory and 0 moves records out from the first one.
 * When no temporary file can be made the records stay in memory. Returns 0. */
int ng_graph_set_evidence_memory(ng_graph *graph, size_t bytes);

#ifdef __cplusplus
}
#endif

#endif
