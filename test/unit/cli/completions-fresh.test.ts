// The committed completion scripts must match what the command tree generates now.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SHELLS, generateCompletion } from '../../../src/cli/completion/generate.js';
import { createProgram } from '../../../src/cli/main.js';

describe('completions/', () => {
  it.each(SHELLS)('tsmoby.%s is current (run `npm run build:js && npm run completions` after changing commands)', async (shell) => {
    const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough() };
    const { program } = await createProgram(io);
    const committed = readFileSync(resolve(__dirname, `../../../completions/tsmoby.${shell}`), 'utf8');
    expect(committed).toBe(generateCompletion(program, shell));
  });
});
