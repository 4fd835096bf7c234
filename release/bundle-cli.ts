// The `atai-ft` binary as published: dist/src/cli/main.js (what tsc compiled) bundled by esbuild into one CommonJS
// file, dist/cli/atai-ft.cjs. Node loads one file faster than the sixty-odd modules of the build, and a CommonJS
// file faster than an ES module (bench/cli-start.ts). What a command needs only when it runs (the client, the Node
// transport, the mock, the conformance check and its validators) stays inside, wrapped so that it is evaluated when
// first imported; one module graph, so an error class has one identity however it was reached. undici stays a
// dependency, required only by the Node transport; openapi-fetch, being ESM, is bundled in.
// Usage: tsx release/bundle-cli.ts (make build runs it after tsc).
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Where package.json's `bin` says the binary is: the one place that names it.
const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { bin: Record<string, string> };
const OUT = `${ROOT}${manifest.bin['atai-ft']}`;

rmSync(dirname(OUT), { recursive: true, force: true });
await build({
  entryPoints: [`${ROOT}dist/src/cli/main.js`],
  absWorkingDir: ROOT,
  outfile: OUT,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['undici'],
  // Smaller is faster to compile: about 6 ms instead of 10 at each start here (the start of `node -e 0` is ~40 ms).
  // Names are kept where they are read: the error classes set theirs (`name = 'ApiError'`).
  minify: true,
  // The one use of import.meta (src/cli/version.ts finds package.json from its own file) read in CommonJS terms.
  define: { 'import.meta.url': 'importMetaUrl' },
  // "use strict" first: esbuild's own comes after the banner, where it is no longer a directive.
  banner: { js: `"use strict";const importMetaUrl = require('node:url').pathToFileURL(__filename).href;` },
  logLevel: 'warning',
});
chmodSync(OUT, 0o755);
