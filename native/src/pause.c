/* tsmoby-pause: holds the rootless user and mount namespaces open so that later commands can join them.
 * Protocol on stdin/stdout, one line each way:
 *   -> "userns"            the user namespace exists; the parent now writes uid_map/gid_map (newuidmap)
 *   <- "mapped"            maps written; anything else or EOF aborts
 *   -> "ready"             uid/gid 0 inside, own mount namespace with / as a slave; stdio closed, then pause()
 *   -> "error <syscall> <errno>" on failure, then exit 1. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>
#include <grp.h>

static void say(const char *line) {
  size_t len = strlen(line);
  while (len > 0) {
    ssize_t n = write(STDOUT_FILENO, line, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    line += n;
    len -= (size_t)n;
  }
}

static int fail(const char *syscall_name) {
  char line[96];
  snprintf(line, sizeof line, "error %s %d\n", syscall_name, errno);
  say(line);
  return 1;
}

static int await_mapped(void) {
  char buf[16];
  size_t got = 0;
  while (got < sizeof buf - 1) {
    ssize_t n = read(STDIN_FILENO, buf + got, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    if (buf[got] == '\n') break;
    got++;
  }
  buf[got] = '\0';
  return strcmp(buf, "mapped") == 0 ? 0 : -1;
}

int main(void) {
  if (unshare(CLONE_NEWUSER) != 0) return fail("unshare");
  say("userns\n");
  if (await_mapped() != 0) return 1;
  /* setgroups is denied in the single-id fallback; the namespace works without it. */
  if (setgroups(0, NULL) != 0 && errno != EPERM) return fail("setgroups");
  if (setresgid(0, 0, 0) != 0) return fail("setresgid");
  if (setresuid(0, 0, 0) != 0) return fail("setresuid");
  if (unshare(CLONE_NEWNS) != 0) return fail("unshare");
  /* Slave: host mounts made later still appear inside; nothing mounted inside leaks out. */
  if (mount("none", "/", NULL, MS_REC | MS_SLAVE, NULL) != 0) return fail("mount");
  if (chdir("/") != 0) return fail("chdir");
  say("ready\n");
  int null_fd = open("/dev/null", O_RDWR);
  if (null_fd >= 0) {
    dup2(null_fd, STDIN_FILENO);
    dup2(null_fd, STDOUT_FILENO);
    dup2(null_fd, STDERR_FILENO);
    if (null_fd > STDERR_FILENO) close(null_fd);
  }
  for (;;) pause();
}
