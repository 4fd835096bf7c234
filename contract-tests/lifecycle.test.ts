// The job lifecycle against the stateful mock, through `prism proxy --errors`: every answer the mock gives is
// checked against the spec on the way, so these tests also prove the mock speaks the spec.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthenticationError, ConflictError, createClient, NotFoundError, UserAbortError, WaitTimeoutError, type Job, type JobStatus } from '../src/index.js';
import { caught, TEST_KEY } from './helpers.js';
import { jobBody, startStack, type Stack } from './stateful-helpers.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());
beforeEach(() => stack.mock.reset());

let n = 0;
const freshId = (prefix = 'ftj-life') => `${prefix}-${++n}`;

describe('lifecycle', () => {
  it('a new job is REGISTERED and, left alone, goes through every status to COMPLETED', async () => {
    const client = stack.client();
    const created = await client.jobs.create(jobBody(freshId()));
    expect(created.status).toBe('REGISTERED');
    expect(created.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const seen: Job[] = [];
    // Polled every 0.5 s: the default pauses grow past the 2 s FINALIZING phase, which this test wants to see.
    const done = await client.jobs.waitForJob(created.id, { intervalMs: 500, maxIntervalMs: 500, onStatus: (job) => seen.push(job) });
    expect(seen.map((j) => j.status)).toEqual(['REGISTERED', 'STARTING', 'RUNNING', 'FINALIZING', 'COMPLETED']);
    expect(done.status).toBe('COMPLETED');
    expect(done.inference_config_path).toBe(`s3://atai-finetune/inference-configs/${created.id}.yaml`);
    const stamps = seen.map((j) => Date.parse(j.updated_at));
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('stop then waitForJob reaches STOPPED; the record says STOPPING first', async () => {
    const client = stack.client();
    const { id } = await client.jobs.create(jobBody(freshId()));
    await client.jobs.waitForJob(id, { until: ['RUNNING'] });
    const stopping = await client.jobs.stop(id);
    expect(stopping.status).toBe('STOPPING');
    const stopped = await client.jobs.waitForJob(id);
    expect(stopped.status).toBe('STOPPED');
    expect(stopped.inference_config_path).not.toBeNull();
  });

  it('stop(id, { wait: true }) resolves once the job is STOPPED', async () => {
    const client = stack.client();
    const { id } = await client.jobs.create(jobBody(freshId()));
    const statuses: JobStatus[] = [];
    const job = await client.jobs.stop(id, { wait: { intervalMs: 250, onStatus: (j) => statuses.push(j.status) } });
    expect(job.status).toBe('STOPPED');
    expect(statuses).toEqual(['STOPPING', 'STOPPED']);
  });

  it('cancel is immediate: CANCELLED at once, nothing finalized', async () => {
    const client = stack.client();
    const { id } = await client.jobs.create(jobBody(freshId()));
    await client.jobs.waitForJob(id, { until: ['RUNNING'] });
    const cancelled = await client.jobs.cancel(id);
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.inference_config_path).toBeNull();
    await expect(client.jobs.cancel(freshId('never'), { wait: true })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('cancel(id, { wait: true }) resolves to the CANCELLED record', async () => {
    const client = stack.client();
    const { id } = await client.jobs.create(jobBody(freshId()));
    await expect(client.jobs.cancel(id, { wait: true })).resolves.toMatchObject({ id, status: 'CANCELLED' });
  });

  it('stop of a COMPLETED job is a typed 409, and so is cancel of a CANCELLED one', async () => {
    const client = stack.client();
    const { id } = await client.jobs.create(jobBody(freshId()));
    await client.jobs.waitForJob(id);
    const stopError = await caught(() => client.jobs.stop(id));
    expect(stopError).toBeInstanceOf(ConflictError);
    expect(stopError).toMatchObject({ status: 409, code: 'job_already_terminal', errors: [{ message: `Job ${id} has already completed.` }] });
    expect((stopError as ConflictError).errorUid).toMatch(/^err-/);

    const other = (await client.jobs.create(jobBody(freshId()))).id;
    await client.jobs.cancel(other);
    await expect(client.jobs.cancel(other)).rejects.toMatchObject({ status: 409, errors: [{ message: `Job ${other} has already been cancelled.` }] });
  });

  it('a duplicate client id is a 409 and creates nothing', async () => {
    const client = stack.client();
    const id = freshId();
    await client.jobs.create(jobBody(id));
    const before = stack.mock.created();
    await expect(client.jobs.create(jobBody(id))).rejects.toMatchObject({ status: 409, code: 'job_already_exists' });
    expect(stack.mock.created()).toBe(before);
  });

  it('an unknown id is a NotFoundError; a wrong key is an AuthenticationError', async () => {
    await expect(stack.client().jobs.get('ftj-nobody')).rejects.toBeInstanceOf(NotFoundError);
    const wrongKey = createClient({ baseUrl: stack.url, apiKey: 'sk-wrong-key-0000' });
    const error = await caught(() => wrongKey.jobs.get('ftj-nobody'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(String(error)).not.toContain('sk-wrong-key-0000');
  });

  it('metrics grow while the job runs and stop growing once it is stopped', async () => {
    const client = stack.client();
    const { id } = await client.jobs.create(jobBody(freshId()));
    // Seen RUNNING within 0.5 s of its start, so the 3 s below give one checkpoint (every 200 steps, 100 a second).
    await client.jobs.waitForJob(id, { until: ['RUNNING'], intervalMs: 500, maxIntervalMs: 500 });
    const early = await client.jobs.metrics(id);
    stack.clock.advance(3_000);
    const later = await client.jobs.metrics(id);
    expect(later.metrics.length).toBeGreaterThan(early.metrics.length);
    expect(later.last_checkpoint_step).toBe(200);
    await client.jobs.stop(id, { wait: true });
    const final = await client.jobs.metrics(id);
    stack.clock.advance(5_000);
    await expect(client.jobs.metrics(id)).resolves.toEqual(final);
    await expect(client.jobs.metrics(id, { limit: 1, offset: 1 })).resolves.toMatchObject({ metrics: [final.metrics[1]] });
  });

  it('waitForJob gives up after timeoutMs with the last record seen', async () => {
    const client = stack.client();
    const { id } = await client.jobs.create(jobBody(freshId()));
    // Polls at 0, 0.4, 0.9 and 1.525 s (each pause a quarter longer): REGISTERED lasts 1 s, so the last one sees
    // STARTING, and the deadline comes before the next.
    const error = await caught(() => client.jobs.waitForJob(id, { timeoutMs: 1_600, intervalMs: 400 }));
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({ jobId: id, timeoutMs: 1_600, lastJob: { id, status: 'STARTING' } });
  });

  it('waitForJob stops at once when its signal aborts', async () => {
    const client = stack.client();
    const { id } = await client.jobs.create(jobBody(freshId()));
    const controller = new AbortController();
    const error = await caught(() => client.jobs.waitForJob(id, { signal: controller.signal, onStatus: () => controller.abort() }));
    expect(error).toBeInstanceOf(UserAbortError);
    expect(stack.mock.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
  });

  it('a job that FAILED ends the wait with that record', async () => {
    const client = stack.client();
    const { id } = await client.jobs.create(jobBody(freshId()));
    stack.mock.setStatus(id, 'FAILED');
    await expect(client.jobs.waitForJob(id)).resolves.toMatchObject({ status: 'FAILED' });
  });
});

describe('list and iterate', () => {
  it('list filters by status and pages with limit and offset', async () => {
    const client = stack.client();
    const ids = [freshId('ftj-list'), freshId('ftj-list'), freshId('ftj-list')];
    for (const id of ids) await client.jobs.create(jobBody(id));
    await client.jobs.cancel(ids[1] as string);
    const cancelled = await client.jobs.list({ statuses: ['CANCELLED'] });
    expect(cancelled.map((j) => j.id)).toContain(ids[1]);
    expect(cancelled.every((j) => j.status === 'CANCELLED')).toBe(true);
    const all = await client.jobs.list();
    const page = await client.jobs.list({ limit: 2, offset: 1 });
    expect(page.map((j) => j.id)).toEqual(all.slice(1, 3).map((j) => j.id));
  });

  it('iterate yields every matching job exactly once, even when one leaves the filter between pages', async () => {
    const client = stack.client();
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) ids.push((await client.jobs.create(jobBody(freshId('ftj-iter')))).id);
    const expected = (await client.jobs.list({ statuses: ['REGISTERED'] })).map((j) => j.id);
    expect(expected).toEqual(expect.arrayContaining(ids));

    const yielded: string[] = [];
    for await (const job of client.jobs.iterate({ statuses: ['REGISTERED'], pageSize: 5 })) {
      yielded.push(job.id);
      // After the first page, an already-yielded job stops matching: later jobs shift back by one place.
      if (yielded.length === 5) await client.jobs.cancel(yielded[0] as string);
    }
    expect(yielded).toHaveLength(new Set(yielded).size);
    expect([...yielded].sort()).toEqual([...expected].sort());
  });
});

describe('stopMany and cancelMany', () => {
  it('report every id exactly once: done with its job, or failed with its typed error', async () => {
    const client = stack.client();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await client.jobs.create(jobBody(freshId('ftj-bulk')))).id);
    await client.jobs.cancel(ids[3] as string);
    stack.mock.reset();
    const report = await client.jobs.stopMany([...ids, ids[0] as string, 'ftj-missing', '..'], { concurrency: 4 });
    expect(report.results.map((r) => r.id)).toEqual([...ids, 'ftj-missing', '..']);
    expect(report.succeeded).toHaveLength(11);
    expect(report.succeeded.every((r) => r.job.status === 'STOPPING')).toBe(true);
    expect(report.failed.map((r) => [r.id, r.error.name])).toEqual([
      [ids[3], 'ConflictError'],
      ['ftj-missing', 'NotFoundError'],
      ['..', 'ValidationError'],
    ]);
    // One PUT per distinct valid id: the duplicate is sent once, '..' never.
    const stops = stack.mock.requests.filter((r) => r.method === 'PUT');
    expect(stops.map((r) => r.jobId).sort()).toEqual([...ids, 'ftj-missing'].sort());

    const cancelled = await client.jobs.cancelMany(ids);
    expect(cancelled.succeeded).toHaveLength(11);
  });
});

describe('the validating proxy', () => {
  it('turns an answer that breaks the spec into a 500, so a drifting mock cannot pass', async () => {
    stack.mock.inject({ kind: 'html502' });
    const response = await fetch(`${stack.url}/fine-tune/jobs`, { headers: { authorization: `Bearer ${TEST_KEY}` } });
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('VIOLATIONS');
  });
});
