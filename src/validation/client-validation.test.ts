// `createClient({ validateResponses })` as an app's developer meets it: a fake server answers, the client checks
// the answer against the spec and throws, warns or stays quiet. Nothing here is mocked but fetch.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json } from '../../test-support/fake-fetch.js';
import { SEED_STOP_RESPONSE } from '../../test-support/fixtures.js';
import { createClient, NotFoundError, ApiError, AtaiError, ValidationError, type SpecDrift } from '../index.js';
import { ResponseValidationError, specValidation } from './index.js';

const KEY = 'sk-test-VALIDATION-91c2e7';
const BASE = 'http://api.test';
const STATUSES = '"UNKNOWN", "REGISTERED", "STARTING", "RUNNING", "COMPLETED", "FINALIZING", "STOPPING", "STOPPED", "CANCELLED", "FAILED"';

function client(mode: 'warn' | 'throw', ...answers: Parameters<typeof fakeFetch>) {
  const seen: SpecDrift[][] = [];
  const fake = fakeFetch(...answers);
  const c = createClient({ baseUrl: BASE, apiKey: KEY, maxRetries: 0, fetch: fake.fetch, validateResponses: specValidation(mode, { onDrift: (d) => seen.push(d) }) });
  return { client: c, seen, calls: fake.calls };
}

describe("validateResponses: specValidation('throw')", () => {
  it('rejects an answer that breaks the spec with every drift: pointer, what the spec says, what came', async () => {
    const { client: c } = client('throw', json(200, { ...SEED_STOP_RESPONSE, status: 'PAUSED', uuid: undefined }));
    const error = await c.jobs.get('ftj-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toBeInstanceOf(AtaiError);
    expect((error as ResponseValidationError).drifts).toEqual([
      { operationId: 'getJob', status: 200, pointer: '/uuid', expected: 'a value (the field is required)', got: 'nothing' },
      { operationId: 'getJob', status: 200, pointer: '/status', expected: `one of ${STATUSES}`, got: '"PAUSED"' },
    ]);
    expect((error as Error).message).toBe(
      `getJob answered 200, which breaks the spec: /uuid: expected a value (the field is required), got nothing; /status: expected one of ${STATUSES}, got "PAUSED"`,
    );
  });

  it('lets a conforming answer through, error answers too', async () => {
    const { client: c, seen } = client('throw', json(200, SEED_STOP_RESPONSE), json(404, { errors: [{ code: 'job_not_found', message: 'No such job.', error_uid: 'err-1' }] }));
    await expect(c.jobs.stop('ftj-1')).resolves.toEqual(SEED_STOP_RESPONSE);
    await expect(c.jobs.get('nope')).rejects.toBeInstanceOf(NotFoundError);
    expect(seen).toEqual([]);
  });

  it('rejects a status the operation does not document, and a body that is not JSON', async () => {
    const { client: c } = client('throw', json(418, { errors: [{ code: 'teapot', message: 'I am a teapot.' }] }), () => new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    await expect(c.jobs.cancel('ftj-1')).rejects.toMatchObject({ drifts: [{ operationId: 'cancelJob', status: 418, pointer: '' }] });
    await expect(c.jobs.list()).rejects.toMatchObject({ drifts: [{ operationId: 'listJobs', status: 200, pointer: '', expected: 'Content-Type application/json', got: '"text/html"' }] });
  });

  it('never shows the key, in any form the server echoes it in', async () => {
    const escaped = JSON.stringify(KEY).slice(1, -1).replace(/-/g, '\\u002d');
    const { client: c } = client('throw', () => new Response(`{"name":"x","id":"${escaped}","status":"${KEY}"}`, { status: 200, headers: { 'content-type': 'application/json' } }));
    const error = await c.jobs.get('ftj-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    for (const form of [String(error), JSON.stringify(error), (error as Error).stack ?? '']) expect(form).not.toContain(KEY);
    expect((error as ResponseValidationError).drifts.find((d) => d.pointer === '/status')?.got).toBe('"[REDACTED]"');
  });

  it('never shows the key a server echoes into its Content-Type', async () => {
    const { client: c } = client('throw', () => new Response('{}', { status: 200, headers: { 'content-type': `text/plain; echo=Bearer ${KEY}` } }));
    const error = await c.jobs.get('ftj-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    for (const form of [String(error), JSON.stringify(error)]) expect(form).not.toContain(KEY);
    expect((error as ResponseValidationError).drifts[0]?.got).toBe('"text/plain; echo=Bearer [REDACTED]"');
  });
});

describe("validateResponses: specValidation('warn')", () => {
  it('tells onDrift and goes on: the call resolves as it would without checks', async () => {
    const paused = { ...SEED_STOP_RESPONSE, status: 'PAUSED' };
    const { client: c, seen } = client('warn', json(200, paused));
    await expect(c.jobs.get('ftj-1')).resolves.toEqual(paused);
    expect(seen).toEqual([[{ operationId: 'getJob', status: 200, pointer: '/status', expected: `one of ${STATUSES}`, got: '"PAUSED"' }]]);
  });

  it('an error answer that breaks the spec is still the usual typed error', async () => {
    const { client: c, seen } = client('warn', json(500, { error: 'flat' }));
    await expect(c.jobs.get('ftj-1')).rejects.toBeInstanceOf(ApiError);
    expect(seen).toEqual([[{ operationId: 'getJob', status: 500, pointer: '/error', expected: 'a value of type object', got: '"flat"' }]]);
  });

  it('writes one line per drift to stderr when no onDrift is given', async () => {
    const lines: string[] = [];
    const original = console.warn;
    console.warn = (line: string) => lines.push(line);
    try {
      const fake = fakeFetch(json(200, { ...SEED_STOP_RESPONSE, status: 'PAUSED' }));
      const c = createClient({ baseUrl: BASE, apiKey: KEY, fetch: fake.fetch, validateResponses: specValidation('warn') });
      await c.jobs.get('ftj-1');
    } finally {
      console.warn = original;
    }
    expect(lines).toEqual([`[atai-finetune] getJob answered 200, which breaks the spec: /status: expected one of ${STATUSES}, got "PAUSED"`]);
  });
});

describe('validateResponses given wrong', () => {
  it.each([['throw'], [true], [{ mode: 'throw' }], [{ mode: 'throw', check: () => [] }]])('%j is refused before any request, naming the fix', (value) => {
    const fake = fakeFetch(json(200, SEED_STOP_RESPONSE));
    const make = () => createClient({ baseUrl: BASE, apiKey: KEY, fetch: fake.fetch, validateResponses: value as never });
    expect(make).toThrow(ValidationError);
    expect(make).toThrow("validateResponses must be specValidation('warn' | 'throw') from 'atai-finetune/validation'");
    expect(fake.calls).toHaveLength(0);
  });

  it("specValidation refuses a mode other than 'warn' or 'throw'", () => {
    expect(() => specValidation('off' as never)).toThrow(ValidationError);
  });
});

describe('off', () => {
  it('the main entry point does not reach the validators: a bundle of it carries none of their code', async () => {
    const result = await build({ entryPoints: ['src/index.ts'], bundle: true, write: false, metafile: true, format: 'esm', platform: 'browser', logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('src/client.ts');
    expect(inputs.filter((path) => path === 'generated/validators.ts' || path.startsWith('src/validation/'))).toEqual([]);
  });
});
