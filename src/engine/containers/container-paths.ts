// Where one container's files live: the persistent directory under root, the volatile one under runroot.
import { dirname, join } from 'node:path';
import type { StoreLayout } from '../../config/paths.js';

export interface ContainerPaths {
  dir: string;
  record: string;
  bundle: string;
  spec: string;
  upper: string;
  work: string;
  merged: string;
  log: string;
  /** Files bound over /etc/hosts, /etc/resolv.conf, /etc/hostname, in userdata. */
  userdata: string;
  hosts: string;
  resolvConf: string;
  hostname: string;
  /** Volatile (runroot): conmon's pid file, the runtime's pid file, the persist dir. */
  run: string;
  conmonPidFile: string;
  pidFile: string;
  /** conmon writes `<exits>/<id>`; the run dir copy survives while the runroot does. */
  exitFile: string;
  exitsDir: string;
  attachSocketDir: string;
}

export function containerPaths(layout: StoreLayout, id: string): ContainerPaths {
  const dir = layout.container(id);
  const run = layout.containerRun(id);
  const userdata = join(dir, 'userdata');
  return {
    dir,
    record: join(dir, 'record.json'),
    bundle: join(dir, 'bundle'),
    spec: join(dir, 'bundle', 'config.json'),
    upper: join(dir, 'upper'),
    work: join(dir, 'work'),
    merged: join(dir, 'merged'),
    log: join(dir, 'ctr.log'),
    userdata,
    hosts: join(userdata, 'hosts'),
    resolvConf: join(userdata, 'resolv.conf'),
    hostname: join(userdata, 'hostname'),
    run,
    conmonPidFile: join(run, 'conmon.pid'),
    pidFile: join(run, 'pidfile'),
    exitFile: containerExitFile(layout, id),
    exitsDir: layout.exits,
    attachSocketDir: join(dirname(layout.exits), 'socket'),
  };
}

/** `<exits>/<id>`, where conmon writes the exit code. */
export function containerExitFile(layout: StoreLayout, id: string): string {
  return join(layout.exits, id);
}
