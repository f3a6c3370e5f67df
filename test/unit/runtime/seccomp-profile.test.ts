import { describe, expect, it } from 'vitest';
import { ALL_CAPABILITIES, DEFAULT_CAPABILITIES, type OciSeccomp } from '../../../src/runtime/oci-spec.js';
import {
  AF_VSOCK, CLONE_NAMESPACE_FLAGS, defaultSeccompProfile, ENOSYS, EPERM, SAFE_PERSONALITIES,
} from '../../../src/runtime/seccomp-profile.js';
import { ALLOWED_SYSCALLS, CAPABILITY_SYSCALLS, DENIED_SYSCALLS } from '../../../src/runtime/seccomp-syscalls.js';

const profile = (capabilities: readonly string[], arch = 'x64') => defaultSeccompProfile({ capabilities, arch });
const rulesFor = (p: OciSeccomp, name: string) => (p.syscalls ?? []).filter((r) => r.names.includes(name));
/** Allowed with no condition on the arguments. */
const allowsOutright = (p: OciSeccomp, name: string) =>
  rulesFor(p, name).some((r) => r.action === 'SCMP_ACT_ALLOW' && !r.args);

describe('defaultSeccompProfile', () => {
  const plain = profile(DEFAULT_CAPABILITIES);

  it('is an allowlist: anything unnamed fails with EPERM', () => {
    expect(plain.defaultAction).toBe('SCMP_ACT_ERRNO');
    expect(plain.defaultErrnoRet).toBe(EPERM);
    for (const name of ['read', 'write', 'execve', 'openat', 'mmap', 'futex', 'connect', 'wait4']) {
      expect(allowsOutright(plain, name), name).toBe(true);
    }
  });

  it('names the native architecture and its compat ABIs', () => {
    expect(plain.architectures).toEqual(['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32']);
    expect(profile([], 'arm64').architectures).toEqual(['SCMP_ARCH_AARCH64', 'SCMP_ARCH_ARM']);
    expect(profile([], 'riscv64').architectures).toEqual([]);
  });

  it('allows each capability\'s calls only when the bounding set holds it', () => {
    const cases: Array<[string, string[]]> = [
      ['CAP_SYS_ADMIN', ['mount', 'umount2', 'unshare', 'setns', 'pivot_root']],
      ['CAP_SYS_PTRACE', ['ptrace', 'process_vm_readv', 'process_vm_writev']],
      ['CAP_SYS_TIME', ['clock_settime', 'settimeofday', 'adjtimex']],
      ['CAP_SYS_MODULE', ['init_module', 'finit_module', 'delete_module']],
      ['CAP_SYS_BOOT', ['reboot']],
      ['CAP_SYS_PACCT', ['acct']],
      ['CAP_SYS_RAWIO', ['iopl', 'ioperm']],
    ];
    for (const [cap, names] of cases) {
      const withCap = profile([...DEFAULT_CAPABILITIES, cap]);
      for (const name of names) {
        expect(rulesFor(plain, name), `${name} without ${cap}`).toEqual([]);
        expect(allowsOutright(withCap, name), `${name} with ${cap}`).toBe(true);
      }
    }
  });

  it('keeps the keyring, bpf, perf, userfaultfd, kexec and the rest out even with every capability', () => {
    const all = profile(ALL_CAPABILITIES);
    for (const name of [...Object.keys(DENIED_SYSCALLS), 'keyctl', 'add_key', 'request_key', 'bpf', 'perf_event_open',
      'userfaultfd', 'kexec_load', 'kexec_file_load', 'open_by_handle_at', 'lookup_dcookie', 'uselib', 'vm86']) {
      expect(rulesFor(all, name), name).toEqual([]);
    }
  });

  it('never lists a denied call among the allowed or capability calls', () => {
    const listed = new Set([...ALLOWED_SYSCALLS, ...Object.values(CAPABILITY_SYSCALLS).flat()]);
    expect(Object.keys(DENIED_SYSCALLS).filter((n) => listed.has(n))).toEqual([]);
    expect(listed.size).toBe(ALLOWED_SYSCALLS.length + Object.values(CAPABILITY_SYSCALLS).flat().length);
  });

  it('without CAP_SYS_ADMIN, clone only without namespace flags and clone3 fails with ENOSYS', () => {
    expect(rulesFor(plain, 'clone')).toEqual([{
      names: ['clone'], action: 'SCMP_ACT_ALLOW',
      args: [{ index: 0, value: CLONE_NAMESPACE_FLAGS, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }],
    }]);
    expect(CLONE_NAMESPACE_FLAGS).toBe(0x7e020000);
    expect(rulesFor(plain, 'clone3')).toEqual([{ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS }]);
  });

  it('with CAP_SYS_ADMIN, clone and clone3 are allowed with any flags', () => {
    const admin = profile([...DEFAULT_CAPABILITIES, 'CAP_SYS_ADMIN']);
    expect(allowsOutright(admin, 'clone')).toBe(true);
    expect(allowsOutright(admin, 'clone3')).toBe(true);
    expect(rulesFor(admin, 'clone3').some((r) => r.action !== 'SCMP_ACT_ALLOW')).toBe(false);
  });

  it('allows personality only with the safe values, and socket for every family but AF_VSOCK', () => {
    const personality = rulesFor(plain, 'personality');
    expect(personality.map((r) => r.args)).toEqual(SAFE_PERSONALITIES.map((value) => [{ index: 0, value, op: 'SCMP_CMP_EQ' }]));
    expect(SAFE_PERSONALITIES).not.toContain(0x0040000); // ADDR_NO_RANDOMIZE
    expect(rulesFor(plain, 'socket')).toEqual([{ names: ['socket'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: AF_VSOCK, op: 'SCMP_CMP_NE' }] }]);
  });

  it('names every call once in a profile, so libseccomp sees no conflicting rules', () => {
    for (const caps of [[], DEFAULT_CAPABILITIES, ALL_CAPABILITIES]) {
      const outright = (profile(caps).syscalls ?? []).filter((r) => !r.args).flatMap((r) => r.names);
      expect(new Set(outright).size).toBe(outright.length);
    }
  });
});
