// 1. Over the wire: a loopback keep-alive node:http server answering the seed's job record. Time per call of
// the facade's stop() on each transport (undici on Node, fetch) against bare openapi-fetch, raw fetch and
// undici.request, at concurrency 1 and 64.
// The server runs in its own process (on the other core), so the figures compare the clients, not the
// clients plus a server sharing their event loop.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import createFetchClient from 'openapi-fetch';
import { Agent, request as undiciRequest } from 'undici';
import type { paths } from '../generated/fine-tune.js';
import { SEED_STOP_RESPONSE } from '../test-support/fixtures.js';
import { built } from './built.js';
import { rounds, summarize, type Summary } from './stats.js';

// The Stop Job reference page's answer, the same record the contract tests check.
const SEED = JSON.stringify(SEED_STOP_RESPONSE);
const ID = 'ftj-my-finetune-run-3de60a5c';

export interface WireResult {
  concurrency: number;
  /** Microseconds per call, per contender. */
  perCallUs: Record<string, Summary>;
  /** Calls per second, per contender. */
  throughput: Record<string, Summary>;
}

/** Runs `total` calls of `call` with at most `concurrency` in flight; resolves to the elapsed ms. */
async function drive(call: () => Promise<unknown>, total: number, concurrency: number): Promise<number> {
  let started = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (started < total) {
      started++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - t0;
}

/** Starts the server, runs every contender at each concurrency, and stops the server. */
export async function benchWire(options: { calls: number; rounds: number }): Promise<WireResult[]> {
  const serverCode = `
    const body = ${JSON.stringify(SEED)};
    const server = require('node:http').createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    });
    server.keepAliveTimeout = 60000;
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const server = spawn(process.execPath, ['-e', serverCode], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(server.stdout, 'data')) as [Buffer];
  const base = `http://127.0.0.1:${chunk.toString().trim()}`;
  const url = `${base}/fine-tune/jobs/${encodeURIComponent(ID)}/stop`;
  const headers = { authorization: 'Bearer bench-key', accept: 'application/json' };
  const agent = new Agent({ connections: 128, keepAliveTimeout: 60_000 });

  const facade = built.createClient({ baseUrl: base, apiKey: 'bench-key', transport: 'node' });
  const facadeFetch = built.createClient({ baseUrl: base, apiKey: 'bench-key', transport: 'fetch' });
  const bare = createFetchClient<paths>({ baseUrl: base, headers });
  const contenders = {
    'raw fetch': async () => {
      const res = await fetch(url, { method: 'PUT', headers });
      return (await res.json()) as unknown;
    },
    'undici.request': async () => {
      const res = await undiciRequest(url, { method: 'PUT', headers, dispatcher: agent });
      return (await res.body.json()) as unknown;
    },
    'bare openapi-fetch': async () => (await bare.PUT('/fine-tune/jobs/{job_id}/stop', { params: { path: { job_id: ID } } })).data,
    'facade stop(), node transport': () => facade.jobs.stop(ID),
    'facade stop(), fetch transport': () => facadeFetch.jobs.stop(ID),
  };

  const results: WireResult[] = [];
  for (const concurrency of [1, 64]) {
    const calls = concurrency === 1 ? options.calls : options.calls * 4;
    const timed = Object.fromEntries(
      Object.entries(contenders).map(([name, call]) => [name, () => drive(call, calls, concurrency)]),
    ) as Record<keyof typeof contenders, () => Promise<number>>;
    const samples = await rounds(timed, { warmup: 1, rounds: options.rounds });
    const perCallUs: Record<string, Summary> = {};
    const throughput: Record<string, Summary> = {};
    for (const [name, ms] of Object.entries(samples) as [string, number[]][]) {
      perCallUs[name] = summarize(ms.map((m) => (m * 1000) / calls));
      throughput[name] = summarize(ms.map((m) => (calls / m) * 1000));
    }
    results.push({ concurrency, perCallUs, throughput });
  }
  await agent.close();
  server.kill();
  return results;
}
