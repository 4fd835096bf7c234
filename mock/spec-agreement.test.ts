// The mock and the spec read a create body the same way: each body of the table is checked against the spec's
// CreateJobRequest (Ajv, JSON Schema 2020-12, the dialect of OpenAPI 3.1) and sent to the mock, and both must give
// the verdict the table states. An app tested against the mock then meets no body the service would refuse. Beyond
// the table, generated bodies (fast-check) must get one verdict from the spec, the mock and the client's own check.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ValidationError } from '../src/errors/index.js';
import { SURFACE } from '../generated/surface.js';
import { checkedRequest } from '../src/operations/operate.js';
import { jobBody } from '../test-support/fixtures.js';
import { ManualClock, startStatefulMock, type StatefulMock } from './index.js';

const KEY = 'test-key-agreement';

/** The spec's CreateJobRequest as a validator; refs point into the spec's own schemas. */
function createBodySchema() {
  const spec = parse(readFileSync(new URL('../openapi/fine-tune.yaml', import.meta.url), 'utf8')) as { components: { schemas: Record<string, unknown> } };
  const schemas = JSON.parse(JSON.stringify(spec.components.schemas).replaceAll('#/components/schemas/', 'spec#/$defs/')) as Record<string, unknown>;
  // Not strict: the spec's schemas carry OpenAPI's `example`, which JSON Schema does not know.
  const ajv = new Ajv2020({ strict: false, validateFormats: false });
  ajv.addSchema({ $id: 'spec', $defs: schemas });
  return ajv.compile({ $ref: 'spec#/$defs/CreateJobRequest' });
}

let mock: StatefulMock;
beforeAll(async () => {
  mock = await startStatefulMock({ apiKey: KEY, clock: new ManualClock() });
});
afterAll(() => mock.stop());

const valid = jobBody(undefined, 'run');
let n = 0;
/** A valid body with a fresh id, so that the accepted rows never meet a 409. */
const fresh = () => ({ ...valid, id: `ftj-agreement-${++n}` });

const specAllows = createBodySchema();

describe('a create body', () => {
  it.each([
    ['a valid body', () => fresh(), true],
    ['an empty name', () => ({ ...fresh(), name: '' }), false],
    ['an empty model', () => ({ ...fresh(), config: { ...valid.config, model: '' } }), false],
    ['the id "."', () => ({ ...valid, id: '.' }), false],
    ['the id ".."', () => ({ ...valid, id: '..' }), false],
    ['the id "..."', () => ({ ...valid, id: `...${++n}` }), true],
    ['an id of 65 characters', () => ({ ...valid, id: 'x'.repeat(65) }), false],
    ['config fields beyond model and datasets', () => ({ ...fresh(), config: { ...valid.config, learning_rate: 0.001, schedule: { warmup: 10 } } }), true],
  ])('with %s: the spec and the mock agree', async (_case, make, allowed) => {
    const body = make();
    expect(specAllows(body), JSON.stringify(specAllows.errors)).toBe(allowed);
    // mockAllows checks the answer itself: a 400 invalid_body creating nothing, or a 200 creating one job.
    expect(await mockAllows(body)).toBe(allowed);
  });
});

/** Whether the client's own check lets `body` be sent; an error other than ValidationError fails the test. */
function clientAllows(body: unknown): boolean {
  try {
    checkedRequest(SURFACE.createJob, {}, body);
    return true;
  } catch (error) {
    if (error instanceof ValidationError) return false;
    throw error;
  }
}

/**
 * Whether the mock takes `body`: 200 (a job is created) or, for an id some earlier body took, 409 (every check passed
 * and the store found the id taken); false for a 400 `invalid_body`. Any other answer fails the test.
 */
async function mockAllows(body: unknown): Promise<boolean> {
  const id = (body as { id?: unknown } | null)?.id;
  const taken = typeof id === 'string' && mock.job(id) !== undefined;
  const createdBefore = mock.created();
  const response = await fetch(`${mock.url}/fine-tune/jobs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { errors?: { code: string }[] };
  if (response.status === 400) {
    expect(answer.errors?.[0]?.code).toBe('invalid_body');
    expect(mock.created()).toBe(createdBefore);
    return false;
  }
  expect(response.status).toBe(taken ? 409 : 200);
  expect(mock.created()).toBe(createdBefore + (taken ? 0 : 1));
  return true;
}

/**
 * Generated create bodies near the edges the spec draws. Each field is mostly well-formed and sometimes not (empty,
 * missing, of another type, an id at or past a limit), so that about a third of the bodies are valid (and some ids repeat, for the 409 path) and the rest
 * break one rule or a few.
 */
const bodies = (() => {
  // Left out of the JSON, as a field the caller did not set.
  const absent = fc.constant(undefined);
  const text = fc.string({ unit: 'binary', maxLength: 12 });
  const someText = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 });
  const notAString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}));
  const mostly = <T, U>(good: fc.Arbitrary<T>, ...bad: fc.Arbitrary<U>[]) => fc.oneof({ weight: 6 * bad.length, arbitrary: good }, ...bad);
  const ids = fc.oneof(
    { weight: 4, arbitrary: absent },
    fc.constantFrom('.', '..', '...', '....', '', ' ', '/', '?#', '%2e', '.a', 'x'.repeat(64), 'x'.repeat(65), '🙂'.repeat(64), '🙂'.repeat(65), '👩‍💻', 'e\u0301'),
    // 62 to 66 code points, some of them two UTF-16 units: the spec counts code points, not units.
    fc.array(fc.constantFrom('x', '🙂', '.'), { minLength: 62, maxLength: 66 }).map((chars) => chars.join('')),
    // Any code point but half a surrogate pair: a lone surrogate is the one known disagreement, pinned below.
    fc.string({ unit: 'binary', minLength: 1, maxLength: 70 }),
    notAString,
  );
  const dataset = mostly(
    fc.record({ name: text, split: fc.constantFrom('train', 'eval', ''), file_ids: fc.array(text, { maxLength: 2 }) }),
    fc.record({ name: mostly(text, notAString, absent), split: mostly(text, notAString, absent), file_ids: mostly(fc.array(mostly(text, notAString), { maxLength: 2 }), notAString, absent) }),
    notAString,
  );
  // Fields beyond the ones the spec names, which it allows (in the body, the config and each dataset alike).
  const extras = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
  const withExtras = <T extends object>(fields: fc.Arbitrary<T>) => fc.tuple(extras, fields).map(([more, named]) => ({ ...more, ...named }));
  const config = mostly(
    withExtras(fc.record({ model: mostly(someText, fc.constant(''), notAString, absent), datasets: mostly(fc.array(dataset, { maxLength: 3 }), notAString, absent) })),
    notAString,
    absent,
  );
  const body = withExtras(fc.record({ name: mostly(someText, fc.constant(''), notAString, absent), id: ids, config }));
  // As the wire carries it: the three judge the JSON a client would send.
  return mostly(body, notAString).map((value) => JSON.parse(JSON.stringify(value)) as unknown);
})();

describe('generated create bodies (fast-check)', () => {
  it('get one verdict from the spec, the mock and the client', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const spec = specAllows(body);
        expect({ body, mock: await mockAllows(body), client: clientAllows(body) }).toEqual({ body, mock: spec, client: spec });
      }),
      // FC_RUNS=5000 for a longer hunt.
      { numRuns: Number(process.env.FC_RUNS ?? 200) },
    );
  });
});

describe('a create body whose id holds a lone UTF-16 surrogate', () => {
  // The client and the mock refuse it by the same rule (src/operations/request-rules.ts): JSON text cannot carry it
  // interoperably (RFC 8259, 8.2) and no URL can (encodeURIComponent throws, and its UTF-8 bytes %ED%A0%80 are no
  // valid percent-encoding), so a job created with it could never be reached. Ajv's reading of the spec's JobId
  // (a string of 1 to 64 code points) allows it: the one place where the two are stricter than the schema.
  it.each(['\ud800', 'a\udc00b', '\ud83d'])('%j: the client and the mock refuse it, naming the field', async (id) => {
    const body = { ...valid, id };
    expect(specAllows(body)).toBe(true);
    expect(clientAllows(body)).toBe(false);
    expect(await mockAllows(body)).toBe(false);
    expect(() => checkedRequest(SURFACE.createJob, {}, body)).toThrow(/^body\.id contains a lone UTF-16 surrogate/);
    expect(() => checkedRequest(SURFACE.getJob, { job_id: id }, undefined)).toThrow(/^jobId contains a lone UTF-16 surrogate/);
  });
});
