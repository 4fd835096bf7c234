// One behaviour, two transports: the same server answers, byte for byte, through the Node transport (undici's
// request API) and the fetch transport must come out the same to the caller: the same value, or an error of the
// same class with the same status and, for every error made from the answer itself, the same message. The corpus
// (test-support/answer-corpus.ts) covers every status from 100 to 999, each content-coding and chain, byte order
// marks, framings, bodies cut short or running long, redirects, huge and duplicate headers, deep and wide JSON and
// empty bodies on every method; a property-based run then generates answers of its own.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCorpus, type AnswerCase, type CallKind } from '../test-support/answer-corpus.js';
import { jobBody } from '../test-support/fixtures.js';
import { rawAnswer, startRawServer, type RawServer } from '../test-support/raw-server.js';
import { AtaiError, ConnectionError, createClient, type TransportKind } from './index.js';

const KEY = 'sk-differential-7d1e0b';
let server: RawServer;
beforeAll(async () => {
  server = await startRawServer();
});
afterAll(async () => {
  await server.close();
});

/** What a caller can tell apart: the value, or the error's class, status and (where it matters) message. */
type Outcome = { value: unknown } | { error: string; status?: unknown; message?: string; atai: boolean };

async function outcomeOf(transport: TransportKind, call: CallKind, id: string): Promise<Outcome> {
  const client = createClient({ baseUrl: server.url, apiKey: KEY, transport, maxRetries: 0, timeoutMs: 5_000, maxResponseBytes: 1024 * 1024 });
  try {
    const value = await (call === 'get' ? client.jobs.get(id) : call === 'list' ? client.jobs.list({ limit: 1 }) : call === 'stop' ? client.jobs.stop(id) : client.jobs.create(jobBody(id)));
    return { value };
  } catch (error) {
    const e = error as Error & { status?: unknown };
    // A ConnectionError's message quotes the network library's own words, which differ between the two; its
    // class is what a caller acts on. Every other error is made from the answer and must read the same.
    const message = error instanceof ConnectionError ? undefined : e.message;
    return { error: e.name, status: e.status, ...(message === undefined ? {} : { message }), atai: error instanceof AtaiError };
  }
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
async function rawOutcomeOf(transport: TransportKind, id: string): Promise<unknown> {
  const client = createClient({ baseUrl: server.url, apiKey: KEY, transport, maxRetries: 0, timeoutMs: 5_000, maxResponseBytes: 1024 * 1024 });
  try {
    const { data, error, response } = await client.raw.GET('/fine-tune/jobs/{job_id}', { params: { path: { job_id: id } } });
    return { status: response.status, ok: response.ok, data, error };
  } catch (error) {
    return { threw: (error as Error).name, atai: error instanceof AtaiError };
  }
}

/** Runs `kase` through both transports, its answer served for the request of each. */
async function bothWays(kase: AnswerCase, id: string): Promise<Record<TransportKind & ('node' | 'fetch'), Outcome>> {
  server.answer((request) => kase.answer(request.path));
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

  it('every answer: the same value, or the same error class, status and message; every error an AtaiError', { timeout: 120_000 }, async () => {
    const differences: string[] = [];
    for (const kase of corpus) {
      const { node, fetch } = await bothWays(kase, 'ftj-differential');
      if (text(node) !== text(fetch)) differences.push(`${kase.name}:\n  node:  ${text(node).slice(0, 300)}\n  fetch: ${text(fetch).slice(0, 300)}`);
      for (const outcome of [node, fetch]) if ('error' in outcome && !outcome.atai) differences.push(`${kase.name}: ${outcome.error} is not an AtaiError`);
    }
    expect(differences.join('\n')).toBe('');
  });

  it('client.raw: every status from 100 to 999, with a JSON, an empty and a non-JSON body, gives { data } or { error } (or an AtaiError), the same both ways', { timeout: 120_000 }, async () => {
    const differences: string[] = [];
    for (const body of ['{}', '', 'oops']) {
      for (let status = 100; status <= 999; status++) {
        server.answer(() => rawAnswer(status, [['content-type', 'application/json'], ['content-length', String(body.length)], ['connection', 'close']], body));
        const node = await rawOutcomeOf('node', 'ftj-raw');
        const fetch = await rawOutcomeOf('fetch', 'ftj-raw');
        const name = `${status} ${JSON.stringify(body)}`;
        if (JSON.stringify(node) !== JSON.stringify(fetch)) differences.push(`${name}: node ${JSON.stringify(node)} fetch ${JSON.stringify(fetch)}`);
        for (const outcome of [node, fetch] as { threw?: string; atai?: boolean }[]) if (outcome.threw !== undefined && !outcome.atai) differences.push(`${name}: threw ${outcome.threw}`);
      }
    }
    expect(differences.join('\n')).toBe('');
  });
});

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
  const answer = fc.record({
    status: fc.integer({ min: 100, max: 999 }),
    headers: fc.array(header, { maxLength: 4 }),
    body,
    bom: fc.boolean(),
    framing: fc.constantFrom('sized', 'until close'),
    call: fc.constantFrom<CallKind>('get', 'stop', 'create', 'list'),
  });

  it('for 150 generated answers', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(answer, async (a) => {
        const plain = Buffer.concat([a.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(a.body)]);
        // A body declared gzip is gzipped: Node's fetch (undici 6 and 7) stalls on a body that does not unpack when
        // no length frames it, until the per-attempt timer ends the call (a ConnectionTimeoutError instead of the
        // Node transport's immediate ConnectionError; the corpus has the framed case, which both refuse alike).
        const bytes = a.headers.some(([name, value]) => name === 'content-encoding' && value === 'gzip') ? gzipSync(plain) : plain;
        const framing: [string, string][] = a.framing === 'sized' ? [['content-length', String(bytes.length)]] : [];
        const kase: AnswerCase = { name: 'generated', call: a.call, answer: () => rawAnswer(a.status, [...a.headers, ...framing, ['connection', 'close']], bytes) };
        const { node, fetch } = await bothWays(kase, 'ftj-generated');
        expect(node).toEqual(fetch);
        for (const outcome of [node, fetch]) if ('error' in outcome) expect(outcome.atai).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
