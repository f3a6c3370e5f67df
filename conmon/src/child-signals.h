/* Signals through a signalfd: SIGCHLD reaps children (the monitor is a subreaper, so the container and
 * anything it orphans end up here); SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1 and SIGUSR2 sent to the
 * monitor are forwarded to the container process (to the runtime while the container does not exist yet). */
#ifndef CONMON_CHILD_SIGNALS_H
#define CONMON_CHILD_SIGNALS_H

#include <signal.h>
#include "monitor.h"

/* Blocks the handled signals (saving the old mask for children in *old) and opens m->signal_fd. */
int signals_setup(struct monitor *m, sigset_t *old, struct mon_error *err);
/* Handles everything pending on the signalfd. */
void signals_read(struct monitor *m);
/* Reaps every exited child, recording the runtime's and the container's status. */
void reap_children(struct monitor *m);
/* Once the container pid is known: did it already exit (reaped while we waited for the runtime)? */
void adopt_early_exit(struct monitor *m);

#endif
