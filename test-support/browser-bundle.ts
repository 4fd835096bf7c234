// What a browser app pays for the client: an app bundled as a web bundler would (esbuild, platform browser, ESM,
// minified, tree-shaken), with what went into it. contract-tests/size.test.ts holds it to bench/size-budget.json
// (in make test); bench/size.ts prints the same figures against the same budget.
import { build, type Metafile, type Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where the budget lives: the one place to change it. */
export const BUDGET_FILE = 'bench/size-budget.json';

/**
 * The app the budget is for: it stops and cancels a job and nothing else, with validation off (the default), or
 * with `validateResponses: specValidation('throw')` when `validating`, to show what that adds. Never throws.
 */
export function stopCancelApp(validating = false): string {
  const options = validating ? `{ apiKey: 'app-key', validateResponses: specValidation('throw') }` : `{ apiKey: 'app-key' }`;
  return [
    `import { createClient } from './src/index.ts';`,
    validating ? `import { specValidation } from './src/validation/index.ts';` : '',
    `const client = createClient(${options});`,
    `const stopped = await client.jobs.stop('ftj-app-1');`,
    `const cancelled = await client.jobs.cancel('ftj-app-2');`,
    `console.log(stopped.status, cancelled.status);`,
  ].join('\n');
}

/** A Node built-in (or undici) that a module of the bundle imports: in a browser bundle it has nothing to stand on. */
export interface NodeOnlyImport {
  /** As written: `node:net`, `fs`, `undici`... */
  path: string;
  /** The module importing it, relative to the repository. */
  importer: string;
  /** `import-statement`, `dynamic-import`, `require-call`... */
  kind: string;
}

/** A bundle's sizes and what went into it. */
export interface BrowserBundle {
  name: string;
  /**
   * Bytes of the minified code the app loads before its first line runs: the entry file and every file it imports
   * statically. Code the client imports only when a call needs it (`import()`: waiting, bulk, iterate...) is split
   * into files of their own, as a web bundler splits it, and counted in `lazy`.
   */
  minified: number;
  /** Bytes of the same files after gzip -9, each on its own (as a server sends them). */
  gzip: number;
  /** The files loaded only when a call needs them: how many, their bytes minified and gzipped, the modules in them. */
  lazy: { files: number; minified: number; gzip: number; modules: string[] };
  /** Every module the bundle reached, in any file, relative to the repository (node_modules/... for dependencies). */
  reached: string[];
  /** Bytes each module contributes to the code loaded up front (`minified`), largest first. */
  contributions: { path: string; bytes: number }[];
  /** Node built-ins and undici imported by modules of the bundle, left out of it (externals) and listed here. */
  nodeOnly: NodeOnlyImport[];
}

/** A size budget in bytes: of what is loaded up front, minified and gzipped, and of the files loaded on demand, gzipped. */
export interface SizeBudget {
  minifiedBytes: number;
  gzipBytes: number;
  lazyGzipBytes: number;
}

const NODE_ONLY = new RegExp(`^(node:.*|undici(/.*)?|(${builtinModules.map((m) => m.replace(/[/.]/g, '\\$&')).join('|')})(/.*)?)$`);

/**
 * Bundles `source` (TypeScript, resolved from the repository root) for the browser, minified and tree-shaken, and
 * measures it. A Node built-in or undici import does not fail the build: it is left out and listed in `nodeOnly`
 * with the module that imports it, so the caller can say which module leaks. package.json's `browser` field is
 * honoured for the package's own modules, as web bundlers honour it: a module mapped away (the Node exchange) is
 * never read, so its imports are not seen; undici and the built-ins themselves are flagged wherever imported.
 * @throws rejects with esbuild's error when the source does not build (a missing module, a syntax error).
 */
export async function bundleForBrowser(name: string, source: string): Promise<BrowserBundle> {
  const nodeOnly: NodeOnlyImport[] = [];
  const flagNodeOnly: Plugin = {
    name: 'flag-node-only',
    setup(builder) {
      builder.onResolve({ filter: NODE_ONLY }, (args) => {
        nodeOnly.push({ path: args.path, importer: args.importer.startsWith(ROOT) ? args.importer.slice(ROOT.length) : args.importer, kind: args.kind });
        return { path: args.path, external: true };
      });
    },
  };
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, loader: 'ts', sourcefile: 'app.ts' },
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    treeShaking: true,
    splitting: true,
    outdir: 'out',
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [flagNodeOnly],
  });
  const code = new Map(result.outputFiles.map((file) => [file.path.slice(ROOT.length), file.contents]));
  // Every file the metafile names must be one esbuild wrote: a size of 0 for a name that matched nothing would pass
  // any budget.
  const contents = (path: string) => {
    const bytes = code.get(path);
    if (!bytes) throw new Error(`esbuild's metafile names ${path}, which is not among the files it wrote (${[...code.keys()].join(', ')})`);
    return bytes;
  };
  const upFront = loadedUpFront(result.metafile);
  const sizes = (paths: string[]) => ({
    minified: paths.reduce((sum, path) => sum + contents(path).byteLength, 0),
    gzip: paths.reduce((sum, path) => sum + gzipSync(contents(path), { level: 9 }).byteLength, 0),
  });
  const lazy = Object.keys(result.metafile.outputs).filter((path) => !upFront.includes(path));
  return {
    name,
    ...sizes(upFront),
    lazy: { files: lazy.length, ...sizes(lazy), modules: contributions(result.metafile, lazy).map((c) => c.path) },
    reached: Object.keys(result.metafile.inputs),
    contributions: contributions(result.metafile, upFront),
    nodeOnly,
  };
}

/** The output files loaded before the app's first line runs: the entry and, transitively, what it imports statically. */
function loadedUpFront(metafile: Metafile): string[] {
  const entry = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint !== undefined)?.[0];
  const loaded: string[] = [];
  for (let next = entry ? [entry] : []; next.length > 0; ) {
    const path = next.pop() as string;
    if (loaded.includes(path)) continue;
    loaded.push(path);
    for (const imported of metafile.outputs[path]?.imports ?? []) if (imported.kind === 'import-statement' && !imported.external) next.push(imported.path);
  }
  return loaded;
}

function contributions(metafile: Metafile, files: readonly string[]): { path: string; bytes: number }[] {
  const bytes = new Map<string, number>();
  for (const file of files) for (const [path, { bytesInOutput }] of Object.entries(metafile.outputs[file]?.inputs ?? {})) bytes.set(path, (bytes.get(path) ?? 0) + bytesInOutput);
  return [...bytes].map(([path, n]) => ({ path, bytes: n })).sort((a, b) => b.bytes - a.bytes);
}

/** The minified bytes of the `n` modules that contribute most, one per line: what to look at when the bundle grew. */
export function largestInputs(bundle: BrowserBundle, n = 10): string {
  return bundle.contributions
    .slice(0, n)
    .map(({ path, bytes }) => `  ${String(bytes).padStart(7)} B  ${path}`)
    .join('\n');
}

/**
 * The budget of `key` in {@link BUDGET_FILE}.
 * @throws {Error} when the file cannot be read or parsed, or has no numeric budget for `key`.
 */
export function readSizeBudget(key: string): SizeBudget {
  const budgets = JSON.parse(readFileSync(`${ROOT}${BUDGET_FILE}`, 'utf8')) as Record<string, Partial<SizeBudget> | undefined>;
  const budget = budgets[key];
  if (typeof budget?.minifiedBytes !== 'number' || typeof budget.gzipBytes !== 'number' || typeof budget.lazyGzipBytes !== 'number') {
    throw new Error(`${BUDGET_FILE} has no { "minifiedBytes": number, "gzipBytes": number, "lazyGzipBytes": number } for "${key}".`);
  }
  return { minifiedBytes: budget.minifiedBytes, gzipBytes: budget.gzipBytes, lazyGzipBytes: budget.lazyGzipBytes };
}
