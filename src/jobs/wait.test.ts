// waitForJob's polling with the job's answers scripted and time on a manual clock: which records are reported,
// how long it pauses, when it gives up.
import { describe, expect, it } from 'vitest';
import { fakeFetch, instantClock, json } from '../../test-support/fake-fetch.js';
import { SEED_STOP_RESPONSE } from '../../test-support/fixtures.js';
import { createClient } from '../client.js';
import type { Clock } from '../http/clock.js';
import { UserAbortError, WaitTimeoutError } from '../errors/index.js';
import type { Job, JobStatus } from '../types.js';
import { pollJob } from './wait.js';

const job = (status: JobStatus): Job => ({ ...SEED_STOP_RESPONSE, status });

/** A clock that moves only when slept on, recording every pause. */
function manual(): Clock & { sleeps: number[]; t: number } {
  const clock = {
    t: 0,
    sleeps: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

/** A `get` answering these statuses in turn, the last one for ever after. */
function answers(...statuses: JobStatus[]) {
  let n = 0;
  return async () => job(statuses[Math.min(n++, statuses.length - 1)] as JobStatus);
}

describe('pollJob', () => {
  it('resolves at the first terminal status, reporting each change once', async () => {
    const seen: JobStatus[] = [];
    const clock = manual();
    const done = await pollJob(answers('RUNNING', 'RUNNING', 'STOPPING', 'STOPPED'), clock, 'j', { onStatus: (j) => seen.push(j.status) });
    expect(done.status).toBe('STOPPED');
    expect(seen).toEqual(['RUNNING', 'STOPPING', 'STOPPED']);
  });

  it('pauses 0.4 s, then a quarter longer while nothing changes, back to 0.4 s after a change, capped', async () => {
    const clock = manual();
    await pollJob(answers('RUNNING', 'RUNNING', 'RUNNING', 'STOPPING', 'STOPPING', 'CANCELLED'), clock, 'j', { maxIntervalMs: 550 });
    expect(clock.sleeps).toEqual([400, 500, 550, 400, 500]);
  });

  it('takes a record just received as the first poll: no request until a pause later, none when it has ended', async () => {
    const clock = manual();
    let polls = 0;
    const get = answers('STOPPING', 'STOPPED');
    const counted = () => {
      polls++;
      return get();
    };
    const seen: string[] = [];
    await expect(pollJob(counted, clock, 'j', { onStatus: (j) => seen.push(j.status) }, [], job('STOPPING'))).resolves.toMatchObject({ status: 'STOPPED' });
    expect({ polls, sleeps: clock.sleeps, seen }).toEqual({ polls: 2, sleeps: [400, 500], seen: ['STOPPING', 'STOPPED'] });
    polls = 0;
    await expect(pollJob(counted, manual(), 'j', {}, [], job('CANCELLED'))).resolves.toMatchObject({ status: 'CANCELLED' });
    expect(polls).toBe(0);
  });

  it('stops at a status in `until`', async () => {
    await expect(pollJob(answers('REGISTERED', 'STARTING', 'RUNNING'), manual(), 'j', { until: ['RUNNING'] })).resolves.toMatchObject({ status: 'RUNNING' });
  });

  it('gives up after timeoutMs with the last record seen, never sleeping past the deadline', async () => {
    const clock = manual();
    const error = await pollJob(answers('RUNNING'), clock, 'j', { timeoutMs: 2_000, intervalMs: 800 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({ jobId: 'j', timeoutMs: 2_000, lastJob: { status: 'RUNNING' } });
    expect(clock.sleeps).toEqual([800, 1_000, 200]);
  });

  it('an aborted signal ends the wait with UserAbortError naming the job', async () => {
    const controller = new AbortController();
    const error = await pollJob(answers('RUNNING'), manual(), 'ftj-7', { signal: controller.signal, onStatus: () => controller.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserAbortError);
    expect((error as Error).message).toBe('Aborted by the caller: waiting for job ftj-7');
  });

  it.each([
    ['intervalMs', { intervalMs: -1 }],
    ['maxIntervalMs', { maxIntervalMs: Number.NaN }],
    ['timeoutMs', { timeoutMs: Number.POSITIVE_INFINITY }],
  ])('refuses a bad %s before polling', async (param, options) => {
    let polled = 0;
    const get = async () => (polled++, job('RUNNING'));
    await expect(pollJob(get, manual(), 'j', options)).rejects.toMatchObject({ name: 'ValidationError', param });
    expect(polled).toBe(0);
  });
});

describe('waitForJob({ initial })', () => {
  // Through the public client with fetch injected: what is asked of the API is what a user pays for.
  const client = (...statuses: JobStatus[]) => {
    const waits: number[] = [];
    const fake = fakeFetch(...statuses.map((status) => json(200, job(status))));
    return { jobs: createClient({ baseUrl: 'http://api.test', apiKey: 'sk-test-1', fetch: fake.fetch, clock: instantClock(waits) }).jobs, fake, waits };
  };

  it('starts from the record given: a pause first, no GET for what it says', async () => {
    const { jobs, fake, waits } = client('STOPPED');
    const seen: JobStatus[] = [];
    const done = await jobs.waitForJob(SEED_STOP_RESPONSE.id, { initial: job('STOPPING'), onStatus: (j) => seen.push(j.status) });
    expect(done.status).toBe('STOPPED');
    // Without `initial`: a GET at once (STOPPED here), no pause. With it: one pause, then the one GET.
    expect(fake.calls.map((call) => call.method)).toEqual(['GET']);
    expect(waits).toEqual([400]);
    expect(seen).toEqual(['STOPPING', 'STOPPED']);
  });

  it('stops at once when the record given has a status in `until`', async () => {
    const { jobs, fake } = client('RUNNING');
    await expect(jobs.waitForJob(SEED_STOP_RESPONSE.id, { initial: job('RUNNING'), until: ['RUNNING'] })).resolves.toMatchObject({ status: 'RUNNING' });
    expect(fake.calls).toEqual([]);
  });

  it('asks nothing when the record given has ended already', async () => {
    const { jobs, fake } = client('RUNNING');
    await expect(jobs.waitForJob(SEED_STOP_RESPONSE.id, { initial: job('STOPPED') })).resolves.toMatchObject({ status: 'STOPPED' });
    expect(fake.calls).toEqual([]);
  });

  it("refuses another job's record, naming both ids, before any request", async () => {
    const { jobs, fake } = client('STOPPED');
    const error = await jobs.waitForJob('ftj-other', { initial: job('STOPPING') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ValidationError', param: 'initial' });
    expect((error as Error).message).toContain(`options.initial is the record of job "${SEED_STOP_RESPONSE.id}", not of "ftj-other"`);
    expect(fake.calls).toEqual([]);
  });

  it('refuses what is not a job record (null from JavaScript) with a ValidationError, not a TypeError', async () => {
    const { jobs, fake } = client('STOPPED');
    const error = await jobs.waitForJob(SEED_STOP_RESPONSE.id, { initial: null as unknown as Job }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ValidationError', param: 'initial', message: expect.stringContaining('options.initial is not a job record (null)') as unknown });
    expect(fake.calls).toEqual([]);
  });
});
