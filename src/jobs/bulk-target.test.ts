// stopMany/cancelMany by status, through the client against the stateful mock: every job in the statuses, each
// once, the others untouched; a bad target is a ValidationError before anything is sent.
import { describe, expect, it } from 'vitest';
import { jobBody } from '../../test-support/fixtures.js';
import { useMockAndClient } from '../../test-support/mock-client.js';
import { ValidationError } from '../errors/index.js';
import type { JobStatus } from '../types.js';

const stack = useMockAndClient();
let n = 0;

/** A new job put in `status` now. */
async function jobIn(status: JobStatus): Promise<string> {
  const { id } = await stack.client.jobs.create(jobBody(`ftj-bulk-target-${++n}`));
  stack.mock.setStatus(id, status);
  return id;
}

describe.each([
  ['stopMany', 'STOPPING'],
  ['cancelMany', 'CANCELLED'],
] as const)('%s({ statuses })', (method, ended) => {
  it('ends every job in those statuses, each once, and leaves the others alone', async () => {
    const running = [await jobIn('RUNNING'), await jobIn('RUNNING'), await jobIn('STARTING')];
    const other = await jobIn('REGISTERED');
    const before = stack.mock.requests.length;
    const report = await stack.client.jobs[method]({ statuses: ['RUNNING', 'STARTING'] });
    expect(report.failed).toEqual([]);
    expect(report.results.map((r) => r.id).sort()).toEqual([...running].sort());
    for (const id of running) expect(stack.mock.job(id)?.status).toBe(ended);
    expect(stack.mock.job(other)?.status).toBe('REGISTERED');
    // Listed first, then one request per job: every list request before the first end, no job ended twice.
    const methods = stack.mock.requests.slice(before).map((r) => r.method);
    expect(methods.filter((m) => m === 'PUT')).toHaveLength(running.length);
    expect(methods.lastIndexOf('GET')).toBeLessThan(methods.indexOf('PUT'));
  });

  it('checks its settings before listing anything', async () => {
    const before = stack.mock.requests.length;
    await expect(stack.client.jobs[method]({ statuses: ['RUNNING'] }, { concurrency: 0 })).rejects.toThrow(/concurrency must be an integer >= 1, got 0/);
    expect(stack.mock.requests.length).toBe(before);
  });

  it('resolves to an empty report when no job is in those statuses', async () => {
    expect(await stack.client.jobs[method]({ statuses: ['FINALIZING'] })).toEqual({ results: [], succeeded: [], failed: [] });
  });

  it.each<[string, unknown, RegExp]>([
    ['no statuses', { statuses: [] }, /statuses/],
    ['a status that is none', { statuses: ['RUNING'] }, /statuses\[0\]/],
    ['one status as a string', { statuses: 'RUNNING' }, /statuses/],
    ['an object without statuses', { status: ['RUNNING'] }, /an array of job ids, or \{ statuses: \[\.\.\.\] \}/],
    // undefined would reach list as no filter at all: every job.
    ['statuses undefined', { statuses: undefined }, /statuses must be a list of job statuses such as \['RUNNING'\], got nothing/],
    ['a string', 'ftj-1', /an array of job ids, or \{ statuses: \[\.\.\.\] \}/],
  ])('%s is a ValidationError before anything is sent', async (_case, target, message) => {
    const before = stack.mock.requests.length;
    const call = stack.client.jobs[method](target as never);
    await expect(call).rejects.toBeInstanceOf(ValidationError);
    await expect(call).rejects.toThrow(message);
    expect(stack.mock.requests.length).toBe(before);
  });
});
