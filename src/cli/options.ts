// The flags `atai-ft` accepts, in one table that feeds both node:util parseArgs and the help's option lists, and
// the parsers that turn flag values and positionals into what the client takes.
import { parseArgs } from 'node:util';
import { DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES } from '../client.js';
import { isJobStatus, JOB_STATUSES, type Job, type JobStatus } from '../types.js';
import type { WaitOptions } from '../wait.js';

/** A mistake in how the command was called: exit code 2, reported with a pointer to `--help`. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** How one flag is parsed and described. */
export interface FlagSpec {
  type: 'boolean' | 'string';
  short?: string;
  /** The flag may be repeated; its values come as an array. */
  multiple?: boolean;
  /** The value's name in help, e.g. SECONDS; string flags only. */
  value?: string;
  help: string;
  /** Listed under "Options:", as it applies to every jobs command; the others under "Command options:". */
  global?: boolean;
}

/** The port `atai-ft mock` listens on unless --port says otherwise. */
export const DEFAULT_MOCK_PORT = 4011;
/** The first pause between polls of `jobs wait` and `--wait`, in seconds, unless --interval says otherwise. */
export const DEFAULT_INTERVAL_SECONDS = 2;

/** Every flag, in the order help lists them. */
export const FLAGS = {
  json: { type: 'boolean', global: true, help: "print exactly the API's JSON (one document) instead of a table" },
  'base-url': { type: 'string', value: 'URL', global: true, help: `API base URL (default: $ATAI_BASE_URL, else ${DEFAULT_BASE_URL})` },
  timeout: { type: 'string', value: 'SECONDS', global: true, help: 'time limit of each request; for wait and --wait, how long to wait for the job' },
  'max-retries': { type: 'string', value: 'N', global: true, help: `retries of 429, 5xx and network failures (default ${DEFAULT_MAX_RETRIES})` },
  interval: { type: 'string', value: 'SECONDS', global: true, help: `first pause between status polls of wait and --wait (default ${DEFAULT_INTERVAL_SECONDS})` },
  verbose: { type: 'boolean', global: true, help: 'log each request (method, path, status, attempt, duration) to stderr; never the key' },
  help: { type: 'boolean', short: 'h', global: true, help: 'show help (also after a command: atai-ft jobs stop --help)' },
  version: { type: 'boolean', short: 'v', global: true, help: 'show the version' },
  name: { type: 'string', value: 'NAME', help: 'name of the new job (create)' },
  model: { type: 'string', value: 'MODEL', help: 'the model to fine-tune (create)' },
  train: { type: 'string', value: 'FILE_ID', multiple: true, help: 'a training file from the Files API; repeat for several (create)' },
  eval: { type: 'string', value: 'FILE_ID', multiple: true, help: 'an evaluation file; repeat for several (create)' },
  id: { type: 'string', value: 'ID', help: 'your own id for the job, so that re-running create cannot start a second one (create)' },
  status: { type: 'string', value: 'STATUS', multiple: true, help: 'only jobs in this status; repeat or comma-separate for several (list, stop, cancel)' },
  limit: { type: 'string', value: 'N', help: 'at most N jobs or metric rows (list, metrics)' },
  offset: { type: 'string', value: 'N', help: 'skip the first N jobs or metric rows (list, metrics)' },
  wait: { type: 'boolean', help: 'wait until each job has ended (stop, cancel)' },
  yes: { type: 'boolean', short: 'y', help: 'cancel without asking, even on a terminal (cancel)' },
  port: { type: 'string', value: 'PORT', help: `port the mock listens on; 0 picks a free one (mock; default ${DEFAULT_MOCK_PORT})` },
} as const satisfies Record<string, FlagSpec>;

/** A flag's name as typed, e.g. `--base-url URL` or `-h, --help`. */
export function flagLabel(name: keyof typeof FLAGS): string {
  const spec: FlagSpec = FLAGS[name];
  return `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
}

type ParseOptions = { [K in keyof typeof FLAGS]: Pick<(typeof FLAGS)[K], Extract<keyof (typeof FLAGS)[K], 'type' | 'short' | 'multiple'>> };

// parseArgs gets only the keys it knows; the cast restores the literal types its typed result is inferred from.
const PARSE_OPTIONS = Object.fromEntries(
  Object.entries(FLAGS).map(([name, spec]: [string, FlagSpec]) => [
    name,
    { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) },
  ]),
) as ParseOptions;

/** The flag values of one invocation, typed from {@link FLAGS}. */
export type Flags = ReturnType<typeof parseArgs<{ options: ParseOptions; allowPositionals: true; strict: true }>>['values'];

/**
 * Splits the command line into flag values and positionals.
 * @throws {UsageError} for an unknown flag, a missing value or a value given to a boolean flag.
 */
export function parseFlags(argv: readonly string[]): { values: Flags; positionals: string[] } {
  try {
    return parseArgs({ args: [...argv], options: PARSE_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) throw error;
    // Node's hint about '--' is noise here: no positional of atai-ft starts with a dash.
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
}

/**
 * Reads a whole-number flag value; undefined when the flag was not given. Range checks are the client's.
 * @throws {UsageError} when `raw` is not a whole number.
 */
export function int(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) throw new UsageError(`--${flag} must be a whole number, got '${raw}'`);
  return Number(raw);
}

/**
 * Reads a duration given in seconds (fractions allowed) and returns it in milliseconds; undefined when the flag
 * was not given.
 * @throws {UsageError} when `raw` is not a number greater than 0.
 */
export function seconds(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) throw new UsageError(`--${flag} must be a number of seconds > 0, got '${raw}'`);
  return Math.round(value * 1000);
}

/**
 * Reads the `--status` values, each of which may hold several comma-separated statuses in any case; undefined
 * when the flag was not given.
 * @throws {UsageError} naming the first value that is not a job status, and listing the valid ones.
 */
export function statuses(raw: readonly string[] | undefined): JobStatus[] | undefined {
  if (!raw) return undefined;
  const list: JobStatus[] = [];
  for (const text of raw.flatMap((s) => s.split(','))) {
    const status = text.trim().toUpperCase();
    if (!isJobStatus(status)) throw new UsageError(`unknown status '${status}'; use one of ${JOB_STATUSES.join(', ')}`);
    list.push(status);
  }
  return list;
}

/**
 * Returns the single job ID a command takes.
 * @throws {UsageError} when there is none or more than one.
 */
export function oneId(command: string, args: readonly string[]): string {
  const [id] = args;
  if (args.length !== 1 || id === undefined) throw new UsageError(`jobs ${command} takes exactly one job ID, got ${args.length}`);
  return id;
}

/**
 * Checks that a command that takes only flags was given no positionals.
 * @throws {UsageError} quoting the stray arguments.
 */
export function noArgs(command: string, args: readonly string[]): void {
  if (args.length > 0) throw new UsageError(`jobs ${command} takes no positional arguments, got '${args.join(' ')}'`);
}

/**
 * The polling settings of wait and --wait: --timeout bounds the whole wait, --interval is the first pause
 * between polls (default 2 s), and every status change goes to `onStatus`.
 * @throws {UsageError} when either flag is not a number of seconds > 0.
 */
export function waitOptions(values: Flags, onStatus: (job: Job) => void): WaitOptions {
  return { timeoutMs: seconds(values.timeout, 'timeout'), intervalMs: seconds(values.interval, 'interval') ?? DEFAULT_INTERVAL_SECONDS * 1000, onStatus };
}
