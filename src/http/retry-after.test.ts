// How long a server's answer says to wait, as users meet it through createClient with `fetch` injected: the
// error's `retryAfterMs` and the pause before the next attempt. A value that is not a non-negative integer of
// seconds or an HTTP date is no instruction at all: the client backs off as if there were none.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, instantClock, json, okJob } from '../../test-support/fake-fetch.js';
import { SEED_STOP_RESPONSE } from '../../test-support/fixtures.js';
import { createClient, type ClientOptions } from '../client.js';
import { RateLimitError } from '../errors/index.js';

const client = (fetch: typeof globalThis.fetch, options: ClientOptions = {}) =>
  createClient({ baseUrl: 'http://api.test/v0.5', apiKey: 'sk-unit-9f8e7d6c5b4a', fetch, clock: instantClock(), ...options });
const jobId = SEED_STOP_RESPONSE.id;

/** The RateLimitError a single 429 with these headers (and body) comes to, with retries off. */
async function refusal(headers: Record<string, string>, body: unknown = {}): Promise<RateLimitError> {
  const error = await client(fakeFetch(json(429, body, headers)).fetch, { maxRetries: 0 }).jobs.get(jobId).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RateLimitError);
  return error as RateLimitError;
}

/** An HTTP date `s` seconds from now, in each of the three forms RFC 9110 requires a recipient to accept. */
function httpDates(s: number): string[] {
  const d = new Date(Math.ceil(Date.now() / 1000) * 1000 + s * 1000);
  const [wkday, , mon, , time] = d.toUTCString().split(' ') as [string, string, string, string, string];
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const long = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d.getUTCDay()] as string;
  return [
    d.toUTCString(),
    `${long}, ${dd}-${mon}-${String(d.getUTCFullYear()).slice(2)} ${time} GMT`,
    `${wkday.slice(0, 3)} ${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} ${d.getUTCFullYear()}`,
  ];
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Retry-After that is not a wait', () => {
  it.each(['-5', '-1', '1.5', '1e3', '0x10', '+5', '5 s', 'soon', 'Infinity'])('Retry-After: %s is no wait (retryAfterMs undefined)', async (value) => {
    expect((await refusal({ 'retry-after': value })).retryAfterMs).toBeUndefined();
  });

  it('Retry-After: -5 falls back to backoff instead of retrying at once', async () => {
    // Full-jitter backoff of the first retry is random * 500 ms: fix the random draw to see it.
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const waits: number[] = [];
    const fake = fakeFetch(json(429, {}, { 'retry-after': '-5' }), okJob);
    await expect(client(fake.fetch, { clock: instantClock(waits) }).jobs.get(jobId)).resolves.toEqual(SEED_STOP_RESPONSE);
    expect(waits).toEqual([250]);
  });

  it.each(['-5', '', 'abc', '1e400'])('retry-after-ms: %j is no wait, and Retry-After is read instead', async (value) => {
    expect((await refusal({ 'retry-after-ms': value })).retryAfterMs).toBeUndefined();
    expect((await refusal({ 'retry-after-ms': value, 'retry-after': '4' })).retryAfterMs).toBe(4_000);
  });

  it.each([[true], [''], [null], [[]], [-3], ['-3']])("the older envelope's details.retry_after %j is no wait", async (value) => {
    const body = { error: { code: 'rate_limited', message: 'slow down', details: { retry_after: value } } };
    expect((await refusal({}, body)).retryAfterMs).toBeUndefined();
  });
});

describe('Retry-After that is a wait', () => {
  it.each([
    ['0', 0],
    ['3', 3_000],
    ['007', 7_000],
    ['3600', 3_600_000],
  ])('Retry-After: %s is %i ms', async (value, ms) => {
    expect((await refusal({ 'retry-after': value })).retryAfterMs).toBe(ms);
  });

  it.each(httpDates(10).map((date) => [date]))('Retry-After: %s (10 s from now) is about 10 s', async (date) => {
    const ms = (await refusal({ 'retry-after': date })).retryAfterMs;
    expect(ms).toBeGreaterThan(8_000);
    expect(ms).toBeLessThanOrEqual(11_000);
  });

  it('an HTTP date in the past is no wait at all', async () => {
    expect((await refusal({ 'retry-after': 'Sun, 06 Nov 1994 08:49:37 GMT' })).retryAfterMs).toBe(0);
  });

  it('retry-after-ms: 250 and 12.5 are taken as they are, before Retry-After', async () => {
    expect((await refusal({ 'retry-after-ms': '250', 'retry-after': '9' })).retryAfterMs).toBe(250);
    expect((await refusal({ 'retry-after-ms': '12.5' })).retryAfterMs).toBe(12.5);
  });

  it("the older envelope's details.retry_after in seconds, as a number or a string of digits", async () => {
    const body = (value: unknown) => ({ error: { code: 'rate_limited', message: 'slow down', details: { retry_after: value } } });
    expect((await refusal({}, body(2))).retryAfterMs).toBe(2_000);
    expect((await refusal({}, body('3'))).retryAfterMs).toBe(3_000);
  });
});
