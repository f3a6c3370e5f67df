/* The k8s-file log: one record per line of container output,
 *   <RFC3339Nano local time> <stdout|stderr> <F|P> <text>
 * with P marking a chunk that did not end in a newline (a newline is added so records stay one per line).
 * When --log-size-max would be exceeded the file is truncated (atomically: <path>.tmp renamed over it), as
 * conmon does by default; with --log-rotate the old file is kept as <path>.1 instead. */
#ifndef CONMON_K8S_LOG_H
#define CONMON_K8S_LOG_H

#include <stddef.h>
#include "error.h"

enum stream_id { STREAM_STDIN = 1, STREAM_STDOUT = 2, STREAM_STDERR = 3 };

struct k8s_log {
  int fd; /* -1: no k8s-file log */
  const char *path;
  long long size_max;
  long long written;
  int rotate;
};

int k8s_log_open(struct k8s_log *log, const char *path, long long size_max, int rotate, struct mon_error *err);
/* Writes one chunk of output; warnings only, output is never lost on the attach side because of the log. */
void k8s_log_write(struct k8s_log *log, enum stream_id stream, const char *buf, size_t len);
/* Reopens the file (ctl message 2, e.g. after an external logrotate). */
void k8s_log_reopen(struct k8s_log *log);
void k8s_log_sync(struct k8s_log *log);
void k8s_log_close(struct k8s_log *log);

#endif
