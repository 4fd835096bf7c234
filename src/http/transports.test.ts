// Both ways a client sends (undici on Node, fetch elsewhere) against real loopback servers: redirects, compressed
// and oversized bodies, stalls, aborts. What fetch does for us, the Node transport must do too, and no worse.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { getGlobalDispatcher, MockAgent, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_STOP_RESPONSE } from '../../test-support/fixtures.js';
import {
  ConnectionError,
  ConnectionTimeoutError,
  createClient,
  NotFoundError,
  RedirectError,
  ResponseTooLargeError,
  UserAbortError,
  ValidationError,
  type TransportKind,
} from '../index.js';
import { fetchExchange } from './fetch-exchange.js';
import { MAX_REDIRECTS, nodeExchange } from './node-exchange.js';

const KEY = 'sk-transport-test-4f1a9c';
const JOB = JSON.stringify(SEED_STOP_RESPONSE);
type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

/** A loopback server whose answer each test sets, recording the authorization each request carried. */
async function server(): Promise<{ url: string; server: Server; seen: { path: string; auth: string | undefined }[]; handle: (h: Handler) => void }> {
  let handler: Handler = (_req, res) => res.end();
  const seen: { path: string; auth: string | undefined }[] = [];
  const s = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({ path: url.pathname, auth: req.headers.authorization });
    handler(req, res, url);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, server: s, seen, handle: (h) => (handler = h) };
}

let main: Awaited<ReturnType<typeof server>>;
let other: Awaited<ReturnType<typeof server>>;
beforeAll(async () => {
  main = await server();
  other = await server();
});
afterAll(async () => {
  for (const s of [main, other]) {
    s.server.closeAllConnections();
    await new Promise((resolve) => s.server.close(resolve));
  }
});

const json = (res: ServerResponse, body: string, headers: Record<string, string> = {}) => res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(body);

describe.each<TransportKind>(['node', 'fetch'])('transport %s', (transport) => {
  const client = (options: Parameters<typeof createClient>[0] = {}) => createClient({ baseUrl: main.url, apiKey: KEY, maxRetries: 0, transport, ...options });

  it('follows a GET redirect, keeping the key on the same origin and dropping it for another', async () => {
    main.seen.length = 0;
    other.seen.length = 0;
    other.handle((_req, res) => json(res, JOB));
    main.handle((_req, res, url) => {
      if (url.pathname.endsWith('/a')) res.writeHead(302, { location: '/fine-tune/jobs/b' }).end();
      else res.writeHead(301, { location: `${other.url}/fine-tune/jobs/c` }).end();
    });
    await expect(client().jobs.get('a')).resolves.toEqual(SEED_STOP_RESPONSE);
    expect(main.seen).toEqual([
      { path: '/fine-tune/jobs/a', auth: `Bearer ${KEY}` },
      { path: '/fine-tune/jobs/b', auth: `Bearer ${KEY}` },
    ]);
    expect(other.seen).toEqual([{ path: '/fine-tune/jobs/c', auth: undefined }]);
  });

  it('does not follow a redirect of a stop: RedirectError naming where it pointed', async () => {
    main.seen.length = 0;
    main.handle((_req, res) => res.writeHead(307, { location: '/elsewhere' }).end());
    const error = await client().jobs.stop('ftj-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toMatchObject({ status: 307, location: '/elsewhere' });
    expect(main.seen).toHaveLength(1);
  });

  it('gives up after 20 redirects of a GET, as fetch does', async () => {
    main.seen.length = 0;
    main.handle((_req, res, url) => res.writeHead(302, { location: `${url.pathname}x` }).end());
    await expect(client().jobs.get('loop')).rejects.toBeInstanceOf(ConnectionError);
    expect(main.seen).toHaveLength(MAX_REDIRECTS + 1);
  });

  it.each([
    ['gzip', gzipSync],
    ['br', brotliCompressSync],
  ] as const)('unpacks a %s body the server sends unasked', async (encoding, pack) => {
    main.handle((_req, res) => json(res, pack(Buffer.from(JOB)) as unknown as string, { 'content-encoding': encoding }));
    await expect(client().jobs.get('ftj-1')).resolves.toEqual(SEED_STOP_RESPONSE);
  });

  it('refuses a body over maxResponseBytes, declared, endless or unpacking past it', async () => {
    const big = `"${'x'.repeat(4_000)}"`;
    main.handle((_req, res) => json(res, big));
    await expect(client({ maxResponseBytes: 1_000 }).jobs.get('a')).rejects.toBeInstanceOf(ResponseTooLargeError);
    main.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write('x'.repeat(512)), 1);
      res.on('close', () => clearInterval(timer));
    });
    await expect(client({ maxResponseBytes: 4_096 }).jobs.get('b')).rejects.toBeInstanceOf(ResponseTooLargeError);
    main.handle((_req, res) => json(res, gzipSync(Buffer.alloc(1 << 20, 32)) as unknown as string, { 'content-encoding': 'gzip' }));
    await expect(client({ maxResponseBytes: 64 * 1024 }).jobs.get('c')).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it('ends a stalled answer at timeoutMs, not later', async () => {
    main.handle(() => undefined);
    const started = performance.now();
    await expect(client({ timeoutMs: 150 }).jobs.get('stall')).rejects.toBeInstanceOf(ConnectionTimeoutError);
    // The exact per-attempt timer, not undici's own timeouts (which fire up to ~0.85 s late).
    expect(performance.now() - started).toBeLessThan(600);
  });

  it('ends at once when the signal aborts, with UserAbortError', async () => {
    main.handle(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = performance.now();
    await expect(client().jobs.get('stall', { signal: controller.signal })).rejects.toBeInstanceOf(UserAbortError);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('reads an error answer with all its headers, set-cookie left out', async () => {
    main.handle((_req, res) => {
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.writeHead(404, { 'content-type': 'application/json', 'x-request-id': 'r-1' }).end('{"errors":[{"code":"job_not_found","message":"No job."}]}');
    });
    const error = await client().jobs.get('none').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'job_not_found', headers: { 'x-request-id': 'r-1', 'content-type': 'application/json' } });
    expect((error as NotFoundError).headers).not.toHaveProperty('set-cookie');
  });

  it('client.raw goes the same way', async () => {
    main.handle((_req, res) => json(res, JOB, { 'x-request-id': 'r-2' }));
    const { data, response } = await client().raw.GET('/fine-tune/jobs/{job_id}', { params: { path: { job_id: 'ftj-1' } } });
    expect(data).toEqual(SEED_STOP_RESPONSE);
    expect(response.headers.get('x-request-id')).toBe('r-2');
  });
});

describe.each([
  ['node', nodeExchange()],
  ['fetch', fetchExchange(globalThis.fetch)],
] as const)('the %s exchange, below the facade', (_name, exchange) => {
  const send = (method: string, path: string) => exchange(`${main.url}${path}`, { method, headers: {}, follow: method === 'GET' || method === 'HEAD' }, new AbortController().signal, 1_000);

  it('a HEAD, or a 204 or 304 whatever its headers declare, has no body to read (and no crash)', async () => {
    main.handle((req, res, url) => {
      const status = url.pathname === '/head' ? 200 : Number(url.pathname.slice(1));
      res.writeHead(status, { 'content-length': '999999', 'content-encoding': 'gzip' });
      res.end();
      req.socket.end();
    });
    for (const [method, path, status] of [['HEAD', '/head', 200], ['GET', '/204', 204], ['GET', '/304', 304]] as const) {
      await expect(send(method, path)).resolves.toMatchObject({ status, text: '' });
    }
  });

  it('an empty gzip body is empty; a body in two encodings is unpacked in order; one cut short reads as far as it got', async () => {
    const whole = gzipSync(Buffer.from(JOB));
    main.handle((_req, res, url) => {
      if (url.pathname === '/empty') res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': '0' }).end();
      else if (url.pathname === '/two') res.writeHead(200, { 'content-encoding': 'gzip, br' }).end(brotliCompressSync(whole));
      else res.writeHead(200, { 'content-encoding': 'gzip' }).end(whole.subarray(0, whole.length - 8));
    });
    await expect(send('GET', '/empty')).resolves.toMatchObject({ status: 200, text: '' });
    await expect(send('GET', '/two')).resolves.toMatchObject({ status: 200, text: JOB });
    await expect(send('GET', '/cut')).resolves.toMatchObject({ status: 200, text: JOB });
  });
});

describe('transport node only', () => {
  // Node's fetch leaves a redirect's body unread and its connection open until it is collected; the Node transport
  // reads at most 64 KiB of it and lets the connection go.
  it('does not read on and on the body of a redirect it follows', async () => {
    let written = 0;
    let closed = false;
    main.handle((_req, res, url) => {
      if (url.pathname.endsWith('/there')) return json(res, JOB);
      res.writeHead(302, { location: '/fine-tune/jobs/there', 'content-type': 'text/plain' });
      const timer = setInterval(() => {
        written += 64 * 1024;
        res.write(Buffer.alloc(64 * 1024, 97));
      }, 1);
      res.on('close', () => {
        closed = true;
        clearInterval(timer);
      });
    });
    await expect(createClient({ baseUrl: main.url, apiKey: KEY, maxRetries: 0, transport: 'node' }).jobs.get('here')).resolves.toEqual(SEED_STOP_RESPONSE);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The connection was let go, having carried little of the endless body.
    expect({ closed, written: written < 4 * 1024 * 1024 }).toEqual({ closed: true, written: true });
  });
});

describe('transport node and undici\'s global dispatcher', () => {
  it("uses an app's setGlobalDispatcher (a MockAgent in its tests), as fetch did", async () => {
    const previous = getGlobalDispatcher();
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('http://mocked.test').intercept({ path: '/fine-tune/jobs/ftj-1', method: 'GET' }).reply(200, JOB, { headers: { 'content-type': 'application/json' } });
    setGlobalDispatcher(agent);
    try {
      const c = createClient({ baseUrl: 'http://mocked.test', apiKey: KEY, maxRetries: 0, transport: 'node' });
      await expect(c.jobs.get('ftj-1')).resolves.toEqual(SEED_STOP_RESPONSE);
    } finally {
      setGlobalDispatcher(previous);
      await agent.close();
    }
  });
});

describe('choosing the transport', () => {
  it.each([
    [{ transport: 'node', fetch: globalThis.fetch }, "transport 'node' sends with undici, not a fetch"],
    [{ transport: 'undici' }, "transport must be 'auto', 'node' or 'fetch', got \"undici\""],
  ])('%j is refused before any request', (options, message) => {
    expect(() => createClient({ apiKey: KEY, ...(options as object) })).toThrow(ValidationError);
    expect(() => createClient({ apiKey: KEY, ...(options as object) })).toThrow(message);
  });
});
