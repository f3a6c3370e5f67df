// The setup most end-to-end files share: one registry holding the alpine fixture for the file, and per mode a
// tsmoby store that has pulled it. The store is handed out at once as a stand-in that forwards to the real
// one once beforeAll made it, so that test bodies read `t.run(...)` as before.
import { afterAll, beforeAll, expect } from 'vitest';
import { pushFixture, type FixtureName, type PushedFixture } from './images.js';
import { startRegistry, type TestRegistry } from './registry.js';
import { tsmobyFor, type Mode, type Tsmoby } from './tsmoby.js';

export interface FixtureRegistry {
  registry(): TestRegistry;
  pushed(name: FixtureName): PushedFixture;
}

/** Starts a plain registry holding `names` before the suite, stops it after. */
export function fixtureRegistry(names: readonly FixtureName[]): FixtureRegistry {
  let registry: TestRegistry | undefined;
  const pushed = new Map<FixtureName, PushedFixture>();
  beforeAll(async () => {
    registry = await startRegistry({ variant: 'plain' });
    for (const name of names) pushed.set(name, await pushFixture(registry, name));
  }, 120_000);
  afterAll(async () => { await registry?.stop(); });
  return {
    registry: () => {
      if (!registry) throw new Error('the registry is used before beforeAll started it');
      return registry;
    },
    pushed: (name) => {
      const fixture = pushed.get(name);
      if (!fixture) throw new Error(`fixture ${name} was not pushed by this suite`);
      return fixture;
    },
  };
}

/** Starts a plain registry with the alpine fixture before the suite, stops it after. */
export function alpineRegistry(): () => TestRegistry {
  return fixtureRegistry(['alpine']).registry;
}

/** A store in `mode` with alpine pulled; `beforeCleanup` runs first at the end (e.g. `rm -fa`). */
export function storeWithAlpine(mode: Mode, registry: () => TestRegistry, beforeCleanup?: (t: Tsmoby) => Promise<unknown>): Tsmoby {
  let real: Tsmoby | undefined;
  beforeAll(async () => {
    real = await tsmobyFor(mode, registry());
    expect((await real.run(['pull', '-q', 'alpine'])).exitCode).toBe(0);
  }, 120_000);
  afterAll(async () => {
    if (real && beforeCleanup) await beforeCleanup(real);
    await real?.cleanup();
  });
  return new Proxy({} as Tsmoby, {
    get(_, key) {
      if (!real) throw new Error('the store is used before beforeAll made it');
      const value = real[key as keyof Tsmoby];
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(real) : value;
    },
  });
}
