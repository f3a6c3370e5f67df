/* poll() over a fixed table rebuilt every round; each entry remembers what it is. No allocation. */
#include "monitor-loop.h"
#include "attach-socket.h"
#include "child-signals.h"
#include "container-stdio.h"
#include "ctl-fifo.h"

#include <errno.h>
#include <poll.h>
#include <unistd.h>

enum slot_kind { K_SIGNAL, K_CONSOLE, K_ATTACH_LISTEN, K_CTL, K_WINSZ, K_STDOUT, K_STDERR, K_STDIN_OUT, K_CLIENT };

#define MAX_SLOTS (8 + MAX_ATTACH_CLIENTS)
#define TTY_RETRY_MS 100

struct slots {
  struct pollfd pfd[MAX_SLOTS];
  enum slot_kind kind[MAX_SLOTS];
  int client[MAX_SLOTS];
  int n;
};

static void add(struct slots *s, int fd, short events, enum slot_kind kind, int client) {
  if (fd < 0)
    return;
  s->pfd[s->n] = (struct pollfd){.fd = fd, .events = events};
  s->kind[s->n] = kind;
  s->client[s->n] = client;
  s->n++;
}

static void build(struct monitor *m, enum loop_phase phase, struct slots *s) {
  s->n = 0;
  add(s, m->signal_fd, POLLIN, K_SIGNAL, -1);
  add(s, m->console_listen_fd, POLLIN, K_CONSOLE, -1);
  add(s, m->attach_listen_fd, POLLIN, K_ATTACH_LISTEN, -1);
  add(s, m->ctl_fd, POLLIN, K_CTL, -1);
  /* Resizes wait in the FIFO until there is a pty to apply them to. */
  if (m->o->terminal && m->stdout_fd >= 0)
    add(s, m->winsz_r, POLLIN, K_WINSZ, -1);
  if (phase == PHASE_RUN) {
    if (!m->tty_hung_up)
      add(s, m->stdout_fd, POLLIN, K_STDOUT, -1);
    add(s, m->stderr_fd, POLLIN, K_STDERR, -1);
  }
  if (m->stdin_len > 0) {
    add(s, m->stdin_fd, POLLOUT, K_STDIN_OUT, -1);
    return; /* backpressure: no more client input until the container took this */
  }
  for (int i = 0; i < MAX_ATTACH_CLIENTS; i++)
    if (m->clients[i].fd >= 0 && m->clients[i].readable)
      add(s, m->clients[i].fd, POLLIN, K_CLIENT, i);
}

static void on_output(struct monitor *m, int *fd, enum stream_id stream, short revents) {
  if (revents & POLLIN) {
    ssize_t n = stdio_pump(m, *fd, stream);
    if (n != 0)
      return;
  } else if (!(revents & (POLLHUP | POLLERR))) {
    return;
  }
  if (m->o->terminal && stream == STREAM_STDOUT) {
    /* A pty master hangs up while no slave is open; a slave may be opened again (exec -t). */
    m->tty_hung_up = true;
    return;
  }
  close(*fd);
  *fd = -1;
}

static int dispatch(struct monitor *m, struct slots *s, int i, struct mon_error *err) {
  short re = s->pfd[i].revents;
  switch (s->kind[i]) {
  case K_SIGNAL: signals_read(m); break;
  case K_CONSOLE:
    if (stdio_accept_console(m, err) < 0)
      return -1;
    attach_flush_stdin(m);
    break;
  case K_ATTACH_LISTEN: attach_accept(m); break;
  case K_CTL: ctl_read(m); break;
  case K_WINSZ: winsz_read(m); break;
  case K_STDOUT: on_output(m, &m->stdout_fd, STREAM_STDOUT, re); break;
  case K_STDERR: on_output(m, &m->stderr_fd, STREAM_STDERR, re); break;
  case K_STDIN_OUT:
    if (re & (POLLERR | POLLHUP))
      m->stdin_len = 0;
    else
      attach_flush_stdin(m);
    break;
  case K_CLIENT:
    if (m->clients[s->client[i]].fd == s->pfd[i].fd)
      attach_read_client(m, s->client[i]);
    break;
  }
  return 0;
}

static bool done(const struct monitor *m, enum loop_phase phase) {
  return phase == PHASE_CREATE ? m->runtime_exited : m->container_exited;
}

int monitor_loop(struct monitor *m, enum loop_phase phase, struct mon_error *err) {
  struct slots s;
  reap_children(m);
  while (!done(m, phase)) {
    build(m, phase, &s);
    int timeout = m->tty_hung_up ? TTY_RETRY_MS : -1;
    int n = poll(s.pfd, (nfds_t)s.n, timeout);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return mon_fail(err, errno, "poll failed");
    if (n == 0) {
      m->tty_hung_up = false;
      continue;
    }
    for (int i = 0; i < s.n; i++) {
      if (s.pfd[i].revents == 0)
        continue;
      if (dispatch(m, &s, i, err) < 0)
        return -1;
    }
  }
  return 0;
}
