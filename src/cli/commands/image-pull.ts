// `tsmoby pull` / `image pull`: fetch an image and print its id; progress on stderr as podman draws it.
import { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { renderProgress } from '../render/progress.js';

interface PullFlags { quiet?: boolean; platform?: string; arch?: string; os?: string; tlsVerify?: boolean; creds?: string; certDir?: string }

export function pullCommand(ctx: CliContext, name = 'pull'): Command {
  return new Command(name)
    .description('Pull an image from a registry')
    .argument('<image>', 'image reference, e.g. alpine or registry.example.com/app:1.0')
    .option('-q, --quiet', 'suppress output information when pulling images')
    .option('--platform <os/arch[/variant]>', 'choose a particular platform from a multi-platform image')
    .option('--arch <arch>', 'use ARCH instead of the architecture of the machine')
    .option('--os <os>', 'use OS instead of the running OS')
    .option('--tls-verify [bool]', 'require HTTPS and verify certificates', parseBool)
    .option('--creds <user:password>', 'credentials to use for this pull')
    .option('--cert-dir <dir>', 'use the certificates (*.crt, *.cert, *.key) in this directory for the registry')
    .action(async (image: string, flags: PullFlags) => {
      const engine = await ctx.engine();
      const events = engine.images.pull(image, {
        platform: platformOf(flags),
        tlsVerify: flags.tlsVerify,
        credentials: parseCreds(flags.creds),
        certDir: flags.certDir,
      });
      await renderProgress(events, ctx.io, { quiet: flags.quiet === true });
    });
}

export function parseBool(value: string | undefined): boolean {
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`invalid boolean value "${value}"`);
}

function platformOf(flags: PullFlags): string | undefined {
  if (flags.platform) return flags.platform;
  if (!flags.arch && !flags.os) return undefined;
  return `${flags.os ?? 'linux'}/${flags.arch ?? (process.arch === 'x64' ? 'amd64' : process.arch)}`;
}

export function parseCreds(creds: string | undefined): { username: string; password: string } | undefined {
  if (creds === undefined) return undefined;
  const i = creds.indexOf(':');
  return i < 0 ? { username: creds, password: '' } : { username: creds.slice(0, i), password: creds.slice(i + 1) };
}
