{
  "targets": [
    {
      "target_name": "tsmoby_native",
      "sources": ["src/addon.cc", "src/child-setup.cc", "src/spawn.cc", "src/wait.cc", "src/fs-ops.cc", "src/remove-all.cc", "src/seqpacket.cc", "src/xattr.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "_GNU_SOURCE"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions"],
      "cflags_cc": ["-std=c++17", "-Wall", "-Wextra", "-O2", "-fexceptions"],
      "ldflags": ["-pthread"]
    },
    {
      "target_name": "tsmoby-pause",
      "type": "executable",
      "sources": ["src/pause.c"],
      "cflags": ["-std=c11", "-Wall", "-Wextra", "-O2"]
    }
  ]
}
