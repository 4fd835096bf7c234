// `atai-ft conformance` in-process against the stateful mock: clean, then drifting in each way the vendor could
// drift (a missing field, an unknown status, an undocumented status code, an unknown error shape). Expected counts
// and lines are worked out from the probe plan in the help, not read from the code.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../generated/facts.js';
import { startStatefulMock, type StatefulMock } from '../../mock/index.js';
import { jobBody } from '../../test-support/fixtures.js';
import { runCli } from '../../test-support/cli-io.js';
import { JOB_READS } from '../validation/conformance.js';

const API_KEY = 'conformance-test-key-5e1f';
const IDS = ['ftj-conf-1', 'ftj-conf-2', 'ftj-conf-3'];
const SPEC = '0.5.0';
let mock: StatefulMock;

beforeAll(async () => {
  mock = await startStatefulMock({ apiKey: API_KEY });
  for (const id of IDS) {
    await fetch(`${mock.url}/fine-tune/jobs`, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(jobBody(id)) });
  }
});
afterAll(() => mock.stop());
beforeEach(() => mock.reset());

function conformance(extra: string[] = [], env: NodeJS.ProcessEnv = { ATAI_API_KEY: API_KEY }) {
  return runCli(['conformance', '--base-url', mock.url, '--max-retries', '0', ...extra], env, API_KEY);
}

// The reads of one job the spec has (get, metrics, and any it adds): GETs of a path under a job.
const READS = OPERATIONS.filter((op) => op.method === 'GET' && op.path.startsWith('/fine-tune/jobs/{job_id}')).length;
// 1 unfiltered list + 10 lists (one per status) + every read of each of the 3 jobs + the 404 + the 401.
const ANSWERS = 1 + 10 + 3 * READS + 1 + 1;

describe('atai-ft conformance', () => {
  it('passes on a clean mock, reading only: every request a GET, nothing created, stopped or cancelled', async () => {
    const { code, stdout, stderr } = await conformance();
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: `conformance: ${ANSWERS} answers from ${mock.url} checked against spec ${SPEC}: all conform.\n`, stderr: '' });
    expect(new Set(mock.requests.map((r) => r.method))).toEqual(new Set(['GET']));
    expect(mock.requests).toHaveLength(ANSWERS);
    expect(mock.created()).toBe(IDS.length);
  });

  it('reports a missing field with its pointer', async () => {
    mock.inject({ kind: 'rewrite', drop: ['uuid'] }, { pathEndsWith: `/${IDS[1]}` });
    const { code, stdout } = await conformance();
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        'Drift (the API answered outside the spec):',
        '  getJob 200 /uuid',
        '    expected: a value (the field is required)',
        '    got:      nothing',
        `    request:  GET /fine-tune/jobs/${IDS[1]}`,
        `conformance: ${ANSWERS} answers from ${mock.url} checked against spec ${SPEC}: 1 drift in 1 answer.`,
        '',
      ].join('\n'),
    );
  });

  it('reports an unknown status in every record of a list', async () => {
    mock.inject({ kind: 'rewrite', set: { status: 'PAUSED' } }, { pathEndsWith: '/fine-tune/jobs' });
    const { code, stdout } = await conformance(['--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { conforms: boolean; answers: number; specVersion: string; drifts: Record<string, unknown>[] };
    expect(report).toMatchObject({ conforms: false, answers: ANSWERS, specVersion: SPEC, baseUrl: mock.url });
    expect(report.drifts.map((d) => [d.operationId, d.status, d.pointer, d.got, d.request])).toEqual(
      IDS.map((_, i) => ['listJobs', 200, `/${i}/status`, '"PAUSED"', 'GET /fine-tune/jobs?limit=5']),
    );
    expect(report.drifts[0]?.expected).toMatch(/^one of "UNKNOWN", "REGISTERED", .*"FAILED"$/);
  });

  it('reports a status code the spec does not document, and an error body in no documented envelope', async () => {
    mock.inject({ kind: 'raw', status: 418, body: '{"errors":[{"code":"teapot","message":"I am a teapot."}]}' }, { pathEndsWith: `/${IDS[0]}/metrics` });
    mock.inject({ kind: 'raw', status: 404, body: '{"error":"gone"}' }, { pathEndsWith: `/${IDS[2]}` });
    const { code, stdout } = await conformance();
    expect(code).toBe(1);
    expect(stdout).toContain(
      [
        '  getJobMetrics 418 (answer)',
        '    expected: one of the statuses the spec documents for getJobMetrics: 200, 400, 401, 403, 404, 422, 429, 500, 502, 503, 504',
        '    got:      418',
        `    request:  GET /fine-tune/jobs/${IDS[0]}/metrics?limit=5`,
        '  getJob 404 /error',
        '    expected: a value of type object',
        '    got:      "gone"',
        `    request:  GET /fine-tune/jobs/${IDS[2]}`,
      ].join('\n'),
    );
    expect(stdout).toMatch(/: 2 drifts in 2 answers\.\n$/);
  });

  it('never prints the key, even when the API echoes it into a drifting field', async () => {
    mock.inject({ kind: 'rewrite', set: { status: API_KEY } }, { pathEndsWith: `/${IDS[0]}` });
    const { code, stdout } = await conformance();
    expect(code).toBe(1);
    expect(stdout).toContain('    got:      "[REDACTED]"');
  });

  it('an allowed error answer that keeps a probe from checking is reported, with its usual exit code', async () => {
    mock.inject({ kind: 'status', status: 503 }, { pathEndsWith: `/${IDS[0]}` });
    const { code, stdout, stderr } = await conformance();
    expect(code).toBe(1);
    expect(stdout).toContain(`Not checked:\n  GET /fine-tune/jobs/${IDS[0]}: 503 upstream_error: Injected 503.`);
    expect(stdout).toMatch(/: 1 probe could not check, so not everything was checked\.\n$/);
    expect(stderr).toMatch(/^atai-ft: error: 503 upstream_error/);
  });

  it('a key the API refuses: the usual 401 error, no report', async () => {
    const { code, stdout, stderr } = await conformance([], { ATAI_API_KEY: 'conformance-expired-key-0000' });
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toMatch(/^atai-ft: error: 401: Invalid authentication credentials/);
    expect(mock.requests).toHaveLength(1);
  });

  it('an id the client refuses is reported as not checked, and the run goes on', async () => {
    mock.inject({ kind: 'rewrite', set: { id: '..' } }, { pathEndsWith: '/fine-tune/jobs', times: 1 });
    const { code, stdout } = await conformance();
    // Not a usage error of the user's: the API's answer could not be followed up, as with an error answer.
    expect(code).toBe(1);
    // Every read of the job is refused locally, whichever reads the spec has.
    expect(stdout).toContain('Not checked:\n  GET /fine-tune/jobs/');
    for (const op of JOB_READS) {
      const query = op.query.some((q) => q.name === 'limit') ? '?limit=5' : '';
      expect(stdout).toContain(`  GET ${op.path.replace('{job_id}', '..')}${query}: jobId is "..", which is never valid: no URL path can carry it`);
    }
    // The spec excludes the id `..` (no URL can carry it), so the list that holds it is drift too.
    expect(stdout).toContain('  listJobs 200 /0/id\n    expected: a value the spec does not exclude\n    got:      ".."\n');
    expect(stdout).toMatch(new RegExp(`: ${11 + 3 * READS + 2} answers .*: 3 drifts in 1 answer; ${READS} probes could not check, so not everything was checked\\.\\n$`));
  });

  it('a run cut short by --timeout prints what it found so far and exits 3', async () => {
    // The first read of the first job, whichever read the spec lists first, never answers in time.
    const first = (JOB_READS[0] as (typeof JOB_READS)[number]).path.replace('{job_id}', IDS[0] as string);
    mock.inject({ kind: 'delay', ms: 2_000 }, { pathEndsWith: first });
    const { code, stdout, stderr } = await conformance(['--timeout', '0.3']);
    expect(code).toBe(3);
    expect(stdout).toContain(`Not checked:\n  GET ${first}`);
    expect(stdout).toMatch(/conformance: 11 answers from .*: 1 probe could not check, so not everything was checked\.\n$/);
    expect(stderr).toMatch(/^atai-ft: error: .*timed out/i);
    // No probe after the one that got no answer: each would only have waited as long.
    expect(mock.requests).toHaveLength(12);
  });

  it('--max-jobs bounds the jobs read', async () => {
    const { code, stdout } = await conformance(['--max-jobs', '1']);
    expect(code).toBe(0);
    expect(stdout).toContain(`conformance: ${1 + 10 + READS + 2} answers`);
  });

  it.each([
    [['--max-jobs', '0'], "atai-ft: error: --max-jobs must be a whole number from 1 to 1000, got '0'"],
    [['extra'], "atai-ft: error: conformance takes no positional arguments, got 'extra'"],
  ])('refuses %j before any request', async (extra, line) => {
    const { code, stderr } = await conformance(extra);
    expect(code).toBe(2);
    expect(stderr).toContain(line);
    expect(mock.requests).toHaveLength(0);
  });

  it('without a key: exit 2 naming ATAI_API_KEY, nothing sent', async () => {
    const { code, stderr } = await conformance([], {});
    expect(code).toBe(2);
    expect(stderr).toContain('ATAI_API_KEY');
    expect(mock.requests).toHaveLength(0);
  });
});
