// The corpus of server answers both transports must read alike (src/transports-differential.test.ts): every status
// from 100 to 999, each content-coding and chains of them, a byte order mark, each framing, bodies cut short or
// running long, redirects, huge and duplicate headers, deep and wide JSON, empty bodies on every method.
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { chunked, rawAnswer, type RawAnswer } from './raw-server.js';
import { SEED_STOP_RESPONSE } from './fixtures.js';

/** Which facade call meets the answer. */
export type CallKind = 'get' | 'list' | 'stop' | 'create';

/** One answer of the corpus and the call that meets it. */
export interface AnswerCase {
  name: string;
  call: CallKind;
  /** The answer to the call's request (and, for a redirect, to where it leads). */
  answer: (path: string) => RawAnswer;
}

const JOB = Buffer.from(JSON.stringify(SEED_STOP_RESPONSE));
const ERROR = Buffer.from('{"errors":[{"code":"job_not_found","message":"No job.","error_uid":"err-1"}]}');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const JSON_TYPE: [string, string] = ['content-type', 'application/json'];
const CLOSE: [string, string] = ['connection', 'close'];

const CODINGS: Record<string, (body: Buffer) => Buffer> = {
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

function statuses(): AnswerCase[] {
  const out: AnswerCase[] = [];
  for (let status = 100; status <= 999; status++) {
    const body = status >= 200 && status < 300 ? JOB : ERROR;
    out.push({ name: `status ${status}`, call: 'get', answer: fixed(sized(status, body)) });
  }
  // A few on a method that does not follow redirects, and on the method that starts a job.
  for (const status of [101, 199, 200, 204, 299, 301, 304, 308, 399, 409, 499, 600, 999]) {
    out.push({ name: `status ${status} to a stop`, call: 'stop', answer: fixed(sized(status, status < 300 ? JOB : ERROR)) });
    out.push({ name: `status ${status} to a create`, call: 'create', answer: fixed(sized(status, status < 300 ? JOB : ERROR)) });
  }
  return out;
}

function encodings(): AnswerCase[] {
  const chains = [['gzip'], ['x-gzip'], ['deflate'], ['br'], ['gzip', 'br'], ['deflate', 'gzip'], ['br', 'br'], ['gzip', 'gzip', 'gzip', 'gzip', 'gzip']];
  const out: AnswerCase[] = [];
  for (const chain of chains) {
    for (const [status, body] of [[200, JOB], [404, ERROR]] as const) {
      const packed = encode(body, chain);
      const header: [string, string] = ['content-encoding', chain.join(', ')];
      out.push(
        { name: `${status} ${chain.join(',')} sized`, call: 'get', answer: fixed(sized(status, packed, [JSON_TYPE, header])) },
        { name: `${status} ${chain.join(',')} chunked`, call: 'get', answer: fixed(inChunks(status, packed, [JSON_TYPE, header])) },
        { name: `${status} ${chain.join(',')} until close`, call: 'get', answer: fixed(untilClose(status, packed, [JSON_TYPE, header])) },
        { name: `${status} ${chain.join(',')} cut short`, call: 'get', answer: fixed(untilClose(status, packed.subarray(0, packed.length - 6), [JSON_TYPE, header])) },
      );
    }
  }
  const raw = deflateRawSync(JOB);
  const gz = gzipSync(JOB);
  const odd: [string, Buffer, [string, string][]][] = [
    ['raw deflate', raw, [['content-encoding', 'deflate']]],
    ['raw deflate chunked', raw, [['content-encoding', 'deflate']]],
    ['upper-case GZIP', gz, [['content-encoding', 'GZIP']]],
    ['gzip with spaces', gz, [['content-encoding', '  gzip  ']]],
    ['identity', JOB, [['content-encoding', 'identity']]],
    ['identity, gzip', gz, [['content-encoding', 'identity, gzip']]],
    ['an unknown coding', JOB, [['content-encoding', 'compress']]],
    ['gzip after an unknown coding', gz, [['content-encoding', 'foo, gzip']]],
    ['an empty coding', JOB, [['content-encoding', '']]],
    ['two content-encoding headers', encode(JOB, ['gzip', 'br']), [['content-encoding', 'gzip'], ['content-encoding', 'br']]],
    ['gzip declared, plain sent', JOB, [['content-encoding', 'gzip']]],
    ['six gzip', encode(JOB, Array<string>(6).fill('gzip')), [['content-encoding', Array<string>(6).fill('gzip').join(', ')]]],
    ['2,500 gzip', gz, [['content-encoding', Array<string>(2_500).fill('gzip').join(',')]]],
  ];
  for (const [name, body, headers] of odd) {
    const make = name.includes('chunked') ? inChunks : sized;
    out.push({ name, call: 'get', answer: fixed(make(200, body, [JSON_TYPE, ...headers])) });
  }
  return out;
}

function framings(): AnswerCase[] {
  const out: AnswerCase[] = [];
  for (const [label, body] of [['', JOB], ['BOM ', Buffer.concat([BOM, JOB])], ['BOM error ', Buffer.concat([BOM, ERROR])]] as const) {
    const status = label.includes('error') ? 404 : 200;
    out.push(
      { name: `${label}sized`, call: 'get', answer: fixed(sized(status, body)) },
      { name: `${label}chunked`, call: 'get', answer: fixed(inChunks(status, body)) },
      { name: `${label}until close`, call: 'get', answer: fixed(untilClose(status, body)) },
      { name: `${label}gzip sized`, call: 'get', answer: fixed(sized(status, gzipSync(body), [JSON_TYPE, ['content-encoding', 'gzip']])) },
      { name: `${label}gzip chunked`, call: 'get', answer: fixed(inChunks(status, gzipSync(body), [JSON_TYPE, ['content-encoding', 'gzip']])) },
    );
  }
  out.push(
    { name: 'two BOMs', call: 'get', answer: fixed(inChunks(200, Buffer.concat([BOM, BOM, JOB]))) },
    { name: 'a UTF-16 BOM', call: 'get', answer: fixed(inChunks(200, Buffer.concat([Buffer.from([0xff, 0xfe]), JOB]))) },
    { name: 'invalid UTF-8 in a string', call: 'get', answer: fixed(inChunks(200, Buffer.from(JSON.stringify({ ...SEED_STOP_RESPONSE, name: 'a\u0000b' }).replace('\\u0000', '\udc80'), 'latin1'))) },
    { name: 'a multi-byte character split across chunks', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['transfer-encoding', 'chunked'], CLOSE], chunked(Buffer.from(JSON.stringify({ ...SEED_STOP_RESPONSE, name: 'ünïcødé 🙂' })), 1))) },
    { name: 'body shorter than Content-Length', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['content-length', String(JOB.length + 50)], CLOSE], JOB)) },
    { name: 'body longer than Content-Length', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['content-length', String(JOB.length)], CLOSE], Buffer.concat([JOB, Buffer.from('garbage')]))) },
    { name: 'two equal Content-Length headers', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['content-length', String(JOB.length)], ['content-length', String(JOB.length)], CLOSE], JOB)) },
    { name: 'two different Content-Length headers', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['content-length', String(JOB.length)], ['content-length', '3'], CLOSE], JOB)) },
    { name: 'chunked cut short', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['transfer-encoding', 'chunked'], CLOSE], chunked(JOB).subarray(0, 40))) },
    { name: 'chunked and Content-Length', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['transfer-encoding', 'chunked'], ['content-length', '5'], CLOSE], chunked(JOB))) },
    { name: 'a bad chunk size', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['transfer-encoding', 'chunked'], CLOSE], 'zz\r\nabc\r\n0\r\n\r\n')) },
    { name: 'no status line', call: 'get', answer: fixed('garbage\r\n\r\n') },
    { name: 'closed without an answer', call: 'get', answer: fixed('') },
    { name: 'HTTP/1.0 answer', call: 'get', answer: fixed(Buffer.concat([Buffer.from(`HTTP/1.0 200 OK\r\ncontent-type: application/json\r\n\r\n`), JOB])) },
    { name: 'two content-type headers', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['content-type', 'text/html'], ['content-length', String(JOB.length)], CLOSE], JOB)) },
    { name: 'a 15 KiB header', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['x-big', 'a'.repeat(15 * 1024)], ['content-length', String(JOB.length)], CLOSE], JOB)) },
    { name: 'a 20 KiB header', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ['x-big', 'a'.repeat(20 * 1024)], ['content-length', String(JOB.length)], CLOSE], JOB)) },
    { name: '300 duplicate headers', call: 'get', answer: fixed(rawAnswer(200, [JSON_TYPE, ...Array.from({ length: 300 }, (): [string, string] => ['x-dup', 'v']), ['content-length', String(JOB.length)], CLOSE], JOB)) },
    { name: 'a 404 with 300 duplicate headers', call: 'get', answer: fixed(rawAnswer(404, [JSON_TYPE, ...Array.from({ length: 300 }, (_, i): [string, string] => ['x-dup', `v${i}`]), ['content-length', String(ERROR.length)], CLOSE], ERROR)) },
  );
  return out;
}

function bodies(): AnswerCase[] {
  const deep = (n: number) => Buffer.from(`{"errors":[{"code":"x","message":"deep","details":${'['.repeat(n)}${']'.repeat(n)}}]}`);
  const deepJob = (n: number) => Buffer.from(JSON.stringify(SEED_STOP_RESPONSE).replace('"config":', `"extra":${'['.repeat(n)}${']'.repeat(n)},"config":`));
  const out: AnswerCase[] = [];
  for (const depth of [10, 63, 64, 65, 3_000, 100_000]) {
    out.push(
      { name: `a 404 nesting ${depth} deep`, call: 'get', answer: fixed(sized(404, deep(depth))) },
      { name: `a job nesting ${depth} deep`, call: 'get', answer: fixed(sized(200, deepJob(depth))) },
    );
  }
  const wide = Buffer.from(JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ ...SEED_STOP_RESPONSE, id: `ftj-${i}` }))));
  out.push(
    { name: 'a list of 20,000 jobs', call: 'list', answer: fixed(sized(200, wide)) },
    { name: 'a list of 20,000 jobs, gzip chunked', call: 'list', answer: fixed(inChunks(200, gzipSync(wide), [JSON_TYPE, ['content-encoding', 'gzip']])) },
    { name: 'an array of 500,000 numbers', call: 'list', answer: fixed(sized(200, Buffer.from(`[${Array<number>(500_000).fill(0).join(',')}]`))) },
    { name: 'a 409 with 10,000 errors', call: 'stop', answer: fixed(sized(409, Buffer.from(JSON.stringify({ errors: Array.from({ length: 10_000 }, (_, i) => ({ code: 'c', message: `m${i}` })) })))) },
    { name: 'a body over maxResponseBytes', call: 'get', answer: fixed(sized(200, Buffer.alloc(2 * 1024 * 1024, 32))) },
    { name: 'a gzip bomb', call: 'get', answer: fixed(sized(200, gzipSync(Buffer.alloc(16 * 1024 * 1024, 32)), [JSON_TYPE, ['content-encoding', 'gzip']])) },
    { name: 'HTML from a proxy', call: 'get', answer: fixed(sized(502, Buffer.from('<html><body>Bad gateway</body></html>'), [['content-type', 'text/html']])) },
    { name: 'null', call: 'get', answer: fixed(sized(200, Buffer.from('null'))) },
  );
  for (const call of ['get', 'list', 'stop', 'create'] as const) {
    out.push(
      { name: `an empty 200 to a ${call}`, call, answer: fixed(sized(200, Buffer.alloc(0))) },
      { name: `an empty chunked 200 to a ${call}`, call, answer: fixed(inChunks(200, Buffer.alloc(0))) },
      { name: `an empty 200 until close to a ${call}`, call, answer: fixed(untilClose(200, Buffer.alloc(0))) },
      { name: `an empty 500 to a ${call}`, call, answer: fixed(sized(500, Buffer.alloc(0))) },
      { name: `a 204 to a ${call}`, call, answer: fixed(rawAnswer(204, [CLOSE])) },
    );
  }
  return out;
}

function redirects(): AnswerCase[] {
  const to = (status: number, location: string | undefined, call: CallKind = 'get'): AnswerCase => ({
    name: `${status} to ${location ?? '(no Location)'}${call === 'get' ? '' : ` of a ${call}`}`,
    call,
    answer: (path) => (path.includes('/landed') ? sized(200, JOB) : sized(status, Buffer.alloc(0), location === undefined ? [] : [['location', location]])),
  });
  const out: AnswerCase[] = [];
  for (const status of [301, 302, 303, 307, 308]) out.push(to(status, '/fine-tune/jobs/landed'), to(status, '/fine-tune/jobs/landed', 'stop'), to(status, undefined));
  out.push(
    to(302, 'ftp://elsewhere/'),
    to(302, 'http://user:secret-pw@127.0.0.1:9/'),
    to(302, '//'),
    to(302, 'http://[::1'),
    to(302, '/fine-tune/jobs/landed#frag'),
    { name: 'a redirect loop', call: 'get', answer: (path) => sized(302, Buffer.alloc(0), [['location', `${path}x`]]) },
  );
  return out;
}

/** Every case of the corpus. */
export function answerCorpus(): AnswerCase[] {
  return [...statuses(), ...encodings(), ...framings(), ...bodies(), ...redirects()];
}
