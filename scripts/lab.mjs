// The test lab's helpers (test/helpers: registry, fixtures, test user) as one esbuild bundle written to `dir`,
// dependencies included, for the scripts that run outside vitest (demo, bench).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function loadLab(dir) {
  const result = await build({
    stdin: {
      contents: [
        "export { startRegistry } from './test/helpers/registry.ts';",
        "export { pushFixture } from './test/helpers/images.ts';",
        "export { writeMirrorRegistriesConf } from './test/helpers/registries-conf.ts';",
        "export { alpineEntries } from './test/helpers/fixture-contents.ts';",
        "export { assembleImage } from './test/helpers/image-assembly.ts';",
        "export { buildLayer } from './test/helpers/layer-tar.ts';",
        "export { prepareTestUser, removeTestUser, writeUserRegistriesConf } from './test/helpers/user.ts';",
        "export { uploadBlob, putManifest } from './test/helpers/registry-upload.ts';",
      ].join('\n'),
      resolveDir: root, loader: 'ts', sourcefile: 'lab.ts',
    },
    bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'warning',
    // The helpers find the checkout (and its node_modules) from their own location, not the bundle's.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(root, 'test', 'helpers', 'lab.ts')).href) },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const file = join(dir, 'lab.mjs');
  await writeFile(file, result.outputFiles[0].contents);
  return import(pathToFileURL(file).href);
}
