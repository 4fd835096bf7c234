// The surface generator on specs edited the way a maintainer might: what the request rules cannot carry fails
// generation, naming it, instead of a client and mock that silently accept what the spec refuses; a documented
// success without JSON makes a method that resolves to nothing.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'atai-surface-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Spec = { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, Record<string, unknown>> } };
const original = () => parse(readFileSync(join(ROOT, 'openapi/fine-tune.yaml'), 'utf8')) as Spec;

/** Runs the generator on `spec`; resolves to its exit code, its stderr and the methods file it wrote. */
function generate(name: string, spec: Spec): Promise<{ code: number; stderr: string; methods: string; docs: string }> {
  const dir = mkdtempSync(join(work, `${name}-`));
  writeFileSync(join(dir, 'spec.yaml'), stringify(spec));
  const args = [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'openapi/generate-surface.ts'), join(dir, 'spec.yaml'), join(dir, 'surface.ts'), join(dir, 'methods.ts')];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT }, (error, _stdout, stderr) => {
      // Not written when the generator failed first.
      const read = (file: string) => {
        try {
          return readFileSync(join(dir, file), 'utf8');
        } catch {
          return '';
        }
      };
      resolve({ code: error ? Number(error.code ?? 1) : 0, stderr, methods: read('methods.ts'), docs: read('operation-docs.ts') });
    });
  });
}

describe('generate-surface', () => {
  it.each([
    ['a pattern on JobId', (spec: Spec) => Object.assign(spec.components.schemas.JobId ?? {}, { pattern: '^ftj-' }), /JobId uses pattern/],
    ['uniqueItems on a dataset list', (spec: Spec) => Object.assign(((spec.components.schemas.JobConfig?.properties ?? {}) as Record<string, object>).datasets ?? {}, { uniqueItems: true }), /datasets uses uniqueItems/],
    ['additionalProperties: false on the create body', (spec: Spec) => Object.assign(spec.components.schemas.CreateJobRequest ?? {}, { additionalProperties: false }), /uses additionalProperties/],
  ])('fails on %s, naming the keyword the rules do not check', async (_case, edit, message) => {
    const spec = original();
    edit(spec);
    const { code, stderr } = await generate('keyword', spec);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('request rules');
  });

  it('fails on a path parameter no method argument can be named after', async () => {
    const spec = original();
    const item = spec.paths['/fine-tune/jobs/{job_id}'] ?? {};
    delete spec.paths['/fine-tune/jobs/{job_id}'];
    spec.paths['/fine-tune/jobs/{job-id}'] = { ...item, parameters: [{ name: 'job-id', in: 'path', required: true, description: 'The id.', schema: { type: 'string' } }] };
    const { code, stderr } = await generate('param', spec);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/path parameter \{job-id\} is not a name/);
  });

  it('makes a method that resolves to nothing for a success without JSON', async () => {
    const spec = original();
    const get = (spec.paths['/fine-tune/jobs/{job_id}'] ?? {}).get as { responses: Record<string, unknown> };
    delete get.responses['200'];
    get.responses['204'] = { description: 'Nothing to say.' };
    const { code, methods } = await generate('no-content', spec);
    expect(code).toBe(0);
    expect(methods).toContain('get(jobId: string, options?: RequestOptions): Promise<void>;');
  });

  it('takes an answer\'s example from a media type\'s `example` as well as its `examples` (what the mock answers)', async () => {
    const spec = original();
    const get = (spec.paths['/fine-tune/jobs/{job_id}'] ?? {}).get as { responses: Record<string, { content: Record<string, Record<string, unknown>> }> };
    const media = get.responses['200']?.content['application/json'] ?? {};
    delete media.examples;
    media.example = { id: 'ftj-from-example', status: 'RUNNING' };
    const { code, docs } = await generate('single-example', spec);
    expect(code).toBe(0);
    expect(docs).toMatch(/getJob: \{[^\n]*"example":\{"id":"ftj-from-example","status":"RUNNING"\}/);
  });
});
