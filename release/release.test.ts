// `make release` and the Changes page, as a maintainer uses them, in a scratch repository holding this working tree:
// tag v0.1.0; remove a response field, regenerate, commit; the dry run says 0.2.0 and touches nothing; the release
// commits and tags it; a careless next step (spec edited, not regenerated, API report hand-edited, version set
// by hand, nothing said in CHANGELOG.md) is refused naming every reason; done properly it says 0.2.1; the Changes
// page shows the removal under 0.2.0 as breaking and the addition under Unreleased, each linking its operation.
// Real git, make, redocly, tsc and API Extractor, with this checkout's packages: the scratch node_modules is a folder
// of links to them with an install stamp of its own, touched before each make, so that no make there runs npm ci.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SPEC = 'openapi/fine-tune.yaml';
let repo = '';

const ENV = {
  ...process.env,
  // The machine's git configuration (signing, hooks, identity) is not the test's.
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Release Test',
  GIT_AUTHOR_EMAIL: 'release@example.invalid',
  GIT_COMMITTER_NAME: 'Release Test',
  GIT_COMMITTER_EMAIL: 'release@example.invalid',
  REDOCLY_TELEMETRY: 'off',
  MAKEFLAGS: '',
};

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}
function run(command: string, args: string[]): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repo, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
function make(...args: string[]): Promise<Ran> {
  // Newer than package.json, which the test and the release edit: make takes the packages as installed.
  const now = new Date();
  utimesSync(join(repo, 'node_modules/.install-stamp'), now, now);
  return run('make', ['--no-print-directory', ...args]);
}
async function git(...args: string[]): Promise<string> {
  const ran = await run('git', args);
  if (ran.status !== 0) throw new Error(`git ${args.join(' ')}: ${ran.stderr}`);
  return ran.stdout.trim();
}
async function commitAll(message: string): Promise<void> {
  await git('add', '-A');
  await git('commit', '-q', '-m', message);
}
const read = (path: string) => readFileSync(join(repo, path), 'utf8');
const edit = (path: string, from: string, to: string) => {
  const text = read(path);
  if (!text.includes(from)) throw new Error(`${path} does not contain ${from}`);
  writeFileSync(join(repo, path), text.replace(from, to));
};
async function regenerate(): Promise<void> {
  const ran = await make('generate');
  expect(ran.stderr).not.toContain('were not refreshed');
  expect(ran.status).toBe(0);
}

// MetricPoint's optional `wall_time_sec`: a response field, so removing it breaks readers.
const WALL_TIME = `        wall_time_sec:
          type: number
          description: Seconds since training started.
          example: 1575.2
`;
// A new optional field of Job's answers: an addition.
const JOB_INFERENCE = '        inference_config_path:\n';
const NOTES = "        notes:\n          type: string\n          description: Free-form notes on the job.\n";
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'atai-release-'));
  // This working tree, as the next commit would hold it (tracked and new files, not ignored ones).
  const list = await new Promise<string>((resolve, reject) => {
    const child = spawn('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
  for (const path of list.split('\0').filter(Boolean)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    try {
      cpSync(join(ROOT, path), join(repo, path));
    } catch {
      // Deleted in the working tree, not yet in the index.
    }
  }
  mkdirSync(join(repo, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name !== '.install-stamp' && name !== '.vite') symlinkSync(join(ROOT, 'node_modules', name), join(repo, 'node_modules', name));
  }
  writeFileSync(join(repo, 'node_modules/.install-stamp'), '');
  await git('init', '-q', '-b', 'main');
  await commitAll('the project as it is');
  await git('tag', 'v0.1.0');
}, 60_000);
afterAll(() => {
  if (repo) rmSync(repo, { recursive: true, force: true });
});

describe('make release', () => {
  it('rates a removed response field breaking: the dry run prints 0.2.0, touching nothing; the release commits and tags it', { timeout: 240_000 }, async () => {
    edit(SPEC, WALL_TIME, '');
    await regenerate();
    await commitAll('Remove MetricPoint.wall_time_sec');
    const head = await git('rev-parse', 'HEAD');

    const dry = await make('release', 'DRY_RUN=1');
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/^version: 0\.2\.0$/m);
    expect(dry.stdout).toMatch(/breaking +GET \/fine-tune\/jobs\/\{job_id\}\/metrics \(getJobMetrics\): Property `wall_time_sec` of `MetricPoint` was removed\./);
    expect(dry.stdout).toContain('api/atai-finetune.api.md');
    expect(await git('status', '--porcelain')).toBe('');
    expect(await git('rev-parse', 'HEAD')).toBe(head);
    expect(await git('tag', '--list')).toBe('v0.1.0');

    const real = await make('release');
    expect(real.stderr).toBe('');
    expect(real.status).toBe(0);
    expect(await git('tag', '--list')).toBe('v0.1.0\nv0.2.0');
    expect(await git('rev-parse', 'v0.2.0^{commit}')).toBe(await git('rev-parse', 'HEAD'));
    expect(await git('rev-parse', 'HEAD^')).toBe(head);
    expect(await git('status', '--porcelain')).toBe('');
    expect(JSON.parse(read('package.json'))).toMatchObject({ version: '0.2.0' });
    expect(JSON.parse(read('package-lock.json'))).toMatchObject({ version: '0.2.0', packages: { '': { version: '0.2.0' } } });
    const changelog = read('CHANGELOG.md');
    expect(changelog).toContain(`## Unreleased\n\n## 0.2.0 (${today()})\n\n### Breaking\n`);
    expect(changelog.indexOf('## 0.2.0')).toBeLessThan(changelog.indexOf('## 0.1.0'));
  });

  it('refuses a careless next release, naming every reason, and touches nothing', { timeout: 120_000 }, async () => {
    edit(SPEC, JOB_INFERENCE, `${NOTES}${JOB_INFERENCE}`); // not regenerated
    edit('api/atai-finetune-mock.api.md', '```ts', '```ts\r\nexport const hand_edited = 1;');
    edit('package.json', '"version": "0.2.0"', '"version": "0.9.0"');
    const head = await git('rev-parse', 'HEAD');
    const refused = await make('release');
    expect(refused.status).not.toBe(0);
    // What the changes call for is still said: the spec gained an optional field since v0.2.0.
    expect(refused.stdout).toMatch(/^version: 0\.2\.1$/m);
    expect(refused.stderr.split('\n').filter((line) => line.startsWith('  - '))).toEqual([
      '  - the working tree is not clean (api/atai-finetune-mock.api.md, openapi/fine-tune.yaml, package.json): commit or stash first, so that the tag names what was tested',
      "  - generated/ is stale: it does not match openapi/fine-tune.yaml; run 'make generate' and commit the result",
      "  - an API report in api/ is stale: run 'make api-report', review, and commit it",
      '  - package.json says 0.9.0, above the 0.2.1 the changes since v0.2.0 call for: the version would not increase; set package.json back to 0.2.0 (the release bumps it)',
      '  - the "Unreleased" section of CHANGELOG.md is empty: say what users will notice in this release first',
    ]);
    expect(await git('rev-parse', 'HEAD')).toBe(head);
    expect(await git('tag', '--list')).toBe('v0.1.0\nv0.2.0');
    expect(JSON.parse(read('package.json'))).toMatchObject({ version: '0.9.0' });
    await git('checkout', '-q', '--', '.');
  });

  it('rates a new optional response field as not breaking: 0.2.1; the Changes page shows both releases', { timeout: 120_000 }, async () => {
    edit(SPEC, JOB_INFERENCE, `${NOTES}${JOB_INFERENCE}`);
    await regenerate();
    edit('CHANGELOG.md', '## Unreleased\n', '## Unreleased\n\n### Added\n- `Job.notes`.\n');
    await commitAll('Add Job.notes');
    const dry = await make('release', 'DRY_RUN=1');
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/^version: 0\.2\.1$/m);
    expect(dry.stdout).not.toMatch(/^ *breaking/m);

    const built = await run(join(repo, 'node_modules/.bin/tsx'), ['openapi/build-changes.ts', SPEC, 'build/docs']);
    expect(built.status).toBe(0);
    const page = read('build/docs/changes.html');
    const section = (id: string) => new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(page)?.[1] ?? '';
    expect([...page.matchAll(/<h2>([^<]*)<\/h2>/g)].map((match) => match[1])).toEqual(['Unreleased', '0.2.0', '0.1.0']);
    expect(section('unreleased')).toMatch(/<li><span class="not-breaking">Not breaking<\/span> \(addition\): <a href="api.html#operation\/\w+"><code>[A-Z]+ \/fine-tune\/jobs[^<]*<\/code><\/a>: Added `[^`]*properties\/notes`/);
    expect(section('unreleased')).not.toContain('class="breaking"');
    expect(section('v0.2.0')).toContain('<li><span class="breaking">Breaking</span>: <a href="api.html#operation/getJobMetrics"><code>GET /fine-tune/jobs/{job_id}/metrics</code></a>: Property `wall_time_sec` of `MetricPoint` was removed.</li>');
    expect(section('v0.1.0')).toContain('The first released version.');
    for (const tag of ['v0.1.0', 'v0.2.0']) expect(read(`build/docs/versions/${tag}/fine-tune.yaml`)).toBe((await run('git', ['show', `${tag}:${SPEC}`])).stdout);
    expect(read('build/docs/versions/v0.1.0/fine-tune.yaml')).toContain(WALL_TIME);
    expect(read('build/docs/versions/v0.2.0/fine-tune.yaml')).not.toContain(WALL_TIME);
  });
});
