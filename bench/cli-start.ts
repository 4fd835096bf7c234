// 4. CLI start: whole-process time of the built binary (package.json's `bin`) for `--version` and `--help`, and for
// `jobs get ID` the time until its request reaches a server (a node:http server in this process, answering the
// seed's job record at once) and until the process has ended. Baseline: `node -e 0`; and, for the request, a bare
// script sending the same request with undici.request (what the CLI sends with), which no client built on it can beat.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { SURFACE } from '../generated/surface.js';
import { SEED_STOP_RESPONSE } from '../test-support/fixtures.js';
import { CLI_BIN } from '../test-support/cli-bin.js';
import { summarize, type Summary } from './stats.js';

const BODY = JSON.stringify(SEED_STOP_RESPONSE);

/** Milliseconds from spawn to the request's arrival (undefined when none came) and to the process's end. */
interface Timing {
  arrivalMs: number | undefined;
  exitMs: number;
}

/** Per contender, min/median/max milliseconds to the end of the process, and to the request's arrival where one is sent. */
export type CliStartResult = Record<string, { exit: Summary; arrival?: Summary }>;

/** Runs each contender `perRound` times per round; resolves to its figures. */
export async function benchCliStart(options: { perRound: number; rounds: number }): Promise<CliStartResult> {
  let arrived: ((at: number) => void) | undefined;
  const server = createServer((request, response) => {
    arrived?.(performance.now());
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) }).end(BODY);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const env = { PATH: process.env.PATH, ATAI_API_KEY: 'bench-key', ATAI_BASE_URL: base };

  const time = async (args: string[]): Promise<Timing> => {
    let arrivalMs: number | undefined;
    const started = performance.now();
    arrived = (at) => (arrivalMs = at - started);
    const child = spawn(process.execPath, args, { env, stdio: 'ignore' });
    await once(child, 'exit');
    return { arrivalMs, exitMs: performance.now() - started };
  };
  const id = 'ftj-bench-1';
  const url = `${base}${SURFACE.getJob.path.replace('{job_id}', id)}`;
  const undici = createRequire(import.meta.url).resolve('undici');
  const contenders: Record<string, string[]> = {
    'node -e 0': ['-e', '0'],
    'atai-ft --version': [CLI_BIN, '--version'],
    'atai-ft --help': [CLI_BIN, '--help'],
    'atai-ft jobs get': [CLI_BIN, 'jobs', 'get', id],
    'bare undici.request': ['-e', `require(${JSON.stringify(undici)}).request(${JSON.stringify(url)}, { headers: { authorization: 'Bearer bench-key' } }).then((r) => r.body.text())`],
  };
  const timings: Record<string, Timing[]> = {};
  // Alternating the order each round, as stats.ts's rounds() does, so that no contender always runs on a warmer machine.
  const names = Object.keys(contenders);
  for (let round = 0; round < options.rounds; round++) {
    for (const name of round % 2 ? [...names].reverse() : names) {
      for (let i = 0; i < options.perRound; i++) (timings[name] ??= []).push(await time(contenders[name] as string[]));
    }
  }
  server.close();
  return Object.fromEntries(
    Object.entries(timings).map(([name, list]) => {
      const arrivals = list.map((t) => t.arrivalMs).filter((ms): ms is number => ms !== undefined);
      return [name, { exit: summarize(list.map((t) => t.exitMs)), ...(arrivals.length > 0 ? { arrival: summarize(arrivals) } : {}) }];
    }),
  );
}
