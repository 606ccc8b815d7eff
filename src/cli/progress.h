/* The progress line of a long extraction: documents, megabytes, speed and
 * the time left, redrawn on standard error when it is a terminal. */
#ifndef NG_CLI_PROGRESS_H
#define NG_CLI_PROGRESS_H

#include <stddef.h>

typedef struct cli_progress cli_progress;

/* Starts a progress line for reading `total` bytes (0 if unknown: no time
 * left is shown), or returns NULL when standard error is not a terminal,
 * or if out of memory: then there is no line. */
cli_progress *cli_progress_start(unsigned long long total);

/* Redraws the line, at most a few times a second; the rate and the time
 * left appear once the run has lasted a second. NULL is allowed. */
void cli_progress_update(cli_progress *p, size_t documents, unsigned long long bytes);

/* Erases the line and frees p. NULL is allowed. */
void cli_progress_end(cli_progress *p);

#endif
