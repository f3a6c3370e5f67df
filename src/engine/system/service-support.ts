// What `system service` needs from the host: a socket path ready to bind, systemd user units written where
// systemd looks for them, and sd_notify (Node has no unix datagram sockets, so systemd-notify sends it).
import { connect } from 'node:net';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { homedir } from 'node:os';
import { execa } from 'execa';
import { ConflictError } from '../../errors/tsmoby-error.js';
import { atomicWrite } from '../../util/atomic-write.js';
import type { SystemdUnitFile } from '../engine.js';

export async function prepareServiceSocket(path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const st = await stat(path).catch(() => undefined);
  if (!st) return;
  if (await answers(path)) throw new ConflictError(`a service is already listening on ${path}`);
  await rm(path, { force: true });
}

function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(path);
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

export async function installSystemdUnits(units: SystemdUnitFile[], env: NodeJS.ProcessEnv): Promise<string[]> {
  const configHome = env.XDG_CONFIG_HOME || join(env.HOME ?? homedir(), '.config');
  const dir = join(configHome, 'systemd', 'user');
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const unit of units) {
    const path = join(dir, unit.name);
    await atomicWrite(path, unit.text, 0o644);
    written.push(path);
  }
  return written;
}

export async function notify(state: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (!env.NOTIFY_SOCKET) return;
  await execa('systemd-notify', [`--pid=${process.pid}`, state], { reject: false, env: { NOTIFY_SOCKET: env.NOTIFY_SOCKET } });
}
