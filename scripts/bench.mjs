// `npm run bench [section]` (or BENCH_ONLY=section) with section containers, build, network, api or pull; without
// one, everything: containers (run --rm beside podman with runc as root and rootless as the test user, 16
// parallel runs, ps -a with 100 containers, conmon's private memory; BENCH_MODES=root|rootless picks the modes,
// BENCH_ROUNDS the hyperfine rounds), a 10-step build cold and cached beside podman build, the network figures
// (scripts/bench-network.mjs), then the image side: `tsmoby pull` of the ~100 MB `big` fixture beside `podman pull` from the same local
// registry, `tsmoby images` with 50 images and `tsmoby --version`, each beside `node -e 0`, as ratios in one
// run. Needs `npm run build`, docker-registry, hyperfine; podman is compared when installed.
// Run as root for the podman comparison (podman gets a private --root/--runroot). The api section runs the
// service alone (scripts/bench-api.mjs); interleaved (asked for by name only) compares wall and CPU time of
// `run --rm` in interleaved rounds (scripts/bench-interleaved.mjs).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchNetwork } from './bench-network.mjs';
import { benchApi } from './bench-api.mjs';
import { benchInterleaved } from './bench-interleaved.mjs';
import { loadLab } from './lab.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsmobyBin = join(root, 'bin', 'tsmoby');
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

const q = (s) => `'${String(s).replaceAll("'", "'\\''")}'`;

/** hyperfine over the commands; returns the median seconds of each. */
async function hyperfine(dir, commands, { runs = 10, warmup = 2, prepare } = {}) {
  const out = join(dir, `hf-${Date.now()}.json`);
  const args = ['-N', '--style', 'basic', '--runs', String(runs), '--warmup', String(warmup), '--export-json', out];
  if (prepare) args.splice(0, 1, '--prepare', prepare);
  execFileSync('hyperfine', [...args, ...commands], { stdio: ['ignore', 'inherit', 'inherit'] });
  const { results } = JSON.parse(await readFile(out, 'utf8'));
  return results.map((r) => r.median);
}

/** 50 images that share alpine's layer and differ in a label, pushed to the registry. */
async function pushManyImages(lab, registry, count) {
  const layer = await lab.buildLayer(lab.alpineEntries(), 'gzip');
  for (let i = 0; i < count; i++) {
    const image = lab.assembleImage({ family: 'oci', layers: [layer], config: { Cmd: ['/bin/sh'], Labels: { n: String(i) } } });
    const repo = `bench/img${i}`;
    await lab.uploadBlob(registry, repo, image.configDigest, image.config);
    await lab.uploadBlob(registry, repo, layer.digest, layer.blob);
    await lab.putManifest(registry, repo, 'latest', image.manifestMediaType, image.manifest);
  }
}

/** Private memory (Private_Clean + Private_Dirty) of a pid in KiB, from smaps_rollup. */
async function privateKib(pid) {
  const text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
  return [...text.matchAll(/^Private_(?:Clean|Dirty):\s+(\d+) kB/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

const pidsOf = (pattern) => spawnSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);

/** Commands for one engine in one mode: `root` (private --root/--runroot) or `rootless` (the test user). */
function engines(dir, conf, user) {
  const node = q(process.execPath);
  const hardNofile = spawnSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).stdout.trim();
  const store = (name) => `--root ${q(join(dir, name, 'root'))} --runroot ${q(join(dir, name, 'run'))}`;
  const podmanBase = '--runtime runc --cgroup-manager cgroupfs --events-backend none';
  if (user === undefined) {
    return {
      tsmoby: (args) => `env CONTAINERS_REGISTRIES_CONF=${q(conf)} ${node} ${q(tsmobyBin)} ${store('ctr')} ${args}`,
      podman: (args) => `podman ${store('podman-ctr')} --storage-driver overlay ${podmanBase} ${args}`,
      // As root, podman's runc asks for RLIMIT_NOFILE 1048576 (and NPROC at the hard limit), which a host
      // without CAP_SYS_RESOURCE refuses (`error setting rlimit type 7`); explicit limits it may set instead.
      podmanRunFlags: `--ulimit nofile=${hardNofile}:${hardNofile} --ulimit nproc=4096:4096`,
    };
  }
  const env = `env HOME=${q(user.home)} XDG_RUNTIME_DIR=${q(user.runtimeDir)} XDG_CONFIG_HOME=${q(user.configHome)} XDG_DATA_HOME=${q(user.dataHome)}`;
  const as = `runuser -u ${user.name} -- ${env}`;
  return {
    tsmoby: (args) => `${as} ${node} ${q(tsmobyBin)} ${args}`,
    podman: (args) => `${as} podman ${podmanBase} ${args}`,
    podmanRunFlags: '',
  };
}

/** `run --rm --network none alpine true` beside podman, and 16 of them at once, in one mode. */
async function benchRunMode(lab, dir, ref, cmds, mode, report) {
  const sh = (cmd) => execFileSync('sh', ['-c', cmd], { stdio: 'ignore' });
  sh(cmds.tsmoby(`pull -q ${ref}`));
  let podman = has('podman');
  if (podman) {
    sh(cmds.podman(`pull -q --tls-verify=false ${ref}`));
    const probe = spawnSync('sh', ['-c', cmds.podman(`run --rm --network none ${cmds.podmanRunFlags} ${ref} true`)], { encoding: 'utf8' });
    if (probe.status !== 0) {
      report(`${mode}: podman not compared: its run --rm failed (${probe.status}): ${probe.stderr.trim().split('\n').at(-1)}`);
      podman = false;
    }
  }
  const runCmds = [cmds.tsmoby(`run --rm --network none ${ref} true`), ...(podman ? [cmds.podman(`run --rm --network none ${cmds.podmanRunFlags} ${ref} true`)] : [])];
  const par = (cmd) => `sh -c ${q(Array.from({ length: 16 }, () => `${cmd} &`).join(' ') + ' wait')}`;
  // Several hyperfine rounds: the host is shared, and one round's median can be off by a third.
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const runs = [];
  const parallels = [];
  for (let round = 0; round < rounds; round++) {
    runs.push(await hyperfine(dir, runCmds, { runs: 15, warmup: 2 }));
    parallels.push(await hyperfine(dir, runCmds.map(par), { runs: 3, warmup: 1 }));
  }
  const median = (xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const ms = (x) => `${(x * 1000).toFixed(0)} ms`;
  const col = (rows, i) => rows.map((r) => r[i]);
  const [t, p] = [median(col(runs, 0)), podman ? median(col(runs, 1)) : NaN];
  report(`${mode}: run --rm --network none alpine true: tsmoby ${ms(t)} (rounds ${col(runs, 0).map(ms).join(', ')})` +
    (podman ? `, podman ${ms(p)} (rounds ${col(runs, 1).map(ms).join(', ')}), ratio ${(t / p).toFixed(2)} (target <= 0.8)` : ''));
  const [tp, pp] = [median(col(parallels, 0)), podman ? median(col(parallels, 1)) : NaN];
  report(`${mode}: 16 parallel vs one: tsmoby ${ms(tp)} = ${(tp / t).toFixed(2)}x (target <= 3x)` +
    (podman ? `, podman ${ms(pp)} = ${(pp / p).toFixed(2)}x` : ''));
}

/** Containers: run --rm beside podman (runc) as root and rootless, 16 parallel runs vs one, ps -a with 100
 *  containers, conmon memory. */
async function benchContainers(lab, registry, dir, conf, report) {
  await lab.pushFixture(registry, 'alpine');
  const ref = `${registry.host}/library/alpine:latest`;
  const root = engines(dir, conf, undefined);
  const modes = process.env.BENCH_MODES?.split(',') ?? ['root', 'rootless'];
  if (modes.includes('rootless') && process.getuid?.() === 0) {
    const user = await lab.prepareTestUser();
    try {
      lab.writeUserRegistriesConf(user, registry);
      await benchRunMode(lab, dir, ref, engines(dir, conf, user), 'rootless', report);
    } finally {
      spawnSync('sh', ['-c', `${engines(dir, conf, user).podman('system reset --force')}`], { stdio: 'ignore' });
      lab.removeTestUser(user);
    }
  }
  if (modes.includes('root') && process.getuid?.() === 0) await benchRunMode(lab, dir, ref, root, 'root', report);
  const sh = (cmd) => execFileSync('sh', ['-c', cmd], { stdio: 'ignore' });
  const tsmoby = root.tsmoby;
  const node = q(process.execPath);
  for (let i = 0; i < 100; i++) sh(tsmoby(`create ${ref} true`));
  const [ps, nodePs] = await hyperfine(dir, [tsmoby('ps -a'), `${node} -e 0`], { runs: 20, warmup: 3 });
  report(`ps -a (100 containers): tsmoby ${(ps * 1000).toFixed(1)} ms, node -e 0 ${(nodePs * 1000).toFixed(1)} ms, ratio ${(ps / nodePs).toFixed(2)} (target < 3)`);
  sh(tsmoby(`run -d --name membench ${ref} sleep 120`));
  const ours = pidsOf(`conmon.*membench|conmon.*${join(dir, 'ctr')}`);
  const ourKib = ours.length ? await privateKib(ours[0]) : NaN;
  let theirs = '';
  if (has('podman')) {
    sh(root.podman(`run -d --network none ${root.podmanRunFlags} --name membench ${ref} sleep 120`));
    const pid = pidsOf('/usr/bin/conmon.*membench')[0];
    if (pid) theirs = `, podman's conmon ${await privateKib(pid)} KiB`;
    sh(root.podman('rm -f -t 0 membench'));
  }
  report(`conmon private memory per running container: tsmoby ${ourKib} KiB (target < 1024)${theirs}`);
  sh(`${tsmoby('rm -fa')}; ${tsmoby('system reset --force')}`);
  if (has('podman')) spawnSync('sh', ['-c', root.podman('system reset --force')], { stdio: 'ignore' });
}

const BUILD_DOCKERFILE = `FROM alpine
ENV A=1
RUN echo one > /one.txt
COPY a.txt /a.txt
ENV B=2
RUN mkdir -p /app && echo two > /app/two.txt
COPY dir/ /app/dir/
WORKDIR /app
RUN ls -R /app > /app/list.txt
ENV C=3
`;

/** A 10-step Dockerfile (FROM alpine; RUN/COPY/ENV), cold (--no-cache) and fully cached, beside podman build. */
async function benchBuild(lab, registry, dir, conf, report) {
  await lab.pushFixture(registry, 'alpine');
  const context = join(dir, 'build-context');
  await mkdir(join(context, 'dir'), { recursive: true });
  await writeFile(join(context, 'Dockerfile'), BUILD_DOCKERFILE.replaceAll('FROM alpine', `FROM ${registry.host}/library/alpine:latest`));
  await writeFile(join(context, 'a.txt'), 'a\n');
  for (let i = 0; i < 20; i++) await writeFile(join(context, 'dir', `f${i}.txt`), `file ${i}\n`.repeat(100));
  const node = q(process.execPath);
  const store = (name) => `--root ${q(join(dir, name, 'root'))} --runroot ${q(join(dir, name, 'run'))}`;
  const tsmoby = (args) => `env CONTAINERS_REGISTRIES_CONF=${q(conf)} ${node} ${q(tsmobyBin)} ${store('build')} ${args}`;
  // podman's runc sets the rlimits podman asks for; a hard nofile limit below podman's request fails with
  // "error setting rlimit type 7", so podman alone gets a raised limit where this process may raise it.
  const raise = 'prlimit --nofile=1048576:1048576';
  const prefix = has('prlimit') && spawnSync('sh', ['-c', `${raise} true`]).status === 0 ? `${raise} ` : '';
  const podmanCmd = (args) => `${prefix}podman ${store('podman-build')} --storage-driver overlay --runtime runc --cgroup-manager cgroupfs --events-backend none ${args}`;
  const sh = (cmd) => execFileSync('sh', ['-c', cmd], { stdio: 'ignore' });
  const ref = `${registry.host}/library/alpine:latest`;
  sh(tsmoby(`pull -q ${ref}`));
  const tsBuild = (flags) => tsmoby(`build -q --network none ${flags} -t bench-build ${q(context)}`);
  let podman = process.getuid?.() === 0 && has('podman');
  const pdBuild = (flags) => podmanCmd(`build -q --network none --tls-verify=false ${flags} -t bench-build ${q(context)}`);
  if (podman) {
    const probe = spawnSync('sh', ['-c', pdBuild('')], { encoding: 'utf8' });
    if (probe.status !== 0) {
      report(`podman not compared: its build failed (${probe.status}): ${probe.stderr.trim().split('\n').at(-1)}`);
      podman = false;
    }
  }
  const versus = (label, ours, theirs, target) => report(`${label}: tsmoby ${(ours * 1000).toFixed(0)} ms` +
    (podman ? `, podman ${(theirs * 1000).toFixed(0)} ms, ratio tsmoby/podman ${(ours / theirs).toFixed(2)} (target ${target})` : ''));
  const cold = await hyperfine(dir, [tsBuild('--no-cache'), ...(podman ? [pdBuild('--no-cache')] : [])], { runs: 5, warmup: 1 });
  versus('build, 10 steps, cold (--no-cache)', cold[0], cold[1], '<= 1.2');
  const cached = await hyperfine(dir, [tsBuild(''), ...(podman ? [pdBuild('')] : [])], { runs: 10, warmup: 2 });
  versus('build, 10 steps, fully cached', cached[0], cached[1], '<= 1.0');
  sh(tsmoby('system reset --force'));
  if (podman) spawnSync('sh', ['-c', podmanCmd('system reset --force')], { stdio: 'ignore' });
}

async function bench(only) {
  if (!has('hyperfine')) throw new Error('bench needs hyperfine (apt-get install hyperfine)');
  const dir = await mkdtemp(join(tmpdir(), 'tsmoby-bench-'));
  let registry;
  const lines = [];
  const report = (line) => { console.log(line); lines.push(line); };
  try {
    const lab = await loadLab(dir);
    registry = await lab.startRegistry({ variant: 'plain' });
    const conf = lab.writeMirrorRegistriesConf(join(dir, 'config'), registry);
    if (only === undefined || only === 'containers') await benchContainers(lab, registry, dir, conf, report);
    if (only === undefined || only === 'build') await benchBuild(lab, registry, dir, conf, report);
    if (only === undefined || only === 'network') await benchNetwork({ lab, registry, dir, report, hyperfine, q, tsmobyBin });
    if (only === undefined || only === 'api') {
      await lab.pushFixture(registry, 'alpine');
      const storeArgs = ['--root', join(dir, 'api', 'root'), '--runroot', join(dir, 'api', 'run')];
      await benchApi({
        dir, node: process.execPath, tsmobyBin, storeArgs, conf, ref: `${registry.host}/library/alpine:latest`,
        hyperfine: (d, commands, options) => hyperfine(d, commands, options), report,
      });
    }
    if (only === 'interleaved') await benchInterleaved({ lab, registry, dir, conf, report, engines, q, tsmobyBin });
    if (['containers', 'build', 'network', 'api', 'interleaved'].includes(only)) return lines;
    await lab.pushFixture(registry, 'big');
    const node = q(process.execPath);
    const store = (name) => `--root ${q(join(dir, name, 'root'))} --runroot ${q(join(dir, name, 'run'))}`;
    const tsmoby = (name, args) => `env CONTAINERS_REGISTRIES_CONF=${q(conf)} ${node} ${q(tsmobyBin)} ${store(name)} ${args}`;
    const ref = `${registry.host}/library/big:latest`;
    const clean = `${node} ${q(tsmobyBin)} ${store('pull')} system reset --force; rm -rf ${q(join(dir, 'podman'))}`;

    const pullCmds = [tsmoby('pull', `pull -q ${ref}`)];
    const podman = process.getuid?.() === 0 && has('podman');
    if (podman) pullCmds.push(`podman ${store('podman')} --storage-driver overlay pull -q --tls-verify=false ${ref}`);
    const pull = await hyperfine(dir, pullCmds, { runs: 5, warmup: 1, prepare: clean });
    report(`pull big (~100 MB, 6 layers): tsmoby ${pull[0].toFixed(2)} s` +
      (podman ? `, podman ${pull[1].toFixed(2)} s, ratio tsmoby/podman ${(pull[0] / pull[1]).toFixed(2)}` : ' (podman not compared: needs root)'));
    if (only === 'pull') {
      execFileSync('sh', ['-c', clean], { stdio: 'ignore' });
      return lines;
    }

    await pushManyImages(lab, registry, 50);
    for (let i = 0; i < 50; i++) execFileSync('sh', ['-c', tsmoby('many', `pull -q ${registry.host}/bench/img${i}`)], { stdio: 'ignore' });
    const [images, nodeImages] = await hyperfine(dir, [tsmoby('many', 'images'), `${node} -e 0`], { runs: 30, warmup: 3 });
    report(`images (50 images): tsmoby ${(images * 1000).toFixed(1)} ms, node -e 0 ${(nodeImages * 1000).toFixed(1)} ms, ratio ${(images / nodeImages).toFixed(2)}`);
    const [version, nodeVersion] = await hyperfine(dir, [`${node} ${q(tsmobyBin)} --version`, `${node} -e 0`], { runs: 30, warmup: 3 });
    report(`--version: tsmoby ${(version * 1000).toFixed(1)} ms, node -e 0 ${(nodeVersion * 1000).toFixed(1)} ms, ratio ${(version / nodeVersion).toFixed(2)}`);
    execFileSync('sh', ['-c', `${node} ${q(tsmobyBin)} ${store('many')} system reset --force; ${clean}`], { stdio: 'ignore' });
    return lines;
  } finally {
    await registry?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

// `npm run bench [section]` or BENCH_ONLY=section: containers, pull, or everything.
const lines = await bench(process.argv[2] ?? process.env.BENCH_ONLY);
console.log(`\nsummary:\n${lines.join('\n')}`);
