// iterate over pages served from an array the test controls: every job once, in order, and the page requests.
import { describe, expect, it } from 'vitest';
import { SEED_STOP_RESPONSE } from '../../test-support/fixtures.js';
import { iterateJobs } from './iterate.js';
import type { Job, ListJobsParams } from '../types.js';

const jobs = (n: number): Job[] => Array.from({ length: n }, (_, i) => ({ ...SEED_STOP_RESPONSE, id: `ftj-${i}` }));

async function all(list: (p: ListJobsParams) => Promise<Job[]>, params = {}): Promise<string[]> {
  const ids: string[] = [];
  for await (const job of iterateJobs(list, params)) ids.push(job.id);
  return ids;
}

describe('iterateJobs', () => {
  it('yields 23 jobs once each over pages of 5 that overlap by 1, and stops at the short page', async () => {
    const store = jobs(23);
    const offsets: number[] = [];
    const ids = await all(async ({ limit = -1, offset = 0 }) => (offsets.push(offset), store.slice(offset, offset + limit)), { pageSize: 5 });
    expect(ids).toEqual(store.map((j) => j.id));
    expect(offsets).toEqual([0, 4, 8, 12, 16, 20]);
  });

  it('an empty first page yields nothing after one request', async () => {
    let calls = 0;
    await expect(all(async () => (calls++, []))).resolves.toEqual([]);
    expect(calls).toBe(1);
  });

  it('passes the status filter to every page', async () => {
    const seen: unknown[] = [];
    await all(async (p) => (seen.push(p.statuses), []), { statuses: ['RUNNING'] });
    expect(seen).toEqual([['RUNNING']]);
  });

  it.each([
    ['pageSize', { pageSize: 0 }],
    ['pageSize', { pageSize: 1.5 }],
    ['overlap', { pageSize: 5, overlap: 5 }],
    ['overlap', { pageSize: 5, overlap: -1 }],
  ])('refuses a bad %s before any request', async (param, params) => {
    let calls = 0;
    await expect(all(async () => (calls++, []), params)).rejects.toMatchObject({ name: 'ValidationError', param });
    expect(calls).toBe(0);
  });
});
