// One behaviour, two transports: the same server answers, byte for byte, through the Node transport (undici's
// request API) and the fetch transport must come out the same to the caller: the same value, or an error of the
// same class with the same status and, for every error made from the answer itself, the same message. The corpus
// (test-support/answer-corpus.ts) covers every status from 100 to 999, each content-coding and chain, byte order
// marks, framings, bodies cut short or running long, redirects, huge and duplicate headers, deep and wide JSON and
// empty bodies on every method; a property-based run then generates answers of its own.
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCorpus, type AnswerCase, type CallKind, type Expected } from '../../test-support/answer-corpus.js';
import { jobBody } from '../../test-support/fixtures.js';
import { chunked, rawAnswer, startRawServer, type RawServer } from '../../test-support/raw-server.js';
import { AtaiError, ConnectionError, ConnectionTimeoutError, createClient, type TransportKind } from '../index.js';

const KEY = 'sk-differential-7d1e0b';
let server: RawServer;
beforeAll(async () => {
  server = await startRawServer();
});
afterAll(async () => {
  await server.close();
});

/** What a caller can tell apart: the value, or the error's class, status and (where it matters) message. */
type Outcome = { value: unknown } | { error: string; status?: unknown; message: string; atai: boolean; network: boolean };
// One attempt's limit: a stall is met only by the known fetch stall, tested on its own below.
const TIMEOUT_MS = 1_000;

async function outcomeOf(transport: TransportKind, call: CallKind, id: string): Promise<Outcome> {
  const client = createClient({ baseUrl: server.url, apiKey: KEY, transport, maxRetries: 0, timeoutMs: TIMEOUT_MS, maxResponseBytes: 1024 * 1024 });
  try {
    const value = await (call === 'get' ? client.jobs.get(id) : call === 'list' ? client.jobs.list({ limit: 1 }) : call === 'stop' ? client.jobs.stop(id) : client.jobs.create(jobBody(id)));
    return { value };
  } catch (error) {
    const e = error as Error & { status?: unknown };
    return { error: e.name, status: e.status, message: e.message, atai: error instanceof AtaiError, network: error instanceof ConnectionError };
  }
}

/**
 * What must be the same both ways. A ConnectionError's message quotes the network library's own words, which
 * differ between the two; its class is what a caller acts on (and the corpus's expectations check the words where
 * they are this client's own). Every other error is made from the answer and must read the same.
 */
function comparable(outcome: Outcome): unknown {
  if ('value' in outcome) return outcome;
  const { network, message, ...rest } = outcome;
  return network ? rest : { ...rest, message };
}

/** Where `outcome` differs from what the corpus expects, in words; undefined when it does not. */
function unmet(outcome: Outcome, expected: Expected): string | undefined {
  if ('value' in expected) return 'value' in outcome && text(outcome.value) === text(expected.value) ? undefined : `expected the value ${text(expected.value).slice(0, 80)}`;
  if ('value' in outcome) return `expected ${expected.error}, got a value`;
  if (outcome.error !== expected.error) return `expected ${expected.error}, got ${outcome.error}`;
  if (expected.status !== undefined && outcome.status !== expected.status) return `expected status ${expected.status}, got ${String(outcome.status)}`;
  if (expected.message !== undefined && !outcome.message.includes(expected.message)) return `expected a message with ${JSON.stringify(expected.message)}, got ${JSON.stringify(outcome.message.slice(0, 200))}`;
  return undefined;
}

/** The outcome as text to compare, even when it cannot be printed (a value nested too deep to stringify). */
function text(outcome: unknown): string {
  try {
    return JSON.stringify(outcome);
  } catch (error) {
    return `[unprintable: ${(error as Error).name}]`;
  }
}

/** What client.raw gives for the same answer: the status and body, or what it threw. */
async function rawOutcomeOf(transport: TransportKind, id: string): Promise<{ status?: number; ok?: boolean; data?: unknown; error?: unknown; threw?: string; atai?: boolean }> {
  const client = createClient({ baseUrl: server.url, apiKey: KEY, transport, maxRetries: 0, timeoutMs: TIMEOUT_MS, maxResponseBytes: 1024 * 1024 });
  try {
    const { data, error, response } = await client.raw.GET('/fine-tune/jobs/{job_id}', { params: { path: { job_id: id } } });
    return { status: response.status, ok: response.ok, data, error };
  } catch (error) {
    return { threw: (error as Error).name, atai: error instanceof AtaiError };
  }
}

/** Runs `kase` through both transports, its answer served for the request of each. */
async function bothWays(kase: AnswerCase, id: string): Promise<Record<TransportKind & ('node' | 'fetch'), Outcome>> {
  server.answer((request) => kase.answer(request.path, server.url));
  const node = await outcomeOf('node', kase.call, id);
  const fetch = await outcomeOf('fetch', kase.call, id);
  return { node, fetch };
}

describe('the corpus of odd answers reads the same through both transports', () => {
  const corpus = answerCorpus();

  it(`has ${corpus.length} answers, every status from 100 to 999 among them`, () => {
    const names = new Set(corpus.map((c) => c.name));
    for (let status = 100; status <= 999; status++) expect(names.has(`status ${status}`)).toBe(true);
    expect(names.size).toBe(corpus.length);
  });

  it('every answer: the same value, or the same error class, status and message; what the corpus expects; every error an AtaiError', { timeout: 120_000 }, async () => {
    const differences: string[] = [];
    for (const kase of corpus) {
      const { node, fetch } = await bothWays(kase, 'ftj-differential');
      if (text(comparable(node)) !== text(comparable(fetch))) differences.push(`${kase.name}:\n  node:  ${text(node).slice(0, 300)}\n  fetch: ${text(fetch).slice(0, 300)}`);
      for (const [transport, outcome] of [['node', node], ['fetch', fetch]] as const) {
        if ('error' in outcome && !outcome.atai) differences.push(`${kase.name}: ${outcome.error} is not an AtaiError`);
        const problem = kase.expect && unmet(outcome, kase.expect);
        if (problem) differences.push(`${kase.name} (${transport}): ${problem}`);
      }
    }
    expect(differences.join('\n')).toBe('');
  });

  it('most of the corpus has an expectation of its own, not only agreement', () => {
    const expected = corpus.filter((kase) => kase.expect !== undefined).length;
    expect(expected / corpus.length).toBeGreaterThan(0.95);
  });

  it('a known difference: a 421 to a create is an ApiError on node; Node\'s fetch re-sends on a new connection, as the fetch standard says, and fails re-sending the body', async () => {
    server.answer(() => rawAnswer(421, [['connection', 'close']], '{"id":"ftj-x","status":"RUNNING"}'));
    expect(await outcomeOf('node', 'create', 'ftj-421')).toMatchObject({ error: 'ApiError', status: 421 });
    // undici (Node 20 and 24) answers its own retry with UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: no answer to report.
    expect(await outcomeOf('fetch', 'create', 'ftj-421')).toMatchObject({ error: 'ConnectionError', network: true });
  });

  it('a known difference: a body declared gzip that does not unpack, unframed, fails at once on node; Node 20\'s fetch stalls until timeoutMs', async () => {
    server.answer(() => rawAnswer(200, [['content-type', 'application/json'], ['content-encoding', 'gzip'], ['connection', 'close']], '{"id":"x"}'));
    expect(await outcomeOf('node', 'get', 'ftj-stall')).toMatchObject({ error: 'ConnectionError' });
    // Node 20's fetch (undici 6) stalls until the attempt's timer ends it (ConnectionTimeoutError); Node 24's fails at once.
    expect(await outcomeOf('fetch', 'get', 'ftj-stall')).toMatchObject({ network: true });
  });

  it('another: a server that closes each connection before the request; node fails at once, fetch too (Node 20\'s only at timeoutMs)', async () => {
    const closing = createNetServer((socket) => socket.end());
    await new Promise<void>((resolve) => closing.listen(0, '127.0.0.1', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(closing.address() as AddressInfo).port}`;
      const outcome = (transport: TransportKind) => createClient({ baseUrl, apiKey: KEY, transport, maxRetries: 0, timeoutMs: TIMEOUT_MS }).jobs.list().catch((e: unknown) => e);
      const node = await outcome('node');
      expect(node).toBeInstanceOf(ConnectionError);
      expect(node).not.toBeInstanceOf(ConnectionTimeoutError);
      // Node 20's fetch (undici 6) waits on the closed connection until the attempt's timer ends it; Node 24's fails at once.
      expect(await outcome('fetch')).toBeInstanceOf(ConnectionError);
    } finally {
      closing.close();
    }
  });

  it('client.raw: every status from 100 to 999 gives { data } or { error } with the status as sent, or an AtaiError, the same both ways', { timeout: 120_000 }, async () => {
    const differences: string[] = [];
    // Every status with a JSON body; a sample of them with an empty and a non-JSON one.
    const sample = [100, 101, 199, 200, 201, 204, 205, 206, 299, 300, 304, 308, 400, 404, 407, 409, 500, 599, 600, 999];
    const cases = [...Array.from({ length: 900 }, (_, i) => [i + 100, '{}'] as const), ...sample.flatMap((status) => [[status, ''], [status, 'oops']] as const)];
    for (const [status, body] of cases) {
      server.answer(() => rawAnswer(status, [['content-type', 'application/json'], ['content-length', String(body.length)], ['connection', 'close']], body));
      const node = await rawOutcomeOf('node', 'ftj-raw');
      const fetch = await rawOutcomeOf('fetch', 'ftj-raw');
      const name = `${status} ${JSON.stringify(body)}`;
      if (JSON.stringify(node) !== JSON.stringify(fetch)) differences.push(`${name}: node ${JSON.stringify(node)} fetch ${JSON.stringify(fetch)}`);
      // What a user of client.raw must see, whatever the two agree on.
      const expected =
        status < 200 || status === 407
          ? { threw: 'ConnectionError', atai: true }
          : status < 300 && body === 'oops' && status !== 204 && status !== 205
            ? { threw: 'InvalidResponseError', atai: true }
            : status < 300
              ? { status, ok: true, data: body === '{}' && status !== 204 && status !== 205 ? {} : undefined }
              : { status, ok: false };
      if (!isMatch(node, expected)) differences.push(`${name}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(node)}`);
    }
    expect(differences.join('\n')).toBe('');
  });
});

describe('client.raw on answers openapi-fetch cannot take as they come', () => {
  const JSON_TYPE: [string, string] = ['content-type', 'application/json'];
  it.each<[string, Buffer, { status?: number; ok?: boolean; data?: unknown; threw?: string }]>([
    ['an empty chunked 200', rawAnswer(200, [JSON_TYPE, ['transfer-encoding', 'chunked'], ['connection', 'close']], '0\r\n\r\n'), { status: 200, ok: true, data: undefined }],
    ['an empty gzip chunked 200', rawAnswer(200, [JSON_TYPE, ['content-encoding', 'gzip'], ['transfer-encoding', 'chunked'], ['connection', 'close']], chunked(gzipSync(''))), { status: 200, ok: true, data: undefined }],
    ['a gzip 200', rawAnswer(200, [JSON_TYPE, ['content-encoding', 'gzip'], ['content-length', String(gzipSync('{"a":1}').length)], ['connection', 'close']], gzipSync('{"a":1}')), { status: 200, ok: true, data: { a: 1 } }],
    ['a 404 whose reason phrase has a Latin-1 byte', Buffer.concat([Buffer.from('HTTP/1.1 404 Nicht gef'), Buffer.from([0xfc]), Buffer.from('nden\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}')]), { status: 404, ok: false }],
    ['a 404 whose reason phrase has an escape', Buffer.from('HTTP/1.1 404 Not\x1b[2J Found\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}'), { status: 404, ok: false }],
  ])('%s: as expected, the same both ways', async (_name, answer, expected) => {
    server.answer(() => answer);
    const node = await rawOutcomeOf('node', 'ftj-raw');
    expect(node).toEqual(await rawOutcomeOf('fetch', 'ftj-raw'));
    expect(isMatch(node, expected)).toBe(true);
  });
});

/** Whether `actual` has every field of `expected` with the same value. */
function isMatch(actual: object, expected: object): boolean {
  return Object.entries(expected).every(([key, value]) => JSON.stringify((actual as Record<string, unknown>)[key]) === JSON.stringify(value));
}

describe('generated answers read the same through both transports (fast-check)', () => {
  const header = fc.constantFrom<[string, string]>(
    ['content-type', 'application/json'],
    ['content-type', 'text/plain'],
    ['x-request-id', 'r-1'],
    ['retry-after', '0'],
    ['content-encoding', 'identity'],
    ['content-encoding', 'gzip'],
    ['content-language', 'en'],
  );
  const body = fc.oneof(
    fc.json(),
    fc.string(),
    fc.constant(JSON.stringify(jobBody('ftj-x'))),
    fc.constant('{"id":"ftj-x","status":"RUNNING"}'),
    fc.jsonValue().map((v) => JSON.stringify({ errors: [{ code: 'c', message: 'm', details: v }] })),
  );
  // Less the known difference above: a 421 to a create (fetch re-sends it, and fails doing so).
  const answer = fc.record({
    status: fc.integer({ min: 100, max: 999 }),
    headers: fc.array(header, { maxLength: 4 }),
    body,
    bom: fc.boolean(),
    framing: fc.constantFrom('sized', 'until close'),
    call: fc.constantFrom<CallKind>('get', 'stop', 'create', 'list'),
  }).filter((a) => !(a.status === 421 && a.call === 'create'));

  it('for 150 generated answers', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(answer, async (a) => {
        const plain = Buffer.concat([a.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(a.body)]);
        // A body declared gzip is gzipped, once per header: Node's fetch (undici 6 and 7) stalls on a body that does not unpack when
        // no length frames it, until the per-attempt timer ends the call (a ConnectionTimeoutError instead of the
        // Node transport's immediate ConnectionError; the corpus has the framed case, which both refuse alike).
        const gzips = a.headers.filter(([name, value]) => name === 'content-encoding' && value === 'gzip').length;
        const bytes = Array.from({ length: gzips }).reduce<Buffer>((body) => gzipSync(body), plain);
        const framing: [string, string][] = a.framing === 'sized' ? [['content-length', String(bytes.length)]] : [];
        const kase: AnswerCase = { name: 'generated', call: a.call, answer: () => rawAnswer(a.status, [...a.headers, ...framing, ['connection', 'close']], bytes) };
        const { node, fetch } = await bothWays(kase, 'ftj-generated');
        expect(comparable(node)).toEqual(comparable(fetch));
        for (const outcome of [node, fetch]) if ('error' in outcome) expect(outcome.atai).toBe(true);
      }),
      // FC_RUNS=5000 for a longer hunt; CI runs 150 of a new seed each time.
      { numRuns: Number(process.env.FC_RUNS ?? 150) },
    );
  });
});
