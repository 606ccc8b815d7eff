/* Fuzz target: arbitrary bytes through the JSON graph loader. */
#include "loader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ng_fuzz_load(NG_FORMAT_JSON, data, size);
    return 0;
}
