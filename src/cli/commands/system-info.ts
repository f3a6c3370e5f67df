// `tsmoby info` / `system info`, `events` and `system df`: the engine's view of itself.
import { Command } from 'commander';
import type { EngineEvent, SystemInfo } from '../../engine/engine.js';
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';
import type { CliContext } from '../cli-context.js';
import { collect } from '../options/collect.js';
import { compileTemplate } from '../render/go-template.js';
import { humanSize } from '../render/human-units.js';
import { renderInspect, renderList } from '../render/list-output.js';

export function infoCommand(ctx: CliContext, name = 'info'): Command {
  return new Command(name)
    .description('Display tsmoby system information')
    .option('-f, --format <template>', 'change the output format to JSON or a Go template')
    .action(async (flags: { format?: string }) => {
      const info = await (await ctx.engine()).system.info();
      if (flags.format) return ctx.out(flags.format === 'json' ? `${JSON.stringify(info, null, 4)}\n` : renderInspect([info], flags.format));
      ctx.out(infoText(info));
    });
}

function infoText(i: SystemInfo): string {
  return [
    'host:',
    `  arch: ${i.architecture}`,
    `  cgroupVersion: v${i.cgroupVersion}`,
    `  hostname: ${i.hostname}`,
    `  kernel: ${i.kernelVersion}`,
    `  memTotal: ${i.memTotal}`,
    `  cpus: ${i.ncpu}`,
    `  os: ${i.osType}`,
    `  distribution: ${i.operatingSystem}`,
    `  security:`,
    `    rootless: ${i.rootless}`,
    'registries:',
    `  search: [${i.searchRegistries.join(', ')}]`,
    'store:',
    `  graphDriverName: ${i.driver}`,
    `  graphRoot: ${i.storageRoot}`,
    `  runRoot: ${i.runRoot}`,
    `  containerStore: { number: ${i.containers.total}, running: ${i.containers.running}, stopped: ${i.containers.stopped}, paused: ${i.containers.paused} }`,
    `  imageStore: { number: ${i.images} }`,
    'version:',
    `  Version: ${i.serverVersion}`,
    `  Runtime: ${i.runtimeName}`,
    '',
  ].join('\n');
}

export function eventsCommand(ctx: CliContext): Command {
  return new Command('events')
    .description('Show engine events (follows live events unless --until is given)')
    .option('--since <time>', 'show events created since this time (RFC 3339, Unix seconds, or a duration like 10m)')
    .option('--until <time>', 'stop at this time')
    .option('-f, --filter <filter>', 'filter output (container=, image=, type=, event=, label=)', collect, [])
    .option('--format <template>', 'format the output with a Go template or json')
    .option('--stream [bool]', 'stream new events (default true)')
    .action(async (flags: { since?: string; until?: string; filter: string[]; format?: string }) => {
      const now = Date.now();
      const engine = await ctx.engine();
      const events = engine.system.events({
        since: flags.since ? parseTime(flags.since, now) : undefined,
        until: flags.until ? parseTime(flags.until, now) : undefined,
        filters: flags.filter,
      });
      const template = flags.format && flags.format !== 'json' ? compileTemplate(`${flags.format}\n`) : undefined;
      for await (const e of events) {
        ctx.out(template ? template.execute(e) : flags.format === 'json' ? `${JSON.stringify(e)}\n` : eventLine(e));
      }
    });
}

function eventLine(e: EngineEvent): string {
  const when = new Date(e.timeNano / 1_000_000).toISOString();
  const attrs = Object.entries(e.Actor.Attributes).map(([k, v]) => `${k}=${v}`).join(', ');
  return `${when} ${e.Type} ${e.Action} ${e.Actor.ID}${attrs ? ` (${attrs})` : ''}\n`;
}

export function parseTime(value: string, now: number): Date {
  const d = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value);
  if (d) return new Date(now - Number(d[1]) * { ms: 1, s: 1e3, m: 6e4, h: 3.6e6 }[d[2] as 'ms' | 's' | 'm' | 'h']);
  if (/^\d+(\.\d+)?$/.test(value)) return new Date(Number(value) * 1000);
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new InvalidArgumentError(`invalid time "${value}": use RFC 3339, Unix seconds or a duration`);
  return new Date(t);
}

export function dfCommand(ctx: CliContext): Command {
  return new Command('df')
    .description('Show tsmoby disk usage')
    .option('--format <template>', 'format the output with a Go template or json')
    .action(async (flags: { format?: string }) => {
      const du = await (await ctx.engine()).system.df();
      const rows = [
        { Type: 'Images', Total: du.images.length, Active: du.images.filter((i) => i.containers > 0).length, Size: humanSize(du.layersSize), Reclaimable: humanSize(du.images.filter((i) => i.containers === 0).reduce((a, i) => a + i.size, 0)) },
        { Type: 'Containers', Total: du.containers.length, Active: du.containers.filter((c) => c.state === 'running').length, Size: humanSize(du.containers.reduce((a, c) => a + c.sizeRw, 0)), Reclaimable: humanSize(du.containers.filter((c) => c.state !== 'running').reduce((a, c) => a + c.sizeRw, 0)) },
        { Type: 'Local Volumes', Total: du.volumes.length, Active: du.volumes.filter((v) => v.refCount > 0).length, Size: humanSize(du.volumes.reduce((a, v) => a + v.size, 0)), Reclaimable: humanSize(du.volumes.filter((v) => v.refCount === 0).reduce((a, v) => a + v.size, 0)) },
      ];
      ctx.out(renderList(rows, flags.format ?? 'table {{.Type}}\t{{.Total}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}'));
    });
}
