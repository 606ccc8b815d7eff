#include "cli/progress.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Redrawing more often than this only costs time. */
#define REDRAW_SECONDS 0.25

struct cli_progress {
    unsigned long long total; /* bytes of all inputs; 0 if unknown (stdin) */
    double started, drawn;
    int shown; /* the first document is shown at once, then a few times a second */
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Bytes of the files under path, skipping hidden entries as the reader
 * does; depth bounds a walk through symbolic-link loops. */
static unsigned long long size_of(const char *path, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    if (!S_ISDIR(st.st_mode))
        return S_ISREG(st.st_mode) ? (unsigned long long)st.st_size : 0;
    DIR *dir = depth < 64 ? opendir(path) : NULL;
    if (!dir)
        return 0;
    unsigned long long total = 0;
    size_t len = strlen(path);
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *child = malloc(len + strlen(e->d_name) + 2);
        if (!child)
            break;
        sprintf(child, "%s/%s", path, e->d_name);
        total += size_of(child, depth + 1);
        free(child);
    }
    closedir(dir);
    return total;
}

cli_progress *cli_progress_start(const char *const *inputs, size_t count)
{
    if (!isatty(STDERR_FILENO))
        return NULL;
    cli_progress *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    for (size_t i = 0; i < count; i++) {
        if (strcmp(inputs[i], "-") == 0) {
            p->total = 0;
            break;
        }
        p->total += size_of(inputs[i], 0);
    }
    p->started = p->drawn = now();
    return p;
}

void cli_progress_update(cli_progress *p, size_t documents, unsigned long long bytes)
{
    if (!p)
        return;
    double t = now();
    if (p->shown && t - p->drawn < REDRAW_SECONDS)
        return;
    p->shown = 1;
    p->drawn = t;
    double mb = (double)bytes / 1e6, rate = t > p->started ? mb / (t - p->started) : 0;
    fprintf(stderr, "\r\033[Knewsgraph: %zu documents, %.1f MB", documents, mb);
    if (p->total)
        fprintf(stderr, " of %.1f MB", (double)p->total / 1e6);
    fprintf(stderr, ", %.1f MB/s", rate);
    if (p->total > bytes && rate > 0) {
        long left = (long)(((double)(p->total - bytes) / 1e6) / rate + 0.5);
        fprintf(stderr, ", ETA %ld:%02ld", left / 60, left % 60);
    }
    fflush(stderr);
}

void cli_progress_end(cli_progress *p)
{
    if (!p)
        return;
    if (p->shown)
        fputs("\r\033[K", stderr);
    free(p);
}
