// `tsmoby build`: parse the flags, call engine.images.build, print Podman's plain `STEP N/M:` lines with the
// RUN output as it comes, and the image id last; a failing RUN makes the command exit with its status.
import { Command } from 'commander';
import { resolve } from 'node:path';
import type { BuildEvent } from '../../engine/engine.js';
import type { CliContext } from '../cli-context.js';
import { parseKeyValues } from '../options/build-flags.js';
import { collect } from '../options/collect.js';

interface BuildFlags {
  tag: string[]; file?: string; buildArg: string[]; label: string[]; target?: string; iidfile?: string;
  quiet?: boolean; cache?: boolean; pull?: boolean; network?: string; rm?: boolean; forceRm?: boolean;
}

export function formatBuildEvent(ev: BuildEvent): string {
  switch (ev.type) {
    case 'step': return `STEP ${ev.index}/${ev.total}: ${ev.text}\n`;
    case 'trigger': return `ONBUILD trigger: ${ev.text}\n`;
    case 'cached': return `--> Using cache ${ev.id.replace(/^sha256:/, '')}\n`;
    case 'done': return `--> ${ev.id.replace(/^sha256:/, '').slice(0, 12)}\n`;
    case 'output': return ev.text;
    case 'warning': return `WARN: ${ev.text}\n`;
  }
}

export function buildCommand(ctx: CliContext, name = 'build'): Command {
  return new Command(name)
    .description('Build an image from a Dockerfile')
    .argument('[context]', 'context directory, or - for a tar archive or a Dockerfile on stdin', '.')
    .option('-t, --tag <name>', 'name the resulting image (repeatable)', collect, [])
    .option('-f, --file <path>', 'Dockerfile to use (default: CONTEXT/Dockerfile)')
    .option('--build-arg <key=value>', 'build-time variable (repeatable)', collect, [])
    .option('--label <key=value>', 'label for the image (repeatable)', collect, [])
    .option('--target <stage>', 'build up to this stage')
    .option('--iidfile <file>', 'write the image id to this file')
    .option('-q, --quiet', 'print only the image id')
    .option('--no-cache', 'do not use the build cache')
    .option('--pull', 'always pull the base images')
    .option('--network <mode>', 'network for RUN: default, none, host', 'default')
    .option('--rm', 'remove intermediate containers (always done)', true)
    .option('--force-rm', 'remove intermediate containers even after a failure (always done)')
    .action(async (context: string, flags: BuildFlags) => {
      const engine = await ctx.engine();
      const quiet = flags.quiet === true;
      try {
        const report = await engine.images.build({
          context: context === '-' ? { tar: ctx.io.stdin } : { dir: resolve(context) },
          ...(flags.file !== undefined ? { dockerfile: context === '-' ? flags.file : resolve(flags.file) } : {}),
          tags: flags.tag, buildArgs: parseKeyValues(flags.buildArg, '--build-arg', process.env),
          labels: parseKeyValues(flags.label, '--label'), noCache: flags.cache === false, pull: flags.pull === true,
          network: flags.network ?? 'default', ...(flags.iidfile !== undefined ? { iidfile: resolve(flags.iidfile) } : {}),
          ...(flags.target !== undefined ? { target: flags.target } : {}),
          onEvent: (ev) => { if (!quiet || ev.type === 'warning') (ev.type === 'warning' ? ctx.err : ctx.out)(formatBuildEvent(ev)); },
        });
        if (!quiet) {
          ctx.out(`COMMIT ${flags.tag[0] ?? ''}\n`.replace(/ \n$/, '\n'));
          for (const t of report.names) ctx.out(`Successfully tagged ${t}\n`);
        }
        ctx.out(`${report.imageId}\n`);
      } catch (err) {
        const status = (err as { exitCode?: unknown }).exitCode;
        if (typeof status !== 'number') throw err;
        ctx.err(`Error: ${(err as Error).message}\n`);
        ctx.setExitCode(status);
      }
    });
}
