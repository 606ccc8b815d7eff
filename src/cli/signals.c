/* SIGINT and SIGTERM: a run stops at the next safe point instead of dying
 * in the middle of a write. The handler only records the signal; extract
 * looks at it between documents and before each output, so an interrupted
 * run writes nothing and every previous output stays as it was. The
 * handler is one-shot (SA_RESETHAND): a second signal ends the program at
 * once, for a user who does not want to wait for the current document. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static volatile sig_atomic_t stop_signal;

static void on_stop(int signo)
{
    stop_signal = signo;
}

int cli_signals_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    /* SA_RESTART: a system call the signal interrupts resumes, so no read
     * or write fails with EINTR half-way through a file. */
    sa.sa_flags = SA_RESTART | SA_RESETHAND;
    sa.sa_handler = on_stop;
    if (sigaction(SIGINT, &sa, NULL) != 0 || sigaction(SIGTERM, &sa, NULL) != 0)
        return -1;
    /* Past `ulimit -f`, write() should fail with EFBIG, which the outputs
     * report (and clean up after), rather than the signal killing us. */
    sa.sa_flags = 0;
    sa.sa_handler = SIG_IGN;
    return sigaction(SIGXFSZ, &sa, NULL);
}

int cli_stop_requested(void)
{
    return stop_signal != 0;
}

int cli_interrupted(void)
{
    int signo = stop_signal;
    fprintf(stderr, "newsgraph: interrupted by %s; no output written\n",
            signo == SIGINT ? "SIGINT" : "SIGTERM");
    return 128 + signo;
}
