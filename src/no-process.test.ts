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

describe('with a process environment', () => {
  it('apiKey and baseUrl default to ATAI_API_KEY and ATAI_BASE_URL', async () => {
    const savedEnv = { key: process.env.ATAI_API_KEY, url: process.env.ATAI_BASE_URL };
    process.env.ATAI_API_KEY = 'sk-from-env-1234';
    process.env.ATAI_BASE_URL = 'http://env.test/v9/';
    try {
      const fake = fakeFetch(okJob);
      const client = createClient({ fetch: fake.fetch });
      await client.jobs.get(SEED_STOP_RESPONSE.id);
      expect(client.baseUrl).toBe('http://env.test/v9');
      expect(fake.calls[0]?.url).toBe(`http://env.test/v9/fine-tune/jobs/${SEED_STOP_RESPONSE.id}`);
      expect(fake.calls[0]?.headers.authorization).toBe('Bearer sk-from-env-1234');
    } finally {
      if (savedEnv.key === undefined) delete process.env.ATAI_API_KEY;
      else process.env.ATAI_API_KEY = savedEnv.key;
      if (savedEnv.url === undefined) delete process.env.ATAI_BASE_URL;
      else process.env.ATAI_BASE_URL = savedEnv.url;
    }
  });
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
