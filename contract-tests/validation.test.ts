// Bad input is refused locally, before any request. Odd but valid ids, percent-encoded, are in requests.test.ts.
import { describe, expect, it } from 'vitest';
import { createClient, ValidationError, type CreateJobParams, type FineTuneClient } from '../src/index.js';
import { jobBody } from '../test-support/fixtures.js';
import { invokeMethod } from '../src/operations/invoke.js';
import { caught, recordingClient } from './helpers.js';
import { ID_OPERATIONS } from '../test-support/operation-calls.js';

type IdCall = (client: FineTuneClient, id: string) => Promise<unknown>;
// Every method that takes a job id in its path, from the spec's operations: a new one is checked here unasked.
const ID_CALLS: [string, IdCall][] = ID_OPERATIONS.map(({ op }) => [op.name, (c, id) => invokeMethod(c.jobs, op, [id], undefined, {})]);

describe.each(ID_CALLS)('%s(jobId)', (_name, call) => {
  it.each([
    ['empty', '', /jobId is empty/],
    ['65 characters', 'x'.repeat(65), /jobId is 65 characters long; it must be at most 64/],
    ['"."', '.', /jobId is "\.", which is never valid: no URL path can carry it/],
    ['".."', '..', /jobId is "\.\.", which is never valid: no URL path can carry it/],
  ])('refuses an id that is %s with a ValidationError, sending nothing', async (_case, id, message) => {
    const { client, sent } = recordingClient();
    const error = await caught(() => call(client, id));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ param: 'jobId' });
    expect((error as Error).message).toMatch(message);
    expect(sent).toHaveLength(0);
  });

  it('refuses a non-string id (from untyped callers) with a ValidationError', async () => {
    const { client, sent } = recordingClient();
    const error = await caught(() => call(client, 42 as unknown as string));
    expect(error).toBeInstanceOf(ValidationError);
    expect(sent).toHaveLength(0);
  });
});

describe('create(body)', () => {
  const valid: CreateJobParams = jobBody(undefined, 'run');

  it.each([
    ['no name', { ...valid, name: undefined }, 'body.name'],
    ['an empty name', { ...valid, name: '' }, 'body.name'],
    ['no config', { name: 'run' }, 'body.config'],
    ['no model', { ...valid, config: { datasets: [] } }, 'body.config.model'],
    ['no datasets', { ...valid, config: { model: 'm' } }, 'body.config.datasets'],
    ['a dataset without split', { ...valid, config: { model: 'm', datasets: [{ name: 'd', file_ids: [] }] } }, 'body.config.datasets[0].split'],
    ['file ids that are not strings', { ...valid, config: { model: 'm', datasets: [{ name: 'd', split: 'train', file_ids: [1] }] } }, 'body.config.datasets[0].file_ids[0]'],
    ['an id of 65 characters', { ...valid, id: 'z'.repeat(65) }, 'body.id'],
    ['the id ".."', { ...valid, id: '..' }, 'body.id'],
  ])('refuses %s, naming the field, sending nothing', async (_case, body, param) => {
    const { client, sent } = recordingClient();
    const error = await caught(() => client.jobs.create(body as CreateJobParams));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ param });
    expect((error as Error).message).toContain(param);
    expect(sent).toHaveLength(0);
  });

  it('sends a valid body as JSON', async () => {
    const { client, sent } = recordingClient();
    await client.jobs.create(valid);
    expect(sent[0]?.method).toBe('POST');
    expect(sent[0]?.headers.get('content-type')).toBe('application/json');
  });
});

describe('list(params) and metrics(params)', () => {
  it.each([
    [{ limit: -2 }, 'limit'],
    [{ limit: 1.5 }, 'limit'],
    [{ offset: -1 }, 'offset'],
    [{ statuses: ['RUNING'] }, 'statuses[0]'],
    [{ statuses: [] }, 'statuses'],
    [{ status: ['RUNNING'] }, 'status'],
  ])('list refuses %o before sending', async (params, param) => {
    const { client, sent } = recordingClient();
    const error = await caught(() => client.jobs.list(params as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ param });
    expect(sent).toHaveLength(0);
  });

  it('metrics refuses a negative offset before sending', async () => {
    const { client, sent } = recordingClient();
    await expect(client.jobs.metrics('job', { offset: -3 })).rejects.toBeInstanceOf(ValidationError);
    expect(sent).toHaveLength(0);
  });
});

describe('createClient(options)', () => {
  it.each([
    [{ baseUrl: 'ftp://example.org' }, 'baseUrl'],
    [{ baseUrl: 'not a url' }, 'baseUrl'],
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ maxRetries: -1 }, 'maxRetries'],
  ])('refuses %o with a ValidationError', (options, param) => {
    expect(() => createClient(options)).toThrow(ValidationError);
    try {
      createClient(options);
    } catch (error) {
      expect(error).toMatchObject({ param });
    }
  });

  it('refuses a key with a trailing newline without quoting it, sending nothing', async () => {
    const key = 'sk-secret-with-newline-123456';
    const { client, sent } = recordingClient({ apiKey: `${key}\n` });
    const error = await caught(() => client.jobs.get('job'));
    expect(error).toBeInstanceOf(ValidationError);
    expect(String(error)).not.toContain(key);
    expect(sent).toHaveLength(0);
  });
});

describe('an API key far too long to be one', () => {
  it('is refused before anything is sent, without quoting it', async () => {
    const key = `sk-${'x'.repeat(600)}`;
    const { client, sent } = recordingClient({ apiKey: key });
    const error = await caught(() => client.jobs.get('job'));
    expect(error).toMatchObject({ name: 'ValidationError', param: 'apiKey' });
    expect(String(error)).not.toContain(key);
    expect(sent).toHaveLength(0);
  });
});
