// Steps shared by every forked child (spawn and fsOps). The child of a multithreaded process may only make
// async-signal-safe calls until it execs or exits, so everything on the child side here is a raw syscall.
#pragma once
#include <napi.h>
#include <signal.h>
#include <sys/types.h>

// What a child failed at; the parent turns it into the `syscall` of a Node-style system error.
enum ChildStage : int {
  kStageNone = 0,
  kStageSetnsUser,
  kStageSetnsMnt,
  kStageSetgroups,
  kStageSetresgid,
  kStageSetresuid,
  kStageSetsid,
  kStageDup,
  kStageChdir,
  kStageExecve,
};

const char* StageSyscall(int stage);

// Namespace fds of the process to join, opened by the parent before fork (the child cannot allocate paths).
struct JoinFds {
  int user = -1;
  int mnt = -1;
};

// Parent side: opens /proc/<pid>/ns/{user,mnt}; returns 0 or an errno (fds closed on failure).
int OpenJoinFds(int pid, JoinFds* out);
void CloseJoinFds(JoinFds* fds);

// Forks with every signal blocked, so no handler of this process (libuv's signal pipe) can run in the child.
// The child gets default dispositions and an empty mask; the parent's mask is restored. Returns fork()'s value.
pid_t ForkWithCleanSignals();

// Child side: setns(user), setns(mnt), become uid/gid 0 there. Returns 0, or the failed stage (errno set).
int JoinNamespacesInChild(const JoinFds& fds);

// Writes all of buf, retrying on EINTR; async-signal-safe.
bool WriteAll(int fd, const void* buf, size_t len);
// Reads exactly len bytes unless EOF comes first; returns bytes read or -1.
ssize_t ReadFull(int fd, void* buf, size_t len);

// A Node-style system error: message "CODE: description, syscall 'path'", with code/errno/syscall/path set.
Napi::Error SystemError(Napi::Env env, int err, const char* syscall, const char* path);
