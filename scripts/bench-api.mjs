// The Docker API service (`BENCH_ONLY=api`): first-request latency through socket activation (a cold
// `systemd-socket-activate` + `curl /_ping`), `docker ps` against the service beside `tsmoby ps`, and the
// service's RSS over 10,000 container lists and 1,000 log reads (it must stay flat: the growth from request 100 to
// the end is reported in MB and %).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';

// As the generated tsmoby.service runs node (src/api/systemd-units.ts: SERVICE_NODE_FLAGS, SERVICE_ENVIRONMENT).
const UNIT_FLAGS = ['--max-semi-space-size=1', '--optimize-for-size', '--no-opt'];
const UNIT_ENV = { MALLOC_ARENA_MAX: '2' };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function waitFor(path, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > end) throw new Error(`${path} did not appear within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function get(socketPath, path, agent) {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`timed out: ${path}`)));
    req.on('error', reject);
    req.end();
  });
}

async function rssKib(pid) {
  return Number(/^VmRSS:\s+(\d+)/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
}

/** Cold start: the activator holds the socket; the first request execs the service, which answers it. */
async function coldPing(dir, serviceArgv, env, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const sock = join(dir, `activate-${i}.sock`);
    const activator = spawn('systemd-socket-activate', ['-l', sock, ...serviceArgv], { env, stdio: 'ignore' });
    await waitFor(sock);
    const t0 = performance.now();
    const r = spawnSync('curl', ['-sf', '--max-time', '20', '--unix-socket', sock, 'http://d/_ping'], { encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.stdout !== 'OK') throw new Error(`cold /_ping answered ${JSON.stringify(r.stdout)}: ${r.stderr}`);
    activator.kill();
    await new Promise((resolve) => activator.once('exit', resolve));
  }
  return median(times);
}

export async function benchApi({ dir, node, tsmobyBin, storeArgs, conf, ref, hyperfine, report }) {
  const env = { ...process.env, CONTAINERS_REGISTRIES_CONF: conf };
  const tsmobyArgv = [node, tsmobyBin, ...storeArgs];
  const sh = (argv) => execFileSync(argv[0], argv.slice(1), { env, stdio: 'ignore' });
  sh([...tsmobyArgv, 'pull', '-q', ref]);

  const cold = await coldPing(dir, [node, ...UNIT_FLAGS, tsmobyBin, ...storeArgs, 'system', 'service', '--time', '5'], { ...env, ...UNIT_ENV }, 5);
  report(`API first request through socket activation (cold service, curl /_ping): ${cold.toFixed(0)} ms (median of 5)`);

  for (let i = 0; i < 20; i++) sh([...tsmobyArgv, 'create', ref, 'true']);
  sh([...tsmobyArgv, 'run', '--name', 'chatty', ref, 'sh', '-c', 'i=0; while [ $i -lt 200 ]; do echo line $i; i=$((i+1)); done']);
  const sock = join(dir, 'api.sock');
  const service = spawn(node, [...UNIT_FLAGS, tsmobyBin, ...storeArgs, 'system', 'service', '--time', '0', `unix://${sock}`], { env: { ...env, ...UNIT_ENV }, stdio: 'ignore' });
  try {
    await waitFor(sock);
    const q = (s) => `'${String(s).replaceAll("'", "'\\''")}'`;
    const [dockerPs, tsmobyPs] = await hyperfine(dir, [
      `docker -H unix://${q(sock)} ps -a`,
      `env CONTAINERS_REGISTRIES_CONF=${q(conf)} ${tsmobyArgv.map(q).join(' ')} ps -a`,
    ], { runs: 20, warmup: 3 });
    report(`ps -a (21 containers): docker CLI -> tsmoby service ${(dockerPs * 1000).toFixed(1)} ms, tsmoby ps ${(tsmobyPs * 1000).toFixed(1)} ms, ratio ${(dockerPs / tsmobyPs).toFixed(2)}`);
  } finally {
    service.kill();
  }
  await memoryRun({ dir, node, flags: [], tsmobyBin, storeArgs, env, report });
  await memoryRun({ dir, node, flags: UNIT_FLAGS, tsmobyBin, storeArgs, env: { ...env, ...UNIT_ENV }, report });
  sh([...tsmobyArgv, 'rm', '-fa']);
}

/** RSS of one service over 10,000 container lists then 1,000 log reads, as node runs with `flags`. */
async function memoryRun({ dir, node, flags, tsmobyBin, storeArgs, env, report }) {
  const sock = join(dir, `mem-${flags.length}.sock`);
  const service = spawn(node, [...flags, tsmobyBin, ...storeArgs, 'system', 'service', '--time', '0', `unix://${sock}`], { env, stdio: 'ignore' });
  const label = flags.length ? `node ${flags.join(' ')} MALLOC_ARENA_MAX=${env.MALLOC_ARENA_MAX} (as tsmoby.service runs it)` : 'started by hand (plain node; the service sets the same V8 flags at start-up)';
  try {
    await waitFor(sock);
    const samples = [];
    const checkpoints = new Set([100, 500, 1000, 2000, 5000, 10_000]);
    for (let i = 1; i <= 10_000; i++) {
      await get(sock, '/v1.44/containers/json?all=1');
      if (checkpoints.has(i)) samples.push([String(i), await rssKib(service.pid)]);
    }
    for (let i = 1; i <= 1000; i++) await get(sock, '/v1.44/containers/chatty/logs?stdout=1&stderr=1');
    samples.push(['+1000 logs', await rssKib(service.pid)]);
    report(`service RSS (KiB), ${label}, after n GET /containers/json then 1,000 log reads (200 lines each): ${samples.map(([n, kib]) => `${n}:${kib}`).join(' ')}`);
    const first = samples[0][1];
    const last = samples.at(-1)[1];
    report(`service RSS growth, ${label}, request 100 -> 10,000 requests + 1,000 log reads: ${((last - first) / 1024).toFixed(1)} MB (${((100 * (last - first)) / first).toFixed(1)}%)`);
  } finally {
    service.kill();
  }
}
