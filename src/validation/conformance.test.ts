// checkConformance with fetch injected: a server that never says 404 or 401 drifts from the spec, and a probe
// without an answer ends the run with the usual error.
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, networkError } from '../../test-support/fake-fetch.js';
import { SEED_STOP_RESPONSE } from '../../test-support/fixtures.js';
import { ConnectionError } from '../errors/index.js';
import { checkConformance } from './conformance.js';

const KEY = 'sk-conformance-unit-77aa';

describe('checkConformance', () => {
  it('a server that answers 200 to everything drifts on the unknown job and the wrong key', async () => {
    const answer = (path: string) => (path === '/fine-tune/jobs' ? [SEED_STOP_RESPONSE] : path.endsWith('/metrics') ? { last_checkpoint_step: null, metrics: [] } : SEED_STOP_RESPONSE);
    const fake = fakeFetch((call) => json(200, answer(new URL(call.url).pathname))(call));
    const report = await checkConformance({ apiKey: KEY, baseUrl: 'http://api.test', fetch: fake.fetch, maxJobs: 2 });
    expect(report.failures).toEqual([]);
    expect(report.drifts.map((d) => [d.operationId, d.status, d.pointer, d.expected, d.got])).toEqual([
      ['getJob', 200, '', 'status 404 (no job has this id)', '200'],
      ['listJobs', 200, '', 'status 401 (a key the API does not know)', '200'],
    ]);
    // 11 lists, the one job the lists held (get and metrics), the unknown job, the wrong key.
    expect(report.answers).toBe(11 + 2 + 2);
    expect(new Set(fake.calls.map((c) => c.method))).toEqual(new Set(['GET']));
    const wrongKey = fake.calls.at(-1)?.headers.authorization;
    expect(wrongKey).toMatch(/^Bearer atai-conformance-wrong-key-/);
    expect(fake.calls.slice(0, -1).every((c) => c.headers.authorization === `Bearer ${KEY}`)).toBe(true);
  });

  it('stops at a probe that gets no answer, with the connection error', async () => {
    const fake = fakeFetch(networkError('ECONNREFUSED'));
    await expect(checkConformance({ apiKey: KEY, baseUrl: 'http://api.test', fetch: fake.fetch, maxRetries: 0 })).rejects.toBeInstanceOf(ConnectionError);
    expect(fake.calls).toHaveLength(1);
  });
});
