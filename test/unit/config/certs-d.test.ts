import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { certsDirs, loadRegistryTls } from '../../../src/config/certs-d.js';

describe('certs.d', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('searches the user dir, then /etc/containers, then /etc/docker', () => {
    expect(certsDirs('/home/u/.config/containers')).toEqual([
      '/home/u/.config/containers/certs.d', '/etc/containers/certs.d', '/etc/docker/certs.d',
    ]);
  });

  it('loads CAs and a client pair from the first directory that has the host:port', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tsmoby-certs-'));
    const root = dir;
    const first = join(root, 'a', 'reg.example:5000');
    const second = join(root, 'b', 'reg.example:5000');
    await mkdir(first, { recursive: true });
    await mkdir(second, { recursive: true });
    await writeFile(join(first, 'ca.crt'), 'CA1');
    await writeFile(join(first, 'client.cert'), 'CERT');
    await writeFile(join(first, 'client.key'), 'KEY');
    await writeFile(join(second, 'ca.crt'), 'CA2');
    const tls = await loadRegistryTls('reg.example:5000', [join(root, 'none'), join(root, 'a'), join(root, 'b')]);
    expect(tls.ca.map(String)).toEqual(['CA1']);
    expect(String(tls.cert)).toBe('CERT');
    expect(String(tls.key)).toBe('KEY');
    expect((await loadRegistryTls('other:1', [join(root, 'a')])).ca).toEqual([]);
    await writeFile(join(second, 'lonely.cert'), 'C');
    await expect(loadRegistryTls('reg.example:5000', [join(root, 'b')])).rejects.toThrow('has no matching key lonely.key');
  });
});
