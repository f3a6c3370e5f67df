import { defineConfig } from 'vitest/config';

// End-to-end files start real registries and containers: keep them in separate forks, one at a time per
// file group, and give them room; unit tests stay fast and parallel.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/results.json' },
  },
});
