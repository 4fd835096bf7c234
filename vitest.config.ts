import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'contract-tests/**/*.test.ts', 'openapi/**/*.test.ts'],
    // One Prism process for the whole run, started from the spec and stopped afterwards.
    globalSetup: ['contract-tests/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // *.test-d.ts files hold type-level assertions; vitest runs them through tsc and reports them as tests.
    typecheck: { enabled: true, include: ['contract-tests/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
