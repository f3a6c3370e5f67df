/* Error reporting in the crun style: a function that fails fills a mon_error (errno + message) and returns -1;
 * the caller decides whether to report it on the sync pipe, log it, or exit. Also the cleanup attributes. */
#ifndef CONMON_ERROR_H
#define CONMON_ERROR_H

#include <stdbool.h>

struct mon_error {
  int code;           /* errno of the failing call, 0 when there is none */
  char message[1024]; /* what failed, in words a user can act on */
};

/* Fills err and returns -1; when code != 0 appends ": strerror(code)". */
int mon_fail(struct mon_error *err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Diagnostics: to stderr while the caller still holds it, to syslog when --syslog was given. */
void mon_log_init(const char *cid, bool use_syslog, const char *level);
void mon_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void mon_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void close_fdp(int *fd);
#define cleanup_close __attribute__((cleanup(close_fdp)))

#endif
