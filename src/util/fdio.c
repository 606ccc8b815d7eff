#include "util/fdio.h"

#include <errno.h>
#include <unistd.h>

int ng_write_all(int fd, const void *bytes, size_t n)
{
    const char *p = bytes;
    while (n > 0) {
        ssize_t put = write(fd, p, n);
        if (put < 0 && errno == EINTR)
            continue;
        if (put < 0)
            return errno;
        if (put == 0)
            return EIO;
        p += put;
        n -= (size_t)put;
    }
    return 0;
}
