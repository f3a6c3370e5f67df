// The version string, inlined at bundle time from package.json so `--version` reads no file.
import pkg from '../../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
