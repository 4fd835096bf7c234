// Issue 10, point 1: the key never comes back through an error, whatever form a server echoes it in. Each body
// below is what a server could send; every text form of the resulting error is searched for the key.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fakeFetch, instantClock, json } from '../test-support/fake-fetch.js';
import { SEED_STOP_RESPONSE } from '../test-support/fixtures.js';
import { createClient } from './client.js';

// A key with every character that JSON, URLs or HTML escape.
const KEY = 'sk-live/AB+c=d"e\\f_0123456789';
const client = (fetch: typeof globalThis.fetch) =>
  createClient({ baseUrl: 'http://api.test', apiKey: KEY, fetch, maxRetries: 0, clock: instantClock() });

// JSON.stringify gives undefined for undefined, whatever its declared type says.
const asJson = (value: unknown): string => (JSON.stringify(value) as string | undefined) ?? '';

/** Every way a user can see an error, each searched for the key as is and in the forms it may be echoed in. */
function expectNoKey(error: unknown): void {
  const e = error as Error & { body?: unknown; errors?: unknown; rawBody?: unknown; headers?: unknown };
  const texts = [e.message, String(e), JSON.stringify(e), inspect(e, { depth: 10 }), e.stack ?? '', asJson(e.body), asJson(e.errors), String(e.rawBody), asJson(e.headers)];
  const forms = [KEY, JSON.stringify(KEY).slice(1, -1), encodeURIComponent(KEY), 'AB+c=d'];
  for (const text of texts) for (const form of forms) expect(text).not.toContain(form);
}

const escaped = (s: string) => s.replace(/[/=+"\\]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

describe('a server that echoes the key', () => {
  it.each([
    ['as is, in the current envelope', JSON.stringify({ errors: [{ code: 'bad_key', message: `Key ${KEY} is revoked` }] })],
    ['JSON-escaped with \\/ and \\"', `{"detail": "Key ${KEY.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\//g, '\\/')} is revoked"}`],
    ['every special character as \\uXXXX', `{"detail": "Key ${escaped(KEY)} is revoked"}`],
    ['in the older envelope, in details', JSON.stringify({ error: { code: 'x', message: 'no', details: { key: KEY, nested: [{ again: KEY }] } } })],
    ['as an object key', JSON.stringify({ errors: [{ code: 'x', message: 'no' }], [KEY]: true })],
    ['percent-encoded', JSON.stringify({ detail: `GET /jobs?key=${encodeURIComponent(KEY)}` })],
    ['in base64, as a gateway might echo the Authorization header', JSON.stringify({ detail: Buffer.from(`Bearer ${KEY}`).toString('base64') })],
    ['in truncated JSON', `{"detail": "Key ${escaped(KEY)} is rev`],
    ['in an HTML page with entities', `<html><body>Key ${KEY.replace(/"/g, '&quot;').replace(/\+/g, '&#43;')}</body></html>`],
  ])('%s: not in the message, String, JSON, inspect, stack, body, errors or rawBody', async (_case, body) => {
    const fake = fakeFetch(() => new Response(body, { status: 401, headers: { 'x-echo': KEY } }));
    const error = await client(fake.fetch).jobs.get('ftj-x').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AuthenticationError', status: 401 });
    expectNoKey(error);
  });

  it.each([
    ['escaped twice (a JSON string inside a JSON string)', JSON.stringify({ errors: [{ code: 'upstream_error', message: `gateway: ${JSON.stringify({ detail: `invalid key ${KEY}` }).replace(/\//g, '\\/')}` }] })],
    ['as HTML named entities', `<html><body>Key ${KEY.replace(/"/g, '&quot;')} &amp; more</body></html>`],
  ])('%s', async (_case, body) => {
    const fake = fakeFetch(() => new Response(body, { status: 502 }));
    expectNoKey(await client(fake.fetch).jobs.get('ftj-x').catch((e: unknown) => e));
  });

  it.each([
    // Both transports pass the server's reason phrase on, as fetch does: it is shown, redacted.
    ['fetch', '401 Invalid key [REDACTED]'],
    ['node', '401 Invalid key [REDACTED]'],
  ] as const)('in the HTTP reason phrase (a real server, transport %s)', async (transport, shown) => {
    const server = createServer((socket) => {
      socket.once('data', () => socket.end(`HTTP/1.1 401 Invalid key ${KEY}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const c = createClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiKey: KEY, maxRetries: 0, transport });
      const error = await c.jobs.get('ftj-x').catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'AuthenticationError', status: 401 });
      expect((error as Error).message).toContain(shown);
      expectNoKey(error);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('in the error a custom fetch throws, and that error\'s own cause', async () => {
    const fake = fakeFetch(() => {
      throw new TypeError(`proxy refused Bearer ${KEY}`, { cause: Object.assign(new Error(`connect to proxy with ${KEY}`), { code: 'ECONNREFUSED' }) });
    });
    const error = await client(fake.fetch).jobs.get('ftj-x').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ConnectionError' });
    // The chain is kept, redacted: the socket code that says what happened is still there.
    expect((((error as Error).cause as Error).cause as Error & { code: string }).code).toBe('ECONNREFUSED');
    expectNoKey(error);
  });

  it('nor in a wait that times out, is aborted or is given another job\'s record, or a bulk call aborted, when the key is passed as an id', async () => {
    const echo = { ...SEED_STOP_RESPONSE, status: 'RUNNING', name: `run by ${KEY}` };
    const fake = fakeFetch(json(200, echo));
    const c = client(fake.fetch);
    const timedOut = await c.jobs.waitForJob(KEY, { timeoutMs: 1, intervalMs: 1 }).catch((e: unknown) => e);
    expect(timedOut).toMatchObject({ name: 'WaitTimeoutError', jobId: '[REDACTED]' });
    expectNoKey(timedOut);
    const mismatched = await c.jobs.waitForJob(KEY, { initial: { ...SEED_STOP_RESPONSE, id: `ftj-${KEY}` } }).catch((e: unknown) => e);
    expect(mismatched).toMatchObject({ name: 'ValidationError', param: 'initial' });
    expectNoKey(mismatched);
    const aborted = await c.jobs.waitForJob(KEY, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(aborted).toMatchObject({ name: 'UserAbortError' });
    expectNoKey(aborted);
    const report = await c.jobs.cancelMany([KEY], { signal: AbortSignal.abort() });
    expect(report.failed.map((f) => f.error.name)).toEqual(['UserAbortError']);
    expectNoKey(report.failed[0]?.error);
  });

  it('the redacted message still says what happened', async () => {
    const fake = fakeFetch(json(401, { detail: `Key ${KEY} is revoked` }));
    await expect(client(fake.fetch).jobs.get('ftj-x')).rejects.toThrow('401: Key [REDACTED] is revoked');
  });

  it('a 200 that is not JSON keeps its body, redacted', async () => {
    const fake = fakeFetch(() => new Response(`<html>${escaped(KEY)}</html>`, { status: 200 }));
    const error = await client(fake.fetch).jobs.get('ftj-x').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InvalidResponseError', rawBody: '<html>[REDACTED]</html>' });
    expectNoKey(error);
  });

  it('the key passed as a job id by mistake is not in the error, its path or the debug log', async () => {
    const lines: string[] = [];
    const fake = fakeFetch(json(404, { detail: 'Not Found' }));
    const c = createClient({ baseUrl: 'http://api.test', apiKey: KEY, fetch: fake.fetch, maxRetries: 0, logger: { debug: (l) => lines.push(l) } });
    const error = await c.jobs.get(KEY).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'NotFoundError', path: '/fine-tune/jobs/[REDACTED]' });
    expectNoKey(error);
    expect(lines).toEqual([expect.stringMatching(/^GET \/fine-tune\/jobs\/\[REDACTED\] -> 404 attempt=1 duration=\d+ms$/)]);
  });
});
