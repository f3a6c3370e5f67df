// `build`: the context (a directory, a tar unpacked into a temp directory, or none for a bare Dockerfile
// given in its place), the Dockerfile read from it, then the builder from build/ run over the engine's BuildBackend. Tags and the image event come last.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { Builder } from '../../build/builder.js';
import { NotFoundError, isSystemError } from '../../errors/index.js';
import { applyLayer } from '../../storage/apply.js';
import type { ContainerDeps } from '../containers/container-deps.js';
import type { ImageBuildOptions, ImageBuildReport } from '../engine.js';
import { createBuildBackend } from './build-backend.js';
import { sniffBuildInput } from './build-stdin.js';
import type { ImageContext } from './image-context.js';

export async function buildImage(ctx: ImageContext, containers: ContainerDeps, options: ImageBuildOptions): Promise<ImageBuildReport> {
  let contextDir: string;
  let temp: string | undefined;
  let given: string | undefined;
  if ('dir' in options.context) contextDir = options.context.dir;
  else {
    const tmpRoot = join(ctx.paths.root, 'tmp');
    await mkdir(tmpRoot, { recursive: true, mode: 0o700 });
    temp = join(tmpRoot, `build-context-${randomBytes(6).toString('hex')}`);
    const input = await sniffBuildInput(options.context.tar);
    // A context is plain files: unpacked as the user, the ownership operations are not needed.
    if (input.kind === 'archive') await applyLayer(input.chunks, temp, { rootless: true });
    else {
      await mkdir(temp, { mode: 0o700 });
      given = input.text;
    }
    contextDir = temp;
  }
  try {
    const file = options.dockerfile ?? 'Dockerfile';
    const path = isAbsolute(file) ? file : join(contextDir, file);
    const dockerfile = given ?? await readFile(path, 'utf8').catch((err: unknown) => {
      if (isSystemError(err, 'ENOENT')) throw new NotFoundError(`the Dockerfile (${file}) cannot be found in the build context`, { cause: err });
      throw err;
    });
    const builder = new Builder(createBuildBackend(ctx, containers), {
      contextDir, dockerfile, tags: options.tags ?? [], buildArgs: options.buildArgs ?? {}, labels: options.labels ?? {},
      noCache: options.noCache ?? false, pull: options.pull ?? false, network: options.network ?? 'default',
      onEvent: options.onEvent ?? (() => undefined),
      ...(options.target !== undefined ? { target: options.target } : {}), ...(options.signal ? { signal: options.signal } : {}),
    });
    const result = await builder.build();
    if (options.iidfile !== undefined) await writeFile(options.iidfile, `sha256:${result.imageId}`);
    await ctx.events.emit('image', 'build', result.imageId, { name: result.names[0] ?? result.imageId });
    return result;
  } finally {
    if (temp !== undefined) await rm(temp, { recursive: true, force: true }).catch(() => undefined);
  }
}
