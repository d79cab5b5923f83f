import { availableParallelism } from 'node:os';

import { defineConfig } from 'vitest/config';

// Three projects, each runnable alone (`npm run test:unit` and friends):
// unit tests beside the code (*.test.ts), integration tests on real Wasm
// (*.int.test.ts), browser tests in Debian's Chromium (*.browser.test.ts).
const ignored = ['**/node_modules/**', '**/.azle/**', '**/.localnet/**', 'build/**'];

export default defineConfig({
  test: {
    // Vitest's default is one worker per core minus one: a single worker on CI's 2 cores, which
    // leaves a core idle while a test waits on one canister or one child process. Builds share
    // one output folder under a lock (cli/build/build-lock.ts), so files can run side by side.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: [...ignored, '**/*.int.test.ts', '**/*.browser.test.ts', '**/*.package.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ignored,
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
      {
        // Packs this checkout and installs it into a new project (npm registry, minutes).
        test: {
          name: 'package',
          include: ['**/*.package.test.ts'],
          exclude: ignored,
          testTimeout: 900_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['**/*.browser.test.ts'],
          exclude: ignored,
          testTimeout: 120_000,
          hookTimeout: 600_000,
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
