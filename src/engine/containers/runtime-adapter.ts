// Fills the engine's ContainerRuntime port with the real parts: conmon (launch + sync protocol), the OCI
// runtime's verbs, conmon's attach socket and the k8s-file log reader.
import { mkdir } from 'node:fs/promises';
import { NotFoundError } from '../../errors/index.js';
import { attach, attachSocketPath, resizeTerminal } from '../../runtime/attach.js';
import { findExecutable } from '../../runtime/conmon-args.js';
import { ConmonLauncher } from '../../runtime/conmon.js';
import { readLog } from '../../runtime/log-reader.js';
import { OciRuntime } from '../../runtime/runc.js';
import type { Sys } from '../../sys/sys.js';
import type { LogLine } from '../engine.js';
import type { ContainerRuntime } from './container-deps.js';

export interface RuntimeAdapterOptions {
  sys: Sys;
  conmonPath: string;
  /** `--runtime`: a path or a name on PATH. */
  runtime: string;
  runroot: string;
}

/** The attach socket's directory name: the short id keeps `<runroot>/socket/<name>/attach` within
 *  sun_path's 108 bytes even for a long runroot (a unique 12-hex prefix, as ids are random). */
export function socketName(id: string): string {
  return id.slice(0, 12);
}

export function containerRuntime(o: RuntimeAdapterOptions): ContainerRuntime {
  const runtimePath = findExecutable(o.runtime) ?? o.runtime;
  const oci = new OciRuntime({ sys: o.sys, runtimePath, runroot: o.runroot });
  const launcher = new ConmonLauncher({ sys: o.sys, conmonPath: o.conmonPath });
  return {
    async create({ record, paths, exitCommand, inheritFds }) {
      if (findExecutable(o.runtime) === undefined) throw new NotFoundError(`OCI runtime not found: ${o.runtime}`);
      await Promise.all([paths.run, paths.exitsDir, paths.attachSocketDir].map((d) => mkdir(d, { recursive: true, mode: 0o700 })));
      const { config } = record;
      return launcher.createContainer({
        cid: config.id, cuuid: socketName(config.id), name: config.name, runtimePath, runtimeArgs: oci.globalArgs(),
        bundle: paths.bundle, containerPidFile: paths.pidFile, conmonPidFile: paths.conmonPidFile,
        logPath: paths.log, ...(config.log.maxSizeBytes !== undefined ? { logSizeMax: config.log.maxSizeBytes } : {}),
        exitDir: paths.exitsDir, socketDir: paths.attachSocketDir, terminal: config.tty, stdin: config.stdinOpen,
        ...(exitCommand ? { exitCommand } : {}), ...(inheritFds ? { inheritFds } : {}),
        // conmon forgets the runtime state before it writes the exit file, so whoever sees the exit file
        // finds nothing left to delete (delete below stats instead of running the runtime). It waits for
        // the start pipe to close first, which the caller does once `runtime start` returned.
        deleteOnExit: true,
      });
    },
    start: (id) => oci.start(id),
    kill: (id, signal, options) => oci.kill(id, signal, options),
    async delete(id) {
      if (!oci.knows(id)) return;
      try {
        await oci.delete(id, { force: true });
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
      }
    },
    attach(paths, id, streams, options = {}) {
      return attach(o.sys, attachSocketPath(paths.attachSocketDir, socketName(id)), {
        ...(streams.stdin ? { stdin: streams.stdin } : {}),
        stdout: streams.stdout,
        stderr: streams.stderr ?? streams.stdout,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onConnected ? { onConnected: options.onConnected } : {}),
      });
    },
    async exec(r, hooks = {}) {
      await Promise.all([r.sessionDir, r.exitDir, r.attachSocketDir].map((d) => mkdir(d, { recursive: true, mode: 0o700 })));
      return launcher.exec({
        cid: r.containerId, cuuid: socketName(r.sessionId), runtimePath, runtimeArgs: oci.globalArgs(), bundle: r.sessionDir,
        containerPidFile: r.pidFile, conmonPidFile: r.conmonPidFile, exitDir: r.exitDir, socketDir: r.attachSocketDir,
        processSpecPath: r.processSpecPath, terminal: r.terminal, stdin: r.stdin, attach: r.attach, detached: !r.attach,
      }, hooks.onAttachReady ? { onAttachReady: hooks.onAttachReady } : {});
    },
    ps: (id) => oci.ps(id),
    resize: (dir, size) => resizeTerminal(dir, size),
    async *readLog(path, options) {
      const records = readLog(path, {
        ...(options.tail !== undefined ? { tail: options.tail } : {}),
        ...(options.since ? { since: options.since } : {}),
        ...(options.until ? { until: options.until } : {}),
        ...(options.follow ? { follow: { done: options.follow } } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      for await (const r of records) yield { stream: r.stream, time: r.timestamp, text: r.text } satisfies LogLine;
    },
  };
}
