// connectSeqpacket(path) and shutdownSocket(fd, how): Node's net module only speaks SOCK_STREAM, but conmon's
// attach socket is SOCK_SEQPACKET (one message per read, the first byte naming the stream). The fd returned is
// blocking and close-on-exec; the caller reads and writes it with fs.read/fs.write and closes it itself.
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <string>

#include "child-setup.h"

namespace {

class ConnectWorker : public Napi::AsyncWorker {
 public:
  ConnectWorker(Napi::Env env, std::string path)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), path_(std::move(path)) {}

  Napi::Promise Promise() { return deferred_.Promise(); }

 protected:
  void Execute() override {
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (path_.size() >= sizeof addr.sun_path) { err_ = ENAMETOOLONG; syscall_ = "connect"; return; }
    memcpy(addr.sun_path, path_.c_str(), path_.size());
    fd_ = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    if (fd_ < 0) { err_ = errno; syscall_ = "socket"; return; }
    int rc;
    do rc = connect(fd_, reinterpret_cast<struct sockaddr*>(&addr), sizeof addr);
    while (rc < 0 && errno == EINTR);
    if (rc < 0) { err_ = errno; syscall_ = "connect"; close(fd_); fd_ = -1; }
  }

  void OnOK() override {
    Napi::Env env = Env();
    if (err_ != 0) {
      deferred_.Reject(SystemError(env, err_, syscall_, path_.c_str()).Value());
      return;
    }
    deferred_.Resolve(Napi::Number::New(env, fd_));
  }

  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  std::string path_;
  int fd_ = -1;
  int err_ = 0;
  const char* syscall_ = "connect";
};

Napi::Value ConnectSeqpacket(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsString()) throw Napi::TypeError::New(env, "connectSeqpacket(path) needs a path");
  auto* worker = new ConnectWorker(env, info[0].As<Napi::String>().Utf8Value());
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

// shutdown(2) also wakes a read blocked on the socket in another thread, which close(2) does not.
Napi::Value ShutdownSocket(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsNumber() || !info[1].IsString())
    throw Napi::TypeError::New(env, "shutdownSocket(fd, how) needs a number and 'read' | 'write' | 'both'");
  std::string how = info[1].As<Napi::String>().Utf8Value();
  int mode = how == "read" ? SHUT_RD : how == "write" ? SHUT_WR : how == "both" ? SHUT_RDWR : -1;
  if (mode < 0) throw Napi::TypeError::New(env, "shutdownSocket: how must be 'read', 'write' or 'both'");
  if (shutdown(info[0].As<Napi::Number>().Int32Value(), mode) < 0) throw SystemError(env, errno, "shutdown", nullptr);
  return env.Undefined();
}

}  // namespace

void InitSeqpacket(Napi::Env env, Napi::Object exports) {
  exports.Set("connectSeqpacket", Napi::Function::New(env, ConnectSeqpacket));
  exports.Set("shutdownSocket", Napi::Function::New(env, ShutdownSocket));
}
