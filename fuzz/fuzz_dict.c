/* Fuzz target: arbitrary bytes as a dictionary file (data/README.md). */
#include <stdint.h>
#include <stdlib.h>

#include "extract/dict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ng_error err;
    ng_dict *d = ng_dict_new(&err);
    if (d == NULL)
        abort();
    if (ng_dict_load(d, (const char *)data, size, "fuzz", &err) == 0) {
        /* Walk what was loaded so lookups see the entries too. */
        for (size_t i = 0; i < ng_dict_count(d); i++) {
            const ng_dict_entry *e = ng_dict_at(d, i);
            ng_dict_find(d, e->kind, e->name);
        }
    }
    ng_dict_free(d);
    return 0;
}
