// wait(pid): a promise for a child's exit status, from a blocking waitpid(pid) on a thread of its own.
// A dedicated thread rather than libuv's pool: a container can run for hours, and four such waits would
// otherwise starve every fs call of the process. libuv reaps only the pids it spawned itself
// (waitpid(pid, WNOHANG) per handle on SIGCHLD, never waitpid(-1)), so neither side steals the other's children.
#include <errno.h>
#include <sys/wait.h>

#include <thread>

#include "child-setup.h"

namespace {

struct WaitJob {
  Napi::Promise::Deferred deferred;
  pid_t pid;
  int status = 0;
  int err = 0;
  explicit WaitJob(Napi::Env env, pid_t p) : deferred(Napi::Promise::Deferred::New(env)), pid(p) {}
};

void Settle(Napi::Env env, Napi::Function /*unused*/, void* /*context*/, WaitJob* job) {
  if (env != nullptr) {
    if (job->err != 0) {
      std::string path = std::to_string(job->pid);
      job->deferred.Reject(SystemError(env, job->err, "waitpid", path.c_str()).Value());
    } else {
      Napi::Object out = Napi::Object::New(env);
      bool signaled = WIFSIGNALED(job->status);
      out.Set("exitCode", signaled ? env.Null() : Napi::Number::New(env, WEXITSTATUS(job->status)));
      out.Set("signal", signaled ? Napi::Number::New(env, WTERMSIG(job->status)) : env.Null());
      job->deferred.Resolve(out);
    }
  }
  delete job;
}

using WaitTsfn = Napi::TypedThreadSafeFunction<void, WaitJob, Settle>;

Napi::Value Wait(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsNumber()) throw Napi::TypeError::New(env, "wait(pid) needs a pid");
  int pid = info[0].As<Napi::Number>().Int32Value();
  if (pid <= 0) throw Napi::TypeError::New(env, "wait(pid) needs a positive pid");
  WaitJob* job = new WaitJob(env, pid);
  Napi::Promise promise = job->deferred.Promise();
  // The tsfn keeps the event loop alive while someone waits, as a child_process handle would.
  WaitTsfn tsfn = WaitTsfn::New(env, "tsmoby-wait", 0, 1);
  std::thread([tsfn, job]() mutable {
    int status = 0;
    pid_t r;
    do {
      r = waitpid(job->pid, &status, 0);
    } while (r < 0 && errno == EINTR);
    if (r < 0) job->err = errno;
    job->status = status;
    tsfn.BlockingCall(job);
    tsfn.Release();
  }).detach();
  return promise;
}

}  // namespace

void InitWait(Napi::Env env, Napi::Object exports) {
  exports.Set("wait", Napi::Function::New(env, Wait));
}
