// Tar entry names as layer-relative paths: the first line of defence against writing outside a layer.
import { InvalidArgumentError } from '../errors/index.js';

/** Splits a tar entry name into components; '' is the layer root. Absolute names and `..` are refused. */
export function entryComponents(name: string): string[] {
  if (name.startsWith('/')) throw new InvalidArgumentError(`refusing layer entry "${name}": absolute path`);
  if (name.includes('\0')) throw new InvalidArgumentError(`refusing layer entry "${name}": NUL in name`);
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw new InvalidArgumentError(`refusing layer entry "${name}": ".." component`);
  return parts;
}

export function relPath(parts: readonly string[]): string {
  return parts.join('/');
}

/** True when `rel` is `prefix` itself or lies below it. */
export function isAtOrBelow(rel: string, prefix: string): boolean {
  return prefix === '' || rel === prefix || rel.startsWith(`${prefix}/`);
}
