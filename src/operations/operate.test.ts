// What the client checks is what it sends: the query is a fresh object of the spec's own parameters, the body a JSON
// copy, so that inherited fields, getters and toJSON cannot slip past the spec's rules. Operations are the spec's
// (generated/surface.ts); one with both a query and a body is built here, as the spec may add one.
import { describe, expect, it } from 'vitest';
import { SURFACE } from '../../generated/surface.js';
import { jobBody } from '../../test-support/fixtures.js';
import { fakeFetch, json } from '../../test-support/fake-fetch.js';
import { createClient, ValidationError } from '../index.js';
import { checkedRequest, type OperationSurface } from './operate.js';

const valid = jobBody('ftj-operate-1');

function client() {
  const fake = fakeFetch(json(200, []));
  return { client: createClient({ apiKey: 'k', baseUrl: 'http://api.test', fetch: fake.fetch, maxRetries: 0 }), calls: fake.calls };
}

describe('checkedRequest', () => {
  it('sends only the own properties the spec names: an inherited one is neither checked nor sent', async () => {
    const { client: c, calls } = client();
    await c.jobs.list(Object.create({ foo: 1, limit: -5 }) as never);
    expect(calls.map((call) => call.url)).toEqual(['http://api.test/fine-tune/jobs']);
  });

  it.each([
    ['a toJSON that sends something else', { ...valid, toJSON: () => ({}) }, 'body.name'],
    ['an inherited name', Object.assign(Object.create({ name: 'x' }) as object, { config: valid.config }), 'body.name'],
    ['a getter that throws', Object.defineProperty({ ...valid }, 'name', { get: () => { throw new Error('boom'); }, enumerable: true }), 'body'],
    ['a BigInt', { ...valid, extra: 1n }, 'body'],
  ])('refuses a body with %s, checking what JSON would carry, sending nothing', async (_case, body, param) => {
    const { client: c, calls } = client();
    await expect(c.jobs.create(body as never)).rejects.toMatchObject({ name: 'ValidationError', param });
    expect(calls).toEqual([]);
  });

  it('splits the params of an operation with both a query and a body, checking each by its own rules', () => {
    const operation = {
      ...SURFACE.createJob,
      query: [{ name: 'dry_run', required: false, rule: { type: 'boolean' } }],
    } as unknown as OperationSurface;
    expect(checkedRequest(operation, {}, { ...valid, dry_run: true })).toEqual({ query: { dry_run: true }, body: valid });
    expect(() => checkedRequest(operation, {}, { ...valid, dry_run: 'yes' })).toThrow(ValidationError);
    expect(() => checkedRequest(operation, {}, { ...valid, dry_run: 'yes' })).toThrow(/^dry_run must be a boolean, got "yes"/);
  });

  it('names an unknown parameter and the ones the method takes, instead of dropping it', () => {
    expect(() => checkedRequest(SURFACE.listJobs, {}, { status: ['RUNNING'] })).toThrow('jobs.list has no parameter status: jobs.list takes the parameters limit, offset, statuses.');
  });
});

describe('iterate', () => {
  it.each([
    ['null', null, 'params'],
    ['a limit', { limit: 5 }, 'limit'],
    ['an offset', { offset: 5 }, 'offset'],
  ])('refuses %s with a ValidationError before any request', async (_case, params, param) => {
    const { client: c, calls } = client();
    await expect(c.jobs.iterate(params as never).next()).rejects.toMatchObject({ name: 'ValidationError', param });
    expect(calls).toEqual([]);
  });
});
