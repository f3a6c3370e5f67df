// UDP published from a container on a user-defined network: a datagram sent from the host to the published
// port reaches a UDP echo server in the container and its answer comes back; nothing serves the port after rm.
import { execFileSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { alpineRegistry, storeWithAlpine } from '../helpers/e2e-store.js';
import { modes } from '../helpers/tsmoby.js';
import { helperPids } from './network-probes.js';

const hasPrerequisites = existsSync('/usr/bin/docker-registry') && existsSync('/usr/sbin/runc') && existsSync('/usr/bin/cc');

// busybox-static has no UDP server applet, so the test builds a tiny static echo server.
const ECHO_SOURCE = `#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
int main(int argc, char **argv) {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])) };
  if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) return 1;
  char buf[2048];
  for (;;) {
    struct sockaddr_in from; socklen_t len = sizeof from;
    ssize_t n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
    if (n > 0) sendto(fd, buf, n, 0, (struct sockaddr *)&from, len);
  }
}
`;

/** Sends `text` to 127.0.0.1:port until an answer comes (at most 50 tries of 200 ms), or undefined. */
async function udpExchange(port: number, text: string): Promise<string | undefined> {
  const socket = createSocket('udp4');
  try {
    for (let i = 0; i < 50; i++) {
      const answer = new Promise<string | undefined>((resolve) => {
        const timer = setTimeout(() => resolve(undefined), 200);
        socket.once('message', (msg) => { clearTimeout(timer); resolve(msg.toString()); });
      });
      socket.send(text, port, '127.0.0.1');
      const got = await answer;
      if (got !== undefined) return got;
      socket.removeAllListeners('message');
    }
    return undefined;
  } finally {
    socket.close();
  }
}

describe.skipIf(!hasPrerequisites)('UDP publish on a user network (needs docker-registry, runc and cc)', () => {
  const registry = alpineRegistry();
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsmoby-udp-echo-'));
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'udp-echo.c'), ECHO_SOURCE);
    execFileSync('cc', ['-static', '-O2', '-o', join(dir, 'udp-echo'), join(dir, 'udp-echo.c')]);
  });
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

  describe.each(modes)('%s', (mode) => {
    const t = storeWithAlpine(mode, registry, (s) => s.run(['rm', '-fa']));

    it('carries a datagram from the host to the container and its answer back', async () => {
      expect((await t.run(['network', 'create', 'dgram'])).exitCode).toBe(0);
      const port = await freePort();
      const r = await t.run(['run', '-d', '--name', 'echo', '--network', 'dgram', '-p', `127.0.0.1:${port}:5353/udp`,
        '-v', `${dir}/udp-echo:/udp-echo:ro`, 'alpine', '/udp-echo', '5353']);
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      expect((await t.run(['port', 'echo'])).stdout).toBe(`5353/udp -> 127.0.0.1:${port}\n`);
      expect(await udpExchange(port, `hello-${mode}`)).toBe(`hello-${mode}`);
      const pid = Number((await t.run(['inspect', '--format', '{{.State.Pid}}', 'echo'])).stdout);
      expect(helperPids(pid).length).toBe(1);
      expect((await t.run(['rm', '-f', 'echo'])).exitCode).toBe(0);
      expect(helperPids(pid)).toEqual([]);
      expect((await t.run(['network', 'rm', 'dgram'])).exitCode).toBe(0);
    }, 120_000);
  });
});
