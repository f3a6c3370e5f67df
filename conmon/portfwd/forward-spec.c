/* Parses `tsmoby-portfwd --netns PATH [--ready-fd N] [--exit-fd N] FORWARD...` where FORWARD is
 * tcp:HOSTIP:HOSTPORT:TARGETIP:TARGETPORT, udp:HOSTIP:HOSTPORT:TARGETIP:TARGETPORT or fd:N:TARGETIP:TARGETPORT;
 * IPv6 addresses in brackets. */
#include "forward-spec.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int parse_int(const char *s, int lo, int hi, int *out) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi) return -1;
  *out = (int)v;
  return 0;
}

/* Takes "ADDR:PORT" off the front of *cursor (ADDR may be [v6]); advances past a following ':'. */
static int take_addr_port(char **cursor, struct sockaddr_storage *ss) {
  char *s = *cursor, *addr = s, *port;
  if (*s == '[') {
    char *close = strchr(s, ']');
    if (close == NULL || close[1] != ':') return -1;
    *close = '\0';
    addr = s + 1;
    port = close + 2;
  } else {
    char *colon = strchr(s, ':');
    if (colon == NULL) return -1;
    *colon = '\0';
    port = colon + 1;
  }
  char *next = strchr(port, ':');
  if (next != NULL) *next++ = '\0';
  int p;
  if (parse_int(port, 0, 65535, &p) < 0) return -1;
  memset(ss, 0, sizeof *ss);
  struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
  struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
  if (inet_pton(AF_INET, addr, &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons((uint16_t)p);
  } else if (inet_pton(AF_INET6, addr, &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons((uint16_t)p);
  } else {
    return -1;
  }
  *cursor = next != NULL ? next : port + strlen(port);
  return 0;
}

static int parse_forward(const char *spec, struct forward *f) {
  char *copy = strdup(spec), *cursor = copy;
  int ok = -1;
  f->spec = spec;
  f->listen_fd = -1;
  f->udp = strncmp(copy, "udp:", 4) == 0;
  if (strncmp(copy, "tcp:", 4) == 0 || f->udp) {
    cursor += 4;
    ok = take_addr_port(&cursor, &f->listen) == 0 && take_addr_port(&cursor, &f->target) == 0 && *cursor == '\0' ? 0 : -1;
  } else if (strncmp(copy, "fd:", 3) == 0) {
    char *colon = strchr(copy + 3, ':');
    if (colon != NULL) {
      *colon = '\0';
      cursor = colon + 1;
      ok = parse_int(copy + 3, 3, 1 << 20, &f->listen_fd) == 0 && take_addr_port(&cursor, &f->target) == 0 && *cursor == '\0' ? 0 : -1;
    }
  }
  free(copy);
  return ok;
}

int parse_options(int argc, char **argv, struct options *o) {
  memset(o, 0, sizeof *o);
  o->ready_fd = o->exit_fd = -1;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if ((strcmp(a, "--netns") == 0 || strcmp(a, "--ready-fd") == 0 || strcmp(a, "--exit-fd") == 0) && i + 1 < argc) {
      const char *v = argv[++i];
      if (a[2] == 'n') o->netns = v;
      else if (parse_int(v, 0, 1 << 20, a[2] == 'r' ? &o->ready_fd : &o->exit_fd) < 0) {
        fprintf(stderr, "tsmoby-portfwd: invalid %s \"%s\"\n", a, v);
        return -1;
      }
    } else if (o->nforwards < MAX_FORWARDS && parse_forward(a, &o->forwards[o->nforwards]) == 0) {
      o->nforwards++;
    } else {
      fprintf(stderr, "tsmoby-portfwd: invalid argument \"%s\"\n"
              "usage: tsmoby-portfwd --netns PATH [--ready-fd N] [--exit-fd N] "
              "{tcp|udp}:HOSTIP:HOSTPORT:TARGETIP:TARGETPORT | fd:N:TARGETIP:TARGETPORT ...\n", a);
      return -1;
    }
  }
  if (o->netns == NULL || o->nforwards == 0) {
    fprintf(stderr, "tsmoby-portfwd: --netns and at least one forward are required\n");
    return -1;
  }
  return 0;
}

int open_listener(struct forward *f) {
  if (f->listen_fd >= 0) {
    int type = 0;
    socklen_t len = sizeof type;
    if (getsockopt(f->listen_fd, SOL_SOCKET, SO_TYPE, &type, &len) < 0) return -1;
    if (type != SOCK_STREAM) { errno = EPROTOTYPE; return -1; }
    fcntl(f->listen_fd, F_SETFD, FD_CLOEXEC);
    return fcntl(f->listen_fd, F_SETFL, fcntl(f->listen_fd, F_GETFL) | O_NONBLOCK);
  }
  int family = f->listen.ss_family;
  int fd = socket(family, (f->udp ? SOCK_DGRAM : SOCK_STREAM) | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (family == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
  socklen_t len = family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
  if (bind(fd, (struct sockaddr *)&f->listen, len) < 0 || (!f->udp && listen(fd, 128) < 0)) {
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
  }
  f->listen_fd = fd;
  return 0;
}
