// Waits end at their deadline, and no duration can overflow Node's timer (which fires anything above 2^31-1 ms
// after 1 ms): through createClient with `fetch` injected. Pauses between polls run on a clock that returns at
// once; the deadline of a poll in flight is real time, as the user would measure it.
import { createHook } from 'node:async_hooks';
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { fakeFetch, hang, instantClock, json, okJob, type Script } from '../../test-support/fake-fetch.js';
import { SEED_STOP_RESPONSE } from '../../test-support/fixtures.js';
import { createClient, type ClientOptions } from '../client.js';
import { UserAbortError, ValidationError, WaitTimeoutError } from '../errors/index.js';
import type { JobStatus } from '../types.js';

const KEY = 'sk-unit-5e6f7a8b9c0d';
const client = (fetch: typeof globalThis.fetch, options: ClientOptions = {}) =>
  createClient({ baseUrl: 'http://api.test/v0.5', apiKey: KEY, fetch, clock: instantClock(), ...options });
const jobId = SEED_STOP_RESPONSE.id;
const status = (s: JobStatus): Script => json(200, { ...SEED_STOP_RESPONSE, status: s });
/** The longest delay a Node timer keeps. */
const MAX = 2 ** 31 - 1;

/** Runs `work` and says how it ended and after how many real ms. */
async function timed(work: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - started };
}

/** Runs `work` to its end and counts the timers it started that are still pending (each would keep a process alive). */
async function timersLeftBy(work: () => Promise<unknown>): Promise<number> {
  const pending = new Set<number>();
  const hook = createHook({
    init: (id, type) => {
      if (type === 'Timeout') pending.add(id);
    },
    destroy: (id) => pending.delete(id),
  });
  hook.enable();
  try {
    await work().catch(() => undefined);
    // A cleared timer's destroy is reported asynchronously.
    for (let i = 0; i < 3; i++) await new Promise(setImmediate);
  } finally {
    hook.disable();
  }
  return pending.size;
}

describe('a wait ends at its deadline, even while a poll is in flight', () => {
  // The client's own request settings are the defaults (60 s per attempt, 2 retries): the wait's deadline alone
  // must end it. The 5 s test limit is far above the 300 ms deadline and far below what a request would take.
  it('waitForJob: a hanging poll ends at timeoutMs with WaitTimeoutError carrying the last record', { timeout: 5_000 }, async () => {
    const fake = fakeFetch(status('RUNNING'), hang);
    const { error, ms } = await timed(client(fake.fetch).jobs.waitForJob(jobId, { timeoutMs: 300, intervalMs: 1 }));
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({ jobId, timeoutMs: 300, lastJob: { status: 'RUNNING' } });
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(1_500);
    // The hanging request was abandoned, not left open.
    expect(fake.calls[1]?.signal?.aborted).toBe(true);
  });

  it('a first poll that hangs ends at the deadline with no record seen', { timeout: 5_000 }, async () => {
    const { error, ms } = await timed(client(fakeFetch(hang).fetch).jobs.waitForJob(jobId, { timeoutMs: 200 }));
    expect(error).toMatchObject({ name: 'WaitTimeoutError', lastJob: undefined });
    expect(ms).toBeLessThan(1_500);
  });

  it.each(['stop', 'cancel'] as const)('%s({ wait: { timeoutMs } }): a hanging poll ends at the deadline', { timeout: 5_000 }, async (method) => {
    const fake = fakeFetch(status(method === 'stop' ? 'STOPPING' : 'RUNNING'), hang);
    const { error, ms } = await timed(client(fake.fetch).jobs[method](jobId, { wait: { timeoutMs: 300 } }));
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(ms).toBeLessThan(1_500);
  });

  it('a retry wait inside a poll is cut short by the deadline too', { timeout: 5_000 }, async () => {
    // The poll's 503 asks for 20 s; the client is allowed to sleep that long, the wait is not.
    const fake = fakeFetch(status('RUNNING'), json(503, {}, { 'retry-after': '20' }));
    const { error, ms } = await timed(
      client(fake.fetch, { clock: undefined, maxRetryDelayMs: 30_000 }).jobs.waitForJob(jobId, { timeoutMs: 300, intervalMs: 1 }),
    );
    expect(error).toMatchObject({ name: 'WaitTimeoutError', lastJob: { status: 'RUNNING' } });
    expect(ms).toBeLessThan(1_500);
  });

  it('the caller aborting while a poll is in flight is UserAbortError, not a timeout', { timeout: 5_000 }, async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { error, ms } = await timed(client(fakeFetch(hang).fetch).jobs.waitForJob(jobId, { timeoutMs: 10_000, signal: controller.signal }));
    expect(error).toBeInstanceOf(UserAbortError);
    expect(ms).toBeLessThan(1_500);
  });

  it('an error answer during the wait still comes as itself', async () => {
    const error = await client(fakeFetch(json(404, { detail: 'no such job' })).fetch).jobs.waitForJob(jobId, { timeoutMs: 60_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'NotFoundError', status: 404 });
  });

  it('no timer or listener is left behind once a wait has ended, whichever way it ended', { timeout: 5_000 }, async () => {
    const api = (...scripts: Parameters<typeof fakeFetch>) => client(fakeFetch(...scripts).fetch).jobs;
    // A long-lived signal, as an app passes to every call: each wait must take its listeners back.
    const appSignal = new AbortController().signal;
    // Done at the second poll, well inside a 60 s deadline.
    const done = () => api(status('RUNNING'), status('COMPLETED')).waitForJob(jobId, { timeoutMs: 60_000, intervalMs: 1, signal: appSignal });
    expect(await timersLeftBy(done)).toBe(0);
    // Timed out while a poll was in flight.
    const timedOut = () => api(status('RUNNING'), hang).waitForJob(jobId, { timeoutMs: 100, intervalMs: 1, signal: appSignal });
    expect(await timersLeftBy(timedOut)).toBe(0);
    expect(getEventListeners(appSignal, 'abort')).toHaveLength(0);
    // Aborted by the caller while a poll was in flight.
    const controller = new AbortController();
    const abortOnceSent: Script = (call) => {
      queueMicrotask(() => controller.abort());
      return hang(call);
    };
    expect(await timersLeftBy(() => api(abortOnceSent).waitForJob(jobId, { timeoutMs: 60_000, signal: controller.signal }))).toBe(0);
    // An error answer.
    expect(await timersLeftBy(() => api(json(404, {})).waitForJob(jobId, { timeoutMs: 60_000 }))).toBe(0);
  });
});

describe('durations longer than a timer can hold are refused, naming the option and the maximum', () => {
  it.each(['timeoutMs', 'retryBaseDelayMs', 'maxRetryDelayMs'] as const)('createClient({ %s: 2^31 })', (option) => {
    const error = (() => {
      try {
        return client(fakeFetch(okJob).fetch, { [option]: 2 ** 31 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ param: option, message: expect.stringContaining(String(MAX)) as unknown });
  });

  it.each(['timeoutMs', 'retryBaseDelayMs', 'maxRetryDelayMs'] as const)('createClient({ %s: 2^31-1 }) works', async (option) => {
    await expect(client(fakeFetch(okJob).fetch, { [option]: MAX }).jobs.get(jobId)).resolves.toEqual(SEED_STOP_RESPONSE);
  });

  it('a client timeoutMs of 30 days is refused rather than timing out every request at once', () => {
    expect(() => client(fakeFetch(okJob).fetch, { timeoutMs: 30 * 24 * 3_600_000 })).toThrow(ValidationError);
  });

  it('a per-call timeoutMs of 2^31 is refused before anything is sent; 2^31-1 is honoured', async () => {
    const fake = fakeFetch(async (call) => {
      await new Promise((r) => setTimeout(r, 20));
      return okJob(call);
    });
    const api = client(fake.fetch);
    await expect(api.jobs.get(jobId, { timeoutMs: 2 ** 31 })).rejects.toMatchObject({ name: 'ValidationError', param: 'timeoutMs' });
    expect(fake.calls).toHaveLength(0);
    // A slow answer inside an almost 25-day limit arrives: the limit did not fire after 1 ms.
    await expect(api.jobs.get(jobId, { timeoutMs: MAX })).resolves.toEqual(SEED_STOP_RESPONSE);
  });

  it.each(['intervalMs', 'maxIntervalMs', 'timeoutMs'] as const)('waitForJob({ %s: 2^31 }) is refused before polling', async (option) => {
    const fake = fakeFetch(status('RUNNING'), status('COMPLETED'));
    const error = await client(fake.fetch).jobs.waitForJob(jobId, { [option]: 2 ** 31 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ param: option, message: expect.stringContaining(String(MAX)) as unknown });
    expect(fake.calls).toHaveLength(0);
  });

  it('waitForJob with every duration at 2^31-1 pauses exactly that long', async () => {
    const waits: number[] = [];
    const fake = fakeFetch(status('RUNNING'), status('COMPLETED'));
    const done = await client(fake.fetch, { clock: instantClock(waits) }).jobs.waitForJob(jobId, { intervalMs: MAX, maxIntervalMs: MAX, timeoutMs: MAX });
    expect(done.status).toBe('COMPLETED');
    expect(waits).toHaveLength(1);
    // The pause is the interval, less the few ms the first poll took out of the deadline.
    expect(waits[0]).toBeGreaterThan(MAX - 1_000);
    expect(waits[0]).toBeLessThanOrEqual(MAX);
  });

  it.each(['stop', 'cancel'] as const)('%s({ wait: { intervalMs: 2^31 } }) is refused before the job is touched', async (method) => {
    const fake = fakeFetch(okJob, status('STOPPED'));
    await expect(client(fake.fetch).jobs[method](jobId, { wait: { intervalMs: 2 ** 31 } })).rejects.toMatchObject({ name: 'ValidationError', param: 'intervalMs' });
    expect(fake.calls).toHaveLength(0);
  });
});
