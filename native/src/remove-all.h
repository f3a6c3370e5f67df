// Recursive delete for a forked child: openat/unlinkat/getdents64 only, never following a symlink below
// the given path (a symlink is removed, not its target), no allocation.
#pragma once

enum RemoveSyscall : int { kRemoveUnlinkat = 1, kRemoveOpenat, kRemoveGetdents };

// Removes path and everything below it; a missing path is success. Returns 0 or an errno, and the
// syscall that failed in *failed.
int RemoveAll(const char* path, int* failed);
