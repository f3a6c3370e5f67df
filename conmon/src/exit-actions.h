/* What happens once the container has exited, in order: inherited fds closed (so pre-bound ports and a
 * network helper's exit fd are released), optional `runtime delete`, exit files written, and the
 * --exit-command run (after --exit-delay seconds) with its --exit-command-arg values. */
#ifndef CONMON_EXIT_ACTIONS_H
#define CONMON_EXIT_ACTIONS_H

#include "monitor.h"

/* Closes every fd >= 3 except keep (the sync pipe of an exec session), -1 for none. */
void close_fds_except(int keep);
/* Sets close-on-exec on every descriptor from `first` on (in a child about to exec). */
void mark_cloexec_from(int first);
/* Writes "<code>" to <exit-dir>/<cid> and <persist-dir>/exit, each atomically. */
int write_exit_files(const struct monitor *m, int exit_code, struct mon_error *err);
/* Runs the exit command and waits for it (and any other leftover child). Returns its exit code. */
int run_exit_command(const struct monitor *m);

#endif
