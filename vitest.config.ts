import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Two layers of the package users run, and its maintainers' tools. `unit`: the client, CLI and mock in-process with
// `fetch` injected or a loopback mock; no Prism, no global setup; the maintainer's inner loop (`npm run test:unit`).
// `contract`: real Prism processes started from the spec, a Steady process beside the shared Prism (requests.test.ts
// and request-params.test.ts run on both), the stateful mock behind `prism proxy --errors`, the built CLI and the
// packed tarball. `tooling`: what maintainers run on this repository's Node (the generators, `make breaking`, the
// docs site in Chromium, `make release`, the workflows); make test runs it once, not again on Node 24.
export default defineConfig({
  test: {
    testTimeout: 20_000,
    // One test file per core (vitest's default leaves one core free): the files are independent (each starts its
    // own mocks on free ports, or uses the Prism and Steady the global setup shares, which keep no state), and on
    // two cores the suite takes about two thirds of the time.
    maxWorkers: availableParallelism(),
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'mock/**/*.test.ts'], sequence: { groupOrder: 1 } },
      },
      {
        extends: true,
        test: {
          name: 'contract',
          include: ['contract-tests/**/*.test.ts'],
          sequence: { groupOrder: 1 },
          // One Prism and one Steady process for the whole layer, started from the spec and stopped afterwards.
          globalSetup: ['contract-tests/global-setup.ts'],
          // *.test-d.ts files hold type-level assertions; vitest runs them through tsc and reports them as tests.
          typecheck: { enabled: true, include: ['contract-tests/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
      {
        extends: true,
        // First, as a group of its own: its files are the longest (the release scenarios run make for minutes), and
        // vitest would otherwise start them after every contract file, leaving one core idle at the end.
        test: { name: 'tooling', include: ['openapi/**/*.test.ts', 'release/**/*.test.ts'], sequence: { groupOrder: 0 } },
      },
    ],
  },
});
