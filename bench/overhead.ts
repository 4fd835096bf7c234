// 2. Pure overhead: `fetch` injected as a stub that resolves a Response on the next tick, so no network is
// involved. Time per call of the facade's stop() against bare openapi-fetch's PUT, and with answers validated.
import createFetchClient from 'openapi-fetch';
import type { paths } from '../generated/fine-tune.js';
import { SEED_STOP_RESPONSE } from '../test-support/fixtures.js';
import { built, builtValidation } from './built.js';
import { rounds, summarize, type Summary } from './stats.js';

// The Stop Job reference page's answer, the same record the contract tests check.
const BODY = JSON.stringify(SEED_STOP_RESPONSE);

const stub = async (): Promise<Response> => {
  await new Promise((resolve) => setImmediate(resolve));
  return new Response(BODY, { status: 200, headers: { 'content-type': 'application/json' } });
};

/** Microseconds per call for each contender. */
export async function benchOverhead(options: { calls: number; rounds: number }): Promise<Record<string, Summary>> {
  const facade = built.createClient({ baseUrl: 'http://stub.invalid', apiKey: 'bench-key', fetch: stub });
  const validating = built.createClient({ baseUrl: 'http://stub.invalid', apiKey: 'bench-key', fetch: stub, validateResponses: builtValidation.specValidation('throw') });
  const bare = createFetchClient<paths>({ baseUrl: 'http://stub.invalid', headers: { authorization: 'Bearer bench-key' }, fetch: stub });
  const time = (call: () => Promise<unknown>) => async () => {
    const t0 = performance.now();
    for (let i = 0; i < options.calls; i++) await call();
    return ((performance.now() - t0) * 1000) / options.calls;
  };
  const samples = await rounds(
    {
      'bare openapi-fetch': time(() => bare.PUT('/fine-tune/jobs/{job_id}/stop', { params: { path: { job_id: 'ftj-1' } } })),
      'facade stop()': time(() => facade.jobs.stop('ftj-1')),
      'facade stop(), validateResponses': time(() => validating.jobs.stop('ftj-1')),
    },
    { warmup: 1, rounds: options.rounds },
  );
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v as number[])]));
}
