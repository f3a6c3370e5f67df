// ContainerDeps for unit tests: a real ContainerStore on a temporary directory, and fakes for everything
// that would touch the kernel or spawn (runtime, network, fs ops, process table) that record their calls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { resolveStorePaths, storeLayout } from '../../src/config/paths.js';
import { defaultContainerSettings, type ContainerConfig } from '../../src/engine/containers/container-config.js';
import type { ContainerDeps } from '../../src/engine/containers/container-deps.js';
import { initialState, type ContainerRecord, type ContainerState } from '../../src/engine/containers/container-record.js';
import { silentEvents } from '../../src/engine/containers/container-events.js';
import { ContainerStore } from '../../src/engine/containers/container-store.js';
import { VolumeStore } from '../../src/engine/volumes/volume-store.js';
import { Locks } from '../../src/state/lock.js';

export interface FakeContainerWorld {
  deps: ContainerDeps;
  /** pid -> start time; a pid missing here is dead. */
  alive: Map<number, string>;
  calls: string[];
  /** Makes the next runtime.create fail with this error. */
  failCreate?: Error;
  dispose(): void;
}

export function fakeContainerWorld(): FakeContainerWorld {
  const dir = mkdtempSync(join(tmpdir(), 'tsmoby-unit-'));
  const paths = resolveStorePaths({ root: join(dir, 'root'), runroot: join(dir, 'run'), uid: 1000, env: { HOME: dir } });
  const layout = storeLayout(paths);
  const locks = new Locks(layout.locks);
  const alive = new Map<number, string>();
  const calls: string[] = [];
  let nextPid = 1000;
  const world: FakeContainerWorld = { deps: undefined as unknown as ContainerDeps, alive, calls, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  world.deps = {
    store: new ContainerStore(layout, locks),
    volumes: new VolumeStore(layout.volumes, locks),
    removeVolume: async (name) => { calls.push(`removeVolume ${name}`); },
    images: { lookup: async () => undefined, pull: async () => undefined },
    runtime: {
      create: async ({ record }) => {
        calls.push(`create ${record.config.name}`);
        if (world.failCreate) throw world.failCreate;
        const pid = nextPid++;
        alive.set(pid, `start-${pid}`);
        return { pid };
      },
      start: async (id) => { calls.push(`start ${id.slice(0, 4)}`); },
      kill: async (id, signal) => { calls.push(`kill ${id.slice(0, 4)} ${signal}`); },
      delete: async (id) => { calls.push(`delete ${id.slice(0, 4)}`); },
      attach: async () => undefined,
      readLog: () => Readable.from([]),
      exec: async () => { calls.push('exec'); return { pid: nextPid++, exitCode: Promise.resolve(0) }; },
      ps: async () => [...alive.keys()],
      resize: async () => { calls.push('resize'); },
    },
    network: {
      prepare: async () => ({
        etc: { hosts: '', resolvConf: '', hostname: '' },
        conmonFds: [],
        attach: async () => ({ helpers: [], ports: [], endpoints: {} }),
        abort: async () => undefined,
      }),
      detach: async () => { calls.push('detach'); },
    },
    fsOps: async (ops) => {
      for (const op of ops) calls.push(`fs ${op.op}`);
      return ops.map(() => ({ ok: true }));
    },
    runInNamespace: async (argv) => {
      calls.push(`run ${argv[0]}`);
      return { exitCode: 0, signal: null, stdout: '', stderr: '' };
    },
    mountProgram: async () => undefined,
    fuseOverlayFallback: () => undefined,
    containerFs: async () => { throw new Error('containerFs not faked'); },
    layerDiffPath: (chainId) => join(layout.layers, chainId, 'diff'),
    layersDir: layout.layers,
    processes: { startTime: (pid) => alive.get(pid) },
    rootless: true,
    cgroupV2: false,
    selfCommand: ['tsmoby'],
    hostNofileHard: 1024,
    runtimeGidMappings: async () => undefined,
    now: () => new Date('2024-05-01T10:00:00Z'),
    events: silentEvents,
  };
  return world;
}

/** A record as create would write it, with config and state overrides. */
export function fakeRecord(id: string, name: string, config: Partial<ContainerConfig> = {}, state: Partial<ContainerState> = {}): ContainerRecord {
  return {
    config: {
      ...defaultContainerSettings(), id, name, image: { id: 'a'.repeat(64), name: 'docker.io/library/alpine:latest' },
      created: '2024-05-01T09:00:00Z', ...config,
    },
    imageConfig: { Cmd: ['sh'], Env: ['PATH=/bin'] },
    layers: ['c'.repeat(64)],
    anonymousVolumes: [],
    command: ['sh'],
    env: ['PATH=/bin'],
    state: { ...initialState(), ...state },
  };
}
