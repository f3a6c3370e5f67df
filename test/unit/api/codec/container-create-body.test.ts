import { describe, expect, it } from 'vitest';
import { decodeCreateBody } from '../../../../src/api/codec/container-create-body.js';

describe('decodeCreateBody', () => {
  it('maps what `docker run` sends to the settings the CLI makes, never pulling', () => {
    const { image, settings, warnings } = decodeCreateBody({
      Image: 'alpine', Cmd: ['sh', '-c', 'echo hi'], Env: ['A=1'], WorkingDir: '/srv', User: '1000:1000',
      Labels: { tier: 'front' }, Tty: true, OpenStdin: true, StopSignal: 'SIGINT', StopTimeout: 3,
      ExposedPorts: { '80/tcp': {} }, Volumes: { '/data': {} },
      HostConfig: {
        Binds: ['/srv/www:/www:ro', 'cache:/cache'], PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] },
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 }, CapAdd: ['net_admin'], Dns: ['1.1.1.1'],
        ExtraHosts: ['db:10.0.0.2'], Init: true, Memory: 1048576, Ulimits: [{ Name: 'nofile', Soft: 10, Hard: 20 }],
        LogConfig: { Type: 'json-file', Config: { 'max-size': '1m' } }, Tmpfs: { '/run': 'size=1m' }, NetworkMode: 'none',
      },
    });
    expect(image).toBe('alpine');
    expect(warnings).toEqual([]);
    expect(settings).toMatchObject({
      command: ['sh', '-c', 'echo hi'], env: ['A=1'], workingDir: '/srv', user: '1000:1000', labels: { tier: 'front' },
      tty: true, stdinOpen: true, stopSignal: 2, stopTimeout: 3, pullPolicy: 'never', init: true, memoryBytes: 1048576,
      restartPolicy: { name: 'on-failure', maximumRetryCount: 2 }, capAdd: ['CAP_NET_ADMIN'], dns: ['1.1.1.1'],
      extraHosts: [{ host: 'db', ip: '10.0.0.2' }], network: { mode: 'none' }, ulimits: [{ name: 'nofile', soft: 10, hard: 20 }],
      expose: [{ port: 80, protocol: 'tcp', range: 1 }],
      portMappings: [{ hostIp: '', hostPort: 8080, containerPort: 80, protocol: 'tcp', range: 1 }],
    });
    expect(settings.log.maxSizeBytes).toBe(1024 * 1024);
    expect(settings.mounts.map((m) => `${m.type}:${m.target}:${m.readOnly ? 'ro' : 'rw'}`))
      .toEqual(['volume:/data:rw', 'bind:/www:ro', 'volume:/cache:rw', 'tmpfs:/run:rw']);
  });

  it('lets an explicit mount replace the anonymous volume declared at the same target', () => {
    const { settings } = decodeCreateBody({ Image: 'a', Volumes: { '/d': {} }, HostConfig: { Binds: ['/h:/d'] } });
    expect(settings.mounts).toEqual([{ type: 'bind', source: '/h', target: '/d', readOnly: false }]);
  });

  it('answers a body without an image, a bad capability or a relative workdir with 400-kind errors', () => {
    expect(() => decodeCreateBody({ Cmd: ['true'] })).toThrow(/Image/);
    expect(() => decodeCreateBody({ Image: 'a', HostConfig: { CapAdd: ['nope'] } })).toThrow(/unknown capability/);
    expect(() => decodeCreateBody({ Image: 'a', WorkingDir: 'rel' })).toThrow(/absolute path/);
    expect(() => decodeCreateBody({ Image: 'a', HostConfig: { AutoRemove: true, RestartPolicy: { Name: 'always' } } })).toThrow(/--rm/);
  });

  it('resets the entrypoint with [""], as `--entrypoint ""` sends it', () => {
    expect(decodeCreateBody({ Image: 'a', Entrypoint: [''] }).settings.entrypoint).toEqual([]);
    expect(decodeCreateBody({ Image: 'a', Entrypoint: null }).settings.entrypoint).toBeUndefined();
  });
});

describe('decodeCreateBody: NetworkingConfig', () => {
  it('joins the EndpointsConfig networks with their aliases, NetworkMode first (docker-compose)', () => {
    const { settings } = decodeCreateBody({
      Image: 'alpine',
      HostConfig: { NetworkMode: 'proj_default' },
      NetworkingConfig: { EndpointsConfig: { other: { Aliases: null }, proj_default: { Aliases: ['web'], IPAMConfig: { IPv4Address: '10.89.3.9' } } } },
    });
    expect(settings.network).toEqual({ mode: 'network', network: 'proj_default' });
    expect(Object.keys(settings.networks ?? {})).toEqual(['proj_default', 'other']);
    expect(settings.networks).toEqual({ proj_default: { aliases: ['web'], ip: '10.89.3.9' }, other: { aliases: [] } });
  });

  it('takes the network from EndpointsConfig when NetworkMode is the default, ignores builtin ones', () => {
    expect(decodeCreateBody({ Image: 'alpine', NetworkingConfig: { EndpointsConfig: { backend: { Aliases: ['db'] } } } }).settings.network)
      .toEqual({ mode: 'network', network: 'backend' });
    const bridge = decodeCreateBody({ Image: 'alpine', HostConfig: { NetworkMode: 'bridge' }, NetworkingConfig: { EndpointsConfig: { bridge: {} } } });
    expect([bridge.settings.network, bridge.settings.networks]).toEqual([{ mode: 'default' }, undefined]);
  });

  it('keeps the streams the client means to attach, for inspect', () => {
    expect(decodeCreateBody({ Image: 'a', AttachStdout: true, AttachStderr: true }).settings.attachStreams).toEqual({ stdin: false, stdout: true, stderr: true });
  });

  it('refuses a user network beside host networking, and a bad address', () => {
    expect(() => decodeCreateBody({ Image: 'a', HostConfig: { NetworkMode: 'host' }, NetworkingConfig: { EndpointsConfig: { n: {} } } })).toThrow(/network mode host/);
    expect(() => decodeCreateBody({ Image: 'a', HostConfig: { NetworkMode: 'n' }, NetworkingConfig: { EndpointsConfig: { n: { IPAMConfig: { IPv4Address: 'x' } } } } })).toThrow(/not an IP address/);
  });
});
