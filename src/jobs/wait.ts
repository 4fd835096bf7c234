// Polling a job until it reaches a status: the building block of `waitForJob` and of stop/cancel `{ wait: true }`.
import { MAX_TIMER_MS, type Clock } from '../http/clock.js';
import { redact, redactDeep, UserAbortError, WaitTimeoutError } from '../errors/index.js';
import { isTerminalStatus, type Job, type JobStatus } from '../types.js';
import { DEFAULT_POLL_INTERVAL_MS, nextPollDelay } from './poll-policy.js';
import { assertDuration } from '../validate.js';

/** Settings of `client.jobs.waitForJob()`. */
export interface WaitOptions {
  /** Also stop waiting at these statuses (a terminal status always ends the wait). */
  until?: readonly JobStatus[];
  /**
   * First pause between polls, in ms (default {@link DEFAULT_POLL_INTERVAL_MS}, 400); also the pause after a
   * status change. It grows by a quarter after each poll without a change.
   */
  intervalMs?: number;
  /** Longest pause between polls, in ms (default: 15 s, rising to 5 % of the time waited, at most 30 s). */
  maxIntervalMs?: number;
  /** Give up after this many ms with a {@link WaitTimeoutError} (default: wait as long as it takes). */
  timeoutMs?: number;
  /** Stops waiting at once with a {@link UserAbortError}. */
  signal?: AbortSignal;
  /** Called with the job record each time its status is seen to change (and with the first one seen). */
  onStatus?: (job: Job) => void;
}

/** waitForJob's options: those of every wait, and a record of the job the caller holds already. */
export interface WaitForJobOptions extends WaitOptions {
  /**
   * The job's record just received (the answer of `stop`, `cancel`, or a `stopMany` result): it counts as the first
   * poll, so the wait starts with a pause instead of asking again for what the caller knows. Its `id` must be the
   * job's.
   */
  initial?: Job;
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
 * Polls `get(jobId)` until the job's status is terminal or one of `until`, and resolves to that record. Pauses
 * follow {@link nextPollDelay}. `first`, a record just received (a stop's answer), counts as the first poll: the
 * next one comes a pause later, and when `first` already ends the wait no request is made. The deadline is
 * `timeoutMs` after the start as `clock` reads it; it also ends a poll in flight (whose `get` is given a signal that
 * aborts then), and no poll is started once it has passed.
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
  first?: Job,
): Promise<Job> {
  assertWaitOptions(options);
  // The id (a careless caller may pass the key) and the last record (a server may echo it) are shown redacted.
  const shownId = redact(jobId, secrets);
  const { signal, timeoutMs } = options;
  const settings = { intervalMs: options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS, maxIntervalMs: options.maxIntervalMs };
  const until = new Set(options.until ?? []);
  const started = clock.now();
  const deadline = timeoutMs === undefined ? Infinity : started + timeoutMs;
  let pauseMs: number | undefined;
  let last: Job | undefined;
  const aborted = () => new UserAbortError(signal?.reason, `waiting for job ${shownId}`);
  const timedOut = () => new WaitTimeoutError(shownId, timeoutMs ?? Infinity, last && (redactDeep(last, secrets) as Job));

  let job = first;
  for (;;) {
    if (job === undefined) {
      if (signal?.aborted) throw aborted();
      const left = deadline - clock.now();
      if (left <= 0) throw timedOut();
      try {
        job = await withDeadline((pollSignal) => get(jobId, pollSignal), left, signal, timedOut);
      } catch (error) {
        // Whatever form the abort took inside `get` (a UserAbortError naming the request, a fetch AbortError).
        if (signal?.aborted) throw aborted();
        throw error;
      }
    }
    const changed = job.status !== last?.status;
    if (changed) options.onStatus?.(job);
    last = job;
    if (isTerminalStatus(job.status) || until.has(job.status)) return job;
    pauseMs = nextPollDelay({ previousMs: pauseMs, changed, waitedMs: clock.now() - started }, settings);
    const pause = Math.min(pauseMs, deadline - clock.now());
    job = undefined;
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
