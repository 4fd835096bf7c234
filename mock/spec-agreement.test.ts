// The mock and the spec read a create body the same way: each body of the table is checked against the spec's
// CreateJobRequest (Ajv, JSON Schema 2020-12, the dialect of OpenAPI 3.1) and sent to the mock, and both must give
// the verdict the table states. An app tested against the mock then meets no body the service would refuse.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
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

describe('a create body', () => {
  const specAllows = createBodySchema();

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
    const createdBefore = mock.created();
    const response = await fetch(`${mock.url}/fine-tune/jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as { errors?: { code: string }[] };
    if (allowed) {
      expect(response.status).toBe(200);
      expect(mock.created()).toBe(createdBefore + 1);
    } else {
      expect(response.status).toBe(400);
      expect(answer.errors?.[0]?.code).toBe('invalid_body');
      expect(mock.created()).toBe(createdBefore);
    }
  });
});
