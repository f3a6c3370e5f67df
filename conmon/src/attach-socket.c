/* Attach socket setup, clients, output fan-out and stdin forwarding. Fixed client table, no allocation. */
#include "attach-socket.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

/* Where the socket's directory is reachable by a short path: the symlink, or the bundle itself. */
static int socket_parent(struct monitor *m, char *out, size_t cap, struct mon_error *err) {
  const struct options *o = m->o;
  if (o->full_attach || o->socket_dir == NULL || o->cuuid == NULL) {
    snprintf(out, cap, "%s", o->bundle);
    return 0;
  }
  int n = snprintf(out, cap, "%s/%s", o->socket_dir, o->cuuid);
  if (n < 0 || (size_t)n >= cap)
    return mon_fail(err, ENAMETOOLONG, "attach socket directory %s/%s", o->socket_dir, o->cuuid);
  /* conmon shortens a link whose path is exactly sun_path-1 long, so "<link>/attach" cannot collide. */
  if ((size_t)n == sizeof(((struct sockaddr_un *)0)->sun_path) - 1)
    out[n - 1] = '\0';
  if (unlink(out) < 0 && errno != ENOENT)
    return mon_fail(err, errno, "Failed to remove existing symlink for socket directory %s", out);
  if (symlink(o->bundle, out) < 0)
    return mon_fail(err, errno, "Failed to create symlink %s for the attach socket", out);
  snprintf(m->attach_link, sizeof(m->attach_link), "%s", out);
  return 0;
}

int attach_setup(struct monitor *m, struct mon_error *err) {
  char parent[PATH_MAX];
  for (int i = 0; i < MAX_ATTACH_CLIENTS; i++)
    m->clients[i].fd = -1;
  if (socket_parent(m, parent, sizeof(parent), err) < 0)
    return -1;
  cleanup_close int dir = open(parent, O_PATH | O_CLOEXEC);
  if (dir < 0)
    return mon_fail(err, errno, "failed to open socket path parent dir %s", parent);
  char full[PATH_MAX + 8];
  snprintf(full, sizeof(full), "%s/attach", parent);
  if (unlink(full) < 0 && errno != ENOENT)
    return mon_fail(err, errno, "Failed to remove existing socket: %s", full);
  m->attach_listen_fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (m->attach_listen_fd < 0)
    return mon_fail(err, errno, "Failed to create socket %s", full);
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  snprintf(addr.sun_path, sizeof(addr.sun_path), "/proc/self/fd/%d/attach", dir);
  fchmod(m->attach_listen_fd, 0700);
  if (bind(m->attach_listen_fd, (struct sockaddr *)&addr, sizeof(addr)) < 0)
    return mon_fail(err, errno, "Failed to bind the attach socket %s", full);
  if (chmod(full, 0700) < 0)
    return mon_fail(err, errno, "Failed to change socket permissions %s", full);
  if (listen(m->attach_listen_fd, 10) < 0)
    return mon_fail(err, errno, "Failed to listen on attach socket: %s", full);
  return 0;
}

/* Takes every connection waiting in the backlog (the listening socket is non-blocking). */
void attach_accept(struct monitor *m) {
  for (;;) {
    int fd = accept4(m->attach_listen_fd, NULL, NULL, SOCK_CLOEXEC);
    if (fd < 0)
      return;
    int slot = -1;
    for (int i = 0; i < MAX_ATTACH_CLIENTS && slot < 0; i++)
      if (m->clients[i].fd < 0)
        slot = i;
    if (slot < 0) {
      mon_warn("too many attach clients, refusing one");
      close(fd);
      continue;
    }
    /* Output is sent blocking, like conmon; a client that stops reading for this long is dropped
     * instead of stalling the container forever. */
    struct timeval tv = {.tv_sec = 10};
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    m->clients[slot].fd = fd;
    m->clients[slot].readable = true;
    mon_debug("accepted attach connection %d", fd);
  }
}

static void drop_client(struct monitor *m, int i) {
  close(m->clients[i].fd);
  m->clients[i].fd = -1;
  m->clients[i].readable = false;
}

static void client_stopped_sending(struct monitor *m, int i) {
  m->clients[i].readable = false;
  shutdown(m->clients[i].fd, SHUT_RD);
  if (m->o->stdin && !m->o->leave_stdin_open && m->stdin_fd >= 0 && !m->o->terminal) {
    close(m->stdin_fd);
    m->stdin_fd = -1;
  }
}

void attach_read_client(struct monitor *m, int i) {
  ssize_t n;
  do
    n = recv(m->clients[i].fd, m->stdin_buf, sizeof(m->stdin_buf), MSG_DONTWAIT);
  while (n < 0 && errno == EINTR);
  if (n < 0) {
    if (errno != EAGAIN && errno != EWOULDBLOCK)
      drop_client(m, i);
    return;
  }
  if (n == 0) {
    client_stopped_sending(m, i);
    return;
  }
  m->stdin_off = 0;
  m->stdin_len = (size_t)n;
  attach_flush_stdin(m);
}

void attach_flush_stdin(struct monitor *m) {
  if (m->stdin_len == 0)
    return;
  if (m->stdin_fd < 0) {
    /* In -t mode the pty may still be on its way: keep the bytes until it arrives. */
    if (!(m->o->terminal && m->console_listen_fd >= 0))
      m->stdin_len = 0;
    return;
  }
  while (m->stdin_len > 0) {
    ssize_t w = write(m->stdin_fd, m->stdin_buf + m->stdin_off, m->stdin_len);
    if (w < 0 && errno == EINTR)
      continue;
    if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
      return;
    if (w < 0) {
      mon_warn("failed to write to container stdin: %s", strerror(errno));
      m->stdin_len = 0;
      return;
    }
    m->stdin_off += (size_t)w;
    m->stdin_len -= (size_t)w;
  }
}

void attach_broadcast(struct monitor *m, const char *buf, size_t len) {
  for (int i = 0; i < MAX_ATTACH_CLIENTS; i++) {
    if (m->clients[i].fd < 0)
      continue;
    ssize_t w;
    do
      w = send(m->clients[i].fd, buf, len, MSG_NOSIGNAL);
    while (w < 0 && errno == EINTR);
    if (w < 0) {
      mon_debug("dropping attach client %d: %s", m->clients[i].fd, strerror(errno));
      drop_client(m, i);
    }
  }
}

void attach_close_all(struct monitor *m) {
  for (int i = 0; i < MAX_ATTACH_CLIENTS; i++)
    if (m->clients[i].fd >= 0)
      drop_client(m, i);
  if (m->attach_listen_fd >= 0)
    close(m->attach_listen_fd);
  m->attach_listen_fd = -1;
}
