// Platforms as OCI names them (os/arch[/variant]): the --platform flag, this host's platform, and picking
// one manifest out of an index, with an error that lists what the index does offer.
import { InvalidArgumentError, NotFoundError } from '../errors/index.js';
import type { Descriptor, ImageIndex } from './manifest.js';

export interface PlatformSpec {
  os: string;
  architecture: string;
  variant?: string;
}

const NODE_TO_OCI_ARCH: Record<string, string> = {
  x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64',
  loong64: 'loong64', mips: 'mips', mipsel: 'mipsle',
};

/** This machine as an image platform: linux/amd64 on x64, linux/arm64 on arm64, linux/arm/v7 on armv7. */
export function hostPlatform(arch: string = process.arch, armVersion?: string): PlatformSpec {
  const architecture = NODE_TO_OCI_ARCH[arch] ?? arch;
  if (architecture !== 'arm') return { os: 'linux', architecture };
  const v = armVersion ?? String((process.config.variables as Record<string, unknown>).arm_version ?? '7');
  return { os: 'linux', architecture, variant: `v${v}` };
}

/** Names Docker accepts for architectures, folded to the OCI spelling. */
function normalizeArch(arch: string, variant: string | undefined): { architecture: string; variant?: string } {
  const a = arch.toLowerCase();
  if (a === 'x86_64' || a === 'x86-64') return { architecture: 'amd64' };
  if (a === 'aarch64' || a === 'arm64') return variant === undefined || variant === 'v8' || variant === '8' ? { architecture: 'arm64' } : { architecture: 'arm64', variant };
  if (a === 'armhf') return { architecture: 'arm', variant: 'v7' };
  if (a === 'armel') return { architecture: 'arm', variant: 'v6' };
  return variant === undefined ? { architecture: a } : { architecture: a, variant: variant.startsWith('v') ? variant : `v${variant}` };
}

/** Parses `--platform linux/arm64/v8`, `linux/amd64`, or a bare `arm64` (linux assumed). */
export function parsePlatform(input: string): PlatformSpec {
  const parts = input.trim().split('/');
  if (parts.some((p) => p === '') || parts.length > 3) {
    throw new InvalidArgumentError(`invalid platform "${input}": expected os/arch[/variant]`);
  }
  const [os, arch, variant] = parts.length === 1 ? ['linux', parts[0]!, undefined] : [parts[0]!.toLowerCase(), parts[1]!, parts[2]];
  return { os, ...normalizeArch(arch, variant) };
}

export function formatPlatform(p: { os: string; architecture: string; variant?: string }): string {
  return [p.os, p.architecture, p.variant].filter((s) => s).join('/');
}

function matches(want: PlatformSpec, d: Descriptor): boolean {
  if (!d.platform) return false;
  const have = { os: d.platform.os, ...normalizeArch(d.platform.architecture, d.platform.variant || undefined) };
  if (have.os !== want.os || have.architecture !== want.architecture) return false;
  return want.variant === undefined || have.variant === undefined || want.variant === have.variant;
}

/**
 * The descriptor for `want` in an index. An exact variant beats an unspecified one; attestation entries
 * (platform unknown/unknown) never match.
 */
export function choosePlatform(index: ImageIndex, want: PlatformSpec = hostPlatform()): Descriptor {
  const wanted = { os: want.os, ...normalizeArch(want.architecture, want.variant) };
  const candidates = index.manifests.filter((d) => matches(wanted, d));
  const exact = candidates.find((d) => normalizeArch(d.platform!.architecture, d.platform!.variant || undefined).variant === wanted.variant);
  const chosen = exact ?? candidates[0];
  if (chosen) return chosen;
  const available = index.manifests
    .filter((d) => d.platform && d.platform.os !== 'unknown')
    .map((d) => formatPlatform(d.platform!));
  throw new NotFoundError(
    `no image found in manifest list for platform ${formatPlatform(wanted)}; available: ${available.join(', ') || 'none'}`,
  );
}
