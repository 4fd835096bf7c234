// `make release` refusing, in a scratch repository of this working tree (scratch-repo.ts): each reason named, all in
// one run, and nothing touched; a commit git refuses leaves nothing half done. No regeneration: these runs only
// check, so they take seconds each.
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_INFERENCE, NOTES, SPEC, scratchRepo, type ScratchRepo } from './scratch-repo.js';

let repo: ScratchRepo;
beforeAll(async () => {
  repo = await scratchRepo();
}, 60_000);
afterAll(() => repo.remove());
const refusals = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('  - '));

describe('make release refuses', () => {
  it('a first release whose version CHANGELOG.md already has, saying to tag the commit that released it', { timeout: 120_000 }, async () => {
    const ran = await repo.make('release', 'DRY_RUN=1');
    expect(ran.status).not.toBe(0);
    expect(ran.stdout).toMatch(/^version: 0\.1\.0$/m);
    expect(refusals(ran.stderr)).toEqual(['  - no v* tag yet, and CHANGELOG.md already has a section for 0.1.0, package.json\'s version: tag the commit that released it (git tag v0.1.0 COMMIT), then run make release again']);
    await repo.git('tag', 'v0.1.0');
  });

  it('a careless release, naming every reason in one run, and touches nothing', { timeout: 120_000 }, async () => {
    repo.edit(SPEC, JOB_INFERENCE, `${NOTES}${JOB_INFERENCE}`); // not regenerated
    repo.edit('api/atai-finetune-mock.api.md', '```ts', '```ts\r\nexport const hand_edited = 1;');
    repo.edit('package.json', '"version": "0.1.0"', '"version": "0.9.0"');
    repo.edit('CHANGELOG.md', '### Fixed\n- A fix users notice.\n', '### Fixed\n');
    const head = await repo.git('rev-parse', 'HEAD');
    const refused = await repo.make('release');
    expect(refused.status).not.toBe(0);
    // What the changes call for is still said: the spec gained an optional field since v0.1.0.
    expect(refused.stdout).toMatch(/^version: 0\.1\.1$/m);
    expect(refusals(refused.stderr)).toEqual([
      '  - the working tree is not clean (CHANGELOG.md, api/atai-finetune-mock.api.md, openapi/fine-tune.yaml, package.json): commit or stash first, so that the tag names what was tested',
      "  - generated/ is stale: it does not match openapi/fine-tune.yaml; run 'make generate' and commit the result",
      "  - an API report in api/ is stale: run 'make api-report', review, and commit it",
      '  - package.json says 0.9.0, above the 0.1.1 the changes since v0.1.0 call for: the version would not increase; set package.json back to 0.1.0 (the release bumps it)',
      '  - the "Unreleased" section of CHANGELOG.md is empty: say what users will notice in this release first',
    ]);
    expect(await repo.git('rev-parse', 'HEAD')).toBe(head);
    expect(await repo.git('tag', '--list')).toBe('v0.1.0');
    expect(JSON.parse(repo.read('package.json'))).toMatchObject({ version: '0.9.0' });
    await repo.git('checkout', '-q', '--', '.');
  });

  it('to leave anything half done when git fails: a refused commit puts HEAD and every file back, with no tag', { timeout: 120_000 }, async () => {
    const head = await repo.git('rev-parse', 'HEAD');
    const hook = '.git/hooks/pre-commit';
    writeFileSync(`${repo.dir}/${hook}`, '#!/bin/sh\necho "pre-commit: refused by policy" >&2\nexit 1\n');
    chmodSync(`${repo.dir}/${hook}`, 0o755);
    const failed = await repo.make('release');
    rmSync(`${repo.dir}/${hook}`);
    expect(failed.status).not.toBe(0);
    expect(failed.stdout).toMatch(/^version: 0\.1\.1$/m);
    expect(failed.stderr).toContain(`make release: git failed, nothing was released (HEAD and CHANGELOG.md, package.json, package-lock.json are back at ${head.slice(0, 12)}):`);
    expect(failed.stderr).toContain('pre-commit: refused by policy');
    expect(await repo.git('rev-parse', 'HEAD')).toBe(head);
    expect(await repo.git('status', '--porcelain')).toBe('');
    expect(await repo.git('tag', '--list')).toBe('v0.1.0');
    expect(JSON.parse(repo.read('package.json'))).toMatchObject({ version: '0.1.0' });
  });
});
