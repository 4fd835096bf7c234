// What a person at a terminal sees: the cancel prompt, Ctrl-C, the live status line, and text from the server that
// must not drive their terminal. run() in-process against the stateful mock, with fake streams that say whether
// they are terminals and an abort signal standing in for Ctrl-C; the real pseudo-terminal and the real SIGINT are
// in contract-tests/cli.test.ts.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStatefulMock, type StatefulMock } from '../../mock/index.js';
import type { Job } from '../types.js';
import { run } from './run.js';

let mock: StatefulMock;
beforeAll(async () => {
  mock = await startStatefulMock({ port: 0 });
});
afterAll(() => mock.stop());

interface Session {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved, as a terminal shows them. */
  screen: string;
}

interface Keys {
  type(text: string): void;
  /** Ctrl-C: what main.ts turns SIGINT into. */
  interrupt(): void;
}

async function atai(argv: string[], tty: { stdin?: boolean; stdout?: boolean; stderr?: boolean } = {}, onStderr?: (stderr: string, keys: Keys) => void): Promise<Session> {
  const stdin = Object.assign(new PassThrough(), { isTTY: tty.stdin });
  const controller = new AbortController();
  // Keys are pressed after the write that prompted them has returned, as a person would.
  const keys: Keys = { type: (text) => setImmediate(() => stdin.write(text)), interrupt: () => setImmediate(() => controller.abort()) };
  const s = { stdout: '', stderr: '', screen: '' };
  const code = await run(argv, {
    env: { ATAI_BASE_URL: mock.url, ATAI_API_KEY: mock.apiKey, NO_COLOR: '1' },
    stdout: { isTTY: tty.stdout, write: (text: string) => ((s.stdout += text), (s.screen += text)) },
    stderr: { isTTY: tty.stderr, write: (text: string) => ((s.stderr += text), (s.screen += text), onStderr?.(s.stderr, keys)) },
    stdin,
    signal: controller.signal,
  });
  return { code, ...s };
}

let n = 0;
async function create(name = 'terminal-test'): Promise<Job> {
  const result = await atai(['jobs', 'create', '--name', name, '--model', 'Newton::m', '--train', 'file-abc123', '--id', `ftj-term-${++n}`, '--json']);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(result.stdout) as Job;
}

const answer = (text: string) => (stderr: string, keys: Keys) => {
  if (stderr.endsWith('[y/N] ')) keys.type(text);
};

describe('the cancel prompt (issue 10, point 14)', () => {
  it('jobs cancel ID --json | cat: stdin and stderr are terminals, so it asks on stderr, and "n" cancels nothing', async () => {
    const job = await create();
    const s = await atai(['jobs', 'cancel', job.id, '--json'], { stdin: true, stderr: true }, answer('n\n'));
    expect(s.stderr).toContain(`Cancel 1 job (${job.id}) now? Nothing is finalized (use 'stop' to keep the latest checkpoint). [y/N] `);
    expect(s.stderr).toMatch(/Not cancelled\.\n$/);
    expect(s).toMatchObject({ code: 1, stdout: '' });
    expect(mock.job(job.id)?.status).not.toBe('CANCELLED');
  });

  it('"y" cancels, and the piped stdout gets only the JSON', async () => {
    const job = await create();
    const s = await atai(['jobs', 'cancel', job.id, '--json'], { stdin: true, stderr: true }, answer('y\n'));
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({ id: job.id, status: 'CANCELLED' });
  });

  it('names up to three jobs, then how many more', async () => {
    const ids = ['ftj-a', 'ftj-b', 'ftj-c', 'ftj-d', 'ftj-e'];
    const s = await atai(['jobs', 'cancel', ...ids], { stdin: true, stdout: true, stderr: true }, answer('no\n'));
    expect(s.stderr).toContain('Cancel 5 jobs (ftj-a, ftj-b, ftj-c and 2 more) now? ');
    expect(s.code).toBe(1);
  });
});

describe('Ctrl-C and the live status line (issue 10, point 15)', () => {
  it('jobs wait on a terminal ends its status line before printing the record', async () => {
    const job = await create();
    mock.setStatus(job.id, 'COMPLETED');
    const s = await atai(['jobs', 'wait', job.id], { stdout: true, stderr: true });
    expect(s.code).toBe(0);
    expect(s.screen).toMatch(new RegExp(`^\\r\\x1b\\[2K${job.id}: COMPLETED\\nid +${job.id}\\n`));
  });

  it('Ctrl-C during jobs wait ends the status line, says what was last seen and exits 3', async () => {
    const job = await create();
    mock.setStatus(job.id, 'RUNNING');
    const s = await atai(['jobs', 'wait', job.id, '--interval', '0.05'], { stderr: true }, (stderr, keys) => {
      if (stderr.endsWith('RUNNING')) keys.interrupt();
    });
    expect(s).toEqual({
      code: 3,
      stdout: '',
      stderr: `\r\x1b[2K${job.id}: RUNNING\natai-ft: error: interrupted while waiting for ${job.id}, last seen RUNNING; the job goes on ('atai-ft jobs get ${job.id}' shows it).\n`,
      screen: expect.any(String) as unknown,
    });
  });

  it('Ctrl-C during stop --wait: the stop was sent; exit 3 naming the job and its last status', async () => {
    const job = await create();
    mock.setStatus(job.id, 'RUNNING');
    const s = await atai(['jobs', 'stop', job.id, '--wait', '--interval', '0.05'], {}, (stderr, keys) => {
      if (stderr.endsWith('STOPPING\n')) keys.interrupt();
    });
    expect(s.code).toBe(3);
    expect(s.stderr).toBe(`${job.id}: STOPPING\natai-ft: error: interrupted while waiting for ${job.id}, last seen STOPPING; the job goes on ('atai-ft jobs get ${job.id}' shows it).\n`);
  });

  it('Ctrl-C at the cancel prompt: "aborted, nothing cancelled", exit 3', async () => {
    const job = await create();
    const s = await atai(['jobs', 'cancel', job.id], { stdin: true, stdout: true, stderr: true }, (stderr, keys) => {
      if (stderr.endsWith('[y/N] ')) keys.interrupt();
    });
    expect(s.code).toBe(3);
    // The prompt's line is ended before the error line, which is the last.
    expect(s.stderr).toMatch(/\[y\/N\] \r?\natai-ft: error: aborted, nothing cancelled\.\n$/);
    expect(mock.job(job.id)?.status).not.toBe('CANCELLED');
  });
});

// Only newlines may remain: every other control character would be the server's, printed raw.
// eslint-disable-next-line no-control-regex -- the pattern is about control characters
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;
const HOSTILE = '\x1b]0;pwned\x07\x1b[2J\nx';
const SHOWN = '\\x1b]0;pwned\\x07\\x1b[2J\\nx';

describe('text from the server cannot drive the terminal (issue 10, point 16)', () => {
  it('a job name with escapes is shown escaped by get, list and the status line; --json keeps it exactly', async () => {
    const job = await create(`run${HOSTILE}`);
    const get = await atai(['jobs', 'get', job.id], { stdout: true });
    expect(get.stdout).toMatch(new RegExp(`\\nname +run${SHOWN.replace(/[\\[\]]/g, '\\$&')}\\n`));
    expect(get.stdout).not.toMatch(CONTROL);
    const list = await atai(['jobs', 'list', '--status', 'REGISTERED,STARTING,RUNNING'], { stdout: true });
    expect(list.stdout).toContain(`run${SHOWN}`);
    expect(list.stdout).not.toMatch(CONTROL);
    const json = await atai(['jobs', 'get', job.id, '--json'], { stdout: true });
    expect((JSON.parse(json.stdout) as Job).name).toBe(`run${HOSTILE}`);
  });

  it('an error message echoing escapes is one line with them escaped, for one job and per job', async () => {
    const id = 'ftj-\x1b]0;pwned\x07\x1b[2J';
    const get = await atai(['jobs', 'get', id]);
    expect(get.code).toBe(1);
    expect(get.stderr).toMatch(/^atai-ft: error: 404 job_not_found: No fine-tune job with id ftj-\\x1b\]0;pwned\\x07\\x1b\[2J\. /);
    expect(get.stderr.slice(0, -1)).not.toMatch(/[\x00-\x1f\x7f-\x9f]/); // eslint-disable-line no-control-regex -- control characters
    const stop = await atai(['jobs', 'stop', id, 'ftj-nobody']);
    expect(stop.stderr).toMatch(/^atai-ft: error: ftj-\\x1b\]0;pwned\\x07\\x1b\[2J: 404 job_not_found: No fine-tune job with id ftj-\\x1b/);
    expect(stop.stderr).not.toMatch(CONTROL);
  });
});
