// The `atai-ft jobs` commands: each turns its flags and arguments into one client call and prints the result.
// Stop and cancel, which act on many jobs and may ask first, are in end-jobs.ts.
import { createClient, type FineTuneClient } from '../client.js';
import type { OperationId } from '../../generated/facts.js';
import type { CreateJobParams } from '../types.js';
import { cancel, stop } from './end-jobs.js';
import { UsageError } from './errors.js';
import { safe } from './escape.js';
import type { Flags } from './options.js';
import { Output, type CliIO } from './output.js';
import { baseUrl, int, noArgs, oneId, seconds, statuses } from './values.js';
import { watchJob } from './watch.js';

/** What a jobs command works with. */
export interface JobsContext {
  readonly client: FineTuneClient;
  readonly out: Output;
  readonly values: Flags;
  /** The positionals after `jobs <command>`. */
  readonly args: readonly string[];
  /** Aborted on Ctrl-C; given to every client call. */
  readonly signal: AbortSignal | undefined;
}

/** One `atai-ft jobs` command. */
export interface JobsCommand {
  /** What follows `atai-ft jobs <name>` in the usage lines of the help. */
  readonly synopsis: string;
  /** The spec's operation this command carries out (the coverage test checks every operation has one). */
  readonly operationId?: OperationId;
  /** The command waits for jobs, so --timeout bounds the wait rather than each request. */
  readonly waits?: boolean;
  /**
   * Runs the command and resolves to its exit code.
   * @throws {UsageError} for bad arguments; InterruptedError on Ctrl-C at the cancel prompt or during a
   * wait; any client error (ApiError, ConnectionError, UserAbortError on Ctrl-C during a request...) as it comes.
   */
  run(ctx: JobsContext): Promise<number>;
}

/** The jobs commands, in the order the help lists them. */
export const JOBS_COMMANDS = {
  create: {
    synopsis: '--name NAME --model MODEL --train FILE_ID... [--eval FILE_ID...] [--id ID]',
    operationId: 'createJob',
    async run({ client, out, values, args, signal }) {
      out.job(await client.jobs.create(createBody(values, args), { signal }));
      return 0;
    },
  },
  list: {
    synopsis: '[--status STATUS]... [--limit N] [--offset N]',
    operationId: 'listJobs',
    async run({ client, out, values, args, signal }) {
      noArgs('list', args);
      out.jobs(await client.jobs.list({ statuses: statuses(values.status), limit: int(values.limit, 'limit'), offset: int(values.offset, 'offset') }, { signal }));
      return 0;
    },
  },
  get: {
    synopsis: 'ID',
    operationId: 'getJob',
    async run({ client, out, args, signal }) {
      out.job(await client.jobs.get(oneId('get', args), { signal }));
      return 0;
    },
  },
  metrics: {
    synopsis: 'ID [--limit N] [--offset N]',
    operationId: 'getJobMetrics',
    async run({ client, out, values, args, signal }) {
      out.metrics(await client.jobs.metrics(oneId('metrics', args), { limit: int(values.limit, 'limit'), offset: int(values.offset, 'offset') }, { signal }));
      return 0;
    },
  },
  stop,
  cancel,
  wait: {
    synopsis: 'ID [--timeout SECONDS] [--interval SECONDS]',
    waits: true,
    async run(ctx) {
      // Printed only after watchJob has ended the status line, so the record starts on a line of its own.
      ctx.out.job(await watchJob(ctx, oneId('wait', ctx.args)));
      return 0;
    },
  },
} satisfies Record<string, JobsCommand>;

/** The name of a jobs command, e.g. `create`. */
export type JobsCommandName = keyof typeof JOBS_COMMANDS;

/**
 * Runs `atai-ft jobs <name> ...args` and resolves to its exit code; `io.signal` (Ctrl-C) goes to every client call.
 * @throws {UsageError} for an unknown command or bad flags or arguments; any error of the command as it comes.
 */
export async function runJobsCommand(name: string, args: readonly string[], values: Flags, io: CliIO): Promise<number> {
  if (!Object.hasOwn(JOBS_COMMANDS, name)) throw new UsageError(`unknown command 'jobs ${name}'`);
  const command: JobsCommand = JOBS_COMMANDS[name as JobsCommandName];
  const client = clientFor(values, io, Boolean(command.waits || values.wait));
  return await command.run({ client, out: new Output(io, Boolean(values.json)), values, args, signal: io.signal });
}

function clientFor(values: Flags, { env, stderr }: CliIO, waits: boolean): FineTuneClient {
  const timeout = seconds(values.timeout, 'timeout');
  return createClient({
    // Explicit values, so the client reads the environment the CLI was given and never the process's own.
    apiKey: env.ATAI_API_KEY ?? '',
    baseUrl: baseUrl(values['base-url'], env),
    // For wait and --wait, --timeout bounds the wait; each request keeps the client's default.
    timeoutMs: waits ? undefined : timeout,
    maxRetries: int(values['max-retries'], 'max-retries'),
    logger: values.verbose ? { debug: (line) => stderr.write(`atai-ft: ${safe(line)}\n`) } : undefined,
  });
}

function createBody(values: Flags, args: readonly string[]): CreateJobParams {
  noArgs('create', args);
  if (!values.name) throw new UsageError('jobs create needs --name NAME');
  if (!values.model) throw new UsageError('jobs create needs --model MODEL');
  if (!values.train?.length) throw new UsageError('jobs create needs at least one --train FILE_ID');
  const datasets = [{ name: 'training-set', split: 'train', file_ids: values.train }];
  if (values.eval?.length) datasets.push({ name: 'eval-set', split: 'eval', file_ids: values.eval });
  return { name: values.name, ...(values.id === undefined ? {} : { id: values.id }), config: { model: values.model, datasets } };
}
