// Issue 10, points 2 to 7: correct outcomes, nothing lost, nothing reported falsely. Through the public client,
// against the stateful mock on loopback (its answers can be lost after it acted) or a scripted fetch.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startStatefulMock, type StatefulMock } from '../mock/index.js';
import { fakeFetch, instantClock, json } from '../test-support/fake-fetch.js';
import { jobBody, SEED_STOP_RESPONSE } from '../test-support/fixtures.js';
import { createClient } from './client.js';
import { ConflictError, InvalidResponseError, RedirectError } from './errors/index.js';
import type { Job } from './types.js';

const clock = new ManualClock();
let mock: StatefulMock;
beforeAll(async () => {
  mock = await startStatefulMock({ clock });
});
afterAll(() => mock.stop());
const client = () => createClient({ baseUrl: mock.url, apiKey: mock.apiKey, clock, retryBaseDelayMs: 1 });
let n = 0;
/** Reads an iterator to its end. */
async function drain(jobs: AsyncIterable<Job>): Promise<number> {
  let count = 0;
  for await (const job of jobs) count += job.id ? 1 : 0;
  return count;
}
const fresh = async () => (await client().jobs.create(jobBody(`ftj-outcome-${++n}`))).id;

describe('#2 a stop or cancel whose answer was lost after the server acted', () => {
  it.each([
    ['cancel', 'reset after processing', { kind: 'reset' } as const, 'CANCELLED'],
    ['cancel', 'a 502 after the job changed', { kind: 'status', status: 502 } as const, 'CANCELLED'],
    ['stop', 'reset after processing', { kind: 'reset' } as const, 'STOPPING'],
    ['stop', 'a 503 after the job changed', { kind: 'status', status: 503 } as const, 'STOPPING'],
  ])('%s after %s resolves to the job, not a ConflictError', async (how, _case, fault, status) => {
    const id = await fresh();
    mock.inject(fault, { method: 'PUT', afterProcessing: true });
    const job = how === 'cancel' ? await client().jobs.cancel(id) : await client().jobs.stop(id);
    expect(job).toMatchObject({ id, status });
  });

  it('cancelMany reports such an id done, not failed', async () => {
    const [a, b] = [await fresh(), await fresh()];
    mock.inject({ kind: 'reset' }, { method: 'PUT', afterProcessing: true, pathEndsWith: `${a}/cancel` });
    const report = await client().jobs.cancelMany([a, b]);
    expect(report.failed).toEqual([]);
    expect(report.succeeded.map((r) => [r.id, r.job.status])).toEqual([[a, 'CANCELLED'], [b, 'CANCELLED']]);
  });

  it('a first-attempt 409 stays a ConflictError', async () => {
    const id = await fresh();
    await client().jobs.cancel(id);
    await expect(client().jobs.cancel(id)).rejects.toBeInstanceOf(ConflictError);
  });

  it('a retried stop that meets 409 on a job that ended otherwise (CANCELLED) is still a ConflictError', async () => {
    const id = await fresh();
    await client().jobs.cancel(id);
    mock.inject({ kind: 'status', status: 503 }, { method: 'PUT' });
    await expect(client().jobs.stop(id)).rejects.toMatchObject({ name: 'ConflictError', code: 'job_already_terminal' });
  });
});

describe('#3 a create whose retry meets 409 returns the job only when it is this call\'s', () => {
  it('returns the job its own lost first attempt created', async () => {
    const id = `ftj-outcome-${++n}`;
    mock.inject({ kind: 'reset' }, { method: 'POST', afterProcessing: true });
    const before = mock.created();
    await expect(client().jobs.create(jobBody(id))).resolves.toMatchObject({ id, status: 'REGISTERED' });
    expect(mock.created() - before).toBe(1);
  });

  it('returns its own lost job when the config has fields beyond model and datasets (the spec allows them)', async () => {
    const id = `ftj-outcome-${++n}`;
    const body = { ...jobBody(id), config: { ...jobBody().config, learning_rate: 0.001, schedule: { warmup: 10 } } };
    mock.inject({ kind: 'reset' }, { method: 'POST', afterProcessing: true });
    const before = mock.created();
    await expect(client().jobs.create(body)).resolves.toMatchObject({ id, config: { learning_rate: 0.001, schedule: { warmup: 10 } } });
    expect(mock.created() - before).toBe(1);
  });

  it('returns its own lost job from a server that echoes only what the spec requires of a record\'s config', async () => {
    const id = 'ftj-echoes-required';
    const body = { ...jobBody(id), config: { ...jobBody().config, learning_rate: 0.001 } };
    // The server made the job, lost the answer, then reports the job without the optional field.
    const record = { ...SEED_STOP_RESPONSE, id, name: body.name, status: 'REGISTERED', config: jobBody().config, created_at: new Date().toISOString() };
    const fake = fakeFetch(
      () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) })),
      json(409, { errors: [{ code: 'job_already_exists', message: 'exists' }] }),
      json(200, record),
    );
    const c = createClient({ baseUrl: 'http://api.test', apiKey: 'sk-echo-1234', fetch: fake.fetch, clock: instantClock() });
    await expect(c.jobs.create(body)).resolves.toMatchObject({ id, status: 'REGISTERED' });
    // The same server answering with another dataset file is not this call's job.
    const other = { ...record, config: { ...jobBody().config, datasets: [{ name: 'training-set', split: 'train', file_ids: ['file-other'] }] } };
    const fake2 = fakeFetch(
      () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) })),
      json(409, { errors: [{ code: 'job_already_exists', message: 'exists' }] }),
      json(200, other),
    );
    const c2 = createClient({ baseUrl: 'http://api.test', apiKey: 'sk-echo-1234', fetch: fake2.fetch, clock: instantClock() });
    await expect(c2.jobs.create(body)).rejects.toBeInstanceOf(ConflictError);
  });

  it('when the look-up of its own job fails, the ConflictError stands (not the look-up\'s 404)', async () => {
    const reset = () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) }));
    const fake = fakeFetch(reset, json(409, { errors: [{ code: 'job_already_exists', message: 'exists' }] }), json(404, { errors: [{ code: 'job_not_found', message: 'gone' }] }));
    const c = createClient({ baseUrl: 'http://api.test', apiKey: 'sk-lookup-1234', fetch: fake.fetch, clock: instantClock() });
    await expect(c.jobs.create(jobBody('ftj-lookup-fails'))).rejects.toMatchObject({ name: 'ConflictError', code: 'job_already_exists' });
  });

  it.each<[string, () => unknown]>([
    ['a cycle', () => {
      const config: Record<string, unknown> = { ...jobBody().config };
      config.self = config;
      return config;
    }],
    ['a BigInt', () => ({ ...jobBody().config, steps: 10n })],
    ['a getter that throws', () => ({ ...jobBody().config, get lr(): number { throw new Error('no lr'); } })],
    ['200,000 levels of nesting', () => ({ ...jobBody().config, extra: JSON.parse('['.repeat(200_000) + ']'.repeat(200_000)) as unknown })],
  ])('a create config with %s is a ValidationError before anything is sent', async (_name, config) => {
    const fake = fakeFetch(json(200, SEED_STOP_RESPONSE));
    const c = createClient({ baseUrl: 'http://api.test', apiKey: 'sk-json-1234', fetch: fake.fetch });
    await expect(c.jobs.create({ ...jobBody('ftj-json'), config: config() as never })).rejects.toMatchObject({ name: 'ValidationError', param: 'body', message: expect.stringContaining('cannot be sent as JSON') as unknown as string });
    expect(fake.calls).toHaveLength(0);
  });

  it('refuses a pre-existing job with the same id and name but another model', async () => {
    const id = `ftj-outcome-${++n}`;
    await client().jobs.create({ ...jobBody(id), config: { ...jobBody().config, model: 'Newton::other' } });
    mock.inject({ kind: 'status', status: 503 }, { method: 'POST' });
    await expect(client().jobs.create(jobBody(id))).rejects.toBeInstanceOf(ConflictError);
  });

  it('refuses an identical job created before this call began', async () => {
    const id = `ftj-outcome-${++n}`;
    await client().jobs.create(jobBody(id));
    clock.advance(10 * 60_000);
    mock.inject({ kind: 'status', status: 503 }, { method: 'POST' });
    await expect(client().jobs.create(jobBody(id))).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('#4 iterate does not stop early', () => {
  /** A server listing newest first, which gains `added` jobs at the head right after the first page is read. */
  function newestFirst(total: number, added: number) {
    let jobs: Job[] = Array.from({ length: total }, (_, i) => ({ ...SEED_STOP_RESPONSE, id: `old-${total - i}` }));
    let pages = 0;
    return fakeFetch((call) => {
      const url = new URL(call.url);
      const limit = Number(url.searchParams.get('limit'));
      const offset = Number(url.searchParams.get('offset'));
      const page = jobs.slice(offset, offset + limit);
      if (++pages === 1) jobs = [...Array.from({ length: added }, (_, i) => ({ ...SEED_STOP_RESPONSE, id: `new-${i}` })), ...jobs];
      return new Response(JSON.stringify(page), { status: 200 });
    });
  }

  it('9 jobs created at the head after page 1: every one of the 50 is still yielded, once', async () => {
    const fake = newestFirst(50, 9);
    const c = createClient({ baseUrl: 'http://api.test', apiKey: 'sk-iter-1234', fetch: fake.fetch });
    const ids: string[] = [];
    for await (const job of c.jobs.iterate({ pageSize: 10 })) ids.push(job.id);
    expect(ids.filter((id) => id.startsWith('old-')).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `old-${i + 1}`).sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('pageSize 1 works without an overlap option', async () => {
    const fake = newestFirst(3, 0);
    const c = createClient({ baseUrl: 'http://api.test', apiKey: 'sk-iter-1234', fetch: fake.fetch });
    const ids: string[] = [];
    for await (const job of c.jobs.iterate({ pageSize: 1 })) ids.push(job.id);
    expect(ids).toEqual(['old-3', 'old-2', 'old-1']);
  });

  it('a server that ignores limit and sends everything at once: each job once, one request', async () => {
    const all = Array.from({ length: 30 }, (_, i) => ({ ...SEED_STOP_RESPONSE, id: `all-${i}` }));
    const fake = fakeFetch(json(200, all));
    const c = createClient({ baseUrl: 'http://api.test', apiKey: 'sk-iter-1234', fetch: fake.fetch });
    await expect(drain(c.jobs.iterate({ pageSize: 10 }))).resolves.toBe(30);
    expect(fake.calls).toHaveLength(1);
  });

  it('a server that ignores offset ends the walk with an error, not an endless loop', async () => {
    const fake = fakeFetch(json(200, [{ ...SEED_STOP_RESPONSE, id: 'same' }]));
    const c = createClient({ baseUrl: 'http://api.test', apiKey: 'sk-iter-1234', fetch: fake.fetch });
    await expect(drain(c.jobs.iterate({ pageSize: 1 }))).rejects.toThrow(/does not seem to honour offset/);
    expect(fake.calls.length).toBe(11);
  });
});

describe('#6 every answer is checked for the shape the caller relies on', () => {
  const scripted = (body: string) =>
    createClient({ baseUrl: 'http://api.test', apiKey: 'sk-shape-1234', fetch: fakeFetch(() => new Response(body, { status: 200 })).fetch, clock: instantClock() });

  it.each(['null', '[]', '42', '"x"', '{"id": 7, "status": "RUNNING"}', '{"id": "x"}'])('get() answered 200 %s is an InvalidResponseError keeping the body', async (body) => {
    const error = await scripted(body).jobs.get('ftj-x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, rawBody: body });
  });

  it.each(['null', '{}', '[null]', '[42]'])('list() answered 200 %s is an InvalidResponseError', async (body) => {
    await expect(scripted(body).jobs.list()).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it('metrics() answered 200 {} is an InvalidResponseError', async () => {
    await expect(scripted('{}').jobs.metrics('ftj-x')).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it('waitForJob and iterate fail with InvalidResponseError, not a TypeError', async () => {
    await expect(scripted('null').jobs.waitForJob('ftj-x')).rejects.toBeInstanceOf(InvalidResponseError);
    await expect(drain(scripted('[null]').jobs.iterate())).rejects.toBeInstanceOf(InvalidResponseError);
  });
});

describe('#7 a redirect is not followed for a create', () => {
  it('a 307/302 answered to POST is a RedirectError naming the Location; nothing is sent to it', async () => {
    let followed = 0;
    const server = createServer((req, res) => {
      if (req.url === '/elsewhere') {
        followed++;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(SEED_STOP_RESPONSE));
        return;
      }
      req.resume();
      res.writeHead(302, { location: '/elsewhere' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const c = createClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiKey: 'sk-redirect-1234' });
      const error = await c.jobs.create(jobBody('ftj-r')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RedirectError);
      expect(error).toMatchObject({ status: 302, location: '/elsewhere' });
      expect((error as Error).message).toContain('to /elsewhere was not followed');
      expect(followed).toBe(0);
      await expect(c.jobs.stop('ftj-r')).rejects.toBeInstanceOf(RedirectError);
      await expect(c.jobs.cancel('ftj-r')).rejects.toBeInstanceOf(RedirectError);
      expect(followed).toBe(0);
      // A GET still follows, as fetch does.
      await expect(c.jobs.get('x')).resolves.toMatchObject({ id: SEED_STOP_RESPONSE.id });
      expect(followed).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('#5 an empty status filter never means every job', () => {
  it('list({ statuses: [] }) is a ValidationError and sends nothing', async () => {
    const fake = fakeFetch(json(200, [SEED_STOP_RESPONSE]));
    const c = createClient({ baseUrl: 'http://api.test', apiKey: 'sk-empty-1234', fetch: fake.fetch });
    await expect(c.jobs.list({ statuses: [] })).rejects.toMatchObject({ name: 'ValidationError', param: 'statuses' });
    const walk = async () => drain(c.jobs.iterate({ statuses: [] }));
    await expect(walk()).rejects.toMatchObject({ name: 'ValidationError', param: 'statuses' });
    expect(fake.calls).toHaveLength(0);
  });
});
