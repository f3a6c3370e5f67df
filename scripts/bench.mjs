// Containers first (run --rm beside podman with runc, 16 parallel runs, ps -a with 100 containers, conmon's
// private memory; BENCH_ONLY=containers stops there), then the image side: `tsmoby pull` of the ~100 MB `big` fixture beside `podman pull` from the same local
// registry, `tsmoby images` with 50 images and `tsmoby --version`, each beside `node -e 0`, as ratios in one
// run. Needs `npm run build`, docker-registry, hyperfine; podman is compared when installed.
// Run as root for the podman comparison (podman gets a private --root/--runroot). BENCH_ONLY=api: the API
// service alone (scripts/bench-api.mjs).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { benchApi } from './bench-api.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsmobyBin = join(root, 'bin', 'tsmoby');
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

async function loadLab(dir) {
  const result = await build({
    stdin: {
      contents: [
        "export { startRegistry } from './test/helpers/registry.ts';",
        "export { pushFixture } from './test/helpers/images.ts';",
        "export { writeMirrorRegistriesConf } from './test/helpers/registries-conf.ts';",
        "export { alpineEntries } from './test/helpers/fixture-contents.ts';",
        "export { assembleImage } from './test/helpers/image-assembly.ts';",
        "export { buildLayer } from './test/helpers/layer-tar.ts';",
        "export { uploadBlob, putManifest } from './test/helpers/registry-upload.ts';",
      ].join('\n'),
      resolveDir: root, loader: 'ts', sourcefile: 'bench-lab.ts',
    },
    bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const file = join(dir, 'bench-lab.mjs');
  await writeFile(file, result.outputFiles[0].contents);
  return import(pathToFileURL(file).href);
}

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

/** Containers: run --rm beside podman (runc), 16 parallel runs vs one, ps -a with 100 containers, conmon memory. */
async function benchContainers(lab, registry, dir, conf, report) {
  await lab.pushFixture(registry, 'alpine');
  const node = q(process.execPath);
  const store = (name) => `--root ${q(join(dir, name, 'root'))} --runroot ${q(join(dir, name, 'run'))}`;
  const tsmoby = (args) => `env CONTAINERS_REGISTRIES_CONF=${q(conf)} ${node} ${q(tsmobyBin)} ${store('ctr')} ${args}`;
  const podmanCmd = (args) => `podman ${store('podman-ctr')} --storage-driver overlay --runtime runc --cgroup-manager cgroupfs --events-backend none ${args}`;
  const ref = `${registry.host}/library/alpine:latest`;
  const sh = (cmd) => execFileSync('sh', ['-c', cmd], { stdio: 'ignore' });
  sh(tsmoby(`pull -q ${ref}`));
  let podman = process.getuid?.() === 0 && has('podman');
  if (podman) {
    sh(podmanCmd(`pull -q --tls-verify=false ${ref}`));
    const probe = spawnSync('sh', ['-c', podmanCmd(`run --rm --network none --ulimit host ${ref} true`)], { encoding: 'utf8' });
    if (probe.status !== 0) {
      report(`podman not compared: its run --rm failed (${probe.status}): ${probe.stderr.trim().split('\n').at(-1)}`);
      podman = false;
    }
  }
  const runCmds = [tsmoby(`run --rm ${ref} true`), ...(podman ? [podmanCmd(`run --rm --network none --ulimit host ${ref} true`)] : [])];
  const run = await hyperfine(dir, runCmds, { runs: 10, warmup: 2 });
  report(`run --rm alpine true: tsmoby ${(run[0] * 1000).toFixed(0)} ms` +
    (podman ? `, podman ${(run[1] * 1000).toFixed(0)} ms, ratio tsmoby/podman ${(run[0] / run[1]).toFixed(2)} (target <= 0.8)` : ''));
  const par = (cmd) => `sh -c ${q(Array.from({ length: 16 }, () => `${cmd} &`).join(' ') + ' wait')}`;
  const parCmds = [par(runCmds[0]), ...(podman ? [par(runCmds[1])] : [])];
  const parallel = await hyperfine(dir, parCmds, { runs: 3, warmup: 1 });
  report(`16 parallel run --rm vs one: tsmoby ${(parallel[0] / run[0]).toFixed(2)}x (target <= 3x)` +
    (podman ? `, podman ${(parallel[1] / run[1]).toFixed(2)}x` : ''));
  for (let i = 0; i < 100; i++) sh(tsmoby(`create ${ref} true`));
  const [ps, nodePs] = await hyperfine(dir, [tsmoby('ps -a'), `${node} -e 0`], { runs: 20, warmup: 3 });
  report(`ps -a (100 containers): tsmoby ${(ps * 1000).toFixed(1)} ms, node -e 0 ${(nodePs * 1000).toFixed(1)} ms, ratio ${(ps / nodePs).toFixed(2)} (target < 3)`);
  sh(tsmoby(`run -d --name membench ${ref} sleep 120`));
  const ours = pidsOf(`conmon.*membench|conmon.*${join(dir, 'ctr')}`);
  const ourKib = ours.length ? await privateKib(ours[0]) : NaN;
  let theirs = '';
  if (podman) {
    sh(podmanCmd(`run -d --network none --ulimit host --name membench ${ref} sleep 120`));
    const pid = pidsOf('/usr/bin/conmon.*membench')[0];
    if (pid) theirs = `, podman's conmon ${await privateKib(pid)} KiB`;
    sh(podmanCmd('rm -f -t 0 membench'));
  }
  report(`conmon private memory per running container: tsmoby ${ourKib} KiB (target < 1024)${theirs}`);
  sh(`${tsmoby('rm -fa')}; ${tsmoby('system reset --force')}`);
  if (has('podman')) spawnSync('sh', ['-c', podmanCmd('system reset --force')], { stdio: 'ignore' });
}

async function bench() {
  if (!has('hyperfine')) throw new Error('bench needs hyperfine (apt-get install hyperfine)');
  const dir = await mkdtemp(join(tmpdir(), 'tsmoby-bench-'));
  let registry;
  const lines = [];
  const report = (line) => { console.log(line); lines.push(line); };
  try {
    const lab = await loadLab(dir);
    registry = await lab.startRegistry({ variant: 'plain' });
    const conf = lab.writeMirrorRegistriesConf(join(dir, 'config'), registry);
    if (process.env.BENCH_ONLY === 'api') {
      await lab.pushFixture(registry, 'alpine');
      const storeArgs = ['--root', join(dir, 'api', 'root'), '--runroot', join(dir, 'api', 'run')];
      await benchApi({
        dir, node: process.execPath, tsmobyBin, storeArgs, conf, ref: `${registry.host}/library/alpine:latest`,
        hyperfine: (d, commands, options) => hyperfine(d, commands, options), report,
      });
      return lines;
    }
    await benchContainers(lab, registry, dir, conf, report);
    if (process.env.BENCH_ONLY === 'containers') return lines;
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

const lines = await bench();
console.log(`\nsummary:\n${lines.join('\n')}`);
