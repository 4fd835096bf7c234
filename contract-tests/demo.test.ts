// `make demo`, the README's first command: the demo runs offline against its own Prism and shows each step and
// the typed 409, then stops its mock again.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('the demo', () => {
  it('creates, stops and cancels a job, then shows the typed 409 of cancelling it again', async () => {
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(`${ROOT}node_modules/.bin/tsx`, ['examples/demo.ts'], { cwd: ROOT, timeout: 60_000 }, (error, out) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out });
      });
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/== create: ftj-my-finetune-run-3de60a5c is REGISTERED/);
    expect(stdout).toMatch(/== stop \(graceful: the latest checkpoint is kept\): \S+ is STOPPING/);
    expect(stdout).toMatch(/== cancel \(immediate: nothing is finalized\): \S+ is CANCELLED/);
    expect(stdout).toContain('ConflictError: 409 job_already_terminal');
  });
});
