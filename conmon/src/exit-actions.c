/* The monitor's last steps after the container exited. */
#include "exit-actions.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void close_range_or_loop(unsigned int from, unsigned int to) {
  if (from > to)
    return;
  if (syscall(SYS_close_range, from, to, 0) == 0)
    return;
  long max = sysconf(_SC_OPEN_MAX);
  for (long fd = from; fd <= (long)to && fd < max; fd++)
    close((int)fd);
}

void mark_cloexec_from(int first) {
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif
  if (syscall(SYS_close_range, (unsigned int)first, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
    return;
  long max = sysconf(_SC_OPEN_MAX);
  for (long fd = first; fd < max; fd++) {
    int flags = fcntl((int)fd, F_GETFD);
    if (flags >= 0)
      fcntl((int)fd, F_SETFD, flags | FD_CLOEXEC);
  }
}

void close_fds_except(int keep) {
  if (keep < 3) {
    close_range_or_loop(3, ~0U);
    return;
  }
  close_range_or_loop(3, (unsigned int)keep - 1);
  close_range_or_loop((unsigned int)keep + 1, ~0U);
}

/* Temp file + rename: a reader (or an inotify watcher) never sees an empty exit file. */
static int write_atomically(const char *dir, const char *name, const char *content, struct mon_error *err) {
  char path[PATH_MAX], tmp[PATH_MAX + 16];
  snprintf(path, sizeof(path), "%s/%s", dir, name);
  snprintf(tmp, sizeof(tmp), "%s/.%s.tmp", dir, name);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return mon_fail(err, errno, "Failed to write %s to exit file %s", content, path);
  size_t len = strlen(content);
  ssize_t w = write(fd, content, len);
  int saved = errno;
  close(fd);
  if (w != (ssize_t)len) {
    unlink(tmp);
    return mon_fail(err, w < 0 ? saved : EIO, "Failed to write %s to exit file %s", content, path);
  }
  if (rename(tmp, path) < 0) {
    saved = errno;
    unlink(tmp);
    return mon_fail(err, saved, "Failed to write %s to exit file %s", content, path);
  }
  return 0;
}

int write_exit_files(const struct monitor *m, int exit_code, struct mon_error *err) {
  char content[16];
  snprintf(content, sizeof(content), "%d", exit_code);
  if (m->o->persist_dir != NULL && write_atomically(m->o->persist_dir, "exit", content, err) < 0)
    return -1;
  if (m->o->exit_dir != NULL && write_atomically(m->o->exit_dir, m->o->cid, content, err) < 0)
    return -1;
  return 0;
}

static void exec_exit_command(const struct monitor *m) {
  const struct options *o = m->o;
  sigset_t empty;
  sigemptyset(&empty);
  sigprocmask(SIG_SETMASK, &empty, NULL);
  /* The monitor owns argv's strings; the exit command's argv is built on the child's stack. */
  const char *argv[o->exit_args.len + 2];
  argv[0] = o->exit_command;
  for (int i = 0; i < o->exit_args.len; i++)
    argv[i + 1] = o->exit_args.items[i];
  argv[o->exit_args.len + 1] = NULL;
  if (o->exit_delay > 0)
    sleep((unsigned int)o->exit_delay);
  FILE *adj = fopen("/proc/self/oom_score_adj", "w");
  if (adj != NULL) {
    fputs("0", adj);
    fclose(adj);
  }
  execv(argv[0], (char *const *)argv);
  _exit(127);
}

int run_exit_command(const struct monitor *m) {
  /* Not a subreaper any more: what the exit command daemonizes must not stay attached to us. */
  prctl(PR_SET_CHILD_SUBREAPER, 0);
  pid_t pid = fork();
  if (pid < 0) {
    mon_warn("Failed to fork the exit command: %s", strerror(errno));
    return -1;
  }
  if (pid == 0)
    exec_exit_command(m);
  int code = 0;
  for (;;) {
    int status;
    pid_t r = waitpid(-1, &status, 0);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0)
      break;
    if (r == pid)
      code = exit_code_of(status);
  }
  return code;
}
