// COPY/ADD --chown and --chmod values, parsed after expansion. Names stay names: they are resolved against
// the image's /etc/passwd and /etc/group when the step runs, not here.
import { InvalidArgumentError } from '../errors/index.js';

export interface ChownSpec {
  /** A uid ("1000") or a user name. */
  user: string;
  /** A gid or a group name; absent means "the user's primary group" (or the same number for a uid). */
  group?: string;
}

export function parseChown(value: string): ChownSpec {
  const parts = value.split(':');
  if (parts.length > 2 || parts[0] === '' || parts[1] === '') {
    throw new InvalidArgumentError(`invalid --chown value "${value}": expected user[:group]`);
  }
  return parts.length === 2 ? { user: parts[0]!, group: parts[1]! } : { user: parts[0]! };
}

/** An octal mode ("0755", "644"); symbolic modes are not accepted. */
export function parseChmod(value: string): number {
  if (!/^[0-7]{1,4}$/.test(value)) {
    throw new InvalidArgumentError(`invalid --chmod value "${value}": expected an octal mode such as 0644`);
  }
  return parseInt(value, 8);
}
