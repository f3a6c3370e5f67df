/* signalfd-based signal handling and child reaping: no async handlers, so no races with the poll loop. */
#include "child-signals.h"

#include <errno.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

static const int forwarded[] = {SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2};
#define N_FORWARDED (sizeof(forwarded) / sizeof(forwarded[0]))

int signals_setup(struct monitor *m, sigset_t *old, struct mon_error *err) {
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGCHLD);
  for (size_t i = 0; i < N_FORWARDED; i++)
    sigaddset(&mask, forwarded[i]);
  if (sigprocmask(SIG_BLOCK, &mask, old) < 0)
    return mon_fail(err, errno, "Failed to block signals");
  m->signal_fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
  if (m->signal_fd < 0)
    return mon_fail(err, errno, "Failed to create signalfd");
  return 0;
}

static void forward(const struct monitor *m, int sig) {
  pid_t target = -1;
  if (m->container_pid > 0 && !m->container_exited)
    target = m->container_pid;
  else if (m->runtime_pid > 0 && !m->runtime_exited)
    target = m->runtime_pid;
  if (target > 0 && kill(target, sig) < 0)
    mon_warn("failed to forward signal %d to %d: %s", sig, target, strerror(errno));
}

void signals_read(struct monitor *m) {
  struct signalfd_siginfo si;
  for (;;) {
    ssize_t n = read(m->signal_fd, &si, sizeof(si));
    if (n < 0 && errno == EINTR)
      continue;
    if (n != (ssize_t)sizeof(si))
      break;
    if (si.ssi_signo == SIGCHLD)
      reap_children(m);
    else
      forward(m, (int)si.ssi_signo);
  }
  /* A SIGCHLD coalesced with an earlier one is still worth a look. */
  reap_children(m);
}

void reap_children(struct monitor *m) {
  for (;;) {
    int status = 0;
    pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid < 0 && errno == EINTR)
      continue;
    if (pid <= 0)
      return;
    if (pid == m->runtime_pid && !m->runtime_exited) {
      m->runtime_exited = true;
      m->runtime_status = status;
    } else if (pid == m->container_pid && !m->container_exited) {
      m->container_exited = true;
      m->container_status = status;
    } else if (m->container_pid <= 0 && m->n_early < MAX_EARLY_EXITS) {
      m->early[m->n_early].pid = pid;
      m->early[m->n_early].status = status;
      m->n_early++;
    }
  }
}

void adopt_early_exit(struct monitor *m) {
  for (int i = 0; i < m->n_early; i++) {
    if (m->early[i].pid == m->container_pid) {
      m->container_exited = true;
      m->container_status = m->early[i].status;
    }
  }
  m->n_early = 0;
}
