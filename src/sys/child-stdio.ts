// Turns StdioSpec[] into the fd list the addon dups into a child, and the parent's ends into Node streams.
// Pipes come from the addon (both ends close-on-exec), so no other child ever inherits a parent end.
import { closeSync, openSync } from 'node:fs';
import { Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import type { NativeAddon } from './native.js';
import type { StdioSpec } from './sys.js';

export interface PreparedStdio {
  /** Child fd i <- this process's childFds[i]. */
  childFds: number[];
  /** After a successful spawn: close the child ends here and wrap the parent ends as streams. */
  commit(): Array<Readable | Writable | undefined>;
  /** After a failed spawn: close everything opened for it. */
  abort(): void;
}

type Direction = 'parent-reads' | 'parent-writes';

function directionOf(spec: StdioSpec, fd: number): Direction | undefined {
  if (spec === 'pipe') return fd === 0 ? 'parent-writes' : 'parent-reads';
  if (typeof spec === 'object' && 'pipe' in spec) return spec.pipe;
  return undefined;
}

export function prepareStdio(specs: StdioSpec[], native: Pick<NativeAddon, 'pipe'>): PreparedStdio {
  const childFds: number[] = [];
  const childEnds: number[] = [];
  const parentEnds: Array<{ fd: number; direction: Direction } | undefined> = [];
  const abort = () => {
    for (const fd of [...childEnds, ...parentEnds.flatMap((p) => (p ? [p.fd] : []))]) closeSync(fd);
  };
  try {
    specs.forEach((spec, i) => {
      const direction = directionOf(spec, i);
      parentEnds.push(undefined);
      if (direction !== undefined) {
        const [readFd, writeFd] = native.pipe();
        const [childEnd, parentEnd] = direction === 'parent-reads' ? [writeFd, readFd] : [readFd, writeFd];
        childEnds.push(childEnd);
        parentEnds[i] = { fd: parentEnd, direction };
        childFds.push(childEnd);
      } else if (spec === 'ignore') {
        const fd = openSync('/dev/null', i === 0 ? 'r' : 'w');
        childEnds.push(fd);
        childFds.push(fd);
      } else if (spec === 'inherit') {
        childFds.push(i);
      } else if (typeof spec === 'object' && 'fd' in spec) {
        childFds.push(spec.fd);
      }
    });
  } catch (err) {
    abort();
    throw err;
  }
  return {
    childFds,
    abort,
    commit() {
      for (const fd of childEnds) closeSync(fd);
      return parentEnds.map((end) =>
        end === undefined
          ? undefined
          : new Socket({ fd: end.fd, readable: end.direction === 'parent-reads', writable: end.direction === 'parent-writes' }),
      );
    },
  };
}
