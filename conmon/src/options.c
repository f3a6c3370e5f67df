/* Parses conmon's command line. Long options take "--flag value" or "--flag=value" like GOption does;
 * options conmon has but this monitor does not implement are refused rather than silently ignored. */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
  OPT_API_VERSION = 1000, OPT_EXEC_ATTACH, OPT_EXEC_PROCESS_SPEC, OPT_EXIT_COMMAND, OPT_EXIT_COMMAND_ARG,
  OPT_EXIT_DELAY, OPT_EXIT_DIR, OPT_LEAVE_STDIN_OPEN, OPT_LOG_LEVEL, OPT_LOG_SIZE_MAX, OPT_NO_PIVOT,
  OPT_NO_NEW_KEYRING, OPT_RUNTIME_ARG, OPT_RUNTIME_OPT, OPT_SOCKET_DIR, OPT_SYNC, OPT_SYSLOG, OPT_VERSION,
  OPT_FULL_ATTACH, OPT_LOG_ROTATE, OPT_NO_SYNC_LOG, OPT_DELETE_ON_EXIT,
};

static const struct option long_options[] = {
  {"api-version", no_argument, NULL, OPT_API_VERSION},
  {"bundle", required_argument, NULL, 'b'},
  {"cid", required_argument, NULL, 'c'},
  {"conmon-pidfile", required_argument, NULL, 'P'},
  {"container-pidfile", required_argument, NULL, 'p'},
  {"pidfile", required_argument, NULL, 'p'},
  {"cuuid", required_argument, NULL, 'u'},
  {"exec", no_argument, NULL, 'e'},
  {"exec-attach", no_argument, NULL, OPT_EXEC_ATTACH},
  {"exec-process-spec", required_argument, NULL, OPT_EXEC_PROCESS_SPEC},
  {"exit-command", required_argument, NULL, OPT_EXIT_COMMAND},
  {"exit-command-arg", required_argument, NULL, OPT_EXIT_COMMAND_ARG},
  {"exit-delay", required_argument, NULL, OPT_EXIT_DELAY},
  {"exit-dir", required_argument, NULL, OPT_EXIT_DIR},
  {"full-attach", no_argument, NULL, OPT_FULL_ATTACH},
  {"leave-stdin-open", no_argument, NULL, OPT_LEAVE_STDIN_OPEN},
  {"log-level", required_argument, NULL, OPT_LOG_LEVEL},
  {"log-path", required_argument, NULL, 'l'},
  {"log-rotate", no_argument, NULL, OPT_LOG_ROTATE},
  {"log-size-max", required_argument, NULL, OPT_LOG_SIZE_MAX},
  {"name", required_argument, NULL, 'n'},
  {"no-new-keyring", no_argument, NULL, OPT_NO_NEW_KEYRING},
  {"no-pivot", no_argument, NULL, OPT_NO_PIVOT},
  {"no-sync-log", no_argument, NULL, OPT_NO_SYNC_LOG},
  {"persist-dir", required_argument, NULL, '0'},
  {"runtime", required_argument, NULL, 'r'},
  {"runtime-arg", required_argument, NULL, OPT_RUNTIME_ARG},
  {"runtime-opt", required_argument, NULL, OPT_RUNTIME_OPT},
  {"socket-dir-path", required_argument, NULL, OPT_SOCKET_DIR},
  {"stdin", no_argument, NULL, 'i'},
  {"sync", no_argument, NULL, OPT_SYNC},
  {"syslog", no_argument, NULL, OPT_SYSLOG},
  {"systemd-cgroup", no_argument, NULL, 's'},
  {"terminal", no_argument, NULL, 't'},
  {"version", no_argument, NULL, OPT_VERSION},
  {"delete-on-exit", no_argument, NULL, OPT_DELETE_ON_EXIT},
  {NULL, 0, NULL, 0},
};

static void list_push(struct str_list *l, const char *s) {
  l->items[l->len++] = s;
  l->items[l->len] = NULL;
}

static int parse_number(const char *flag, const char *s, long long *out, struct mon_error *err) {
  char *end = NULL;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  if (errno != 0 || end == s || *end != '\0')
    return mon_fail(err, 0, "option parsing failed: cannot parse integer value \"%s\" for --%s", s, flag);
  *out = v;
  return 0;
}

/* -l accepts "k8s-file:PATH", "PATH", "none"/"off"/"null" and "passthrough", repeated like conmon. */
static int parse_log_path(struct options *o, const char *value, struct mon_error *err) {
  const char *colon = strchr(value, ':');
  if (colon == NULL) {
    if (!strcmp(value, "none") || !strcmp(value, "off") || !strcmp(value, "null"))
      return 0;
    if (!strcmp(value, "passthrough")) {
      o->log_passthrough = true;
      return 0;
    }
    if (!strcmp(value, "journald") || !strcmp(value, "k8s-file"))
      return mon_fail(err, 0, "log driver %s is not supported by this monitor or needs a path", value);
    o->k8s_log_path = value;
    return 0;
  }
  if (strncmp(value, "k8s-file:", 9) == 0 && value[9] != '\0') {
    o->k8s_log_path = value + 9;
    return 0;
  }
  return mon_fail(err, 0, "No such log driver %.*s", (int)(colon - value), value);
}

static int parse_one(struct options *o, int c, const char *arg, struct mon_error *err) {
  long long n = 0;
  switch (c) {
  case 'b': o->bundle = arg; break;
  case 'c': o->cid = arg; break;
  case 'P': o->conmon_pidfile = arg; break;
  case 'p': o->container_pidfile = arg; break;
  case 'u': o->cuuid = arg; break;
  case 'n': o->name = arg; break;
  case 'r': o->runtime = arg; break;
  case 'e': o->exec = true; break;
  case 'i': o->stdin = true; break;
  case 's': o->systemd_cgroup = true; break;
  case 't': o->terminal = true; break;
  case '0': o->persist_dir = arg; break;
  case 'l': return parse_log_path(o, arg, err);
  case OPT_API_VERSION: o->api_version = 1; break;
  case OPT_EXEC_ATTACH: o->exec_attach = true; break;
  case OPT_EXEC_PROCESS_SPEC: o->exec_process_spec = arg; break;
  case OPT_EXIT_COMMAND: o->exit_command = arg; break;
  case OPT_EXIT_COMMAND_ARG: list_push(&o->exit_args, arg); break;
  case OPT_EXIT_DELAY:
    if (parse_number("exit-delay", arg, &n, err) < 0)
      return -1;
    if (n < 0 || n > 86400)
      return mon_fail(err, 0, "Delay before invoking exit command must be greater than or equal to 0");
    o->exit_delay = (int)n;
    break;
  case OPT_EXIT_DIR: o->exit_dir = arg; break;
  case OPT_FULL_ATTACH: o->full_attach = true; break;
  case OPT_LEAVE_STDIN_OPEN: o->leave_stdin_open = true; break;
  case OPT_LOG_LEVEL: o->log_level = arg; break;
  case OPT_LOG_ROTATE: o->log_rotate = true; break;
  case OPT_LOG_SIZE_MAX:
    if (parse_number("log-size-max", arg, &n, err) < 0)
      return -1;
    o->log_size_max = n;
    break;
  case OPT_NO_NEW_KEYRING: o->no_new_keyring = true; break;
  case OPT_NO_PIVOT: o->no_pivot = true; break;
  case OPT_NO_SYNC_LOG: break;
  case OPT_RUNTIME_ARG: list_push(&o->runtime_args, arg); break;
  case OPT_RUNTIME_OPT: list_push(&o->runtime_opts, arg); break;
  case OPT_SOCKET_DIR: o->socket_dir = arg; break;
  case OPT_SYNC: o->sync = true; break;
  case OPT_SYSLOG: o->syslog = true; break;
  case OPT_VERSION: o->version = true; break;
  case OPT_DELETE_ON_EXIT: o->delete_on_exit = true; break;
  default: return mon_fail(err, 0, "option parsing failed: unknown option");
  }
  return 0;
}

static int validate(struct options *o, struct mon_error *err) {
  if (o->cid == NULL)
    return mon_fail(err, 0, "Container ID not provided. Use --cid");
  if (o->exec_attach && !o->exec)
    return mon_fail(err, 0, "Attach can only be specified with exec");
  if (o->exec_attach && o->api_version < 1)
    return mon_fail(err, 0, "Attach can only be specified for a non-legacy exec session");
  if (o->cuuid == NULL && (!o->exec || o->api_version >= 1))
    return mon_fail(err, 0, "Container UUID not provided. Use --cuuid");
  if (o->runtime == NULL)
    return mon_fail(err, 0, "Runtime path not provided. Use --runtime");
  if (access(o->runtime, X_OK) < 0)
    return mon_fail(err, errno, "Runtime path %s is not valid", o->runtime);
  if (o->exec && o->exec_process_spec == NULL)
    return mon_fail(err, 0, "Exec process spec path not provided. Use --exec-process-spec");
  char cwd[PATH_MAX];
  if (getcwd(cwd, sizeof(cwd)) == NULL)
    return mon_fail(err, errno, "Failed to get working directory");
  if (o->container_pidfile == NULL) {
    int n = snprintf(o->default_pidfile, sizeof(o->default_pidfile), "%.3000s/pidfile-%.512s", cwd, o->cid);
    if (n < 0 || (size_t)n >= sizeof(o->default_pidfile))
      return mon_fail(err, ENAMETOOLONG, "default container pidfile path");
    o->container_pidfile = o->default_pidfile;
  }
  /* Like conmon, a non-exec monitor without -b treats the working directory as the bundle. */
  if (o->bundle == NULL && !o->exec) {
    static char cwd_bundle[PATH_MAX];
    memcpy(cwd_bundle, cwd, sizeof(cwd));
    o->bundle = cwd_bundle;
  }
  return 0;
}

int options_parse(struct options *o, int argc, char **argv, struct mon_error *err) {
  memset(o, 0, sizeof(*o));
  o->log_size_max = -1;
  const char **lists = calloc((size_t)(argc + 1) * 4, sizeof(char *));
  if (lists == NULL)
    return mon_fail(err, errno, "option parsing failed");
  o->exit_args.items = lists;
  o->runtime_args.items = lists + argc + 1;
  o->runtime_opts.items = lists + 2 * (argc + 1);

  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, ":b:c:P:p:u:n:r:eistl:0:", long_options, NULL)) != -1) {
    if (c == '?')
      return mon_fail(err, 0, "option parsing failed: Unknown option %s", argv[optind - 1]);
    if (c == ':')
      return mon_fail(err, 0, "option parsing failed: Missing argument for %s", argv[optind - 1]);
    if (parse_one(o, c, optarg, err) < 0)
      return -1;
  }
  /* Positional words are ignored, as GOption leaves them: callers pass "--api-version 1". */
  if (o->version)
    return 0;
  return validate(o, err);
}
