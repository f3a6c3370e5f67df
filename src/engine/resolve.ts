// Finds one item by what a user typed: a full id, a unique id prefix, or a name (Docker's and Podman's
// rule: an exact name wins over an id prefix only when the input is not a full id).
import { ConflictError, NotFoundError } from '../errors/tsmoby-error.js';

export interface Resolvable {
  id: string;
}

export function resolveByIdOrName<T extends Resolvable>(
  items: readonly T[],
  input: string,
  what: string,
  nameMatches: (item: T) => boolean,
): T {
  const bare = input.replace(/^sha256:/, '');
  const exact = items.find((i) => i.id === bare);
  if (exact) return exact;
  const named = items.filter(nameMatches);
  if (named.length === 1) return named[0]!;
  if (/^[0-9a-f]+$/.test(bare)) {
    const prefixed = items.filter((i) => i.id.startsWith(bare));
    if (prefixed.length === 1) return prefixed[0]!;
    if (prefixed.length > 1) throw new ConflictError(`${what} ID prefix "${input}" is ambiguous: it matches ${prefixed.length} ${what}s`);
  }
  if (named.length > 1) throw new ConflictError(`${what} name "${input}" is ambiguous`);
  throw new NotFoundError(`no such ${what}: ${input}`);
}
