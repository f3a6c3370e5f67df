// Resolves -u (name, uid, uid:gid, name:group) against the container's own /etc/passwd and /etc/group,
// with Docker's rules: numbers need no entry, names do; supplementary groups come from group membership.
// Pure: the caller reads the two files from the rootfs and passes their text (absent file = undefined).
import { InvalidArgumentError } from '../../errors/index.js';

export interface ResolvedUser {
  uid: number;
  gid: number;
  additionalGids: number[];
  /** The passwd entry's home, else "/"; becomes HOME when neither image nor -e sets it. */
  home: string;
}

export interface AccountFiles {
  passwd?: string;
  group?: string;
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

const MAX_ID = 2 ** 31 - 1;

function parseId(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  if (n > MAX_ID) throw new InvalidArgumentError(`id ${text} is out of range: at most ${MAX_ID}`);
  return n;
}

function lines(text: string | undefined): string[][] {
  if (text === undefined) return [];
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split(':'));
}

function parsePasswd(text: string | undefined): PasswdEntry[] {
  return lines(text).flatMap(([name = '', , uid = '', gid = '', , home = '']) => {
    if (!/^\d+$/.test(uid) || !/^\d+$/.test(gid)) return [];
    return [{ name, uid: Number(uid), gid: Number(gid), home }];
  });
}

function parseGroup(text: string | undefined): GroupEntry[] {
  return lines(text).flatMap(([name = '', , gid = '', members = '']) => {
    if (!/^\d+$/.test(gid)) return [];
    return [{ name, gid: Number(gid), members: members.split(',').map((m) => m.trim()).filter(Boolean) }];
  });
}

function findGroup(groups: GroupEntry[], spec: string): number {
  const entry = groups.find((g) => g.name === spec) ?? groups.find((g) => String(g.gid) === spec);
  if (entry) return entry.gid;
  const gid = parseId(spec);
  if (gid !== undefined) return gid;
  throw new InvalidArgumentError(`unable to find group ${spec}: no matching entries in group file`);
}

/** `-u` (absent or "" = root) -> ids and home, as the container's own account files say. */
export function resolveUser(spec: string | undefined, files: AccountFiles): ResolvedUser {
  const text = spec === undefined || spec === '' ? '0' : spec;
  const colon = text.indexOf(':');
  const userPart = colon < 0 ? text : text.slice(0, colon);
  const groupPart = colon < 0 ? undefined : text.slice(colon + 1);
  const passwd = parsePasswd(files.passwd);
  const groups = parseGroup(files.group);

  const numericUid = userPart === '' ? 0 : parseId(userPart);
  const entry =
    passwd.find((p) => p.name === userPart) ??
    (numericUid !== undefined ? passwd.find((p) => p.uid === numericUid) : undefined);
  if (!entry && numericUid === undefined) {
    throw new InvalidArgumentError(`unable to find user ${userPart}: no matching entries in passwd file`);
  }
  const uid = entry ? entry.uid : numericUid!;
  const home = entry && entry.home !== '' ? entry.home : '/';

  if (groupPart !== undefined && groupPart !== '') {
    return { uid, gid: findGroup(groups, groupPart), additionalGids: [], home };
  }
  const gid = entry ? entry.gid : 0;
  const additionalGids = entry
    ? groups.filter((g) => g.members.includes(entry.name) && g.gid !== gid).map((g) => g.gid)
    : [];
  return { uid, gid, additionalGids: [...new Set(additionalGids)], home };
}

/** --group-add: names resolved in the container's /etc/group, numbers taken as they are. */
export function resolveGroupAdd(specs: readonly string[], files: AccountFiles): number[] {
  const groups = parseGroup(files.group);
  return specs.map((s) => findGroup(groups, s));
}
