// stopMany/cancelMany under rate limiting, through createClient with `fetch` injected: a Retry-After beyond the
// client's maxRetryDelayMs fails that id at once (as a single call does), a shorter one pauses and requeues it.
// Time runs on a clock that moves only when slept on, so every pause the client makes is recorded.
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, okJob } from '../../test-support/fake-fetch.js';
import { SEED_STOP_RESPONSE } from '../../test-support/fixtures.js';
import type { Clock } from '../http/clock.js';
import { createClient, type ClientOptions } from '../client.js';
import { RateLimitError } from '../errors/index.js';

/** A clock that moves only when slept on, recording every pause. */
function manualClock(): Clock & { sleeps: number[] } {
  let t = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      t += ms;
    },
  };
}

const client = (fetch: typeof globalThis.fetch, clock: Clock, options: ClientOptions = {}) =>
  createClient({ baseUrl: 'http://api.test/v0.5', apiKey: 'sk-unit-1a2b3c4d5e6f', fetch, clock, ...options });
const ids = ['ftj-a', 'ftj-b', 'ftj-c'];

describe.each(['stopMany', 'cancelMany'] as const)('%s and Retry-After', (method) => {
  it.each([
    ['3600', 3_600_000],
    ['1000000000', 1_000_000_000_000],
  ])('Retry-After: %s (beyond the 30 s cap) reports every id failed with RateLimitError at once, without pausing', async (header, ms) => {
    const clock = manualClock();
    const fake = fakeFetch(json(429, { errors: [{ code: 'rate_limited', message: 'slow down' }] }, { 'retry-after': header }));
    const report = await client(fake.fetch, clock).jobs[method](ids);
    expect(report.failed.map((r) => r.id)).toEqual(ids);
    for (const result of report.failed) {
      expect(result.error).toBeInstanceOf(RateLimitError);
      expect(result.error).toMatchObject({ retryAfterMs: ms });
    }
    // One request per id: neither slept on nor requeued.
    expect(fake.calls).toHaveLength(ids.length);
    expect(clock.sleeps).toEqual([]);
  });

  it("the cap is the client's maxRetryDelayMs", async () => {
    const clock = manualClock();
    const fake = fakeFetch(json(429, {}, { 'retry-after': '2' }));
    const report = await client(fake.fetch, clock, { maxRetryDelayMs: 1_000 }).jobs[method](['ftj-a']);
    expect(report.failed[0]?.error).toMatchObject({ name: 'RateLimitError', retryAfterMs: 2_000 });
    expect(fake.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('a Retry-After within the cap, once the call has no retries left, pauses that long and requeues the id', async () => {
    const clock = manualClock();
    const fake = fakeFetch(json(429, {}, { 'retry-after': '30' }), okJob);
    const report = await client(fake.fetch, clock).jobs[method](['ftj-a'], { maxRetries: 0 });
    expect(report.succeeded.map((r) => r.job)).toEqual([SEED_STOP_RESPONSE]);
    expect(fake.calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([30_000]);
  });
});
