// checkConformance with fetch injected: a server that never says 404 or 401 drifts from the spec, and a probe
// without an answer ends the run with the usual error.
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, networkError } from '../../test-support/fake-fetch.js';
import { SEED_STOP_RESPONSE } from '../../test-support/fixtures.js';
import { ConnectionError } from '../errors/index.js';
import { OPERATIONS } from '../../generated/facts.js';
import { OPERATION_DOCS } from '../../generated/operation-docs.js';
import { checkConformance } from './conformance.js';
import { operationOf } from './operation-of.js';

const KEY = 'sk-conformance-unit-77aa';

describe('checkConformance', () => {
  it('a server that answers 200 to everything drifts on the unknown job and the wrong key', async () => {
    // Each GET answered with its operation's example from the spec; the list holds one job.
    const answer = (path: string) => {
      if (path === '/fine-tune/jobs') return [SEED_STOP_RESPONSE];
      const operationId = operationOf('GET', path);
      return operationId ? OPERATION_DOCS[operationId].example : null;
    };
    const fake = fakeFetch((call) => json(200, answer(new URL(call.url).pathname))(call));
    const report = await checkConformance({ apiKey: KEY, baseUrl: 'http://api.test', fetch: fake.fetch, maxJobs: 2 });
    expect(report.failures).toEqual([]);
    expect(report.drifts.map((d) => [d.operationId, d.status, d.pointer, d.expected, d.got])).toEqual([
      ['getJob', 200, '', 'status 404 (no job has this id)', '200'],
      ['listJobs', 200, '', 'status 401 (a key the API does not know)', '200'],
    ]);
    // 11 lists, every read of the one job the lists held (GETs of a path under a job, in the spec), the unknown job,
    // the wrong key.
    const reads = OPERATIONS.filter((op) => op.method === 'GET' && op.path.startsWith('/fine-tune/jobs/{job_id}')).length;
    expect(report.answers).toBe(11 + reads + 2);
    expect(new Set(fake.calls.map((c) => c.method))).toEqual(new Set(['GET']));
    const wrongKey = fake.calls.at(-1)?.headers.authorization;
    expect(wrongKey).toMatch(/^Bearer atai-conformance-wrong-key-/);
    expect(fake.calls.slice(0, -1).every((c) => c.headers.authorization === `Bearer ${KEY}`)).toBe(true);
  });

  it('stops at a probe that gets no answer: the report so far, with the connection error', async () => {
    const fake = fakeFetch(networkError('ECONNREFUSED'));
    const report = await checkConformance({ apiKey: KEY, baseUrl: 'http://api.test', fetch: fake.fetch, maxRetries: 0 });
    expect(report.failures.map((f) => [f.request, f.error.name])).toEqual([['GET /fine-tune/jobs?limit=5', 'ConnectionError']]);
    expect(report.failures[0]?.error).toBeInstanceOf(ConnectionError);
    expect(fake.calls).toHaveLength(1);
  });

  it('a busy API (429, 503) at the unknown-job and wrong-key probes is a failure, not drift', async () => {
    const fake = fakeFetch((call) => {
      const path = new URL(call.url).pathname;
      if (path.includes('no-such-job')) return json(503, { errors: [{ code: 'upstream_error', message: 'Down.' }] })(call);
      if (call.headers.authorization !== `Bearer ${KEY}`) return json(429, { errors: [{ code: 'rate_limit_exceeded', message: 'Slow down.' }] })(call);
      return json(200, [])(call);
    });
    const report = await checkConformance({ apiKey: KEY, baseUrl: 'http://api.test', fetch: fake.fetch, maxRetries: 0 });
    expect(report.drifts).toEqual([]);
    expect(report.failures.map((f) => [f.error.name, (f.error as { status?: number }).status])).toEqual([
      ['InternalServerError', 503],
      ['RateLimitError', 429],
    ]);
  });

  it('a redirect is drift: the spec documents none', async () => {
    const fake = fakeFetch((call) => {
      if (call.url.startsWith('http://api.test/moved/')) return json(200, [])(call);
      const moved = new Response('[]', { status: 200, headers: { 'content-type': 'application/json' } });
      Object.defineProperty(moved, 'url', { value: call.url.replace('http://api.test/', 'http://api.test/moved/') });
      return moved;
    });
    const report = await checkConformance({ apiKey: KEY, baseUrl: 'http://api.test', fetch: fake.fetch, maxRetries: 0 });
    expect(report.drifts[0]).toMatchObject({ operationId: 'listJobs', status: 200, pointer: '', expected: 'an answer from the URL asked (the spec documents no redirect)' });
    expect(report.drifts[0]?.got).toMatch(/^a redirect to "http:\/\/api.test\/moved\/fine-tune\/jobs/);
  });

  it('maxJobs outside 1..1000 is a ValidationError naming it, before any request', async () => {
    for (const maxJobs of [0, -1, 1.5, Number.NaN, 1001]) {
      const fake = fakeFetch(json(200, []));
      await expect(checkConformance({ apiKey: KEY, baseUrl: 'http://api.test', fetch: fake.fetch, maxJobs })).rejects.toMatchObject({ name: 'ValidationError', param: 'maxJobs' });
      expect(fake.calls).toHaveLength(0);
    }
  });
});
