// Retry details a user tunes or relies on, against the stateful mock (straight, no proxy): Retry-After, the wait
// cap, per-call overrides, aborts during waits, refused connections, gateway pages, broken bodies, and a bulk stop
// under a real rate limit. The fault matrix itself is in faults.test.ts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiError,
  ConnectionError,
  ConnectionTimeoutError,
  createClient,
  InternalServerError,
  InvalidResponseError,
  RateLimitError,
  UserAbortError,
  type RetryInfo,
} from '../src/index.js';
import { caught, TEST_KEY } from './helpers.js';
import { jobBody, startStack, type Stack } from './stateful-helpers.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ direct: true });
});
afterAll(() => stack.stop());

let n = 0;

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('retry policy details', () => {
  it('honours Retry-After (seconds), and backs off with jitter otherwise', async () => {
    const infos: RetryInfo[] = [];
    const client = stack.client({ retryBaseDelayMs: 400 });
    const { id } = await client.jobs.create(jobBody(`ftj-policy-${++n}`));
    stack.mock.inject({ kind: 'status', status: 429, retryAfter: '2' }, { method: 'GET' });
    stack.mock.inject({ kind: 'status', status: 503 }, { method: 'GET' });
    await client.jobs.get(id, { onRetry: (info) => infos.push(info) });
    expect(infos).toHaveLength(2);
    expect(infos[0]).toEqual({ attempt: 1, waitMs: 2_000, status: 429 });
    expect(infos[1]).toMatchObject({ attempt: 2, status: 503 });
    expect(infos[1]?.waitMs).toBeGreaterThanOrEqual(0);
    expect(infos[1]?.waitMs).toBeLessThan(800);
  });

  it('does not sleep a Retry-After longer than the cap: the RateLimitError carries the wait', async () => {
    const client = stack.client({ maxRetryDelayMs: 10_000 });
    const { id } = await client.jobs.create(jobBody(`ftj-policy-${++n}`));
    stack.mock.reset();
    stack.mock.inject({ kind: 'status', status: 429, retryAfter: '120' }, { method: 'GET' });
    const error = await caught(() => client.jobs.get(id));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 120_000 });
    expect(stack.mock.requests).toHaveLength(1);
  });

  it('maxRetries: 0 on the client disables retries; a per-call maxRetries overrides the client', async () => {
    const client = stack.client({ maxRetries: 0 });
    const { id } = await client.jobs.create(jobBody(`ftj-policy-${++n}`));
    stack.mock.reset();
    stack.mock.inject({ kind: 'status', status: 500 }, { times: 4, method: 'GET' });
    await expect(client.jobs.get(id)).rejects.toBeInstanceOf(InternalServerError);
    expect(stack.mock.requests).toHaveLength(1);
    await expect(client.jobs.get(id, { maxRetries: 3 })).resolves.toMatchObject({ id });
    expect(stack.mock.requests).toHaveLength(1 + 4);
  });

  it('an abort during a retry wait ends the call with UserAbortError and sends nothing more', async () => {
    const client = stack.client();
    const { id } = await client.jobs.create(jobBody(`ftj-policy-${++n}`));
    stack.mock.reset();
    stack.mock.inject({ kind: 'status', status: 503 }, { times: 5, method: 'PUT' });
    const controller = new AbortController();
    const error = await caught(() => client.jobs.stop(id, { signal: controller.signal, onRetry: () => controller.abort() }));
    expect(error).toBeInstanceOf(UserAbortError);
    expect(stack.mock.requests).toHaveLength(1);
  });

  it('an already-aborted signal sends nothing', async () => {
    stack.mock.reset();
    const error = await caught(() => stack.client().jobs.get('ftj-any', { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(UserAbortError);
    expect(stack.mock.requests).toHaveLength(0);
  });

  it('a per-call timeoutMs overrides the client and the error says which limit was hit', async () => {
    const client = stack.client({ timeoutMs: 60_000, maxRetries: 0 });
    const { id } = await client.jobs.create(jobBody(`ftj-policy-${++n}`));
    stack.mock.inject({ kind: 'delay', ms: 3_000 }, { method: 'GET' });
    const error = await caught(() => client.jobs.get(id, { timeoutMs: 200 }));
    expect(error).toBeInstanceOf(ConnectionTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 200 });
    expect((error as Error).message).toContain('timed out after 200 ms');
  });

  it('a refused connection is retried even for a create without id (nothing reached a server), then reported with its cause', async () => {
    const infos: RetryInfo[] = [];
    const client = createClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, apiKey: TEST_KEY, clock: { now: Date.now, sleep: async () => undefined } });
    const error = await caught(() => client.jobs.create(jobBody(undefined, 'refused'), { onRetry: (i) => infos.push(i) }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(infos).toHaveLength(2);
  });

  it('an HTML 502 that persists becomes an InternalServerError with the page kept in rawBody', async () => {
    const client = stack.client({ maxRetries: 0 });
    stack.mock.inject({ kind: 'html502' }, { method: 'GET' });
    const error = await caught(() => client.jobs.list());
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 502, envelope: 'unknown' });
    expect((error as ApiError).rawBody).toContain('<h1>502 Bad Gateway</h1>');
  });

  it('a 200 with a broken body is an InvalidResponseError that keeps the text', async () => {
    const client = stack.client();
    stack.mock.inject({ kind: 'malformed' }, { method: 'GET' });
    const error = await caught(() => client.jobs.list());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).rawBody).toBe('{"name": "my-finetune-run", "id": "ftj-');
  });
});

describe('rate limit', () => {
  it('stopMany of 60 jobs under a 10 req/s limit: every job stopped once, none lost, slowed down instead of failing', async () => {
    const limited = await startStack({ direct: true, rateLimitPerSecond: 10 });
    try {
      const client = limited.client();
      const ids: string[] = [];
      for (let i = 0; i < 60; i++) {
        ids.push((await client.jobs.create(jobBody(`ftj-rl-${i}`))).id);
        limited.clock.advance(100);
      }
      limited.mock.reset();
      const started = limited.clock.now();
      const report = await client.jobs.stopMany(ids, { concurrency: 16 });
      const elapsed = limited.clock.now() - started;
      expect(report.failed).toEqual([]);
      expect(report.succeeded.map((r) => r.id)).toEqual(ids);
      const accepted = limited.mock.requests.filter((r) => r.status === 200);
      expect(accepted.map((r) => r.jobId).sort()).toEqual([...ids].sort());
      // 60 requests at 10/s need about 6 s of (virtual) time; the client waited rather than hammering.
      expect(elapsed).toBeGreaterThanOrEqual(5_000);
      expect(limited.mock.requests.filter((r) => r.status === 429).length).toBeLessThan(60);
    } finally {
      await limited.stop();
    }
  });
});
