// `BENCH_ONLY=interleaved npm run bench`, as root: `run --rm --network none alpine true` of tsmoby beside podman
// (and beside another tsmoby build with BENCH_BASELINE=/path/to/its/bin/tsmoby), in rounds that run every
// command once in a rotated order, so that a load drifting on a shared host hits them alike. Each command runs
// in a fresh cpuacct cgroup: its CPU time is the whole process tree's, detached monitors and runc included
// (as far as they stay in it: root podman's runc moves the container into cgroups of its own).
// BENCH_ROUNDS sets the rounds (default 15), BENCH_MODES=root|rootless the modes.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const CGROUP_V1 = '/sys/fs/cgroup/cpuacct';
const CGROUP_V2 = '/sys/fs/cgroup';

function cpuCgroup(name) {
  const v1 = existsSync(`${CGROUP_V1}/cpuacct.usage`);
  const path = `${v1 ? CGROUP_V1 : CGROUP_V2}/tsmoby-bench-${name}-${process.pid}`;
  mkdirSync(path);
  return {
    path,
    usageMs: () => (v1
      ? Number(readFileSync(`${path}/cpuacct.usage`, 'utf8')) / 1e6
      : Number(/usage_usec (\d+)/.exec(readFileSync(`${path}/cpu.stat`, 'utf8'))[1]) / 1e3),
    empty: () => readFileSync(`${path}/cgroup.procs`, 'utf8').trim() === '',
    remove: () => { try { rmdirSync(path); } catch { /* a straggler still in it */ } },
  };
}

/** Runs one shell command inside a new cgroup; wall time until it exits, CPU once its tree has left. */
async function measure(name, command) {
  const cg = cpuCgroup(name);
  const started = process.hrtime.bigint();
  const child = spawn('sh', ['-c', `echo $$ > ${cg.path}/cgroup.procs && exec sh -c "$0"`, command], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => { stderr += c; });
  const code = await new Promise((resolve) => child.on('close', resolve));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  // Bounded: a container monitor exits right after the container; one that lingers is counted as it stands.
  for (let i = 0; i < 100 && !cg.empty(); i++) await sleep(10);
  const cpuMs = cg.usageMs();
  cg.remove();
  if (code !== 0) throw new Error(`${name} failed (${code}): ${stderr.trim().split('\n').at(-1)}`);
  return { wallMs, cpuMs };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Interleaved rounds over named commands; the median wall and CPU of each. */
async function rounds(commands, count) {
  const names = Object.keys(commands);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < count; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + r) % names.length];
      samples[name].push(await measure(name, commands[name]));
    }
  }
  return Object.fromEntries(names.map((n) => [n, {
    wallMs: median(samples[n].map((s) => s.wallMs)), cpuMs: median(samples[n].map((s) => s.cpuMs)),
  }]));
}

const parallel = (cmd, n) => `${Array.from({ length: n }, () => `${cmd} >/dev/null 2>&1 &`).join(' ')} wait`;

export async function benchInterleaved({ lab, registry, dir, conf, report, engines, q, tsmobyBin }) {
  if (process.getuid?.() !== 0) throw new Error('the interleaved bench runs as root (cgroups, podman, the test user)');
  await lab.pushFixture(registry, 'alpine');
  const ref = `${registry.host}/library/alpine:latest`;
  const count = Number(process.env.BENCH_ROUNDS ?? 15);
  const baseline = process.env.BENCH_BASELINE;
  const modes = process.env.BENCH_MODES?.split(',') ?? ['root', 'rootless'];
  for (const mode of modes) {
    const user = mode === 'rootless' ? await lab.prepareTestUser() : undefined;
    try {
      if (user) lab.writeUserRegistriesConf(user, registry);
      const cmds = engines(dir, conf, user);
      execFileSync('sh', ['-c', `${cmds.tsmoby(`pull -q ${ref}`)} && ${cmds.podman(`pull -q --tls-verify=false ${ref}`)}`], { stdio: 'ignore' });
      const run = `run --rm --network none`;
      const commands = {
        tsmoby: cmds.tsmoby(`${run} ${ref} true`),
        ...(baseline ? { baseline: cmds.tsmoby(`${run} ${ref} true`).replace(q(tsmobyBin), q(baseline)) } : {}),
        podman: cmds.podman(`${run} ${cmds.podmanRunFlags} ${ref} true`),
      };
      for (const c of Object.values(commands)) await measure('warmup', c);
      const one = await rounds(commands, count);
      const many = await rounds(Object.fromEntries(Object.entries(commands).map(([n, c]) => [n, parallel(c, 16)])), Math.max(3, Math.round(count / 4)));
      const fmt = (n) => `${n} ${one[n].wallMs.toFixed(0)} ms (CPU ${one[n].cpuMs.toFixed(0)} ms)`;
      report(`${mode}: run --rm --network none alpine true, median of ${count} interleaved rounds: ${Object.keys(one).map(fmt).join(', ')}; ` +
        `tsmoby/podman ${(one.tsmoby.wallMs / one.podman.wallMs).toFixed(2)} (target <= 0.8)`);
      report(`${mode}: 16 at once: ${Object.keys(many).map((n) => `${n} ${many[n].wallMs.toFixed(0)} ms = ${(many[n].wallMs / one[n].wallMs).toFixed(1)}x one run (CPU ${many[n].cpuMs.toFixed(0)} ms)`).join(', ')} (target <= 3x)`);
    } finally {
      if (user) {
        execFileSync('sh', ['-c', `${engines(dir, conf, user).podman('system reset --force')} >/dev/null 2>&1 || true`]);
        lab.removeTestUser(user);
      }
    }
  }
}
