// The built package (dist/, as users get it) on the runtimes it claims: the same smoke checks in this Node process
// and in a page in headless Chromium (bundled by esbuild, served from memory, nothing from the network), against
// Prism, which answers CORS. A Node-only API on the client's path (process, Buffer, node:*) fails the browser row.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startStatefulMock, type StatefulMock } from '../mock/index.js';
import { createClient } from '../src/index.js';
import { jobBody } from '../test-support/fixtures.js';
import type { SmokeResult, SmokeTargets } from '../test-support/smoke.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DIST = `${ROOT}dist/src/index.js`;
/** Bundles take the built package: every import of src/index.js is resolved to dist/src/index.js. */
const useDist: Plugin = { name: 'use-dist', setup: (b) => b.onResolve({ filter: /\/src\/index\.js$/ }, () => ({ path: DIST })) };
// Bun and Deno send with fetch and never load the Node transport; bundled for them, it is left out (an esbuild
// bundle would otherwise hoist its `import 'undici'` to the top, which Deno cannot resolve without an import map).
const withoutNodeTransport: Plugin = {
  name: 'without-node-transport',
  setup: (b) => {
    b.onResolve({ filter: /\/node-exchange\.js$/ }, (args) => ({ path: args.path, namespace: 'empty' }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};' }));
  },
};
const table: string[] = [];
let silent: Server;
let targets: SmokeTargets;
let browser: Browser | undefined;
let mock: StatefulMock;
let n = 0;

/** The targets of one runtime's run: a fresh job to cancel, and one whose next GET the mock answers 429 once. */
async function targetsForRun(): Promise<SmokeTargets> {
  const client = createClient({ baseUrl: mock.url, apiKey: mock.apiKey });
  const jobToCancel = (await client.jobs.create(jobBody(`ftj-smoke-cancel-${++n}`))).id;
  const jobBehind429 = (await client.jobs.create(jobBody(`ftj-smoke-429-${n}`))).id;
  mock.inject({ kind: 'status', status: 429, retryAfter: '0' }, { method: 'GET', pathEndsWith: `/${jobBehind429}` });
  return { ...targets, jobToCancel, jobBehind429 };
}

beforeAll(async () => {
  if (!existsSync(DIST)) throw new Error("dist/ is missing: run 'make build' (make test does it first).");
  // Accepts connections and never answers: the timeout check's server.
  // A runtime that exits with a connection open resets it: that is expected here, not an error.
  silent = createServer((socket) => socket.on('error', () => undefined));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  mock = await startStatefulMock();
  targets = {
    prismUrl: inject('prismUrl'),
    silentUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    mockUrl: mock.url,
    mockKey: mock.apiKey,
    jobToCancel: '',
    jobBehind429: '',
  };
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
});
afterAll(async () => {
  await mock.stop();
  await browser?.close();
  silent.close();
  process.stdout.write(`\nruntime smoke checks (built package):\n${table.join('\n')}\n`);
});

function record(runtime: string, version: string, results: SmokeResult[]): void {
  const failed = results.filter((r) => !r.ok);
  table.push(`  ${runtime.padEnd(10)} ${version.padEnd(16)} ${results.length - failed.length}/${results.length} passed${failed.length ? `: ${failed.map((r) => r.name).join('; ')}` : ''}`);
}

/** The other runtimes: where `make runtimes` put each binary, its version flag and how it runs the bundle. */
const RUNTIMES_DIR = `${ROOT}runtimes/node_modules/`;
const OTHERS: { name: string; bin: string; args: string[] }[] = [
  { name: 'node 22', bin: `${RUNTIMES_DIR}node22/bin/node`, args: [] },
  { name: 'node 24', bin: `${RUNTIMES_DIR}node24/bin/node`, args: [] },
  { name: 'bun', bin: `${RUNTIMES_DIR}@oven/bun-linux-x64/bin/bun`, args: [] },
  // No --allow-env: reading the environment is refused, as it is for many Deno programs.
  { name: 'deno', bin: `${RUNTIMES_DIR}@deno/linux-x64-glibc/deno`, args: ['run', '--allow-net=127.0.0.1', '--no-prompt'] },
];

function run(bin: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(bin, args, { timeout: 60_000, env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the smoke checks', () => {
  it('pass in Node', async () => {
    const pkg = (await import(pathToFileURL(DIST).href)) as typeof import('../src/index.js');
    const { runSmoke } = await import('../test-support/smoke.js');
    const results = await runSmoke(pkg, await targetsForRun());
    record('node', process.version, results);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.length).toBeGreaterThan(5);
  });

  it.each(OTHERS)('pass in $name, from a bundle of the built package', async ({ name, bin, args }) => {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run 'make runtimes' (make test does it first).`);
    const bundle = `${ROOT}build/smoke-runtime.mjs`;
    // Node bundles keep the Node transport, with undici loaded from node_modules as an app's bundle would.
    const onNode = name.startsWith('node');
    await build({
      entryPoints: [`${ROOT}test-support/smoke-main.ts`],
      bundle: true,
      format: 'esm',
      platform: onNode ? 'node' : 'neutral',
      external: onNode ? ['undici'] : [],
      outfile: bundle,
      logLevel: 'silent',
      plugins: onNode ? [useDist] : [useDist, withoutNodeTransport],
    });
    const version = (await run(bin, ['--version'])).stdout.split('\n')[0]?.replace(/ \(.*$/, '').trim() ?? '';
    const { code, stdout, stderr } = await run(bin, [...args, bundle, JSON.stringify(await targetsForRun())]);
    expect(code, stderr).toBe(0);
    const results = JSON.parse(stdout) as SmokeResult[];
    record(name, version, results);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.length).toBeGreaterThan(5);
  });

  it('pass in headless Chromium, from a bundle of the built package', async () => {
    const bundle = await build({ entryPoints: [`${ROOT}test-support/smoke-page.ts`], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent', plugins: [useDist] });
    const script = bundle.outputFiles[0]?.text ?? '';
    // The page and the bundle are served from 127.0.0.1 (a page elsewhere may not reach loopback addresses);
    // any request that would leave this machine is blocked and counted.
    const site = createHttpServer((req, res) => {
      if (req.url === '/smoke.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>smoke</title><script type="module" src="/smoke.js"></script>');
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const siteAddress = site.address();
    const page = await (browser as Browser).newPage();
    const outside: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('http://127.0.0.1:')) return route.continue();
      outside.push(url);
      return route.abort('blockedbyclient');
    });
    try {
      await page.goto(`http://127.0.0.1:${typeof siteAddress === 'object' && siteAddress ? siteAddress.port : 0}/`);
      await page.waitForFunction(() => 'runSmokeTest' in globalThis);
      const runTargets = await targetsForRun();
      const results = await page.evaluate((t) => (globalThis as unknown as { runSmokeTest: (t: SmokeTargets) => Promise<SmokeResult[]> }).runSmokeTest(t), runTargets);
      record('chromium', browser?.version() ?? '', results);
      expect(results.filter((r) => !r.ok)).toEqual([]);
      expect(results.length).toBeGreaterThan(5);
      expect(outside).toEqual([]);
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    } finally {
      await page.close();
      await new Promise((resolve) => site.close(resolve));
    }
  });
});
