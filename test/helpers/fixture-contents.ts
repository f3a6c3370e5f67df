// What the fixture images hold, and the facts tests assert against: a busybox root standing in for alpine,
// and the layered image's files with the owners, modes, links and deletions each layer makes.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { opaqueMarker, whiteout } from './layer-tar.js';
import type { LayerEntry } from './layer-tar.js';

export const busyboxPath = '/bin/busybox';

export const alpineFacts = {
  applets: [
    'sh', 'echo', 'cat', 'id', 'ls', 'sleep', 'true', 'false', 'env', 'pwd', 'stat', 'touch', 'mkdir', 'rm', 'wc',
    'head', 'tail', 'grep', 'sed', 'awk', 'ps', 'kill', 'hostname', 'httpd', 'wget', 'nc', 'date', 'chown', 'chmod',
    'ln', 'mount', 'umount', 'top', 'stty', 'tr', 'cp', 'mv', 'printf', 'test', 'sort', 'uniq', 'cut', 'whoami',
    'uname', 'seq', 'tee', 'yes', 'xargs', 'find', 'readlink', 'du', 'df', 'dd', 'sync', 'timeout', 'nproc',
    'setsid', 'nslookup', 'ping', 'ip', 'ifconfig', 'vi', 'base64', 'sha256sum', 'md5sum', 'basename', 'dirname',
    'expr', 'mkfifo', 'which', 'usleep', 'od', 'less', 'tar', 'gzip', 'diff', 'free', 'uptime', 'nsenter', 'unshare',
  ],
  users: [
    { name: 'root', uid: 0, gid: 0, home: '/root' },
    { name: 'app', uid: 1000, gid: 1000, home: '/home/app' },
    { name: 'nobody', uid: 65534, gid: 65534, home: '/nonexistent' },
  ],
  cmd: ['/bin/sh'],
  env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
  /** /etc/os-release's ID line, to tell the fixture apart in a container. */
  osReleaseId: 'tsmoby-test',
  modes: { '/tmp': 0o1777, '/root': 0o700, '/home/app': 0o755 },
  owners: { '/home/app': { uid: 1000, gid: 1000 } },
} as const;

const passwd = alpineFacts.users
  .map((user) => `${user.name}:x:${user.uid}:${user.gid}:${user.name}:${user.home}:${user.uid === 65534 ? '/sbin/nologin' : '/bin/sh'}`)
  .join('\n');
const group = ['root:x:0:', 'wheel:x:10:root', 'app:x:1000:', 'nogroup:x:65534:'].join('\n');

let busybox: Buffer | undefined;

function busyboxBinary(): Buffer {
  if (busybox !== undefined) return busybox;
  const present = new Set(execFileSync(busyboxPath, ['--list']).toString().split('\n'));
  const missing = alpineFacts.applets.filter((applet) => !present.has(applet));
  if (missing.length > 0) throw new Error(`${busyboxPath} lacks applets: ${missing.join(', ')}`);
  busybox = readFileSync(busyboxPath);
  return busybox;
}

/** The alpine stand-in's single layer: busybox, its applet links, users, and the usual directories. */
export function alpineEntries(): LayerEntry[] {
  const dirs = ['bin', 'dev', 'etc', 'home', 'proc', 'run', 'sbin', 'sys', 'usr', 'usr/bin', 'usr/sbin',
    'usr/local', 'usr/local/bin', 'var', 'var/log'];
  return [
    ...dirs.map((path): LayerEntry => ({ type: 'dir', path })),
    { type: 'dir', path: 'home/app', mode: 0o755, uid: 1000, gid: 1000 },
    { type: 'dir', path: 'root', mode: 0o700 },
    { type: 'dir', path: 'tmp', mode: 0o1777 },
    { type: 'file', path: 'bin/busybox', content: busyboxBinary(), mode: 0o755 },
    ...alpineFacts.applets.map((applet): LayerEntry => ({ type: 'symlink', path: `bin/${applet}`, target: 'busybox' })),
    { type: 'symlink', path: 'usr/bin/env', target: '/bin/busybox' },
    { type: 'file', path: 'etc/passwd', content: `${passwd}\n` },
    { type: 'file', path: 'etc/group', content: `${group}\n` },
    { type: 'file', path: 'etc/os-release', content: `ID=${alpineFacts.osReleaseId}\nNAME="tsmoby test image"\n` },
  ];
}

export interface FileFact {
  path: string;
  type: 'file' | 'dir' | 'symlink';
  uid: number;
  gid: number;
  /** Permission bits including set-id and sticky bits (not the file type). */
  mode?: number;
  content?: string;
  target?: string;
}

export const layeredFacts = {
  present: [
    { path: '/data/keep.txt', type: 'file', uid: 0, gid: 0, mode: 0o644, content: 'keep\n' },
    { path: '/data/replaced.txt', type: 'file', uid: 0, gid: 0, mode: 0o644, content: 'version 2\n' },
    { path: '/data/opaque/new.txt', type: 'file', uid: 0, gid: 0, mode: 0o644, content: 'new\n' },
    { path: '/data/hard-target', type: 'file', uid: 0, gid: 0, mode: 0o644, content: 'hardlinked\n' },
    { path: '/data/hard-link', type: 'file', uid: 0, gid: 0, mode: 0o644, content: 'hardlinked\n' },
    { path: '/data/rel-link', type: 'symlink', uid: 0, gid: 0, target: 'keep.txt', content: 'keep\n' },
    { path: '/data/abs-link', type: 'symlink', uid: 0, gid: 0, target: '/data/keep.txt', content: 'keep\n' },
    { path: '/data/etc-link', type: 'symlink', uid: 0, gid: 0, target: '../etc' },
    { path: '/data/owned-app', type: 'file', uid: 1000, gid: 1000, mode: 0o644, content: 'app\n' },
    { path: '/data/owned-nobody', type: 'file', uid: 65534, gid: 65534, mode: 0o600, content: 'nobody\n' },
    { path: '/data/private', type: 'dir', uid: 1000, gid: 1000, mode: 0o700 },
    { path: '/data/private/secret.txt', type: 'file', uid: 1000, gid: 1000, mode: 0o600, content: 'secret\n' },
    { path: '/usr/local/bin/setuid-tool', type: 'file', uid: 0, gid: 0, mode: 0o4755, content: '#!/bin/sh\nid -u\n' },
    { path: '/etc/layered-release', type: 'file', uid: 0, gid: 0, mode: 0o644, content: 'layered 3\n' },
  ] satisfies FileFact[] as FileFact[],
  /** Paths a lower layer created and a later layer deleted (whiteouts, an opaque directory). */
  absent: ['/data/deleted.txt', '/data/gone-dir', '/data/opaque/old-a', '/data/opaque/sub'],
  /** /data/hard-link and /data/hard-target are one inode. */
  hardlinks: [['/data/hard-target', '/data/hard-link']] as const,
  layerCount: 3,
} as const;

/** Layers 2 and 3 of `layered` (layer 1 is the alpine stand-in's layer, shared). */
export function layeredEntries(): LayerEntry[][] {
  const added: LayerEntry[] = [
    { type: 'dir', path: 'data' },
    { type: 'file', path: 'data/keep.txt', content: 'keep\n' },
    { type: 'file', path: 'data/deleted.txt', content: 'deleted later\n' },
    { type: 'file', path: 'data/replaced.txt', content: 'version 1\n' },
    { type: 'dir', path: 'data/gone-dir' },
    { type: 'file', path: 'data/gone-dir/inside.txt', content: 'gone\n' },
    { type: 'dir', path: 'data/opaque' },
    { type: 'file', path: 'data/opaque/old-a', content: 'old\n' },
    { type: 'dir', path: 'data/opaque/sub' },
    { type: 'file', path: 'data/opaque/sub/old-b', content: 'old\n' },
  ];
  const changed: LayerEntry[] = [
    { type: 'dir', path: 'data' },
    whiteout('data/deleted.txt'),
    whiteout('data/gone-dir'),
    { type: 'dir', path: 'data/opaque' },
    opaqueMarker('data/opaque'),
    { type: 'file', path: 'data/opaque/new.txt', content: 'new\n' },
    { type: 'file', path: 'data/replaced.txt', content: 'version 2\n' },
    { type: 'file', path: 'data/hard-target', content: 'hardlinked\n' },
    { type: 'hardlink', path: 'data/hard-link', target: 'data/hard-target' },
    { type: 'symlink', path: 'data/rel-link', target: 'keep.txt' },
    { type: 'symlink', path: 'data/abs-link', target: '/data/keep.txt' },
    { type: 'symlink', path: 'data/etc-link', target: '../etc' },
    { type: 'file', path: 'data/owned-app', content: 'app\n', uid: 1000, gid: 1000 },
    { type: 'file', path: 'data/owned-nobody', content: 'nobody\n', mode: 0o600, uid: 65534, gid: 65534 },
    { type: 'dir', path: 'data/private', mode: 0o700, uid: 1000, gid: 1000 },
    { type: 'file', path: 'data/private/secret.txt', content: 'secret\n', mode: 0o600, uid: 1000, gid: 1000 },
    { type: 'file', path: 'usr/local/bin/setuid-tool', content: '#!/bin/sh\nid -u\n', mode: 0o4755 },
    { type: 'file', path: 'etc/layered-release', content: 'layered 3\n' },
  ];
  return [added, changed];
}
