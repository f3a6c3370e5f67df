// The real docker CLI against `tsmoby system service`, rootless and as root: exec (output, exit code, -i),
// cp both ways, top, stats --no-stream, network create/ls/inspect/connect/rm, Docker's pre-defined networks,
// and exec through dockerode.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerCli, servicePaths, startService, type ApiService, type CliResult } from '../helpers/api-service.js';
import { alpineRegistry } from '../helpers/e2e-store.js';
import { modes, tsmobyFor, type Tsmoby } from '../helpers/tsmoby.js';

const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc') && existsSync('/usr/bin/docker');

describe.skipIf(!hasPrerequisites)('docker exec, cp, top, stats, network against tsmoby (needs docker-registry, runc and the docker CLI)', () => {
  const registry = alpineRegistry();

  describe.each(modes)('%s', (mode) => {
    let t: Tsmoby;
    let service: ApiService | undefined;
    let socket: string;
    let home: string;
    const docker = (args: string[], options: { timeout?: number; input?: string } = {}): Promise<CliResult> => dockerCli(socket, home, args, options);

    beforeAll(async () => {
      t = await tsmobyFor(mode, registry());
      ({ socket, home } = servicePaths(t, 'apimore'));
      service = await startService(t, { socket });
      expect((await docker(['pull', 'alpine'], { timeout: 120_000 })).code).toBe(0);
      expect((await docker(['run', '-d', '--name', 'box', 'alpine', 'sleep', '300'])).code).toBe(0);
    }, 180_000);
    afterAll(async () => {
      await service?.stop();
      await t?.run(['rm', '-fa']);
      await t?.cleanup();
    }, 60_000);

    it('docker exec prints the output and exits with the command\'s code', async () => {
      expect(await docker(['exec', 'box', 'sh', '-c', 'echo out; echo err >&2; exit 7'])).toMatchObject({ code: 7, stdout: 'out\n', stderr: 'err\n' });
      expect(await docker(['exec', '-w', '/etc', '-e', 'GREETING=hello', 'box', 'sh', '-c', 'echo $GREETING $(pwd)'])).toMatchObject({ code: 0, stdout: 'hello /etc\n' });
      const missing = await docker(['exec', 'box', 'nonexistent-command']);
      expect(missing.code).toBe(127);
      expect(missing.stdout + missing.stderr).toMatch(/nonexistent-command/);
    });

    it('docker exec -i feeds stdin and keeps the output after stdin ends', async () => {
      const r = await docker(['exec', '-i', 'box', 'sh', '-c', 'cat; sleep 1; echo after-stdin'], { input: 'line one\nline two\n' });
      expect(r).toMatchObject({ code: 0, stdout: 'line one\nline two\nafter-stdin\n' });
    });

    it('docker exec -t gives the process a terminal and raw output', async () => {
      const r = await docker(['exec', '-t', 'box', 'sh', '-c', 'test -t 1 && echo on-a-tty; exit 2']);
      expect(r).toMatchObject({ code: 2, stdout: 'on-a-tty\r\n' });
    });

    it('docker exec -d starts the process and returns', async () => {
      expect((await docker(['exec', '-d', 'box', 'sh', '-c', 'echo detached > /tmp/marker'])).code).toBe(0);
      let out = '';
      for (let i = 0; i < 50 && out !== 'detached\n'; i++) out = (await docker(['exec', 'box', 'cat', '/tmp/marker'])).stdout;
      expect(out).toBe('detached\n');
    });

    it('docker exec on a stopped container is a conflict', async () => {
      expect((await docker(['create', '--name', 'idle', 'alpine', 'true'])).code).toBe(0);
      const r = await docker(['exec', 'idle', 'true']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/is not running/);
    });

    it('docker cp copies into and out of the container', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tsmoby-cp-'));
      chmodSync(dir, 0o755);
      writeFileSync(join(dir, 'in.txt'), 'from the host\n');
      chmodSync(join(dir, 'in.txt'), 0o644);
      expect(await docker(['cp', join(dir, 'in.txt'), 'box:/tmp/in.txt'])).toMatchObject({ code: 0 });
      expect((await docker(['exec', 'box', 'cat', '/tmp/in.txt'])).stdout).toBe('from the host\n');
      expect((await docker(['exec', 'box', 'sh', '-c', 'mkdir -p /data/sub && echo inside > /data/sub/f'])).code).toBe(0);
      const out = await docker(['cp', 'box:/data', join(dir, 'data')]);
      expect(out.code).toBe(0);
      expect(readFileSync(join(dir, 'data', 'sub', 'f'), 'utf8')).toBe('inside\n');
      const missing = await docker(['cp', 'box:/no/such/file', join(dir, 'x')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/no such file|not found|Could not find/i);
    });

    it('docker top lists the container\'s processes', async () => {
      const r = await docker(['top', 'box']);
      expect(r.code).toBe(0);
      const [titles, ...rows] = r.stdout.trim().split('\n');
      expect(titles).toMatch(/PID/);
      expect(rows.some((row) => row.includes('sleep 300'))).toBe(true);
    });

    it('docker stats --no-stream prints a row with memory and pids', async () => {
      const r = await docker(['stats', '--no-stream', '--format', '{{.Name}} {{.CPUPerc}} {{.MemUsage}} {{.PIDs}}', 'box'], { timeout: 30_000 });
      expect(r.code).toBe(0);
      const m = /^box (\d+\.\d+)% ([\d.]+)(KiB|MiB|B) \/ ([\d.]+)(GiB|MiB) (\d+)\n$/.exec(r.stdout);
      expect(m, r.stdout + r.stderr).not.toBeNull();
      expect(Number(m![2])).toBeGreaterThan(0);
      expect(Number(m![6])).toBeGreaterThanOrEqual(1);
    });

    it('docker network create, ls, inspect, connect, rm', async () => {
      const created = await docker(['network', 'create', '--subnet', '10.89.77.0/24', '--label', 'purpose=test', 'backend']);
      expect(created.code).toBe(0);
      const id = created.stdout.trim();
      expect((await docker(['network', 'ls', '--filter', 'label=purpose=test', '--format', '{{.Name}} {{.Driver}} {{.Scope}}'])).stdout).toBe('backend bridge local\n');
      expect((await docker(['network', 'ls', '--filter', 'name=nosuch', '-q'])).stdout).toBe('');
      const inspect = await docker(['network', 'inspect', '--format', '{{.Id}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}', 'backend']);
      expect(inspect.stdout).toBe(`${id} 10.89.77.0/24 10.89.77.1\n`);
      expect((await docker(['create', '--name', 'member', '--network', 'backend', 'alpine', 'sleep', '300'])).code).toBe(0);
      expect((await docker(['network', 'create', 'frontend'])).code).toBe(0);
      expect(await docker(['network', 'connect', '--alias', 'api', 'frontend', 'member'])).toMatchObject({ code: 0 });
      const aliases = await docker(['inspect', '--format', '{{join (index .NetworkSettings.Networks "frontend").Aliases ","}}', 'member']);
      expect(aliases.stdout).toMatch(/^api(,|\n)/);
      expect((await docker(['start', 'member'])).code).toBe(0);
      const netId = await docker(['inspect', '--format', '{{(index .NetworkSettings.Networks "backend").NetworkID}}', 'member']);
      expect(netId.stdout).toBe(`${id}\n`);
      const ips = await docker(['inspect', '--format', '{{(index .NetworkSettings.Networks "backend").IPAddress}}', 'member']);
      expect(ips.stdout).toMatch(/^10\.89\.77\.\d+\n$/);
      const members = await docker(['network', 'inspect', '--format', '{{range .Containers}}{{.Name}} {{.IPv4Address}}{{end}}', 'backend']);
      expect(members.stdout).toBe(`member ${ips.stdout.trim()}/24\n`);
      const busy = await docker(['network', 'rm', 'backend']);
      expect(busy.code).toBe(1);
      expect((await docker(['rm', '-f', 'member'])).code).toBe(0);
      expect(await docker(['network', 'rm', 'backend', 'frontend'])).toMatchObject({ code: 0, stdout: 'backend\nfrontend\n' });
      expect((await docker(['network', 'inspect', 'backend'])).code).toBe(1);
    });

    it('docker network ls shows bridge, host and none; inspect bridge lists the default containers; rm bridge is refused', async () => {
      expect((await docker(['network', 'create', 'custom1'])).code).toBe(0);
      const ls = await docker(['network', 'ls', '--format', '{{.Name}} {{.Driver}}']);
      expect(ls.stdout.trim().split('\n').sort()).toEqual(['bridge bridge', 'custom1 bridge', 'host host', 'none null']);
      expect((await docker(['network', 'ls', '--filter', 'type=builtin', '--format', '{{.Name}}'])).stdout).toBe('bridge\nhost\nnone\n');
      const ipam = await docker(['network', 'inspect', '--format', '{{.Driver}} {{.Scope}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}', 'bridge']);
      expect(ipam.stdout).toBe(mode === 'root' ? 'bridge local 10.90.0.0/16 10.90.0.1\n' : 'bridge local 10.0.2.0/24 10.0.2.2\n');
      const members = await docker(['network', 'inspect', '--format', '{{range .Containers}}{{.Name}} {{.IPv4Address}};{{end}}', 'bridge']);
      expect(members.stdout).toMatch(mode === 'root' ? /(^|;)box 10\.90\.\d+\.\d+\/16;/ : /(^|;)box 10\.0\.2\.100\/24;/);
      const bridgeId = (await docker(['network', 'inspect', '--format', '{{.Id}}', 'bridge'])).stdout.trim();
      expect(bridgeId).toMatch(/^[0-9a-f]{64}$/);
      expect((await docker(['network', 'inspect', '--format', '{{.Name}}', bridgeId.slice(0, 12)])).stdout).toBe('bridge\n');
      const seen = await docker(['inspect', '--format', '{{.HostConfig.NetworkMode}} {{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{$v.NetworkID}}{{end}}', 'box']);
      expect(seen.stdout).toBe(`bridge bridge ${bridgeId}\n`);
      expect((await docker(['ps', '--filter', 'name=box', '--format', '{{.Networks}}'])).stdout).toBe('bridge\n');
      expect((await docker(['network', 'inspect', '--format', '{{.Driver}}', 'host', 'none'])).stdout).toBe('host\nnull\n');
      for (const name of ['bridge', 'host', 'none']) {
        const refused = await docker(['network', 'rm', name]);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(`Error response from daemon: ${name} is a pre-defined network and cannot be removed\n`);
      }
      const taken = await docker(['network', 'create', 'bridge']);
      expect(taken.code).toBe(1);
      expect(taken.stderr).toMatch(/network with name bridge already exists/);
      expect((await docker(['network', 'prune', '-f'])).stdout).toBe('Deleted Networks:\ncustom1\n\n');
      expect((await docker(['network', 'ls', '--format', '{{.Name}}'])).stdout).toBe('bridge\nhost\nnone\n');
    });

    it('dockerode: exec over a hijacked stream with stdin', async () => {
      const client = new Docker({ socketPath: socket });
      const exec = await client.getContainer('box').exec({ Cmd: ['sh', '-c', 'read x; echo got:$x; echo e >&2; exit 3'], AttachStdin: true, AttachStdout: true, AttachStderr: true });
      const stream = await exec.start({ hijack: true, stdin: true });
      const out = new PassThrough();
      const err = new PassThrough();
      const chunks: string[] = [];
      out.on('data', (c: Buffer) => chunks.push(`1:${c.toString()}`));
      err.on('data', (c: Buffer) => chunks.push(`2:${c.toString()}`));
      client.modem.demuxStream(stream, out, err);
      const ended = new Promise((resolve) => stream.on('end', resolve));
      stream.write('hello\n');
      await ended;
      expect(chunks).toEqual(['1:got:hello\n', '2:e\n']);
      expect(await exec.inspect()).toMatchObject({ Running: false, ExitCode: 3 });
    });
  });
});
