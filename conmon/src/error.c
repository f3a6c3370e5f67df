/* mon_error filling and the monitor's own diagnostics (stderr and optionally syslog). */
#include "error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

static const char *log_cid = "";
static bool log_syslog;
static bool log_debug;

int mon_fail(struct mon_error *err, int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(err->message, sizeof(err->message), fmt, ap);
  va_end(ap);
  if (code != 0 && n >= 0 && (size_t)n < sizeof(err->message))
    snprintf(err->message + n, sizeof(err->message) - n, ": %s", strerror(code));
  err->code = code;
  errno = code;
  return -1;
}

void mon_log_init(const char *cid, bool use_syslog, const char *level) {
  log_cid = cid ? cid : "";
  log_syslog = use_syslog;
  log_debug = level && (strcmp(level, "debug") == 0 || strcmp(level, "trace") == 0);
  if (use_syslog)
    openlog("conmon", LOG_PID, LOG_DAEMON);
}

static void emit(int priority, const char *fmt, va_list ap) {
  char line[1200];
  vsnprintf(line, sizeof(line), fmt, ap);
  fprintf(stderr, "[conmon:%c]: %s %s\n", priority == LOG_DEBUG ? 'd' : 'w', log_cid, line);
  if (log_syslog)
    syslog(priority, "conmon %.20s <%s>: %s", log_cid, priority == LOG_DEBUG ? "ndebug" : "nwarn", line);
}

void mon_warn(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emit(LOG_WARNING, fmt, ap);
  va_end(ap);
}

void mon_debug(const char *fmt, ...) {
  if (!log_debug)
    return;
  va_list ap;
  va_start(ap, fmt);
  emit(LOG_DEBUG, fmt, ap);
  va_end(ap);
}

void close_fdp(int *fd) {
  if (*fd >= 0) {
    int saved = errno;
    close(*fd);
    errno = saved;
    *fd = -1;
  }
}
