// The syscall tables behind the default seccomp profile: what any container may call, what only a holder of
// a capability may call, and what nobody may call (with the reason). Names are libseccomp's; a name the
// installed libseccomp does not know is skipped by runc, and a name missing on one architecture is simply
// not added there, which is why 32-bit and ARM-only names sit beside the x86_64 ones.

/** Allowed for every container: what ordinary programs (libc, runtimes, shells, servers) need. */
export const ALLOWED_SYSCALLS: readonly string[] = [
  // processes and threads (clone, clone3 and personality carry argument rules of their own)
  'execve', 'execveat', 'exit', 'exit_group', 'fork', 'vfork', 'wait4', 'waitid', 'waitpid',
  'getpid', 'getppid', 'gettid', 'getpgid', 'getpgrp', 'getsid', 'setpgid', 'setsid',
  'set_tid_address', 'set_robust_list', 'get_robust_list', 'rseq', 'restart_syscall', 'membarrier',
  'futex', 'futex_time64', 'futex_waitv', 'futex_wake', 'futex_wait', 'futex_requeue',
  'prctl', 'arch_prctl', 'set_thread_area', 'get_thread_area', 'seccomp', 'uname', 'olduname',
  'capget', 'capset', 'umask', 'chdir', 'fchdir', 'getcpu', 'getrandom', 'sysinfo', 'times',
  'getrlimit', 'setrlimit', 'ugetrlimit', 'prlimit64', 'getrusage', 'getpriority', 'setpriority',
  'ioprio_get', 'ioprio_set', 'pidfd_open', 'pidfd_send_signal',
  'landlock_create_ruleset', 'landlock_add_rule', 'landlock_restrict_self',
  'lsm_get_self_attr', 'lsm_set_self_attr', 'lsm_list_modules',
  'sched_yield', 'sched_getaffinity', 'sched_setaffinity', 'sched_getparam', 'sched_setparam',
  'sched_getscheduler', 'sched_setscheduler', 'sched_get_priority_max', 'sched_get_priority_min',
  'sched_rr_get_interval', 'sched_rr_get_interval_time64', 'sched_getattr', 'sched_setattr',
  // credentials: the kernel checks CAP_SETUID/CAP_SETGID itself
  'getuid', 'geteuid', 'getgid', 'getegid', 'getresuid', 'getresgid', 'getgroups',
  'getuid32', 'geteuid32', 'getgid32', 'getegid32', 'getresuid32', 'getresgid32', 'getgroups32',
  'setuid', 'setgid', 'setreuid', 'setregid', 'setresuid', 'setresgid', 'setfsuid', 'setfsgid', 'setgroups',
  'setuid32', 'setgid32', 'setreuid32', 'setregid32', 'setresuid32', 'setresgid32', 'setfsuid32',
  'setfsgid32', 'setgroups32',
  // signals
  'kill', 'tkill', 'tgkill', 'rt_sigaction', 'rt_sigprocmask', 'rt_sigreturn', 'rt_sigpending',
  'rt_sigsuspend', 'rt_sigtimedwait', 'rt_sigtimedwait_time64', 'rt_sigqueueinfo', 'rt_tgsigqueueinfo',
  'sigaltstack', 'signal', 'sigaction', 'sigprocmask', 'sigreturn', 'sigpending', 'sigsuspend',
  'signalfd', 'signalfd4', 'pause', 'alarm',
  // memory
  'brk', 'mmap', 'mmap2', 'munmap', 'mprotect', 'mremap', 'msync', 'mincore', 'madvise', 'mlock', 'mlock2',
  'munlock', 'mlockall', 'munlockall', 'remap_file_pages', 'get_mempolicy', 'memfd_create', 'memfd_secret',
  'pkey_alloc', 'pkey_free', 'pkey_mprotect', 'map_shadow_stack', 'mseal', 'cachestat',
  // files and directories (permission checks stay the kernel's; CAP_MKNOD decides device nodes)
  'open', 'openat', 'openat2', 'creat', 'close', 'close_range', 'read', 'write', 'readv', 'writev',
  'pread64', 'pwrite64', 'preadv', 'pwritev', 'preadv2', 'pwritev2', 'lseek', '_llseek',
  'dup', 'dup2', 'dup3', 'fcntl', 'fcntl64', 'flock', 'fsync', 'fdatasync', 'sync', 'syncfs',
  'sync_file_range', 'sync_file_range2', 'arm_sync_file_range', 'truncate', 'truncate64', 'ftruncate',
  'ftruncate64', 'fallocate', 'fadvise64', 'fadvise64_64', 'arm_fadvise64_64', 'readahead',
  'access', 'faccessat', 'faccessat2', 'stat', 'stat64', 'lstat', 'lstat64', 'fstat', 'fstat64',
  'newfstatat', 'fstatat64', 'statx', 'statfs', 'statfs64', 'fstatfs', 'fstatfs64',
  'getdents', 'getdents64', 'getcwd', 'mkdir', 'mkdirat', 'rmdir', 'rename', 'renameat', 'renameat2',
  'link', 'linkat', 'unlink', 'unlinkat', 'symlink', 'symlinkat', 'readlink', 'readlinkat',
  'chmod', 'fchmod', 'fchmodat', 'fchmodat2', 'chown', 'fchown', 'lchown', 'fchownat',
  'chown32', 'fchown32', 'lchown32', 'utime', 'utimes', 'futimesat', 'utimensat', 'utimensat_time64',
  'mknod', 'mknodat', 'name_to_handle_at', 'copy_file_range', 'sendfile', 'sendfile64', 'splice', 'tee',
  'vmsplice', 'ioctl', 'getxattr', 'lgetxattr', 'fgetxattr', 'setxattr', 'lsetxattr', 'fsetxattr',
  'listxattr', 'llistxattr', 'flistxattr', 'removexattr', 'lremovexattr', 'fremovexattr',
  'getxattrat', 'setxattrat', 'listxattrat', 'removexattrat',
  'inotify_init', 'inotify_init1', 'inotify_add_watch', 'inotify_rm_watch', 'fanotify_mark',
  // waiting, events, asynchronous I/O
  'select', '_newselect', 'pselect6', 'pselect6_time64', 'poll', 'ppoll', 'ppoll_time64',
  'epoll_create', 'epoll_create1', 'epoll_ctl', 'epoll_wait', 'epoll_pwait', 'epoll_pwait2',
  'eventfd', 'eventfd2', 'pipe', 'pipe2', 'io_setup', 'io_destroy', 'io_submit', 'io_cancel',
  'io_getevents', 'io_pgetevents', 'io_pgetevents_time64',
  // time (reading and sleeping; setting the clock needs CAP_SYS_TIME below)
  'clock_gettime', 'clock_gettime64', 'clock_getres', 'clock_getres_time64', 'clock_nanosleep',
  'clock_nanosleep_time64', 'nanosleep', 'gettimeofday', 'time', 'getitimer', 'setitimer',
  'timer_create', 'timer_settime', 'timer_settime64', 'timer_gettime', 'timer_gettime64',
  'timer_getoverrun', 'timer_delete', 'timerfd_create', 'timerfd_settime', 'timerfd_settime64',
  'timerfd_gettime', 'timerfd_gettime64',
  // sockets (socket itself carries an argument rule); socketcall multiplexes them on 32-bit x86
  'socketpair', 'socketcall', 'bind', 'connect', 'listen', 'accept', 'accept4', 'getsockname', 'getpeername',
  'sendto', 'recvfrom', 'send', 'recv', 'sendmsg', 'recvmsg', 'sendmmsg', 'recvmmsg', 'recvmmsg_time64',
  'shutdown', 'setsockopt', 'getsockopt',
  // System V and POSIX IPC, private to the container's IPC namespace
  'shmget', 'shmat', 'shmdt', 'shmctl', 'semget', 'semop', 'semtimedop', 'semtimedop_time64', 'semctl',
  'msgget', 'msgsnd', 'msgrcv', 'msgctl', 'ipc', 'mq_open', 'mq_unlink', 'mq_timedsend',
  'mq_timedsend_time64', 'mq_timedreceive', 'mq_timedreceive_time64', 'mq_notify', 'mq_getsetattr',
  // the UTS namespace is the container's own
  'sethostname', 'setdomainname',
  // ARM's private calls (cache maintenance and TLS that its libc needs)
  'breakpoint', 'cacheflush', 'set_tls',
];

/**
 * Allowed only when the container's bounding set holds the capability. The kernel would refuse most of
 * them without it anyway; filtering them too keeps a kernel bug in their code out of reach.
 */
export const CAPABILITY_SYSCALLS: Readonly<Record<string, readonly string[]>> = {
  CAP_SYS_ADMIN: [
    'mount', 'umount', 'umount2', 'pivot_root', 'unshare', 'setns', 'fsopen', 'fsconfig', 'fsmount',
    'fspick', 'move_mount', 'open_tree', 'mount_setattr', 'statmount', 'listmount', 'quotactl',
    'quotactl_fd', 'swapon', 'swapoff', 'fanotify_init',
  ],
  CAP_SYS_CHROOT: ['chroot'],
  CAP_SYS_PTRACE: ['ptrace', 'process_vm_readv', 'process_vm_writev', 'kcmp', 'pidfd_getfd', 'process_madvise'],
  CAP_SYS_TIME: ['clock_settime', 'clock_settime64', 'settimeofday', 'stime', 'adjtimex', 'clock_adjtime', 'clock_adjtime64'],
  CAP_SYS_MODULE: ['init_module', 'finit_module', 'delete_module'],
  CAP_SYS_BOOT: ['reboot'],
  CAP_SYS_PACCT: ['acct'],
  CAP_SYS_RAWIO: ['iopl', 'ioperm'],
  CAP_SYS_NICE: ['mbind', 'set_mempolicy', 'set_mempolicy_home_node', 'migrate_pages', 'move_pages'],
  CAP_SYS_TTY_CONFIG: ['vhangup'],
  CAP_SYSLOG: ['syslog'],
};

/** Never allowed, whatever the capabilities: documented here so a test can keep them out of every rule. */
export const DENIED_SYSCALLS: Readonly<Record<string, string>> = {
  keyctl: 'the kernel keyring is not namespaced: keys would be shared with the host and other containers',
  add_key: 'the kernel keyring is not namespaced',
  request_key: 'the kernel keyring is not namespaced',
  bpf: 'loads programs into the kernel; a large attack surface with a history of verifier escapes',
  perf_event_open: 'observes other processes and the kernel; a long record of exploitable bugs',
  userfaultfd: 'lets a process stall the kernel mid-copy, the usual lever for kernel race exploits',
  kexec_load: 'replaces the running kernel',
  kexec_file_load: 'replaces the running kernel',
  open_by_handle_at: 'opens any file of a mounted filesystem by handle, escaping the container root',
  lookup_dcookie: 'resolves kernel profiling cookies to host paths',
  uselib: 'obsolete a.out loader, a known source of kernel bugs',
  vm86: 'obsolete virtual 8086 mode',
  vm86old: 'obsolete virtual 8086 mode',
  modify_ldt: 'rewrites the local descriptor table: only 16-bit code needs it, and it has had exploitable bugs',
  io_uring_setup: 'io_uring runs operations in kernel threads beyond the reach of this filter, and has had many exploitable bugs',
  io_uring_enter: 'see io_uring_setup',
  io_uring_register: 'see io_uring_setup',
  create_module: 'obsolete module interface',
  get_kernel_syms: 'obsolete module interface',
  query_module: 'obsolete module interface',
  nfsservctl: 'obsolete in-kernel NFS server control',
  _sysctl: 'obsolete binary sysctl interface',
  sysfs: 'obsolete filesystem type query',
  ustat: 'obsolete; reveals host devices',
};
