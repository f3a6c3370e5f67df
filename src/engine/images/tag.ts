// `tag` / `untag`: names of local images. A new name is qualified as Podman does (`myapp` becomes
// localhost/myapp:latest, `user/app` docker.io/user/app:latest) and moves away from any other image.
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';
import { DEFAULT_TAG, formatReference, parseReference, qualifyReference } from '../../image/reference.js';
import type { ImageContext } from './image-context.js';
import { findImage, matchingName } from './find-image.js';

export function qualifyLocalName(input: string): string {
  const parsed = parseReference(input);
  if (parsed.digest !== undefined) throw new InvalidArgumentError(`tag by digest is not supported: "${input}"`);
  const domain = parsed.domain ?? (parsed.path.includes('/') ? 'docker.io' : 'localhost');
  return formatReference(qualifyReference({ ...parsed, tag: parsed.tag ?? DEFAULT_TAG }, domain));
}

export async function tagImage(ctx: ImageContext, source: string, target: string): Promise<void> {
  const record = await findImage(ctx, source);
  await ctx.images.addNames(record.id, [qualifyLocalName(target)]);
}

export async function untagImage(ctx: ImageContext, name: string, targets: string[]): Promise<void> {
  const record = await findImage(ctx, name);
  if (targets.length === 0) {
    await ctx.images.removeNames(record.id, record.names);
    return;
  }
  const names = targets.map((t) => {
    const found = matchingName(record, t);
    if (!found) throw new InvalidArgumentError(`${t}: tag not known for image ${record.id.slice(0, 12)}`);
    return found;
  });
  await ctx.images.removeNames(record.id, names);
}
