// `run()` in-process with a fake terminal-less io: usage errors, help, version and the exit-code table without
// a subprocess, and a few real commands against the stateful mock. The built binary is tested in
// contract-tests/cli.test.ts.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStatefulMock, type StatefulMock } from '../../mock/index.js';
import {
  ApiError,
  AtaiError,
  ConnectionError,
  ConnectionTimeoutError,
  InvalidResponseError,
  MissingApiKeyError,
  UserAbortError,
  ValidationError,
  WaitTimeoutError,
} from '../errors/index.js';
import type { Job } from '../types.js';
import { JOBS_COMMANDS } from './commands.js';
import { EXIT_CODES, exitCodeFor } from './exit-codes.js';
import { COMMAND_HELP, MAIN_HELP } from './help.js';
import { UsageError } from './errors.js';
import { FLAGS } from './options.js';
import { runCli } from '../../test-support/cli-io.js';

const API_KEY = 'run-test-key-0123456789';
let mock: StatefulMock;

beforeAll(async () => {
  mock = await startStatefulMock({ apiKey: API_KEY, port: 0 });
});
afterAll(() => mock.stop());

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function atai(argv: string[], env: NodeJS.ProcessEnv = { ATAI_BASE_URL: mock.url, ATAI_API_KEY: mock.apiKey }): Promise<Result> {
  return runCli(argv, env, API_KEY);
}

function apiError(status: number): ApiError {
  return ApiError.from({ status, headers: new Headers(), rawBody: '', method: 'GET', path: '/fine-tune/jobs' });
}

describe('usage errors', () => {
  it.each([
    [['jobs', 'list', '--bogus'], "atai-ft: error: unknown option '--bogus'. See 'atai-ft --help'.\n"],
    [['jobs', 'explode'], "atai-ft: error: unknown command 'jobs explode'. See 'atai-ft --help'.\n"],
    [['deploy'], "atai-ft: error: unknown command 'deploy'. See 'atai-ft --help'.\n"],
    [['jobs', 'create', '--name', 'x', '--train', 'f'], "atai-ft: error: jobs create needs --model MODEL. See 'atai-ft --help'.\n"],
    [
      ['jobs', 'list', '--status', 'RUNING'],
      "atai-ft: error: unknown status 'RUNING'; use one of UNKNOWN, REGISTERED, STARTING, RUNNING, COMPLETED, FINALIZING, STOPPING, STOPPED, CANCELLED, FAILED. See 'atai-ft --help'.\n",
    ],
    [['jobs', 'list', '--limit', 'ten'], "atai-ft: error: --limit must be a whole number, got 'ten'. See 'atai-ft --help'.\n"],
    [['jobs', 'get'], "atai-ft: error: jobs get takes exactly one job ID, got 0. See 'atai-ft --help'.\n"],
    [['jobs', 'wait', 'ftj-x', '--timeout', '0'], "atai-ft: error: --timeout must be a number of seconds > 0, got '0'. See 'atai-ft --help'.\n"],
  ])('%j: exit 2, one stderr line, nothing on stdout', async (argv, line) => {
    expect(await atai(argv)).toEqual({ code: 2, stdout: '', stderr: line });
  });

  it('no command at all: exit 2 with the help on stderr', async () => {
    expect(await atai([])).toEqual({ code: 2, stdout: '', stderr: `${MAIN_HELP}\n` });
  });

  it('no API key in the given environment: exit 2 naming ATAI_API_KEY, whatever the process environment holds', async () => {
    const result = await atai(['jobs', 'list'], { ATAI_BASE_URL: mock.url });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^atai-ft: error: .*ATAI_API_KEY.*\n$/);
  });
});

describe('debug lines', () => {
  it('ATAI_LOG=debug in the environment the run was given: one line per attempt on its own stderr, none on the process\'s', async () => {
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => written.push(String(chunk)) > 0) as typeof process.stderr.write;
    const saved = process.env.ATAI_LOG;
    process.env.ATAI_LOG = 'debug';
    try {
      const quiet = await atai(['jobs', 'list', '--json']);
      expect(quiet.code).toBe(0);
      expect(quiet.stderr).toBe('');
      const debug = await atai(['jobs', 'list', '--json'], { ATAI_BASE_URL: mock.url, ATAI_API_KEY: mock.apiKey, ATAI_LOG: 'debug' });
      expect(debug.stderr).toMatch(/^atai-ft: GET \/fine-tune\/jobs\S* -> 200 attempt=1 duration=\d+ms\n$/);
    } finally {
      process.stderr.write = write;
      if (saved === undefined) delete process.env.ATAI_LOG;
      else process.env.ATAI_LOG = saved;
    }
    expect(written.join('')).not.toContain('attempt=');
  });
});

describe('help and version', () => {
  it('--help lists every command and every flag', async () => {
    const { code, stdout } = await atai(['--help']);
    expect(code).toBe(0);
    for (const usage of [
      'atai-ft jobs create --name NAME --model MODEL --train FILE_ID... [--eval FILE_ID...] [--id ID [--if-exists MODE]]',
      'atai-ft jobs list [--limit N] [--offset N] [--status STATUS]...',
      'atai-ft jobs get ID',
      'atai-ft jobs metrics ID',
      'atai-ft jobs stop ID...',
      'atai-ft jobs cancel ID...',
      'atai-ft jobs wait ID',
      'atai-ft mock [--port PORT]',
      'atai-ft conformance [--max-jobs N] [--base-url URL] [--json]',
    ]) {
      expect(stdout).toContain(`\n  ${usage}`);
    }
    for (const line of [
      "  --json               print exactly the API's JSON (one document) instead of a table; conformance: the report\n",
      '  --base-url URL       API base URL',
      '  -h, --help           show help',
      '  -v, --version        show the version\n',
      '  --train FILE_ID      ',
      '  -y, --yes            ',
      '  --port PORT          ',
    ]) {
      expect(stdout).toContain(line);
    }
    for (const name of Object.keys(FLAGS)) expect(stdout).toMatch(new RegExp(`\\n  (-\\w, )?--${name}\\b`));
    expect(stdout).toContain(`\n${EXIT_CODES}\n`);
  });

  it('usage lines name each flag value as the flag table does', () => {
    const usage = MAIN_HELP.split('\n').filter((line) => line.startsWith('  atai-ft '));
    // One usage line per command of the table, the mock's and conformance's.
    expect(usage).toHaveLength(Object.keys(JOBS_COMMANDS).length + 2);
    for (const [, name, value] of usage.join('\n').matchAll(/--([a-z-]+)(?: ([A-Z_]+))?/g)) {
      expect(FLAGS).toHaveProperty([name as string]);
      expect((FLAGS as Record<string, { value?: string }>)[name as string]?.value).toBe(value);
    }
  });

  it('jobs list --help lists exactly the ten statuses', async () => {
    const { code, stdout } = await atai(['jobs', 'list', '--help']);
    expect(code).toBe(0);
    const line = stdout.split('\n').find((l) => l.startsWith('Statuses: '));
    expect(line?.replace(/^Statuses: |\.$/g, '').split(' ')).toEqual([
      'UNKNOWN',
      'REGISTERED',
      'STARTING',
      'RUNNING',
      'COMPLETED',
      'FINALIZING',
      'STOPPING',
      'STOPPED',
      'CANCELLED',
      'FAILED',
    ]);
  });

  it('a command name gives that command help; anything else the main help', async () => {
    expect((await atai(['jobs', 'cancel', '--help'])).stdout).toBe(`${COMMAND_HELP.cancel}\n`);
    expect(COMMAND_HELP.cancel).toMatch(/^Usage: atai-ft jobs cancel ID\.\.\. \[--status STATUS\]\.\.\. \[--yes\] \[--wait\]\n\nCancels jobs immediately: nothing is finalized/);
    expect((await atai(['mock', '-h'])).stdout).toBe(`${COMMAND_HELP.mock}\n`);
    expect((await atai(['jobs', 'constructor', '--help'])).stdout).toBe(`${MAIN_HELP}\n`);
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await atai(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('exit codes', () => {
  it.each<[string, unknown, number]>([
    ['UsageError', new UsageError('bad flag'), 2],
    ['ValidationError', new ValidationError('jobId', 'jobId must not be empty.'), 2],
    ['MissingApiKeyError', new MissingApiKeyError(), 2],
    ['ConnectionTimeoutError', new ConnectionTimeoutError('GET', 'http://127.0.0.1:1/fine-tune/jobs', 100), 3],
    ['WaitTimeoutError', new WaitTimeoutError('ftj-x', 100, undefined), 3],
    ['UserAbortError', new UserAbortError(), 3],
    ['ConnectionError', new ConnectionError('GET', 'http://127.0.0.1:1/fine-tune/jobs', new Error('ECONNREFUSED')), 4],
    ['ApiError 400', apiError(400), 1],
    ['ApiError 404', apiError(404), 1],
    ['ApiError 409', apiError(409), 1],
    ['ApiError 429', apiError(429), 1],
    ['ApiError 503', apiError(503), 1],
    ['ApiError 418', apiError(418), 1],
    ['InvalidResponseError', new InvalidResponseError(200, 'GET', '/fine-tune/jobs', '{'), 1],
    ['AtaiError', new AtaiError('other'), 1],
    ['a bug', new TypeError('x is undefined'), 1],
    ['not an Error', 'thrown string', 1],
  ])('%s -> %i', (_, error, code) => {
    expect(exitCodeFor(error)).toBe(code);
  });

  it('the help documents codes 0 to 4 with what each means', () => {
    expect(EXIT_CODES).toBe(
      [
        'Exit codes:',
        '  0  success',
        '  1  the API answered with an error (or some of several jobs failed; conformance: the API drifted from the spec; the output could not be written)',
        '  2  usage error: a bad flag or argument, or no API key',
        '  3  timed out or aborted (a request or a wait past --timeout, or Ctrl-C)',
        '  4  network failure: no answer from the API',
      ].join('\n'),
    );
  });
});

describe('commands against the stateful mock', () => {
  let n = 0;
  async function create(): Promise<Job> {
    const id = `ftj-run-test-${++n}`;
    const result = await atai(['jobs', 'create', '--name', 'run-test', '--model', 'Newton::m', '--train', 'file-abc123', '--id', id, '--json']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(result.stdout) as Job;
  }

  it('create --json, then get --json prints exactly the record the mock holds', async () => {
    const job = await create();
    expect(job).toMatchObject({ name: 'run-test', status: 'REGISTERED', config: { model: 'Newton::m' } });
    const result = await atai(['jobs', 'get', job.id, '--json']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual(mock.job(job.id));
  });

  it('cancel --yes ends the job; stopping it afterwards is exit 1 with the 409 on one stderr line', async () => {
    const job = await create();
    const cancelled = await atai(['jobs', 'cancel', job.id, '--yes']);
    expect(cancelled).toMatchObject({ code: 0, stderr: '' });
    expect(cancelled.stdout).toMatch(/\nstatus\s+CANCELLED\n/);
    expect(mock.job(job.id)?.status).toBe('CANCELLED');

    const stopped = await atai(['jobs', 'stop', job.id]);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toBe('');
    expect(stopped.stderr).toMatch(new RegExp(`^atai-ft: error: ${job.id}: 409 job_already_terminal: Job ${job.id} has already been cancelled\\. .*\\n$`));
  });
});
