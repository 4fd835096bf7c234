// The API key must never leave the Authorization header: not in any error's message, String() or JSON, and
// not in any debug log line, whatever went wrong. Every kind of failure is provoked here with a distinctive key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ClientOptions } from '../src/index.js';
import { loggerFromEnv } from '../src/http/logger.js';
import { jobBody, startStack, type Stack } from './stateful-helpers.js';

const KEY = 'sk-live-SECRET-5f0c2a9e7d1b4c3a';
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ direct: true, apiKey: KEY });
});
afterAll(() => stack.stop());

function textsOf(error: unknown): string[] {
  const e = error as Error;
  return [String(e), e.message, JSON.stringify(e), e.stack ?? '', JSON.stringify((e as { headers?: unknown }).headers ?? {})];
}

describe('the API key', () => {
  it('appears in no error and no debug line, across every kind of failure', async () => {
    const lines: string[] = [];
    const logger = loggerFromEnv({ ATAI_LOG: 'debug' }, (line) => lines.push(line));
    const base: ClientOptions = { baseUrl: stack.mock.url, apiKey: KEY, logger, maxRetries: 1, retryBaseDelayMs: 1 };
    const client = createClient(base);
    const { id } = await client.jobs.create(jobBody('ftj-secret-1'));
    const errors: unknown[] = [];
    const collect = (p: Promise<unknown>) => p.then(() => expect.unreachable('expected a failure'), (e: unknown) => errors.push(e));

    await collect(client.jobs.get('ftj-nobody')); // 404
    await collect(createClient({ ...base, apiKey: `${KEY}-revoked` }).jobs.get(id)); // 401 with a key the server refuses
    stack.mock.inject({ kind: 'status', status: 429, retryAfter: '3600' });
    await collect(client.jobs.get(id)); // 429 beyond the cap
    stack.mock.inject({ kind: 'html502' }, { times: 2 });
    await collect(client.jobs.get(id)); // 502 HTML, retried
    stack.mock.inject({ kind: 'delay', ms: 2_000 }, { times: 2 });
    await collect(client.jobs.get(id, { timeoutMs: 200 })); // timeouts (both attempts are delayed)
    stack.mock.inject({ kind: 'reset' }, { times: 2 });
    await collect(client.jobs.get(id)); // resets
    stack.mock.inject({ kind: 'malformed' });
    await collect(client.jobs.get(id)); // 200 with a broken body
    await collect(client.jobs.get(id, { signal: AbortSignal.abort() })); // user abort
    await collect(client.jobs.get('..')); // local validation
    await collect(createClient({ ...base, apiKey: `${KEY}\n` }).jobs.get(id)); // a key that cannot be a header
    await collect(client.jobs.waitForJob(id, { timeoutMs: 1, intervalMs: 1 })); // wait timeout
    const echo = createClient({ ...base, fetch: async () => new Response(JSON.stringify({ detail: `bad key ${KEY}` }), { status: 401, headers: { 'x-echo': KEY } }) });
    await collect(echo.jobs.get(id)); // a server that echoes the key back

    expect(errors.map((e) => (e as Error).name)).toEqual([
      'NotFoundError',
      'AuthenticationError',
      'RateLimitError',
      'InternalServerError',
      'ConnectionTimeoutError',
      'ConnectionError',
      'InvalidResponseError',
      'UserAbortError',
      'ValidationError',
      'ValidationError',
      'WaitTimeoutError',
      'AuthenticationError',
    ]);
    expect(lines.length).toBeGreaterThan(10);
    for (const text of [...errors.flatMap(textsOf), ...lines]) expect(text).not.toContain(KEY);
    // The echoed key was replaced, not the whole message dropped.
    expect((errors.at(-1) as Error).message).toBe('401: bad key [REDACTED]');
  });

  it('debug lines name the method, path, status, attempt, wait and duration', async () => {
    const lines: string[] = [];
    const client = createClient({
      baseUrl: stack.mock.url,
      apiKey: KEY,
      logger: { debug: (line) => lines.push(line) },
      clock: { now: Date.now, sleep: async () => undefined },
    });
    // Scoped to the list: a poll the previous test abandoned at its deadline may still reach the mock now.
    stack.mock.inject({ kind: 'status', status: 503, retryAfter: '2' }, { method: 'GET', pathEndsWith: '/fine-tune/jobs' });
    await client.jobs.list({ limit: 1 });
    expect(lines[0]).toMatch(/^GET \/fine-tune\/jobs\?limit=1 -> 503 attempt=1 duration=\d+ms retry_in=2000ms$/);
    expect(lines[1]).toMatch(/^GET \/fine-tune\/jobs\?limit=1 -> 200 attempt=2 duration=\d+ms$/);
  });

  it('ATAI_LOG=debug turns the stderr logger on; anything else leaves it off', () => {
    expect(loggerFromEnv({ ATAI_LOG: 'debug' })).toBeDefined();
    expect(loggerFromEnv({})).toBeUndefined();
    expect(loggerFromEnv({ ATAI_LOG: 'info' })).toBeUndefined();
  });
});
