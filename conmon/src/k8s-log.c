/* k8s-file writer: a chunk becomes a few writev calls, one timestamp per chunk (as conmon does). */
#include "k8s-log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define TS_MAX 64
#define IOV_BATCH 128

int k8s_log_open(struct k8s_log *log, const char *path, long long size_max, int rotate, struct mon_error *err) {
  log->fd = -1;
  log->path = path;
  log->size_max = size_max;
  log->rotate = rotate;
  log->written = 0;
  if (path == NULL)
    return 0;
  log->fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (log->fd < 0)
    return mon_fail(err, errno, "Failed to open log file %s", path);
  struct stat st;
  if (fstat(log->fd, &st) == 0)
    log->written = st.st_size;
  return 0;
}

static size_t format_timestamp(char *buf, size_t cap, enum stream_id stream) {
  struct timespec ts = {0};
  struct tm tm = {0};
  clock_gettime(CLOCK_REALTIME, &ts);
  localtime_r(&ts.tv_sec, &tm);
  long off = tm.tm_gmtoff;
  char sign = off < 0 ? '-' : '+';
  if (off < 0)
    off = -off;
  int n = snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02d.%09ld%c%02ld:%02ld %s ", tm.tm_year + 1900,
                   tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec, sign, off / 3600,
                   (off % 3600) / 60, stream == STREAM_STDERR ? "stderr" : "stdout");
  return n > 0 ? (size_t)n : 0;
}

static void flush(struct k8s_log *log, struct iovec *iov, int *n) {
  int start = 0;
  while (start < *n) {
    ssize_t w = writev(log->fd, iov + start, *n - start);
    if (w < 0 && errno == EINTR)
      continue;
    if (w < 0) {
      mon_warn("failed to write to log file %s: %s", log->path, strerror(errno));
      break;
    }
    /* Short write: skip what went out, retry the rest. */
    while (start < *n && (size_t)w >= iov[start].iov_len)
      w -= (ssize_t)iov[start++].iov_len;
    if (start < *n) {
      iov[start].iov_base = (char *)iov[start].iov_base + w;
      iov[start].iov_len -= (size_t)w;
    }
  }
  *n = 0;
}

static void truncate_or_rotate(struct k8s_log *log) {
  char other[4096];
  if (log->rotate) {
    snprintf(other, sizeof(other), "%s.1", log->path);
    if (rename(log->path, other) < 0 && errno != ENOENT)
      mon_warn("failed to rotate log file %s: %s", log->path, strerror(errno));
    close(log->fd);
    log->fd = open(log->path, O_WRONLY | O_APPEND | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  } else {
    /* A fresh file renamed over the old one: a reader never sees a half-truncated file. */
    snprintf(other, sizeof(other), "%s.tmp", log->path);
    close(log->fd);
    log->fd = open(other, O_WRONLY | O_APPEND | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (log->fd >= 0 && rename(other, log->path) < 0)
      mon_warn("failed to replace log file %s: %s", log->path, strerror(errno));
  }
  if (log->fd < 0)
    mon_warn("failed to reopen log file %s: %s", log->path, strerror(errno));
  log->written = 0;
}

void k8s_log_write(struct k8s_log *log, enum stream_id stream, const char *buf, size_t len) {
  if (log->fd < 0)
    return;
  char ts[TS_MAX];
  size_t ts_len = format_timestamp(ts, sizeof(ts), stream);
  struct iovec iov[IOV_BATCH];
  int n = 0;
  while (len > 0) {
    const char *nl = memchr(buf, '\n', len);
    size_t line_len = nl ? (size_t)(nl - buf) + 1 : len;
    int partial = nl == NULL;
    long long record = (long long)(ts_len + 2 + line_len + (partial ? 1 : 0));
    if (log->size_max > 0 && log->written + record > log->size_max) {
      flush(log, iov, &n);
      truncate_or_rotate(log);
      if (log->fd < 0)
        return;
    }
    if (n + 4 > IOV_BATCH)
      flush(log, iov, &n);
    iov[n++] = (struct iovec){ts, ts_len};
    iov[n++] = (struct iovec){partial ? "P " : "F ", 2};
    iov[n++] = (struct iovec){(void *)buf, line_len};
    if (partial)
      iov[n++] = (struct iovec){"\n", 1};
    log->written += record;
    buf += line_len;
    len -= line_len;
  }
  flush(log, iov, &n);
}

void k8s_log_reopen(struct k8s_log *log) {
  if (log->fd < 0)
    return;
  close(log->fd);
  struct mon_error err;
  if (k8s_log_open(log, log->path, log->size_max, log->rotate, &err) < 0)
    mon_warn("%s", err.message);
}

void k8s_log_sync(struct k8s_log *log) {
  if (log->fd >= 0)
    fsync(log->fd);
}

void k8s_log_close(struct k8s_log *log) {
  if (log->fd >= 0)
    close(log->fd);
  log->fd = -1;
}
