#include "cli/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* Redrawing more often than this only costs time. */
#define REDRAW_SECONDS 0.25
/* A rate measured over less time than this tells more about starting
 * (loading the dictionaries, the first page's cold caches) than about
 * the run: the line shows no rate and no ETA before. */
#define RATE_SECONDS 1.0

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

cli_progress *cli_progress_start(unsigned long long total)
{
    if (!isatty(STDERR_FILENO))
        return NULL;
    cli_progress *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->total = total;
    p->started = p->drawn = now();
    return p;
}

/* Appends the rate, in MB/s, and the time left at that rate. */
static void show_rate(const cli_progress *p, double rate, unsigned long long bytes)
{
    fprintf(stderr, ", %.1f MB/s", rate);
    if (p->total > bytes && rate > 0) {
        long left = (long)(((double)(p->total - bytes) / 1e6) / rate + 0.5);
        fprintf(stderr, ", ETA %ld:%02ld", left / 60, left % 60);
    }
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
    double mb = (double)bytes / 1e6;
    fprintf(stderr, "\r\033[Knewsgraph: %zu document%s, %.1f MB", documents,
            documents == 1 ? "" : "s", mb);
    if (p->total)
        fprintf(stderr, " of %.1f MB", (double)p->total / 1e6);
    if (t - p->started >= RATE_SECONDS)
        show_rate(p, mb / (t - p->started), bytes);
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
