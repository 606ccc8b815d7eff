/* Interruption: SIGINT and SIGTERM ask a run to stop between documents,
 * so that nothing half-made is written. */
#include <signal.h>

#include "cli/cli.h"

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
    stop_signal = sig;
}

void cli_signals_install(void)
{
    struct sigaction sa;
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

int cli_stop_requested(void)
{
    return stop_signal != 0;
}
