// The size budget, in make test: a browser app that stops and cancels a job stays within bench/size-budget.json,
// both in what it loads up front and in the files the client imports only when a call needs them; what such an app
// never calls (waiting, bulk, iterating, client.raw's Response) is not loaded up front; and its bundle holds no
// validation code (validation is off) and nothing Node-only (undici, node: built-ins), which a browser could not
// load. Sizes are esbuild's, as a web bundler makes them: test-support/browser-bundle.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { BUDGET_FILE, bundleForBrowser, largestInputs, readSizeBudget, stopCancelApp, type BrowserBundle } from '../test-support/browser-bundle.js';

const BUDGET = 'stopCancelApp';
let app: BrowserBundle;
beforeAll(async () => {
  app = await bundleForBrowser('the stop/cancel app (browser)', stopCancelApp());
});

const nodeOnly = (bundle: BrowserBundle) => [
  ...bundle.nodeOnly.map((i) => `${i.path} (${i.kind} in ${i.importer})`),
  ...bundle.reached.filter((path) => path.includes('node_modules/undici/')),
];

describe('the browser bundle of an app that stops and cancels a job', () => {
  it.each([
    ['minified', 'minifiedBytes'],
    ['gzip', 'gzipBytes'],
  ] as const)('stays within its %s budget', (size, key) => {
    const budget = readSizeBudget(BUDGET)[key];
    const measured = app[size];
    const why =
      `${app.name} is ${measured} B ${size}, over its budget of ${budget} B (${BUDGET_FILE}, "${BUDGET}.${key}") by ` +
      `${measured - budget} B. The modules that take most of it (minified bytes, from esbuild's metafile):\n${largestInputs(app)}\n` +
      `If the growth is meant, raise the budget in ${BUDGET_FILE} and say why in the commit.`;
    expect(measured, why).toBeLessThanOrEqual(budget);
  });

  it('stays within its budget for what it loads only when a call needs it', () => {
    const budget = readSizeBudget(BUDGET).lazyGzipBytes;
    const why = `the files ${app.name} loads on demand are ${app.lazy.gzip} B gzip (${app.lazy.files} files), over their budget of ${budget} B (${BUDGET_FILE}, "${BUDGET}.lazyGzipBytes").`;
    expect(app.lazy.gzip, why).toBeLessThanOrEqual(budget);
  });

  it('does not load up front what an app that only stops and cancels never calls', () => {
    const upFront = app.contributions.map((c) => c.path);
    const onDemand = ['src/jobs/wait.ts', 'src/jobs/bulk.ts', 'src/jobs/iterate.ts', 'src/http/buffered-response.ts'];
    // Not a vacuous pass: each is in the bundle, in a file of its own loaded when a call needs it.
    expect(app.reached).toEqual(expect.arrayContaining(onDemand));
    expect(app.lazy.files).toBeGreaterThan(0);
    expect(upFront.filter((path) => onDemand.includes(path)), 'loaded before the app runs: import it where the call that needs it is made').toEqual([]);
  });

  it('is measured: it holds more than openapi-fetch, the one dependency it bundles', async () => {
    const alone = await bundleForBrowser('openapi-fetch alone', `import createClient from 'openapi-fetch'; export const c = createClient({ baseUrl: 'x' });`);
    expect(alone.gzip).toBeGreaterThan(1000);
    expect(app.gzip).toBeGreaterThan(alone.gzip);
    expect(app.minified).toBeGreaterThan(alone.minified);
  });

  it('holds none of the validation code: with validation off it adds nothing', () => {
    // Not a vacuous pass: the client itself is there.
    expect(app.reached).toContain('src/client.ts');
    const validation = app.reached.filter((path) => path === 'generated/validators.ts' || path.startsWith('src/validation/'));
    expect(validation, 'the main entry point reaches the validators; they belong to atai-finetune/validation only').toEqual([]);
  });

  it('holds nothing Node-only: no undici, no Node built-ins', () => {
    const why = 'a browser bundle imports Node-only modules; load them only on Node (a dynamic import mapped away by package.json "browser")';
    expect(nodeOnly(app), why).toEqual([]);
  });

  it('the Node-only check sees undici and built-ins, with or without node:, when a module imports them', async () => {
    const leaky = await bundleForBrowser('leaky', `import { request } from 'undici'; import { gzipSync } from 'node:zlib'; import { readFileSync } from 'fs';
      console.log(request, gzipSync, readFileSync);`);
    expect(nodeOnly(leaky)).toEqual(['undici (import-statement in app.ts)', 'node:zlib (import-statement in app.ts)', 'fs (import-statement in app.ts)']);
  });
});
