// The OCI process an exec session runs: the container's own process (rlimits, no-new-privileges, user,
// capabilities) with the session's command, environment, working directory, user and terminal. Pure.
import type { OciProcess } from '../../runtime/oci-spec.js';
import type { ExecCreateOptions } from '../engine.js';
import { capabilitiesFor, mergeEnv } from '../spec-builder.js';
import type { ContainerRecord } from './container-record.js';
import type { ResolvedUser } from './resolve-user.js';

/** `user` is the resolved -u of the session; undefined keeps the container's user. */
export function execProcess(
  containerProcess: OciProcess,
  record: ContainerRecord,
  options: ExecCreateOptions,
  user: ResolvedUser | undefined,
): OciProcess {
  const processUser = user
    ? { uid: user.uid, gid: user.gid, ...(user.additionalGids.length > 0 ? { additionalGids: user.additionalGids } : {}) }
    : containerProcess.user;
  const privileged = record.config.privileged || options.privileged === true;
  const env = mergeEnv(record.env, options.tty ? ['TERM=xterm'] : [], options.env ?? []);
  if (user && !(options.env ?? []).some((e) => e.startsWith('HOME='))) {
    const at = env.findIndex((e) => e.startsWith('HOME='));
    if (at >= 0) env[at] = `HOME=${user.home}`;
  }
  const { terminal: _t, ...rest } = containerProcess;
  return {
    ...rest,
    ...(options.tty ? { terminal: true } : {}),
    user: { ...processUser, ...(containerProcess.user.umask !== undefined ? { umask: containerProcess.user.umask } : {}) },
    args: options.command,
    env,
    cwd: options.workingDir || containerProcess.cwd,
    capabilities: capabilitiesFor({ ...record.config, privileged }, processUser.uid),
  };
}
