// The transport as users meet it, through createClient with `fetch` injected: retries, timeouts, aborts, headers,
// logging and `client.raw`. No server and no network; waits run on a clock that returns at once.
import { describe, expect, it } from 'vitest';
import { fakeFetch, hang, instantClock, json, networkError, okJob, type Script } from '../../test-support/fake-fetch.js';
import { jobBody, SEED_STOP_RESPONSE } from '../../test-support/fixtures.js';
import { createClient, type ClientOptions } from '../client.js';
import { ConnectionError, ConnectionTimeoutError, InternalServerError, NotFoundError, RateLimitError, UserAbortError, ValidationError } from '../errors/index.js';
import type { RetryInfo } from './request-options.js';

const KEY = 'sk-unit-7c1d2e3f4a5b';
const BASE = 'http://api.test/v0.5';
const client = (fetch: typeof globalThis.fetch, options: ClientOptions = {}) =>
  createClient({ baseUrl: BASE, apiKey: KEY, fetch, clock: instantClock(), ...options });
const jobId = SEED_STOP_RESPONSE.id;

describe('retries', () => {
  it('a 503 then a 200: the call resolves to the job after two requests, onRetry told once', async () => {
    const fake = fakeFetch(json(503, { errors: [] }), okJob);
    const infos: RetryInfo[] = [];
    await expect(client(fake.fetch).jobs.get(jobId, { onRetry: (i) => infos.push(i) })).resolves.toEqual(SEED_STOP_RESPONSE);
    expect(fake.calls).toHaveLength(2);
    expect(infos).toMatchObject([{ attempt: 1, status: 503 }]);
    // The first backoff is full jitter below the 500 ms base.
    expect(infos[0]?.waitMs).toBeGreaterThanOrEqual(0);
    expect(infos[0]?.waitMs).toBeLessThan(500);
  });

  it('Retry-After is slept exactly, through the clock', async () => {
    const waits: number[] = [];
    const fake = fakeFetch(json(429, {}, { 'retry-after': '3' }), okJob);
    await client(fake.fetch, { clock: instantClock(waits) }).jobs.stop(jobId);
    expect(waits).toEqual([3_000]);
  });

  it('retry-after-ms, then the older envelope\'s details.retry_after (seconds), are slept exactly', async () => {
    const waits: number[] = [];
    const older = json(503, { error: { code: 'overloaded', message: 'busy', details: { retry_after: 2 } } });
    const fake = fakeFetch(json(429, {}, { 'retry-after-ms': '250' }), older, okJob);
    await client(fake.fetch, { clock: instantClock(waits) }).jobs.get(jobId);
    expect(waits).toEqual([250, 2_000]);
  });

  it('gives up after maxRetries and throws the last answer as its typed error', async () => {
    const fake = fakeFetch(json(500, { detail: 'boom' }));
    const error = await client(fake.fetch, { maxRetries: 3 }).jobs.get(jobId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toBe('500: boom');
    expect(fake.calls).toHaveLength(4);
  });

  it('a create without id is not repeated after a 500 (it may have created the job)', async () => {
    const fake = fakeFetch(json(500, {}), okJob);
    await expect(client(fake.fetch).jobs.create(jobBody())).rejects.toBeInstanceOf(InternalServerError);
    expect(fake.calls).toHaveLength(1);
  });

  it('a create without id is repeated after a refused connection (nothing reached a server)', async () => {
    const fake = fakeFetch(networkError('ECONNREFUSED'), okJob);
    await expect(client(fake.fetch).jobs.create(jobBody())).resolves.toEqual(SEED_STOP_RESPONSE);
    expect(fake.calls).toHaveLength(2);
  });

  it('a reset is a ConnectionError naming the socket error once retries are spent', async () => {
    const fake = fakeFetch(networkError('ECONNRESET'));
    const error = await client(fake.fetch, { maxRetries: 1 }).jobs.get(jobId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toBe(`Connection failed: GET ${BASE}/fine-tune/jobs/${jobId}: ECONNRESET (connect ECONNRESET)`);
    expect(fake.calls).toHaveLength(2);
  });

  it('a create with an id whose retry meets its own first attempt as a 409 returns that job', async () => {
    const conflict = json(409, { errors: [{ code: 'job_already_exists', message: 'exists' }] });
    const fake = fakeFetch(networkError('ECONNRESET'), conflict, json(200, { ...SEED_STOP_RESPONSE, status: 'REGISTERED', created_at: new Date().toISOString() }));
    const job = await client(fake.fetch).jobs.create(jobBody(jobId));
    expect(job).toMatchObject({ id: jobId, status: 'REGISTERED' });
    expect(fake.calls.map((c) => c.method)).toEqual(['POST', 'POST', 'GET']);
  });

  it('a first-attempt 409 on create stays a ConflictError', async () => {
    const fake = fakeFetch(json(409, { errors: [{ code: 'job_already_exists', message: 'exists' }] }));
    await expect(client(fake.fetch).jobs.create(jobBody(jobId))).rejects.toMatchObject({ name: 'ConflictError', code: 'job_already_exists' });
    expect(fake.calls).toHaveLength(1);
  });
});

describe('timeouts and aborts', () => {
  it('an attempt that does not answer within timeoutMs is a ConnectionTimeoutError naming the limit', async () => {
    const fake = fakeFetch(hang);
    const error = await client(fake.fetch, { maxRetries: 0 }).jobs.get(jobId, { timeoutMs: 30 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 30 });
  });

  it('an abort while the request is in flight ends it with UserAbortError and no retry', async () => {
    const fake = fakeFetch(hang);
    const controller = new AbortController();
    const pending = client(fake.fetch).jobs.get(jobId, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user pressed Ctrl-C')), 5);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserAbortError);
    expect((error as Error).cause).toEqual(new Error('user pressed Ctrl-C'));
    expect(fake.calls).toHaveLength(1);
  });
});

describe('the time limit covers the body', () => {
  it('headers that arrive but a body that never ends is a ConnectionTimeoutError', async () => {
    const stalled = () => new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"id": ')) }), { status: 200 });
    const fake = fakeFetch(stalled);
    const error = await client(fake.fetch, { maxRetries: 0 }).jobs.get(jobId, { timeoutMs: 40 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionTimeoutError);
  });
});

describe('a fetch that ignores its signal', () => {
  const never: Script = () => new Promise<Response>(() => undefined);

  it('still ends at the timeout', async () => {
    const fake = fakeFetch(never);
    await expect(client(fake.fetch, { maxRetries: 0 }).jobs.get(jobId, { timeoutMs: 30 })).rejects.toBeInstanceOf(ConnectionTimeoutError);
  });

  it('still ends when the caller aborts', async () => {
    const fake = fakeFetch(never);
    const controller = new AbortController();
    const pending = client(fake.fetch).jobs.stop(jobId, { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(pending).rejects.toBeInstanceOf(UserAbortError);
  });
});

describe('the key in errors', () => {
  it('a custom fetch that throws a plain object holding the headers leaks nothing through the error', async () => {
    const fake = fakeFetch((call) => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- what a careless custom fetch may do
      throw { message: undefined, headers: call.headers };
    });
    const error = await client(fake.fetch, { maxRetries: 0 }).jobs.get(jobId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    for (const text of [String(error), JSON.stringify(error), (error as Error).stack ?? '']) expect(text).not.toContain(KEY);
  });
});

describe('client.raw', () => {
  it('honours an already-aborted signal: nothing is sent', async () => {
    const fake = fakeFetch(okJob);
    const raw = client(fake.fetch).raw;
    const error = await raw.GET('/fine-tune/jobs/{job_id}', { params: { path: { job_id: jobId } }, signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserAbortError);
    expect(fake.calls).toHaveLength(0);
  });

  it('honours a signal that aborts while the request is in flight', async () => {
    const fake = fakeFetch(hang);
    const controller = new AbortController();
    const pending = client(fake.fetch).raw.PUT('/fine-tune/jobs/{job_id}/stop', { params: { path: { job_id: jobId } }, signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(pending).rejects.toBeInstanceOf(UserAbortError);
    expect(fake.calls).toHaveLength(1);
  });

  it('shares the key and the retries, and answers errors as { error } with the body', async () => {
    const fake = fakeFetch(json(503, {}), okJob, json(404, { detail: 'Not Found' }));
    const raw = client(fake.fetch).raw;
    const ok = await raw.GET('/fine-tune/jobs/{job_id}', { params: { path: { job_id: jobId } } });
    expect(ok.data).toEqual(SEED_STOP_RESPONSE);
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    const missing = await raw.GET('/fine-tune/jobs/{job_id}', { params: { path: { job_id: 'nope' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toEqual({ detail: 'Not Found' });
  });

  it('middleware added to client.raw runs on its calls, never on client.jobs\' own', async () => {
    const fake = fakeFetch(okJob);
    const c = client(fake.fetch);
    const seen: string[] = [];
    c.raw.use({ onRequest: ({ request }) => void seen.push(request.clone().method) });
    await c.jobs.get(jobId);
    await c.jobs.stop(jobId);
    expect(seen).toEqual([]);
    await c.raw.GET('/fine-tune/jobs/{job_id}', { params: { path: { job_id: jobId } } });
    expect(seen).toEqual(['GET']);
  });

  it('sends a create body on every attempt', async () => {
    const fake = fakeFetch(json(429, {}), okJob);
    await client(fake.fetch).raw.POST('/fine-tune/jobs', { body: jobBody(jobId) });
    expect(fake.calls.map((c) => JSON.parse(c.body ?? 'null') as unknown)).toEqual([jobBody(jobId), jobBody(jobId)]);
  });
});

describe('headers and logging', () => {
  it('client headers, then call headers, and the key last: a header cannot replace Authorization', async () => {
    const fake = fakeFetch(okJob);
    const c = client(fake.fetch, { headers: { 'X-Team': 'a', 'X-Both': 'client' } });
    await c.jobs.get(jobId, { headers: { 'X-Both': 'call', Authorization: 'Bearer other' } });
    expect(fake.calls[0]?.headers).toMatchObject({ 'x-team': 'a', 'x-both': 'call', authorization: `Bearer ${KEY}`, accept: 'application/json' });
  });

  it('a create body is sent as JSON whatever Content-Type the call\'s headers name', async () => {
    const fake = fakeFetch(okJob);
    await client(fake.fetch).jobs.create(jobBody(jobId), { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(JSON.parse(fake.calls[0]?.body ?? 'null')).toEqual(jobBody(jobId));
  });

  it('a header HTTP cannot carry is a ValidationError naming it, before anything is sent', async () => {
    const fake = fakeFetch(okJob);
    for (const headers of [{ 'x-a': 'one\r\ntwo' }, { 'x a': 'v' }, { 'x-b': 'price €' }, { 'x-c': 5 as unknown as string }] as Record<string, string>[]) {
      const error = await client(fake.fetch).jobs.get(jobId, { headers }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toContain(Object.keys(headers)[0]);
      expect(() => client(fake.fetch, { headers })).toThrow(ValidationError);
    }
    expect(fake.calls).toHaveLength(0);
    // Latin-1 is what a header value can hold.
    await client(fake.fetch).jobs.get(jobId, { headers: { 'x-d': 'café' } });
    expect(fake.calls[0]?.headers['x-d']).toBe('café');
  });

  it('logs one line per attempt, without the key even when the URL carries it', async () => {
    const lines: string[] = [];
    const fake = fakeFetch(json(503, {}), json(404, {}));
    await client(fake.fetch, { logger: { debug: (l) => lines.push(l) } }).jobs.get(KEY).catch(() => undefined);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^GET \/v0\.5\/fine-tune\/jobs\/\[REDACTED\] -> 503 attempt=1 duration=\d+ms retry_in=\d+ms$/);
    expect(lines[1]).toMatch(/^GET \/v0\.5\/fine-tune\/jobs\/\[REDACTED\] -> 404 attempt=2 duration=\d+ms$/);
  });

  it('a 404 is a NotFoundError and a 429 beyond the cap a RateLimitError carrying the wait', async () => {
    await expect(client(fakeFetch(json(404, { detail: 'x' })).fetch).jobs.get(jobId)).rejects.toBeInstanceOf(NotFoundError);
    const fake = fakeFetch(json(429, {}, { 'retry-after': '120' }));
    const error = await client(fake.fetch).jobs.get(jobId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 120_000 });
    expect(fake.calls).toHaveLength(1);
  });
});
