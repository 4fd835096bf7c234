// The CLI's messages speak CLI (flags, environment variables, commands), not the library's option names, and
// every error line has the same prefix. run() in-process against the stateful mock.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStatefulMock, type StatefulMock } from '../../mock/index.js';
import type { Job } from '../types.js';
import { run } from './run.js';
import { errorLine } from './messages.js';
import { AuthenticationError, MissingApiKeyError } from '../errors/index.js';

let mock: StatefulMock;
beforeAll(async () => {
  mock = await startStatefulMock({ port: 0 });
});
afterAll(() => mock.stop());

async function atai(argv: string[], env: NodeJS.ProcessEnv = { ATAI_BASE_URL: mock.url, ATAI_API_KEY: mock.apiKey }): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    env,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: new PassThrough(),
  });
  return { code, stdout, stderr };
}

const usage = (message: string) => ({ code: 2, stdout: '', stderr: `atai-ft: error: ${message}. See 'atai-ft --help'.\n` });

describe('flags are checked by the CLI and named as typed (issue 10, point 17)', () => {
  it.each([
    [['jobs', 'list', '--timeout', '0.0001'], "--timeout must be at least 0.001 seconds, got '0.0001'"],
    [['jobs', 'wait', 'ftj-x', '--interval', '0.0004'], "--interval must be at least 0.001 seconds, got '0.0004'"],
    [['jobs', 'wait', 'ftj-x', '--timeout', '3000000'], "--timeout must be at most 2147483 seconds (24 days), got '3000000'"],
    [['jobs', 'list', '--offset', '-1'], "--offset must be a whole number >= 0 (number of items to skip before the first one returned), got '-1'"],
    [['jobs', 'list', '--limit', '-2'], "--limit must be a whole number >= -1 (maximum number of items to return; `-1` (the default) returns all), got '-2'"],
    [['jobs', 'list', '--limit', '99999999999999999999999'], "--limit is too large, got '99999999999999999999999'"],
    [['jobs', 'list', '--max-retries', '-1'], "--max-retries must be a whole number >= 0, got '-1'"],
    [['mock', '--port', '70000'], "--port must be a whole number from 0 to 65535, got '70000'"],
    [['jobs', 'get', 'ftj-x', '--limit', '5'], 'jobs get does not take --limit'],
    // The hand-written commands too: each takes the global flags and those its usage line names.
    [['jobs', 'stop', 'ftj-x', '--if-exists', 'return'], 'jobs stop does not take --if-exists'],
    [['jobs', 'create', '--name', 'n', '--model', 'm', '--train', 'f', '--status', 'RUNNING'], 'jobs create does not take --status'],
    [['jobs', 'wait', 'ftj-x', '--yes'], 'jobs wait does not take --yes'],
    [['jobs', 'metrics', 'ftj-x', '--status', 'RUNNING'], 'jobs metrics does not take --status'],
    [['jobs', 'list', '--status', 'RUNNING,bogus'], "unknown status 'bogus'; use one of UNKNOWN, REGISTERED, STARTING, RUNNING, COMPLETED, FINALIZING, STOPPING, STOPPED, CANCELLED, FAILED"],
    // One rule with the library's isJobStatus: statuses as the API writes them, the one meant named.
    [['jobs', 'list', '--status', 'running'], "unknown status 'running': write it as the API does, 'RUNNING'"],
    [['jobs', 'stop', '--status', 'Running'], "unknown status 'Running': write it as the API does, 'RUNNING'"],
    [['jobs', 'cancel', '--status', 'cancelled', '--yes'], "unknown status 'cancelled': write it as the API does, 'CANCELLED'"],
    [['jobs', 'list', '--base-url', 'ftp://x'], "--base-url must be an http(s) URL such as https://api.u1.archetypeai.app/v0.5, got \"ftp://x\""],
  ])('%j', async (argv, message) => {
    expect(await atai(argv)).toEqual(usage(message));
  });

  it('a bad ATAI_BASE_URL is named as such', async () => {
    expect(await atai(['jobs', 'list'], { ATAI_BASE_URL: 'localhost:4011', ATAI_API_KEY: 'k' })).toEqual(
      usage("ATAI_BASE_URL must be an http(s) URL such as https://api.u1.archetypeai.app/v0.5, got \"localhost:4011\""),
    );
  });

  it('negative numbers work as typed: --limit -1 lists every job, as --limit=-1 does', async () => {
    for (const argv of [
      ['jobs', 'list', '--limit', '-1', '--json'],
      ['jobs', 'list', '--limit=-1', '--json'],
    ]) {
      const result = await atai(argv);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(Array.isArray(JSON.parse(result.stdout))).toBe(true);
    }
  });
});

describe('failures say what to do in CLI terms (issue 10, point 17)', () => {
  it('no key: export ATAI_API_KEY, and where the mock key comes from', async () => {
    expect(await atai(['jobs', 'list'], { ATAI_BASE_URL: mock.url })).toEqual({
      code: 2,
      stdout: '',
      stderr: "atai-ft: error: no API key: export ATAI_API_KEY=<your key> (for 'atai-ft mock', the key it printed).\n",
    });
  });

  it('a 401 hints to check ATAI_API_KEY', async () => {
    const result = await atai(['jobs', 'list'], { ATAI_BASE_URL: mock.url, ATAI_API_KEY: 'not-the-key' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^atai-ft: error: 401\b.* Check ATAI_API_KEY \(for 'atai-ft mock', the key it printed\)\.\n$/);
  });

  it("a 401 whose message has no full stop gets one before the hint, so the sentences do not run together", () => {
    const error = new AuthenticationError({ status: 401, headers: new Headers(), rawBody: '{"errors":[{"code":"unauthorized","message":"Invalid credentials"}]}', method: 'GET', path: '/fine-tune/jobs' });
    expect(errorLine(error)).toMatch(/Invalid credentials\. Check ATAI_API_KEY \(for 'atai-ft mock', the key it printed\)\.\n$/);
  });

  it('the library\'s missing-key message points at the key a mock prints, not at any key', () => {
    const { message } = new MissingApiKeyError();
    expect(message).toContain('`atai-ft mock` prints');
    expect(message).toContain('mock.apiKey');
    expect(message).not.toMatch(/any (non-empty )?key/);
  });

  it('a wait that runs out says to raise --timeout, in seconds', async () => {
    const created = await atai(['jobs', 'create', '--name', 'm', '--model', 'Newton::m', '--train', 'file-abc123', '--json']);
    const job = JSON.parse(created.stdout) as Job;
    mock.setStatus(job.id, 'RUNNING');
    expect(await atai(['jobs', 'wait', job.id, '--timeout', '0.2', '--interval', '0.05'])).toEqual({
      code: 3,
      stdout: '',
      stderr: `${job.id}: RUNNING\natai-ft: error: job ${job.id} was still RUNNING after 0.2 seconds; raise --timeout, or check it later with 'atai-ft jobs get ${job.id}'.\n`,
    });
  });

  it('atai-ft mock on a busy port: says so and how to pick another, exit 2', async () => {
    const port = new URL(mock.url).port;
    expect(await atai(['mock', '--port', port])).toEqual(usage(`port ${port} is in use: choose another with --port PORT, or --port 0 for any free one`));
  });

  it('atai-ft jobs alone lists its commands on stderr, exit 2', async () => {
    const result = await atai(['jobs']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe("atai-ft: error: 'atai-ft jobs' needs a command:");
    for (const command of ['create', 'list', 'get', 'metrics', 'stop', 'cancel', 'wait']) expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  atai-ft jobs ${command}\\b`)));
    expect(result.stderr).toMatch(/\nSee 'atai-ft jobs <command> --help' for one command, 'atai-ft --help' for everything\.\n$/);
  });
});

describe('one prefix for every error line (issue 10, point 17)', () => {
  it.each([
    ['usage', ['jobs', 'list', '--bogus']],
    ['validation', ['jobs', 'get', '..']],
    ['API', ['jobs', 'get', 'ftj-nobody']],
    ['per job', ['jobs', 'stop', 'ftj-nobody', 'ftj-nobody-2']],
    ['network', ['jobs', 'list', '--base-url', 'http://127.0.0.1:1', '--max-retries', '0']],
  ])('%s: every stderr line is "atai-ft: error: ..."', async (_, argv) => {
    const { code, stderr } = await atai(argv);
    expect(code).toBeGreaterThan(0);
    for (const line of stderr.trimEnd().split('\n')) expect(line).toMatch(/^atai-ft: error: \S/);
  });
});
