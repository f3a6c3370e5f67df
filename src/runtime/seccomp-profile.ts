// The default seccomp profile, as the OCI `linux.seccomp` object runc loads, shaped by the capabilities the
// container holds. An allowlist (anything not named fails with EPERM), as Docker's and Podman's defaults
// are: it fails closed, so a syscall a new kernel adds stays out of reach until it is reviewed here.
import type { OciSeccomp } from './oci-spec.js';
import { ALLOWED_SYSCALLS, CAPABILITY_SYSCALLS } from './seccomp-syscalls.js';

type SeccompRule = NonNullable<OciSeccomp['syscalls']>[number];

export const EPERM = 1;
export const ENOSYS = 38;

/**
 * The namespace flags of clone(2): CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER,
 * CLONE_NEWPID and CLONE_NEWNET. CLONE_NEWTIME (0x80) is left out: in clone(2) that bit belongs to the exit
 * signal, and only clone3 and unshare accept it.
 */
export const CLONE_NAMESPACE_FLAGS = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000;

/**
 * personality(2) values that change no security-relevant behaviour: PER_LINUX, PER_LINUX32, UNAME26,
 * PER_LINUX32|UNAME26, and 0xffffffff, which only queries. Others (READ_IMPLIES_EXEC, ADDR_NO_RANDOMIZE)
 * would weaken the process's memory protections.
 */
export const SAFE_PERSONALITIES: readonly number[] = [0x0, 0x8, 0x20000, 0x20008, 0xffffffff];

/** AF_VSOCK: talks to the hypervisor or the host over virtio, around the container's network namespace. */
export const AF_VSOCK = 40;

/** The seccomp architectures of a Node architecture name: the native one and the compat ABIs it runs. */
export function seccompArchitectures(arch: string): string[] {
  switch (arch) {
    case 'x64': return ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'];
    case 'ia32': return ['SCMP_ARCH_X86'];
    case 'arm64': return ['SCMP_ARCH_AARCH64', 'SCMP_ARCH_ARM'];
    case 'arm': return ['SCMP_ARCH_ARM'];
    // Anything else: runc adds the native architecture by itself.
    default: return [];
  }
}

export interface DefaultSeccompOptions {
  /** The container's bounding capability set (`CAP_SYS_ADMIN`, ...): what the process could ever hold. */
  capabilities: readonly string[];
  /** Node's name for the architecture (`process.arch`). */
  arch: string;
}

function allow(names: readonly string[], args?: SeccompRule['args']): SeccompRule {
  return args ? { names: [...names], action: 'SCMP_ACT_ALLOW', args } : { names: [...names], action: 'SCMP_ACT_ALLOW' };
}

/** clone, clone3 and personality: allowed only in their safe forms unless CAP_SYS_ADMIN is held. */
function argumentRules(sysAdmin: boolean): SeccompRule[] {
  const rules: SeccompRule[] = [];
  if (sysAdmin) {
    rules.push(allow(['clone', 'clone3']));
  } else {
    // flags & NAMESPACE_FLAGS == 0. The flags are the first argument on every architecture listed above.
    rules.push(allow(['clone'], [{ index: 0, value: CLONE_NAMESPACE_FLAGS, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }]));
    // clone3 passes its flags in memory, where seccomp cannot look: ENOSYS makes libc fall back to clone.
    rules.push({ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS });
  }
  for (const value of SAFE_PERSONALITIES) rules.push(allow(['personality'], [{ index: 0, value, op: 'SCMP_CMP_EQ' }]));
  rules.push(allow(['socket'], [{ index: 0, value: AF_VSOCK, op: 'SCMP_CMP_NE' }]));
  return rules;
}

/** The profile every container gets unless it is privileged or asked for another one. */
export function defaultSeccompProfile(options: DefaultSeccompOptions): OciSeccomp {
  const held = new Set(options.capabilities);
  const granted = Object.entries(CAPABILITY_SYSCALLS)
    .filter(([cap]) => held.has(cap))
    .flatMap(([, names]) => names);
  const syscalls: SeccompRule[] = [allow(ALLOWED_SYSCALLS)];
  if (granted.length > 0) syscalls.push(allow(granted));
  syscalls.push(...argumentRules(held.has('CAP_SYS_ADMIN')));
  return {
    defaultAction: 'SCMP_ACT_ERRNO',
    defaultErrnoRet: EPERM,
    architectures: seccompArchitectures(options.arch),
    syscalls,
  };
}
