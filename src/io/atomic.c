/* All-or-nothing files through a temporary file renamed into place (see
 * atomic.h), written behind when they grow large. */
#define _GNU_SOURCE /* fopencookie, sync_file_range */
#include "io/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fail.h"
#include "util/fdio.h"

/* How much is written between two requests to start writing it back. */
#define WRITEBACK_SIZE ((off_t)16 * 1024 * 1024)
/* Where in the file writing behind starts (write_behind). */
#define WRITE_BEHIND_FROM ((off_t)256 * 1024 * 1024)
/* The stdio buffer of a temporary file. */
#define TEMP_BUFFER_SIZE (64 * 1024)

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

/* The temporary file being written, under its stdio stream. */
typedef struct temp_file {
    int fd;
    off_t written; /* bytes written so far */
    off_t asked;   /* the end of what writeback was last asked for */
    off_t dropped; /* the end of what was dropped from the page cache */
} temp_file;

/* Asks the system to start writing what the file holds to disk, so that
 * the fsync that makes it durable (finish_temp) finds most of it written
 * already instead of waiting for all of it at the end.
 *
 * Past WRITE_BEHIND_FROM bytes the file is written behind: what was asked
 * for the time before is waited for and dropped from the page cache. A
 * graph of gigabytes is saved once, and kept in the cache it would push
 * out the corpus and everything else; where unused memory goes back to a
 * virtual machine's host, each of its pages also takes a fresh one (the
 * README's benchmark section has the figures). Smaller files stay cached
 * for the commands that read them next. Requests only: their failure
 * changes nothing that is written. */
static void write_behind(temp_file *t)
{
#if defined(__linux__)
    sync_file_range(t->fd, t->asked, t->written - t->asked, SYNC_FILE_RANGE_WRITE);
    if (t->asked > t->dropped) {
        sync_file_range(t->fd, t->dropped, t->asked - t->dropped,
                        SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
                            SYNC_FILE_RANGE_WAIT_AFTER);
        posix_fadvise(t->fd, t->dropped, t->asked - t->dropped, POSIX_FADV_DONTNEED);
        t->dropped = t->asked;
    }
#endif
    t->asked = t->written;
}

#if defined(__GLIBC__)
/* The stream's write: all of it, or -1 with errno set. */
static ssize_t temp_write(void *cookie, const char *data, size_t n)
{
    temp_file *t = cookie;
    int errnum = ng_write_all(t->fd, data, n);
    if (errnum != 0) {
        errno = errnum;
        return -1;
    }
    t->written += (off_t)n;
    if (t->written - t->asked >= WRITEBACK_SIZE)
        write_behind(t);
    return (ssize_t)n;
}

static int temp_close(void *cookie)
{
    return close(((temp_file *)cookie)->fd);
}
#endif

/* A stream that writes to t->fd, and closes it when closed: through
 * temp_write where stdio lets a stream's writes be seen, plain otherwise. */
static FILE *temp_stream(temp_file *t)
{
#if defined(__GLIBC__)
    cookie_io_functions_t io = {.write = temp_write, .close = temp_close};
    FILE *out = fopencookie(t, "wb", io);
    if (out)
        setvbuf(out, NULL, _IOFBF, TEMP_BUFFER_SIZE);
    return out;
#else
    return fdopen(t->fd, "wb");
#endif
}

/* Creates "<dir>/.<base>.<pid>-<n>" beside `path` for writing and stores
 * its name in `name`. Mode 0666 lets the umask apply exactly as it would
 * to the file itself; O_EXCL and the counter keep concurrent saves (and
 * leftovers of a crash) apart. */
static int create_temp(const char *path, ng_buf *name, temp_file *t, FILE **out,
                       ng_error *err)
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
        *t = (temp_file){.fd = fd, .dropped = WRITE_BEHIND_FROM};
        *out = temp_stream(t);
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
 * replaces. Closes `out` (the stream of t) in every case. */
static int finish_temp(FILE *out, const temp_file *t, long mode, const char *path,
                       ng_error *err)
{
    const char *failed = NULL;
    if (fflush(out) != 0 || ferror(out))
        failed = "cannot write";
    else if (mode >= 0 && fchmod(t->fd, (mode_t)mode) != 0)
        failed = "cannot set permissions";
    else if (fsync(t->fd) != 0)
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
    temp_file t;
    FILE *out = NULL;
    long mode = existing_mode(path);
    int rc = create_temp(path, &tmp, &t, &out, err);
    if (rc == 0) {
        rc = with_source(err, path, write(out, ctx, err));
        if (rc != 0)
            fclose(out); /* the write has failed already; its error is the one to report */
        else
            rc = finish_temp(out, &t, mode, path, err);
    }
    if (rc == 0 && rename(tmp.data, path) != 0)
        rc = ng_fail(err, NG_ERR_IO, path, "cannot replace: %s", strerror(errno));
    if (rc != 0 && out)
        unlink(tmp.data); /* the temporary file exists once it was opened */
    ng_buf_free(&tmp);
    return rc;
}
