// Engine reports -> the Docker API documents of /version, /info, /system/df and /events.
import { arch, release } from 'node:os';
import type { DiskUsage, EngineEvent, ImageSummary, SystemInfo } from '../../engine/engine.js';
import { unixSeconds } from '../codec/docker-time.js';
import { familiarName } from '../codec/docker-names.js';
import { API_VERSION, MIN_API_VERSION, compareVersions } from '../router.js';

/** Go's GOARCH names, which Docker reports. */
export function goArch(nodeArch: string = arch()): string {
  return ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' } as Record<string, string>)[nodeArch] ?? nodeArch;
}

export function versionDocument(serverVersion: string): Record<string, unknown> {
  const details = { ApiVersion: API_VERSION, MinAPIVersion: MIN_API_VERSION, Os: 'linux', Arch: goArch(), KernelVersion: release() };
  return {
    Platform: { Name: `tsmoby ${serverVersion}` },
    Components: [{ Name: 'Engine', Version: serverVersion, Details: { ...details, GitCommit: '', GoVersion: process.version, Experimental: 'false' } }],
    Version: serverVersion,
    ...details,
    GitCommit: '',
    GoVersion: process.version,
    BuildTime: '',
    Experimental: false,
  };
}

export function infoDocument(info: SystemInfo): Record<string, unknown> {
  return {
    ID: info.id,
    Containers: info.containers.total,
    ContainersRunning: info.containers.running,
    ContainersPaused: info.containers.paused,
    ContainersStopped: info.containers.stopped,
    Images: info.images,
    Driver: info.driver,
    DriverStatus: [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'], ['Native Overlay Diff', 'true']],
    Plugins: { Volume: ['local'], Network: ['bridge', 'host', 'null'], Authorization: null, Log: ['k8s-file'] },
    MemoryLimit: true, SwapLimit: true, CpuCfsPeriod: true, CpuCfsQuota: true, CPUShares: true, CPUSet: true,
    PidsLimit: true, IPv4Forwarding: true, BridgeNfIptables: false, BridgeNfIp6tables: false, OomKillDisable: false,
    Debug: false, NFd: 0, NGoroutines: 0, SystemTime: new Date().toISOString(), LoggingDriver: 'k8s-file',
    CgroupDriver: info.cgroupDriver, CgroupVersion: info.cgroupVersion, NEventsListener: 0,
    KernelVersion: info.kernelVersion, OperatingSystem: info.operatingSystem, OSVersion: '', OSType: info.osType,
    Architecture: info.architecture, IndexServerAddress: 'https://index.docker.io/v1/',
    RegistryConfig: registryConfig(info),
    NCPU: info.ncpu, MemTotal: info.memTotal, GenericResources: null, DockerRootDir: info.storageRoot,
    HttpProxy: '', HttpsProxy: '', NoProxy: '', Name: info.hostname, Labels: [], ExperimentalBuild: false,
    ServerVersion: info.serverVersion, Runtimes: { [info.runtimeName]: { path: info.runtimeName } },
    DefaultRuntime: info.runtimeName, Swarm: { NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, Error: '', RemoteManagers: null },
    LiveRestoreEnabled: false, Isolation: '', InitBinary: '',
    ContainerdCommit: { ID: '', Expected: '' }, RuncCommit: { ID: '', Expected: '' }, InitCommit: { ID: '', Expected: '' },
    // As Docker reports its built-in profile: the docker CLI reads a seccomp=FILE profile itself and sends its content.
    SecurityOptions: ['name=seccomp,profile=builtin', ...(info.rootless ? ['name=rootless'] : []), 'name=cgroupns'],
    Warnings: [],
  };
}

function registryConfig(info: SystemInfo): Record<string, unknown> {
  const indexConfigs: Record<string, unknown> = {};
  for (const name of new Set(['docker.io', ...info.searchRegistries, ...info.insecureRegistries])) {
    indexConfigs[name] = { Name: name, Mirrors: [], Secure: !info.insecureRegistries.includes(name), Official: name === 'docker.io' };
  }
  return { AllowNondistributableArtifactsCIDRs: null, AllowNondistributableArtifactsHostnames: null, InsecureRegistryCIDRs: [], IndexConfigs: indexConfigs, Mirrors: null };
}

/** ImageSummary as GET /images/json and /system/df answer it. Before 1.44 untagged images said `<none>:<none>`. */
export function imageSummaryDocument(image: ImageSummary, apiVersion: string, legacyNone: boolean): Record<string, unknown> {
  const tags = image.names.map(familiarName);
  const digests = image.repoDigests.map(familiarName);
  return {
    Id: image.id.startsWith('sha256:') ? image.id : `sha256:${image.id}`,
    ParentId: '',
    RepoTags: tags.length === 0 && legacyNone ? ['<none>:<none>'] : tags,
    RepoDigests: digests.length === 0 && legacyNone ? ['<none>@<none>'] : digests,
    Created: unixSeconds(image.created),
    Size: image.size,
    SharedSize: -1,
    ...(compareVersions(apiVersion, '1.44') < 0 ? { VirtualSize: image.size } : {}),
    Labels: image.labels,
    Containers: image.containers,
  };
}

export function diskUsageDocument(usage: DiskUsage, apiVersion: string): Record<string, unknown> {
  return {
    LayersSize: usage.layersSize,
    Images: usage.images.map((i) => imageSummaryDocument(i, apiVersion, false)),
    Containers: usage.containers.map((c) => ({
      Id: c.id, Names: c.names.map((n) => `/${n}`), Image: c.image, ImageID: c.imageId, Command: c.command,
      Created: unixSeconds(c.created), State: c.state, Status: c.status, SizeRw: c.sizeRw, SizeRootFs: c.sizeRootFs,
      Labels: {}, Mounts: [], Ports: [], HostConfig: { NetworkMode: 'default' }, NetworkSettings: { Networks: {} },
    })),
    Volumes: usage.volumes.map((v) => ({
      Name: v.name, Driver: v.driver, Mountpoint: v.mountpoint, CreatedAt: v.created, Labels: v.labels, Scope: 'local',
      Options: {}, UsageData: { Size: v.size, RefCount: v.refCount },
    })),
    BuildCache: [],
  };
}

/** Docker's event plus the pre-1.22 fields (status, id, from) that docker-py and compose still read. */
export function eventDocument(event: EngineEvent): Record<string, unknown> {
  const legacy = event.Type === 'container' || event.Type === 'image'
    ? { status: event.Action, id: event.Actor.ID, ...(event.Actor.Attributes.image ? { from: event.Actor.Attributes.image } : {}) }
    : {};
  return { ...legacy, ...event };
}
