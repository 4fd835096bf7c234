// The mock as a server that drifts from the spec on request (for `atai-ft conformance` and apps' own checks), and
// its answers as it sent them, reported to `onAnswer`.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jobBody } from '../test-support/fixtures.js';
import { startStatefulMock } from './http.js';
import type { SeenRequest, SentAnswer, StatefulMock } from './stateful-mock.js';
import { ManualClock } from './manual-clock.js';

const KEY = 'test-key-drift';
const AUTH = { authorization: `Bearer ${KEY}` };
let mock: StatefulMock;
const told: { request: SeenRequest; answer: SentAnswer }[] = [];
beforeAll(async () => {
  mock = await startStatefulMock({ apiKey: KEY, clock: new ManualClock(), onAnswer: (request, answer) => told.push({ request, answer }) });
  for (const id of ['drift-a', 'drift-b']) {
    await fetch(`${mock.url}/fine-tune/jobs`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify(jobBody(id)) });
  }
});
afterAll(() => mock.stop());
beforeEach(() => {
  mock.reset();
  told.length = 0;
});

async function get(path: string) {
  const response = await fetch(`${mock.url}${path}`, { headers: AUTH });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

describe('rewrite', () => {
  it('drops and replaces fields of the record it would have sent', async () => {
    mock.inject({ kind: 'rewrite', drop: ['uuid'], set: { status: 'PAUSED' } });
    const { status, text } = await get('/fine-tune/jobs/drift-a');
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(status).toBe(200);
    expect(body).not.toHaveProperty('uuid');
    expect(body).toMatchObject({ id: 'drift-a', status: 'PAUSED', name: 'my-finetune-run' });
  });

  it('changes every record of a list', async () => {
    mock.inject({ kind: 'rewrite', set: { status: 'PAUSED' } });
    const list = JSON.parse((await get('/fine-tune/jobs')).text) as { id: string; status: string }[];
    expect(list.map((j) => [j.id, j.status])).toEqual([['drift-a', 'PAUSED'], ['drift-b', 'PAUSED']]);
  });

  it('leaves an error answer it meets as it is', async () => {
    mock.inject({ kind: 'rewrite', set: { status: 'PAUSED' } });
    const { status, text } = await get('/fine-tune/jobs/none');
    expect(status).toBe(404);
    expect(JSON.parse(text)).toMatchObject({ errors: [{ code: 'job_not_found' }] });
  });
});

describe('raw', () => {
  it('sends exactly the status, body and content type given', async () => {
    mock.inject({ kind: 'raw', status: 418, body: '{"error":"teapot"}' });
    expect(await get('/fine-tune/jobs/drift-a')).toEqual({ status: 418, type: 'application/json', text: '{"error":"teapot"}' });
    mock.inject({ kind: 'raw', status: 200, body: '<p>hi</p>', contentType: 'text/html' });
    expect(await get('/fine-tune/jobs')).toEqual({ status: 200, type: 'text/html', text: '<p>hi</p>' });
  });
});

describe('onAnswer', () => {
  it('is told each answer exactly as the client received it, and not the injected ones', async () => {
    const one = await get('/fine-tune/jobs/drift-b');
    const missing = await get('/fine-tune/jobs/none');
    mock.inject({ kind: 'rewrite', set: { status: 'PAUSED' } });
    await get('/fine-tune/jobs/drift-b');
    const unauthenticated = await fetch(`${mock.url}/fine-tune/jobs`);
    expect(told.map((t) => [t.request.method, t.request.rawPath, t.answer.status])).toEqual([
      ['GET', '/fine-tune/jobs/drift-b', 200],
      ['GET', '/fine-tune/jobs/none', 404],
      ['GET', '/fine-tune/jobs', 401],
    ]);
    expect(told[0]?.answer).toEqual({ status: 200, contentType: one.type, text: one.text });
    expect(told[1]?.answer.text).toBe(missing.text);
    expect(told[2]?.answer.text).toBe(await unauthenticated.text());
  });
});
