// Stopping or cancelling many jobs at once: a bounded number in flight, fewer (and a pause) whenever the API
// answers 429, and every id reported exactly once, as done with its job or failed with its typed error.
import type { Clock } from '../http/clock.js';
import { AtaiError, RateLimitError, redact, UserAbortError, ValidationError } from '../errors/index.js';
import type { RequestOptions, RetryInfo } from '../http/request-options.js';
import type { Job, JobStatus } from '../types.js';
import { isRecord } from '../operations/shapes.js';

/**
 * Which jobs `stopMany` / `cancelMany` end: these ids, or every job in one of these statuses (listed first, page by
 * page, each job once).
 */
export type BulkTarget = readonly string[] | { readonly statuses: readonly JobStatus[] };

/**
 * The ids of `target`: the array itself, or every job `iterate` walks in `target.statuses`, all listed before any is
 * ended (ending them while walking would move them out of the filter, and the pages under the walk).
 * @throws {ValidationError} when `target` is neither an array nor an object with `statuses` (the statuses themselves
 * are checked by `iterate`, as `list` checks them); errors of the list requests as they come, before anything is ended.
 */
export async function idsOf(target: BulkTarget, iterate: (statuses: readonly JobStatus[]) => AsyncIterable<Job>): Promise<readonly string[]> {
  // Checked as unknown: untyped callers pass anything.
  const given: unknown = target;
  if (Array.isArray(given)) return given as readonly string[];
  if (!isRecord(given) || !('statuses' in given)) {
    throw new ValidationError('target', 'Pass an array of job ids, or { statuses: [...] } to end every job in those statuses.');
  }
  // Never "every job": a missing list (undefined, from a lookup gone wrong) would be read by list as no filter.
  if (!Array.isArray(given.statuses)) {
    throw new ValidationError('statuses', `statuses must be a list of job statuses such as ['RUNNING'], got ${given.statuses === undefined ? 'nothing' : typeof given.statuses}.`);
  }
  const ids: string[] = [];
  for await (const job of iterate(given.statuses as readonly JobStatus[])) ids.push(job.id);
  return ids;
}

/** Settings of `stopMany` / `cancelMany`. */
export interface BulkOptions extends Omit<RequestOptions, 'onRetry'> {
  /** Most requests in flight at once (default 8). Halved on each 429, grown back one by one on success. */
  concurrency?: number;
  /** How many times an id refused with 429 after its own retries goes back in the queue (default 5). */
  rateLimitRequeues?: number;
  /** Called once per id, as soon as its outcome is known. */
  onResult?: (result: BulkResult) => void;
}

/** The outcome for one id. */
export type BulkResult = { id: string; ok: true; job: Job } | { id: string; ok: false; error: AtaiError };

/** Every id's outcome, in the order the ids were given (duplicates once), and the same split by outcome. */
export interface BulkReport {
  results: BulkResult[];
  succeeded: Extract<BulkResult, { ok: true }>[];
  failed: Extract<BulkResult, { ok: false }>[];
}

/**
 * Checks the bulk settings of `options`, before any request (a bulk call by status checks them before listing).
 * @throws {ValidationError} when `concurrency` is not an integer >= 1 or `rateLimitRequeues` not an integer >= 0.
 */
export function assertBulkOptions(options: BulkOptions | undefined): void {
  const { concurrency = 8, rateLimitRequeues = 5 } = options ?? {};
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new ValidationError('concurrency', `concurrency must be an integer >= 1, got ${String(concurrency)}.`);
  if (!Number.isInteger(rateLimitRequeues) || rateLimitRequeues < 0) {
    throw new ValidationError('rateLimitRequeues', `rateLimitRequeues must be an integer >= 0, got ${String(rateLimitRequeues)}.`);
  }
}

/**
 * Runs `action` for each distinct id with adaptive concurrency. Never throws for a single id's failure: that
 * id is reported failed. An id refused with 429 is requeued after a pause of its Retry-After, unless that is
 * longer than `maxPauseMs` (the client's `maxRetryDelayMs`): then it is reported failed with the
 * {@link RateLimitError} at once, as a single call would be. Ids not started when `signal` aborts are reported
 * failed with {@link UserAbortError}.
 * @throws {ValidationError} when `ids` is not an array or `concurrency` is not a positive integer.
 */
export async function runMany(
  ids: readonly string[],
  action: (id: string, options: RequestOptions) => Promise<Job>,
  clock: Clock,
  maxPauseMs: number,
  options: BulkOptions = {},
  secrets: readonly string[] = [],
): Promise<BulkReport> {
  // Checked as unknown: untyped callers pass anything, and narrowing `ids` itself would make it any[].
  const given: unknown = ids;
  if (!Array.isArray(given)) throw new ValidationError('ids', 'ids must be an array of job ids.');
  assertBulkOptions(options);
  const { concurrency: max = 8, rateLimitRequeues = 5, onResult, ...requestOptions } = options;

  const unique = [...new Set(ids)];
  const outcomes = new Map<string, BulkResult>();
  const queue = [...unique];
  const requeues = new Map<string, number>();
  const inflight = new Set<Promise<void>>();
  let limit = max;
  let pauseUntil = 0;

  const slowDown = (waitMs: number | undefined) => {
    limit = Math.max(1, limit / 2);
    // Never pause longer than a single call would sleep: the callers only pass waits within the cap, this keeps it so.
    if (waitMs !== undefined) pauseUntil = Math.max(pauseUntil, clock.now() + Math.min(waitMs, maxPauseMs));
  };
  const onRetry = (info: RetryInfo) => {
    if (info.status === 429) slowDown(info.waitMs);
  };
  const report = (result: BulkResult) => {
    outcomes.set(result.id, result);
    onResult?.(result);
  };

  const run = async (id: string) => {
    try {
      const job = await action(id, { ...requestOptions, onRetry });
      limit = Math.min(max, limit + 1 / limit);
      report({ id, ok: true, job });
    } catch (error) {
      const used = requeues.get(id) ?? 0;
      // A wait beyond the cap is the server saying "not for a long while": report it now, as a single call
      // would, rather than pausing every id for it.
      const tooLong = error instanceof RateLimitError && error.retryAfterMs !== undefined && error.retryAfterMs > maxPauseMs;
      if (error instanceof RateLimitError && !tooLong && used < rateLimitRequeues && !requestOptions.signal?.aborted) {
        requeues.set(id, used + 1);
        slowDown(error.retryAfterMs);
        queue.push(id);
        return;
      }
      report({ id, ok: false, error: error instanceof AtaiError ? error : new AtaiError(String(error), { cause: error }) });
    }
  };

  while (queue.length > 0 || inflight.size > 0) {
    if (requestOptions.signal?.aborted) break;
    if (queue.length > 0 && inflight.size < Math.floor(limit)) {
      const wait = pauseUntil - clock.now();
      if (wait > 0) {
        const until = pauseUntil;
        await clock.sleep(wait, requestOptions.signal).catch(() => undefined);
        // The pause is over once slept, whatever the clock reads now (a test clock may not move); only a later
        // 429 that pushed pauseUntil further keeps it going.
        if (pauseUntil === until) pauseUntil = 0;
        continue;
      }
      const id = queue.shift() as string;
      const task: Promise<void> = run(id).finally(() => inflight.delete(task));
      inflight.add(task);
      continue;
    }
    await Promise.race(inflight);
  }
  await Promise.all(inflight);
  for (const id of queue) {
    if (!outcomes.has(id)) report({ id, ok: false, error: new UserAbortError(requestOptions.signal?.reason, `job ${redact(id, secrets)} was not sent`) });
  }

  const results = unique.map((id) => outcomes.get(id) as BulkResult);
  return {
    results,
    succeeded: results.filter((r): r is Extract<BulkResult, { ok: true }> => r.ok),
    failed: results.filter((r): r is Extract<BulkResult, { ok: false }> => !r.ok),
  };
}
