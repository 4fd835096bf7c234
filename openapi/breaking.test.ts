// `make breaking`: real edits of the spec, each rated against the spec it was made to (a copy of the working tree's,
// BASE_SPEC), so that a breaking change being prepared in the working tree does not change the verdicts. Removing a
// field users read is breaking; a new optional field or parameter is not (and is named); a new status breaks users'
// exhaustive switches.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SPEC = readFileSync(join(ROOT, 'openapi/fine-tune.yaml'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'atai-breaking-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const BASE_SPEC = join(work, 'base.yaml');
writeFileSync(BASE_SPEC, SPEC);

/** Runs `make breaking` on `spec` against the unedited spec; resolves to its exit code and what it printed. */
function breaking(name: string, spec: string): Promise<{ code: number; out: string }> {
  const file = join(work, `${name}.yaml`);
  writeFileSync(file, spec);
  return new Promise((resolve) => {
    execFile('make', ['-s', 'breaking', `BASE_SPEC=${BASE_SPEC}`, `REVISION=${file}`], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr });
    });
  });
}

/** The spec with one edit, failing loudly if the text to edit is gone. */
function edited(from: string, to: string): string {
  if (!SPEC.includes(from)) throw new Error(`the spec no longer contains ${JSON.stringify(from)}`);
  return SPEC.replace(from, to);
}

describe('make breaking', () => {
  it('rates removing a response field users read as breaking, naming it, and exits non-zero', async () => {
    const block = /\n {8}inference_config_path:\n(?: {10}.*\n)+/.exec(SPEC)?.[0];
    expect(block).toBeDefined();
    const spec = edited(block as string, '\n').replace(/(required: \[[^\]]*), inference_config_path\]/, '$1]');
    const { code, out } = await breaking('removed-field', spec);
    expect(code).not.toBe(0);
    expect(out).toMatch(/major/);
    expect(out).toContain('inference_config_path');
  });

  it('rates a new optional response field as not breaking and exits 0', async () => {
    const withField = SPEC.replace(/( {4}Job:\n(?:.*\n)*? {6}properties:\n)/, '$1        priority:\n          type: integer\n          description: Scheduling priority.\n');
    expect(withField).not.toBe(SPEC);
    const { code, out } = await breaking('added-field', withField);
    expect(code).toBe(0);
    expect(out).toMatch(/minor\s+added\s+\S*priority/);
  });

  it('rates a new optional query parameter as not breaking, naming it rather than its place', async () => {
    const spec = edited(
      '          example: [RUNNING, STARTING]\n',
      '          example: [RUNNING, STARTING]\n        - name: order\n          in: query\n          description: Oldest or newest first.\n          schema:\n            type: string\n            enum: [asc, desc]\n',
    );
    const { code, out } = await breaking('new-parameter', spec);
    expect(code).toBe(0);
    expect(out).toMatch(/minor\s+added\s+parameters\/\d+ \(query order\)/);
  });

  it('rates a new status as breaking (an exhaustive switch no longer covers it)', async () => {
    const { code, out } = await breaking('new-status', edited('        - FAILED\n      example: RUNNING', '        - FAILED\n        - PAUSED\n      example: RUNNING'));
    expect(code).not.toBe(0);
    expect(out).toContain("gained values: 'PAUSED'");
  });
});
