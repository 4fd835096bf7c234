// Every walk over server data is bounded, by named limits tested at their edges: how deep JSON nests
// (MAX_JSON_DEPTH), how many error entries a message lists (MAX_LISTED_ERRORS), how many content-codings are undone
// (MAX_CONTENT_CODINGS) and how many bytes are read (maxResponseBytes). Past each, the caller gets the typed error a
// user can act on, never a RangeError, on both transports, through the client and the CLI.
import { inspect } from 'node:util';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test-support/cli-io.js';
import { SEED_STOP_RESPONSE } from '../../test-support/fixtures.js';
import { chunked, rawAnswer, startRawServer, type RawServer } from '../../test-support/raw-server.js';
import { MAX_CONTENT_CODINGS } from './content-coding.js';
import { MAX_LISTED_ERRORS } from '../errors/envelope.js';
import { ConnectionError, createClient, InvalidResponseError, NotFoundError, ResponseTooLargeError, type TransportKind } from '../index.js';
import { MAX_JSON_DEPTH } from './json.js';

const KEY = 'sk-bounds-test-61c0aa';
let server: RawServer;
beforeAll(async () => {
  server = await startRawServer();
});
afterAll(() => server.close());

const answerWith = (status: number, body: Buffer | string, headers: [string, string][] = []) =>
  server.answer(() => rawAnswer(status, [['content-type', 'application/json'], ...headers, ['content-length', String(Buffer.byteLength(body))], ['connection', 'close']], body));
/** A job record whose extra field nests so that the whole record is `depth` levels deep (the record itself is 1). */
const jobNesting = (depth: number) => JSON.stringify({ ...SEED_STOP_RESPONSE, extra: 0 }).replace('"extra":0', `"extra":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}`);
/** An error body nesting `depth` levels deep ({errors: [ {details: ...} ]} is 3 before the details). */
const errorNesting = (depth: number) => `{"errors":[{"code":"job_not_found","message":"No job.","details":${'['.repeat(depth - 3)}${']'.repeat(depth - 3)}}]}`;

describe.each<TransportKind>(['node', 'fetch'])('transport %s', (transport) => {
  const client = (options: Parameters<typeof createClient>[0] = {}) => createClient({ baseUrl: server.url, apiKey: KEY, transport, maxRetries: 0, ...options });

  it(`a job nesting ${MAX_JSON_DEPTH} deep is returned; ${MAX_JSON_DEPTH + 1} or 100,000 deep is an InvalidResponseError naming the limit`, async () => {
    answerWith(200, jobNesting(MAX_JSON_DEPTH));
    await expect(client().jobs.get('ftj-deep')).resolves.toMatchObject({ id: SEED_STOP_RESPONSE.id });
    for (const depth of [MAX_JSON_DEPTH + 1, 100_000]) {
      answerWith(200, jobNesting(depth));
      const error = await client().jobs.get('ftj-deep').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as Error).message).toContain(`nests deeper than ${MAX_JSON_DEPTH} levels`);
    }
  });

  it(`a 404 nesting ${MAX_JSON_DEPTH} deep is read; deeper, or 3,000 deep, is still a NotFoundError, its body kept as text, printable`, async () => {
    answerWith(404, errorNesting(MAX_JSON_DEPTH));
    await expect(client().jobs.get('ftj-deep')).rejects.toMatchObject({ name: 'NotFoundError', code: 'job_not_found' });
    for (const depth of [MAX_JSON_DEPTH + 1, 3_000]) {
      answerWith(404, errorNesting(depth));
      const error = (await client().jobs.get('ftj-deep').catch((e: unknown) => e)) as NotFoundError;
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({ status: 404, envelope: 'unknown', body: errorNesting(depth) });
      expect(() => [String(error), JSON.stringify(error), inspect(error, { depth: null })]).not.toThrow();
    }
  });

  it('waitForJob on a record nesting too deep ends in an AtaiError (InvalidResponseError), not a RangeError', async () => {
    answerWith(200, jobNesting(3_000));
    const error = await client().jobs.waitForJob('ftj-deep', { timeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
  });

  it(`an error answer with thousands of entries lists ${MAX_LISTED_ERRORS} in its message and keeps them all`, async () => {
    const entries = (n: number) => JSON.stringify({ errors: Array.from({ length: n }, (_, i) => ({ code: 'bad', message: `m${i}` })) });
    answerWith(409, entries(MAX_LISTED_ERRORS));
    const exact = (await client().jobs.stop('ftj-w').catch((e: unknown) => e)) as Error;
    expect(exact.message).toContain(`m${MAX_LISTED_ERRORS - 1}`);
    expect(exact.message).not.toContain('more (all in err.errors)');
    answerWith(409, entries(5_000));
    const many = (await client().jobs.stop('ftj-w').catch((e: unknown) => e)) as Error & { errors: unknown[] };
    expect(many.errors).toHaveLength(5_000);
    expect(many.message).toContain(`m${MAX_LISTED_ERRORS - 1}; and ${5_000 - MAX_LISTED_ERRORS} more (all in err.errors)`);
    expect(many.message).not.toContain(`m${MAX_LISTED_ERRORS}`);
  });

  it('a body of exactly maxResponseBytes is read; one byte more is a ResponseTooLargeError, plain or unpacked', async () => {
    const job = JSON.stringify(SEED_STOP_RESPONSE);
    const limit = Buffer.byteLength(job);
    answerWith(200, job);
    await expect(client({ maxResponseBytes: limit }).jobs.get('ftj-size')).resolves.toEqual(SEED_STOP_RESPONSE);
    await expect(client({ maxResponseBytes: limit - 1 }).jobs.get('ftj-size')).rejects.toBeInstanceOf(ResponseTooLargeError);
    answerWith(200, gzipSync(job), [['content-encoding', 'gzip']]);
    await expect(client({ maxResponseBytes: limit }).jobs.get('ftj-size')).resolves.toEqual(SEED_STOP_RESPONSE);
    await expect(client({ maxResponseBytes: limit - 1 }).jobs.get('ftj-size')).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it(`${MAX_CONTENT_CODINGS} content-codings are undone; more are refused, before any is undone, with the same error on both transports`, async () => {
    const job = Buffer.from(JSON.stringify(SEED_STOP_RESPONSE));
    const packed = (n: number) => Array.from({ length: n }).reduce<Buffer>((body) => gzipSync(body), job);
    answerWith(200, packed(MAX_CONTENT_CODINGS), [['content-encoding', Array<string>(MAX_CONTENT_CODINGS).fill('gzip').join(', ')]]);
    await expect(client().jobs.get('ftj-codings')).resolves.toEqual(SEED_STOP_RESPONSE);
    for (const n of [MAX_CONTENT_CODINGS + 1, 2_500]) {
      answerWith(200, packed(1), [['content-encoding', Array<string>(n).fill('gzip').join(',')]]);
      const error = await client().jobs.get('ftj-codings').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).toContain(`too many content-encodings in response: ${n}, maximum allowed is ${MAX_CONTENT_CODINGS}`);
    }
  });

  it('a body in raw deflate, and a body after a byte order mark, chunked or gzipped, read as the job', async () => {
    const job = Buffer.from(JSON.stringify(SEED_STOP_RESPONSE));
    answerWith(200, deflateRawSync(job), [['content-encoding', 'deflate']]);
    await expect(client().jobs.get('ftj-raw')).resolves.toEqual(SEED_STOP_RESPONSE);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), job]);
    server.answer(() => rawAnswer(200, [['content-type', 'application/json'], ['transfer-encoding', 'chunked'], ['connection', 'close']], chunked(bom)));
    await expect(client().jobs.get('ftj-bom')).resolves.toEqual(SEED_STOP_RESPONSE);
    answerWith(200, gzipSync(bom), [['content-encoding', 'gzip']]);
    await expect(client().jobs.get('ftj-bom')).resolves.toEqual(SEED_STOP_RESPONSE);
  });
});

describe('the CLI on answers nested too deep', () => {
  it('jobs get on a 404 nesting 3,000 deep: exit 1 with the 404, not "unexpected failure"', async () => {
    answerWith(404, errorNesting(3_000));
    const run = await runCli(['jobs', 'get', 'ftj-deep', '--max-retries', '0'], { ATAI_BASE_URL: server.url, ATAI_API_KEY: KEY }, KEY);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^atai-ft: error: 404 /);
    expect(run.stderr).not.toContain('unexpected');
  });

  it('jobs get --json on a job nesting 3,000 deep: exit 1 naming the limit', async () => {
    answerWith(200, jobNesting(3_000));
    const run = await runCli(['jobs', 'get', 'ftj-deep', '--json', '--max-retries', '0'], { ATAI_BASE_URL: server.url, ATAI_API_KEY: KEY }, KEY);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`nests deeper than ${MAX_JSON_DEPTH} levels`);
  });
});
