// Issue 11, point 4: the vendor adds statuses and fields before the spec knows them. A job in a status the spec
// does not list, or with fields it does not describe, passes through untouched, and a wait does not end on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startStatefulMock, type StatefulMock } from '../mock/index.js';
import { fakeFetch, json } from '../test-support/fake-fetch.js';
import { jobBody, SEED_STOP_RESPONSE } from '../test-support/fixtures.js';
import { createClient } from './client.js';
import { WaitTimeoutError } from './errors/index.js';
import { isJobStatus, isTerminalStatus, type JobStatus } from './types.js';

const clock = new ManualClock();
let mock: StatefulMock;
beforeAll(async () => {
  mock = await startStatefulMock({ clock });
});
afterAll(() => mock.stop());

// A status from the future: typed as JobStatus only because the mock's setter takes one.
const PAUSED = 'PAUSED' as JobStatus;

describe('a status the spec does not know yet', () => {
  it('comes back from get and list as is; isJobStatus tells it apart', async () => {
    const client = createClient({ baseUrl: mock.url, apiKey: mock.apiKey, clock });
    const { id } = await client.jobs.create(jobBody('ftj-paused-1'));
    mock.setStatus(id, PAUSED);
    const job = await client.jobs.get(id);
    expect(job.status).toBe('PAUSED');
    expect((await client.jobs.list()).find((j) => j.id === id)?.status).toBe('PAUSED');
    expect(isJobStatus(job.status)).toBe(false);
    expect(isTerminalStatus(job.status)).toBe(false);
  });

  it('does not end a wait: onStatus reports it, and the wait goes on until the job ends', async () => {
    const client = createClient({ baseUrl: mock.url, apiKey: mock.apiKey, clock });
    const { id } = await client.jobs.create(jobBody('ftj-paused-2'));
    mock.setStatus(id, PAUSED);
    const seen: string[] = [];
    const error = await client.jobs.waitForJob(id, { timeoutMs: 60_000, onStatus: (j) => seen.push(j.status) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({ lastJob: { status: 'PAUSED' } });
    expect(seen).toEqual(['PAUSED']);
  });
});

describe('fields the spec does not describe', () => {
  it('are kept in the record the client returns', async () => {
    const future = { ...SEED_STOP_RESPONSE, priority: 7, config: { ...SEED_STOP_RESPONSE.config, epochs: 3 } };
    const client = createClient({ baseUrl: 'http://api.test', apiKey: 'sk-future-1234', fetch: fakeFetch(json(200, future)).fetch });
    await expect(client.jobs.get(SEED_STOP_RESPONSE.id)).resolves.toEqual(future);
  });
});
