// Every code sample of the docs (docs/samples/) run as a reader would run it, against Prism serving the spec: the
// curl line in bash, the TypeScript program with tsx (tsconfig's `paths` resolves `atai-finetune` to the source;
// contract-tests/package.test.ts runs the built package), the atai-ft line with the built CLI. What
// each prints is checked against the spec's own example answer, so a sample that no longer matches the spec fails.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { OPERATIONS, type OperationId } from '../generated/facts.js';
import { SURFACE } from '../generated/surface.js';
import { SAMPLE_KINDS, sampleOf, straySamples, type SampleSuffix } from '../openapi/samples.js';
import type { Job, JobMetrics } from '../src/index.js';
import { defaultAnswer, TEST_KEY } from './helpers.js';
import { CLI_BIN } from '../test-support/cli-bin.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SAMPLES = join(ROOT, 'docs/samples');
const CLI = CLI_BIN;
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
// `atai-ft` on the PATH, as an installed package puts it there: the built CLI.
const bin = mkdtempSync(join(tmpdir(), 'atai-samples-'));
writeFileSync(join(bin, 'atai-ft'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
chmodSync(join(bin, 'atai-ft'), 0o755);
afterAll(() => rmSync(bin, { recursive: true, force: true }));

/** Runs a command with the reader's environment: the mock's URL and a key, and `atai-ft` on the PATH. */
function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: `${bin}:${process.env.PATH ?? ''}`, ATAI_BASE_URL: inject('prismUrl'), ATAI_API_KEY: TEST_KEY };
  return new Promise((resolve) => {
    execFile(command, args, { cwd: ROOT, env }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

/** What a hand-written sample prints for the example answer, line by line, in the samples' own words (by its schema). */
function linesFor(operationId: OperationId, answer: unknown): string[] {
  const { schema, array } = SURFACE[operationId].response as { schema: string | null; array: boolean };
  if (schema === 'Job' && array) return (answer as Job[]).map((job) => `${job.id} ${job.status}`);
  if (schema === 'JobMetrics') {
    const { last_checkpoint_step, metrics } = answer as JobMetrics;
    return [`checkpoint ${String(last_checkpoint_step)}`, ...metrics.map((point) => `${String(point.step)} ${String(point.loss)}`)];
  }
  const job = answer as Job;
  return [`${job.id} ${job.status}`];
}

// Generated samples are written under the project (so that tsx resolves `atai-finetune` by tsconfig's `paths`).
mkdirSync(join(ROOT, 'build'), { recursive: true });
const GENERATED = mkdtempSync(join(ROOT, 'build', 'samples-'));
afterAll(() => rmSync(GENERATED, { recursive: true, force: true }));

describe.each(OPERATIONS.map((op) => ({ ...op, answer: defaultAnswer(op.path, op.method) })))('$operationId', ({ operationId, answer }) => {
  /** The sample's file: the hand-written one, or the generated one written out. */
  const sample = (suffix: SampleSuffix) => {
    const { handWritten, source } = sampleOf(SAMPLES, operationId, suffix);
    if (handWritten) return { file: join(SAMPLES, `${operationId}${suffix}`), handWritten };
    const file = join(GENERATED, `${operationId}${suffix}`);
    writeFileSync(file, `${source}\n`);
    return { file, handWritten };
  };

  it('the curl sample prints the answer the spec gives as its example', async () => {
    const { code, stdout, stderr } = await run('bash', [sample('.curl.sh').file]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual(answer);
  });

  it('the TypeScript sample runs (tsx compiles it; npm run typecheck checks the hand-written ones) and prints what the example answer holds', async () => {
    const { file, handWritten } = sample('.ts');
    const { code, stdout, stderr } = await run(process.execPath, [TSX, file]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    // A generated sample prints the answer as JSON; a hand-written one in its own words.
    if (handWritten) expect(stdout.trimEnd().split('\n')).toEqual(linesFor(operationId, answer));
    else expect(JSON.parse(stdout)).toEqual(answer);
  });

  it('the atai-ft sample shows the example answer', async () => {
    const { file, handWritten } = sample('.atai-ft.sh');
    const { code, stdout, stderr } = await run('bash', [file]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    if (handWritten) for (const line of linesFor(operationId, answer)) for (const word of line.split(' ')) expect(stdout).toContain(word);
    else expect(JSON.parse(stdout)).toEqual(answer);
  });
});

describe('the samples folder', () => {
  it('holds samples only of operations of the spec (one it lacks gets a generated sample)', () => {
    expect(straySamples(SAMPLES)).toEqual([]);
  });

  it('each sample is in the built API reference, as it is in its file or as generated', () => {
    const built = parse(readFileSync(join(ROOT, 'build/docs-src/openapi.yaml'), 'utf8')) as { paths: Record<string, Record<string, { operationId: string; 'x-codeSamples': { label: string; source: string }[] }>> };
    for (const op of OPERATIONS) {
      const samples = built.paths[op.path]?.[op.method.toLowerCase()]?.['x-codeSamples'] ?? [];
      expect(samples.map((s) => s.label)).toEqual(['curl', 'TypeScript', 'atai-ft']);
      expect(samples.map((s) => s.source)).toEqual(SAMPLE_KINDS.map(({ suffix }) => sampleOf(SAMPLES, op.operationId, suffix).source));
    }
  });
});
