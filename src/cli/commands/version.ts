// `tsmoby version`: client version information, as `podman version` prints it.
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { VERSION } from '../../util/version.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('version')
    .description('Display the tsmoby version information')
    .option('-f, --format <template>', 'format the output with a Go template ({{json .}} or {{.Client.Version}})')
    .action((opts: { format?: string }) => {
      const osArch = `linux/${process.arch === 'x64' ? 'amd64' : process.arch}`;
      const info = { Client: { Version: VERSION, APIVersion: '1.44', NodeVersion: process.version, OsArch: osArch } };
      if (opts.format === '{{json .}}') ctx.out(JSON.stringify(info) + '\n');
      else if (opts.format === '{{.Client.Version}}' || opts.format === '{{.Version}}') ctx.out(`${VERSION}\n`);
      else ctx.out(`Client:\nVersion:      ${VERSION}\nAPI Version:  1.44\nNode Version: ${process.version}\nOS/Arch:      ${osArch}\n`);
    });
}
