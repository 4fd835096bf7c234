// The package as a user gets it: `npm pack`, installed from the tarball into a fresh project, type-checked
// there against its own import, run against Prism, and its `atai-ft` binary run through npx.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { CLI_BIN } from '../test-support/cli-bin.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const work = mkdtempSync(join(tmpdir(), 'atai-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

const APP = `import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClient, ConflictError, TERMINAL_STATUSES, type Job, type JobStatus } from 'atai-finetune';
import { ManualClock, PendingFaultsError, startStatefulMock } from 'atai-finetune/mock';
import { ResponseValidationError, specValidation } from 'atai-finetune/validation';

const client = createClient({ apiKey: 'key-for-the-mock', baseUrl: process.argv[2] });
const job: Job = await client.jobs.stop('ftj-my-finetune-run-3de60a5c');
const status: JobStatus = job.status;
// @ts-expect-error ids are strings, and the installed types say so
client.jobs.stop(42).catch(() => undefined);
let conflict = '';
try {
  await client.jobs.cancel(job.id, { headers: { Prefer: 'code=409' } });
} catch (error) {
  if (error instanceof ConflictError) conflict = error.code ?? '';
}
const spec = existsSync(fileURLToPath(import.meta.resolve('atai-finetune/openapi/fine-tune.yaml')));

// The README's atai-finetune/mock example: one ManualClock for mock and client, so waiting takes no real time.
const clock = new ManualClock();
const mock = await startStatefulMock({ clock });
const local = createClient({ baseUrl: mock.url, apiKey: mock.apiKey, clock });
const created = await local.jobs.create({ name: 'nightly', config: { model: 'Newton::c2_4_7b_251215a172f6d7', datasets: [{ name: 'train', split: 'train', file_ids: ['file-abc123'] }] } });
// The README's create, run twice: the second run returns the first run's job.
const readmeBody = { name: 'my-finetune-run', id: 'ftj-my-finetune-run-3de60a5c', config: { model: 'Newton::c2_4_7b_251215a172f6d7', datasets: [{ name: 'training-set', split: 'train', file_ids: ['file-abc123'] }] } };
const firstRun = await local.jobs.create(readmeBody, { ifExists: 'return' });
const rerun = await local.jobs.create(readmeBody, { ifExists: 'return' });
const rerunSame = rerun.id === firstRun.id && mock.created() === 2;
mock.inject({ kind: 'status', status: 503 }, { method: 'GET' });
const seen: JobStatus[] = [];
const done = await local.jobs.waitForJob(created.id, { onStatus: (j) => seen.push(j.status) });
const retried503 = mock.requests.some((r) => r.status === 503);
mock.assertNoPendingFaults();
// A fault no request takes is named by assertNoPendingFaults; one no operation could take is refused by inject.
mock.inject({ kind: 'reset' }, { method: 'PUT', pathEndsWith: '/ftj-never/stop' });
let pending = '';
try {
  mock.assertNoPendingFaults();
} catch (error) {
  if (error instanceof PendingFaultsError) pending = error.pending.map((p) => p.scope.pathEndsWith).join();
}
mock.reset();
let refused = '';
try {
  mock.inject({ kind: 'status', status: 503 }, { method: 'POST', pathEndsWith: '/ftj-old/stop' });
} catch (error) {
  refused = error instanceof RangeError ? 'RangeError' : String(error);
}
let stopEnded = '';
try {
  await local.jobs.stop(created.id);
} catch (error) {
  if (error instanceof ConflictError) stopEnded = error.code ?? '';
}
// The README's atai-finetune/validation example: an answer outside the spec is a typed error naming the field.
const strict = createClient({ baseUrl: mock.url, apiKey: mock.apiKey, clock, validateResponses: specValidation('throw') });
mock.inject({ kind: 'rewrite', set: { status: 'PAUSED' } });
let drift = '';
try {
  await strict.jobs.get(created.id);
} catch (error) {
  if (error instanceof ResponseValidationError) drift = error.drifts.map((d) => \`\${d.pointer} \${d.got}\`).join();
}
await mock.stop();
console.log(JSON.stringify({ status, conflict, terminal: TERMINAL_STATUSES, spec, lifecycle: seen, final: done.status, retried503, pending, refused, rerunSame, stopEnded, drift }));
`;

describe('npm pack', () => {
  let packed: PackResult;

  it('contains what users need and nothing else', async () => {
    // make test builds dist/ first; --ignore-scripts keeps prepack from building it a second time.
    const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT });
    packed = (JSON.parse(stdout) as PackResult[])[0] as PackResult;
    const paths = packed.files.map((f) => f.path);
    for (const needed of ['package.json', 'README.md', 'LICENSE', 'openapi/fine-tune.yaml', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/index.js.map', 'dist/generated/fine-tune.js', 'dist/mock/index.js', 'dist/mock/index.d.ts', 'dist/src/validation/index.js', 'dist/generated/validators.js']) {
      expect(paths).toContain(needed);
    }
    // The binary, wherever package.json's bin puts it.
    expect(paths).toContain(relative(ROOT, CLI_BIN));
    expect(paths.filter((p) => !/^(dist\/|openapi\/fine-tune\.yaml$|README\.md$|LICENSE$|package\.json$)/.test(p))).toEqual([]);
    expect(paths.filter((p) => /\.test\.|contract-tests|examples\//.test(p))).toEqual([]);
    mkdirSync(join(ROOT, 'build'), { recursive: true });
    writeFileSync(
      join(ROOT, 'build/package-report.txt'),
      `${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.files.length} files\n` +
        packed.files.map((f) => `${String(f.size).padStart(8)}  ${f.path}`).join('\n') +
        '\n',
    );
  });

  // An npm install, a tsc run and two processes: 11 to 17 s on this project's 2-core machine, past the 20 s default
  // when it is busy; the bound is for a hang, not for speed.
  it('installs into a fresh project that type-checks against it, runs against Prism, and runs atai-ft', { timeout: 90_000 }, async () => {
    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, packed.filename), '@types/node@20.19.43'], { cwd: app });
    writeFileSync(join(app, 'app.ts'), APP);
    // Never run: what a declaration file (and so a hover) says of an awaited job and of a list of them.
    writeFileSync(
      join(app, 'declared.ts'),
      `import { createClient } from 'atai-finetune';\nconst client = createClient({ apiKey: 'k' });\nexport const job = await client.jobs.get('ftj-1');\nexport const jobs = await client.jobs.list();\n`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, types: ['node'], outDir: 'out', declaration: true }, files: ['app.ts', 'declared.ts'] }),
    );
    await run(process.execPath, [TSC, '-p', app], { cwd: app });
    const declared = readFileSync(join(app, 'out/declared.d.ts'), 'utf8');
    expect(declared).toContain('export declare const job: import("atai-finetune").Job;');
    expect(declared).toContain('export declare const jobs: import("atai-finetune").Job[];');
    const { stdout } = await run(process.execPath, [join(app, 'out/app.js'), inject('prismUrl')], { cwd: app });
    expect(JSON.parse(stdout)).toEqual({
      status: 'STOPPING',
      conflict: 'job_already_terminal',
      terminal: ['COMPLETED', 'STOPPED', 'CANCELLED', 'FAILED'],
      spec: true,
      // The mock's clock moves only through the client's waits: without the shared ManualClock the job would
      // never leave REGISTERED and the app would hang. FINALIZING (3 s) passes between two polls that have grown
      // apart while the job ran (30 s): onStatus reports the statuses seen.
      lifecycle: ['REGISTERED', 'STARTING', 'RUNNING', 'COMPLETED'],
      final: 'COMPLETED',
      retried503: true,
      pending: '/ftj-never/stop',
      refused: 'RangeError',
      rerunSame: true,
      stopEnded: 'job_already_terminal',
      drift: '/status "PAUSED"',
    });

    const help = await run('npx', ['--no-install', 'atai-ft', '--help'], { cwd: app });
    expect(help.stdout).toContain('Usage:');
    expect(help.stdout).toContain('atai-ft jobs stop ID...');
  });
});
