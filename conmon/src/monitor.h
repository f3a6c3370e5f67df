/* The monitor's whole state: one struct, allocated once on main's stack, passed to every concern.
 * Nothing here grows after start-up; buffers are fixed-size. */
#ifndef CONMON_MONITOR_H
#define CONMON_MONITOR_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>
#include "k8s-log.h"
#include "options.h"

#define STDIO_BUF_SIZE 8192
#define MAX_ATTACH_CLIENTS 16
#define MAX_EARLY_EXITS 32
#define CTL_BUF_SIZE 200

struct line_buf {
  char data[CTL_BUF_SIZE];
  size_t len;
};

struct monitor {
  const struct options *o;
  int sync_fd, start_fd, attach_pipe_fd;
  int dev_null_r, dev_null_w;

  /* conmon's ends of the container's stdio; in -t mode stdin and stdout are the pty master */
  int stdin_fd, stdout_fd, stderr_fd;
  /* the runtime's ends, closed in the monitor once the runtime is forked */
  int worker_stdin, worker_stdout, worker_stderr;
  bool tty_hung_up; /* pty master reported POLLHUP with no slave open: poll it again later */

  int signal_fd;
  int console_listen_fd;
  char console_path[108];

  int attach_listen_fd;
  struct {
    int fd;        /* -1: free slot */
    bool readable; /* false once the client shut down its sending side */
  } clients[MAX_ATTACH_CLIENTS];
  char attach_link[PATH_MAX]; /* <socket-dir>/<cuuid> symlink to remove on exit, "" when none */

  int ctl_fd, ctl_keep_w, winsz_r, winsz_w;
  struct line_buf ctl_buf, winsz_buf;

  /* stdin bytes read from an attach client and not yet taken by the container */
  char stdin_buf[STDIO_BUF_SIZE];
  size_t stdin_off, stdin_len;

  pid_t runtime_pid;
  int runtime_status;
  bool runtime_exited;
  pid_t container_pid;
  int container_status;
  bool container_exited;
  struct {
    pid_t pid;
    int status;
  } early[MAX_EARLY_EXITS]; /* children reaped before we knew which pid is the container */
  int n_early;

  struct k8s_log log;
};

/* 128+signal for a killed process, the exit code otherwise (conmon's convention). */
int exit_code_of(int wait_status);

#endif
