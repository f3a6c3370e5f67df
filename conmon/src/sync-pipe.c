/* JSON lines on the sync/attach pipes. Only the message needs escaping; it is runtime stderr text. */
#include "sync-pipe.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int pipe_fd_from_env(const char *name, struct mon_error *err) {
  const char *value = getenv(name);
  if (value == NULL)
    return -1;
  char *end = NULL;
  errno = 0;
  long fd = strtol(value, &end, 10);
  if (errno != 0 || end == value || *end != '\0' || fd < 0 || fd > 65535) {
    mon_fail(err, 0, "unable to parse %s", name);
    return -2;
  }
  if (fcntl((int)fd, F_SETFD, FD_CLOEXEC) < 0) {
    mon_fail(err, errno, "unable to make %s CLOEXEC", name);
    return -2;
  }
  return (int)fd;
}

static size_t escape_json(char *out, size_t cap, const char *in) {
  size_t n = 0;
  for (const unsigned char *p = (const unsigned char *)in; *p != '\0' && n + 7 < cap; p++) {
    unsigned char c = *p;
    const char *esc = NULL;
    switch (c) {
    case '"': esc = "\\\""; break;
    case '\\': esc = "\\\\"; break;
    case '\n': esc = "\\n"; break;
    case '\r': esc = "\\r"; break;
    case '\t': esc = "\\t"; break;
    case '\b': esc = "\\b"; break;
    case '\f': esc = "\\f"; break;
    default: break;
    }
    if (esc != NULL)
      n += (size_t)snprintf(out + n, cap - n, "%s", esc);
    else if (c < 0x20 || c == 0x7f)
      n += (size_t)snprintf(out + n, cap - n, "\\u%04x", c);
    else
      out[n++] = (char)c;
  }
  out[n] = '\0';
  return n;
}

static int write_all(int fd, const char *buf, size_t len) {
  while (len > 0) {
    ssize_t w = write(fd, buf, len);
    if (w < 0 && errno == EINTR)
      continue;
    if (w < 0)
      return -1;
    buf += w;
    len -= (size_t)w;
  }
  return 0;
}

void sync_pipe_write(int *fd, const char *key, int value, const char *message) {
  if (*fd < 0)
    return;
  char escaped[8192];
  char line[8400];
  int len;
  if (message != NULL && message[0] != '\0') {
    escape_json(escaped, sizeof(escaped), message);
    len = snprintf(line, sizeof(line), "{\"%s\": %d, \"message\": \"%s\"}\n", key, value, escaped);
  } else {
    len = snprintf(line, sizeof(line), "{\"%s\": %d}\n", key, value);
  }
  if (write_all(*fd, line, (size_t)len) < 0) {
    if (errno != EPIPE)
      mon_warn("unable to write to the sync pipe: %s", strerror(errno));
    close(*fd);
    *fd = -1;
  }
}
