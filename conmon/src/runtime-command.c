/* Builds the runtime's argv the way conmon does (runtime args, subcommand, its flags, --runtime-opt values,
 * --console-socket, the container id last) and runs it. */
#include "runtime-command.h"

#include "exit-actions.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_FIXED_ARGS 20

static const char **build_argv(const struct monitor *m) {
  const struct options *o = m->o;
  size_t cap = (size_t)(o->runtime_args.len + o->runtime_opts.len) + MAX_FIXED_ARGS;
  const char **argv = calloc(cap, sizeof(char *));
  if (argv == NULL)
    return NULL;
  size_t n = 0;
  argv[n++] = o->runtime;
  for (int i = 0; i < o->runtime_args.len; i++)
    argv[n++] = o->runtime_args.items[i];
  if (o->exec) {
    argv[n++] = "exec";
    argv[n++] = "--pid-file";
    argv[n++] = o->container_pidfile;
    argv[n++] = "--process";
    argv[n++] = o->exec_process_spec;
    argv[n++] = "--detach";
  } else {
    argv[n++] = "create";
    argv[n++] = "--bundle";
    argv[n++] = o->bundle;
    argv[n++] = "--pid-file";
    argv[n++] = o->container_pidfile;
    if (o->no_pivot)
      argv[n++] = "--no-pivot";
    if (o->no_new_keyring)
      argv[n++] = "--no-new-keyring";
  }
  for (int i = 0; i < o->runtime_opts.len; i++)
    argv[n++] = o->runtime_opts.items[i];
  if (m->console_path[0] != '\0') {
    argv[n++] = "--console-socket";
    argv[n++] = m->console_path;
  }
  argv[n++] = o->cid;
  argv[n] = NULL;
  return argv;
}

static void dup_or_die(int from, int to) {
  if (from >= 0 && dup2(from, to) < 0)
    _exit(127);
  /* runc reopens /proc/self/fd/N for the container: a non-root container user must be able to. */
  if (from >= 0)
    fchmod(to, 0777);
}

/* In the child: wait for the caller's go for an attached exec, then exec the runtime. */
static void exec_runtime(const struct monitor *m, const char **argv, const sigset_t *mask) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  for (int s = 1; s < NSIG; s++)
    signal(s, SIG_DFL);
  sigprocmask(SIG_SETMASK, mask, NULL);
  if (!m->o->log_passthrough) {
    dup_or_die(m->worker_stdin >= 0 ? m->worker_stdin : m->dev_null_r, STDIN_FILENO);
    dup_or_die(m->worker_stdout >= 0 ? m->worker_stdout : m->dev_null_w, STDOUT_FILENO);
    dup_or_die(m->worker_stderr >= 0 ? m->worker_stderr : m->dev_null_w, STDERR_FILENO);
  }
  if (m->o->exec_attach && m->start_fd >= 0) {
    char buf[256];
    while (read(m->start_fd, buf, sizeof(buf)) < 0 && errno == EINTR)
      ;
  }
  FILE *adj = fopen("/proc/self/oom_score_adj", "w");
  if (adj != NULL) {
    fputs("0", adj);
    fclose(adj);
  }
  /* Descriptors the monitor inherited (a network helper's exit pipe, pre-bound ports) stay with the
   * monitor: were the runtime to keep one, a helper could outlive the container. */
  mark_cloexec_from(3);
  execv(argv[0], (char *const *)argv);
  _exit(127);
}

int runtime_spawn(struct monitor *m, const sigset_t *child_mask, struct mon_error *err) {
  const char **argv = build_argv(m);
  if (argv == NULL)
    return mon_fail(err, errno, "Failed to build the runtime command line");
  for (size_t i = 0; argv[i] != NULL; i++)
    mon_debug("runtime arg: %s", argv[i]);
  pid_t pid = fork();
  if (pid < 0) {
    free(argv);
    return mon_fail(err, errno, "Failed to fork the %s command", m->o->exec ? "exec" : "create");
  }
  if (pid == 0)
    exec_runtime(m, argv, child_mask);
  free(argv);
  m->runtime_pid = pid;
  return 0;
}

int runtime_delete(const struct monitor *m, struct mon_error *err) {
  const struct options *o = m->o;
  const char **argv = calloc((size_t)o->runtime_args.len + 6, sizeof(char *));
  if (argv == NULL)
    return mon_fail(err, errno, "Failed to build the runtime delete command line");
  size_t n = 0;
  argv[n++] = o->runtime;
  for (int i = 0; i < o->runtime_args.len; i++)
    argv[n++] = o->runtime_args.items[i];
  argv[n++] = "delete";
  argv[n++] = "--force";
  argv[n++] = o->cid;
  pid_t pid = fork();
  if (pid < 0) {
    free(argv);
    return mon_fail(err, errno, "Failed to fork the delete command");
  }
  if (pid == 0) {
    sigset_t empty;
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    dup2(m->dev_null_r, STDIN_FILENO);
    dup2(m->dev_null_w, STDOUT_FILENO);
    dup2(m->dev_null_w, STDERR_FILENO);
    execv(argv[0], (char *const *)argv);
    _exit(127);
  }
  free(argv);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR)
      return mon_fail(err, errno, "Failed to wait for the runtime delete");
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return mon_fail(err, 0, "runtime delete of %s exited with %d", o->cid, exit_code_of(status));
  return 0;
}
