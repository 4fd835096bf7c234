// The built `atai-ft conformance` as a user runs it: against the stateful mock (clean, then drifting) and against
// Prism, a mock that answers its examples whatever the id or key, which a conformance run must catch.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCliStack, type CliStack } from './cli-helpers.js';

let cli: CliStack;
beforeAll(async () => {
  cli = await startCliStack();
  await cli.createJob();
  await cli.createJob();
});
afterAll(() => cli.stop());

describe('atai-ft conformance', () => {
  it('exits 0 with one summary line on a clean mock, having only read', async () => {
    cli.mock.reset();
    const run = await cli.atai(['conformance']);
    // 1 unfiltered list + 10 per-status lists + get and metrics of the 2 jobs + the unknown job + the wrong key.
    expect(run).toEqual({ code: 0, stdout: `conformance: 17 answers from ${cli.mock.url} checked against spec 0.5.0: all conform.\n`, stderr: '' });
    expect(new Set(cli.mock.requests.map((r) => r.method))).toEqual(new Set(['GET']));
  });

  it('exits 1 and names the field when the API drops one', async () => {
    cli.mock.reset();
    cli.mock.inject({ kind: 'rewrite', drop: ['created_at'] }, { pathEndsWith: '/fine-tune/jobs', times: 1 });
    const run = await cli.atai(['conformance', '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { conforms: boolean; drifts: { operationId: string; status: number; pointer: string; got: string }[] };
    expect(report.conforms).toBe(false);
    expect(report.drifts.map((d) => `${d.operationId} ${d.status} ${d.pointer} ${d.got}`)).toEqual(['listJobs 200 /0/created_at nothing', 'listJobs 200 /1/created_at nothing']);
  });

  it("catches Prism answering an unknown job with 200 and a wrong key with 200: it is a mock, not the API", async () => {
    const run = await cli.atai(['conformance', '--base-url', inject('prismUrl')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  getJob 200 (answer)\n    expected: status 404 (no job has this id)\n    got:      200\n');
    expect(run.stdout).toContain('  listJobs 200 (answer)\n    expected: status 401 (a key the API does not know)\n    got:      200\n');
    expect(run.stdout).toMatch(/: 2 drifts in 2 answers\.\n$/);
  });
});
