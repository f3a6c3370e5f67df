// The addon's module table: one Init per concern file registers its functions.
#include <napi.h>
#include <unistd.h>

static Napi::Value GetEuid(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(geteuid()));
}

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("geteuid", Napi::Function::New(env, GetEuid));
  return exports;
}

NODE_API_MODULE(tsmoby_native, Init)
