// The retry rules as a table: each row is one attempt's outcome and the decision a user would see (another
// attempt after some wait, or the error handed back). Expectations are written out, not computed.
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, decideRetry, type AttemptOutcome, type RetryDecision, type RetryPolicy } from './retry-policy.js';

const policy = (over: Partial<RetryPolicy> = {}): RetryPolicy => ({
  maxRetries: 2,
  idempotent: true,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  // Half way through each jitter range: the wait for retry n is 500 * 2^n / 2.
  random: () => 0.5,
  ...over,
});
const answer = (status: number, retryAfterMs?: number): AttemptOutcome => ({ kind: 'answer', status, retryAfterMs });
const wait = (waitMs: number): RetryDecision => ({ retry: true, waitMs });
const stop: RetryDecision = { retry: false };

const TABLE: [string, number, AttemptOutcome, Partial<RetryPolicy>, RetryDecision][] = [
  // [case, attempt, outcome, policy overrides, decision]
  ['a 200 is final', 1, answer(200), {}, stop],
  ['a 503 is retried after a jittered backoff', 1, answer(503), {}, wait(250)],
  ['the second 503 waits twice as long', 2, answer(503), {}, wait(500)],
  ['the third 503 is handed back: 2 retries used', 3, answer(503), {}, stop],
  ['500, 502 and 504 are retried like 503', 1, answer(502), {}, wait(250)],
  ['a 429 without Retry-After backs off', 1, answer(429), {}, wait(250)],
  ['a 429 with Retry-After waits exactly that long', 1, answer(429, 2_000), {}, wait(2_000)],
  ['a 503 with Retry-After waits exactly that long', 2, answer(503, 1_000), {}, wait(1_000)],
  ['a Retry-After up to the cap is slept', 1, answer(429, 30_000), {}, wait(30_000)],
  ['a Retry-After beyond the cap is handed back, not slept', 1, answer(429, 30_001), {}, stop],
  ['400 is never retried', 1, answer(400), {}, stop],
  ['401 is never retried', 1, answer(401), {}, stop],
  ['403 is never retried', 1, answer(403), {}, stop],
  ['404 is never retried', 1, answer(404), {}, stop],
  ['409 is never retried', 1, answer(409), {}, stop],
  ['422 is never retried', 1, answer(422), {}, stop],
  ['501 is not in the retryable list', 1, answer(501), {}, stop],
  ['maxRetries 0 retries nothing', 1, answer(503), { maxRetries: 0 }, stop],
  ['a create without id: 429 proves nothing was done, so it is retried', 1, answer(429), { idempotent: false }, wait(250)],
  ['a create without id: a 500 may follow a created job, so it is not', 1, answer(500), { idempotent: false }, stop],
  ['a refused connection is retried', 1, { kind: 'not-sent' }, {}, wait(250)],
  ['a refused connection is retried even for a create without id', 1, { kind: 'not-sent' }, { idempotent: false }, wait(250)],
  ['a reset or timeout is retried when repeating is harmless', 1, { kind: 'no-answer' }, {}, wait(250)],
  ['a reset or timeout of a create without id is not', 1, { kind: 'no-answer' }, { idempotent: false }, stop],
  ['an abort is never retried', 1, { kind: 'aborted' }, {}, stop],
  ['an answer over maxResponseBytes is not retried: it would come again', 1, { kind: 'too-large' }, {}, stop],
  ['backoff is capped by maxDelayMs', 2, answer(503), { baseDelayMs: 10_000, maxDelayMs: 8_000 }, wait(4_000)],
];

describe('decideRetry', () => {
  it.each(TABLE)('%s', (_case, attempt, outcome, over, decision) => {
    expect(decideRetry(attempt, outcome, policy(over))).toEqual(decision);
  });
});

describe('backoffDelayMs', () => {
  it('is full jitter: from 0 up to (not including) base * 2^retry', () => {
    expect(backoffDelayMs(0, 500, 30_000, () => 0)).toBe(0);
    expect(backoffDelayMs(0, 500, 30_000, () => 0.999)).toBe(499);
    expect(backoffDelayMs(3, 500, 30_000, () => 0.5)).toBe(2_000);
  });

  it('never exceeds the cap, however many retries', () => {
    expect(backoffDelayMs(20, 500, 8_000, () => 0.999)).toBe(7_992);
  });
});
