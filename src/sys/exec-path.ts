// Where execve looks for argv[0]: the caller resolves PATH (policy), the addon just tries each candidate.
import { join } from 'node:path';

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** argv[0] as is when it has a slash, else one candidate per PATH entry (an empty entry means the cwd). */
export function execCandidates(argv0: string, pathEnv: string | undefined): string[] {
  if (argv0.includes('/')) return [argv0];
  const dirs = (pathEnv === undefined || pathEnv === '' ? DEFAULT_PATH : pathEnv).split(':');
  return dirs.map((dir) => join(dir === '' ? '.' : dir, argv0));
}
