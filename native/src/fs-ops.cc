// fsOps(ops, join, keepGoing): runs a list of filesystem syscalls in one forked child that joined a user+mount
// namespace (so ids map and mounts land in that namespace). The list is parsed into plain C++ before fork;
// the child writes one (errno, syscall) record per attempted op back through a pipe and exits.
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "child-setup.h"
#include "remove-all.h"

namespace {

enum OpKind { kMount, kUmount, kLchown, kChmod, kMknod, kMkdir, kLsetxattr, kLgetxattr, kRename, kRemoveAll, kNetns };

struct OpSpec {
  OpKind kind;
  std::string a, b, c, d;  // paths and strings, meaning per kind
  unsigned long flags = 0;
  unsigned mode = 0;
  unsigned uid = 0, gid = 0, major = 0, minor = 0;
  bool detach = false;
};

struct Record {
  int err;
  int syscall;  // an OpSyscall, or a RemoveSyscall for removeAll
};

enum OpSyscall : int { kSysMount = 10, kSysUmount2, kSysLchown, kSysFchmodat, kSysMknod, kSysMkdir, kSysLsetxattr, kSysRename, kSysUnshare, kSysLgetxattr };

const char* SyscallName(int id) {
  switch (id) {
    case kSysMount: return "mount";
    case kSysUmount2: return "umount2";
    case kSysLchown: return "lchown";
    case kSysFchmodat: return "fchmodat";
    case kSysMknod: return "mknod";
    case kSysMkdir: return "mkdir";
    case kSysLsetxattr: return "lsetxattr";
    case kSysLgetxattr: return "lgetxattr";
    case kSysRename: return "rename";
    case kSysUnshare: return "unshare";
    case kRemoveUnlinkat: return "unlinkat";
    case kRemoveOpenat: return "openat";
    case kRemoveGetdents: return "getdents64";
    default: return "unknown";
  }
}

unsigned long MountFlag(Napi::Env env, const std::string& name) {
  if (name == "rdonly") return MS_RDONLY;
  if (name == "nosuid") return MS_NOSUID;
  if (name == "nodev") return MS_NODEV;
  if (name == "noexec") return MS_NOEXEC;
  if (name == "bind") return MS_BIND;
  if (name == "rec") return MS_REC;
  if (name == "private") return MS_PRIVATE;
  if (name == "rprivate") return MS_PRIVATE | MS_REC;
  if (name == "remount") return MS_REMOUNT;
  throw Napi::TypeError::New(env, "unknown mount flag: " + name);
}

std::string Str(const Napi::Object& o, const char* key) {
  Napi::Value v = o.Get(key);
  if (v.IsUndefined() || v.IsNull()) return std::string();
  if (!v.IsString()) throw Napi::TypeError::New(o.Env(), std::string("fs op field ") + key + " must be a string");
  return v.As<Napi::String>().Utf8Value();
}

unsigned Num(const Napi::Object& o, const char* key) {
  Napi::Value v = o.Get(key);
  if (!v.IsNumber()) throw Napi::TypeError::New(o.Env(), std::string("fs op field ") + key + " must be a number");
  return v.As<Napi::Number>().Uint32Value();
}

OpSpec ParseOp(const Napi::Object& o) {
  std::string op = Str(o, "op");
  OpSpec s{};
  if (op == "mount") {
    s.kind = kMount; s.a = Str(o, "source"); s.b = Str(o, "target"); s.c = Str(o, "fstype"); s.d = Str(o, "data");
    if (o.Get("flags").IsArray()) {
      Napi::Array flags = o.Get("flags").As<Napi::Array>();
      for (uint32_t i = 0; i < flags.Length(); i++) s.flags |= MountFlag(o.Env(), flags.Get(i).ToString().Utf8Value());
    }
  } else if (op == "umount") {
    s.kind = kUmount; s.a = Str(o, "target"); s.detach = o.Get("detach").ToBoolean().Value();
  } else if (op == "lchown") {
    s.kind = kLchown; s.a = Str(o, "path"); s.uid = Num(o, "uid"); s.gid = Num(o, "gid");
  } else if (op == "chmod") {
    s.kind = kChmod; s.a = Str(o, "path"); s.mode = Num(o, "mode");
  } else if (op == "mknod") {
    s.kind = kMknod; s.a = Str(o, "path"); s.mode = Num(o, "mode"); s.major = Num(o, "major"); s.minor = Num(o, "minor");
  } else if (op == "mkdir") {
    s.kind = kMkdir; s.a = Str(o, "path"); s.mode = Num(o, "mode");
  } else if (op == "lsetxattr") {
    s.kind = kLsetxattr; s.a = Str(o, "path"); s.b = Str(o, "name"); s.c = Str(o, "value");
  } else if (op == "lgetxattr") {
    s.kind = kLgetxattr; s.a = Str(o, "path"); s.b = Str(o, "name");
  } else if (op == "rename") {
    s.kind = kRename; s.a = Str(o, "from"); s.b = Str(o, "to");
  } else if (op == "netns") {
    s.kind = kNetns; s.a = Str(o, "path");
  } else if (op == "removeAll") {
    s.kind = kRemoveAll; s.a = Str(o, "path");
  } else {
    throw Napi::TypeError::New(o.Env(), "unknown fs op: " + op);
  }
  return s;
}

// Child side: one syscall (or one removeAll) per op.
Record RunOp(const OpSpec& s) {
  auto res = [](int rc, int sys) { return Record{rc == 0 ? 0 : errno, sys}; };
  switch (s.kind) {
    case kMount:
      return res(mount(s.a.empty() ? "none" : s.a.c_str(), s.b.c_str(), s.c.empty() ? nullptr : s.c.c_str(), s.flags,
                       s.d.empty() ? nullptr : s.d.c_str()), kSysMount);
    case kUmount: return res(umount2(s.a.c_str(), s.detach ? MNT_DETACH : 0), kSysUmount2);
    case kLchown: return res(lchown(s.a.c_str(), s.uid, s.gid), kSysLchown);
    case kChmod: return res(fchmodat(AT_FDCWD, s.a.c_str(), s.mode, 0), kSysFchmodat);
    case kMknod: {
      mode_t mode = (s.mode & S_IFMT) == 0 ? (S_IFCHR | s.mode) : s.mode;
      return res(mknod(s.a.c_str(), mode, makedev(s.major, s.minor)), kSysMknod);
    }
    case kMkdir: return res(mkdir(s.a.c_str(), s.mode), kSysMkdir);
    case kLsetxattr: return res(lsetxattr(s.a.c_str(), s.b.c_str(), s.c.data(), s.c.size(), 0), kSysLsetxattr);
    // Presence only: ok when the attribute exists (ENODATA otherwise); callers need no value.
    case kLgetxattr: return res(lgetxattr(s.a.c_str(), s.b.c_str(), nullptr, 0) < 0 ? -1 : 0, kSysLgetxattr);
    case kRename: return res(rename(s.a.c_str(), s.b.c_str()), kSysRename);
    case kNetns: {
      // The child moves into a fresh network namespace and pins it by bind-mounting its nsfs file onto
      // `path`; later ops in this child run in that namespace too, which none of them cares about.
      if (unshare(CLONE_NEWNET) != 0) return Record{errno, kSysUnshare};
      return res(mount("/proc/self/ns/net", s.a.c_str(), nullptr, MS_BIND, nullptr), kSysMount);
    }
    case kRemoveAll: {
      int failed = kRemoveUnlinkat;
      int err = RemoveAll(s.a.c_str(), &failed);
      return Record{err, failed};
    }
  }
  return Record{EINVAL, 0};
}

[[noreturn]] void RunChild(const std::vector<OpSpec>& ops, const JoinFds& join, bool keepGoing, int out) {
  umask(0);  // modes are exactly what the caller asked for, as tar extraction needs
  int stage = JoinNamespacesInChild(join);
  Record head{stage == 0 ? 0 : errno, stage};
  if (!WriteAll(out, &head, sizeof head) || stage != 0) _exit(1);
  for (const OpSpec& op : ops) {
    Record r = RunOp(op);
    if (!WriteAll(out, &r, sizeof r)) _exit(1);
    if (r.err != 0 && !keepGoing) break;
  }
  _exit(0);
}

class FsOpsWorker : public Napi::AsyncWorker {
 public:
  FsOpsWorker(Napi::Env env, std::vector<OpSpec> ops, int join, bool keepGoing)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), ops_(std::move(ops)),
        join_(join), keepGoing_(keepGoing) {}

  Napi::Promise Promise() { return deferred_.Promise(); }

 protected:
  void Execute() override {
    JoinFds fds;
    if (join_ > 0 && (err_ = OpenJoinFds(join_, &fds)) != 0) { failedSyscall_ = "open"; return; }
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) { err_ = errno; failedSyscall_ = "pipe2"; CloseJoinFds(&fds); return; }
    pid_t pid = ForkWithCleanSignals();
    if (pid == 0) { close(p[0]); RunChild(ops_, fds, keepGoing_, p[1]); }
    int forkErr = errno;
    close(p[1]);
    CloseJoinFds(&fds);
    if (pid < 0) { close(p[0]); err_ = forkErr; failedSyscall_ = "fork"; return; }
    Record head{0, 0};
    if (ReadFull(p[0], &head, sizeof head) != sizeof head) { err_ = EPIPE; failedSyscall_ = "fork"; }
    else if (head.err != 0) { err_ = head.err; failedSyscall_ = StageSyscall(head.syscall); }
    else {
      Record r;
      while (ReadFull(p[0], &r, sizeof r) == sizeof r) records_.push_back(r);
    }
    close(p[0]);
    while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {}
  }

  void OnOK() override {
    Napi::Env env = Env();
    if (err_ != 0) {
      std::string path = "/proc/" + std::to_string(join_) + "/ns";
      deferred_.Reject(SystemError(env, err_, failedSyscall_, join_ > 0 ? path.c_str() : nullptr).Value());
      return;
    }
    Napi::Array out = Napi::Array::New(env, records_.size());
    for (size_t i = 0; i < records_.size(); i++) {
      Napi::Object o = Napi::Object::New(env);
      o.Set("errno", Napi::Number::New(env, -records_[i].err));
      o.Set("syscall", Napi::String::New(env, SyscallName(records_[i].syscall)));
      out.Set(static_cast<uint32_t>(i), o);
    }
    deferred_.Resolve(out);
  }

  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  std::vector<OpSpec> ops_;
  int join_;
  bool keepGoing_;
  int err_ = 0;
  const char* failedSyscall_ = "fork";
  std::vector<Record> records_;
};

Napi::Value FsOps(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsArray()) throw Napi::TypeError::New(env, "fsOps(ops, join, keepGoing) needs an array");
  Napi::Array arr = info[0].As<Napi::Array>();
  std::vector<OpSpec> ops;
  for (uint32_t i = 0; i < arr.Length(); i++) {
    Napi::Value v = arr.Get(i);
    if (!v.IsObject()) throw Napi::TypeError::New(env, "each fs op must be an object");
    ops.push_back(ParseOp(v.As<Napi::Object>()));
  }
  int join = info.Length() > 1 && info[1].IsNumber() ? info[1].As<Napi::Number>().Int32Value() : 0;
  bool keepGoing = info.Length() > 2 && info[2].ToBoolean().Value();
  auto* worker = new FsOpsWorker(env, std::move(ops), join, keepGoing);
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

}  // namespace

void InitFsOps(Napi::Env env, Napi::Object exports) {
  exports.Set("fsOps", Napi::Function::New(env, FsOps));
}
