// The built `atai-ft` binary on a real pseudo-terminal and under real signals: the cancel prompt, Ctrl-C, and the
// live status line, as a person at a terminal meets them.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliStack, type CliStack } from './cli-helpers.js';
import { TEST_KEY } from './helpers.js';

let cli: CliStack;
beforeAll(async () => {
  cli = await startCliStack();
});
afterAll(() => cli.stop());
const createJob = () => cli.createJob();
const running = () => cli.running();

describe('on a terminal', () => {
  it('cancel on a terminal asks first, and a "no" cancels nothing', async () => {
    const job = await createJob();
    const run = await cli.onTerminal(`${process.execPath} ${cli.path} jobs cancel ${job.id}`, (out, keys) => {
      if (out.includes('[y/N]')) keys('n\n');
    });
    expect(run.stdout).toContain(`Cancel 1 job (${job.id}) now? Nothing is finalized (use 'stop' to keep the latest checkpoint). [y/N]`);
    expect(run.stdout).toContain('Not cancelled.');
    expect(run.code).toBe(1);
    expect(cli.mock.job(job.id)?.status).not.toBe('CANCELLED');
  });

  it('cancel --json piped into cat still asks: stdin and stderr are the terminal (issue 10, point 14)', async () => {
    const job = await createJob();
    const run = await cli.onTerminal(`${process.execPath} ${cli.path} jobs cancel ${job.id} --json | cat`, (out, keys) => {
      if (out.includes('[y/N]')) keys('n\n');
    });
    expect(run.stdout).toContain(`Cancel 1 job (${job.id}) now?`);
    expect(run.stdout).toContain('Not cancelled.');
    expect(cli.mock.job(job.id)?.status).not.toBe('CANCELLED');
  });

  it('Ctrl-C at the cancel prompt: "aborted, nothing cancelled", exit 3 (issue 10, point 15)', async () => {
    const job = await createJob();
    const run = await cli.onTerminal(`${process.execPath} ${cli.path} jobs cancel ${job.id}`, (out, keys) => {
      if (out.includes('[y/N]')) keys('\x03');
    });
    // The error line starts a line of its own (readline may add a cursor move before ending the prompt's line).
    expect(run.stdout).toMatch(/\[y\/N\] [^\n]*\natai-ft: error: aborted, nothing cancelled\.\r\n$/);
    expect(run.code).toBe(3);
    expect(cli.mock.job(job.id)?.status).not.toBe('CANCELLED');
  });

  it('jobs wait on a terminal ends its status line before the record (issue 10, point 15)', async () => {
    const job = await createJob();
    cli.mock.setStatus(job.id, 'COMPLETED');
    const run = await cli.onTerminal(`${process.execPath} ${cli.path} jobs wait ${job.id}`, () => undefined);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`\\x1b\\[2K${job.id}: COMPLETED\\r\\nid +${job.id}\\r\\n`));
  });

  it('Ctrl-C (SIGINT) during jobs wait: the status seen last, exit 3 (issue 10, point 15)', async () => {
    const job = await running();
    const child = spawn(process.execPath, [cli.path, 'jobs', 'wait', job.id, '--interval', '0.05'], {
      env: { PATH: process.env.PATH, ATAI_BASE_URL: cli.mock.url, ATAI_API_KEY: TEST_KEY },
    });
    let stderr = '';
    let interrupted = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // One Ctrl-C, once RUNNING shows: a second one arriving while the process exits would kill it by signal.
      if (stderr.includes('RUNNING\n') && !interrupted) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(3);
    expect(stderr).toBe(`${job.id}: RUNNING\natai-ft: error: interrupted while waiting for ${job.id}, last seen RUNNING; the job goes on ('atai-ft jobs get ${job.id}' shows it).\n`);
  });});
