/* ctl and winsz FIFOs. Each is held open for writing by the monitor too, so the last client closing its end
 * does not flood poll() with POLLHUP. */
#include "ctl-fifo.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#define RESIZE_EVENT 1
#define REOPEN_LOGS_EVENT 2

static int open_fifo(const char *bundle, const char *name, int *r, int *w, struct mon_error *err) {
  char path[PATH_MAX];
  snprintf(path, sizeof(path), "%s/%s", bundle, name);
  if (mkfifo(path, 0660) < 0) {
    if (errno != EEXIST)
      return mon_fail(err, errno, "Failed to mkfifo at %s", path);
    unlink(path);
    if (mkfifo(path, 0660) < 0)
      return mon_fail(err, errno, "Failed to mkfifo at %s", path);
  }
  *r = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (*r < 0)
    return mon_fail(err, errno, "Failed to open %s read half", path);
  *w = open(path, O_WRONLY | O_CLOEXEC);
  if (*w < 0)
    return mon_fail(err, errno, "Failed to open %s write half", path);
  return 0;
}

int ctl_setup(struct monitor *m, struct mon_error *err) {
  if (open_fifo(m->o->bundle, "ctl", &m->ctl_fd, &m->ctl_keep_w, err) < 0)
    return -1;
  if (open_fifo(m->o->bundle, "winsz", &m->winsz_r, &m->winsz_w, err) < 0)
    return -1;
  fcntl(m->winsz_w, F_SETFL, O_NONBLOCK);
  return 0;
}

static void resize(struct monitor *m, int height, int width) {
  struct winsize ws = {.ws_row = (unsigned short)height, .ws_col = (unsigned short)width};
  if (m->stdout_fd >= 0 && ioctl(m->stdout_fd, TIOCSWINSZ, &ws) < 0)
    mon_warn("Failed to set process pty terminal size: %s", strerror(errno));
}

static void ctl_line(struct monitor *m, const char *line) {
  int type, height, width;
  if (sscanf(line, "%d %d %d", &type, &height, &width) != 3) {
    mon_warn("Invalid control message format");
    return;
  }
  if (height < 0 || width < 0 || height > 1000 || width > 1000) {
    mon_warn("Invalid window size: %dx%d", height, width);
    return;
  }
  if (type == RESIZE_EVENT) {
    char msg[32];
    int n = snprintf(msg, sizeof(msg), "%d %d\n", height, width);
    if (write(m->winsz_w, msg, (size_t)n) < 0)
      mon_warn("Failed to write to window resizing fd. A resize event may have been dropped");
  } else if (type == REOPEN_LOGS_EVENT) {
    k8s_log_reopen(&m->log);
  } else {
    mon_warn("Invalid control message type: %d", type);
  }
}

static void winsz_line(struct monitor *m, const char *line) {
  int height, width;
  if (sscanf(line, "%d %d", &height, &width) != 2) {
    mon_warn("Failed to parse window size");
    return;
  }
  if (height < 0 || width < 0 || height > 1000 || width > 1000) {
    mon_warn("Invalid window size: %dx%d", height, width);
    return;
  }
  resize(m, height, width);
}

/* Reads what is there and hands every complete line to fn; keeps a trailing partial line. */
static void read_lines(struct monitor *m, int fd, struct line_buf *b, void (*fn)(struct monitor *, const char *)) {
  ssize_t n;
  do
    n = read(fd, b->data + b->len, sizeof(b->data) - 1 - b->len);
  while (n < 0 && errno == EINTR);
  if (n <= 0)
    return;
  b->len += (size_t)n;
  b->data[b->len] = '\0';
  char *start = b->data;
  char *nl;
  while ((nl = strchr(start, '\n')) != NULL) {
    *nl = '\0';
    fn(m, start);
    start = nl + 1;
  }
  size_t rest = b->len - (size_t)(start - b->data);
  if (rest == sizeof(b->data) - 1) {
    mon_warn("Could not find newline in entire buffer");
    rest = 0;
  }
  memmove(b->data, start, rest);
  b->len = rest;
}

void ctl_read(struct monitor *m) {
  read_lines(m, m->ctl_fd, &m->ctl_buf, ctl_line);
}

void winsz_read(struct monitor *m) {
  read_lines(m, m->winsz_r, &m->winsz_buf, winsz_line);
}

void ctl_close(struct monitor *m) {
  int *fds[] = {&m->ctl_fd, &m->ctl_keep_w, &m->winsz_r, &m->winsz_w};
  for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
    close_fdp(fds[i]);
}
