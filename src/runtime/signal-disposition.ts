// Whether a process would act on a signal, from /proc/<pid>/status. The init of a pid namespace gets only
// the signals it installed a handler for (signal(7), pid_namespaces(7)); anything else sent from outside,
// SIGKILL and SIGSTOP aside, is dropped by the kernel without a trace.
import { readFileSync } from 'node:fs';

/** Signals whose default action ends the process (signal(7): Term and Core). */
const TERMINATING = new Set([1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 24, 25, 26, 27, 29, 30, 31]);

export type SignalDisposition = 'caught' | 'ignored' | 'default';

function maskHas(hex: string, signal: number): boolean {
  return ((BigInt(`0x${hex}`) >> BigInt(signal - 1)) & 1n) === 1n;
}

/** What `pid` does with `signal`; undefined when the process is gone or /proc cannot be read. */
export function signalDisposition(pid: number, signal: number, proc = '/proc'): SignalDisposition | undefined {
  let text: string;
  try {
    text = readFileSync(`${proc}/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const caught = /^SigCgt:\s*([0-9a-f]+)$/m.exec(text)?.[1];
  const ignored = /^SigIgn:\s*([0-9a-f]+)$/m.exec(text)?.[1];
  if (caught === undefined || ignored === undefined) return undefined;
  if (maskHas(caught, signal)) return 'caught';
  if (maskHas(ignored, signal)) return 'ignored';
  return 'default';
}

export function terminatesByDefault(signal: number): boolean {
  return TERMINATING.has(signal) || signal >= 34;
}
