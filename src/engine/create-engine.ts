// The one composition root: wires paths, the Sys and its user namespace, locks, the blob, layer and image
// stores and the configuration lookups into an Engine. Nothing is read or started here; every piece does
// its work on first use, so that cheap commands stay cheap.
import { homedir } from 'node:os';
import type { Engine, EngineOptions } from './engine.js';
import { certsDirs } from '../config/certs-d.js';
import { resolveStorePaths, storeLayout } from '../config/paths.js';
import type { RegistriesConf } from '../config/registries-conf.js';
import { loadRegistriesConf } from '../config/registries-conf-loader.js';
import { BlobStore } from '../image/blob-store.js';
import { ImageStore } from '../image/image-store.js';
import { Locks } from '../state/lock.js';
import { LayerStore } from '../storage/layer-store.js';
import { LinuxSys } from '../sys/linux-sys.js';
import type { ImageContext } from './images/image-context.js';
import { createImageEngine } from './images/image-engine.js';
import { removeAllContainers, resetStore } from './system/reset.js';
import { wireContainers } from './containers/container-wiring.js';
import { LocalNetworkEngine } from './networks/network-engine.js';
import { DEFAULT_NETWORK } from '../network/host-bridge.js';
import type { LocalContainerEngine } from './containers/container-engine.js';
import { EngineEvents } from './system/engine-events.js';
import { systemInfo } from './system/system-info.js';
import { diskUsage } from './system/disk-usage.js';
import { VERSION } from '../util/version.js';

export interface EngineEnvironment {
  env?: NodeJS.ProcessEnv;
  uid?: number;
  warn?: (message: string) => void;
}

export async function createEngine(options: EngineOptions, environment: EngineEnvironment = {}): Promise<Engine> {
  const env = environment.env ?? process.env;
  const warn = environment.warn ?? ((message: string) => process.stderr.write(`WARN[0000] ${message}\n`));
  const paths = resolveStorePaths({ root: options.root, runroot: options.runroot, env, uid: environment.uid });
  const layout = storeLayout(paths);
  const sys = new LinuxSys({ runroot: paths.runroot, rootless: paths.rootless, uid: paths.uid, warn });
  const locks = new Locks(layout.locks);
  let conf: Promise<RegistriesConf> | undefined;
  // The image engine asks which containers use an image (rmi refuses those); the container engine needs
  // the image engine to pull: one is created after the other and reached lazily.
  let containers: LocalContainerEngine;
  const ctx: ImageContext = {
    paths,
    layout,
    sys,
    locks,
    blobs: new BlobStore(paths.root),
    layers: new LayerStore({ layersDir: layout.layers, locks, sys, namespace: () => sys.ensureNamespace() }),
    images: new ImageStore(layout.images, (name, fn) => locks.withLock(name, fn)),
    registriesConf: () => (conf ??= loadRegistriesConf({
      // Podman's order: the flag, then CONTAINERS_REGISTRIES_CONF, then the user's file, then the system's.
      explicitPath: options.registriesConf ?? (env.CONTAINERS_REGISTRIES_CONF || undefined),
      userConfigDir: paths.rootless ? paths.userConfigDir : undefined,
      systemConfigDir: paths.systemConfigDir,
    }).then((loaded) => loaded.conf)),
    authEnv: { env, uid: paths.uid, home: env.HOME ?? homedir() },
    certsDirs: certsDirs(paths.rootless ? paths.userConfigDir : undefined, paths.systemConfigDir),
    containersUsing: async (imageId: string) => (await containers.usingImage(imageId)).length,
    warn,
    events: new EngineEvents(layout.eventLog),
  };
  let wired: ReturnType<typeof wireContainers>;
  const images = createImageEngine(ctx, () => wired.deps);
  wired = wireContainers(options, paths, layout, sys, () => images, ctx.events);
  containers = wired.containers;
  const volumes = wired.volumes;
  const networks = new LocalNetworkEngine({
    networks: wired.networks, containers: wired.deps.store, shared: wired.sharedNetns, now: () => new Date(),
    processes: wired.deps.processes, hostsPath: (id) => wired.deps.store.paths(id).hosts,
    runningContainers: () => wired.containers.list(),
    removeContainers: async (ids) => {
      const failed = (await wired.containers.remove(ids, { force: true })).find((r) => r.error);
      if (failed?.error) throw failed.error;
    },
  });
  return {
    images,
    containers,
    volumes,
    networks,
    system: {
      // No store lock: the locks live inside the store being removed.
      reset: async () => {
        await removeAllContainers(containers).catch(() => undefined);
        // Root's default bridge and tsmoby's iptables chains go too, unless another store still uses them.
        if (!paths.rootless) await wired.sharedNetns.withHostLock(() => wired.sharedNetns.removeHostBridge(DEFAULT_NETWORK));
        await resetStore(paths, sys);
      },
      info: () => systemInfo({
        paths, serverVersion: VERSION, runtimeName: options.runtime ?? 'runc',
        imageCount: async () => (await ctx.images.list()).length,
        containerCounts: async () => {
          const all = await containers.list({ all: true });
          const running = all.filter((c) => c.status === 'running').length;
          return { total: all.length, running, paused: 0, stopped: all.length - running };
        },
        registriesConf: ctx.registriesConf,
      }),
      events: (o) => ctx.events.stream(o),
      df: () => diskUsage({
        images: () => images.list({ all: true }),
        layerSizes: async () => (await ctx.layers.list()).map((l) => l.size),
        containers: async () => [],
        volumes: async () => [],
      }),
      // service-support pulls in execa (a quarter of the engine bundle): loaded only by `system service`.
      prepareServiceSocket: async (path) => (await import('./system/service-support.js')).prepareServiceSocket(path),
      installSystemdUnits: async (units) => (await import('./system/service-support.js')).installSystemdUnits(units, env),
      notify: async (state) => (await import('./system/service-support.js')).notify(state, env),
    },
  };
}
