// The built `atai-ft` binary (dist/, made by `make build`) run as a subprocess against the stateful mock on a
// real clock with short phases, and against Prism: what a user types, what they see, and the exit codes.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Job } from '../src/index.js';
import { startCliStack, type CliStack } from './cli-helpers.js';
import { example, TEST_KEY } from './helpers.js';

let cli: CliStack;
beforeAll(async () => {
  cli = await startCliStack();
});
afterAll(() => cli.stop());
const atai = (args: string[], env?: Record<string, string | undefined>) => cli.atai(args, env);
const createJob = (extra?: string[]) => cli.createJob(extra);
const running = () => cli.running();

describe('help and usage', () => {
  it('--help shows every command, Stop vs Cancel and the exit codes', async () => {
    const run = await atai(['--help']);
    expect(run.code).toBe(0);
    for (const text of ['jobs create', 'jobs list', 'jobs get', 'jobs metrics', 'jobs stop', 'jobs cancel', 'jobs wait', 'atai-ft mock', 'Exit codes:', '3  timed out', '4  network failure']) {
      expect(run.stdout).toContain(text);
    }
    expect(run.stdout).toMatch(/stop\s+ends a job gracefully: .* latest checkpoint is kept/);
    expect(run.stdout).toMatch(/cancel\s+ends a job at once: nothing is finalized/);
  });

  it('jobs cancel --help explains how cancel differs from stop', async () => {
    const run = await atai(['jobs', 'cancel', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('nothing is finalized');
    expect(run.stdout).toContain('use stop');
  });

  it('--version prints the package version', async () => {
    const run = await atai(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });

  it.each([
    [[], /Usage:/],
    [['jobs', 'list', '--bogus'], /^atai-ft: error: unknown option '--bogus'\. See 'atai-ft --help'\.\n$/],
    [['jobs', 'explode'], /^atai-ft: error: unknown command 'jobs explode'\. See 'atai-ft --help'\.\n$/],
    [['jobs', 'create', '--name', 'x', '--train', 'f'], /^atai-ft: error: jobs create needs --model MODEL\. See/],
    [['jobs', 'list', '--status', 'RUNING'], /unknown status 'RUNING'; use one of UNKNOWN, REGISTERED/],
    [['jobs', 'list', '--limit', 'ten'], /--limit must be a whole number, got 'ten'/],
    [['jobs', 'get'], /jobs get takes exactly one job ID, got 0/],
    [['jobs', 'get', '..'], /^atai-ft: error: jobId is "\.\.", which is never valid: no URL path can carry it/],
    [['jobs', 'stop'], /jobs stop needs at least one job ID or --status STATUS/],
  ])('%j is a usage error: exit 2 and one line on stderr', async (args, message) => {
    const run = await atai(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('without a key: exit 2, naming ATAI_API_KEY', async () => {
    const run = await atai(['jobs', 'list'], { ATAI_API_KEY: undefined });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ATAI_API_KEY');
  });
});

describe('jobs commands against the stateful mock', () => {
  it('create --json prints the API record; train and eval files become datasets', async () => {
    const job = await createJob(['--eval', 'file-def456', '--eval', 'file-ghi789']);
    expect(job.status).toBe('REGISTERED');
    expect(job.config.datasets).toEqual([
      { name: 'training-set', split: 'train', file_ids: ['file-abc123'] },
      { name: 'eval-set', split: 'eval', file_ids: ['file-def456', 'file-ghi789'] },
    ]);
    expect(cli.mock.job(job.id)).toMatchObject({ id: job.id, name: 'cli-run', config: job.config, created_at: job.created_at });
  });

  it('create --id X --if-exists return, run again, prints the job the first run made; with another model, the 409 names it', async () => {
    const args = ['jobs', 'create', '--name', 'rerun', '--model', 'Newton::m', '--train', 'file-abc123', '--id', 'ftj-cli-rerun', '--json'];
    const first = await atai([...args, '--if-exists', 'return']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const created = cli.mock.created();
    const again = await atai([...args, '--if-exists', 'return']);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect((JSON.parse(again.stdout) as Job).id).toBe('ftj-cli-rerun');
    expect(cli.mock.created()).toBe(created);
    const other = await atai([...args.map((a) => (a === 'Newton::m' ? 'Newton::other' : a)), '--if-exists', 'return']);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/^atai-ft: error: 409 job_already_exists: .*another config\.model than the one sent, so ifExists 'return' did not return it\.\n$/);
    const without = await atai(args);
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/^atai-ft: error: 409 job_already_exists/);
    expect(await atai([...args, '--if-exists', 'overwrite'])).toMatchObject({ code: 2, stderr: "atai-ft: error: unknown --if-exists 'overwrite'; use one of error, return. See 'atai-ft --help'.\n" });
    expect(await atai([...args.filter((a) => a !== '--id' && a !== 'ftj-cli-rerun'), '--if-exists', 'return'])).toMatchObject({
      code: 2,
      stderr: "atai-ft: error: --if-exists return needs --id ID: without an id of your own, every create starts a new job. See 'atai-ft --help'.\n",
    });
  });

  it('get prints a readable record; get --json exactly the API JSON', async () => {
    const job = await createJob();
    const human = await atai(['jobs', 'get', job.id]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`^id\\s+${job.id}\\n`));
    expect(human.stdout).toMatch(/\nstatus\s+(REGISTERED|STARTING|RUNNING)\n/);
    expect(human.stdout).not.toContain('\x1b['); // not a terminal: no colour codes
    const json = await atai(['jobs', 'get', job.id, '--json']);
    expect(JSON.parse(json.stdout)).toEqual(cli.mock.job(job.id));
  });

  it('list --status filters; --json is one JSON array', async () => {
    const job = await createJob();
    await atai(['jobs', 'cancel', job.id, '--yes']);
    const run = await atai(['jobs', 'list', '--status', 'CANCELLED', '--json']);
    const jobs = JSON.parse(run.stdout) as Job[];
    expect(jobs.map((j) => j.id)).toContain(job.id);
    expect(jobs.every((j) => j.status === 'CANCELLED')).toBe(true);
    const table = await atai(['jobs', 'list', '--status', 'CANCELLED', '--limit', '1']);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+STATUS\s+NAME\s+MODEL\s+UPDATED$/);
    expect(table.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('metrics prints the checkpoint and a table; --json the API object', async () => {
    const job = await running();
    const run = await atai(['jobs', 'metrics', job.id, '--json']);
    expect(Array.isArray((JSON.parse(run.stdout) as { metrics?: unknown }).metrics)).toBe(true);
    const human = await atai(['jobs', 'metrics', job.id]);
    expect(human.stdout).toMatch(/^last checkpoint step: /);
  });

  it('stop --wait shows each status change on stderr and prints the STOPPED record', async () => {
    const job = await running();
    const run = await atai(['jobs', 'stop', job.id, '--wait', '--interval', '0.05', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: job.id, status: 'STOPPED' });
    expect(run.stderr).toBe(`${job.id}: STOPPING\n${job.id}: STOPPED\n`);
  });

  it('cancel of several ids with --yes prints a list of CANCELLED records', async () => {
    const a = await createJob();
    const b = await createJob();
    const run = await atai(['jobs', 'cancel', a.id, b.id, '--yes', '--json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Job[]).map((j) => [j.id, j.status])).toEqual([
      [a.id, 'CANCELLED'],
      [b.id, 'CANCELLED'],
    ]);
  });

  it.each(['stop', 'cancel'])('%s --status with no terminal and no --yes is a usage error, and sends nothing', async (how) => {
    const job = await running();
    const sent = cli.mock.requests.length;
    const run = await atai(['jobs', how, '--status', 'RUNNING,STARTING']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `atai-ft: error: jobs ${how} --status RUNNING,STARTING would ${how} every job in those statuses, with no terminal attached: in a script, add --yes to ${how} them. See 'atai-ft --help'.\n`,
    });
    // Not even the list of jobs was asked for.
    expect(cli.mock.requests.length).toBe(sent);
    expect(cli.mock.job(job.id)?.status).toBe('RUNNING');
  });

  it('stop --status RUNNING --yes says how many before acting and stops each of them', async () => {
    const jobs = [await running(), await running()];
    const before = JSON.parse((await atai(['jobs', 'list', '--status', 'RUNNING', '--json'])).stdout) as Job[];
    const run = await atai(['jobs', 'stop', '--status', 'RUNNING', '--yes', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`${before.length} jobs in RUNNING.\n`);
    const stopped = JSON.parse(run.stdout) as Job[];
    expect(stopped.map((j) => j.id).sort()).toEqual(before.map((j) => j.id).sort());
    for (const job of jobs) expect(['STOPPING', 'STOPPED']).toContain(cli.mock.job(job.id)?.status);
  });

  it('an API error is exit 1 with the code, message, suggestion and error_uid on one stderr line', async () => {
    const job = await createJob();
    await atai(['jobs', 'cancel', job.id, '--yes']);
    const run = await atai(['jobs', 'stop', job.id]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(`^atai-ft: error: ${job.id}: 409 job_already_terminal: Job ${job.id} has already been cancelled\\. \\(err-[0-9a-f-]+\\) Suggestion: Only jobs .*\\n$`),
    );
    const missing = await atai(['jobs', 'get', 'ftj-nobody']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^atai-ft: error: 404 job_not_found: No fine-tune job with id ftj-nobody\. \(err-[0-9a-f-]+\) Suggestion: /);
  });

  it('wait past --timeout is exit 3', async () => {
    const job = await running();
    // 1.5 s, not less: the first poll must come back before the deadline on a loaded machine (the job stays RUNNING
    // for a minute, so the wait can only end at its deadline).
    const run = await atai(['jobs', 'wait', job.id, '--timeout', '1.5', '--interval', '0.05']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/\natai-ft: error: job \S+ was still RUNNING after 1\.5 seconds; raise --timeout, /);
  });

  it('no answer from the API is exit 4', async () => {
    const run = await atai(['jobs', 'list', '--base-url', 'http://127.0.0.1:1', '--max-retries', '0']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^atai-ft: error: Connection failed: GET http:\/\/127\.0\.0\.1:1\/fine-tune\/jobs/);
  });

  it.each([[[]], [['--json']]])('a reader that has gone (`| head -1`): no EPIPE stack trace, exit 0 %j', async (extra) => {
    for (let i = 0; i < 3; i++) await createJob();
    const child = spawn(process.execPath, [cli.path, 'jobs', 'list', ...extra], { env: { PATH: process.env.PATH, ATAI_BASE_URL: cli.mock.url, ATAI_API_KEY: TEST_KEY }, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reading end closes before the CLI writes: its first write fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('an output that cannot be written (a full disk: /dev/full) is one error line and exit 1, the jobs still cancelled', async () => {
    const job = await running();
    const full = openSync('/dev/full', 'w');
    try {
      const child = spawn(process.execPath, [cli.path, 'jobs', 'cancel', job.id, '--yes'], { env: { PATH: process.env.PATH, ATAI_BASE_URL: cli.mock.url, ATAI_API_KEY: TEST_KEY }, stdio: ['ignore', full, 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      expect({ code, stderr }).toEqual({ code: 1, stderr: 'atai-ft: error: the output could not be written (stdout: ENOSPC)\n' });
      expect(cli.mock.job(job.id)?.status).toBe('CANCELLED');
    } finally {
      closeSync(full);
    }
  });

  it('a closed stdout does not cut a cancel of several jobs short: every job is cancelled, exit 0', async () => {
    const jobs = [await running(), await running()];
    const child = spawn(process.execPath, [cli.path, 'jobs', 'cancel', ...jobs.map((j) => j.id), '--yes'], { env: { PATH: process.env.PATH, ATAI_BASE_URL: cli.mock.url, ATAI_API_KEY: TEST_KEY }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(0);
    for (const job of jobs) expect(cli.mock.job(job.id)?.status).toBe('CANCELLED');
  });

  it('--verbose logs each request to stderr, never the key', async () => {
    const run = await atai(['jobs', 'list', '--verbose', '--limit', '1']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^atai-ft: GET \/fine-tune\/jobs\?limit=1 -> 200 attempt=1 duration=\d+ms\n$/);
  });

});


describe('against Prism', () => {
  it('jobs get --json prints the spec example Prism serves', async () => {
    const run = await atai(['jobs', 'get', 'ftj-my-finetune-run-3de60a5c', '--json', '--base-url', inject('prismUrl')]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(example('RunningJob'));
  });
});

describe('atai-ft mock', () => {
  it('starts the stateful mock and prints the URL and key to use', async () => {
    const child = spawn(process.execPath, [cli.path, 'mock', '--port', '0'], { env: { PATH: process.env.PATH } });
    try {
      const firstLines = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('Ctrl-C')) resolve(out);
        });
        child.once('exit', (code) => reject(new Error(`mock exited with ${code}: ${out}`)));
      });
      const url = /export ATAI_BASE_URL=(\S+) ATAI_API_KEY=(\S+)/.exec(firstLines);
      expect(url).not.toBeNull();
      const response = await fetch(`${url?.[1]}/fine-tune/jobs`, { headers: { authorization: `Bearer ${url?.[2]}` } });
      expect(response.status).toBe(200);
      await expect(response.json()).resolves.toEqual([]);
    } finally {
      child.kill('SIGINT');
    }
  });
});
