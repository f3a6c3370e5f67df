/* conmon entry point: the order of the monitor's life, from daemonizing to the exit command.
 * Each step lives in its own file; this one only sequences them and turns failures into sync messages. */
#include "attach-socket.h"
#include "child-signals.h"
#include "container-stdio.h"
#include "ctl-fifo.h"
#include "exit-actions.h"
#include "monitor-loop.h"
#include "runtime-command.h"
#include "sync-pipe.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int exit_code_of(int wait_status) {
  if (WIFEXITED(wait_status))
    return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status))
    return 128 + WTERMSIG(wait_status);
  return -1;
}

static const char *sync_key(const struct options *o) {
  if (o->api_version >= 1)
    return "data";
  return o->exec ? "exit_code" : "pid";
}

/* Reports a failure to the caller (when it still listens) and ends the monitor. */
static void __attribute__((noreturn)) fail_exit(struct monitor *m, const char *message) {
  mon_warn("%s", message);
  if (m->sync_fd < 0 && isatty(STDERR_FILENO))
    fprintf(stderr, "conmon: %s\n", message);
  sync_pipe_write(&m->sync_fd, sync_key(m->o), -1, message);
  if (m->console_path[0] != '\0')
    unlink(m->console_path);
  if (m->attach_link[0] != '\0')
    unlink(m->attach_link);
  exit(EXIT_FAILURE);
}

static void init_monitor(struct monitor *m, const struct options *o) {
  memset(m, 0, sizeof(*m));
  m->o = o;
  int *fds[] = {&m->sync_fd, &m->start_fd, &m->attach_pipe_fd, &m->dev_null_r, &m->dev_null_w, &m->stdin_fd,
                &m->stdout_fd, &m->stderr_fd, &m->worker_stdin, &m->worker_stdout, &m->worker_stderr,
                &m->signal_fd, &m->console_listen_fd, &m->attach_listen_fd, &m->ctl_fd, &m->ctl_keep_w,
                &m->winsz_r, &m->winsz_w};
  for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
    *fds[i] = -1;
  for (int i = 0; i < MAX_ATTACH_CLIENTS; i++)
    m->clients[i].fd = -1;
  m->log.fd = -1;
}

static int write_pidfile(const char *path, pid_t pid) {
  char tmp[PATH_MAX + 8], content[16];
  snprintf(tmp, sizeof(tmp), "%s.tmp", path);
  int n = snprintf(content, sizeof(content), "%d", pid);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return -1;
  int ok = write(fd, content, (size_t)n) == n;
  close(fd);
  return ok ? rename(tmp, path) : -1;
}

/* Blocks for the caller's go (so it can move us into a cgroup first), then detaches from it. */
/* How long the exit path waits for the caller to close the start pipe (see await_start_returned). */
#define START_PIPE_WAIT_MS 60000

static void daemonize(struct monitor *m) {
  struct mon_error err;
  char buf[256];
  m->start_fd = pipe_fd_from_env("_OCI_STARTPIPE", &err);
  if (m->start_fd == -2)
    fail_exit(m, err.message);
  if (m->start_fd >= 0) {
    while (read(m->start_fd, buf, sizeof(buf)) < 0 && errno == EINTR)
      ;
    /* With --delete-on-exit the pipe stays open: its end of file says the caller's `runtime start` returned. */
    if (!m->o->exec_attach && !(m->o->delete_on_exit && !m->o->exec))
      close_fdp(&m->start_fd);
  }
  m->dev_null_r = open("/dev/null", O_RDONLY | O_CLOEXEC);
  m->dev_null_w = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (m->dev_null_r < 0 || m->dev_null_w < 0)
    fail_exit(m, "Failed to open /dev/null");
  if (!m->o->sync) {
    pid_t pid = fork();
    if (pid < 0)
      fail_exit(m, "Failed to fork the monitor");
    if (pid > 0) {
      if (m->o->conmon_pidfile && write_pidfile(m->o->conmon_pidfile, pid) < 0)
        fprintf(stderr, "conmon: Failed to write conmon pidfile: %s\n", strerror(errno));
      _exit(0);
    }
  } else if (m->o->conmon_pidfile && write_pidfile(m->o->conmon_pidfile, getpid()) < 0) {
    fail_exit(m, "Failed to write conmon pidfile");
  }
  m->sync_fd = pipe_fd_from_env("_OCI_SYNCPIPE", &err);
  if (m->sync_fd == -2)
    fail_exit(m, err.message);
  if (m->o->exec_attach) {
    m->attach_pipe_fd = pipe_fd_from_env("_OCI_ATTACHPIPE", &err);
    if (m->attach_pipe_fd < 0)
      fail_exit(m, "--exec-attach specified but _OCI_ATTACHPIPE was not");
  }
  if (!m->o->log_passthrough) {
    dup2(m->dev_null_r, STDIN_FILENO);
    dup2(m->dev_null_w, STDOUT_FILENO);
    dup2(m->dev_null_w, STDERR_FILENO);
  }
  setsid();
  if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
    fail_exit(m, "Failed to set as subreaper");
}

static void set_up_io(struct monitor *m) {
  struct mon_error err;
  if (stdio_setup(m, &err) < 0 ||
      k8s_log_open(&m->log, m->o->k8s_log_path, m->o->log_size_max, m->o->log_rotate, &err) < 0)
    fail_exit(m, err.message);
  if (m->o->bundle != NULL && !m->o->log_passthrough) {
    if (attach_setup(m, &err) < 0 || ctl_setup(m, &err) < 0)
      fail_exit(m, err.message);
    if (m->o->exec_attach)
      sync_pipe_write(&m->attach_pipe_fd, "data", 0, NULL);
  }
}

/* Reads what the runtime said on stderr; it is the message the caller shows its user. */
static const char *runtime_stderr(struct monitor *m, char *buf, size_t cap) {
  if (m->stderr_fd < 0)
    return NULL;
  fcntl(m->stderr_fd, F_SETFL, O_NONBLOCK);
  ssize_t n = read(m->stderr_fd, buf, cap - 1);
  if (n <= 0)
    return NULL;
  buf[n] = '\0';
  return buf;
}

static void create_container(struct monitor *m) {
  struct mon_error err;
  char buf[STDIO_BUF_SIZE];
  sigset_t child_mask;
  if (signals_setup(m, &child_mask, &err) < 0 || runtime_spawn(m, &child_mask, &err) < 0)
    fail_exit(m, err.message);
  if (m->o->log_passthrough) {
    dup2(m->dev_null_r, STDIN_FILENO);
    dup2(m->dev_null_w, STDOUT_FILENO);
    dup2(m->dev_null_w, STDERR_FILENO);
  }
  close_fdp(&m->worker_stdin);
  close_fdp(&m->worker_stdout);
  close_fdp(&m->worker_stderr);
  if (monitor_loop(m, PHASE_CREATE, &err) < 0)
    fail_exit(m, err.message);
  /* For exec, a non-zero status is the exec'd command's business, not a runtime failure. */
  if (!m->o->exec && (!WIFEXITED(m->runtime_status) || WEXITSTATUS(m->runtime_status) != 0)) {
    const char *msg = runtime_stderr(m, buf, sizeof(buf));
    fail_exit(m, msg ? msg : "Failed to create container: runtime exited with an error");
  }
  if (m->o->terminal && m->stdout_fd < 0)
    fail_exit(m, "Runtime did not set up terminal");
  FILE *f = fopen(m->o->container_pidfile, "re");
  int pid = 0;
  if (f == NULL || fscanf(f, "%d", &pid) != 1 || pid <= 0) {
    if (f != NULL)
      fclose(f);
    const char *msg = runtime_stderr(m, buf, sizeof(buf));
    fail_exit(m, msg ? msg : "Failed to read pidfile written by the runtime");
  }
  fclose(f);
  m->container_pid = pid;
  adopt_early_exit(m);
  if (m->o->api_version >= 1 || !m->o->exec)
    sync_pipe_write(&m->sync_fd, sync_key(m->o), pid, NULL);
}

/* Waits (bounded) until every writer of the start pipe closed it: the caller closes it once its `runtime
 * start` returned (or it died), so the delete below never takes the state away under a running start. */
static void await_start_returned(struct monitor *m) {
  char buf[64];
  for (int waited_ms = 0; m->start_fd >= 0 && waited_ms < START_PIPE_WAIT_MS; waited_ms += 100) {
    struct pollfd p = {.fd = m->start_fd, .events = POLLIN};
    int ready = poll(&p, 1, 100);
    if (ready < 0 && errno != EINTR)
      break;
    if (ready > 0) {
      ssize_t n = read(m->start_fd, buf, sizeof(buf));
      if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
        break;
    }
  }
  close_fdp(&m->start_fd);
}

static int finish(struct monitor *m) {
  struct mon_error err;
  /* A client that connected before the runtime started the container must get its output even when the
   * container was gone before this monitor polled again (a short command on a busy machine): it is still
   * waiting in the backlog. */
  if (m->attach_listen_fd >= 0)
    attach_accept(m);
  stdio_drain(m);
  k8s_log_sync(&m->log);
  int code = exit_code_of(m->container_status);
  attach_close_all(m);
  /* Gone before anyone learns of the exit (exit file, sync pipe), so nobody finds a dead socket. */
  if (m->attach_link[0] != '\0')
    unlink(m->attach_link);
  ctl_close(m);
  k8s_log_close(&m->log);
  if (m->o->delete_on_exit && !m->o->exec)
    await_start_returned(m);
  close_fds_except(m->sync_fd);
  if (m->o->delete_on_exit && !m->o->exec && runtime_delete(m, &err) < 0)
    mon_warn("%s", err.message);
  if (write_exit_files(m, code, &err) < 0)
    mon_warn("%s", err.message);
  if (m->o->exec)
    sync_pipe_write(&m->sync_fd, sync_key(m->o), code, NULL);
  close_fdp(&m->sync_fd);
  if (m->o->exit_command != NULL)
    run_exit_command(m);
  return code;
}

int main(int argc, char **argv) {
  static struct options opts;
  struct mon_error err;
  if (options_parse(&opts, argc, argv, &err) < 0) {
    fprintf(stderr, "conmon: %s\n", err.message);
    return EXIT_FAILURE;
  }
  if (opts.version) {
    printf("conmon version %s\ntsmoby-conmon %s\n", CONMON_COMPAT_VERSION, TSMOBY_CONMON_VERSION);
    return EXIT_SUCCESS;
  }
  mon_log_init(opts.cid, opts.syslog, opts.log_level);
  umask(022);
  signal(SIGPIPE, SIG_IGN);
  FILE *adj = fopen("/proc/self/oom_score_adj", "w");
  if (adj != NULL) {
    fputs("-1000", adj);
    fclose(adj);
  }
  static struct monitor m;
  init_monitor(&m, &opts);
  daemonize(&m);
  set_up_io(&m);
  create_container(&m);
  if (!m.container_exited && monitor_loop(&m, PHASE_RUN, &err) < 0)
    mon_warn("%s", err.message);
  return finish(&m);
}
