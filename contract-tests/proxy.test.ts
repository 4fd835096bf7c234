// Users behind a corporate proxy set HTTPS_PROXY (or HTTP_PROXY), and NO_PROXY for hosts to reach directly. The
// built CLI (the Node transport) is run as a user would, through a local CONNECT proxy that records each tunnel.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTunnel } from '../test-support/tunnel.js';
import { CLI_BIN } from '../test-support/cli-bin.js';

const CLI = CLI_BIN;
const CERT = fileURLToPath(new URL('../test-support/tls/localhost-cert.pem', import.meta.url));
const KEY = 'sk-proxy-test-0c7e21';
const tunnels: string[] = [];
let proxy: Server;
let api: ReturnType<typeof createHttpsServer>;
let plainApi: Server;
let proxyUrl = '';
let apiUrl = '';

const portOf = (server: { address(): unknown }) => (server.address() as AddressInfo).port;

beforeAll(async () => {
  // The API over HTTPS, as the real one is, with a certificate the child trusts through NODE_EXTRA_CA_CERTS.
  api = createHttpsServer({ cert: readFileSync(CERT), key: readFileSync(fileURLToPath(new URL('../test-support/tls/localhost-key.pem', import.meta.url))) }, (req, res) => {
    const ok = req.headers.authorization === `Bearer ${KEY}`;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(ok ? '[]' : '{"detail":"Invalid authentication credentials"}');
  });
  // The same API over plain HTTP, which HTTP_PROXY is for.
  plainApi = createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('[]'));
  // A forward proxy as corporate ones are: CONNECT opens a tunnel, recorded; anything else is refused.
  proxy = createHttpServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, client: Socket) => {
    tunnels.push(`CONNECT ${req.url ?? ''}`);
    openTunnel(req, client);
  });
  await Promise.all([api, plainApi, proxy].map((server) => new Promise<void>((r) => server.listen(0, '127.0.0.1', r))));
  proxyUrl = `http://127.0.0.1:${portOf(proxy)}`;
  apiUrl = `https://127.0.0.1:${portOf(api)}`;
});
afterAll(async () => {
  for (const server of [api, plainApi, proxy]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Runs `atai-ft jobs list --json` against the HTTPS API (or `base`) with `env` added. */
function list(env: Record<string, string>, base = apiUrl): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, 'jobs', 'list', '--json', '--base-url', base, '--max-retries', '0', '--timeout', '10'],
      { env: { PATH: process.env.PATH, ATAI_API_KEY: KEY, NODE_EXTRA_CA_CERTS: CERT, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('behind a proxy', () => {
  it.each(['HTTPS_PROXY', 'https_proxy'])('%s: every request goes through the proxy, in a tunnel', async (variable) => {
    tunnels.length = 0;
    const run = await list({ [variable]: proxyUrl });
    expect(run).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    expect(tunnels).toEqual([`CONNECT 127.0.0.1:${portOf(api)}`]);
  });

  it('HTTP_PROXY: an http:// API is reached through the proxy', async () => {
    tunnels.length = 0;
    const run = await list({ HTTP_PROXY: proxyUrl }, `http://127.0.0.1:${portOf(plainApi)}`);
    expect(run).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    expect(tunnels).toEqual([`CONNECT 127.0.0.1:${portOf(plainApi)}`]);
  });

  it('NO_PROXY names hosts reached directly', async () => {
    tunnels.length = 0;
    const run = await list({ HTTPS_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' });
    expect(run).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    expect(tunnels).toEqual([]);
  });

  it('without a proxy variable, nothing goes through the proxy', async () => {
    tunnels.length = 0;
    await expect(list({})).resolves.toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    expect(tunnels).toEqual([]);
  });

  it('a proxy that is down is a network failure (exit 4) naming the request, never the key', async () => {
    const run = await list({ HTTPS_PROXY: 'http://127.0.0.1:9' });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^atai-ft: error: /);
    expect(run.stderr).not.toContain(KEY);
  });
});
