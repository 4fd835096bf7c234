// The HTTP layer on a loopback port: authentication, routes, limits, faults, and a server that outlives bad requests.
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { jobBody } from '../test-support/fixtures.js';
import { OPERATIONS } from '../generated/facts.js';
import { PendingFaultsError, type Fault, type FaultScope } from './faults.js';
import { startStatefulMock } from './http.js';
import type { StatefulMock } from './stateful-mock.js';
import { ManualClock } from './manual-clock.js';

const KEY = 'test-key-0000';
const AUTH = { authorization: `Bearer ${KEY}` };
const CREATE = jobBody(undefined, 'run');

let mock: StatefulMock;
const clock = new ManualClock();
beforeAll(async () => {
  mock = await startStatefulMock({ apiKey: KEY, clock });
});
afterAll(() => mock.stop());
beforeEach(() => mock.reset());

async function call(path: string, init: RequestInit = {}) {
  const response = await fetch(`${mock.url}${path}`, { ...init, headers: { ...AUTH, ...(init.headers as Record<string, string> | undefined) } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** Sends `text` on a fresh connection, closing it right after when `abort`; resolves with what came back. */
function raw(text: string, abort = false): Promise<string> {
  const { hostname, port } = new URL(mock.url);
  return new Promise((resolve) => {
    let received = '';
    const socket = connect(Number(port), hostname, () => {
      socket.write(text, () => {
        if (abort) socket.destroy();
      });
    });
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => resolve(received));
    socket.on('close', () => resolve(received));
  });
}

/**
 * Sends `text` on a fresh keep-alive connection and reads one whole answer before closing it, as a client that
 * reuses connections would; resolves with the answer and any socket error (a reset) on the way.
 */
function rawKeepAlive(text: string): Promise<{ answer: string; error: Error | undefined }> {
  const { hostname, port } = new URL(mock.url);
  return new Promise((resolve) => {
    let answer = '';
    let error: Error | undefined;
    const socket = connect(Number(port), hostname, () => socket.write(text));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      const length = /content-length: (\d+)/i.exec(answer)?.[1];
      const bodyStart = answer.indexOf('\r\n\r\n') + 4;
      if (length !== undefined && bodyStart >= 4 && Buffer.byteLength(answer.slice(bodyStart)) >= Number(length)) socket.end();
    });
    socket.on('error', (e) => (error = e));
    socket.on('close', () => resolve({ answer, error }));
  });
}

// A message is a string when it is the mock's own, a pattern when it comes from the spec's rules (its words are the
// client's too, src/operations/request-rules.ts): the pattern then names the field and what is wrong with it.
const errorOf = (code: string, message: string | RegExp) => ({
  errors: [{ code, message: typeof message === 'string' ? message : (expect.stringMatching(message) as unknown), error_uid: expect.stringMatching(/^err-/) as unknown }],
});

/** The server still answers: proof that the request before did not take it down. */
async function stillServes() {
  expect((await call('/fine-tune/jobs')).status).toBe(200);
}

describe('the HTTP layer', () => {
  it('answers a wrong or missing key with 401 and the gateway body, before anything else', async () => {
    for (const headers of [{ authorization: 'Bearer sk-wrong' }, { authorization: '' }]) {
      const answer = await call('/fine-tune/jobs', { headers });
      expect(answer).toMatchObject({ status: 401, body: { detail: 'Invalid authentication credentials' } });
    }
    expect((await call('/nowhere', { headers: { authorization: 'Bearer sk-wrong' } })).status).toBe(401);
  });

  it('answers CORS, so a page can call it: a preflight gets 204 and is not logged; answers allow any origin', async () => {
    const preflight = await fetch(`${mock.url}/fine-tune/jobs`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:9', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT');
    expect(mock.requests).toEqual([]);
    const listed = await fetch(`${mock.url}/fine-tune/jobs`, { headers: AUTH });
    expect(listed.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers an unknown route with 404 and a method the collection does not take with 405', async () => {
    expect(await call('/nowhere')).toMatchObject({ status: 404, body: errorOf('not_found', 'No route GET /nowhere.') });
    expect(await call('/fine-tune/jobs/a/b/c')).toMatchObject({ status: 404, body: errorOf('not_found', 'No route GET /fine-tune/jobs/a/b/c.') });
    expect(await call('/fine-tune/jobs', { method: 'DELETE' })).toMatchObject({
      status: 405,
      body: errorOf('method_not_allowed', 'DELETE is not allowed here.'),
    });
  });

  it('names the methods the collection takes in the Allow header of its 405 (RFC 9110, 15.5.6)', async () => {
    for (const method of ['DELETE', 'PUT', 'PATCH']) {
      const answer = await call('/fine-tune/jobs', { method });
      expect(answer.status).toBe(405);
      expect(answer.headers.get('allow')).toBe('GET, POST');
    }
  });

  it('creates and reads a job, and logs each request with its decoded job id', async () => {
    const created = await call('/fine-tune/jobs', { method: 'POST', body: JSON.stringify({ ...CREATE, id: 'ftj-a/b' }) });
    expect(created).toMatchObject({ status: 200, body: { id: 'ftj-a/b', status: 'REGISTERED' } });
    expect(created.headers.get('content-type')).toBe('application/json');
    expect(await call('/fine-tune/jobs/ftj-a%2Fb')).toMatchObject({ status: 200, body: { id: 'ftj-a/b' } });
    expect(mock.requests).toEqual([
      { method: 'POST', rawPath: '/fine-tune/jobs', status: 200, receivedAt: clock.now() },
      { method: 'GET', rawPath: '/fine-tune/jobs/ftj-a%2Fb', jobId: 'ftj-a/b', status: 200, receivedAt: clock.now() },
    ]);
  });

  it('refuses bad ids, parameters and bodies with the status the service uses', async () => {
    expect(await call(`/fine-tune/jobs/${'x'.repeat(65)}`)).toMatchObject({ status: 422, body: errorOf('invalid_parameter', /^job_id is 65 characters long; it must be at most 64 \(job identifier/) });
    expect(await call('/fine-tune/jobs/%E0%A4%A')).toMatchObject({ status: 400, body: errorOf('invalid_parameter', 'job_id is not valid percent-encoding.') });
    expect(await call('/fine-tune/jobs?statuses=running')).toMatchObject({ status: 400, body: errorOf('invalid_parameter', /^statuses\[0\] must be one of UNKNOWN, .*, got "running"/) });
    // Integers from their digits alone, each parameter once, the text quoted when it is no exact integer.
    expect(await call('/fine-tune/jobs?limit=1.0')).toMatchObject({ status: 400, body: errorOf('invalid_parameter', /^limit must be an integer .*, got "1\.0"/) });
    expect(await call('/fine-tune/jobs?limit=1&limit=x')).toMatchObject({ status: 400, body: errorOf('invalid_parameter', 'limit is given 2 times; give it once.') });
    expect(await call('/fine-tune/jobs?limit=99999999999999999999')).toMatchObject({ status: 400, body: errorOf('invalid_parameter', /got "99999999999999999999"/) });
    expect(await call('/fine-tune/jobs?limit=-2')).toMatchObject({ status: 400, body: errorOf('invalid_parameter', /^limit must be at least -1, got -2 \(/) });
    expect(await call('/fine-tune/jobs', { method: 'POST', body: '{"name": ' })).toMatchObject({ status: 400, body: errorOf('invalid_body', 'The body is not valid JSON.') });
    const longId = JSON.stringify({ ...CREATE, id: 'x'.repeat(65) });
    expect(await call('/fine-tune/jobs', { method: 'POST', body: longId })).toMatchObject({ status: 400, body: errorOf('invalid_body', /^body\.id is 65 characters long; it must be at most 64 /) });
    for (const dataset of [null, { name: 'd', split: 'train', file_ids: 5 }, { name: 'd', split: 'train', file_ids: [5] }, 'd']) {
      const badDataset = JSON.stringify({ name: 'x', config: { model: 'm', datasets: [dataset] } });
      expect(await call('/fine-tune/jobs', { method: 'POST', body: badDataset })).toMatchObject({
        status: 400,
        body: errorOf('invalid_body', /^body\.config\.datasets\[0\](\.file_ids(\[0\])?)? must be an? (object|array|string)/),
      });
    }
    await stillServes();
  });

  it('refuses an empty model and the ids "." and ".." in a create body, as the spec does, creating nothing', async () => {
    const createdBefore = mock.created();
    const emptyModel = JSON.stringify({ ...CREATE, config: { ...CREATE.config, model: '' } });
    expect(await call('/fine-tune/jobs', { method: 'POST', body: emptyModel })).toMatchObject({
      status: 400,
      body: errorOf('invalid_body', /^body\.config\.model is empty \(the base model to fine-tune/),
    });
    for (const id of ['.', '..']) {
      const body = JSON.stringify({ ...CREATE, id });
      expect(await call('/fine-tune/jobs', { method: 'POST', body })).toMatchObject({ status: 400, body: errorOf('invalid_body', /^body\.id is "\.\.?", which is never valid: no URL path can carry it/) });
    }
    expect(mock.created()).toBe(createdBefore);
    expect(mock.job('..')).toBeUndefined();
    // Three dots is an id like any other: a URL carries it.
    expect(await call('/fine-tune/jobs', { method: 'POST', body: JSON.stringify({ ...CREATE, id: '...' }) })).toMatchObject({ status: 200, body: { id: '...' } });
    expect(await call('/fine-tune/jobs/...')).toMatchObject({ status: 200, body: { id: '...' } });
  });

  it('refuses a create whose config nests deeper than MAX_JSON_DEPTH with a 400, and keeps answering', async () => {
    const createdBefore = mock.created();
    const nest = (depth: number) => `{"name":"deep","config":{"model":"m","datasets":[],"extra":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    // The config object is level 2, `extra` level 3: 62 more arrays reach the limit exactly.
    expect(await call('/fine-tune/jobs', { method: 'POST', body: nest(62) })).toMatchObject({ status: 200 });
    for (const depth of [63, 5_000]) {
      expect(await call('/fine-tune/jobs', { method: 'POST', body: nest(depth) })).toMatchObject({ status: 400, body: errorOf('invalid_body', 'The body nests deeper than 64 levels.') });
    }
    expect(mock.created()).toBe(createdBefore + 1);
    expect(await call('/fine-tune/jobs')).toMatchObject({ status: 200 });
  });

  it('keeps every field of a create config and echoes it in the job record, as the service does', async () => {
    const config = {
      ...CREATE.config,
      datasets: [{ ...CREATE.config.datasets[0], weight: 0.5 }],
      learning_rate: 0.001,
      schedule: { warmup: { steps: 100, kind: 'linear' }, decay: [0.9, 0.99], note: null },
    };
    const created = await call('/fine-tune/jobs', { method: 'POST', body: JSON.stringify({ ...CREATE, id: 'ftj-extra-config', config }) });
    expect(created).toMatchObject({ status: 200, body: { config } });
    expect((await call('/fine-tune/jobs/ftj-extra-config')).body).toMatchObject({ config });
    expect((await call('/fine-tune/jobs')).body).toContainEqual(expect.objectContaining({ id: 'ftj-extra-config', config }));
    expect(mock.job('ftj-extra-config')?.config).toEqual(config);
  });

  it('refuses a body over 1 MiB with 413, and still reads one of exactly 1 MiB', async () => {
    const over = await call('/fine-tune/jobs', { method: 'POST', body: 'x'.repeat(2 ** 20 + 1) });
    expect(over).toMatchObject({ status: 413, body: errorOf('payload_too_large', 'The request body is too large.') });
    // {"name":"x","pad":""} is 21 bytes; the padding makes up the rest.
    const exact = JSON.stringify({ name: 'x', pad: 'y'.repeat(2 ** 20 - 21) });
    expect(Buffer.byteLength(exact)).toBe(2 ** 20);
    expect(await call('/fine-tune/jobs', { method: 'POST', body: exact })).toMatchObject({ status: 400, body: errorOf('invalid_body', /^body\.config is required \(what to train/) });
    await stillServes();
  });

  it('answers an oversized upload with a whole 413 on a connection it keeps open', async () => {
    const head = `POST /fine-tune/jobs HTTP/1.1\r\nhost: mock\r\nauthorization: Bearer ${KEY}\r\ncontent-length: ${2 ** 21}\r\n\r\n`;
    const { answer, error } = await rawKeepAlive(head + 'x'.repeat(2 ** 21));
    expect(error).toBeUndefined();
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual(errorOf('payload_too_large', 'The request body is too large.'));
  });

  it('survives a client that goes away mid-body', async () => {
    const createdBefore = mock.created();
    await raw(`POST /fine-tune/jobs HTTP/1.1\r\nhost: mock\r\nauthorization: Bearer ${KEY}\r\ncontent-length: 1000\r\n\r\n{"name":`, true);
    // Done with once it has an outcome; the 500 it records was never sent, as the connection was gone.
    await vi.waitFor(() => expect(mock.requests).toMatchObject([{ method: 'POST', status: 500 }]));
    await stillServes();
    expect(mock.created()).toBe(createdBefore);
  });

  it('answers a request target that is no URL with 400 instead of going down', async () => {
    const answer = await raw(`GET http://[x/ HTTP/1.1\r\nhost: mock\r\nauthorization: Bearer ${KEY}\r\nconnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"code":"invalid_request"');
    await stillServes();
  });

  it('answers malformed HTTP with 400 and keeps serving', async () => {
    expect(await raw('NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    await stillServes();
  });

  it('sends an injected fault to the matching request only, and logs it', async () => {
    mock.inject({ kind: 'status', status: 503, retryAfter: '7' }, { method: 'GET', pathEndsWith: '/metrics' });
    await stillServes();
    const faulted = await call('/fine-tune/jobs/ftj-none/metrics');
    expect(faulted).toMatchObject({ status: 503, body: errorOf('upstream_error', 'Injected 503.') });
    expect(faulted.headers.get('retry-after')).toBe('7');
    expect(mock.requests.map((r) => [r.status, r.fault])).toEqual([
      [200, undefined],
      [503, 'status'],
    ]);
  });

  it('keeps a queued fault for the next request with a good key: one with a wrong key gets its 401 and takes none', async () => {
    mock.inject({ kind: 'status', status: 503 }, { method: 'GET' });
    expect((await call('/fine-tune/jobs', { headers: { authorization: 'Bearer sk-wrong' } })).status).toBe(401);
    expect((await call('/fine-tune/jobs')).status).toBe(503);
    await stillServes();
    expect(mock.requests.map((r) => [r.status, r.fault])).toEqual([
      [401, undefined],
      [503, 'status'],
      [200, undefined],
    ]);
  });

  it.each<[string, FaultScope, string, string]>([
    ['a stop of one job', { method: 'PUT', pathEndsWith: '/ftj-none/stop' }, 'PUT', '/fine-tune/jobs/ftj-none/stop'],
    ['the end of a segment', { pathEndsWith: 'op' }, 'PUT', '/fine-tune/jobs/ftj-none/stop'],
    ['the end of an id and what follows it', { pathEndsWith: 'none/metrics' }, 'GET', '/fine-tune/jobs/ftj-none/metrics'],
    ['the collection', { method: 'get', pathEndsWith: '/fine-tune/jobs' }, 'GET', '/fine-tune/jobs'],
    ['an id alone', { method: 'GET', pathEndsWith: '/ftj-none' }, 'GET', '/fine-tune/jobs/ftj-none'],
    ['a method alone', { method: 'post' }, 'POST', '/fine-tune/jobs'],
  ])('accepts a scope some operation can match (%s) and serves it to that request', async (_case, scope, method, path) => {
    mock.inject({ kind: 'status', status: 503 }, scope);
    expect((await call(path, { method, ...(method === 'POST' ? { body: '{}' } : {}) })).status).toBe(503);
    mock.assertNoPendingFaults();
  });

  it('lists the faults no request has taken, and assertNoPendingFaults names each, until they are served', async () => {
    expect(mock.pendingFaults()).toEqual([]);
    mock.assertNoPendingFaults();
    mock.inject({ kind: 'status', status: 503 }, { method: 'PUT', pathEndsWith: '/ftj-old/stop', times: 2 });
    mock.inject({ kind: 'reset' });
    // A request the first does not match takes the second.
    await expect(call('/fine-tune/jobs')).rejects.toThrow();
    expect(mock.pendingFaults()).toEqual([{ fault: { kind: 'status', status: 503 }, scope: { method: 'PUT', pathEndsWith: '/ftj-old/stop', times: 2 }, left: 2 }]);
    expect(() => mock.assertNoPendingFaults()).toThrow(PendingFaultsError);
    expect(() => mock.assertNoPendingFaults()).toThrow(
      '1 injected fault never reached a request: {"kind":"status","status":503} for {"method":"PUT","pathEndsWith":"/ftj-old/stop"} (2 requests left). Check the method and path the client sends (mock.requests lists what came), or that the call was made.',
    );
    expect((await call('/fine-tune/jobs/ftj-old/stop', { method: 'PUT' })).status).toBe(503);
    expect(mock.pendingFaults()).toMatchObject([{ left: 1 }]);
    expect((await call('/fine-tune/jobs/ftj-old/stop', { method: 'PUT' })).status).toBe(503);
    mock.assertNoPendingFaults();
    // A copy: changing what pendingFaults() gave changes nothing in the queue.
    mock.inject({ kind: 'rewrite', drop: ['uuid'] }, { method: 'GET' });
    const [pending] = mock.pendingFaults();
    (pending?.fault as { drop: string[] }).drop.push('id');
    expect(mock.pendingFaults()[0]?.fault).toEqual({ kind: 'rewrite', drop: ['uuid'] });
    mock.reset();
    mock.assertNoPendingFaults();
  });

  it('matches a fault\'s method in any case, and serves it exactly `times` times', async () => {
    mock.inject({ kind: 'status', status: 503 }, { method: 'get', times: 2 });
    expect((await call('/fine-tune/jobs', { method: 'POST', body: '{}' })).status).toBe(400);
    expect((await call('/fine-tune/jobs')).status).toBe(503);
    expect((await call('/fine-tune/jobs')).status).toBe(503);
    await stillServes();
    mock.inject({ kind: 'status', status: 500 }, { method: 'Put', pathEndsWith: '/stop' });
    expect((await call('/fine-tune/jobs/ftj-none/stop', { method: 'PUT' })).status).toBe(500);
    expect((await call('/fine-tune/jobs/ftj-none/stop', { method: 'PUT' })).status).toBe(404);
  });

  it.each([
    ['times 0', { times: 0 }, RangeError, /scope\.times must be a whole number >= 1 .*got 0; leave times out for one request/],
    ['times -1', { times: -1 }, RangeError, /scope\.times must be a whole number >= 1/],
    ['times 1.5', { times: 1.5 }, RangeError, /scope\.times must be a whole number >= 1/],
    ['times Infinity', { times: Infinity }, RangeError, /scope\.times must be a whole number >= 1/],
    ['times NaN', { times: NaN }, RangeError, /scope\.times must be a whole number >= 1/],
    ['times as a string', { times: '2' as unknown as number }, TypeError, /scope\.times must be a number/],
    ['a method the API does not use', { method: 'DELETE' }, RangeError, /scope\.method "DELETE" is not a method of the API.*use one of GET, POST, PUT/],
    ['a method that is no method', { method: 'fetch' }, RangeError, /scope\.method "fetch" is not a method of the API/],
    ['a method that is not a string', { method: 1 as unknown as string }, TypeError, /scope\.method must be a string/],
    ['pathEndsWith that is not a string', { pathEndsWith: /stop/ as unknown as string }, TypeError, /scope\.pathEndsWith must be a string/],
    // null is no scope to read as "every request": that is the widest scope, not a mistake to widen silently.
    ['null for the scope', null as unknown as FaultScope, TypeError, /scope must be an object such as \{ method: 'GET', times: 2 \}, or left out for the next request; got null\./],
    ['a string for the scope', 'GET' as unknown as FaultScope, TypeError, /scope must be an object .*got "GET"\./],
    // A misspelt field would otherwise drop that part of the scope: the fault on every request.
    ['a misspelt field', { pathEndWith: '/stop' } as unknown as FaultScope, TypeError, /scope\.pathEndWith is not a scope field; use times, method, pathEndsWith, afterProcessing\./],
    // Stop is a PUT: a POST to a stop path would never come, and the test would fail far away.
    ['a method no operation uses on that path', { method: 'POST', pathEndsWith: '/ftj-old/stop' }, RangeError, /scope \{ method: "POST", pathEndsWith: "\/ftj-old\/stop" \} matches no operation of the API, so no request would get the fault: a path ending in "\/ftj-old\/stop" is PUT \/fine-tune\/jobs\/\{job_id\}\/stop \(stopJob\)\. Use that method, or leave method out\./],
    // A path ending in /cancel is a cancel, or a get of a job whose id is "cancel".
    ['a POST of a cancel', { method: 'post', pathEndsWith: '/cancel' }, RangeError, /a path ending in "\/cancel" is GET \/fine-tune\/jobs\/\{job_id\} \(getJob\) or PUT \/fine-tune\/jobs\/\{job_id\}\/cancel \(cancelJob\)/],
    ['a path outside the spec', { pathEndsWith: '/files/file-abc123' }, RangeError, /scope\.pathEndsWith "\/files\/file-abc123" ends no path of the API, so no request would get the fault\. The API's operations: POST \/fine-tune\/jobs \(createJob\), GET \/fine-tune\/jobs \(listJobs\), GET \/fine-tune\/jobs\/\{job_id\} \(getJob\)/],
    ['a path under a base path the mock does not serve', { pathEndsWith: '/v0.5/fine-tune/jobs' }, RangeError, /ends no path of the API/],
    ['an id with a slash in it', { pathEndsWith: '/a/b/stop' }, RangeError, /ends no path of the API/],
  ])('refuses a scope with %s when injected, and queues nothing', async (_case, scope, type, message) => {
    expect(() => mock.inject({ kind: 'status', status: 503 }, scope)).toThrow(type);
    expect(() => mock.inject({ kind: 'status', status: 503 }, scope)).toThrow(message);
    await stillServes();
    await stillServes();
  });

  it.each<[string, unknown, new () => Error, RegExp]>([
    ['an unknown kind', { kind: 'timeout' }, TypeError, /fault\.kind must be one of status, html502, reset, delay, malformed, empty, rewrite, raw, got "timeout"/],
    ['a status that is no HTTP status', { kind: 'status', status: 1000 }, RangeError, /fault\.status must be a final HTTP status, a whole number from 200 to 599 .*got 1000\./],
    ['a raw answer without a status', { kind: 'raw', body: '' }, RangeError, /fault\.status must be a final HTTP status.*got nothing/],
    ['a negative delay', { kind: 'delay', ms: -5 }, RangeError, /fault\.ms must be a number of milliseconds from 0 to 2147483647 .*got -5\./],
    // A 1xx is interim: the client would wait past it for a final answer that never comes.
    ...[100, 101, 103, 199].map((status): [string, unknown, new () => Error, RegExp] => [`the interim status ${status}`, { kind: 'status', status }, RangeError, new RegExp(`fault\\.status must be a final HTTP status, a whole number from 200 to 599 .*got ${status}\\.`)]),
    ['a raw answer with the interim status 103', { kind: 'raw', status: 103, body: '' }, RangeError, /fault\.status must be a final HTTP status, a whole number from 200 to 599 .*got 103\./],
    ['a status given as a string', { kind: 'status', status: '503' }, RangeError, /fault\.status must be a final HTTP status.*got "503"\./],
    // Above 2^31-1 a Node timer fires after 1 ms: the delay would answer at once.
    ['a delay of 1e12 ms', { kind: 'delay', ms: 1e12 }, RangeError, /fault\.ms must be a number of milliseconds from 0 to 2147483647 .*got 1000000000000\./],
    ['a delay of 2^31 ms', { kind: 'delay', ms: 2 ** 31 }, RangeError, /fault\.ms must be a number of milliseconds from 0 to 2147483647/],
    ['an endless delay', { kind: 'delay', ms: Infinity }, RangeError, /fault\.ms must be .*got Infinity\./],
    ['a delay of NaN ms', { kind: 'delay', ms: NaN }, RangeError, /fault\.ms must be .*got NaN\./],
    ['a delay given as a string', { kind: 'delay', ms: '5' }, RangeError, /fault\.ms must be .*got "5"\./],
    // Header values that writeHead would throw on, so that the client saw a reset instead of the fault.
    ['a retryAfter with CR LF', { kind: 'status', status: 429, retryAfter: '1\r\nx-evil: 1' }, TypeError, /fault\.retryAfter must be a valid retry-after header value, without CR, LF/],
    ['a retryAfter with a NUL', { kind: 'status', status: 429, retryAfter: '1\0' }, TypeError, /fault\.retryAfter must be a valid retry-after header value/],
    ['a retryAfter that is a number', { kind: 'status', status: 429, retryAfter: 1 }, TypeError, /fault\.retryAfter must be a string, got 1\./],
    ['a contentType with LF', { kind: 'raw', status: 200, body: 'x', contentType: 'text/plain\nx-evil: 1' }, TypeError, /fault\.contentType must be a valid content-type header value/],
    ['a contentType beyond Latin-1', { kind: 'raw', status: 200, body: 'x', contentType: 'text/🙂' }, TypeError, /fault\.contentType must be a valid content-type header value/],
    ['a raw body that is no string', { kind: 'raw', status: 200, body: { id: 'x' } }, TypeError, /fault\.body must be a string \(the exact body to send\), got an object\./],
    // A string drop matched its substrings: 'uuid' dropped `id` too.
    ['a drop that is a string', { kind: 'rewrite', drop: 'uuid' }, TypeError, /fault\.drop must be an array of field names such as \['uuid'\], got "uuid"\./],
    ['a drop with a non-string', { kind: 'rewrite', drop: ['uuid', 1] }, TypeError, /fault\.drop must be an array of field names/],
    ['a set that is an array', { kind: 'rewrite', set: [['status', 'PAUSED']] }, TypeError, /fault\.set must be a plain object of fields such as \{ status: 'PAUSED' \}, got an array\./],
    ['a set that is a Map', { kind: 'rewrite', set: new Map([['status', 'PAUSED']]) }, TypeError, /fault\.set must be a plain object/],
    ['a set JSON cannot carry', { kind: 'rewrite', set: { steps: 10n } }, TypeError, /fault\.set must be plain data that JSON can carry/],
    ['no fault at all', null, TypeError, /fault must be an object such as \{ kind: 'status', status: 503 \}, got null\./],
  ])('refuses a fault with %s when injected, and queues nothing', async (_case, fault, type, message) => {
    expect(() => mock.inject(fault as Fault)).toThrow(type);
    expect(() => mock.inject(fault as Fault)).toThrow(message);
    await stillServes();
  });

  it('serves the edges of what inject allows: statuses 200 and 599, a delay of 2^31-1 ms, an HTTP-date Retry-After', async () => {
    for (const status of [200, 599]) {
      mock.inject({ kind: 'status', status });
      expect((await call('/fine-tune/jobs')).status).toBe(status);
      mock.inject({ kind: 'raw', status, body: '"x"', contentType: 'text/plain; charset=utf-8' });
      const raw = await call('/fine-tune/jobs');
      expect([raw.status, raw.text, raw.headers.get('content-type')]).toEqual([status, '"x"', 'text/plain; charset=utf-8']);
    }
    // Queued for a path no request takes: accepted, never waited for.
    expect(() => mock.inject({ kind: 'delay', ms: 2 ** 31 - 1 }, { pathEndsWith: '/never' })).not.toThrow();
    mock.inject({ kind: 'status', status: 503, retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT' });
    expect((await call('/fine-tune/jobs')).headers.get('retry-after')).toBe('Wed, 21 Oct 2015 07:28:00 GMT');
    await stillServes();
  });

  it('drops exactly the fields a rewrite names, and serves the rewrite as checked even if the caller changes it after', async () => {
    await call('/fine-tune/jobs', { method: 'POST', body: JSON.stringify({ ...CREATE, id: 'ftj-rewrite-exact' }) });
    const fault = { kind: 'rewrite' as const, drop: ['uuid'], set: { status: 'PAUSED' } };
    mock.inject(fault);
    // Changed after inject, to values inject would refuse: the queued fault is the one that was checked.
    (fault as { drop: unknown }).drop = 'uuid';
    fault.set.status = 'RUNNING';
    const record = (await call('/fine-tune/jobs/ftj-rewrite-exact')).body as Record<string, unknown>;
    expect(record).toMatchObject({ id: 'ftj-rewrite-exact', status: 'PAUSED' });
    expect(record).not.toHaveProperty('uuid');
  });

  it.each([
    ['PUT', '/fine-tune/jobs/abc', 'GET'],
    ['DELETE', '/fine-tune/jobs/abc', 'GET'],
    ['POST', '/fine-tune/jobs/abc', 'GET'],
    ['GET', '/fine-tune/jobs/abc/stop', 'PUT'],
    ['POST', '/fine-tune/jobs/abc/cancel', 'PUT'],
    ['PUT', '/fine-tune/jobs/abc/metrics', 'GET'],
    // The method is checked before the id, as a router does.
    ['DELETE', `/fine-tune/jobs/${'x'.repeat(65)}`, 'GET'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const answer = await call(path, { method, body: method === 'GET' ? undefined : '{}' });
    expect(answer).toMatchObject({ status: 405, body: errorOf('method_not_allowed', `${method} is not allowed here.`) });
    expect(answer.headers.get('allow')).toBe(allow);
  });

  it('answers 405 with the spec\'s methods in Allow on every path of the spec, for every method it does not take', async () => {
    const paths = [...new Set(OPERATIONS.map((operation) => operation.path))];
    for (const template of paths) {
      const allowed: string[] = OPERATIONS.filter((operation) => operation.path === template).map((operation) => operation.method).sort();
      const path = template.replace('{job_id}', 'ftj-allow');
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !allowed.includes(m))) {
        const answer = await call(path, { method, body: method === 'GET' ? undefined : '{}' });
        expect([method, path, answer.status, answer.headers.get('allow')]).toEqual([method, path, 405, allowed.join(', ')]);
      }
    }
  });

  it('still answers 404 for a path the spec does not have, whatever the method', async () => {
    const unknown: [string, string][] = [
      ['GET', '/fine-tune/jobs/abc/pause'],
      ['DELETE', '/fine-tune/jobs/abc/pause'],
      ['PUT', '/fine-tune/jobs/a/b/c'],
      ['GET', '/fine-tune'],
      ['PUT', '/fine-tune/jobs/abc/stop/'],
    ];
    for (const [method, path] of unknown) {
      const answer = await call(path, { method });
      expect(answer).toMatchObject({ status: 404, body: errorOf('not_found', `No route ${method} ${path}.`) });
      expect(answer.headers.get('allow')).toBeNull();
    }
  });

  it('limits requests per second on the mock clock once setRateLimit is called', async () => {
    mock.setRateLimit(1);
    await stillServes();
    const limited = await call('/fine-tune/jobs');
    expect(limited).toMatchObject({ status: 429, body: errorOf('rate_limit_exceeded', 'Too many requests.') });
    expect(limited.headers.get('retry-after')).toBe('1');
    clock.advance(1_000);
    await stillServes();
    mock.setRateLimit(undefined);
  });
});
