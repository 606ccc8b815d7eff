/* The closed vocabularies of the model: entity types, relations and
 * modalities, and their names in every output format. */
#include <stddef.h>
#include <strings.h>

#include <newsgraph/graph.h>

static const char *const type_names[NG_ENTITY_TYPE_COUNT] = {
    [NG_ENTITY_PERSON] = "person",
    [NG_ENTITY_COUNTRY] = "country",
    [NG_ENTITY_ORGANIZATION] = "organization",
    [NG_ENTITY_PLACE] = "place",
};

static const char *const relation_names[NG_RELATION_COUNT] = {
    [NG_RELATION_MEETS] = "meets",
    [NG_RELATION_VISITS] = "visits",
    [NG_RELATION_SUPPLIES] = "supplies",
    [NG_RELATION_SANCTIONS] = "sanctions",
};

static const char *const modality_names[NG_MODALITY_COUNT] = {
    [NG_MODALITY_DENIED] = "denied",
    [NG_MODALITY_ALLEGED] = "alleged",
    [NG_MODALITY_PLANNED] = "planned",
    [NG_MODALITY_ASSERTED] = "asserted",
};

static const char *name_of(const char *const *names, int count, int value)
{
    return value >= 0 && value < count ? names[value] : NULL;
}

/* Index of `name` in `names`, or -1. */
static int index_of(const char *const *names, int count, const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; i < count; i++)
        if (strcasecmp(names[i], name) == 0)
            return i;
    return -1;
}

const char *ng_entity_type_name(ng_entity_type type)
{
    return name_of(type_names, NG_ENTITY_TYPE_COUNT, (int)type);
}

const char *ng_relation_name(ng_relation relation)
{
    return name_of(relation_names, NG_RELATION_COUNT, (int)relation);
}

const char *ng_modality_name(ng_modality modality)
{
    return name_of(modality_names, NG_MODALITY_COUNT, (int)modality);
}

int ng_entity_type_parse(const char *name, ng_entity_type *out)
{
    int i = index_of(type_names, NG_ENTITY_TYPE_COUNT, name);
    if (i < 0 && name && strcasecmp(name, "organisation") == 0)
        i = NG_ENTITY_ORGANIZATION;
    if (i < 0)
        return NG_ERR_INVALID;
    *out = (ng_entity_type)i;
    return 0;
}

int ng_relation_parse(const char *name, ng_relation *out)
{
    int i = index_of(relation_names, NG_RELATION_COUNT, name);
    if (i < 0)
        return NG_ERR_INVALID;
    *out = (ng_relation)i;
    return 0;
}

int ng_modality_parse(const char *name, ng_modality *out)
{
    int i = index_of(modality_names, NG_MODALITY_COUNT, name);
    if (i < 0)
        return NG_ERR_INVALID;
    *out = (ng_modality)i;
    return 0;
}
