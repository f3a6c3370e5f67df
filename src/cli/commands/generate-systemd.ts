// `tsmoby generate systemd --api [--install]`: the socket + service user units that start the API on demand.
// The texts come from api/; writing them is the engine's (cli/ does no fs).
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError, NotImplementedError } from '../../errors/tsmoby-error.js';
import type { CliContext } from '../cli-context.js';
import { parseSeconds } from './system.js';

interface GenerateFlags { api?: boolean; install?: boolean; time: string }

export function register(program: Command, ctx: CliContext): void {
  const generate = program.command('generate').description('Generate structured data such as systemd units');
  generate
    .command('systemd')
    .description('Generate systemd user units (--api: the socket-activated API service)')
    .argument('[container]', 'a container to generate a unit for')
    .option('--api', 'generate tsmoby.socket and tsmoby.service for the Docker-compatible API')
    .option('--install', 'write the units into the user systemd directory instead of printing them')
    .option('-t, --time <seconds>', 'idle seconds before the API service exits', '5')
    .action(async (container: string | undefined, flags: GenerateFlags) => {
      if (!flags.api) {
        if (container === undefined) throw new InvalidArgumentError('generate systemd needs --api or a container name');
        throw new NotImplementedError(`generating a unit for container "${container}" is not supported yet`);
      }
      const { systemdApiUnits } = await import('../../api/index.js');
      // The running entry point (bin/tsmoby), absolute: node makes argv[1] absolute, resolve() guards the rest.
      const units = systemdApiUnits({ nodePath: process.execPath, tsmobyPath: resolve(process.argv[1] ?? 'tsmoby'), idleSeconds: parseSeconds(flags.time) });
      if (!flags.install) {
        for (const unit of units) ctx.out(`# ${unit.name}\n${unit.text}\n`);
        return;
      }
      const engine = await ctx.engine();
      for (const path of await engine.system.installSystemdUnits(units)) ctx.out(`${path}\n`);
      ctx.err('enable with: systemctl --user daemon-reload && systemctl --user enable --now tsmoby.socket\n');
    });
}
