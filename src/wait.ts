// Polling a job until it reaches a status: the building block of `waitForJob` and of stop/cancel `{ wait: true }`.
import { MAX_TIMER_MS, type Clock } from './clock.js';
import { redact, redactDeep, UserAbortError, WaitTimeoutError } from './errors/index.js';
import { isTerminalStatus, type Job, type JobStatus } from './types.js';
import { assertDuration } from './validate.js';

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
 * Checks the durations of a wait, each a number of ms from 0 to {@link MAX_TIMER_MS}: call it before a stop or
 * cancel that waits, so a mistake is refused before the job is touched.
 * @throws {ValidationError} naming `intervalMs`, `maxIntervalMs` or `timeoutMs`.
 */
export function assertWaitOptions(options: Omit<WaitOptions, 'signal'> | undefined): void {
  assertDuration(options?.intervalMs, 'intervalMs');
  assertDuration(options?.maxIntervalMs, 'maxIntervalMs');
  assertDuration(options?.timeoutMs, 'timeoutMs');
}

/**
 * Polls `get(jobId)` until the job's status is terminal or one of `until`, and resolves to that record. The
 * deadline is `timeoutMs` after the start as `clock` reads it; it also ends a poll in flight (whose `get` is
 * given a signal that aborts then), and no poll is started once it has passed.
 * @throws {ValidationError} for a bad duration (see {@link assertWaitOptions}), before polling.
 * @throws {WaitTimeoutError} at the deadline, carrying the last record seen (if any).
 * @throws {UserAbortError} when `signal` aborts; any error of `get` (e.g. NotFoundError) as it comes.
 */
export async function pollJob(
  get: (jobId: string, signal?: AbortSignal) => Promise<Job>,
  clock: Clock,
  jobId: string,
  options: WaitOptions = {},
  secrets: readonly string[] = [],
): Promise<Job> {
  assertWaitOptions(options);
  // The id (a careless caller may pass the key) and the last record (a server may echo it) are shown redacted.
  const shownId = redact(jobId, secrets);
  const { signal, timeoutMs } = options;
  const base = options.intervalMs ?? 1_000;
  const max = options.maxIntervalMs ?? 15_000;
  const until = new Set(options.until ?? []);
  const deadline = timeoutMs === undefined ? Infinity : clock.now() + timeoutMs;
  let interval = base;
  let last: Job | undefined;
  const aborted = () => new UserAbortError(signal?.reason, `waiting for job ${shownId}`);
  const timedOut = () => new WaitTimeoutError(shownId, timeoutMs ?? Infinity, last && (redactDeep(last, secrets) as Job));

  for (;;) {
    if (signal?.aborted) throw aborted();
    const left = deadline - clock.now();
    if (left <= 0) throw timedOut();
    let job: Job;
    try {
      job = await withDeadline((pollSignal) => get(jobId, pollSignal), left, signal, timedOut);
    } catch (error) {
      // Whatever form the abort took inside `get` (a UserAbortError naming the request, a fetch AbortError).
      if (signal?.aborted) throw aborted();
      throw error;
    }
    if (job.status !== last?.status) {
      options.onStatus?.(job);
      interval = base;
    } else {
      interval = Math.min(max, interval * 1.5);
    }
    last = job;
    if (isTerminalStatus(job.status) || until.has(job.status)) return job;
    const pause = Math.min(interval, deadline - clock.now());
    if (pause <= 0) continue;
    try {
      await clock.sleep(pause, signal);
    } catch {
      throw aborted();
    }
  }
}

/**
 * Runs `work` with a signal that aborts when `signal` does or after `ms`, and settles as soon as it aborts, even
 * if `work` ignores its signal: with `onDeadline()` at the deadline, with the signal's reason on an abort. The
 * timer and the listeners are removed once it settles. Rejects with whatever `work` rejects with.
 */
function withDeadline<T>(work: (signal: AbortSignal) => Promise<T>, ms: number, signal: AbortSignal | undefined, onDeadline: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const controller = new AbortController();
    const onAbort = () => {
      controller.abort(signal?.reason);
    };
    // Runs inside abort(), so the wait settles before `work` notices the abort and rejects in its own way.
    const onStop = () => {
      settle();
      reject(controller.signal.reason);
    };
    // A real timer even when a test clock is injected: a clock's sleep cannot interrupt a request, and real time
    // is what the caller measures. min() guards a clock that runs backwards; no timer without a deadline.
    const timer = Number.isFinite(ms) ? setTimeout(() => controller.abort(onDeadline()), Math.min(ms, MAX_TIMER_MS)) : undefined;
    const settle = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      controller.signal.removeEventListener('abort', onStop);
    };
    controller.signal.addEventListener('abort', onStop, { once: true });
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) {
      onAbort();
      return;
    }
    let running: Promise<T>;
    try {
      running = work(controller.signal);
    } catch (error) {
      settle();
      reject(error);
      return;
    }
    // Once settled, a later outcome of `work` (its own rejection after the abort) is ignored, never unhandled.
    void running.then(
      (value) => {
        settle();
        resolve(value);
      },
      (error: unknown) => {
        settle();
        reject(error);
      },
    );
  });
}
