// The validator generator on a spec edited the way a maintainer might: a property whose name is also an annotation
// keyword (`description`, `title`) is still checked, while the annotations themselves are left out of the code.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { SEED_STOP_RESPONSE } from '../test-support/fixtures.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'atai-validators-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('checks properties named like annotations, and writes no annotation into the code', async () => {
  const spec = parse(readFileSync(join(ROOT, 'openapi/fine-tune.yaml'), 'utf8')) as { components: { schemas: { Job: { properties: Record<string, unknown>; required: string[] } } } };
  spec.components.schemas.Job.properties.description = { type: 'string', description: 'A note about the job.' };
  spec.components.schemas.Job.properties.title = { type: 'string', example: 'SECRET-EXAMPLE-TEXT' };
  writeFileSync(join(work, 'spec.yaml'), stringify(spec));
  await run(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'openapi/generate-validators.ts'), join(work, 'spec.yaml'), join(work, 'validators.ts')], { cwd: ROOT });
  const code = readFileSync(join(work, 'validators.ts'), 'utf8');
  expect(code).not.toContain('SECRET-EXAMPLE-TEXT');
  expect(code).not.toContain('A note about the job.');
  expect(code).not.toMatch(/^import |\brequire\(/m);
  const { VALIDATORS } = (await import(pathToFileURL(join(work, 'validators.ts')).href)) as typeof import('../generated/validators.js');
  const job = SEED_STOP_RESPONSE;
  const validate = VALIDATORS.Job;
  expect(validate?.({ ...job, description: 'fine', title: 'fine' })).toBe(true);
  expect(validate?.({ ...job, description: 12_345 })).toBe(false);
  expect(validate?.errors?.map((e) => [e.instancePath, e.keyword])).toEqual([['/description', 'type']]);
});
