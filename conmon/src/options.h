/* The command line, as containers/conmon spells it (so either monitor can stand in for the other), parsed once
 * into a read-only struct. Every pointer points into argv or into the struct itself. */
#ifndef CONMON_OPTIONS_H
#define CONMON_OPTIONS_H

#include <limits.h>
#include <stdbool.h>
#include "error.h"

#define CONMON_COMPAT_VERSION "2.1.12"
#define TSMOBY_CONMON_VERSION "0.1.0"

struct str_list {
  const char **items; /* NULL-terminated */
  int len;
};

struct options {
  bool version;
  const char *cid, *cuuid, *name, *runtime, *bundle;
  const char *container_pidfile, *conmon_pidfile;
  const char *k8s_log_path; /* NULL when no k8s-file log is wanted */
  bool log_passthrough;
  long long log_size_max;   /* <= 0: unlimited */
  bool log_rotate;          /* keep one old file as <path>.1 instead of truncating */
  bool terminal, stdin, leave_stdin_open;
  const char *exit_dir, *persist_dir;
  const char *exit_command;
  struct str_list exit_args;
  int exit_delay;
  const char *socket_dir; /* NULL: the attach socket lives in the bundle, no symlink */
  bool full_attach;
  struct str_list runtime_args; /* before the subcommand */
  struct str_list runtime_opts; /* after the subcommand's own flags */
  bool no_pivot, no_new_keyring, sync, syslog;
  bool systemd_cgroup; /* accepted for compatibility; cgroups are the caller's business here */
  const char *log_level;
  bool exec, exec_attach;
  const char *exec_process_spec;
  int api_version;
  bool delete_on_exit; /* tsmoby: run `<runtime> delete --force <cid>` once the container exited */
  char default_pidfile[PATH_MAX];
};

int options_parse(struct options *o, int argc, char **argv, struct mon_error *err);

#endif
