// Image names as Docker shows them: the engine stores fully qualified names (docker.io/library/alpine:latest);
// Docker's API answers with the familiar form (alpine:latest), which `docker images` and compose expect.
const DOCKER_HUB = 'docker.io/';

export function familiarName(name: string): string {
  if (!name.startsWith(DOCKER_HUB)) return name;
  const rest = name.slice(DOCKER_HUB.length);
  return rest.startsWith('library/') && !rest.slice('library/'.length).includes('/') ? rest.slice('library/'.length) : rest;
}

/** `fromImage` and `tag` of POST /images/create joined into one reference; a digest "tag" becomes `@digest`. */
export function joinReference(image: string, tag: string | undefined): string {
  if (tag === undefined || tag === '') return image;
  return tag.includes(':') ? `${image}@${tag}` : `${image}:${tag}`;
}

/** Repository path and tag of a reference, for "Pulling from library/alpine" (id "latest"). */
export function repositoryAndTag(ref: string): { repository: string; tag: string } {
  const at = ref.indexOf('@');
  const base = at < 0 ? ref : ref.slice(0, at);
  const colon = base.lastIndexOf(':');
  const hasTag = colon > base.lastIndexOf('/');
  const name = hasTag ? base.slice(0, colon) : base;
  const tag = at >= 0 ? ref.slice(at + 1) : hasTag ? base.slice(colon + 1) : 'latest';
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const isHost = first.includes('.') || first.includes(':') || first === 'localhost';
  let repository = isHost ? name.slice(slash + 1) : name;
  if (!repository.includes('/') && (!isHost || first === 'docker.io')) repository = `library/${repository}`;
  return { repository, tag };
}
