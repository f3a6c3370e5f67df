/* attach-client: a debugging and test client for the attach socket (Node cannot open SOCK_SEQPACKET).
 * Usage: attach-client <socket-path>. Prints every message as "<stream-id> <hex of the data>\n" on stdout,
 * sends its stdin to the container, and shuts down its sending side at EOF on stdin. Exits when the monitor
 * closes the socket. Printing a line "connected" first lets a caller know the connection is up. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int print_message(const unsigned char *buf, ssize_t n) {
  if (n < 1)
    return 0;
  printf("%d ", buf[0]);
  for (ssize_t i = 1; i < n; i++)
    printf("%02x", buf[i]);
  printf("\n");
  return fflush(stdout);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: attach-client <socket-path>\n");
    return 2;
  }
  int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  if (strlen(argv[1]) >= sizeof(addr.sun_path)) {
    fprintf(stderr, "attach-client: socket path too long\n");
    return 1;
  }
  strcpy(addr.sun_path, argv[1]);
  if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
    fprintf(stderr, "attach-client: connect %s: %s\n", argv[1], strerror(errno));
    return 1;
  }
  printf("connected\n");
  fflush(stdout);
  int stdin_open = 1;
  unsigned char buf[65536];
  for (;;) {
    struct pollfd p[2] = {{.fd = fd, .events = POLLIN}, {.fd = stdin_open ? 0 : -1, .events = POLLIN}};
    if (poll(p, 2, -1) < 0 && errno != EINTR)
      return 1;
    if (p[0].revents) {
      ssize_t n = recv(fd, buf, sizeof(buf), 0);
      if (n <= 0)
        return 0;
      print_message(buf, n);
    }
    if (p[1].revents) {
      ssize_t n = read(0, buf, sizeof(buf));
      if (n <= 0) {
        shutdown(fd, SHUT_WR);
        stdin_open = 0;
      } else if (send(fd, buf, (size_t)n, MSG_NOSIGNAL) < 0) {
        return 1;
      }
    }
  }
}
