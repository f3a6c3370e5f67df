/* Command line of tsmoby-portfwd and the listening sockets it names. */
#ifndef PORTFWD_FORWARD_SPEC_H
#define PORTFWD_FORWARD_SPEC_H

#include <sys/socket.h>

#define MAX_FORWARDS 1024

struct forward {
  const char *spec;               /* as given, for messages */
  int udp;                        /* udp: spec (datagrams relayed per client), else TCP */
  int listen_fd;                  /* -1 until open_listener(), or the inherited fd of an fd: spec */
  struct sockaddr_storage listen; /* tcp: specs only */
  struct sockaddr_storage target; /* in the container's network namespace */
};

struct options {
  const char *netns;
  int ready_fd, exit_fd;
  int nforwards;
  struct forward forwards[MAX_FORWARDS];
};

/* Prints the problem and returns -1 on a bad command line. */
int parse_options(int argc, char **argv, struct options *o);
/* Binds and listens (tcp: specs), binds (udp: specs) or checks the inherited socket (fd: specs). -1 with errno set. */
int open_listener(struct forward *f);

#endif
