// 5. Bulk: stopMany of 1,000 jobs on the stateful mock limited to 200 requests/s (429 with Retry-After beyond).
// Counted on the server: jobs lost (never stopped nor reported), duplicated (stopped twice), and the share of the
// allowed rate used, per window as the mock's limit counts them (rate-windows.ts).
import { startStatefulMock } from '../mock/index.js';
import { createClient } from '../src/index.js';
import { windowedRate, type WindowedRate } from './rate-windows.js';

export interface BulkResult {
  jobs: number;
  allowedPerSecond: number;
  lost: number;
  duplicated: number;
  reportedFailed: number;
  rejected429: number;
  seconds: number;
  /** The limit's windows during stopMany, and the share of the allowed rate its full windows used. */
  rate: WindowedRate;
}

/** Creates `jobs` jobs with no limit, then stops them all under the limit. */
export async function benchBulk(options: { jobs: number; perSecond: number }): Promise<BulkResult> {
  const mock = await startStatefulMock({ apiKey: 'bench-key', phases: { RUNNING: 3_600_000 } });
  const client = createClient({ baseUrl: mock.url, apiKey: 'bench-key', maxRetryDelayMs: 5_000 });
  const ids: string[] = [];
  for (let i = 0; i < options.jobs; i++) ids.push((await client.jobs.create({ name: `bulk-${i}`, id: `ftj-bulk-${i}`, config: { model: 'm', datasets: [] } })).id);
  mock.setRateLimit(options.perSecond);
  mock.reset();

  const t0 = performance.now();
  const report = await client.jobs.stopMany(ids, { concurrency: 16 });
  const seconds = (performance.now() - t0) / 1000;

  const accepted = mock.requests.filter((r) => r.method === 'PUT' && r.status === 200);
  const perId = new Map<string, number>();
  for (const r of accepted) perId.set(r.jobId as string, (perId.get(r.jobId as string) ?? 0) + 1);
  const reported = new Set(report.results.map((r) => r.id));
  const failed = new Set(report.failed.map((r) => r.id));
  const result: BulkResult = {
    jobs: options.jobs,
    allowedPerSecond: options.perSecond,
    // Lost: not reported at all, or reported done although the server never stopped it.
    lost: ids.filter((id) => !reported.has(id) || (!failed.has(id) && !perId.has(id))).length,
    duplicated: [...perId.values()].filter((n) => n > 1).length,
    reportedFailed: report.failed.length,
    rejected429: mock.requests.filter((r) => r.status === 429).length,
    seconds,
    rate: windowedRate(mock.requests, options.perSecond),
  };
  await mock.stop();
  return result;
}
