// /etc/subuid and /etc/subgid, and the newuidmap/newgidmap command lines built from them. Pure: callers
// pass the file text in.

export interface IdRange {
  start: number;
  count: number;
}

export interface IdOwner {
  name: string;
  id: number;
}

/** The first range in a subuid/subgid file for the user, matched by name or numeric id (as shadow does). */
export function findSubordinateRange(text: string, owner: IdOwner): IdRange | undefined {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [who, start, count] = line.split(':');
    if (who === undefined || start === undefined || count === undefined) continue;
    if (who !== owner.name && who !== String(owner.id)) continue;
    const range = { start: Number(start), count: Number(count) };
    if (!Number.isSafeInteger(range.start) || !Number.isSafeInteger(range.count) || range.start < 0 || range.count <= 0) {
      continue;
    }
    return range;
  }
  return undefined;
}

/** One line of an id map: ids [inside, inside+count) in the namespace are [outside, ...) on the host. */
export interface IdMapEntry {
  inside: number;
  outside: number;
  count: number;
}

/** The user's own id becomes 0; the subordinate range fills 1..count. */
export function rootlessIdMap(ownId: number, range: IdRange | undefined): IdMapEntry[] {
  const map = [{ inside: 0, outside: ownId, count: 1 }];
  if (range !== undefined) map.push({ inside: 1, outside: range.start, count: range.count });
  return map;
}

/** argv for newuidmap/newgidmap: `<tool> <pid> inside outside count ...`. */
export function newIdMapArgv(tool: 'newuidmap' | 'newgidmap', pid: number, map: IdMapEntry[]): string[] {
  return [tool, String(pid), ...map.flatMap((e) => [String(e.inside), String(e.outside), String(e.count)])];
}

/** The text of /proc/<pid>/uid_map as the kernel takes it (one entry per line). */
export function idMapText(map: IdMapEntry[]): string {
  return map.map((e) => `${e.inside} ${e.outside} ${e.count}\n`).join('');
}
