// typescript-eslint with type information. A promise-heavy client needs the promise rules most: a floating or
// misused promise loses an error or a rejection silently. `strictTypeChecked` (style rules left to review), with
// the few exceptions below, each for a reason.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', 'build/', 'generated/', 'bench/RESULTS.md'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js', 'typedoc.config.mjs', 'openapi/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // `(x) => list.push(x)` callbacks are idiomatic; a void value used anywhere else is still an error.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // An AbortSignal's reason is typed `any` by the DOM; rejecting with it is what fetch itself does.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      // Numbers and booleans in messages read naturally; objects are still refused.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    // Plain Node scripts outside the TypeScript project.
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['**/*.test.ts', '**/*.test-d.ts', 'contract-tests/**', 'test-support/**', 'bench/**'],
    rules: {
      // Tests build values of the wrong type on purpose to prove they are refused.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Fakes implement async interfaces (fetch, Clock.sleep) with bodies that need no await.
      '@typescript-eslint/require-await': 'off',
      // expectTypeOf(client.jobs.stop) inspects a method's type; it never calls it unbound.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
