// `container inspect` and the top-level `inspect`, which looks for a container first and then an image
// (as `podman inspect`), unless --type says which.
import { Command } from 'commander';
import { InvalidArgumentError, NotFoundError } from '../../errors/index.js';
import type { Engine } from '../../engine/engine.js';
import type { CliContext } from '../cli-context.js';
import { renderInspect } from '../render/list-output.js';

type InspectType = 'container' | 'image' | 'all';

async function inspectOne(engine: Engine, name: string, type: InspectType): Promise<unknown> {
  if (type !== 'image') {
    try {
      return await engine.containers.inspect(name);
    } catch (err) {
      if (!(err instanceof NotFoundError) || type === 'container') throw err;
    }
  }
  try {
    return await engine.images.inspect(name);
  } catch (err) {
    if (err instanceof NotFoundError && type === 'all') throw new NotFoundError(`no such object: "${name}"`);
    throw err;
  }
}

export function inspectCommand(ctx: CliContext, name = 'inspect', fixedType?: InspectType): Command {
  const cmd = new Command(name).description(fixedType === 'container' ? 'Display the configuration of a container' : 'Display the configuration of objects')
    .argument('<name...>').option('-f, --format <template>', 'format the output with a Go template');
  if (!fixedType) cmd.option('-t, --type <type>', 'which kind of object: container, image or all', 'all');
  return cmd.action(async (names: string[], f: { format?: string; type?: string }) => {
    const type = (fixedType ?? f.type ?? 'all') as InspectType;
    if (!['container', 'image', 'all'].includes(type)) throw new InvalidArgumentError(`invalid --type "${type}": container, image or all`);
    const engine = await ctx.engine();
    const docs: unknown[] = [];
    let firstError: unknown;
    for (const n of names) {
      try {
        docs.push(await inspectOne(engine, n, type));
      } catch (err) {
        firstError ??= err;
        ctx.err(`Error: ${(err as Error).message}\n`);
      }
    }
    ctx.out(renderInspect(docs, f.format));
    if (firstError) ctx.setExitCode(125);
  });
}
