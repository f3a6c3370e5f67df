// Fork, namespace joining and errno plumbing shared by spawn.cc and fs-ops.cc.
#include "child-setup.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <uv.h>

#include <string>

const char* StageSyscall(int stage) {
  switch (stage) {
    case kStageSetnsUser:
    case kStageSetnsMnt: return "setns";
    case kStageSetgroups: return "setgroups";
    case kStageSetresgid: return "setresgid";
    case kStageSetresuid: return "setresuid";
    case kStageSetsid: return "setsid";
    case kStageDup: return "dup2";
    case kStageChdir: return "chdir";
    case kStageExecve: return "execve";
    default: return "fork";
  }
}

int OpenJoinFds(int pid, JoinFds* out) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/ns/user", pid);
  out->user = open(path, O_RDONLY | O_CLOEXEC);
  if (out->user < 0) return errno;
  snprintf(path, sizeof path, "/proc/%d/ns/mnt", pid);
  out->mnt = open(path, O_RDONLY | O_CLOEXEC);
  if (out->mnt < 0) {
    int err = errno;
    CloseJoinFds(out);
    return err;
  }
  return 0;
}

void CloseJoinFds(JoinFds* fds) {
  if (fds->user >= 0) close(fds->user);
  if (fds->mnt >= 0) close(fds->mnt);
  fds->user = fds->mnt = -1;
}

pid_t ForkWithCleanSignals() {
  sigset_t all, saved;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &saved);
  pid_t pid = fork();
  if (pid != 0) {
    int err = errno;
    pthread_sigmask(SIG_SETMASK, &saved, nullptr);
    errno = err;
    return pid;
  }
  struct sigaction dfl;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; sig++) {
    if (sig == SIGKILL || sig == SIGSTOP) continue;
    sigaction(sig, &dfl, nullptr);  // fails harmlessly for the signals glibc reserves
  }
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  return 0;
}

int JoinNamespacesInChild(const JoinFds& fds) {
  if (fds.user < 0) return 0;
  if (setns(fds.user, CLONE_NEWUSER) != 0) return kStageSetnsUser;
  // The mount namespace is owned by the user namespace just joined, so this needs the caps gained above.
  if (fds.mnt >= 0 && setns(fds.mnt, CLONE_NEWNS) != 0) return kStageSetnsMnt;
  // setgroups is denied in a single-id namespace (setgroups=deny); that is expected there.
  if (syscall(SYS_setgroups, 0, nullptr) != 0 && errno != EPERM) return kStageSetgroups;
  // Raw syscalls: glibc's wrappers broadcast to all threads, which is no business of a forked child.
  if (syscall(SYS_setresgid, 0, 0, 0) != 0) return kStageSetresgid;
  if (syscall(SYS_setresuid, 0, 0, 0) != 0) return kStageSetresuid;
  return 0;
}

bool WriteAll(int fd, const void* buf, size_t len) {
  const char* p = static_cast<const char*>(buf);
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    len -= static_cast<size_t>(n);
  }
  return true;
}

ssize_t ReadFull(int fd, void* buf, size_t len) {
  char* p = static_cast<char*>(buf);
  size_t got = 0;
  while (got < len) {
    ssize_t n = read(fd, p + got, len - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  return static_cast<ssize_t>(got);
}

Napi::Error SystemError(Napi::Env env, int err, const char* syscall, const char* path) {
  const char* code = uv_err_name(-err);
  std::string message = std::string(code) + ": " + uv_strerror(-err) + ", " + syscall;
  if (path != nullptr) message += std::string(" '") + path + "'";
  Napi::Error error = Napi::Error::New(env, message);
  error.Set("code", Napi::String::New(env, code));
  error.Set("errno", Napi::Number::New(env, -err));
  error.Set("syscall", Napi::String::New(env, syscall));
  if (path != nullptr) error.Set("path", Napi::String::New(env, path));
  return error;
}
