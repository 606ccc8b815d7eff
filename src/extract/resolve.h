/* Deciding which entity each mention refers to, across a document:
 *   - a dictionary name is its entry; a demonym, group or metonym is the
 *     country; a capital is the city where something happens there ("in
 *     Pyongyang") and the government otherwise ("Pyongyang said");
 *   - a short form ("Kim", "Mr Putin") is the person of the document whose
 *     name has that part, the most mentioned one first, so that Kim Jong Un
 *     and Kim Jong-il stay apart;
 *   - a role ("the Russian President") is the person named with that title
 *     earlier in the document, else the dictionary's holder of the office
 *     on the document's date;
 *   - a pronoun is the person mentioned last;
 *   - an unknown name becomes an entity only when its context types it.
 * Every resolved mention becomes (or finds) an entity of the document's
 * findings (found.h) and is counted there. */
#ifndef NG_EXTRACT_RESOLVE_H
#define NG_EXTRACT_RESOLVE_H

#include <newsgraph/extract.h>
#include <newsgraph/graph.h>

#include "extract/dict.h"
#include "extract/found.h"
#include "extract/mention.h"
#include "extract/token.h"

typedef struct ng_resolver ng_resolver;

/* A resolver that draws on `dict` (which must outlive it). Owned by the
 * caller (ng_resolver_free); NULL if out of memory. */
ng_resolver *ng_resolver_new(const ng_dict *dict, ng_error *err);
void ng_resolver_free(ng_resolver *r);

/* Forgets the previous document and starts on `doc`, adding to `found`. */
void ng_resolver_start(ng_resolver *r, ng_found *found, const ng_document *doc);

/* Sets the entity of every mention of the sentence that can be resolved,
 * counts them in the findings, and drops the mentions that resolve to
 * nothing (a capitalised word starting a sentence), so that the relation
 * finder sees only real ones. */
int ng_resolver_resolve(ng_resolver *r, const ng_tokens *tokens, ng_mentions *mentions,
                        ng_error *err);

/* Finds or creates a place described by `label` in this document ("the
 * aircraft factory"): a definite description of a facility already named
 * in the document by the same head noun is that one. `head` is the folded
 * head noun. Returns the entity or NULL. */
const ng_found_entity *ng_resolver_facility(ng_resolver *r, const char *label, const char *head,
                                            int definite, ng_error *err);

/* The place a mention names when it is a destination or a meeting site:
 * a capital named where something happens ("arrived in Pyongyang") is the
 * city, found or created now; any other mention is its entity. */
const ng_found_entity *ng_resolver_place(ng_resolver *r, const ng_tokens *tokens,
                                         const ng_mention *m, ng_error *err);

/* Remembers that `who` travels to `where` in this document, so that those
 * who go with them ("bringing Jo Chun Ryong") go there too. */
int ng_resolver_note_visit(ng_resolver *r, const ng_found_entity *who,
                           const ng_found_entity *where);

/* Who travelled last in this document ("the officials include ..." are
 * theirs), or NULL. */
const ng_found_entity *ng_resolver_last_traveller(const ng_resolver *r);

/* Where `who` last travelled in this document, or NULL. */
const ng_found_entity *ng_resolver_destination(const ng_resolver *r, const ng_found_entity *who);

/* The person a pronoun would refer to now, or NULL. */
const ng_found_entity *ng_resolver_last_person(const ng_resolver *r);

#endif
