#include "graph/entity_id.h"

#include <string.h>

#include "util/names.h"

int ng_entity_id_base(const char *label, size_t len, ng_buf *id)
{
    size_t start = id->len;
    if (ng_name_slug(label, len, id) != 0)
        return NG_ERR_NOMEM;
    if (id->len == start && ng_buf_append_str(id, "entity") != 0)
        return NG_ERR_NOMEM;
    return 0;
}

int ng_entity_id_settle(ng_entity_type type, ng_buf *id, ng_entity_id_lookup lookup,
                        const void *collection, const void **existing)
{
    *existing = NULL;
    size_t base = id->len;
    for (unsigned n = 0;; n++) {
        ng_entity_type held = type;
        const void *e = lookup(collection, id->data, &held);
        if (!e || held == type) {
            *existing = e;
            return 0;
        }
        id->len = base;
        int rc = n == 0 ? ng_buf_printf(id, "-%s", ng_entity_type_name(type))
                        : ng_buf_printf(id, "-%s-%u", ng_entity_type_name(type), n + 1);
        if (rc != 0)
            return NG_ERR_NOMEM;
    }
}

int ng_entity_id_choose(const char *label, ng_entity_type type, ng_buf *id,
                        ng_entity_id_lookup lookup, const void *collection,
                        const void **existing)
{
    *existing = NULL;
    ng_buf_clear(id);
    if (ng_entity_id_base(label, strlen(label), id) != 0)
        return NG_ERR_NOMEM;
    return ng_entity_id_settle(type, id, lookup, collection, existing);
}
