// Builds the container and volume engines from the store paths and the Sys: the part of the composition
// root that belongs to containers (create-engine.ts calls it once).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOST_NETWORK_LOCK_DIR, type StoreLayout, type StorePaths } from '../../config/paths.js';
import { BlobStore } from '../../image/blob-store.js';
import { ImageStore } from '../../image/image-store.js';
import { findConmon, findExecutable, findPortForwarder } from '../../runtime/conmon-args.js';
import { nodeConfigFiles } from '../../config/registries-conf-loader.js';
import { loadStorageOptions } from '../../config/storage-options.js';
import type { OciIdMapping } from '../../runtime/oci-spec.js';
import { Locks } from '../../state/lock.js';
import { LayerStore } from '../../storage/layer-store.js';
import { procProcessTable } from '../../sys/process-table.js';
import type { Sys } from '../../sys/sys.js';
import type { EngineOptions, ImageEngine } from '../engine.js';
import { LocalVolumeEngine } from '../volumes/volume-engine.js';
import { VolumeStore } from '../volumes/volume-store.js';
import type { ContainerDeps } from './container-deps.js';
import type { ContainerEventSink } from './container-events.js';
import { LocalContainerEngine } from './container-engine.js';
import { ContainerStore } from './container-store.js';
import { fsHelperRunner } from '../fs-helper.js';
import { networkAttacher } from '../networks/network-attacher.js';
import { defaultNetworkRecord, NetworkStore } from '../networks/network-store.js';
import { SharedNetns } from '../networks/shared-netns.js';
import { imageAccess } from './image-access.js';
import { containerRuntime } from './runtime-adapter.js';

function hostNofileHard(): number {
  const m = /^Max open files\s+\S+\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  return m && /^\d+$/.test(m[1]!) ? Number(m[1]) : 1_048_576;
}

function parseIdMap(text: string): OciIdMapping[] {
  return text.trim().split('\n').filter(Boolean).map((l) => {
    const [containerID = 0, hostID = 0, size = 0] = l.trim().split(/\s+/).map(Number);
    return { containerID, hostID, size };
  });
}

/** The global flags that conmon's exit command repeats, so cleanup sees the same store. */
export function selfCommand(options: EngineOptions, paths: StorePaths): string[] {
  const base = options.selfCommand ?? [process.execPath, process.argv[1] ?? 'tsmoby'];
  const flags = ['--root', paths.root, '--runroot', paths.runroot];
  if (options.runtime) flags.push('--runtime', options.runtime);
  if (options.conmon) flags.push('--conmon', options.conmon);
  for (const opt of options.storageOpt ?? []) flags.push('--storage-opt', opt);
  return [...base, ...flags];
}

export interface ContainerWiring {
  containers: LocalContainerEngine;
  networks: NetworkStore;
  sharedNetns: SharedNetns;
  volumes: LocalVolumeEngine;
  deps: ContainerDeps;
}

export function wireContainers(
  options: EngineOptions, paths: StorePaths, layout: StoreLayout, sys: Sys, images: () => ImageEngine, events: ContainerEventSink,
): ContainerWiring {
  const locks = new Locks(layout.locks);
  const namespace = () => sys.ensureNamespace();
  const fsOps: ContainerDeps['fsOps'] = async (ops, o = {}) => {
    const join = await namespace();
    return sys.fsOps(ops, { ...o, ...(join !== undefined ? { join } : {}) });
  };
  let storageOptions: ReturnType<typeof loadStorageOptions> | undefined;
  const mountProgram = async () => (await (storageOptions ??= loadStorageOptions({
    cliOpts: options.storageOpt ?? [],
    ...(paths.rootless ? { userConfigDir: paths.userConfigDir } : {}),
    systemConfigDir: paths.systemConfigDir,
  }, nodeConfigFiles))).mountProgram;
  const layers = new LayerStore({ layersDir: layout.layers, locks, sys, namespace });
  const volumeStore = new VolumeStore(layout.volumes, locks);
  const store = new ContainerStore(layout, locks);
  let conmonPath: string | undefined;
  let runtime: ReturnType<typeof containerRuntime> | undefined;
  const lazyRuntime = () => (runtime ??= containerRuntime({
    sys, conmonPath: (conmonPath ??= findConmon(options.conmon)), runtime: options.runtime ?? 'runc', runroot: paths.runroot,
  }));
  let volumes: LocalVolumeEngine;
  // Root's default network is a bridge on the host (DESIGN §7); rootless has none and uses slirp4netns.
  const networks = new NetworkStore(layout.networks, locks, paths.rootless ? undefined : defaultNetworkRecord);
  const sharedNetns = new SharedNetns({
    sys, namespace, fsOps: (ops) => fsOps(ops), locks, hostLocks: new Locks(HOST_NETWORK_LOCK_DIR), processes: procProcessTable,
    dir: join(paths.runroot, 'netns'),
  });
  const network = networkAttacher({
    sys, namespace, processes: procProcessTable, containers: store, portForwarder: findPortForwarder(),
    socketDir: join(paths.runroot, 'netns'), networks, shared: sharedNetns, hostsPath: (id) => store.paths(id).hosts,
  });
  const deps: ContainerDeps = {
    store,
    volumes: volumeStore,
    removeVolume: (name) => volumes.removeOne(name, false),
    images: imageAccess(new ImageStore(layout.images, (n, fn) => locks.withLock(n, fn)), new BlobStore(paths.root), images),
    runtime: {
      create: (r) => lazyRuntime().create(r),
      start: (id) => lazyRuntime().start(id),
      kill: (id, s, o) => lazyRuntime().kill(id, s, o),
      delete: (id) => lazyRuntime().delete(id),
      attach: (p, id, s, o) => lazyRuntime().attach(p, id, s, o),
      readLog: (p, o) => lazyRuntime().readLog(p, o),
      exec: (r, h) => lazyRuntime().exec(r, h),
      ps: (id) => lazyRuntime().ps(id),
      resize: (dir, size) => lazyRuntime().resize(dir, size),
    },
    network,
    fsOps,
    runInNamespace: async (argv) => {
      const join = await namespace();
      return sys.run({ argv, ...(join !== undefined ? { join } : {}) });
    },
    mountProgram,
    fuseOverlayFallback: () => findExecutable('fuse-overlayfs'),
    containerFs: fsHelperRunner(sys, namespace),
    layerDiffPath: (chainId) => layers.diffPath(chainId),
    layersDir: layout.layers,
    processes: procProcessTable,
    rootless: paths.rootless,
    cgroupV2: existsSync('/sys/fs/cgroup/cgroup.controllers'),
    selfCommand: selfCommand(options, paths),
    hostNofileHard: hostNofileHard(),
    runtimeGidMappings: async () => {
      const pid = await namespace();
      return pid === undefined ? undefined : parseIdMap(readFileSync(`/proc/${pid}/gid_map`, 'utf8'));
    },
    now: () => new Date(),
    events,
  };
  const containers = new LocalContainerEngine(deps);
  volumes = new LocalVolumeEngine({
    store: volumeStore,
    containersUsing: async (name) => (await store.list())
      .filter((r) => r.config.mounts.some((m) => m.type === 'volume' && m.source === name)).map((r) => r.config.id),
    removeContainers: async (ids) => {
      const reports = await containers.remove(ids, { force: true });
      const failed = reports.find((r) => r.error);
      if (failed?.error) throw failed.error;
    },
    fsOps: (ops) => fsOps(ops),
    events,
  });
  return { containers, volumes, deps, networks, sharedNetns };
}
