// 2. Pure overhead: `fetch` injected as a stub that resolves a Response on the next tick, so no network is
// involved. Time per call of the facade's stop() against bare openapi-fetch's PUT.
import createFetchClient from 'openapi-fetch';
import type { paths } from '../generated/fine-tune.js';
import { createClient } from '../src/index.js';
import { rounds, summarize, type Summary } from './stats.js';

const BODY = JSON.stringify({
  name: 'my-finetune-run',
  id: 'ftj-my-finetune-run-3de60a5c',
  uuid: '8f2c1e5a-7b3d-4d9e-9c1a-2f5b7d8e4a6c',
  org_uuid: '0a1b2c3d-4e5f-6789-abcd-ef0123456789',
  status: 'STOPPING',
  config: { model: 'Newton::c2_4_7b_251215a172f6d7', datasets: [{ name: 'training-set', split: 'train', file_ids: ['file-abc123'] }] },
  created_at: '2026-04-27T14:32:18.421000Z',
  updated_at: '2026-04-27T14:51:33.701000Z',
  inference_config_path: null,
});

const stub = async (): Promise<Response> => {
  await new Promise((resolve) => setImmediate(resolve));
  return new Response(BODY, { status: 200, headers: { 'content-type': 'application/json' } });
};

/** Microseconds per call for each contender. */
export async function benchOverhead(options: { calls: number; rounds: number }): Promise<Record<string, Summary>> {
  const facade = createClient({ baseUrl: 'http://stub.invalid', apiKey: 'bench-key', fetch: stub });
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
    },
    { warmup: 1, rounds: options.rounds },
  );
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v as number[])]));
}
