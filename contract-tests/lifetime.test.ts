// Nothing outlives a call: after the built CLI's request ends, by success, an error answer, a timeout or Ctrl-C,
// directly or through a proxy that misbehaves, the process exits at once with its documented code, and the proxy
// sees no further connection. A proxy that accepts the CONNECT and closes with FIN once sent undici into a loop of
// thousands of CONNECTs a second, during the call and after it, and the CLI never exited.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTunnel } from '../test-support/tunnel.js';
import { CLI_BIN } from '../test-support/cli-bin.js';

const CLI = CLI_BIN;
const CERT = fileURLToPath(new URL('../test-support/tls/localhost-cert.pem', import.meta.url));
const KEY = 'sk-lifetime-test-5b2d90';

/** What a proxy does with each CONNECT. */
type ProxyBehaviour = 'fin' | 'fin-after-200' | 'rst' | '407' | '502' | 'stall';
let behaviour: ProxyBehaviour = 'fin';
let connections = 0;
let api: Server;
let plainApi: Server;
let proxy: Server;
const held = new Set<Socket>();
const portOf = (server: { address(): unknown }) => (server.address() as AddressInfo).port;

/** The API answers each path as named: a list, a 404, or nothing at all. */
function answer(url: string | undefined, res: import('node:http').ServerResponse) {
  if (url?.includes('limit=404')) res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"not_found","message":"No."}]}');
  else if (url?.includes('limit=7')) res.socket?.once('close', () => undefined); // stalls: never answers
  else res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
}

beforeAll(async () => {
  const tls = { cert: readFileSync(CERT), key: readFileSync(fileURLToPath(new URL('../test-support/tls/localhost-key.pem', import.meta.url))) };
  api = createHttpsServer(tls, (req, res) => answer(req.url, res));
  plainApi = createHttpServer((req, res) => answer(req.url, res));
  proxy = createHttpServer((_req, res) => res.writeHead(405).end());
  proxy.on('connection', (socket: Socket) => {
    connections++;
    held.add(socket);
    socket.on('close', () => held.delete(socket));
  });
  proxy.on('connect', (_req, socket: Socket) => {
    socket.on('error', () => undefined);
    if (behaviour === 'fin') socket.end();
    else if (behaviour === 'fin-after-200') socket.end('HTTP/1.1 200 Connection Established\r\n\r\n');
    else if (behaviour === 'rst') socket.resetAndDestroy();
    else if (behaviour === '407') socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nproxy-authenticate: Basic\r\ncontent-length: 0\r\n\r\n');
    else if (behaviour === '502') socket.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n');
  });
  await Promise.all([api, plainApi, proxy].map((server) => new Promise<void>((r) => server.listen(0, '127.0.0.1', r))));
});
afterAll(async () => {
  for (const socket of held) socket.destroy();
  for (const server of [api, plainApi, proxy]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

interface Ended {
  code: number | null;
  stderr: string;
  /** Connections the proxy saw while the process ran. */
  during: number;
  /** How long the process ran. */
  ms: number;
}

/**
 * Runs `atai-ft jobs list` with `args` and `env`, optionally sending SIGINT after `interruptMs`, and resolves when
 * the process has exited. A process still alive after 15 s is killed, and reported with code null. `boundMs` is
 * how long it may take at most: its own timeouts and a few seconds for a loaded machine, far less than the 10 s a
 * connection still opening would keep it.
 */
async function runCli(args: string[], env: Record<string, string>, boundMs: number, interruptMs?: number): Promise<Ended> {
  const before = connections;
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'jobs', 'list', '--json', ...args], {
    env: { PATH: process.env.PATH, ATAI_API_KEY: KEY, NODE_EXTRA_CA_CERTS: CERT, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  if (interruptMs !== undefined) setTimeout(() => child.kill('SIGINT'), interruptMs);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c, signal) => resolve(signal === 'SIGKILL' ? null : c)));
  clearTimeout(killer);
  const ms = performance.now() - started;
  // Not a speed check: a bound well above the run's own timeouts, which only a process that lingers passes.
  expect({ code, stderr, lingered: ms > boundMs }).toMatchObject({ lingered: false });
  return { code, stderr, during: connections - before, ms };
}

const https = () => `https://127.0.0.1:${portOf(api)}`;
const http = () => `http://127.0.0.1:${portOf(plainApi)}`;
const proxyUrl = () => `http://127.0.0.1:${portOf(proxy)}`;

describe('through a proxy that misbehaves, the CLI exits with its code and nothing keeps connecting', () => {
  it.each<[ProxyBehaviour, 'HTTPS_PROXY' | 'HTTP_PROXY', number]>([
    ['fin', 'HTTPS_PROXY', 4],
    ['fin', 'HTTP_PROXY', 4],
    ['fin-after-200', 'HTTPS_PROXY', 4],
    ['fin-after-200', 'HTTP_PROXY', 4],
    ['rst', 'HTTPS_PROXY', 4],
    ['407', 'HTTPS_PROXY', 4],
    ['502', 'HTTPS_PROXY', 4],
    ['stall', 'HTTPS_PROXY', 3],
  ])('a proxy that answers CONNECT with %s (%s): exit %i, one connection per attempt', async (kind, variable, expected) => {
    behaviour = kind;
    const base = variable === 'HTTPS_PROXY' ? https() : http();
    const ended = await runCli(['--base-url', base, '--timeout', '2', '--max-retries', '0'], { [variable]: proxyUrl() }, 5_000);
    expect({ code: ended.code, stderr: ended.stderr }).toEqual({ code: expected, stderr: expect.stringMatching(/^atai-ft: error: [^\n]+\n$/) as unknown as string });
    expect(ended.stderr).not.toContain(KEY);
    expect(ended.during).toBe(1);
  });

  it('with the default retries, a FIN proxy is tried three times, then exit 4', async () => {
    behaviour = 'fin';
    const ended = await runCli(['--base-url', https(), '--timeout', '2'], { HTTPS_PROXY: proxyUrl() }, 6_000);
    expect({ code: ended.code, stderr: ended.stderr }).toEqual({ code: 4, stderr: expect.stringContaining('the proxy closed the connection before the tunnel was open') as unknown as string });
    expect(ended.during).toBe(3);
  });

  it('Ctrl-C while a proxy holds the CONNECT unanswered: exit 3 at once', async () => {
    behaviour = 'stall';
    const ended = await runCli(['--base-url', https(), '--timeout', '60'], { HTTPS_PROXY: proxyUrl() }, 4_000, 800);
    expect({ code: ended.code, stderr: ended.stderr }).toEqual({ code: 3, stderr: expect.stringMatching(/^atai-ft: error: [^\n]*interrupted/) as unknown as string });
  });
});

describe('however a call ends, the process exits at once', () => {
  it.each<[string, string[], number]>([
    ['success', [], 0],
    ['an error answer', ['--limit', '404'], 1],
    ['a timeout', ['--limit', '7', '--timeout', '1'], 3],
  ])('%s, directly and through a proxy', async (_name, args, expected) => {
    behaviour = 'fin';
    const direct = await runCli(['--base-url', https(), '--max-retries', '0', ...args], {}, 4_000);
    expect(direct.code).toBe(expected);
    expect(direct.during).toBe(0);
    // A working proxy: one that opens the tunnel.
    const tunnelling = createHttpServer();
    tunnelling.on('connect', openTunnel);
    await new Promise<void>((r) => tunnelling.listen(0, '127.0.0.1', r));
    try {
      let tunnels = 0;
      tunnelling.on('connect', () => tunnels++);
      const proxied = await runCli(['--base-url', https(), '--max-retries', '0', ...args], { HTTPS_PROXY: `http://127.0.0.1:${portOf(tunnelling)}` }, 4_000);
      expect({ code: proxied.code, tunnels }).toEqual({ code: expected, tunnels: 1 });
    } finally {
      tunnelling.closeAllConnections();
      await new Promise((resolve) => tunnelling.close(resolve));
    }
  });

  it('Ctrl-C during a stalled request: exit 3 at once', async () => {
    const ended = await runCli(['--base-url', https(), '--limit', '7', '--timeout', '60'], {}, 4_000, 800);
    expect(ended.code).toBe(3);
  });

  it.each<[string, string[], number | undefined]>([
    ['a timeout', ['--timeout', '1'], undefined],
    ['Ctrl-C', ['--timeout', '60'], 800],
  ])('%s while a TLS handshake never ends (a host that accepts and stays silent): exit 3 at once, not after the connect timeout', async (_name, args, interruptMs) => {
    const silent = createNetServer((socket) => socket.on('error', () => undefined));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const ended = await runCli(['--base-url', `https://127.0.0.1:${portOf(silent)}`, '--max-retries', '0', ...args], {}, 4_000, interruptMs);
      expect(ended.code).toBe(3);
    } finally {
      silent.close();
    }
  });
});
