// The runnable part of an image config (Docker/OCI `config` object) as a build step changes it, and the
// small operations on its Env list. Field names and shapes are the image format's.

export interface HealthConfig {
  /** ["NONE"], ["CMD", arg...] or ["CMD-SHELL", command]. */
  Test: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

export interface ImageConfig {
  User?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Volumes?: Record<string, Record<string, never>>;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
  Healthcheck?: HealthConfig;
  Shell?: string[];
  OnBuild?: string[] | null;
  ArgsEscaped?: boolean;
}

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
export const DEFAULT_SHELL: readonly string[] = ['/bin/sh', '-c'];

export function cloneConfig(config: ImageConfig): ImageConfig {
  return structuredClone(config);
}

export function getEnv(env: readonly string[] | undefined, key: string): string | undefined {
  const entry = env?.find((e) => e.slice(0, e.indexOf('=') < 0 ? e.length : e.indexOf('=')) === key);
  if (entry === undefined) return undefined;
  const eq = entry.indexOf('=');
  return eq < 0 ? '' : entry.slice(eq + 1);
}

/** Replaces KEY in place (keeping its position, as Docker does) or appends it. */
export function setEnv(env: readonly string[], key: string, value: string): string[] {
  const out = [...env];
  const i = out.findIndex((e) => e === key || e.startsWith(`${key}=`));
  if (i >= 0) out[i] = `${key}=${value}`;
  else out.push(`${key}=${value}`);
  return out;
}
