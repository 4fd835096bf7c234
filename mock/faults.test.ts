// The fault queue and the rate limiter on their own, on a manual clock: no server, no timers.
import { describe, expect, it } from 'vitest';
import { FaultQueue, type Fault } from './faults.js';
import { RateLimiter, rateLimitError } from './rate-limit.js';
import { ManualClock } from './manual-clock.js';

const E500: Fault = { kind: 'status', status: 500 };
const RESET: Fault = { kind: 'reset' };

describe('FaultQueue', () => {
  it('serves an injected fault to one request by default, then nothing', () => {
    const queue = new FaultQueue();
    expect(queue.take('GET', '/fine-tune/jobs')).toBeUndefined();
    queue.inject(E500);
    expect(queue.take('GET', '/fine-tune/jobs')).toEqual({ fault: E500, scope: {} });
    expect(queue.take('GET', '/fine-tune/jobs')).toBeUndefined();
  });

  it('serves a fault `times` times', () => {
    const queue = new FaultQueue();
    queue.inject(E500, { times: 3 });
    expect([1, 2, 3, 4].map(() => queue.take('PUT', '/fine-tune/jobs/a/stop')?.fault)).toEqual([E500, E500, E500, undefined]);
  });

  it('matches on method and on the end of the path, and leaves other requests alone', () => {
    const queue = new FaultQueue();
    queue.inject(E500, { method: 'PUT', pathEndsWith: '/stop' });
    expect(queue.take('GET', '/fine-tune/jobs/a/stop')).toBeUndefined();
    expect(queue.take('PUT', '/fine-tune/jobs/a/cancel')).toBeUndefined();
    expect(queue.take('PUT', '/fine-tune/jobs/a/stop')?.fault).toEqual(E500);
    expect(queue.take('PUT', '/fine-tune/jobs/a/stop')).toBeUndefined();
  });

  it('serves the oldest matching fault first; an older one that does not match does not block a newer one', () => {
    const queue = new FaultQueue();
    queue.inject(E500, { method: 'POST' });
    queue.inject(RESET, { method: 'GET', afterProcessing: true });
    queue.inject({ kind: 'empty' }, { method: 'GET' });
    expect(queue.take('GET', '/fine-tune/jobs')).toEqual({ fault: RESET, scope: { method: 'GET', afterProcessing: true } });
    expect(queue.take('GET', '/fine-tune/jobs')?.fault).toEqual({ kind: 'empty' });
    expect(queue.take('POST', '/fine-tune/jobs')?.fault).toEqual(E500);
  });

  it('clear drops every queued fault', () => {
    const queue = new FaultQueue();
    queue.inject(E500, { times: 5 });
    queue.inject(RESET);
    queue.clear();
    expect(queue.take('GET', '/fine-tune/jobs')).toBeUndefined();
  });
});

describe('RateLimiter', () => {
  it('has no limit when the limit is undefined or 0', () => {
    const clock = new ManualClock();
    for (const limit of [undefined, 0]) {
      const limiter = new RateLimiter(clock, limit);
      for (let i = 0; i < 50; i++) expect(limiter.admit()).toBeUndefined();
    }
  });

  it('lets `perSecond` requests through per fixed one-second window, starting at the first request', () => {
    const clock = new ManualClock(0);
    const limiter = new RateLimiter(clock, 2);
    const at = (ms: number) => {
      clock.advance(ms - clock.now());
      return limiter.admit();
    };
    expect(at(0)).toBeUndefined();
    expect(at(900)).toBeUndefined();
    expect(at(950)).toBe(1);
    // A new window at 1000, although a sliding window would still count the request at 900.
    expect(at(1_000)).toBeUndefined();
    expect(at(1_100)).toBeUndefined();
    expect(at(1_200)).toBe(1);
    expect(at(1_999)).toBe(1);
    expect(at(2_000)).toBeUndefined();
  });

  it('setLimit changes the limit and starts counting afresh', () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(clock, 1);
    expect(limiter.admit()).toBeUndefined();
    expect(limiter.admit()).toBe(1);
    limiter.setLimit(1);
    expect(limiter.admit()).toBeUndefined();
    expect(limiter.admit()).toBe(1);
    limiter.setLimit(undefined);
    expect(limiter.admit()).toBeUndefined();
  });

  it('a refused request gets a 429 with Retry-After in whole seconds', () => {
    expect(rateLimitError(1)).toMatchObject({
      status: 429,
      code: 'rate_limit_exceeded',
      message: 'Too many requests.',
      suggestion: 'Retry after the time in Retry-After.',
      headers: { 'retry-after': '1' },
    });
  });
});
