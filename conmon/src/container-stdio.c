/* Pipes and the pty for the container's stdio, and moving output to the log and the attach clients. */
#include "container-stdio.h"
#include "attach-socket.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

static int make_pipe(int *read_end, int *write_end, struct mon_error *err) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) < 0)
    return mon_fail(err, errno, "Failed to create a stdio pipe");
  *read_end = fds[0];
  *write_end = fds[1];
  return 0;
}

static int setup_console_socket(struct monitor *m, struct mon_error *err) {
  const char *tmp = getenv("TMPDIR");
  if (tmp == NULL || tmp[0] == '\0' || strlen(tmp) > 60)
    tmp = "/tmp";
  char name[sizeof(m->console_path)];
  snprintf(name, sizeof(name), "%s/conmon-term.XXXXXX", tmp);
  /* mkstemp only to get a unique name; the socket takes its place. */
  int fd = mkstemp(name);
  if (fd < 0)
    return mon_fail(err, errno, "Failed to generate random path for console-socket");
  close(fd);
  unlink(name);
  m->console_listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (m->console_listen_fd < 0)
    return mon_fail(err, errno, "Failed to create socket");
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", name);
  if (bind(m->console_listen_fd, (struct sockaddr *)&addr, sizeof(addr)) < 0)
    return mon_fail(err, errno, "Failed to bind to console-socket %s", name);
  if (listen(m->console_listen_fd, 8) < 0)
    return mon_fail(err, errno, "Failed to listen on console-socket");
  memcpy(m->console_path, name, sizeof(m->console_path));
  return 0;
}

int stdio_setup(struct monitor *m, struct mon_error *err) {
  if (m->o->log_passthrough)
    return 0;
  if (m->o->terminal) {
    if (setup_console_socket(m, err) < 0)
      return -1;
  } else {
    if (m->o->stdin) {
      if (make_pipe(&m->worker_stdin, &m->stdin_fd, err) < 0)
        return -1;
      fcntl(m->stdin_fd, F_SETFL, O_NONBLOCK);
    }
    if (make_pipe(&m->stdout_fd, &m->worker_stdout, err) < 0)
      return -1;
  }
  return make_pipe(&m->stderr_fd, &m->worker_stderr, err);
}

static int receive_fd(int conn, struct mon_error *err) {
  char name[PATH_MAX];
  union {
    char buf[CMSG_SPACE(sizeof(int))];
    struct cmsghdr align;
  } control;
  struct iovec iov = {.iov_base = name, .iov_len = sizeof(name) - 1};
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf,
                       .msg_controllen = sizeof(control.buf)};
  ssize_t n;
  do
    n = recvmsg(conn, &msg, MSG_CMSG_CLOEXEC);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    return mon_fail(err, errno, "Failed to receive console file descriptor");
  struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
  if (c == NULL || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
      c->cmsg_len != CMSG_LEN(sizeof(int)))
    return mon_fail(err, 0, "Failed to receive console file descriptor: no fd in the message");
  int fd;
  memcpy(&fd, CMSG_DATA(c), sizeof(int));
  return fd;
}

int stdio_accept_console(struct monitor *m, struct mon_error *err) {
  cleanup_close int conn = accept4(m->console_listen_fd, NULL, NULL, SOCK_CLOEXEC);
  if (conn < 0)
    return mon_fail(err, errno, "Failed to accept console-socket connection");
  /* One console per container: stop listening. */
  unlink(m->console_path);
  close(m->console_listen_fd);
  m->console_listen_fd = -1;
  int console = receive_fd(conn, err);
  if (console < 0)
    return -1;
  struct termios t;
  /* Output post-processing as a terminal user expects it (and as kubernetes' attach does). */
  if (tcgetattr(console, &t) == 0) {
    t.c_oflag |= ONLCR;
    tcsetattr(console, TCSANOW, &t);
  }
  m->stdin_fd = console;
  m->stdout_fd = dup(console);
  if (m->stdout_fd < 0)
    return mon_fail(err, errno, "Failed to dup console file descriptor");
  fcntl(m->stdin_fd, F_SETFD, FD_CLOEXEC);
  fcntl(m->stdout_fd, F_SETFD, FD_CLOEXEC);
  fcntl(m->stdin_fd, F_SETFL, O_NONBLOCK);
  return 0;
}

ssize_t stdio_pump(struct monitor *m, int fd, enum stream_id stream) {
  /* The byte before the data carries the stream id for attach clients. */
  char buf[STDIO_BUF_SIZE + 1];
  ssize_t n;
  do
    n = read(fd, buf + 1, STDIO_BUF_SIZE);
  while (n < 0 && errno == EINTR);
  if (n < 0 && errno == EIO && isatty(fd))
    return 0;
  if (n <= 0)
    return n;
  k8s_log_write(&m->log, stream, buf + 1, (size_t)n);
  buf[0] = (char)stream;
  attach_broadcast(m, buf, (size_t)n + 1);
  return n;
}

static void drain_one(struct monitor *m, int *fd, enum stream_id stream) {
  if (*fd < 0)
    return;
  fcntl(*fd, F_SETFL, fcntl(*fd, F_GETFL) | O_NONBLOCK);
  while (stdio_pump(m, *fd, stream) > 0)
    ;
}

void stdio_drain(struct monitor *m) {
  drain_one(m, &m->stdout_fd, STREAM_STDOUT);
  drain_one(m, &m->stderr_fd, STREAM_STDERR);
}
