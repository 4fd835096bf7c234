// The spec's own lint rules (redocly.yaml), tried on real edits: what `make lint` tells a maintainer.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SPEC = readFileSync(join(ROOT, 'openapi/fine-tune.yaml'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'atai-lint-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function lint(spec: string): Promise<{ code: number; out: string }> {
  const file = join(work, 'spec.yaml');
  writeFileSync(file, spec);
  return new Promise((resolve) => {
    execFile(join(ROOT, 'node_modules/.bin/redocly'), ['lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format=stylish'], { cwd: ROOT, env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr });
    });
  });
}

describe('redocly.yaml', () => {
  it('refuses an object schema that says nothing of what it holds, naming the rule', async () => {
    const marker = '    Dataset:\n';
    expect(SPEC).toContain(marker);
    const spec = SPEC.replace(marker, '    Opaque:\n      type: object\n      description: Says nothing of its fields.\n' + marker);
    const line = spec.split('\n').indexOf('    Opaque:') + 1;
    const { code, out } = await lint(spec);
    expect(code).not.toBe(0);
    // The finding points at the new schema and names the rule.
    expect(out).toMatch(new RegExp(`\\b${line}:5\\s+error\\s+rule/object-schema-says-what-it-holds`));
  });

  it('still checks error examples: an envelope of the wrong shape is not taken for an unknown body', async () => {
    const marker = 'code: job_not_found';
    expect(SPEC).toContain(marker);
    const { code, out } = await lint(SPEC.replace(marker, 'code: 404'));
    expect(code).not.toBe(0);
    expect(out).toContain('no-invalid-media-type-examples');
  });

  it('passes the spec as it is', async () => {
    expect((await lint(SPEC)).code).toBe(0);
  });
});
