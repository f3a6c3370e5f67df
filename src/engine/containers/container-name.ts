// Container names as Docker accepts them: [a-zA-Z0-9][a-zA-Z0-9_.-]*, an optional leading "/" dropped.
import { InvalidArgumentError } from '../../errors/index.js';

export function parseContainerNameForRename(name: string): string {
  const bare = name.replace(/^\//, '');
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(bare)) {
    throw new InvalidArgumentError(`invalid container name "${name}": names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*`);
  }
  return bare;
}
