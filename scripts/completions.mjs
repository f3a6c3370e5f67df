// Regenerates completions/tsmoby.{bash,zsh,fish} from the built CLI's command tree (`npm run completions`);
// test/unit/cli/completions-fresh.test.ts fails when the committed files are stale.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
mkdirSync(new URL('completions', root), { recursive: true });
for (const shell of ['bash', 'zsh', 'fish']) {
  const text = execFileSync(process.execPath, [new URL('bin/tsmoby', root).pathname, 'completion', shell], { encoding: 'utf8' });
  writeFileSync(new URL(`completions/tsmoby.${shell}`, root), text);
}
