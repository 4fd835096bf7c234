// The parsers that turn flag values and positionals into what the client takes. Every range is checked here, so
// a mistake is reported with the flag as the user typed it (`--timeout`), never with the client's option name
// (`timeoutMs`) in a unit the user did not type.
import { baseUrlProblem, DEFAULT_BASE_URL } from '../base-url.js';
import { MAX_TIMER_MS } from '../http/clock.js';
import { isJobStatus, JOB_STATUSES, type JobStatus } from '../types.js';
import { MAX_CONFORMANCE_JOBS } from '../validation/limits.js';
import { UsageError } from './errors.js';

/** The longest --timeout or --interval, in ms: the client's own limit for every duration. */
export const MAX_DURATION_MS = MAX_TIMER_MS;

/** The whole numbers a flag takes. */
export interface Range {
  min: number;
  max?: number | undefined;
  /** What the number means, e.g. `-1 lists all`. */
  note?: string | undefined;
}

// By flag name, so that each whole-number flag is checked the same way wherever it is read.
const RANGES: Readonly<Record<string, Range>> = {
  'max-retries': { min: 0 },
  'max-jobs': { min: 1, max: MAX_CONFORMANCE_JOBS },
  port: { min: 0, max: 65_535 },
};

/**
 * Reads a whole-number flag value (`--max-retries`, `--port`, or a query parameter's with the `range` of its rule);
 * undefined when the flag was not given.
 * @throws {UsageError} when `raw` is not a whole number, or is outside the flag's range (or above 2^53).
 */
export function int(raw: string, flag: string, range?: Range): number;
export function int(raw: string | undefined, flag: string, range?: Range): number | undefined;
export function int(raw: string | undefined, flag: string, range: Range = RANGES[flag] ?? { min: -Infinity }): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) throw new UsageError(`--${flag} must be a whole number, got '${raw}'`);
  const value = Number(raw);
  // Past 2^53 the number is no longer the one typed, and past 1e21 it would be sent in exponent form.
  if (!Number.isSafeInteger(value)) throw new UsageError(`--${flag} is too large, got '${raw}'`);
  if (value < range.min || value > (range.max ?? Infinity)) {
    const bounds = range.max === undefined ? `>= ${range.min}` : `from ${range.min} to ${range.max}`;
    throw new UsageError(`--${flag} must be a whole number ${bounds}${range.note ? ` (${range.note})` : ''}, got '${raw}'`);
  }
  return value;
}

/**
 * Reads a duration given in seconds (fractions allowed) and returns it in whole milliseconds; undefined when the
 * flag was not given.
 * @throws {UsageError} when `raw` is not a number > 0, rounds to 0 ms, or is above {@link MAX_DURATION_MS}.
 */
export function seconds(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) throw new UsageError(`--${flag} must be a number of seconds > 0, got '${raw}'`);
  const ms = Math.round(value * 1000);
  // Refused rather than rounded up: a limit of 0.0001 s is more likely a typo than a wish for 1 ms.
  if (ms < 1) throw new UsageError(`--${flag} must be at least 0.001 seconds, got '${raw}'`);
  if (ms > MAX_DURATION_MS) throw new UsageError(`--${flag} must be at most ${Math.floor(MAX_DURATION_MS / 1000)} seconds (24 days), got '${raw}'`);
  return ms;
}

/**
 * The API base URL: --base-url, else ATAI_BASE_URL, else the default.
 * @throws {UsageError} naming whichever of the two gave a value that is not an http(s) URL, or holds credentials,
 * a query or a fragment.
 */
export function baseUrl(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const url = flag ?? (env.ATAI_BASE_URL || DEFAULT_BASE_URL);
  const problem = baseUrlProblem(url.replace(/\/+$/, ''));
  if (problem !== undefined) throw new UsageError(`${flag === undefined ? 'ATAI_BASE_URL' : '--base-url'} ${problem}`);
  return url;
}

/**
 * Reads the `--status` values, each of which may hold several comma-separated statuses, each written as the API
 * writes it (upper case, as `isJobStatus` takes it); undefined when the flag was not given.
 * @throws {UsageError} naming the first value that is not a job status, and listing the valid ones.
 */
export function statuses(raw: readonly string[] | undefined): JobStatus[] | undefined {
  if (!raw) return undefined;
  const list: JobStatus[] = [];
  for (const text of raw.flatMap((s) => s.split(','))) {
    const status = text.trim();
    if (!isJobStatus(status)) throw new UsageError(enumProblem('status', status, JOB_STATUSES));
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
  noArgsFor(`jobs ${command}`, args);
}

/**
 * Checks that a command (named as typed after `atai-ft`, e.g. `conformance`) was given no positionals.
 * @throws {UsageError} quoting the stray arguments.
 */
export function noArgsFor(command: string, args: readonly string[]): void {
  if (args.length > 0) throw new UsageError(`${command} takes no positional arguments, got '${args.join(' ')}'`);
}

/**
 * Why `text` is none of `values`, naming the value it was meant to be when only its case differs. Never throws.
 */
export function enumProblem(name: string, text: string, values: readonly unknown[]): string {
  const meant = values.find((value) => typeof value === 'string' && value.toUpperCase() === text.toUpperCase());
  if (typeof meant === 'string') return `unknown ${name} '${text}': write it as the API does, '${meant}'`;
  return `unknown ${name} '${text}'; use one of ${values.join(', ')}`;
}
