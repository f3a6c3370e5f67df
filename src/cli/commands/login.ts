// `tsmoby login` / `logout`: validate credentials against a registry and keep them in auth.json (0600).
import { Command } from 'commander';
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';
import type { CliContext } from '../cli-context.js';
import { parseBool } from './image-pull.js';

interface LoginFlags { username?: string; password?: string; passwordStdin?: boolean; tlsVerify?: boolean; certDir?: string }

export function loginCommand(ctx: CliContext): Command {
  return new Command('login')
    .description('Log in to a container registry')
    .argument('[registry]', 'registry host[:port]', 'docker.io')
    .option('-u, --username <name>', 'username')
    .option('-p, --password <password>', 'password')
    .option('--password-stdin', 'take the password from stdin')
    .option('--tls-verify [bool]', 'require HTTPS and verify certificates', parseBool)
    .option('--cert-dir <dir>', 'use the certificates (*.crt, *.cert, *.key) in this directory for the registry')
    .action(async (registry: string, flags: LoginFlags) => {
      if (flags.password !== undefined && flags.passwordStdin) {
        throw new InvalidArgumentError('--password and --password-stdin are mutually exclusive');
      }
      const password = flags.passwordStdin ? (await readAll(ctx.io.stdin)).replace(/\r?\n$/, '') : flags.password;
      if (!flags.username || password === undefined) {
        throw new InvalidArgumentError('username and password are required: use --username with --password or --password-stdin');
      }
      const engine = await ctx.engine();
      await engine.images.login(registry, { username: flags.username, password }, { tlsVerify: flags.tlsVerify, certDir: flags.certDir });
      ctx.out('Login Succeeded!\n');
    });
}

export function logoutCommand(ctx: CliContext): Command {
  return new Command('logout')
    .description('Log out of a container registry')
    .argument('[registry]', 'registry host[:port]', 'docker.io')
    .option('-a, --all', 'remove the credentials of all registries')
    .action(async (registry: string, flags: { all?: boolean }) => {
      const engine = await ctx.engine();
      await engine.images.logout(flags.all ? undefined : registry, { all: flags.all });
      ctx.out(flags.all ? 'Removed login credentials for all registries\n' : `Removed login credentials for ${registry}\n`);
    });
}

async function readAll(stream: AsyncIterable<unknown>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
