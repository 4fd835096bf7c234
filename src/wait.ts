// Polling a job until it reaches a status: the building block of `waitForJob` and of stop/cancel `{ wait: true }`.
import type { Clock } from './clock.js';
import { UserAbortError, WaitTimeoutError } from './errors/index.js';
import { isTerminalStatus, type Job, type JobStatus } from './types.js';
import { assertNonNegative } from './validate.js';

/** Settings of `client.jobs.waitForJob()`. */
export interface WaitOptions {
  /** Also stop waiting at these statuses (a terminal status always ends the wait). */
  until?: readonly JobStatus[];
  /** First pause between polls, in ms (default 1000). It grows by half after each poll without a change. */
  intervalMs?: number;
  /** Longest pause between polls, in ms (default 15 000). */
  maxIntervalMs?: number;
  /** Give up after this many ms with a {@link WaitTimeoutError} (default: wait as long as it takes). */
  timeoutMs?: number;
  /** Stops waiting at once with a {@link UserAbortError}. */
  signal?: AbortSignal;
  /** Called with the job record each time its status is seen to change (and with the first one seen). */
  onStatus?: (job: Job) => void;
}

/**
 * Polls `get(jobId)` until the job's status is terminal or one of `until`, and resolves to that record.
 * @throws {WaitTimeoutError} after `timeoutMs`, carrying the last record seen.
 * @throws {UserAbortError} when `signal` aborts; any error of `get` (e.g. NotFoundError) as it comes.
 */
export async function pollJob(
  get: (jobId: string, signal?: AbortSignal) => Promise<Job>,
  clock: Clock,
  jobId: string,
  options: WaitOptions = {},
): Promise<Job> {
  const base = options.intervalMs ?? 1_000;
  const max = options.maxIntervalMs ?? 15_000;
  assertNonNegative(base, 'intervalMs');
  assertNonNegative(max, 'maxIntervalMs');
  assertNonNegative(options.timeoutMs, 'timeoutMs');
  const until = new Set(options.until ?? []);
  const deadline = options.timeoutMs === undefined ? Infinity : clock.now() + options.timeoutMs;
  let interval = base;
  let last: Job | undefined;

  for (;;) {
    if (options.signal?.aborted) throw new UserAbortError(options.signal.reason, `waiting for job ${jobId}`);
    const job = await get(jobId, options.signal);
    if (job.status !== last?.status) {
      options.onStatus?.(job);
      interval = base;
    } else {
      interval = Math.min(max, interval * 1.5);
    }
    last = job;
    if (isTerminalStatus(job.status) || until.has(job.status)) return job;
    const left = deadline - clock.now();
    if (left <= 0) throw new WaitTimeoutError(jobId, options.timeoutMs as number, last);
    try {
      await clock.sleep(Math.min(interval, left), options.signal);
    } catch {
      throw new UserAbortError(options.signal?.reason, `waiting for job ${jobId}`);
    }
  }
}
