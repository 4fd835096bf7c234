// The runtime smoke suite: what any runtime must do with the built package, as plain code with no test runner, so
// that the same checks run in Node, in other runtimes and in a browser page. Each check reports pass or fail with
// what it saw; nothing here reads a Node API, so the bundle a browser loads contains only the client and this.
import type * as Package from '../src/index.js';

/** What one check found. */
export interface SmokeResult {
  name: string;
  ok: boolean;
  detail: string;
}

/** Where the checks send requests. */
export interface SmokeTargets {
  /** Prism serving the spec (it answers CORS, so a page can call it). */
  prismUrl: string;
  /** A server that accepts connections and never answers. */
  silentUrl: string;
  /** The stateful mock (real clock), its key, a job there to cancel, and one whose next GET is answered 429 once. */
  mockUrl: string;
  mockKey: string;
  jobToCancel: string;
  jobBehind429: string;
}

const KEY = 'sk-smoke-Zq8+/=9xYw';

/**
 * Runs every check with `pkg` (the package's exports, as the runtime loaded them) and resolves to their results.
 * Never rejects: a check that throws unexpectedly is a failed result.
 */
export async function runSmoke(pkg: typeof Package, targets: SmokeTargets): Promise<SmokeResult[]> {
  const client = pkg.createClient({ baseUrl: targets.prismUrl, apiKey: KEY, retryBaseDelayMs: 1 });
  const id = 'ftj-my-finetune-run-3de60a5c';
  const checks: [string, () => Promise<string>][] = [
    // Without a baseUrl the client looks for ATAI_BASE_URL: where there is no environment that must not throw.
    ['a client made without a baseUrl works where there is no environment', async () => expectEqual(typeof pkg.createClient({ apiKey: KEY }).baseUrl, 'string')],
    ['create answers REGISTERED', async () => expectEqual((await client.jobs.create({ name: 'run', id, config: { model: 'm', datasets: [] } })).status, 'REGISTERED')],
    ['stop answers STOPPING', async () => expectEqual((await client.jobs.stop(id)).status, 'STOPPING')],
    ['cancel answers CANCELLED', async () => expectEqual((await client.jobs.cancel(id)).status, 'CANCELLED')],
    ['a 409 is a ConflictError with its code', async () => {
      const error = await failure(() => client.jobs.cancel(id, { headers: { Prefer: 'code=409' } }));
      return expectEqual(error instanceof pkg.ConflictError ? error.code : String(error), 'job_already_terminal');
    }],
    ['cancel with { wait } on the stateful mock ends CANCELLED', async () => {
      const mock = pkg.createClient({ baseUrl: targets.mockUrl, apiKey: targets.mockKey });
      return expectEqual((await mock.jobs.cancel(targets.jobToCancel, { wait: { intervalMs: 50, timeoutMs: 10_000 } })).status, 'CANCELLED');
    }],
    ['a 429 is retried, then the answer comes', async () => {
      const mock = pkg.createClient({ baseUrl: targets.mockUrl, apiKey: targets.mockKey });
      let retries = 0;
      const job = await mock.jobs.get(targets.jobBehind429, { onRetry: () => retries++ });
      return expectEqual(`${job.id} after ${retries} retry`, `${targets.jobBehind429} after 1 retry`);
    }],
    ['a 500 is retried twice, then an InternalServerError', async () => {
      let retries = 0;
      const error = await failure(() => client.jobs.get(id, { headers: { Prefer: 'code=500' }, onRetry: () => retries++ }));
      return expectEqual(`${error instanceof pkg.InternalServerError} after ${retries} retries`, 'true after 2 retries');
    }],
    ['a 429 asking for a wait over the cap is a RateLimitError carrying it', async () => {
      const error = await failure(() => client.jobs.get(id, { headers: { Prefer: 'code=429' } }));
      return expectEqual(error instanceof pkg.RateLimitError ? error.retryAfterMs : String(error), 60_000);
    }],
    ['a silent server is a ConnectionTimeoutError', async () => {
      const silent = pkg.createClient({ baseUrl: targets.silentUrl, apiKey: KEY, maxRetries: 0, timeoutMs: 300 });
      const error = await failure(() => silent.jobs.get(id));
      return expectEqual(error instanceof pkg.ConnectionTimeoutError, true);
    }],
    ['an aborted signal is a UserAbortError', async () => {
      const error = await failure(() => client.jobs.get(id, { signal: AbortSignal.abort() }));
      return expectEqual(error instanceof pkg.UserAbortError, true);
    }],
    ['the key never shows in an error', async () => {
      const error = await failure(() => client.jobs.get(KEY, { headers: { Prefer: 'code=404' } }));
      const texts = [String(error), JSON.stringify(error), (error as Error).stack ?? ''];
      return expectEqual(error instanceof pkg.NotFoundError && texts.every((t) => !t.includes(KEY) && !t.includes(encodeURIComponent(KEY))), true);
    }],
  ];
  const results: SmokeResult[] = [];
  for (const [name, check] of checks) {
    try {
      results.push({ name, ok: true, detail: await check() });
    } catch (error) {
      results.push({ name, ok: false, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  }
  return results;
}

function expectEqual(actual: unknown, expected: unknown): string {
  if (actual !== expected) throw new Error(`expected ${String(expected)}, got ${String(actual)}`);
  return String(actual);
}

async function failure(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure, but the call succeeded');
}
