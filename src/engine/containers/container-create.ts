// `create`: resolve (or pull) the image, make the container's directories and volumes, resolve the user
// from the image's own account files, write the OCI spec, and record the container as `created`.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { InvalidArgumentError, NotFoundError, UnavailableError } from '../../errors/index.js';
import { atomicWriteJson } from '../../util/atomic-write.js';
import type { ContainerCreateOptions, ContainerCreateReport } from '../engine.js';
import { buildSpec, commandLine, imageVolumeTargets } from '../spec-builder.js';
import type { ContainerConfig, ContainerSettings } from './container-config.js';
import { emitContainerEvent } from './container-events.js';
import { DEFAULT_NETWORK } from '../../network/host-bridge.js';
import { findInitBinary } from '../../runtime/init-binary.js';
import type { ContainerDeps, ContainerImage } from './container-deps.js';
import { initialState, type ContainerRecord } from './container-record.js';
import { resolveGroupAdd, resolveUser } from './resolve-user.js';
import { accountFiles } from './rootfs.js';

/** Rootless runc can only apply limits through a delegated cgroup v2 subtree; say so before anything runs. */
export function checkResourceLimits(settings: ContainerSettings, deps: Pick<ContainerDeps, 'rootless' | 'cgroupV2'>): void {
  if (!deps.rootless || deps.cgroupV2) return;
  const flags = [settings.memoryBytes !== undefined ? '--memory' : '', settings.nanoCpus !== undefined ? '--cpus' : ''].filter(Boolean);
  if (flags.length > 0) {
    throw new UnavailableError(
      `${flags.join(' and ')} cannot be applied rootless on this host: resource limits need cgroup v2 with delegated controllers, and this host uses cgroup v1`,
    );
  }
}

export async function findOrPullImage(deps: ContainerDeps, name: string, settings: ContainerSettings, options: ContainerCreateOptions): Promise<ContainerImage> {
  const policy = settings.pullPolicy;
  let image = policy === 'always' ? undefined : await deps.images.lookup(name);
  if (image === undefined) {
    if (policy === 'never') throw new NotFoundError(`${name}: image not known`);
    await deps.images.pull(name, options.onPullProgress, options.signal);
    image = await deps.images.lookup(name);
    if (image === undefined) throw new NotFoundError(`${name}: image not known after pulling it`);
  }
  return image;
}

/** Docker makes the short id an alias on every user-defined network (docker-compose checks for it). */
function withShortIdAlias(config: ContainerConfig, shortId: string): ContainerConfig['networks'] {
  const wanted = config.networks ?? (config.network.mode === 'network' ? { [config.network.network]: { aliases: [] } } : undefined);
  if (wanted === undefined) return undefined;
  return Object.fromEntries(Object.entries(wanted).map(([name, e]) =>
    [name, { ...e, aliases: e.aliases.includes(shortId) ? e.aliases : [...e.aliases, shortId] }]));
}

export async function createContainer(
  deps: ContainerDeps,
  imageName: string,
  settings: ContainerSettings,
  options: ContainerCreateOptions = {},
): Promise<ContainerCreateReport> {
  checkResourceLimits(settings, deps);
  const image = await findOrPullImage(deps, imageName, settings, options);
  const command = commandLine(settings, image.config);
  const diffDirs = [...image.layers].reverse().map((c) => deps.layerDiffPath(c));
  const [files, gidMappings, seccompProfileText] = await Promise.all([
    accountFiles(diffDirs), deps.runtimeGidMappings(), readSeccompProfile(settings),
  ]);
  const user = resolveUser(settings.user ?? image.config.User, files);
  user.additionalGids = [...new Set([...user.additionalGids, ...resolveGroupAdd(settings.groupAdd, files)])];
  const record = await deps.store.createRecord(options.name, async (id, name) => {
    const config: ContainerConfig = {
      ...settings, id, name, image: { id: image.id, name: image.name }, created: deps.now().toISOString(),
    };
    // Root's default is the host bridge network; rootless gets slirp4netns (DESIGN §7).
    if (config.network.mode === 'default') {
      config.network = deps.rootless ? { mode: 'slirp4netns', options: [] } : { mode: 'network', network: DEFAULT_NETWORK.name };
    }
    config.networks = withShortIdAlias(config, id.slice(0, 12));
    const anonymous: string[] = [];
    const volumePaths = await prepareVolumes(deps, config, image, anonymous);
    const paths = deps.store.paths(id);
    // The container's own directory first, so that its mode is 0700 whichever of its children comes first.
    await mkdir(paths.dir, { recursive: true, mode: 0o700 });
    await Promise.all([
      ...[paths.bundle, paths.work, paths.merged, paths.run].map((dir) => mkdir(dir, { recursive: true, mode: 0o700 })),
      // The upper dir's root is the container's `/`: overlay shows its mode, and a non-root user needs to search it.
      mkdir(paths.upper, { recursive: true, mode: 0o755 }),
    ]);
    const spec = buildSpec({
      config, image: image.config, rootfs: paths.merged, user, rootless: deps.rootless,
      ...(gidMappings ? { runtimeGidMappings: gidMappings } : {}),
      volumePaths, hostNofileHard: deps.hostNofileHard,
      ...(seccompProfileText !== undefined ? { seccompProfileText } : {}),
      ...(config.init ? { initBinary: findInitBinary() } : {}),
      generatedFiles: config.network.mode === 'host' ? {} : { hosts: paths.hosts, resolvConf: paths.resolvConf, hostname: paths.hostname },
    });
    await atomicWriteJson(paths.spec, spec, 0o600);
    const rec: ContainerRecord = {
      config, imageConfig: image.config, layers: image.layers, anonymousVolumes: anonymous, command,
      env: spec.process.env ?? [], state: initialState(),
    };
    return rec;
  }, (prepared) => discardPrepared(deps, prepared));
  await emitContainerEvent(deps.events, record, 'create');
  return { id: record.config.id, name: record.config.name, warnings: [] };
}

/** A create that lost its name to a concurrent one: its directories and anonymous volumes go again. */
async function discardPrepared(deps: ContainerDeps, prepared: ContainerRecord): Promise<void> {
  const paths = deps.store.paths(prepared.config.id);
  await Promise.all([rm(paths.dir, { recursive: true, force: true }), rm(paths.run, { recursive: true, force: true })]);
  for (const name of prepared.anonymousVolumes) await deps.removeVolume(name).catch(() => undefined);
}

/**
 * The --security-opt seccomp=FILE profile, read as the user who runs tsmoby (runc never sees the path).
 * The docker CLI sends the file's content instead of its path, so a value that is JSON is the profile.
 */
async function readSeccompProfile(settings: ContainerSettings): Promise<string | undefined> {
  if (settings.seccomp.mode !== 'profile' || settings.privileged) return undefined;
  const { path } = settings.seccomp;
  if (path.trimStart().startsWith('{')) return path;
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NotFoundError(`opening seccomp profile failed: ${path}: no such file`, { cause: err });
    throw new InvalidArgumentError(`opening seccomp profile failed: ${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** Named volumes are created when missing (as Docker does); anonymous ones get a fresh name each. */
async function prepareVolumes(deps: ContainerDeps, config: ContainerConfig, image: ContainerImage, anonymous: string[]): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  for (const m of config.mounts) {
    if (m.type !== 'volume') continue;
    if (m.source !== undefined && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(m.source)) {
      throw new InvalidArgumentError(`invalid volume name "${m.source}"`);
    }
    const v = await deps.volumes.create(m.source, { ignoreExisting: true });
    if (m.source === undefined) anonymous.push(v.name);
    m.source = v.name;
    paths.set(m.target, deps.volumes.dataPath(v.name));
  }
  for (const target of imageVolumeTargets(config, image.config)) {
    const v = await deps.volumes.create(undefined);
    anonymous.push(v.name);
    config.mounts.push({ type: 'volume', source: v.name, target, readOnly: false });
    paths.set(target, deps.volumes.dataPath(v.name));
  }
  return paths;
}
