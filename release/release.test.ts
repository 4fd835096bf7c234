// `make release` and the Changes page as issue 21's "done means" runs them, in a scratch repository of this working
// tree (scratch-repo.ts): tag v0.1.0; remove a response field, regenerate, commit; the dry run says 0.2.0 and changes
// nothing in git; the release commits and tags it; add an optional response field, regenerate, commit: 0.2.1; the
// Changes page shows the removal under 0.2.0 as breaking and the addition under Unreleased, each linking its
// operation, and each released spec. Real git, make, redocly, tsc and API Extractor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_INFERENCE, NOTES, SPEC, scratchRepo, WALL_TIME, type ScratchRepo } from './scratch-repo.js';

let repo: ScratchRepo;
beforeAll(async () => {
  repo = await scratchRepo();
  await repo.git('tag', 'v0.1.0');
}, 60_000);
afterAll(() => repo.remove());

async function regenerate(): Promise<void> {
  const ran = await repo.make('generate');
  expect(ran.stderr).not.toContain('were not refreshed');
  expect(ran.status).toBe(0);
}
const today = () => new Date().toISOString().slice(0, 10);

describe('make release', () => {
  it('rates a removed response field breaking: the dry run prints 0.2.0, changing nothing; the release commits and tags it', { timeout: 240_000 }, async () => {
    repo.edit(SPEC, WALL_TIME, '');
    await regenerate();
    await repo.commitAll('Remove MetricPoint.wall_time_sec');
    const head = await repo.git('rev-parse', 'HEAD');

    const dry = await repo.make('release', 'DRY_RUN=1');
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/^version: 0\.2\.0$/m);
    expect(dry.stdout).toMatch(/breaking +GET \/fine-tune\/jobs\/\{job_id\}\/metrics \(getJobMetrics\): Property `wall_time_sec` of `MetricPoint` was removed\./);
    expect(dry.stdout).toMatch(/breaking +api\/atai-finetune\.api\.md:\n +- wall_time_sec\?: number;/);
    expect(await repo.git('status', '--porcelain')).toBe('');
    expect(await repo.git('rev-parse', 'HEAD')).toBe(head);
    expect(await repo.git('tag', '--list')).toBe('v0.1.0');

    const real = await repo.make('release');
    expect(real.stderr).toBe('');
    expect(real.status).toBe(0);
    expect(real.stdout).toContain('git push --atomic origin HEAD v0.2.0');
    expect(await repo.git('tag', '--list')).toBe('v0.1.0\nv0.2.0');
    expect(await repo.git('rev-parse', 'v0.2.0^{commit}')).toBe(await repo.git('rev-parse', 'HEAD'));
    expect(await repo.git('rev-parse', 'HEAD^')).toBe(head);
    expect(await repo.git('status', '--porcelain')).toBe('');
    expect(JSON.parse(repo.read('package.json'))).toMatchObject({ version: '0.2.0' });
    expect(JSON.parse(repo.read('package-lock.json'))).toMatchObject({ version: '0.2.0', packages: { '': { version: '0.2.0' } } });
    expect(repo.read('CHANGELOG.md')).toBe(`# Changelog\n\n## Unreleased\n\n## 0.2.0 (${today()})\n\n### Fixed\n- A fix users notice.\n\n## 0.1.0\n\n- The first version.\n`);
  });

  it('rates a new optional response field as not breaking: 0.2.1; the Changes page shows both releases', { timeout: 120_000 }, async () => {
    repo.edit(SPEC, JOB_INFERENCE, `${NOTES}${JOB_INFERENCE}`);
    await regenerate();
    repo.edit('CHANGELOG.md', '## Unreleased\n', '## Unreleased\n\n### Added\n- `Job.notes`.\n');
    await repo.commitAll('Add Job.notes');
    const dry = await repo.make('release', 'DRY_RUN=1');
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/^version: 0\.2\.1$/m);
    expect(dry.stdout).toMatch(/addition +api\/atai-finetune\.api\.md:\n +\+ notes\?: string;/);
    expect(dry.stdout).not.toMatch(/^ *breaking/m);

    const built = await repo.run('node_modules/.bin/tsx', ['openapi/build-changes.ts', SPEC, 'build/docs']);
    expect(built.status).toBe(0);
    const page = repo.read('build/docs/changes.html');
    const section = (id: string) => new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(page)?.[1] ?? '';
    expect([...page.matchAll(/<h2>([^<]*)<\/h2>/g)].map((match) => match[1])).toEqual(['Unreleased', '0.2.0', '0.1.0']);
    expect(section('unreleased')).toMatch(/<li><span class="not-breaking">Not breaking<\/span> \(addition\): <a href="api.html#operation\/\w+"><code>[A-Z]+ \/fine-tune\/jobs[^<]*<\/code><\/a>: Added <code>[^<]*properties\/notes<\/code>/);
    expect(section('unreleased')).not.toContain('class="breaking"');
    expect(section('v0.2.0')).toContain('<li><span class="breaking">Breaking</span>: <a href="api.html#operation/getJobMetrics"><code>GET /fine-tune/jobs/{job_id}/metrics</code></a>: Property <code>wall_time_sec</code> of <code>MetricPoint</code> was removed.</li>');
    expect(section('v0.1.0')).toContain('The first released version.');
    for (const tag of ['v0.1.0', 'v0.2.0']) expect(repo.read(`build/docs/versions/${tag}/fine-tune.yaml`)).toBe((await repo.run('git', ['show', `${tag}:${SPEC}`])).stdout);
    expect(repo.read('build/docs/versions/v0.1.0/fine-tune.yaml')).toContain(WALL_TIME);
    expect(repo.read('build/docs/versions/v0.2.0/fine-tune.yaml')).not.toContain(WALL_TIME);
  });
});
