import { describe, expect, it } from 'vitest';
import { parseAddHost, parseNetworkMode, parseRunOptions, type RunFlags, type RunOptionsContext } from '../../../../src/cli/options/run-options.js';

const files: Record<string, string> = {
  '/w/app.env': '# settings\nA=1\n  B=two words\n\nFROM_HOST\nUNSET_ONE\n',
  '/w/labels': 'team=core\nflag\n',
  '/w/bad.env': 'BAD KEY=1\n',
};
const ctx: RunOptionsContext = {
  cwd: '/w',
  environment: { FROM_HOST: 'h', TOKEN: 's3cret' },
  readFile: (p) => {
    const text = files[p];
    if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${p}'`);
    return text;
  },
};
const parse = (flags: RunFlags, cmd: string[] = []) => parseRunOptions('alpine', cmd, flags, ctx);

describe('parseRunOptions', () => {
  it('no flags: defaults, image and command as given', () => {
    const r = parse({}, ['echo', 'hi']);
    expect(r.image).toBe('alpine');
    expect(r.settings.command).toEqual(['echo', 'hi']);
    expect(r.settings.network).toEqual({ mode: 'default' });
    expect(r.settings.pullPolicy).toBe('missing');
    expect(r.detach).toBe(false);
    expect(r.name).toBeUndefined();
  });

  it('the simple switches', () => {
    const s = parse({ rm: true, tty: true, interactive: true, init: true, readOnly: true, privileged: true }).settings;
    expect([s.autoRemove, s.tty, s.stdinOpen, s.init, s.readOnly, s.privileged]).toEqual([true, true, true, true, true, true]);
    expect(parse({ detach: true }).detach).toBe(true);
  });

  it('validates --name', () => {
    expect(parse({ name: 'web-1.a_b' }).name).toBe('web-1.a_b');
    expect(() => parse({ name: '-bad' })).toThrow('Invalid container name (-bad), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed');
  });

  it('env: files first, then -e; bare names come from the environment or are dropped', () => {
    const s = parse({ envFile: ['/w/app.env'], env: ['A=9', 'TOKEN', 'MISSING', 'EMPTY='] }).settings;
    expect(s.env).toEqual(['A=1', 'B=two words', 'FROM_HOST=h', 'A=9', 'TOKEN=s3cret', 'EMPTY=']);
    expect(() => parse({ envFile: ['/w/bad.env'] })).toThrow("--env-file /w/bad.env: variable 'BAD KEY' contains whitespaces");
    expect(() => parse({ envFile: ['/w/none'] })).toThrow(/--env-file \/w\/none: ENOENT/);
    expect(() => parse({ env: ['=x'] })).toThrow(/invalid environment variable for -e/);
  });

  it('labels from files and flags, later wins', () => {
    expect(parse({ labelFile: ['/w/labels'], label: ['team=edge', 'x=a=b'] }).settings.labels).toEqual({ team: 'edge', flag: '', x: 'a=b' });
  });

  it('-w must be absolute; --entrypoint "" resets, JSON arrays split, other text is one path', () => {
    expect(() => parse({ workdir: 'rel' })).toThrow("the working directory 'rel' is invalid, it needs to be an absolute path");
    expect(parse({ workdir: '/app' }).settings.workingDir).toBe('/app');
    expect(parse({ entrypoint: '' }).settings.entrypoint).toEqual([]);
    expect(parse({ entrypoint: '["sh","-c"]' }).settings.entrypoint).toEqual(['sh', '-c']);
    expect(parse({ entrypoint: 'sh -c' }).settings.entrypoint).toEqual(['sh -c']);
    expect(parse({}).settings.entrypoint).toBeUndefined();
  });

  it('capabilities: any case, with or without CAP_, ALL, unknown refused', () => {
    const s = parse({ capAdd: ['net_admin', 'CAP_SYS_TIME'], capDrop: ['all'] }).settings;
    expect(s.capAdd).toEqual(['CAP_NET_ADMIN', 'CAP_SYS_TIME']);
    expect(s.capDrop).toEqual(['ALL']);
    expect(() => parse({ capAdd: ['FLY'] })).toThrow('--cap-add: unknown capability "CAP_FLY"');
  });

  it('--security-opt', () => {
    const s = parse({ securityOpt: ['no-new-privileges', 'label=disable', 'seccomp=unconfined'] }).settings;
    expect([s.noNewPrivileges, s.labelDisable, s.seccomp]).toEqual([true, true, { mode: 'unconfined' }]);
    expect(parse({ securityOpt: ['no-new-privileges:false'] }).settings.noNewPrivileges).toBe(false);
    expect(parse({ securityOpt: ['seccomp=/p.json'] }).settings.seccomp).toEqual({ mode: 'profile', path: '/p.json' });
    expect(() => parse({ securityOpt: ['magic'] })).toThrow('invalid --security-opt: "magic"');
  });

  it('mounts from -v, --mount and --tmpfs, duplicates refused, errors name the flag', () => {
    const s = parse({ volume: ['./d:/d:ro'], mount: ['type=volume,src=v,dst=/v'], tmpfs: ['/t'] }).settings;
    expect(s.mounts.map((m) => `${m.type}:${m.target}`)).toEqual(['bind:/d', 'volume:/v', 'tmpfs:/t']);
    expect(s.mounts[0]).toMatchObject({ source: '/w/d', readOnly: true });
    expect(() => parse({ volume: ['/a:/x'], tmpfs: ['/x'] })).toThrow('Duplicate mount point: /x');
    expect(() => parse({ volume: ['/a:/b:zz'] })).toThrow(/--volume \/a:\/b:zz: invalid mode: zz/);
  });

  it('restart, ulimits, signals, timeouts, pull, log, memory, cpus', () => {
    const s = parse({
      restart: 'on-failure:5', ulimit: ['nofile=10:20'], stopSignal: 'SIGINT', stopTimeout: '30', pull: 'never',
      logOpt: ['max-size=10m'], memory: '1g', cpus: '0.5',
    }).settings;
    expect(s.restartPolicy).toEqual({ name: 'on-failure', maximumRetryCount: 5 });
    expect(s.ulimits).toEqual([{ name: 'nofile', soft: 10, hard: 20 }]);
    expect([s.stopSignal, s.stopTimeout, s.pullPolicy]).toEqual([2, 30, 'never']);
    expect(s.log.maxSizeBytes).toBe(10 * 2 ** 20);
    expect([s.memoryBytes, s.nanoCpus]).toEqual([2 ** 30, 500_000_000]);
    expect(() => parse({ rm: true, restart: 'always' })).toThrow(/--rm option conflicts with --restart/);
    expect(parse({ rm: true, restart: 'no' }).settings.autoRemove).toBe(true);
    expect(() => parse({ stopSignal: 'SIGNOPE' })).toThrow('--stop-signal SIGNOPE: invalid signal: SIGNOPE');
    expect(() => parse({ stopTimeout: 'soon' })).toThrow(/invalid --stop-timeout "soon"/);
    expect(() => parse({ pull: 'sometimes' })).toThrow(/invalid --pull "sometimes"/);
    expect(() => parse({ memory: '1x' })).toThrow(/--memory/);
  });

  it('network, ports, dns and hosts', () => {
    const s = parse({ net: 'mynet', publish: ['8080:80', '[::1]:53:53/udp'], expose: ['9000'], dns: ['1.1.1.1'], dnsSearch: ['example.org'], addHost: ['db:10.0.0.2'] }).settings;
    expect(s.network).toEqual({ mode: 'network', network: 'mynet' });
    expect(s.portMappings.map((p) => [p.hostIp, p.hostPort, p.containerPort, p.protocol])).toEqual([['', 8080, 80, 'tcp'], ['::1', 53, 53, 'udp']]);
    expect(s.expose).toEqual([{ port: 9000, protocol: 'tcp', range: 1 }]);
    expect(s.dns).toEqual(['1.1.1.1']);
    expect(s.extraHosts).toEqual([{ host: 'db', ip: '10.0.0.2' }]);
    expect(() => parse({ dns: ['dns.google'] })).toThrow('--dns: "dns.google" is not an IP address');
    expect(() => parse({ network: 'none', publish: ['80'] })).toThrow(/conflicting options: port publishing/);
    const host = parse({ network: 'host', publish: ['80'] });
    expect(host.settings.portMappings).toEqual([]);
    expect(host.warnings).toEqual(['Published ports are discarded when using host network mode']);
    expect(() => parse({ network: 'a', net: 'b' })).toThrow(/--network and --net/);
  });

  it('network modes and --add-host forms', () => {
    expect(parseNetworkMode('bridge')).toEqual({ mode: 'default' });
    expect(parseNetworkMode('container:db')).toEqual({ mode: 'container', container: 'db' });
    expect(parseNetworkMode('slirp4netns:port_handler=slirp4netns')).toEqual({ mode: 'slirp4netns', options: ['port_handler=slirp4netns'] });
    expect(() => parseNetworkMode('container:')).toThrow(/needs a container/);
    expect(parseAddHost('v6:::1')).toEqual({ host: 'v6', ip: '::1' });
    expect(parseAddHost('gw=host-gateway')).toEqual({ host: 'gw', ip: 'host-gateway' });
    expect(() => parseAddHost('nohost')).toThrow(/expected host:ip/);
    expect(() => parseAddHost('a:notip')).toThrow(/is not an IP address/);
  });

  it('an image is required; hostnames are validated', () => {
    expect(() => parseRunOptions(undefined, [], {}, ctx)).toThrow(/an image name is required/);
    expect(parse({ hostname: 'box.local' }).settings.hostname).toBe('box.local');
    expect(() => parse({ hostname: 'bad host' })).toThrow(/invalid --hostname/);
  });
});
