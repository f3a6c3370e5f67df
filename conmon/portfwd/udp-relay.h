/* UDP publishing for tsmoby-portfwd: one socket per client in the container's network namespace, so that
 * replies find their way back to the client that asked; idle clients are forgotten after a while. */
#ifndef PORTFWD_UDP_RELAY_H
#define PORTFWD_UDP_RELAY_H

#include "forward-spec.h"

/* How long a client without traffic keeps its socket in the container's namespace. */
#define UDP_IDLE_SECONDS 60

/* The epoll set the per-client sockets join; their data.ptr is told apart with udp_is_session(). */
void udp_relay_init(int epfd);
/* A datagram (or several) waits on the host-side socket of `fwd`. */
void udp_listener_readable(struct forward *fwd);
/* The container answered on a client's socket: `session` is the pointer epoll returned. */
void udp_session_readable(void *session);
/* Closes sockets idle for UDP_IDLE_SECONDS; returns the milliseconds until the next one may expire, or -1. */
int udp_expire(void);
/* Whether an epoll data.ptr belongs to a UDP session. */
int udp_is_session(const void *ptr);

#endif
