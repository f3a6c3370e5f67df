// docs/api.md is generated from the router's route list; this test fails when the committed copy is stale.
// Regenerate with: UPDATE_API_DOC=1 npx vitest run test/unit/api/api-doc.test.ts
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_VERSION, MIN_API_VERSION, apiRouteTable } from '../../../src/api/index.js';

const DOC = resolve(__dirname, '../../../docs/api.md');

function renderApiDoc(): string {
  const routes = apiRouteTable();
  const served = routes.filter((r) => r.implemented).length;
  const rows = routes.map((r) => `| ${r.method} | \`${r.path}\` | ${r.implemented ? 'implemented' : `501: ${r.note ?? 'not implemented'}`} |`);
  return [
    '# Docker Engine API compatibility',
    '',
    '<!-- Generated from src/api/routes by test/unit/api/api-doc.test.ts; UPDATE_API_DOC=1 regenerates it. -->',
    '',
    `\`tsmoby system service\` answers API versions ${MIN_API_VERSION} to ${API_VERSION}, with or without the \`/vX.Y\` path prefix.`,
    'Any other path answers `404 {"message":"page not found"}`. Routes marked 501 answer `{"message": ...}` saying why.',
    `${served} of ${routes.length} routes are implemented.`,
    '',
    '| Method | Path | Status |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

describe('docs/api.md', () => {
  it('matches the router', () => {
    const expected = renderApiDoc();
    if (process.env.UPDATE_API_DOC) writeFileSync(DOC, expected);
    expect(existsSync(DOC) ? readFileSync(DOC, 'utf8') : '(missing)').toBe(expected);
  });
});
