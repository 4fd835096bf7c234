// The corpus of server answers both transports must read alike (src/transports-differential.test.ts): every status
// from 100 to 999, each content-coding and chains of them, a byte order mark, each framing, bodies cut short or
// running long, redirects, huge and duplicate headers, deep and wide JSON, empty bodies on every method.
import * as zlib from 'node:zlib';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { chunked, rawAnswer, type RawAnswer } from './raw-server.js';
import { SEED_STOP_RESPONSE } from './fixtures.js';

/** Which facade call meets the answer. */
export type CallKind = 'get' | 'list' | 'stop' | 'create';

/**
 * What the caller must get where the corpus knows it, on both transports: the value, or the error's class, with its
 * status and a part of its message where they matter. The two transports agreeing proves nothing about what both
 * share (parsing, error classes), so these hold every case with an answer a user can tell right from wrong.
 */
export type Expected = { value: unknown } | { error: string; status?: number; message?: string };

/** One answer of the corpus and the call that meets it. */
export interface AnswerCase {
  name: string;
  call: CallKind;
  /** The answer to the call's request (and, for a redirect, to where it leads), given its path and the server's origin. */
  answer: (path: string, origin: string) => RawAnswer;
  expect?: Expected;
}

const JOB = Buffer.from(JSON.stringify(SEED_STOP_RESPONSE));
const ERROR = Buffer.from('{"errors":[{"code":"job_not_found","message":"No job.","error_uid":"err-1"}]}');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const JSON_TYPE: [string, string] = ['content-type', 'application/json'];
const CLOSE: [string, string] = ['connection', 'close'];

// zstd where this Node can make it (22.15 and later): both transports must then read it.
const zstd = (zlib as { zstdCompressSync?: (body: Buffer) => Buffer }).zstdCompressSync;

const CODINGS: Record<string, (body: Buffer) => Buffer> = {
  ...(zstd ? { zstd } : {}),
  gzip: (b) => gzipSync(b),
  'x-gzip': (b) => gzipSync(b),
  deflate: (b) => deflateSync(b),
  br: (b) => brotliCompressSync(b),
};

/** `body` with `codings` applied in the order listed (the header's order). */
function encode(body: Buffer, codings: string[]): Buffer {
  return codings.reduce((out, coding) => (CODINGS[coding] ?? ((b: Buffer) => b))(out), body);
}

/** An answer with a body framed by Content-Length. */
function sized(status: number | string, body: Buffer, headers: [string, string][] = [JSON_TYPE]): Buffer {
  return rawAnswer(status, [...headers, ['content-length', String(body.length)], CLOSE], body);
}

/** An answer with a chunked body. */
function inChunks(status: number, body: Buffer, headers: [string, string][] = [JSON_TYPE]): Buffer {
  return rawAnswer(status, [...headers, ['transfer-encoding', 'chunked'], CLOSE], chunked(body));
}

/** An answer whose body ends when the connection closes. */
function untilClose(status: number, body: Buffer, headers: [string, string][] = [JSON_TYPE]): Buffer {
  return rawAnswer(status, [...headers, CLOSE], body);
}

const fixed = (answer: RawAnswer) => () => answer;
const job: Expected = { value: SEED_STOP_RESPONSE };
const failed = (error: string, status?: number, message?: string): Expected => ({ error, ...(status === undefined ? {} : { status }), ...(message === undefined ? {} : { message }) });
/** The class `client.jobs` throws for an error status (RFC 9110 defines 100 to 599; 407 is a proxy's, a network error). */
function errorFor(status: number): Expected {
  if (status < 200 || status === 407) return failed('ConnectionError');
  if (status >= 300 && status < 400) return failed('RedirectError', status);
  const named: Record<number, string> = { 400: 'BadRequestError', 401: 'AuthenticationError', 403: 'PermissionDeniedError', 404: 'NotFoundError', 409: 'ConflictError', 422: 'UnprocessableEntityError', 429: 'RateLimitError' };
  return failed(named[status] ?? (status >= 500 && status <= 599 ? 'InternalServerError' : 'ApiError'), status);
}
/** What a call gets for `status` with a job (2xx) or the error envelope (else) as its body. */
function outcomeFor(status: number): Expected {
  if (status === 204 || status === 205) return failed('InvalidResponseError', status);
  return status >= 200 && status < 300 ? job : errorFor(status);
}

function statuses(): AnswerCase[] {
  const out: AnswerCase[] = [];
  for (let status = 100; status <= 999; status++) {
    const body = status >= 200 && status < 300 ? JOB : ERROR;
    out.push({ name: `status ${status}`, call: 'get', answer: fixed(sized(status, body)), expect: outcomeFor(status) });
  }
  // A few on a method that does not follow redirects, and on the method that starts a job.
  for (const status of [101, 199, 200, 204, 299, 301, 304, 308, 399, 409, 499, 600, 999]) {
    out.push({ name: `status ${status} to a stop`, call: 'stop', answer: fixed(sized(status, status < 300 ? JOB : ERROR)), expect: outcomeFor(status) });
    out.push({ name: `status ${status} to a create`, call: 'create', answer: fixed(sized(status, status < 300 ? JOB : ERROR)), expect: outcomeFor(status) });
  }
  return out;
}

function encodings(): AnswerCase[] {
  const chains = [['gzip'], ['x-gzip'], ['deflate'], ['br'], ['gzip', 'br'], ['deflate', 'gzip'], ['br', 'br'], ['gzip', 'gzip', 'gzip', 'gzip', 'gzip'], ...(zstd ? [['zstd'], ['gzip', 'zstd']] : [])];
  const out: AnswerCase[] = [];
  for (const chain of chains) {
    for (const [status, body] of [[200, JOB], [404, ERROR]] as const) {
      const packed = encode(body, chain);
      const header: [string, string] = ['content-encoding', chain.join(', ')];
      const expect = status === 200 ? job : failed('NotFoundError', 404, 'job_not_found: No job.');
      out.push(
        { name: `${status} ${chain.join(',')} sized`, call: 'get', answer: fixed(sized(status, packed, [JSON_TYPE, header])), expect },
        { name: `${status} ${chain.join(',')} chunked`, call: 'get', answer: fixed(inChunks(status, packed, [JSON_TYPE, header])), expect },
        { name: `${status} ${chain.join(',')} until close`, call: 'get', answer: fixed(untilClose(status, packed, [JSON_TYPE, header])), expect },
        { name: `${status} ${chain.join(',')} cut short`, call: 'get', answer: fixed(untilClose(status, packed.subarray(0, packed.length - 6), [JSON_TYPE, header])) },
      );
    }
  }
  const raw = deflateRawSync(JOB);
  const gz = gzipSync(JOB);
  // As fetch reads them: a coding it does not know (identity included) leaves the whole body as sent.
  const asSent = failed('InvalidResponseError', 200);
  const odd: [string, Buffer, [string, string][], Expected][] = [
    ['raw deflate', raw, [['content-encoding', 'deflate']], job],
    ['raw deflate chunked', raw, [['content-encoding', 'deflate']], job],
    ['deflate and a stray CRLF after it', Buffer.concat([deflateSync(JOB), Buffer.from('\r\n')]), [['content-encoding', 'deflate']], job],
    ['deflate and a stray CRLF after it, chunked', Buffer.concat([deflateSync(JOB), Buffer.from('\r\n')]), [['content-encoding', 'deflate']], job],
    ['raw deflate and stray bytes after it', Buffer.concat([raw, Buffer.from('xyz')]), [['content-encoding', 'deflate']], job],
    ['gzip of deflate and a stray CRLF', gzipSync(Buffer.concat([deflateSync(JOB), Buffer.from('\r\n')])), [['content-encoding', 'deflate, gzip']], job],
    ['upper-case GZIP', gz, [['content-encoding', 'GZIP']], job],
    ['gzip with spaces', gz, [['content-encoding', '  gzip  ']], job],
    ['identity', JOB, [['content-encoding', 'identity']], job],
    ['identity, gzip', gz, [['content-encoding', 'identity, gzip']], asSent],
    ['an unknown coding', JOB, [['content-encoding', 'compress']], job],
    ['gzip after an unknown coding', gz, [['content-encoding', 'foo, gzip']], asSent],
    ['an empty coding', JOB, [['content-encoding', '']], job],
    ['two content-encoding headers', encode(JOB, ['gzip', 'br']), [['content-encoding', 'gzip'], ['content-encoding', 'br']], job],
    ['gzip declared, plain sent', JOB, [['content-encoding', 'gzip']], failed('ConnectionError')],
    ['six gzip', encode(JOB, Array<string>(6).fill('gzip')), [['content-encoding', Array<string>(6).fill('gzip').join(', ')]], failed('ConnectionError', undefined, 'too many content-encodings in response: 6, maximum allowed is 5')],
    ['2,500 gzip', gz, [['content-encoding', Array<string>(2_500).fill('gzip').join(',')]], failed('ConnectionError', undefined, 'too many content-encodings in response: 2500, maximum allowed is 5')],
  ];
  for (const [name, body, headers, expect] of odd) {
    const make = name.includes('chunked') ? inChunks : sized;
    out.push({ name, call: 'get', answer: fixed(make(200, body, [JSON_TYPE, ...headers])), expect });
  }
  return out;
}

function framings(): AnswerCase[] {
  const out: AnswerCase[] = [];
  for (const [label, body] of [['', JOB], ['BOM ', Buffer.concat([BOM, JOB])], ['BOM error ', Buffer.concat([BOM, ERROR])]] as const) {
    const status = label.includes('error') ? 404 : 200;
    const expect = status === 200 ? job : failed('NotFoundError', 404, 'job_not_found: No job.');
    out.push(
      { name: `${label}sized`, call: 'get', answer: fixed(sized(status, body)), expect },
      { name: `${label}chunked`, call: 'get', answer: fixed(inChunks(status, body)), expect },
      { name: `${label}until close`, call: 'get', answer: fixed(untilClose(status, body)), expect },
      { name: `${label}gzip sized`, call: 'get', answer: fixed(sized(status, gzipSync(body), [JSON_TYPE, ['content-encoding', 'gzip']])), expect },
      { name: `${label}gzip chunked`, call: 'get', answer: fixed(inChunks(status, gzipSync(body), [JSON_TYPE, ['content-encoding', 'gzip']])), expect },
    );
  }
  out.push(
    { name: 'two BOMs', call: 'get', answer: fixed(inChunks(200, Buffer.concat([BOM, BOM, JOB]))), expect: failed('InvalidResponseError', 200) },
    { name: 'a UTF-16 BOM', call: 'get', answer: fixed(inChunks(200, Buffer.concat([Buffer.from([0xff, 0xfe]), JOB]))), expect: failed('InvalidResponseError', 200) },
    { name: 'invalid UTF-8 in a string', call: 'get', answer: fixed(inChunks(200, Buffer.from(JSON.stringify({ ...SEED_STOP_RESPONSE, name: 'a\u0000b' }).replace('\\u0000', '\udc80'), 'latin1'))) },
    { name: 'a multi-byte character split across chunks', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['transfer-encoding', 'chunked'], CLOSE], chunked(Buffer.from(JSON.stringify({ ...SEED_STOP_RESPONSE, name: 'ünïcødé 🙂' })), 1))), expect: { value: { ...SEED_STOP_RESPONSE, name: 'ünïcødé 🙂' } } },
    { name: 'body shorter than Content-Length', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['content-length', String(JOB.length + 50)], CLOSE], JOB)), expect: failed('ConnectionError') },
    { name: 'body longer than Content-Length', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['content-length', String(JOB.length)], CLOSE], Buffer.concat([JOB, Buffer.from('garbage')]))), expect: job },
    { name: 'two equal Content-Length headers', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['content-length', String(JOB.length)], ['content-length', String(JOB.length)], CLOSE], JOB)) },
    { name: 'two different Content-Length headers', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['content-length', String(JOB.length)], ['content-length', '3'], CLOSE], JOB)) },
    // No expectation of its own: on Node 20 both transports read what came (an InvalidResponseError), on Node 24
    // both fail it as cut short (a ConnectionError).
    { name: 'chunked cut short', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['transfer-encoding', 'chunked'], CLOSE], chunked(JOB).subarray(0, 40))) },
    { name: 'chunked and Content-Length', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['transfer-encoding', 'chunked'], ['content-length', '5'], CLOSE], chunked(JOB))) },
    { name: 'a bad chunk size', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['transfer-encoding', 'chunked'], CLOSE], 'zz\r\nabc\r\n0\r\n\r\n')), expect: failed('ConnectionError') },
    { name: 'no status line', call: 'get', answer: fixed('garbage\r\n\r\n'), expect: failed('ConnectionError') },
    { name: 'closed without an answer', call: 'get', answer: fixed(''), expect: failed('ConnectionError') },
    { name: 'HTTP/1.0 answer', call: 'get', answer: fixed(Buffer.concat([Buffer.from(`HTTP/1.0 200 OK\r\ncontent-type: application/json\r\n\r\n`), JOB])), expect: job },
    { name: 'two content-type headers', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['content-type', 'text/html'], ['content-length', String(JOB.length)], CLOSE], JOB)), expect: job },
    { name: 'a 15 KiB header', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['x-big', 'a'.repeat(15 * 1024)], ['content-length', String(JOB.length)], CLOSE], JOB)), expect: job },
    { name: 'a 20 KiB header', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['x-big', 'a'.repeat(20 * 1024)], ['content-length', String(JOB.length)], CLOSE], JOB)), expect: failed('ConnectionError') },
    { name: '300 duplicate headers', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ...Array.from({ length: 300 }, (): [string, string] => ['x-dup', 'v']), ['content-length', String(JOB.length)], CLOSE], JOB)), expect: job },
    { name: 'a 404 with 300 duplicate headers', call: 'get', answer: fixed(rawAnswer(404, [JSON_TYPE, ...Array.from({ length: 300 }, (_, i): [string, string] => ['x-dup', `v${i}`]), ['content-length', String(ERROR.length)], CLOSE], ERROR)), expect: failed('NotFoundError', 404, 'job_not_found: No job.') },
  );
  return out;
}

function bodies(): AnswerCase[] {
  const deep = (n: number) => Buffer.from(`{"errors":[{"code":"x","message":"deep","details":${'['.repeat(n)}${']'.repeat(n)}}]}`);
  const deepJob = (n: number) => Buffer.from(JSON.stringify(SEED_STOP_RESPONSE).replace('"config":', `"extra":${'['.repeat(n)}${']'.repeat(n)},"config":`));
  const out: AnswerCase[] = [];
  for (const depth of [10, 63, 64, 65, 3_000, 100_000]) {
    // The error body is 3 levels deep before its details, the job 1 before its extra field; past 64 in all, a body
    // is not walked: an error answer keeps its class with the body as text, a job is an InvalidResponseError.
    out.push(
      { name: `a 404 nesting ${depth} deep`, call: 'get', answer: fixed(sized(404, deep(depth))), expect: failed('NotFoundError', 404, depth + 3 <= 64 ? 'x: deep' : 'not a known error shape') },
      { name: `a job nesting ${depth} deep`, call: 'get', answer: fixed(sized(200, deepJob(depth))), expect: depth + 1 <= 64 ? { value: JSON.parse(deepJob(depth).toString()) as unknown } : failed('InvalidResponseError', 200, 'nests deeper than 64 levels') },
    );
  }
  const wide = Buffer.from(JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ ...SEED_STOP_RESPONSE, id: `ftj-${i}` }))));
  out.push(
    { name: 'a list of 20,000 jobs', call: 'list', answer: fixed(sized(200, wide)), expect: failed('ResponseTooLargeError') },
    { name: 'a list of 20,000 jobs, gzip chunked', call: 'list', answer: fixed(inChunks(200, gzipSync(wide), [JSON_TYPE, ['content-encoding', 'gzip']])), expect: failed('ResponseTooLargeError') },
    { name: 'an array of 500,000 numbers', call: 'list', answer: fixed(sized(200, Buffer.from(`[${Array<number>(500_000).fill(0).join(',')}]`))), expect: failed('InvalidResponseError', 200, 'is not the documented shape') },
    { name: 'a 409 with 10,000 errors', call: 'stop', answer: fixed(sized(409, Buffer.from(JSON.stringify({ errors: Array.from({ length: 10_000 }, (_, i) => ({ code: 'c', message: `m${i}` })) })))), expect: failed('ConflictError', 409, 'c: m9; and 9990 more (all in err.errors)') },
    { name: 'a body over maxResponseBytes', call: 'get', answer: fixed(sized(200, Buffer.alloc(2 * 1024 * 1024, 32))), expect: failed('ResponseTooLargeError') },
    { name: 'a gzip bomb', call: 'get', answer: fixed(sized(200, gzipSync(Buffer.alloc(16 * 1024 * 1024, 32)), [JSON_TYPE, ['content-encoding', 'gzip']])), expect: failed('ResponseTooLargeError') },
    { name: 'HTML from a proxy', call: 'get', answer: fixed(sized(502, Buffer.from('<html><body>Bad gateway</body></html>'), [['content-type', 'text/html']])), expect: failed('InternalServerError', 502, 'not a known error shape (text/html') },
    { name: 'null', call: 'get', answer: fixed(sized(200, Buffer.from('null'))), expect: failed('InvalidResponseError', 200, 'is not the documented shape') },
  );
  for (const call of ['get', 'list', 'stop', 'create'] as const) {
    out.push(
      { name: `an empty 200 to a ${call}`, call, answer: fixed(sized(200, Buffer.alloc(0))), expect: failed('InvalidResponseError', 200, 'empty body') },
      { name: `an empty chunked 200 to a ${call}`, call, answer: fixed(inChunks(200, Buffer.alloc(0))), expect: failed('InvalidResponseError', 200, 'empty body') },
      { name: `an empty 200 until close to a ${call}`, call, answer: fixed(untilClose(200, Buffer.alloc(0))), expect: failed('InvalidResponseError', 200, 'empty body') },
      { name: `an empty 500 to a ${call}`, call, answer: fixed(sized(500, Buffer.alloc(0))), expect: failed('InternalServerError', 500, 'empty response body') },
      { name: `a 204 to a ${call}`, call, answer: fixed(rawAnswer(204, [CLOSE])), expect: failed('InvalidResponseError', 204, 'empty body') },
    );
  }
  return out;
}

function redirects(): AnswerCase[] {
  // `location` may name the server's own origin as ORIGIN, or as the other origin it also answers on, OTHER.
  const to = (status: number, location: string | undefined, expect: Expected, call: CallKind = 'get'): AnswerCase => ({
    name: `${status} to ${location ?? '(no Location)'}${call === 'get' ? '' : ` of a ${call}`}`,
    call,
    answer: (path, origin) =>
      path.includes('/landed')
        ? sized(200, JOB)
        : sized(status, Buffer.alloc(0), location === undefined ? [] : [['location', location.replace('ORIGIN', origin.replace('http://', '')).replace('OTHER', origin.replace('http://127.0.0.1', 'localhost'))]]),
    expect,
  });
  const out: AnswerCase[] = [];
  for (const status of [301, 302, 303, 307, 308]) {
    out.push(to(status, '/fine-tune/jobs/landed', job), to(status, '/fine-tune/jobs/landed', failed('RedirectError', status), 'stop'), to(status, undefined, failed('RedirectError', status)));
  }
  out.push(
    to(302, 'ftp://elsewhere/', failed('ConnectionError')),
    to(302, 'http://user:secret-pw@127.0.0.1:9/', failed('ConnectionError')),
    // Credentials in a Location are refused, to the same origin or another (fetch's rule).
    to(302, 'http://user:secret-pw@ORIGIN/fine-tune/jobs/landed', failed('ConnectionError')),
    to(302, 'http://user:secret-pw@OTHER/fine-tune/jobs/landed', failed('ConnectionError')),
    to(302, 'http://OTHER/fine-tune/jobs/landed', job),
    to(302, '//', failed('ConnectionError')),
    to(302, 'http://[::1', failed('ConnectionError')),
    to(302, '/fine-tune/jobs/landed#frag', job),
    { name: 'a redirect loop', call: 'get', answer: (path) => sized(302, Buffer.alloc(0), [['location', `${path}x`]]), expect: failed('ConnectionError') },
  );
  return out;
}

/** Every case of the corpus. */
export function answerCorpus(): AnswerCase[] {
  return [...statuses(), ...encodings(), ...framings(), ...bodies(), ...redirects()];
}
