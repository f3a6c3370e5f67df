// Rootless extraction end to end: layers extracted as an unprivileged user, their ops run in a user namespace
// holding the user's subordinate ids, mounted with native overlay (userxattr).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { chown, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild } from '../unit/state/child-bundle.js';

const USER = 'tsmoby-test';
const hasPodman = existsSync('/usr/bin/podman');
const subuid = readFileSync('/etc/subuid', 'utf8').split('\n').find((l) => l.startsWith(`${USER}:`));
const ready = process.getuid?.() === 0 && hasPodman && subuid !== undefined;

describe.skipIf(!ready)(`rootless layers (needs root to switch to ${USER}, podman unshare, subordinate ids)`, () => {
  let work: string;
  let facts: Record<string, unknown>;

  beforeAll(async () => {
    const uid = Number(execFileSync('id', ['-u', USER]).toString().trim());
    work = await mkdtemp(join(tmpdir(), 'tsmoby-rootless-'));
    await chown(work, uid, uid);
    const script = bundleChild(join(__dirname, 'storage-rootless-child.ts'));
    chmodSync(dirname(script), 0o755);
    const xdg = `/tmp/xdg-${uid}`;
    execFileSync('install', ['-d', '-m', '0700', '-o', String(uid), xdg]);
    const out = execFileSync(
      'runuser',
      ['-u', USER, '--', 'env', `HOME=/home/${USER}`, `XDG_RUNTIME_DIR=${xdg}`,
        'podman', 'unshare', process.execPath, script, work],
      { timeout: 60_000, cwd: '/' },
    );
    facts = JSON.parse(out.toString());
  });

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('shows image ownership, set-id bits and whiteouts inside the namespace', () => {
    expect(facts).toMatchObject({
      etc: [],
      cache: ['new'],
      home: [1000, 1000, 0o750],
      profile: [1000, 1000],
      su: 0o4755,
      dev: [],
    });
    expect(facts.warnings).toEqual([expect.stringContaining('skipped device node "dev/null"')]);
  });

  it('stores files owned by the matching subordinate ids on the host', async () => {
    const start = Number(subuid!.split(':')[1]);
    const st = await stat(join(work, 'layers/l0/home/user/.profile'));
    expect([st.uid, st.gid]).toEqual([start + 999, start + 999]);
  });
});
