/* The container's stdio: pipes (stdin only with -i, stdout, and always stderr so runtime errors are caught),
 * or, with -t, a console socket on which the runtime sends the pty master (SCM_RIGHTS, runc's protocol). */
#ifndef CONMON_CONTAINER_STDIO_H
#define CONMON_CONTAINER_STDIO_H

#include "monitor.h"

int stdio_setup(struct monitor *m, struct mon_error *err);
/* Called when the console socket is readable: receives the pty master, makes it stdin+stdout. */
int stdio_accept_console(struct monitor *m, struct mon_error *err);
/* Reads one chunk from fd and hands it to the log and to attach clients. Returns bytes read, 0 at EOF
 * (or EIO on a pty without slave), -1 when nothing is available right now. */
ssize_t stdio_pump(struct monitor *m, int fd, enum stream_id stream);
/* After the container exited: read what is left in the pipes without blocking. */
void stdio_drain(struct monitor *m);

#endif
