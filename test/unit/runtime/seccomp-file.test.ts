import { describe, expect, it } from 'vitest';
import { seccompFromFile } from '../../../src/runtime/seccomp-file.js';

const ctx = { capabilities: ['CAP_CHOWN'], arch: 'x64' };

describe('seccompFromFile', () => {
  it('takes an OCI-form profile as it is', () => {
    const text = JSON.stringify({
      defaultAction: 'SCMP_ACT_ALLOW', defaultErrnoRet: 1, architectures: ['SCMP_ARCH_X86_64'],
      syscalls: [{ names: ['mkdir'], action: 'SCMP_ACT_ERRNO', errnoRet: 13, args: [{ index: 1, value: 0, op: 'SCMP_CMP_EQ' }] }],
    });
    expect(seccompFromFile(text, '/p.json', ctx)).toEqual({
      defaultAction: 'SCMP_ACT_ALLOW', defaultErrnoRet: 1, architectures: ['SCMP_ARCH_X86_64'],
      syscalls: [{ names: ['mkdir'], action: 'SCMP_ACT_ERRNO', errnoRet: 13, args: [{ index: 1, value: 0, op: 'SCMP_CMP_EQ' }] }],
    });
  });

  it('reads Docker\'s form: archMap for this machine, rules kept to held capabilities and this architecture', () => {
    const text = JSON.stringify({
      defaultAction: 'SCMP_ACT_ERRNO',
      archMap: [
        { architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'] },
        { architecture: 'SCMP_ARCH_AARCH64', subArchitectures: ['SCMP_ARCH_ARM'] },
      ],
      syscalls: [
        { names: ['read'], action: 'SCMP_ACT_ALLOW' },
        { name: 'chown', action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_CHOWN'] } },
        { names: ['mount'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_ADMIN'] } },
        { names: ['arch_prctl'], action: 'SCMP_ACT_ALLOW', includes: { arches: ['amd64'] } },
        { names: ['set_tls'], action: 'SCMP_ACT_ALLOW', includes: { arches: ['arm64'] } },
        { names: ['clone'], action: 'SCMP_ACT_ALLOW', excludes: { caps: ['CAP_CHOWN'] } },
      ],
    });
    const p = seccompFromFile(text, '/p.json', ctx);
    expect(p.architectures).toEqual(['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32']);
    expect(p.syscalls?.map((r) => r.names[0])).toEqual(['read', 'chown', 'arch_prctl']);
  });

  it('says which file is broken and how', () => {
    expect(() => seccompFromFile('{"defaultAction": ', '/etc/p.json', ctx)).toThrow(/seccomp profile \/etc\/p.json is not valid JSON/);
    expect(() => seccompFromFile('[]', '/p.json', ctx)).toThrow('seccomp profile /p.json: not a JSON object');
    expect(() => seccompFromFile('{}', '/p.json', ctx)).toThrow('seccomp profile /p.json: no "defaultAction"');
    expect(() => seccompFromFile('{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"action":"SCMP_ACT_ALLOW"}]}', '/p.json', ctx))
      .toThrow('seccomp profile /p.json: syscalls[0] has no "names"');
    expect(() => seccompFromFile('{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["x"],"action":"SCMP_ACT_ALLOW","args":[{"index":0}]}]}', '/p.json', ctx))
      .toThrow(/syscalls\[0\]\.args\[0\] needs a numeric "index" and "value"/);
  });
});
