// Pure parsers for build and commit flags: repeated KEY=VALUE options (--build-arg, --label) into a record.
import { InvalidArgumentError } from '../../errors/index.js';

/** `--build-arg K=V` (and `--build-arg K`, taking K from the environment, as docker does). */
export function parseKeyValues(values: readonly string[], flag: string, env: NodeJS.ProcessEnv = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    const key = eq < 0 ? v : v.slice(0, eq);
    if (key === '') throw new InvalidArgumentError(`invalid ${flag} "${v}": expected KEY=VALUE`);
    if (eq >= 0) out[key] = v.slice(eq + 1);
    else if (env[key] !== undefined) out[key] = env[key]!;
  }
  return out;
}

