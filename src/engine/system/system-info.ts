// `info` / GET /info: what this engine is and holds, read from the host and the store without entering
// the user namespace.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { cpus, hostname, release, totalmem } from 'node:os';
import type { StorePaths } from '../../config/paths.js';
import type { RegistriesConf } from '../../config/registries-conf.js';
import type { SystemInfo } from '../engine.js';

export interface InfoSources {
  paths: StorePaths;
  serverVersion: string;
  runtimeName: string;
  imageCount(): Promise<number>;
  containerCounts(): Promise<SystemInfo['containers']>;
  registriesConf(): Promise<RegistriesConf>;
}

export async function systemInfo(s: InfoSources): Promise<SystemInfo> {
  const [images, containers, conf, osName, cgroupVersion] = await Promise.all([
    s.imageCount(), s.containerCounts(), s.registriesConf(), operatingSystem(), detectCgroupVersion(),
  ]);
  return {
    id: createHash('sha256').update(s.paths.root).digest('hex').slice(0, 36),
    hostname: hostname(),
    serverVersion: s.serverVersion,
    containers,
    images,
    driver: 'overlay',
    operatingSystem: osName,
    osType: 'linux',
    kernelVersion: release(),
    architecture: process.arch === 'x64' ? 'x86_64' : process.arch === 'arm64' ? 'aarch64' : process.arch,
    ncpu: cpus().length,
    memTotal: totalmem(),
    rootless: s.paths.rootless,
    cgroupVersion,
    cgroupDriver: 'cgroupfs',
    storageRoot: s.paths.root,
    runRoot: s.paths.runroot,
    runtimeName: s.runtimeName,
    searchRegistries: conf.unqualifiedSearchRegistries ?? ['docker.io'],
    insecureRegistries: conf.registries.filter((r) => r.insecure).map((r) => r.location),
  };
}

async function operatingSystem(): Promise<string> {
  const text = await readFile('/etc/os-release', 'utf8').catch(() => '');
  return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(text)?.[1] ?? 'Linux';
}

/** cgroup2 mounted at /sys/fs/cgroup means v2; anything else (v1 or hybrid) reads as v1, as Docker reports it. */
async function detectCgroupVersion(): Promise<'1' | '2'> {
  const mounts = await readFile('/proc/self/mounts', 'utf8').catch(() => '');
  return /^\S+ \/sys\/fs\/cgroup cgroup2 /m.test(mounts) ? '2' : '1';
}
