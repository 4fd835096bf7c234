// The `atai-ft` command: parses arguments with node:util parseArgs, calls the client, prints a table or the
// API's JSON, and maps every failure to one stderr line and a documented exit code.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createClient, type FineTuneClient } from '../client.js';
import {
  ApiError,
  AtaiError,
  ConnectionError,
  ConnectionTimeoutError,
  MissingApiKeyError,
  UserAbortError,
  ValidationError,
  WaitTimeoutError,
} from '../errors.js';
import { JOB_STATUSES, type Job, type JobStatus } from '../types.js';
import type { WaitOptions } from '../wait.js';
import { formatJob, formatJobs, formatMetrics, paintStatus, useColor } from './format.js';
import { COMMAND_HELP, MAIN_HELP } from './help.js';

/** Where the CLI reads and writes; the real process by default, something else in tests. */
export interface CliIO {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

/** A mistake in how the command was called: exit code 2. */
class UsageError extends Error {}

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  verbose: { type: 'boolean' },
  'base-url': { type: 'string' },
  timeout: { type: 'string' },
  'max-retries': { type: 'string' },
  interval: { type: 'string' },
  name: { type: 'string' },
  model: { type: 'string' },
  id: { type: 'string' },
  train: { type: 'string', multiple: true },
  eval: { type: 'string', multiple: true },
  status: { type: 'string', multiple: true },
  limit: { type: 'string' },
  offset: { type: 'string' },
  wait: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  port: { type: 'string' },
} satisfies ParseArgsConfig['options'];

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];

/**
 * Runs one `atai-ft` invocation and resolves to its exit code (0 ok, 1 API error, 2 usage, 3 timeout or abort,
 * 4 network). Never throws: every failure is printed as one line on stderr.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (error) {
    io.stderr.write(`atai-ft: ${(error as Error).message.replace(/\. To specify a positional.*$/s, '')}. See 'atai-ft --help'.\n`);
    return 2;
  }

  if (values.version) {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const [group, sub, ...args] = positionals;
  const command = group === 'jobs' ? sub : group;
  if (values.help) {
    io.stdout.write(`${(command && COMMAND_HELP[command]) || MAIN_HELP}\n`);
    return 0;
  }
  if (!group) {
    io.stderr.write(`${MAIN_HELP}\n`);
    return 2;
  }

  try {
    if (group === 'mock') return await runMock(values, io);
    if (group !== 'jobs' || !sub) throw new UsageError(`unknown command '${positionals.join(' ')}'`);
    const client = makeClient(values, io, sub === 'wait' || Boolean(values.wait));
    const out = new Output(values, io);
    switch (sub) {
      case 'create':
        return out.job(await client.jobs.create(createBody(values, args)));
      case 'list':
        noArgs(sub, args);
        return out.jobs(await client.jobs.list({ statuses: statuses(values), limit: int(values.limit, 'limit'), offset: int(values.offset, 'offset') }));
      case 'get':
        return out.job(await client.jobs.get(oneId(sub, args)));
      case 'metrics': {
        const metrics = await client.jobs.metrics(oneId(sub, args), { limit: int(values.limit, 'limit'), offset: int(values.offset, 'offset') });
        out.print(metrics, () => formatMetrics(metrics));
        return 0;
      }
      case 'wait':
        return out.job(await client.jobs.waitForJob(oneId(sub, args), waitOptions(values, out)));
      case 'stop':
      case 'cancel':
        return await endJobs(sub, client, values, args, out, io);
      default:
        throw new UsageError(`unknown command 'jobs ${sub}'`);
    }
  } catch (error) {
    return reportError(error, io);
  }
}

function makeClient(values: Values, io: CliIO, timeoutBoundsWait: boolean): FineTuneClient {
  const timeout = seconds(values.timeout, 'timeout');
  return createClient({
    apiKey: io.env.ATAI_API_KEY,
    baseUrl: values['base-url'] ?? (io.env.ATAI_BASE_URL || undefined),
    // For wait and --wait, --timeout bounds the wait; each request keeps the client's default.
    timeoutMs: timeoutBoundsWait ? undefined : timeout,
    maxRetries: int(values['max-retries'], 'max-retries'),
    logger: values.verbose ? { debug: (line) => io.stderr.write(`atai-ft: ${line}\n`) } : undefined,
  });
}

/** Prints results as tables for people or as the API's JSON for scripts. */
class Output {
  readonly color: boolean;
  constructor(
    private readonly values: Values,
    private readonly io: CliIO,
  ) {
    this.color = useColor(Boolean(io.stdout.isTTY), io.env);
  }
  print(data: unknown, human: () => string): void {
    this.io.stdout.write(`${this.values.json ? JSON.stringify(data, null, 2) : human()}\n`);
  }
  job(job: Job): number {
    this.print(job, () => formatJob(job, this.color));
    return 0;
  }
  jobs(jobs: Job[]): number {
    this.print(jobs, () => formatJobs(jobs, this.color));
    return 0;
  }
  /** Progress goes to stderr so stdout holds only the result. */
  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }
  /** A live line on a terminal, one line per change otherwise. */
  status(job: Job): void {
    const line = `${job.id}: ${paintStatus(job.status, useColor(Boolean(this.io.stderr.isTTY), this.io.env))}`;
    if (this.io.stderr.isTTY) this.io.stderr.write(`\r\x1b[2K${line}`);
    else this.io.stderr.write(`${line}\n`);
  }
  endStatus(): void {
    if (this.io.stderr.isTTY) this.io.stderr.write('\n');
  }
}

function waitOptions(values: Values, out: Output): WaitOptions {
  return {
    timeoutMs: seconds(values.timeout, 'timeout'),
    intervalMs: seconds(values.interval, 'interval') ?? 2_000,
    onStatus: (job) => out.status(job),
  };
}

async function endJobs(how: 'stop' | 'cancel', client: FineTuneClient, values: Values, args: string[], out: Output, io: CliIO): Promise<number> {
  const byStatus = statuses(values);
  if (args.length === 0 && !byStatus) throw new UsageError(`jobs ${how} needs at least one job ID or --status STATUS`);
  const ids = [...args];
  if (byStatus) {
    const selected = await client.jobs.list({ statuses: byStatus });
    ids.push(...selected.map((j) => j.id));
    out.note(`${selected.length} job${selected.length === 1 ? '' : 's'} in ${byStatus.join(' or ')}.`);
  }
  if (ids.length === 0) {
    out.print([], () => 'Nothing to do.');
    return 0;
  }
  if (how === 'cancel' && !values.yes && io.stdin.isTTY && io.stdout.isTTY) {
    const rl = createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream });
    const answer = await rl.question(
      `Cancel ${ids.length} job${ids.length === 1 ? '' : 's'} now? Nothing is finalized (use 'stop' to keep the latest checkpoint). [y/N] `,
    );
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      out.note('Not cancelled.');
      return 1;
    }
  }
  const report = await (how === 'stop' ? client.jobs.stopMany(ids) : client.jobs.cancelMany(ids));
  const done: Job[] = [];
  for (const result of report.results) {
    if (!result.ok) {
      io.stderr.write(`atai-ft: ${result.id}: ${result.error.message}\n`);
      continue;
    }
    if (values.wait) {
      try {
        done.push(await client.jobs.waitForJob(result.id, waitOptions(values, out)));
      } finally {
        out.endStatus();
      }
    } else {
      done.push(result.job);
    }
  }
  // One id in, one record out; several ids (or --status) give a list. Failures are already on stderr.
  if (args.length === 1 && !byStatus) {
    if (done[0]) out.job(done[0]);
  } else if (done.length > 0 || values.json) {
    out.jobs(done);
  }
  return report.failed.length === 0 ? 0 : exitCodeOf(report.failed[0]?.error);
}

async function runMock(values: Values, io: CliIO): Promise<number> {
  // Loaded only here, so the other commands do not pay for the mock's code at start-up.
  const { startStatefulMock } = await import('../../mock/stateful-server.js');
  const port = int(values.port, 'port') ?? 4011;
  const mock = await startStatefulMock({ port });
  io.stdout.write(`Mock fine-tune API listening on ${mock.url}\n  export ATAI_BASE_URL=${mock.url} ATAI_API_KEY=${mock.apiKey}\nCtrl-C stops it.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await mock.stop();
  return 0;
}

function createBody(values: Values, args: string[]) {
  noArgs('create', args);
  if (!values.name) throw new UsageError('jobs create needs --name NAME');
  if (!values.model) throw new UsageError('jobs create needs --model MODEL');
  if (!values.train?.length) throw new UsageError('jobs create needs at least one --train FILE_ID');
  const datasets = [{ name: 'training-set', split: 'train', file_ids: values.train }];
  if (values.eval?.length) datasets.push({ name: 'eval-set', split: 'eval', file_ids: values.eval });
  return { name: values.name, ...(values.id === undefined ? {} : { id: values.id }), config: { model: values.model, datasets } };
}

function statuses(values: Values): JobStatus[] | undefined {
  if (!values.status) return undefined;
  const list = values.status.flatMap((s) => s.split(',')).map((s) => s.trim().toUpperCase());
  const bad = list.find((s) => !JOB_STATUSES.includes(s as JobStatus));
  if (bad !== undefined) throw new UsageError(`unknown status '${bad}'; use one of ${JOB_STATUSES.join(', ')}`);
  return list as JobStatus[];
}

function oneId(command: string, args: string[]): string {
  if (args.length !== 1) throw new UsageError(`jobs ${command} takes exactly one job ID, got ${args.length}`);
  return args[0] as string;
}

function noArgs(command: string, args: string[]): void {
  if (args.length > 0) throw new UsageError(`jobs ${command} takes no positional arguments, got '${args.join(' ')}'`);
}

function int(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) throw new UsageError(`--${flag} must be a whole number, got '${raw}'`);
  return Number(raw);
}

function seconds(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) throw new UsageError(`--${flag} must be a number of seconds > 0, got '${raw}'`);
  return Math.round(value * 1000);
}

function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof ValidationError || error instanceof MissingApiKeyError) return 2;
  if (error instanceof ConnectionTimeoutError || error instanceof WaitTimeoutError || error instanceof UserAbortError) return 3;
  if (error instanceof ConnectionError) return 4;
  return 1;
}

function reportError(error: unknown, io: CliIO): number {
  const code = exitCodeOf(error);
  if (error instanceof UsageError) {
    io.stderr.write(`atai-ft: ${error.message}. See 'atai-ft --help'.\n`);
  } else if (error instanceof AtaiError) {
    const prefix = error instanceof ApiError ? 'error' : error.name;
    io.stderr.write(`atai-ft: ${prefix}: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
  } else {
    io.stderr.write(`atai-ft: unexpected error: ${String(error)}\n`);
  }
  return code;
}

let version: string | undefined;
/** The package's version, read from the nearest package.json above this file (src/ and dist/ alike). */
function packageVersion(): string {
  if (version) return version;
  let dir = new URL('.', import.meta.url);
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'atai-finetune' && pkg.version) return (version = pkg.version);
    } catch {
      // not here: look one folder up
    }
    dir = new URL('..', dir);
  }
  return 'unknown';
}
