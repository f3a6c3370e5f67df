// The demo: a throwaway registry holding the `alpine` fixture, reached as docker.io through a registries.conf
// mirror, then pulls, lists and runs containers against throwaway storage. Needs `npm run build`.
// The registry and fixture code is the test lab's own (test/helpers), bundled with esbuild at start.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLab } from './lab.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function tsmoby(args, env) {
  console.log(`\n$ tsmoby ${args.map((a) => (/^[\w./:=@-]+$/.test(a) ? a : `'${a}'`)).join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'tsmoby'), ...args], {
      stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env },
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function demo() {
  if (!existsSync(join(root, 'dist', 'cli', 'main.cjs'))) {
    console.error('demo: dist/ is missing; run `npm run build` first');
    return 1;
  }
  const dir = await mkdtemp(join(tmpdir(), 'tsmoby-demo-'));
  let registry;
  try {
    const lab = await loadLab(dir);
    registry = await lab.startRegistry({ variant: 'plain' });
    const pushed = await lab.pushFixture(registry, 'alpine');
    console.log(`registry on ${registry.url}; pushed ${pushed.reference} (${pushed.manifestDigest})`);
    const configHome = join(dir, 'config');
    const registriesConf = lab.writeMirrorRegistriesConf(configHome, registry);
    console.log(`registries.conf mirrors docker.io to ${registry.host}: ${registriesConf}`);
    const env = { XDG_CONFIG_HOME: configHome, CONTAINERS_REGISTRIES_CONF: registriesConf };
    const storage = ['--root', join(dir, 'root'), '--runroot', join(dir, 'runroot')];
    const steps = [
      ['pull', 'alpine'],
      ['images'],
      ['run', '--rm', 'alpine', 'echo', 'hello from a tsmoby container'],
      ['run', '--rm', 'alpine', 'sh', '-c', 'id; ls -ln /home'],
      ['ps', '-a'],
    ];
    const codes = [];
    for (const step of steps) codes.push(await tsmoby([...storage, ...step], env));
    // Files owned by subordinate ids can only be removed from inside the user namespace: let tsmoby do it.
    await tsmoby([...storage, 'system', 'reset', '--force'], env);
    console.log(`\nexit codes: ${steps.map((s, i) => `${s[0]} ${codes[i]}`).join(', ')}`);
    return codes.every((c) => c === 0) ? 0 : 1;
  } finally {
    await registry?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

process.exitCode = await demo();
