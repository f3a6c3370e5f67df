/* The attach socket: SOCK_SEQPACKET at <socket-dir-path>/<cuuid>/attach, where <socket-dir-path>/<cuuid> is a
 * symlink to the bundle (conmon's trick to stay under the 108-byte sun_path limit; the socket itself is bound
 * through /proc/self/fd/<bundle-dir-fd>/attach). With --full-attach the socket is <bundle>/attach, no link.
 * Every message to a client is one container output chunk prefixed by a stream id byte (2 stdout, 3 stderr);
 * what a client sends is raw stdin. A client shutting down its sending side closes the container's stdin
 * (with -i, unless --leave-stdin-open) but keeps receiving output. */
#ifndef CONMON_ATTACH_SOCKET_H
#define CONMON_ATTACH_SOCKET_H

#include "monitor.h"

int attach_setup(struct monitor *m, struct mon_error *err);
void attach_accept(struct monitor *m);
/* Reads one message from client i into the stdin buffer (caller polls clients only when it is empty). */
void attach_read_client(struct monitor *m, int i);
/* Writes buffered stdin to the container; drops it when the container has no stdin. */
void attach_flush_stdin(struct monitor *m);
void attach_broadcast(struct monitor *m, const char *buf, size_t len);
void attach_close_all(struct monitor *m);

#endif
