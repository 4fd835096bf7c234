// Nothing outlives a call, in a long-running app (the CLI's side is contract-tests/lifetime.test.ts): through a
// proxy that hangs up or never answers, a call ends on time and afterwards nothing keeps connecting or holds a
// connection open; calls in flight beside one that fails still complete. The proxy is read from HTTP_PROXY at the
// first request, once per process: this file sets it first (vitest runs each file in a process of its own).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SEED_STOP_RESPONSE } from '../../test-support/fixtures.js';
import { openTunnel } from '../../test-support/tunnel.js';
import { ConnectionError, ConnectionTimeoutError, createClient, UserAbortError } from '../index.js';

type Behaviour = 'fin' | 'stall' | 'tunnel';
let behaviour: Behaviour = 'tunnel';
let connections = 0;
const open = new Set<Socket>();
const all = new Set<Socket>();
let api: Server;
let proxy: Server;
const portOf = (server: Server) => (server.address() as AddressInfo).port;

beforeAll(async () => {
  // The API answers after the delay its path names (/fine-tune/jobs/slow-300 waits 300 ms).
  api = createServer((req: IncomingMessage, res: ServerResponse) => {
    const delay = Number(/slow-(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(SEED_STOP_RESPONSE)), delay);
  });
  proxy = createServer();
  // A connection counts as open until the client hangs up ('end': the proxy's own side stays half open after it).
  proxy.on('connection', (socket: Socket) => {
    connections++;
    open.add(socket);
    all.add(socket);
    socket.on('end', () => open.delete(socket));
    socket.on('close', () => open.delete(socket));
  });
  proxy.on('connect', (req, socket: Socket) => {
    socket.on('error', () => undefined);
    if (behaviour === 'fin') return void socket.end();
    if (behaviour === 'stall') return;
    openTunnel(req, socket);
  });
  await Promise.all([api, proxy].map((server) => new Promise<void>((r) => server.listen(0, '127.0.0.1', r))));
  process.env.HTTP_PROXY = `http://127.0.0.1:${portOf(proxy)}`;
});
afterAll(async () => {
  delete process.env.HTTP_PROXY;
  // Tunnels are the proxy's own sockets, which server.close() does not end.
  for (const socket of all) socket.destroy();
  for (const server of [api, proxy]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const client = (options: Parameters<typeof createClient>[0] = {}) =>
  createClient({ baseUrl: `http://127.0.0.1:${portOf(api)}`, apiKey: 'sk-proxy-lifetime-1d2e', transport: 'node', maxRetries: 0, ...options });
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('a proxy that closes each CONNECT: one connection for the call, none in the second after it', async () => {
  behaviour = 'fin';
  const before = connections;
  await expect(client({ timeoutMs: 2_000 }).jobs.get('ftj-1')).rejects.toBeInstanceOf(ConnectionError);
  expect(connections - before).toBe(1);
  await settle(1_000);
  expect(connections - before).toBe(1);
});

it.each<[string, (signal: AbortController) => Promise<unknown>, new (...args: never[]) => Error]>([
  ['a timeout', () => client({ timeoutMs: 300 }).jobs.get('ftj-2'), ConnectionTimeoutError],
  [
    'an abort',
    (controller) => {
      setTimeout(() => controller.abort(), 300);
      return client().jobs.get('ftj-3', { signal: controller.signal });
    },
    UserAbortError,
  ],
])('a proxy that never answers the CONNECT, and %s: the call ends, and the connection it opened is closed', async (_name, call, ErrorClass) => {
  behaviour = 'stall';
  const before = connections;
  await expect(call(new AbortController())).rejects.toBeInstanceOf(ErrorClass);
  await settle(300);
  expect({ opened: connections - before, stillOpen: open.size }).toEqual({ opened: 1, stillOpen: 0 });
});

it('calls in flight beside one that times out still complete, and the next call works', async () => {
  behaviour = 'tunnel';
  const c = client({ timeoutMs: 5_000 });
  const slow = [c.jobs.get('slow-400'), c.jobs.get('slow-400'), c.jobs.get('slow-400')];
  const failing = client({ timeoutMs: 100 }).jobs.get('slow-2000');
  await expect(failing).rejects.toBeInstanceOf(ConnectionTimeoutError);
  await expect(Promise.all(slow)).resolves.toEqual([SEED_STOP_RESPONSE, SEED_STOP_RESPONSE, SEED_STOP_RESPONSE]);
  await expect(c.jobs.get('ftj-after')).resolves.toEqual(SEED_STOP_RESPONSE);
});
