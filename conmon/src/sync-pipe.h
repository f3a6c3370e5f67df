/* The pipes the caller hands over through the environment (_OCI_SYNCPIPE, _OCI_STARTPIPE, _OCI_ATTACHPIPE)
 * and the one-line JSON messages written on them: {"data": N} or {"data": N, "message": "..."}. */
#ifndef CONMON_SYNC_PIPE_H
#define CONMON_SYNC_PIPE_H

#include "error.h"

/* Returns the fd named by the variable (made close-on-exec), -1 when unset, -2 on a malformed value. */
int pipe_fd_from_env(const char *name, struct mon_error *err);

/* key is "data" (api-version 1), "exit_code" (legacy exec) or "pid" (legacy create), as conmon picks it.
 * On EPIPE the fd is closed and set to -1: a caller that went away is not an error. */
void sync_pipe_write(int *fd, const char *key, int value, const char *message);

#endif
