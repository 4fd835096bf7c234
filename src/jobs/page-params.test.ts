// limit and offset as they reach the URL, through createClient with `fetch` injected: a number JavaScript would
// write in exponent form (1e+21), or one past Number.MAX_SAFE_INTEGER, is refused before anything is sent.
import { describe, expect, it } from 'vitest';
import { fakeFetch, instantClock, json } from '../../test-support/fake-fetch.js';
import { SEED_STOP_RESPONSE } from '../../test-support/fixtures.js';
import { createClient } from '../client.js';
import { ValidationError } from '../errors/index.js';

const setup = () => {
  const fake = fakeFetch(async (call) => (call.url.includes('/metrics') ? json(200, { last_checkpoint_step: null, metrics: [] }) : json(200, []))(call));
  return { fake, client: createClient({ baseUrl: 'http://api.test/v0.5', apiKey: 'sk-unit-0a9b8c7d6e5f', fetch: fake.fetch, clock: instantClock() }) };
};
const jobId = SEED_STOP_RESPONSE.id;

describe('limit and offset', () => {
  it.each([
    ['limit', 1e21],
    ['offset', 1e21],
    ['limit', 2 ** 53],
    ['offset', Number.MAX_SAFE_INTEGER + 1],
    ['offset', 1e300],
  ] as const)('%s %d is refused by list and metrics, naming it, before anything is sent', async (param, value) => {
    const { fake, client } = setup();
    for (const call of [() => client.jobs.list({ [param]: value }), () => client.jobs.metrics(jobId, { [param]: value })]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ param, message: expect.stringContaining(param) as unknown });
    }
    expect(fake.calls).toHaveLength(0);
  });

  it('the largest safe integers are sent as plain digits', async () => {
    const { fake, client } = setup();
    await client.jobs.list({ limit: Number.MAX_SAFE_INTEGER, offset: Number.MAX_SAFE_INTEGER });
    await client.jobs.metrics(jobId, { limit: -1, offset: 0 });
    const queries = fake.calls.map((c) => new URL(c.url).search);
    expect(queries).toEqual(['?limit=9007199254740991&offset=9007199254740991', '?limit=-1&offset=0']);
  });
});
