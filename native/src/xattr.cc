// Extended attribute reads (lgetxattr): Node has none, and a layer diff must see overlay's opaque marker on
// upper directories. Synchronous: called by a helper process that already sits in the user namespace.
#include <napi.h>
#include <errno.h>
#include <string.h>
#include <sys/xattr.h>
#include <vector>

static Napi::Value LGetXattr(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsString() || !info[1].IsString()) {
    throw Napi::TypeError::New(env, "lgetxattr(path: string, name: string)");
  }
  std::string path = info[0].As<Napi::String>();
  std::string name = info[1].As<Napi::String>();
  std::vector<char> buf(256);
  for (;;) {
    ssize_t n = lgetxattr(path.c_str(), name.c_str(), buf.data(), buf.size());
    if (n >= 0) return Napi::Buffer<char>::Copy(env, buf.data(), static_cast<size_t>(n));
    if (errno == ENODATA || errno == ENOTSUP) return env.Null();
    if (errno != ERANGE || buf.size() > (1u << 20)) {
      Napi::Error err = Napi::Error::New(env, std::string("lgetxattr ") + path + ": " + strerror(errno));
      err.Set("code", Napi::String::New(env, errno == ENOENT ? "ENOENT" : errno == EACCES ? "EACCES" : "EIO"));
      err.Set("errno", Napi::Number::New(env, -errno));
      err.Set("syscall", Napi::String::New(env, "lgetxattr"));
      err.Set("path", Napi::String::New(env, path));
      throw err;
    }
    buf.resize(buf.size() * 4);
  }
}

void InitXattr(Napi::Env env, Napi::Object exports) {
  exports.Set("lgetxattr", Napi::Function::New(env, LGetXattr));
}
