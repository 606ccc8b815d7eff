/* All-or-nothing files through a temporary file renamed into place (see
 * atomic.h). */
#include "io/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fail.h"

/* Names the destination in an error that was filled without a source. */
static int with_source(ng_error *err, const char *path, int rc)
{
    if (rc != 0 && err && !err->source[0])
        snprintf(err->source, sizeof err->source, "%s", path);
    return rc;
}

/* The permissions of the file `path` replaces, which the new one keeps as
 * rewriting it in place would; -1 when there is no such file. */
static long existing_mode(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) ? (long)(st.st_mode & 07777) : -1;
}

static int is_special(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

/* Writes to a device or pipe as it is; there is nothing to keep intact. */
static int save_in_place(const char *path, ng_atomic_write_fn write, void *ctx, ng_error *err)
{
    FILE *out = fopen(path, "wb");
    if (!out)
        return ng_fail(err, NG_ERR_IO, path, "cannot open: %s", strerror(errno));
    int rc = with_source(err, path, write(out, ctx, err));
    if (fclose(out) != 0 && rc == 0)
        rc = ng_fail(err, NG_ERR_IO, path, "cannot write: %s", strerror(errno));
    return rc;
}

/* Creates "<dir>/.<base>.<pid>-<n>" beside `path` for writing and stores
 * its name in `name`. Mode 0666 lets the umask apply exactly as it would
 * to the file itself; O_EXCL and the counter keep concurrent saves (and
 * leftovers of a crash) apart. */
static int create_temp(const char *path, ng_buf *name, FILE **out, ng_error *err)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!*base)
        return ng_fail(err, NG_ERR_INVALID, path, "cannot save: the name is a directory");
    for (unsigned n = 0; n < 100; n++) {
        ng_buf_clear(name);
        if (ng_buf_append(name, path, (size_t)(base - path)) != 0 ||
            ng_buf_printf(name, ".%s.%ld-%u", base, (long)getpid(), n) != 0)
            return ng_fail_nomem(err);
        int fd = open(name->data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno == EEXIST)
            continue;
        if (fd < 0)
            break;
        *out = fdopen(fd, "wb");
        if (*out)
            return 0;
        int saved = errno;
        close(fd);
        unlink(name->data);
        errno = saved;
        break;
    }
    return ng_fail(err, NG_ERR_IO, path, "cannot create a temporary file beside it: %s",
                   strerror(errno));
}

/* Makes the written file durable with the permissions of the one it
 * replaces. Closes `out` in every case. */
static int finish_temp(FILE *out, long mode, const char *path, ng_error *err)
{
    const char *failed = NULL;
    if (fflush(out) != 0 || ferror(out))
        failed = "cannot write";
    else if (mode >= 0 && fchmod(fileno(out), (mode_t)mode) != 0)
        failed = "cannot set permissions";
    else if (fsync(fileno(out)) != 0)
        failed = "cannot write";
    int saved = errno;
    if (fclose(out) != 0 && !failed) {
        failed = "cannot write";
        saved = errno;
    }
    return failed ? ng_fail(err, NG_ERR_IO, path, "%s: %s", failed, strerror(saved)) : 0;
}

int ng_atomic_save(const char *path, ng_atomic_write_fn write, void *ctx, ng_error *err)
{
    if (strcmp(path, "-") == 0)
        return with_source(err, path, write(stdout, ctx, err));
    if (is_special(path))
        return save_in_place(path, write, ctx, err);
    ng_buf tmp = {0};
    FILE *out = NULL;
    long mode = existing_mode(path);
    int rc = create_temp(path, &tmp, &out, err);
    if (rc == 0) {
        rc = with_source(err, path, write(out, ctx, err));
        if (rc != 0)
            fclose(out); /* the write has failed already; its error is the one to report */
        else
            rc = finish_temp(out, mode, path, err);
    }
    if (rc == 0 && rename(tmp.data, path) != 0)
        rc = ng_fail(err, NG_ERR_IO, path, "cannot replace: %s", strerror(errno));
    if (rc != 0 && out)
        unlink(tmp.data); /* the temporary file exists once it was opened */
    ng_buf_free(&tmp);
    return rc;
}
