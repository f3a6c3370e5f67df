// The addon's module table: one Init per concern file registers its functions.
#include <napi.h>
#include <unistd.h>

void InitSpawn(Napi::Env env, Napi::Object exports);
void InitWait(Napi::Env env, Napi::Object exports);
void InitFsOps(Napi::Env env, Napi::Object exports);
void InitSeqpacket(Napi::Env env, Napi::Object exports);
void InitXattr(Napi::Env env, Napi::Object exports);

static Napi::Value GetEuid(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(geteuid()));
}

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("geteuid", Napi::Function::New(env, GetEuid));
  InitSpawn(env, exports);
  InitWait(env, exports);
  InitFsOps(env, exports);
  InitSeqpacket(env, exports);
  InitXattr(env, exports);
  return exports;
}

NODE_API_MODULE(tsmoby_native, Init)
