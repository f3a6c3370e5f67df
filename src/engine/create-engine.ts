// The one composition root: wires config, state, storage, image, runtime and network services into an Engine.
import { resolveStorePaths, storeLayout } from '../config/paths.js';
import { LinuxSys } from '../sys/linux-sys.js';
import { wireContainers } from './containers/container-wiring.js';
import type { Engine, EngineOptions, ImageEngine } from './engine.js';

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const paths = resolveStorePaths({
    ...(options.root !== undefined ? { root: options.root } : {}),
    ...(options.runroot !== undefined ? { runroot: options.runroot } : {}),
  });
  const layout = storeLayout(paths);
  const sys = new LinuxSys({ runroot: paths.runroot, rootless: paths.rootless, uid: paths.uid });
  const images = {} as ImageEngine;
  const { containers, volumes } = wireContainers(options, paths, layout, sys, () => images);
  return { images, containers, volumes };
}
