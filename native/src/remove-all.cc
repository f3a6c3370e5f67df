// rm -rf without following symlinks, safe to run between fork and _exit (raw syscalls, stack buffers).
#include "remove-all.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace {

constexpr int kMaxDepth = 1024;

struct LinuxDirent64 {
  unsigned long long d_ino;
  long long d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

int RemoveEntry(int dfd, const char* name, int depth, int* failed);

// Deletes every entry of an open directory. Entries are deleted while the directory is read, so it is
// read again from the start until a pass finds nothing left: no filesystem's offsets are trusted.
int EmptyDirectory(int fd, int depth, int* failed) {
  alignas(8) char buf[1024];
  for (;;) {
    if (lseek(fd, 0, SEEK_SET) < 0) { *failed = kRemoveGetdents; return errno; }
    int removed = 0;
    for (;;) {
      long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
      if (n < 0) { *failed = kRemoveGetdents; return errno; }
      if (n == 0) break;
      for (long off = 0; off < n;) {
        auto* d = reinterpret_cast<LinuxDirent64*>(buf + off);
        off += d->d_reclen;
        if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0) continue;
        int err = RemoveEntry(fd, d->d_name, depth + 1, failed);
        if (err != 0) return err;
        removed++;
      }
    }
    if (removed == 0) return 0;
  }
}

int RemoveEntry(int dfd, const char* name, int depth, int* failed) {
  if (unlinkat(dfd, name, 0) == 0 || errno == ENOENT) return 0;
  int unlinkErr = errno;
  // Linux answers EISDIR for a directory; EPERM may also mean one (POSIX), so try it as a directory.
  if (unlinkErr != EISDIR && unlinkErr != EPERM) { *failed = kRemoveUnlinkat; return unlinkErr; }
  if (depth > kMaxDepth) { *failed = kRemoveOpenat; return ELOOP; }
  int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOTDIR || errno == ELOOP) { *failed = kRemoveUnlinkat; return unlinkErr; }
    *failed = kRemoveOpenat;
    return errno;
  }
  int err = EmptyDirectory(fd, depth, failed);
  close(fd);
  if (err != 0) return err;
  if (unlinkat(dfd, name, AT_REMOVEDIR) != 0 && errno != ENOENT) { *failed = kRemoveUnlinkat; return errno; }
  return 0;
}

}  // namespace

int RemoveAll(const char* path, int* failed) {
  return RemoveEntry(AT_FDCWD, path, 0, failed);
}
