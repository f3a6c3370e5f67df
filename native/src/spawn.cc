// spawn(): fork, optionally join a user+mount namespace and become root there, set up fds 0..N-1, exec.
// Exec failures come back through a close-on-exec pipe as (stage, errno), so the caller gets ENOENT/EACCES
// as a Node-style error instead of a child that exits 127 for reasons nobody can see.
#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "child-setup.h"

namespace {

struct SpawnRequest {
  std::vector<std::string> files;  // candidates for execve, already resolved against PATH by the caller
  std::vector<std::string> argv;
  std::vector<std::string> envp;
  std::string cwd;
  bool hasCwd = false;
  int join = 0;
  bool setsid = false;
  std::vector<int> fds;  // child fd i <- parent fd fds[i]; -1 leaves fd i closed
};

std::vector<std::string> StringArray(const Napi::Object& obj, const char* key) {
  std::vector<std::string> out;
  Napi::Value v = obj.Get(key);
  if (!v.IsArray()) throw Napi::TypeError::New(obj.Env(), std::string(key) + " must be an array of strings");
  Napi::Array arr = v.As<Napi::Array>();
  for (uint32_t i = 0; i < arr.Length(); i++) {
    Napi::Value item = arr.Get(i);
    if (!item.IsString()) throw Napi::TypeError::New(obj.Env(), std::string(key) + " must hold strings");
    std::string s = item.As<Napi::String>().Utf8Value();
    if (s.find('\0') != std::string::npos) throw Napi::TypeError::New(obj.Env(), std::string(key) + " holds a NUL byte");
    out.push_back(std::move(s));
  }
  return out;
}

SpawnRequest ParseRequest(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsObject()) throw Napi::TypeError::New(info.Env(), "spawn(request) needs an object");
  Napi::Object obj = info[0].As<Napi::Object>();
  SpawnRequest req;
  req.files = StringArray(obj, "files");
  req.argv = StringArray(obj, "argv");
  req.envp = StringArray(obj, "envp");
  if (req.files.empty() || req.argv.empty()) throw Napi::TypeError::New(info.Env(), "spawn needs a file and argv[0]");
  if (obj.Get("cwd").IsString()) {
    req.cwd = obj.Get("cwd").As<Napi::String>().Utf8Value();
    req.hasCwd = true;
  }
  if (obj.Get("join").IsNumber()) req.join = obj.Get("join").As<Napi::Number>().Int32Value();
  req.setsid = obj.Get("setsid").ToBoolean().Value();
  Napi::Value fds = obj.Get("fds");
  if (!fds.IsArray()) throw Napi::TypeError::New(info.Env(), "fds must be an array of numbers");
  Napi::Array arr = fds.As<Napi::Array>();
  for (uint32_t i = 0; i < arr.Length(); i++) req.fds.push_back(arr.Get(i).As<Napi::Number>().Int32Value());
  return req;
}

std::vector<char*> CStrings(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (auto& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

struct ChildFailure {
  int stage;
  int err;
};

// Child side; never returns. Only syscalls from here on.
[[noreturn]] void RunChild(SpawnRequest& req, const JoinFds& join, int errfd, char* const* files, size_t nfiles,
                           char* const* argv, char* const* envp) {
  ChildFailure failure{kStageNone, 0};
  int n = static_cast<int>(req.fds.size());
  int stage = JoinNamespacesInChild(join);
  if (stage != 0) goto fail;
  if (req.setsid && setsid() < 0) { stage = kStageSetsid; goto fail; }
  // Move the error pipe and every source above the target range first, so no dup2 clobbers a source.
  errfd = fcntl(errfd, F_DUPFD_CLOEXEC, n);
  if (errfd < 0) { stage = kStageDup; goto fail; }
  for (int i = 0; i < n; i++) {
    if (req.fds[i] < 0) continue;
    req.fds[i] = fcntl(req.fds[i], F_DUPFD_CLOEXEC, n);
    if (req.fds[i] < 0) { stage = kStageDup; goto fail; }
  }
  for (int i = 0; i < n; i++) {
    if (req.fds[i] < 0) close(i);
    else if (dup2(req.fds[i], i) < 0) { stage = kStageDup; goto fail; }
  }
  // Everything above the requested fds closes at exec; the error pipe stays open until then.
  if (syscall(SYS_close_range, n, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
    for (int fd = n; fd < 4096; fd++) fcntl(fd, F_SETFD, FD_CLOEXEC);
  }
  if (req.hasCwd && chdir(req.cwd.c_str()) != 0) { stage = kStageChdir; goto fail; }
  {
    bool sawEacces = false;
    for (size_t i = 0; i < nfiles; i++) {
      execve(files[i], argv, envp);
      if (errno == EACCES) sawEacces = true;
      else if (errno != ENOENT && errno != ENOTDIR && errno != ESTALE && errno != ENODEV) break;
    }
    if (sawEacces && (errno == ENOENT || errno == ENOTDIR)) errno = EACCES;
    stage = kStageExecve;
  }
fail:
  failure.stage = stage;
  failure.err = errno;
  WriteAll(errfd, &failure, sizeof failure);
  _exit(127);
}

Napi::Value Spawn(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  SpawnRequest req = ParseRequest(info);
  std::vector<char*> files = CStrings(req.files);
  std::vector<char*> argv = CStrings(req.argv);
  std::vector<char*> envp = CStrings(req.envp);

  JoinFds join;
  std::string nsPath = "/proc/" + std::to_string(req.join) + "/ns/user";
  if (req.join > 0) {
    int err = OpenJoinFds(req.join, &join);
    if (err != 0) throw SystemError(env, err, "open", nsPath.c_str());
  }
  int errpipe[2];
  if (pipe2(errpipe, O_CLOEXEC) != 0) {
    int err = errno;
    CloseJoinFds(&join);
    throw SystemError(env, err, "pipe2", nullptr);
  }
  pid_t pid = ForkWithCleanSignals();
  if (pid == 0) {
    close(errpipe[0]);
    RunChild(req, join, errpipe[1], files.data(), req.files.size(), argv.data(), envp.data());
  }
  int forkErr = errno;
  close(errpipe[1]);
  CloseJoinFds(&join);
  if (pid < 0) {
    close(errpipe[0]);
    throw SystemError(env, forkErr, "fork", nullptr);
  }
  ChildFailure failure{kStageNone, 0};
  ssize_t got = ReadFull(errpipe[0], &failure, sizeof failure);
  close(errpipe[0]);
  if (got != static_cast<ssize_t>(sizeof failure)) return Napi::Number::New(env, pid);

  // The child is exiting right now; reap it so a failed spawn leaves no zombie.
  while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {}
  const char* path = nullptr;
  if (failure.stage == kStageExecve) path = req.argv[0].c_str();
  else if (failure.stage == kStageChdir) path = req.cwd.c_str();
  else if (failure.stage == kStageSetnsUser || failure.stage == kStageSetnsMnt) path = nsPath.c_str();
  throw SystemError(env, failure.err, StageSyscall(failure.stage), path);
}

Napi::Value Pipe(const Napi::CallbackInfo& info) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw SystemError(info.Env(), errno, "pipe2", nullptr);
  Napi::Array out = Napi::Array::New(info.Env(), 2);
  out.Set(0u, Napi::Number::New(info.Env(), fds[0]));
  out.Set(1u, Napi::Number::New(info.Env(), fds[1]));
  return out;
}

}  // namespace

void InitSpawn(Napi::Env env, Napi::Object exports) {
  exports.Set("spawn", Napi::Function::New(env, Spawn));
  exports.Set("pipe", Napi::Function::New(env, Pipe));
}
