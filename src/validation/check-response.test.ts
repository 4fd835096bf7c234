// The answer checks as a table: each row an answer and the drifts a person reading the spec expects, written out
// here (the pointer, what the spec says, what came), never computed by the code under test.
import { describe, expect, it } from 'vitest';
import { SEED_STOP_RESPONSE } from '../../test-support/fixtures.js';
import { checkResponse } from './check-response.js';
import { operationOf } from './operation-of.js';

const JSON_TYPE = 'application/json';
const job = (changes: Record<string, unknown> = {}, drop: string[] = []) => {
  const body = Object.entries({ ...SEED_STOP_RESPONSE, ...changes }).filter(([key]) => !drop.includes(key));
  return JSON.stringify(Object.fromEntries(body));
};
const STATUSES = '"UNKNOWN", "REGISTERED", "STARTING", "RUNNING", "COMPLETED", "FINALIZING", "STOPPING", "STOPPED", "CANCELLED", "FAILED"';

interface Row {
  name: string;
  operationId: string;
  status: number;
  contentType?: string | null;
  text: string;
  drifts: { pointer: string; expected: string; got: string }[];
}

const ROWS: Row[] = [
  { name: 'the Stop Job seed', operationId: 'stopJob', status: 200, text: job(), drifts: [] },
  { name: 'a field the spec does not know (jobs are open to new fields)', operationId: 'getJob', status: 200, text: job({ priority: 3 }), drifts: [] },
  { name: 'a charset on the content type', operationId: 'getJob', status: 200, contentType: 'application/json; charset=utf-8', text: job(), drifts: [] },
  { name: 'a missing required field', operationId: 'getJob', status: 200, text: job({}, ['uuid']), drifts: [{ pointer: '/uuid', expected: 'a value (the field is required)', got: 'nothing' }] },
  { name: 'an unknown status', operationId: 'getJob', status: 200, text: job({ status: 'PAUSED' }), drifts: [{ pointer: '/status', expected: `one of ${STATUSES}`, got: '"PAUSED"' }] },
  {
    name: 'two problems at once, both reported',
    operationId: 'stopJob',
    status: 200,
    text: job({ id: 7, updated_at: 'yesterday' }),
    drifts: [
      { pointer: '/id', expected: 'a value of type string', got: '7' },
      { pointer: '/updated_at', expected: 'a date-time string', got: '"yesterday"' },
    ],
  },
  { name: 'a date without its zone', operationId: 'getJob', status: 200, text: job({ created_at: '2026-04-27T14:32:18.421000' }), drifts: [{ pointer: '/created_at', expected: 'a date-time string', got: '"2026-04-27T14:32:18.421000"' }] },
  { name: 'an id over 64 characters', operationId: 'getJob', status: 200, text: job({ id: 'x'.repeat(65) }), drifts: [{ pointer: '/id', expected: 'at most 64 characters', got: `"${'x'.repeat(65)}"` }] },
  { name: 'a 64-character id of emoji (code points, not UTF-16 units)', operationId: 'getJob', status: 200, text: job({ id: '🙂'.repeat(64) }), drifts: [] },
  {
    name: 'a deep problem: a file id that is a number',
    operationId: 'getJob',
    status: 200,
    text: job({ config: { model: 'm', datasets: [{ name: 'd', split: 'train', file_ids: [1] }] } }),
    drifts: [{ pointer: '/config/datasets/0/file_ids/0', expected: 'a value of type string', got: '1' }],
  },
  { name: 'a list item with a problem', operationId: 'listJobs', status: 200, text: `[${job()},${job({ status: null })}]`, drifts: [{ pointer: '/1/status', expected: `a value of type string and one of ${STATUSES}`, got: 'null' }] },
  { name: 'an empty list', operationId: 'listJobs', status: 200, text: '[]', drifts: [] },
  { name: 'metrics before the first checkpoint', operationId: 'getJobMetrics', status: 200, text: '{"last_checkpoint_step":null,"metrics":[]}', drifts: [] },
  { name: 'a negative step', operationId: 'getJobMetrics', status: 200, text: '{"last_checkpoint_step":1,"metrics":[{"step":-1}]}', drifts: [{ pointer: '/metrics/0/step', expected: 'a number >= 0', got: '-1' }] },
  { name: 'a 404 in the current envelope', operationId: 'getJob', status: 404, text: '{"errors":[{"code":"job_not_found","message":"No job.","error_uid":"err-1"}]}', drifts: [] },
  { name: 'a 401 in the legacy envelope', operationId: 'listJobs', status: 401, text: '{"detail":"Invalid authentication credentials"}', drifts: [] },
  { name: "a gateway's own JSON (no envelope key: the spec keeps it whole)", operationId: 'getJob', status: 502, text: '{"message":"upstream timed out"}', drifts: [] },
  { name: 'an error uid without its prefix', operationId: 'getJob', status: 404, text: '{"errors":[{"code":"x","message":"y","error_uid":"1"}]}', drifts: [{ pointer: '/errors/0/error_uid', expected: 'a string matching ^err-', got: '"1"' }] },
  { name: 'an unknown error shape: `error` as a string', operationId: 'getJob', status: 404, text: '{"error":"not here"}', drifts: [{ pointer: '/error', expected: 'a value of type object', got: '"not here"' }] },
  {
    name: 'an entry of the current envelope with two problems',
    operationId: 'stopJob',
    status: 409,
    text: '{"errors":[{"code":1}]}',
    drifts: [
      { pointer: '/errors/0/message', expected: 'a value (the field is required)', got: 'nothing' },
      { pointer: '/errors/0/code', expected: 'a value of type string', got: '1' },
    ],
  },
  { name: 'an error body that is no object', operationId: 'getJob', status: 500, text: '"oops"', drifts: [{ pointer: '', expected: 'one of the shapes ErrorBody allows', got: '"oops"' }] },
  { name: '`detail` neither a message nor a list', operationId: 'getJob', status: 401, text: '{"detail":5}', drifts: [{ pointer: '/detail', expected: 'one of the shapes allowed at /detail', got: '5' }] },
  { name: 'an undocumented status', operationId: 'getJob', status: 418, text: '{}', drifts: [{ pointer: '', expected: 'one of the statuses the spec documents for getJob: 200, 400, 401, 403, 404, 422, 429, 500, 502, 503, 504', got: '418' }] },
  { name: '409 is documented for stop, not for get', operationId: 'getJob', status: 409, text: '{"errors":[{"code":"c","message":"m"}]}', drifts: [{ pointer: '', expected: 'one of the statuses the spec documents for getJob: 200, 400, 401, 403, 404, 422, 429, 500, 502, 503, 504', got: '409' }] },
  { name: 'an HTML gateway page', operationId: 'stopJob', status: 502, contentType: 'text/html', text: '<html>502</html>', drifts: [{ pointer: '', expected: 'Content-Type application/json', got: '"text/html"' }] },
  { name: 'no content type', operationId: 'getJob', status: 200, contentType: null, text: job(), drifts: [{ pointer: '', expected: 'Content-Type application/json', got: 'no Content-Type' }] },
  { name: 'truncated JSON', operationId: 'getJob', status: 200, text: '{"name": "x", "id": "ftj-', drifts: [{ pointer: '', expected: 'a JSON body', got: '"{\\"name\\": \\"x\\", \\"id\\": \\"ftj-"' }] },
  { name: 'an empty body', operationId: 'getJob', status: 200, text: '', drifts: [{ pointer: '', expected: 'a JSON body', got: 'an empty body' }] },
  { name: 'a list where a job is due', operationId: 'getJob', status: 200, text: `[${job()}]`, drifts: [{ pointer: '', expected: 'a value of type object', got: expect.stringMatching(/^\[\{"name":"my-finetune-run".*\.\.\.$/) as unknown as string }] },
];

describe('checkResponse', () => {
  it.each(ROWS)('$name', (row) => {
    const drifts = checkResponse({ operationId: row.operationId, status: row.status, contentType: row.contentType === undefined ? JSON_TYPE : row.contentType, text: row.text });
    expect(drifts).toEqual(row.drifts.map((d) => ({ operationId: row.operationId, status: row.status, ...d })));
  });

  it('shortens what came to 120 characters', () => {
    const [drift] = checkResponse({ operationId: 'getJob', status: 200, contentType: JSON_TYPE, text: job({ name: 'n'.repeat(500) }, ['id']) });
    expect(drift?.pointer).toBe('/id');
    const [long] = checkResponse({ operationId: 'getJob', status: 200, contentType: JSON_TYPE, text: 'x'.repeat(500) });
    expect(long?.got).toHaveLength(120);
    expect(long?.got.endsWith('...')).toBe(true);
  });

  it('stops after 20 drifts, saying how many more there were, however many items are bad', () => {
    const drifts = checkResponse({ operationId: 'listJobs', status: 200, contentType: JSON_TYPE, text: JSON.stringify(Array.from({ length: 50_000 }, () => ({}))) });
    expect(drifts).toHaveLength(21);
    expect(drifts[0]).toMatchObject({ pointer: '/0/name', expected: 'a value (the field is required)' });
    expect(drifts[20]).toMatchObject({ pointer: '', expected: 'no more drift', got: expect.stringMatching(/^\d+ more, not listed$/) as unknown as string });
  });

  it('a body nested deeper than MAX_JSON_DEPTH is one drift, described, not thrown', () => {
    const deep = `{"status":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const drifts = checkResponse({ operationId: 'getJob', status: 200, contentType: JSON_TYPE, text: job({}, ['status']).replace('{', deep.slice(0, -1) + ',') });
    expect(drifts).toEqual([expect.objectContaining({ pointer: '', expected: 'JSON nesting at most 64 levels deep', got: 'a body nesting deeper' })]);
  });

  it('what came prints as it reads: C1 controls and bidi marks escaped, no surrogate pair cut in half', () => {
    const [odd] = checkResponse({ operationId: 'getJob', status: 200, contentType: JSON_TYPE, text: job({ status: '\u009b2J\u202egnp.exe' }) });
    expect(odd?.got).toBe('"\\u009b2J\\u202egnp.exe"');
    const [cut] = checkResponse({ operationId: 'getJob', status: 200, contentType: JSON_TYPE, text: job({ status: `${'x'.repeat(115)}🙂🙂` }) });
    expect(cut?.got).toBe(`"${'x'.repeat(115)}...`);
  });

  it('names an operation the spec does not have', () => {
    expect(checkResponse({ operationId: 'resumeJob', status: 200, contentType: JSON_TYPE, text: '{}' })).toEqual([
      { operationId: 'resumeJob', status: 200, pointer: '', expected: 'an operation of the spec', got: '"resumeJob"' },
    ]);
    // Not a key of every object either.
    expect(checkResponse({ operationId: 'constructor', status: 200, contentType: JSON_TYPE, text: '{}' })[0]?.expected).toBe('an operation of the spec');
  });
});

describe('operationOf', () => {
  it.each([
    ['POST', '/fine-tune/jobs', 'createJob'],
    ['GET', '/fine-tune/jobs', 'listJobs'],
    ['get', '/fine-tune/jobs/ftj-1', 'getJob'],
    ['GET', '/fine-tune/jobs/a%2Fb%20c', 'getJob'],
    ['GET', '/fine-tune/jobs/ftj-1/metrics', 'getJobMetrics'],
    ['PUT', '/fine-tune/jobs/ftj-1/stop', 'stopJob'],
    ['PUT', '/fine-tune/jobs/ftj-1/cancel', 'cancelJob'],
    ['PUT', '/fine-tune/jobs/ftj-1', undefined],
    ['GET', '/fine-tune/jobs/', undefined],
    ['GET', '/fine-tune/jobs/a/b', undefined],
    ['DELETE', '/fine-tune/jobs/ftj-1', undefined],
    ['GET', '/v0.5/fine-tune/jobs', 'listJobs'],
    ['PUT', '/v0.5/fine-tune/jobs/ftj-1/stop', 'stopJob'],
    ['GET', 'fine-tune/jobs', undefined],
    ['GET', '/fine-tune/jobsx', undefined],
  ])('%s %s -> %s', (method, path, expected) => {
    expect(operationOf(method, path)).toBe(expected);
  });
});
