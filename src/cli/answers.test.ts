// `run()` in-process against servers that answer what the spec does not promise: odd statuses, missing fields,
// free-form metrics, statuses from the future. What a user sees must stay readable and safe.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SEED_STOP_RESPONSE as SEED_JOB } from '../../test-support/fixtures.js';
import { run } from './run.js';

const API_KEY = 'answers-test-key-0123456789';

/** Runs `atai-ft argv` in-process against `url` and returns what it printed. */
async function atai(argv: string[], url: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    env: { ATAI_BASE_URL: url, ATAI_API_KEY: API_KEY },
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    stdin: new PassThrough(),
  });
  expect(stdout + stderr).not.toContain(API_KEY);
  return { code, stdout, stderr };
}

describe('odd answers a server may give', () => {
  /** A server that answers every request with this JSON, for as long as `body` runs. */
  async function answering(payload: unknown, body: (url: string) => Promise<void>): Promise<void> {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await body(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it('a status named after an Object method is shown as text, never as an escape sequence', async () => {
    await answering([{ id: 'ftj-a', status: 'toString', name: 'n', config: { model: 'm', datasets: [] }, updated_at: 'u' }], async (url) => {
      const result = await atai(['jobs', 'list'], url);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('ftj-a  toString');
      expect(result.stdout).not.toContain('\x1b');
    });
  });

  it('metric records of other keys are named under the table, not shown as nothing logged', async () => {
    await answering({ last_checkpoint_step: null, metrics: [{ epoch: 1, train_loss: 0.5 }] }, async (url) => {
      const result = await atai(['jobs', 'metrics', 'ftj-a'], url);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^- +- +- +- +-$/m);
      expect(result.stdout).toContain('other keys: epoch, train_loss (see --json)');
    });
  });

  it('a status the spec does not know yet is printed as it came', async () => {
    await answering({ ...SEED_JOB, status: 'PAUSED' }, async (url) => {
      const result = await atai(['jobs', 'get', 'ftj-a'], url);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^status +PAUSED$/m);
    });
  });

  it('a job with only an id and a status is shown with - for what it lacks, not a crash', async () => {
    await answering({ id: 'ftj-a', status: 'RUNNING' }, async (url) => {
      const result = await atai(['jobs', 'get', 'ftj-a'], url);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^model +-$/m);
      expect(result.stdout).toMatch(/^name +-$/m);
    });
  });
});
