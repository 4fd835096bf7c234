// What `client.raw` answers, on both transports: a real Response holding the body the transport already read (inside
// the attempt's timeout and size limit), which openapi-fetch and the caller read as they would any Response.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_STOP_RESPONSE } from '../../test-support/fixtures.js';
import { chunked, rawAnswer, startRawServer, type RawServer } from '../../test-support/raw-server.js';
import { createClient, InvalidResponseError, type TransportKind } from '../index.js';

let server: RawServer;
beforeAll(async () => {
  server = await startRawServer();
});
afterAll(() => server.close());

// A record with characters of two, three and four bytes in UTF-8, so that a length counted in characters is wrong.
const JOB = { ...SEED_STOP_RESPONSE, name: 'run-é-✓-𝄞' };
const TEXT = JSON.stringify(JOB);
const answer = (body: Buffer | string, headers: [string, string][] = []) =>
  server.answer(() => rawAnswer(200, [['content-type', 'application/json'], ...headers, ['connection', 'close']], body));
const plain = () => answer(TEXT, [['content-length', String(Buffer.byteLength(TEXT))]]);
const path = { params: { path: { job_id: JOB.id } } };

describe.each<TransportKind>(['node', 'fetch'])('transport %s', (transport) => {
  const raw = () => createClient({ baseUrl: server.url, apiKey: 'sk-raw-test-1', transport, maxRetries: 0 }).raw;

  it('a gzipped answer: the job as data, a Response without content-encoding whose content-length counts the bytes held', async () => {
    const body = gzipSync(TEXT);
    answer(body, [['content-encoding', 'gzip'], ['content-length', String(body.length)]]);
    const { data, response } = await raw().GET('/fine-tune/jobs/{job_id}', path);
    expect(data).toEqual(JOB);
    expect(response).toBeInstanceOf(Response);
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(TEXT)));
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.url).toBe(`${server.url}/fine-tune/jobs/${JOB.id}`);
  });

  it('the body openapi-fetch read is used: reading it again rejects as any Response does', async () => {
    plain();
    const { response } = await raw().GET('/fine-tune/jobs/{job_id}', path);
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toBeInstanceOf(TypeError);
    await expect(response.arrayBuffer()).rejects.toBeInstanceOf(TypeError);
  });

  it.each(['text', 'arrayBuffer', 'blob', 'stream'] as const)('parseAs %s gives the body as received', async (parseAs) => {
    plain();
    const { data } = await raw().GET('/fine-tune/jobs/{job_id}', { ...path, parseAs });
    const text = data instanceof ArrayBuffer ? new TextDecoder().decode(data) : data instanceof Blob ? await data.text() : data instanceof ReadableStream ? await new Response(data).text() : data;
    expect(text).toBe(TEXT);
    if (data instanceof Blob) expect(data.type).toBe('application/json');
  });

  it('a GET that was redirected: redirected, and url is where it led', async () => {
    server.answer((request) =>
      request.path.endsWith('/moved')
        ? rawAnswer(200, [['content-type', 'application/json'], ['content-length', String(Buffer.byteLength(TEXT))], ['connection', 'close']], TEXT)
        : rawAnswer(302, [['location', '/fine-tune/jobs/moved'], ['content-length', '0'], ['connection', 'close']]),
    );
    const { data, response } = await raw().GET('/fine-tune/jobs/{job_id}', path);
    expect(data).toEqual(JOB);
    expect([response.redirected, response.url]).toEqual([true, `${server.url}/fine-tune/jobs/moved`]);
  });

  it('an unread Response clones with its status, headers and body', async () => {
    plain();
    const { response } = await raw().GET('/fine-tune/jobs/{job_id}', { ...path, parseAs: 'stream' });
    const copy = response.clone();
    expect([copy.status, copy.headers.get('content-type'), await copy.text()]).toEqual([200, 'application/json', TEXT]);
    expect(await response.json()).toEqual(JOB);
  });

  it('a 2xx body that is not JSON, sent chunked (no length), is an InvalidResponseError, not a SyntaxError', async () => {
    answer(chunked(Buffer.from('{"id": oops')), [['transfer-encoding', 'chunked']]);
    const error = await raw().GET('/fine-tune/jobs/{job_id}', path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/^200 response to GET \/fine-tune\/jobs\/\S+ is not valid JSON/);
  });

  it('an empty 2xx body is data undefined, not a parse error', async () => {
    answer('', [['content-length', '0']]);
    const { data, error, response } = await raw().GET('/fine-tune/jobs/{job_id}', path);
    expect([data, error, response.status]).toEqual([undefined, undefined, 200]);
  });
});
