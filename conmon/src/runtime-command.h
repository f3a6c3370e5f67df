/* The OCI runtime invocations: `create` (or `exec -d`) with the container's stdio, and the tsmoby
 * `delete --force` after exit. The runtime child never returns. */
#ifndef CONMON_RUNTIME_COMMAND_H
#define CONMON_RUNTIME_COMMAND_H

#include "monitor.h"

/* Forks the runtime with its stdio on the worker fds; sets m->runtime_pid. */
int runtime_spawn(struct monitor *m, const sigset_t *child_mask, struct mon_error *err);
/* Runs `<runtime> [runtime-args] delete --force <cid>` and waits for it (bounded by the runtime itself). */
int runtime_delete(const struct monitor *m, struct mon_error *err);

#endif
