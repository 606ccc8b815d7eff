#include <newsgraph/newsgraph.h>

const char *ng_version(void)
{
    return NG_VERSION_STRING;
}
