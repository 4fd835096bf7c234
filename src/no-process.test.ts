// Browsers and some workers have no `process` global: building a client and calling it must not need one.
import { afterEach, describe, expect, it } from 'vitest';
import { fakeFetch, okJob } from '../test-support/fake-fetch.js';
import { SEED_STOP_RESPONSE } from '../test-support/fixtures.js';
import { createClient } from './client.js';
import { MissingApiKeyError } from './errors/index.js';

const saved = globalThis.process;
afterEach(() => {
  globalThis.process = saved;
});

describe('without a process global', () => {
  it('createClient works and a call resolves', async () => {
    const fake = fakeFetch(okJob);
    // @ts-expect-error -- deleting what Node always defines, as a browser lacks it
    delete globalThis.process;
    expect(typeof process).toBe('undefined');
    const client = createClient({ apiKey: 'sk-browser-1234', baseUrl: 'https://api.test', fetch: fake.fetch });
    const job = await client.jobs.stop(SEED_STOP_RESPONSE.id);
    globalThis.process = saved;
    expect(job).toEqual(SEED_STOP_RESPONSE);
    expect(fake.calls[0]?.url).toBe(`https://api.test/fine-tune/jobs/${SEED_STOP_RESPONSE.id}/stop`);
  });

  it('with no key given, the first call says where a key comes from, instead of a ReferenceError', async () => {
    const fake = fakeFetch(okJob);
    // @ts-expect-error -- deleting what Node always defines, as above
    delete globalThis.process;
    const client = createClient({ fetch: fake.fetch });
    const error = await client.jobs.get('ftj-x').catch((e: unknown) => e);
    globalThis.process = saved;
    expect(error).toBeInstanceOf(MissingApiKeyError);
    expect(client.baseUrl).toBe('https://api.u1.archetypeai.app/v0.5');
    expect(fake.calls).toHaveLength(0);
  });
});
