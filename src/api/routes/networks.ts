// Network routes: list (filters in both forms), inspect (docker-compose probes with 404), create (Name,
// Driver, Internal, Labels, IPAM.Config), remove, connect/disconnect, prune. Docker's NetworkResource shape,
// with Docker's pre-defined networks (the engine's Docker view).
import { InvalidArgumentError } from '../../errors/tsmoby-error.js';
import type { NetworkCreateOptions, NetworkInspect } from '../../engine/engine.js';
import { readJsonBody } from '../codec/json-body.js';
import { sendEmpty, sendJson } from '../codec/json-response.js';
import { parseFiltersJson } from '../codec/query.js';
import type { RouteContext } from '../route-context.js';
import type { Router } from '../router.js';
import { single } from './containers.js';

type Doc = Record<string, unknown>;

/** Clients of the API see Docker's pre-defined bridge, host and none networks. */
const DOCKER_VIEW = { predefined: true } as const;

function obj(v: unknown, field: string): Doc {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new InvalidArgumentError(`invalid ${field}: expected an object`);
  return v as Doc;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function stringMap(v: unknown, field: string): Record<string, string> {
  return Object.fromEntries(Object.entries(obj(v, field)).map(([k, x]) => [k, typeof x === 'string' ? x : String(x ?? '')]));
}

/** The engine's inspect without Podman's extra fields. */
export function networkDocument(n: NetworkInspect): Record<string, unknown> {
  const { subnets: _subnets, network_interface: _iface, ...docker } = n;
  return { ...docker, ConfigFrom: { Network: '' }, ConfigOnly: false };
}

export function decodeNetworkCreateBody(raw: unknown): { name: string; options: NetworkCreateOptions } {
  const body = obj(raw, 'network config');
  const name = str(body.Name);
  if (name === undefined) throw new InvalidArgumentError('network name is required');
  if (body.EnableIPv6 === true) throw new InvalidArgumentError('IPv6 networks are not supported by tsmoby');
  const configs = obj(body.IPAM, 'IPAM').Config;
  const first = Array.isArray(configs) && configs.length > 0 ? obj(configs[0], 'IPAM.Config') : {};
  if (Array.isArray(configs) && configs.length > 1) throw new InvalidArgumentError('only one IPAM config (one subnet) per network is supported');
  const driver = str(body.Driver);
  const subnet = str(first.Subnet);
  const gateway = str(first.Gateway);
  return {
    name,
    options: {
      ...(driver ? { driver } : {}), ...(subnet ? { subnet } : {}), ...(gateway ? { gateway } : {}),
      internal: body.Internal === true, labels: stringMap(body.Labels, 'Labels'), options: stringMap(body.Options, 'Options'),
    },
  };
}

async function list(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const networks = await engine.networks.list({ filters: parseFiltersJson(ctx.query.get('filters')), ...DOCKER_VIEW });
  sendJson(ctx.res, 200, networks.map(networkDocument));
}

async function inspect(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  sendJson(ctx.res, 200, networkDocument(await engine.networks.inspect(ctx.params.id!, DOCKER_VIEW)));
}

async function create(ctx: RouteContext): Promise<void> {
  const { name, options } = decodeNetworkCreateBody(await readJsonBody(ctx.req));
  const engine = await ctx.engine();
  const created = await engine.networks.create(name, options);
  sendJson(ctx.res, 201, { Id: created.Id, Warning: '' });
}

async function remove(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  single(await engine.networks.remove([ctx.params.id!], DOCKER_VIEW));
  sendEmpty(ctx.res, 204);
}

function containerOf(body: Doc): string {
  const container = str(body.Container);
  if (container === undefined) throw new InvalidArgumentError('Container is required: the container to connect or disconnect');
  return container;
}

async function connect(ctx: RouteContext): Promise<void> {
  const body = obj(await readJsonBody(ctx.req), 'connect request');
  const endpoint = obj(body.EndpointConfig, 'EndpointConfig');
  const aliases = endpoint.Aliases;
  if (aliases !== undefined && aliases !== null && !(Array.isArray(aliases) && aliases.every((a) => typeof a === 'string'))) {
    throw new InvalidArgumentError('invalid EndpointConfig.Aliases: expected a list of strings');
  }
  const ip = str(obj(endpoint.IPAMConfig, 'EndpointConfig.IPAMConfig').IPv4Address);
  const engine = await ctx.engine();
  await engine.networks.connect(ctx.params.id!, containerOf(body), {
    aliases: (aliases as string[] | null | undefined) ?? [], ...(ip ? { ip } : {}), ...DOCKER_VIEW,
  });
  sendEmpty(ctx.res, 200);
}

async function disconnect(ctx: RouteContext): Promise<void> {
  const body = obj(await readJsonBody(ctx.req), 'disconnect request');
  const engine = await ctx.engine();
  await engine.networks.disconnect(ctx.params.id!, containerOf(body), { force: body.Force === true, ...DOCKER_VIEW });
  sendEmpty(ctx.res, 200);
}

async function prune(ctx: RouteContext): Promise<void> {
  const engine = await ctx.engine();
  const removed = await engine.networks.prune({ filters: parseFiltersJson(ctx.query.get('filters')) });
  sendJson(ctx.res, 200, { NetworksDeleted: removed });
}

export function registerNetworkRoutes(router: Router): void {
  router
    .add('GET', '/networks', list)
    .add('POST', '/networks/create', create)
    .add('POST', '/networks/prune', prune)
    .add('GET', '/networks/{id}', inspect)
    .add('DELETE', '/networks/{id}', remove)
    .add('POST', '/networks/{id}/connect', connect)
    .add('POST', '/networks/{id}/disconnect', disconnect);
}
