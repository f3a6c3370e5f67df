/* tsmoby-portfwd's UDP relay: each client address on a published host port gets a socket connected to the
 * target in the container's network namespace (made after setns()); what the container sends back on it goes
 * to that client from the host port. A fixed table: when it is full the oldest client is dropped. */
#include "udp-relay.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_SESSIONS 1024
#define DATAGRAM_MAX 65536

struct session {
  int fd;                          /* -1: free slot */
  struct forward *fwd;
  struct sockaddr_storage client;
  socklen_t client_len;
  time_t last;
};

static struct session sessions[MAX_SESSIONS];
static int epfd = -1;
static unsigned char buf[DATAGRAM_MAX];

static time_t now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec;
}

void udp_relay_init(int fd) {
  epfd = fd;
  for (int i = 0; i < MAX_SESSIONS; i++) sessions[i].fd = -1;
}

int udp_is_session(const void *ptr) {
  return ptr >= (const void *)sessions && ptr < (const void *)(sessions + MAX_SESSIONS);
}

static void session_close(struct session *s) {
  if (s->fd >= 0) close(s->fd);  /* also leaves the epoll set */
  s->fd = -1;
}

static struct session *find_or_open(struct forward *fwd, const struct sockaddr_storage *from, socklen_t len) {
  struct session *free_slot = NULL, *oldest = NULL;
  for (int i = 0; i < MAX_SESSIONS; i++) {
    struct session *s = &sessions[i];
    if (s->fd < 0) { if (free_slot == NULL) free_slot = s; continue; }
    if (s->fwd == fwd && s->client_len == len && memcmp(&s->client, from, len) == 0) return s;
    if (oldest == NULL || s->last < oldest->last) oldest = s;
  }
  struct session *s = free_slot != NULL ? free_slot : oldest;
  session_close(s);
  int fd = socket(fwd->target.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return NULL;
  socklen_t tlen = fwd->target.ss_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
  struct epoll_event ev = { .events = EPOLLIN, .data.ptr = s };
  if (connect(fd, (struct sockaddr *)&fwd->target, tlen) < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
    close(fd);
    return NULL;
  }
  *s = (struct session){ .fd = fd, .fwd = fwd, .client_len = len };
  memcpy(&s->client, from, len);
  return s;
}

void udp_listener_readable(struct forward *fwd) {
  for (;;) {
    struct sockaddr_storage from;
    socklen_t len = sizeof from;
    ssize_t n = recvfrom(fwd->listen_fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
    if (n < 0) return;  /* EAGAIN: drained; anything else: the next datagram may do better */
    struct session *s = find_or_open(fwd, &from, len);
    if (s == NULL) continue;
    s->last = now();
    /* A refused send (nothing listening in the container yet) drops the datagram, as the network would. */
    if (send(s->fd, buf, (size_t)n, 0) < 0 && errno != EAGAIN) continue;
  }
}

void udp_session_readable(void *ptr) {
  struct session *s = ptr;
  for (;;) {
    ssize_t n = recv(s->fd, buf, sizeof buf, 0);
    if (n < 0) {
      /* ECONNREFUSED: an ICMP error from the container for an earlier datagram; keep the client. */
      if (errno == EAGAIN || errno == EWOULDBLOCK) return;
      if (errno == ECONNREFUSED || errno == EINTR) continue;
      session_close(s);
      return;
    }
    s->last = now();
    sendto(s->fwd->listen_fd, buf, (size_t)n, 0, (struct sockaddr *)&s->client, s->client_len);
  }
}

int udp_expire(void) {
  time_t t = now();
  int next = -1;
  for (int i = 0; i < MAX_SESSIONS; i++) {
    struct session *s = &sessions[i];
    if (s->fd < 0) continue;
    time_t left = s->last + UDP_IDLE_SECONDS - t;
    if (left <= 0) { session_close(s); continue; }
    if (next < 0 || left * 1000 < next) next = (int)(left * 1000);
  }
  return next;
}
