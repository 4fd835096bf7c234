// create(body, { ifExists: 'return' }) against the stateful mock: a re-run returns the job the first run made, a
// job with that id but another name or config is the ConflictError naming what differs, and the option is checked
// before anything is sent.
import { describe, expect, it } from 'vitest';
import { jobBody } from '../../test-support/fixtures.js';
import { useMockAndClient } from '../../test-support/mock-client.js';
import { ConflictError, ValidationError } from '../errors/index.js';
import { differences } from './own-doing.js';
import type { CreateJobParams, Job } from '../types.js';

const stack = useMockAndClient();
let n = 0;

const fresh = () => jobBody(`ftj-if-exists-${++n}`);

describe("create(body, { ifExists: 'return' })", () => {
  it('returns the job a first run made, sending no second create that makes one', async () => {
    const body = fresh();
    const first = await stack.client.jobs.create(body);
    const created = stack.mock.created();
    const again = await stack.client.jobs.create(body, { ifExists: 'return' });
    expect(again.id).toBe(first.id);
    expect(again.name).toBe(first.name);
    expect(stack.mock.created()).toBe(created);
  });

  it('creates the job when none has the id yet', async () => {
    const body = fresh();
    const job = await stack.client.jobs.create(body, { ifExists: 'return' });
    expect(job.id).toBe(body.id);
    expect(stack.mock.job(job.id)).toBeDefined();
  });

  it('is the ConflictError, naming what differs, when the job with that id has another name or config', async () => {
    const body = fresh();
    await stack.client.jobs.create(body);
    const other: CreateJobParams = { ...body, name: 'another-run', config: { ...body.config, model: 'Newton::another' } };
    const error = await stack.client.jobs.create(other, { ifExists: 'return' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe('job_already_exists');
    expect((error as ConflictError).message).toMatch(/The job with this id has another name, config\.model than the one sent, so ifExists 'return' did not return it\.$/);
  });

  it("takes a 409 in any of the spec's envelopes for a create as the id being taken", async () => {
    const body = fresh();
    const first = await stack.client.jobs.create(body);
    for (const conflict of ['{"error":{"code":"conflict","message":"Conflict."}}', '{"detail":"Job exists."}']) {
      stack.mock.inject({ kind: 'raw', status: 409, body: conflict }, { method: 'POST' });
      expect((await stack.client.jobs.create(body, { ifExists: 'return' })).id).toBe(first.id);
    }
  });

  it('when the job the 409 named is gone (404 on the look-up), the ConflictError stands; another failure of the look-up is thrown', async () => {
    const body = fresh();
    stack.mock.inject({ kind: 'raw', status: 409, body: '{"errors":[{"code":"job_already_exists","message":"Exists."}]}' }, { method: 'POST' });
    await expect(stack.client.jobs.create(body, { ifExists: 'return' })).rejects.toMatchObject({ status: 409, code: 'job_already_exists' });
    await stack.client.jobs.create(body);
    stack.mock.inject({ kind: 'status', status: 503 }, { method: 'GET' });
    await expect(stack.client.jobs.create(body, { ifExists: 'return', maxRetries: 0 })).rejects.toMatchObject({ status: 503 });
    stack.mock.assertNoPendingFaults();
  });

  it('without it, a second create is the ConflictError it always was', async () => {
    const body = fresh();
    await stack.client.jobs.create(body);
    await expect(stack.client.jobs.create(body)).rejects.toMatchObject({ status: 409, code: 'job_already_exists' });
    await expect(stack.client.jobs.create(body, { ifExists: 'error' })).rejects.toBeInstanceOf(ConflictError);
  });

  it.each<[string, CreateJobParams, unknown, RegExp]>([
    ['without an id', { name: 'no-id', config: jobBody('x').config }, 'return', /options\.ifExists 'return' needs the body's id: without one, every create starts a new job/],
    ['with an unknown value', jobBody('ftj-if-exists-x'), 'overwrite', /options\.ifExists must be 'error' or 'return', got "overwrite"/],
    ['with true', jobBody('ftj-if-exists-y'), true, /options\.ifExists must be 'error' or 'return', got true/],
  ])('%s is a ValidationError before anything is sent', async (_case, body, ifExists, message) => {
    const before = stack.mock.requests.length;
    const call = stack.client.jobs.create(body, { ifExists: ifExists as 'return' });
    await expect(call).rejects.toBeInstanceOf(ValidationError);
    await expect(call).rejects.toThrow(message);
    expect(stack.mock.requests.length).toBe(before);
  });
});

describe('differences', () => {
  const job = (over: Partial<Job>): Job => ({ ...({ id: 'ftj-1', status: 'RUNNING', created_at: '', ...jobBody('ftj-1') } as unknown as Job), ...over });
  const body = jobBody('ftj-1');
  const datasets = body.config.datasets;
  it.each<[string, Partial<Job>, string[]]>([
    ['the same job', {}, []],
    ['another name', { name: 'other' }, ['name']],
    ['another model', { config: { ...body.config, model: 'm2' } }, ['config.model']],
    ['another file id in the first dataset', { config: { ...body.config, datasets: datasets.map((d, i) => (i === 0 ? { ...d, file_ids: ['file-zzz'] } : d)) } }, ['config.datasets[0].file_ids[0]']],
    ['one dataset more', { config: { ...body.config, datasets: [...datasets, { name: 'extra', split: 'eval', file_ids: [] }] } }, ['config.datasets']],
    // A field the spec does not say a record echoes proves nothing either way.
    ['a config field beyond the echoed ones', { config: { ...body.config, seed: 7 } as Job['config'] }, []],
  ])('%s: %j', (_case, over, expected) => {
    expect(differences(job(over), body)).toEqual(expected);
  });
});
