// Starts a bundled test child and waits (bounded) for a line on its stdout.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { bundleChild } from './child-bundle.js';

let bundled: string | undefined;

export function startChild(args: string[]): ChildProcess {
  bundled ??= bundleChild(join(__dirname, 'lock-child.ts'));
  return spawn(process.execPath, [bundled, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
}

export function waitForLine(child: ChildProcess, line: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`child did not print "${line}" in ${timeoutMs} ms`)), timeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      seen += d.toString();
      if (seen.split('\n').includes(line)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code}) before printing "${line}"`));
    });
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}
