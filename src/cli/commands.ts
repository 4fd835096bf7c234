// The `atai-ft jobs` commands: one per operation of the spec, each turning its flags and arguments into one client
// call and printing the result. Most are derived from the spec (operation-command.ts); create, wait, and stop and
// cancel (which act on many jobs and may ask first, in end-jobs.ts) are hand-written.
import { debugRequested } from '../http/logger.js';
import type { FineTuneClient } from '../client.js';
import { SURFACE } from '../../generated/surface.js';
import type { CreateJobParams } from '../types.js';
import { cancel, stop } from './end-jobs.js';
import { operationCommand } from './operation-command.js';
import { UsageError } from './errors.js';
import { safe } from './escape.js';
import { FLAGS, type Flags, type FlagSpec } from './options.js';
import type { JobsCommand } from './command.js';
import type { CliIO } from './output.js';
import { baseUrl, enumProblem, int, noArgs, oneId, seconds } from './values.js';
import { watchJob } from './watch.js';

/** `atai-ft jobs create`: the body from flags, and the client's safe retry with `--id`. */
const create: JobsCommand = {
  synopsis: '--name NAME --model MODEL --train FILE_ID... [--eval FILE_ID...] [--id ID [--if-exists MODE]]',
  operationId: 'createJob',
  async run({ client, out, values, args, signal }) {
    const ifExists = ifExistsFlag(values);
    out.job(await client.jobs.create(createBody(values, args), { signal, ...(ifExists === undefined ? {} : { ifExists }) }));
    return 0;
  },
};

/** `atai-ft jobs wait`: no operation of its own; it polls getJob until the job has ended. */
const wait: JobsCommand = {
  synopsis: 'ID [--timeout SECONDS] [--interval SECONDS]',
  waits: true,
  async run(ctx) {
    // Printed only after watchJob has ended the status line, so the record starts on a line of its own.
    ctx.out.job(await watchJob(ctx, oneId('wait', ctx.args)));
    return 0;
  },
};

/** The commands with behaviour no spec expresses, by name; every other operation's command is derived from the spec. */
const CUSTOM_COMMANDS: Readonly<Record<string, JobsCommand>> = { create, stop, cancel };

/** The name of a jobs command: an operation's method name (x-sdk-method), or `wait`. */
export type JobsCommandName = (typeof SURFACE)[keyof typeof SURFACE]['name'] | 'wait';

/** The jobs commands, in the order the help lists them: one per operation of the spec, in its order, then `wait`. */
export const JOBS_COMMANDS: Readonly<Record<JobsCommandName, JobsCommand>> = Object.fromEntries([
  ...Object.values(SURFACE)
    .filter((operation) => (operation.resource as string) === 'jobs')
    .map((operation) => [operation.name, CUSTOM_COMMANDS[operation.name] ?? operationCommand(operation)] as const),
  ['wait', wait],
]) as Record<JobsCommandName, JobsCommand>;

/**
 * Runs `atai-ft jobs <name> ...args` and resolves to its exit code; `io.signal` (Ctrl-C) goes to every client call.
 * @throws {UsageError} for an unknown command or bad flags or arguments; any error of the command as it comes.
 */
export async function runJobsCommand(name: string, args: readonly string[], values: Flags, io: CliIO): Promise<number> {
  if (!Object.hasOwn(JOBS_COMMANDS, name)) throw new UsageError(`unknown command 'jobs ${name}'`);
  const command: JobsCommand = JOBS_COMMANDS[name as JobsCommandName];
  // A flag of another command would be ignored without a word (`jobs stop ID --if-exists return`, `jobs get ID
  // --limit 5`): a command takes the global flags and those its usage line names, the line the help prints.
  const own = new Set(Array.from(command.synopsis.matchAll(/--([a-z-]+)/g), (match) => match[1]));
  const given = values as Readonly<Record<string, unknown>>;
  const foreign = Object.keys(given).find((flag) => given[flag] !== undefined && !own.has(flag) && !(FLAGS as Readonly<Record<string, FlagSpec>>)[flag]?.global);
  if (foreign !== undefined) throw new UsageError(`jobs ${name} does not take --${foreign}`);
  const client = await clientFor(values, io, Boolean(command.waits || values.wait));
  // Imported here, as the client is: the help reads this module's table and prints nothing of a job.
  const { Output } = await import('./output.js');
  return await command.run({ client, out: new Output(io, Boolean(values.json)), values, args, signal: io.signal });
}

/** A logger that writes nothing. */
const SILENT = { debug: () => undefined };

async function clientFor(values: Flags, io: CliIO, waits: boolean): Promise<FineTuneClient> {
  const { env, stderr } = io;
  const timeout = seconds(values.timeout, 'timeout');
  // Imported here, not at the top: `atai-ft --help` reads this module's command table, and needs no client.
  const { createClient } = await import('../client.js');
  io.beforeRequests?.();
  return createClient({
    // Explicit values, so the client reads the environment the CLI was given and never the process's own.
    apiKey: env.ATAI_API_KEY ?? '',
    baseUrl: baseUrl(values['base-url'], env),
    // For wait and --wait, --timeout bounds the wait; each request keeps the client's default.
    timeoutMs: waits ? undefined : timeout,
    maxRetries: int(values['max-retries'], 'max-retries'),
    // Debug lines go to this run's own stderr, for --verbose or the ATAI_LOG=debug of the environment it was given;
    // never the client's default, which reads the process's environment and writes to its stderr.
    logger: values.verbose || debugRequested(env) ? { debug: (line) => stderr.write(`atai-ft: ${safe(line)}\n`) } : SILENT,
  });
}

/** `--if-exists`, in the CLI's words. @throws {UsageError} for another word, or `return` without `--id`. */
function ifExistsFlag(values: Flags): 'error' | 'return' | undefined {
  const mode = values['if-exists'];
  if (mode === undefined || mode === 'error') return mode;
  if (mode !== 'return') throw new UsageError(enumProblem('--if-exists', mode, ['error', 'return']));
  if (values.id === undefined) throw new UsageError('--if-exists return needs --id ID: without an id of your own, every create starts a new job');
  return mode;
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
