// Networking beside rootless podman, both as the unprivileged test user: 1 GiB through a published port
// (tsmoby-portfwd, podman's rootlessport, slirp4netns's own hostfwd), 1 GiB from a host server into a
// container over slirp4netns, and what the default network adds to `run --rm alpine true` over --network none.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';

const TEST_USER = 'tsmoby-test';

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function ownedDir(path, uid) {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chownSync(path, uid, uid);
  return path;
}

/** Polls (bounded) until the URL answers. */
function waitHttp(url) {
  for (let i = 0; i < 100; i++) {
    if (spawnSync('curl', ['-sf', '-o', '/dev/null', '-m', '1', url]).status === 0) return;
    spawnSync('sleep', ['0.1']);
  }
  throw new Error(`${url} did not answer`);
}

export async function benchNetwork({ lab, registry, dir, report, q, tsmobyBin }) {
  const uid = Number(execFileSync('id', ['-u', TEST_USER], { encoding: 'utf8' }).trim());
  chmodSync(dir, 0o711);
  const home = ownedDir(join(dir, 'net-home'), uid);
  // Short: podman puts slirp4netns's API socket (at most 107 bytes) under it.
  const xdg = ownedDir(mkdtempSync('/tmp/tn-'), uid);
  const www = join(dir, 'www');
  mkdirSync(www, { mode: 0o755 });
  execFileSync('truncate', ['-s', '1G', join(www, 'big')]);
  chmodSync(join(www, 'big'), 0o644);
  writeFileSync(join(www, 'ready'), 'ok\n', { mode: 0o644 });
  await lab.pushFixture(registry, 'alpine');
  const conf = lab.writeMirrorRegistriesConf(join(home, '.config'), registry, { owner: { uid, gid: uid } });
  const ref = `${registry.host}/library/alpine:latest`;
  const asUser = (cmd) => `runuser -u ${TEST_USER} -- env HOME=${q(home)} XDG_RUNTIME_DIR=${q(xdg)} CONTAINERS_REGISTRIES_CONF=${q(conf)} ${cmd}`;
  const tsmoby = (args) => asUser(`${q(process.execPath)} ${q(tsmobyBin)} ${args}`);
  const podmanBase = (args) => asUser(`podman --runtime runc --cgroup-manager cgroupfs --events-backend none ${args}`);
  // podman's runc sets RLIMIT_NOFILE to 1048576 unless told otherwise, which fails where the hard limit is lower
  // and cannot be raised: its containers get the current hard limit instead.
  const hard = execFileSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim();
  const podman = (args) => podmanBase(args.replace(/^(run|create) /, `$1 --ulimit nofile=${hard}:${hard} `));
  const sh = (cmd) => execFileSync('sh', ['-c', cmd], { stdio: ['ignore', 'ignore', 'inherit'] });
  sh(tsmoby(`pull -q ${ref}`));
  sh(podman(`pull -q --tls-verify=false ${ref}`));
  const probe = spawnSync('sh', ['-c', podman(`run --rm ${ref} true`)], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error(`rootless podman cannot run a container here: ${probe.stderr.trim().split('\n').at(-1)}`);
  try {
    await publishedPort({ tsmoby, podman, sh, ref, www, report });
    await download({ tsmoby, podman, ref, www, report });
    await runLatency({ tsmoby, podman, ref, report });
  } finally {
    spawnSync('sh', ['-c', `${tsmoby('rm -fa')}; ${tsmoby('system reset --force')}; ${podmanBase('rm -fa -t 0')}; ${podmanBase('system reset --force')}`], { stdio: 'ignore' });
    rmSync(xdg, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/**
 * Runs the commands in rounds, each round in a rotated order, and returns each command's median seconds.
 * On a shared machine the load drifts over minutes: hyperfine's all-runs-of-one-then-the-next puts that drift
 * into the comparison, interleaving spreads it over every command alike.
 */
function interleaved(commands, { rounds, warmup = 1 }) {
  const time = (cmd) => {
    const start = process.hrtime.bigint();
    const r = spawnSync('sh', ['-c', cmd], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr.trim().split('\n').at(-1)}`);
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  for (let i = 0; i < warmup; i++) commands.forEach(time);
  const samples = commands.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < commands.length; k++) {
      const i = (k + r) % commands.length;
      samples[i].push(time(commands[i]));
    }
  }
  samples.forEach((s, i) => console.log(`  ${median(s).toFixed(3)} s median of ${rounds} (${Math.min(...s).toFixed(3)}-${Math.max(...s).toFixed(3)}): ${commands[i].slice(-90)}`));
  return samples.map(median);
}

const mibs = (seconds) => `${(1024 / seconds).toFixed(0)} MiB/s`;

async function publishedPort({ tsmoby, podman, sh, ref, www, report }) {
  const serve = `-v ${www}:/www:ro ${ref} httpd -f -p 80 -h /www`;
  const [p1, p2, p3] = [await freePort(), await freePort(), await freePort()];
  sh(tsmoby(`run -d --name pf -p 127.0.0.1:${p1}:80 ${serve}`));
  sh(podman(`run -d --name pf -p 127.0.0.1:${p2}:80 ${serve}`));
  sh(podman(`run -d --name hostfwd --network slirp4netns:port_handler=slirp4netns -p 127.0.0.1:${p3}:80 ${serve}`));
  const urls = [p1, p2, p3].map((p) => `http://127.0.0.1:${p}/big`);
  urls.forEach((u) => waitHttp(u.replace(/big$/, 'ready')));
  const t = interleaved(urls.map((u) => `curl -s -o /dev/null ${u}`), { rounds: 9 });
  report(`1 GiB through -p 127.0.0.1:PORT:80 (curl on the host): tsmoby-portfwd ${t[0].toFixed(2)} s (${mibs(t[0])}), ` +
    `podman rootlessport ${t[1].toFixed(2)} s (${mibs(t[1])}), ratio ${(t[0] / t[1]).toFixed(2)}; ` +
    `slirp4netns hostfwd ${t[2].toFixed(2)} s (${mibs(t[2])})`);
  sh(`${tsmoby('rm -f pf')}; ${podman('rm -f -t 0 pf hostfwd')}`);
}

async function download({ tsmoby, podman, ref, www, report }) {
  const ip = Object.values(networkInterfaces()).flat().find((a) => a && !a.internal && a.family === 'IPv4')?.address;
  if (ip === undefined) return report('container-to-host download: skipped (no non-loopback host address)');
  const port = await freePort();
  const server = spawn('busybox', ['httpd', '-f', '-p', `${ip}:${port}`, '-h', www]);
  try {
    waitHttp(`http://${ip}:${port}/ready`);
    const get = `${ref} wget -q -O /dev/null http://${ip}:${port}/big`;
    const [none, ...t] = interleaved([tsmoby(`run --rm --network none ${ref} true`), tsmoby(`run --rm ${get}`), podman(`run --rm ${get}`)], { rounds: 5 });
    report(`1 GiB host -> container (wget in run --rm, slirp4netns): tsmoby ${t[0].toFixed(2)} s (${mibs(t[0] - none)} net of start), ` +
      `podman ${t[1].toFixed(2)} s, ratio ${(t[0] / t[1]).toFixed(2)}`);
  } finally {
    server.kill();
  }
}

async function runLatency({ tsmoby, podman, ref, report }) {
  const t = interleaved([
    tsmoby(`run --rm ${ref} true`), tsmoby(`run --rm --network none ${ref} true`),
    podman(`run --rm ${ref} true`), podman(`run --rm --network none ${ref} true`),
  ], { rounds: 25, warmup: 2 });
  const ms = (s) => `${(s * 1000).toFixed(0)} ms`;
  report(`run --rm alpine true: tsmoby ${ms(t[0])} default vs ${ms(t[1])} none (network adds ${ms(t[0] - t[1])}, target <= 50 ms); ` +
    `podman ${ms(t[2])} vs ${ms(t[3])} (adds ${ms(t[2] - t[3])}); ratio tsmoby/podman default ${(t[0] / t[2]).toFixed(2)}`);
}
