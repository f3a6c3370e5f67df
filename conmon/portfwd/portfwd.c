/* tsmoby-portfwd: publishes container ports (UDP through udp-relay.c). Listens in the network namespace it starts in (the host's),
 * then setns()es once into the container's network namespace: sockets it creates from then on (the
 * connections to the container) live there, while the listening sockets stay bound on the host.
 * Bytes are moved with splice() through a pipe per direction; single-threaded, epoll, level-triggered.
 * Usage and protocol: conmon/portfwd/README.md. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "forward-spec.h"
#include "udp-relay.h"

#define PIPE_CAPACITY (1 << 20)
#define MAX_EVENTS 64

enum kind { LISTENER, EXIT_FD, PEER };

struct endpoint {
  enum kind kind;
  int fd;
  struct conn *conn;      /* PEER only */
  struct forward *fwd;    /* LISTENER only */
  unsigned interest;      /* the epoll events currently registered */
};

/* One direction of a connection: src -> pipe -> dst. */
struct flow {
  struct endpoint *src, *dst;
  int pipe_r, pipe_w;
  size_t in_pipe;
  int src_eof, shut;
};

struct conn {
  struct endpoint client, target;
  struct flow up, down;   /* up: client -> container */
  int connecting, closed;
  struct conn *next_dead;
};

static int epfd;
/* Closed connections are freed only after the current batch of events: a later event may name them. */
static struct conn *dead;

/* Exit codes the caller tells apart without reading the message: see README.md. */
static void die(const char *what, const char *detail) {
  int code = 1;
  if (strcmp(what, "cannot listen on") == 0) code = errno == EADDRINUSE ? 3 : errno == EACCES ? 4 : 5;
  fprintf(stderr, "tsmoby-portfwd: %s%s%s: %s\n", what, detail ? " " : "", detail ? detail : "", strerror(errno));
  exit(code);
}

static void set_interest(struct endpoint *ep, unsigned events) {
  if (ep->interest == events) return;
  struct epoll_event ev = { .events = events, .data.ptr = ep };
  epoll_ctl(epfd, ep->interest == (unsigned)-1 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, ep->fd, &ev);
  ep->interest = events;
}

static void conn_close(struct conn *c) {
  int fds[] = { c->client.fd, c->target.fd, c->up.pipe_r, c->up.pipe_w, c->down.pipe_r, c->down.pipe_w };
  for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
    if (fds[i] >= 0) close(fds[i]);  /* close() also removes the fd from the epoll set */
  c->closed = 1;
  c->next_dead = dead;
  dead = c;
}

static void bury_dead(void) {
  while (dead != NULL) {
    struct conn *c = dead;
    dead = c->next_dead;
    free(c);
  }
}

static int flow_init(struct flow *f, struct endpoint *src, struct endpoint *dst) {
  int p[2];
  f->src = src;
  f->dst = dst;
  f->pipe_r = f->pipe_w = -1;
  if (pipe2(p, O_NONBLOCK | O_CLOEXEC) < 0) return -1;
  f->pipe_r = p[0];
  f->pipe_w = p[1];
  fcntl(p[1], F_SETPIPE_SZ, PIPE_CAPACITY);  /* best effort: the per-user pipe limit may refuse it */
  return 0;
}

/* Moves what can be moved without blocking. Returns -1 when the connection must be dropped. */
static int flow_pump(struct flow *f) {
  for (;;) {
    int progressed = 0;
    if (!f->src_eof) {
      ssize_t n = splice(f->src->fd, NULL, f->pipe_w, NULL, PIPE_CAPACITY, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
      if (n > 0) { f->in_pipe += (size_t)n; progressed = 1; }
      else if (n == 0) f->src_eof = 1;
      else if (errno != EAGAIN && errno != EINTR) return -1;
    }
    if (f->in_pipe > 0) {
      ssize_t n = splice(f->pipe_r, NULL, f->dst->fd, NULL, f->in_pipe, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
      if (n > 0) { f->in_pipe -= (size_t)n; progressed = 1; }
      else if (n < 0 && errno != EAGAIN && errno != EINTR) return -1;
    }
    if (!progressed) break;
  }
  if (f->src_eof && f->in_pipe == 0 && !f->shut) {
    shutdown(f->dst->fd, SHUT_WR);
    f->shut = 1;
  }
  return 0;
}

/* Each socket reads for its outgoing flow and writes for its incoming one. */
static unsigned wanted(const struct flow *out, const struct flow *in) {
  unsigned ev = 0;
  if (!out->src_eof) ev |= EPOLLIN;
  if (in->in_pipe > 0) ev |= EPOLLOUT;
  return ev;
}

static void conn_step(struct conn *c) {
  if (c->closed) return;
  if (c->connecting) {
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(c->target.fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) { conn_close(c); return; }
    c->connecting = 0;
  }
  if (flow_pump(&c->up) < 0 || flow_pump(&c->down) < 0 || (c->up.shut && c->down.shut)) {
    conn_close(c);
    return;
  }
  set_interest(&c->client, wanted(&c->up, &c->down));
  set_interest(&c->target, wanted(&c->down, &c->up));
}

static void accept_one(struct endpoint *lep) {
  struct forward *fwd = lep->fwd;
  int cfd = accept4(lep->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (cfd < 0) return;
  struct conn *c = calloc(1, sizeof *c);
  if (c == NULL) { close(cfd); return; }
  c->client = (struct endpoint){ .kind = PEER, .fd = cfd, .conn = c, .interest = (unsigned)-1 };
  c->target = (struct endpoint){ .kind = PEER, .fd = -1, .conn = c, .interest = (unsigned)-1 };
  c->up.pipe_r = c->up.pipe_w = c->down.pipe_r = c->down.pipe_w = -1;
  /* Created after setns(): this socket belongs to the container's network namespace. */
  c->target.fd = socket(fwd->target.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (c->target.fd < 0 || flow_init(&c->up, &c->client, &c->target) < 0 ||
      flow_init(&c->down, &c->target, &c->client) < 0) {
    conn_close(c);
    return;
  }
  int one = 1;
  setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  setsockopt(c->target.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  socklen_t len = fwd->target.ss_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
  if (connect(c->target.fd, (struct sockaddr *)&fwd->target, len) < 0 && errno != EINPROGRESS) {
    conn_close(c);
    return;
  }
  c->connecting = 1;
  /* Nothing is read from the client until the container side is connected. */
  set_interest(&c->target, EPOLLOUT);
}

static void add_endpoint(struct endpoint *ep, unsigned events) {
  ep->interest = (unsigned)-1;
  set_interest(ep, events);
}

int main(int argc, char **argv) {
  struct options o;
  if (parse_options(argc, argv, &o) < 0) return 2;
  signal(SIGPIPE, SIG_IGN);
  for (int i = 0; i < o.nforwards; i++)
    if (open_listener(&o.forwards[i]) < 0) die("cannot listen on", o.forwards[i].spec);
  int ns = open(o.netns, O_RDONLY | O_CLOEXEC);
  if (ns < 0) die("cannot open network namespace", o.netns);
  if (setns(ns, CLONE_NEWNET) < 0) die("cannot join network namespace", o.netns);
  close(ns);
  epfd = epoll_create1(EPOLL_CLOEXEC);
  if (epfd < 0) die("epoll_create1", NULL);
  udp_relay_init(epfd);
  static struct endpoint listeners[MAX_FORWARDS], exit_ep;
  for (int i = 0; i < o.nforwards; i++) {
    listeners[i] = (struct endpoint){ .kind = LISTENER, .fd = o.forwards[i].listen_fd, .fwd = &o.forwards[i] };
    add_endpoint(&listeners[i], EPOLLIN);
  }
  if (o.exit_fd >= 0) {
    exit_ep = (struct endpoint){ .kind = EXIT_FD, .fd = o.exit_fd };
    add_endpoint(&exit_ep, EPOLLIN);
  }
  if (o.ready_fd >= 0) {
    if (write(o.ready_fd, "1", 1) != 1) die("cannot write to the ready fd", NULL);
    close(o.ready_fd);
  }
  struct epoll_event events[MAX_EVENTS];
  for (;;) {
    int n = epoll_wait(epfd, events, MAX_EVENTS, udp_expire());
    if (n < 0 && errno != EINTR) die("epoll_wait", NULL);
    for (int i = 0; i < n; i++) {
      if (udp_is_session(events[i].data.ptr)) { udp_session_readable(events[i].data.ptr); continue; }
      struct endpoint *ep = events[i].data.ptr;
      if (ep->kind == EXIT_FD) return 0;  /* the holder of the other end is gone: so is the container */
      if (ep->kind == LISTENER && ep->fwd->udp) udp_listener_readable(ep->fwd);
      else if (ep->kind == LISTENER) accept_one(ep);
      else conn_step(ep->conn);
    }
    bury_dead();
  }
}
