import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { defaultApiSocket, systemdApiUnits } from '../../../src/api/index.js';
import { main } from '../../../src/cli/main.js';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = (s: PassThrough) => (s.read() as Buffer | null)?.toString() ?? '';
  return { io: { stdout, stderr, stdin: new PassThrough() }, out: () => text(stdout), err: () => text(stderr) };
}

describe('systemd units for the API', () => {
  it('socket-activates `system service` with absolute paths and leaves containers running when it exits', () => {
    const [socket, service] = systemdApiUnits({ nodePath: '/usr/bin/node', tsmobyPath: '/opt/tsmoby dir/bin/tsmoby', idleSeconds: 7 });
    expect(socket!.name).toBe('tsmoby.socket');
    expect(socket!.text).toContain('ListenStream=%t/tsmoby/tsmoby.sock\nSocketMode=0600\n');
    expect(service!.name).toBe('tsmoby.service');
    expect(service!.text).toContain('ExecStart=/usr/bin/node --max-semi-space-size=1 --optimize-for-size --no-opt "/opt/tsmoby dir/bin/tsmoby" system service --time 7\n');
    expect(service!.text).toContain('Environment=MALLOC_ARENA_MAX=2\n');
    expect(service!.text).toContain('KillMode=process\n');
    expect(service!.text).toContain('Requires=tsmoby.socket\n');
  });

  it('defaults the socket to the runtime dir (rootless) or /run (root)', () => {
    expect(defaultApiSocket({ XDG_RUNTIME_DIR: '/run/user/1000' }, 1000)).toBe('/run/user/1000/tsmoby/tsmoby.sock');
    expect(defaultApiSocket({}, 1000)).toBe('/tmp/tsmoby-1000/tsmoby/tsmoby.sock');
    expect(defaultApiSocket({ XDG_RUNTIME_DIR: '/run/user/0' }, 0)).toBe('/run/tsmoby/tsmoby.sock');
  });
});

describe('tsmoby generate systemd / system service', () => {
  it('prints both units with --api', async () => {
    const t = io();
    expect(await main(['generate', 'systemd', '--api', '--time', '9'], t.io)).toBe(0);
    const out = t.out();
    expect(out).toMatch(/^# tsmoby\.socket\n\[Unit\]/);
    expect(out).toContain('# tsmoby.service\n');
    expect(out).toContain(`ExecStart=${process.execPath} `);
    expect(out).toContain(' system service --time 9\n');
  });

  it('refuses a bad --time and a missing --api', async () => {
    const t = io();
    expect(await main(['system', 'service', '--time', 'soon'], t.io)).toBe(125);
    expect(t.err()).toBe('Error: invalid --time "soon": expected a whole number of seconds\n');
    const u = io();
    expect(await main(['generate', 'systemd'], u.io)).toBe(125);
    expect(u.err()).toBe('Error: generate systemd needs --api or a container name\n');
  });

  it('refuses an invalid listen address before touching the engine', async () => {
    const t = io();
    expect(await main(['system', 'service', 'http://nowhere'], t.io)).toBe(125);
    expect(t.err()).toContain('invalid listen address "http://nowhere"');
  });
});
