// `client.jobs`: the generated methods (generated/methods.ts, one per operation of the spec) with the behaviour no
// spec expresses layered on them, as Stainless's custom code is: create's safe retry and lost-answer recovery,
// stop and cancel with `{ wait }` and their own recovery, waiting, iterating, and bulk stop and cancel. What only
// some calls need (waiting, iterating, bulk) is imported when such a call begins, before it sends anything, so that
// an app that only stops and cancels does not load it, or bundle it up front (a web bundler makes each a chunk of its
// own). The recoveries' decisions are imported up front: they run after a request, when a failed import would
// replace the job (or the ConflictError) with an error of its own.
import { jobsMethods, type JobsMethods } from '../../generated/methods.js';
import { SURFACE } from '../../generated/surface.js';
import type { BulkOptions, BulkReport, BulkTarget } from './bulk.js';
import { unwrap } from '../operations/call.js';
import type { Clock } from '../http/clock.js';
import { ConflictError, NotFoundError, redact, UserAbortError, ValidationError } from '../errors/index.js';
import type { IterateParams } from './iterate.js';
import { callOperation, checkedRequest, createOperate, sendChecked, type OperateDeps } from '../operations/operate.js';
import { assertRequestOptions } from '../validate.js';
import type { RequestOptions } from '../http/request-options.js';
import { ENDED_BY, isThisCallsJob } from './own-doing.js';
import { existingOrConflict } from './if-exists.js';
import type { CreateJobParams, Job, JobStatus } from '../types.js';
import type { WaitForJobOptions, WaitOptions } from './wait.js';

/** Options of create: the usual request options, and what to do when a job with the body's `id` exists already. */
export interface CreateOptions extends RequestOptions {
  /**
   * `'error'` (the default): a ConflictError (409 `job_already_exists`). `'return'`: resolve to that job when its
   * name and config are those sent (as far as the spec says a record echoes them), so that re-running a pipeline is
   * safe; when they differ, the ConflictError names what differs. Needs the body's `id`.
   */
  ifExists?: 'error' | 'return';
}

/** Options of stop and cancel: the usual request options, and whether to wait until the job has ended. */
export interface EndJobOptions extends RequestOptions {
  /** Resolve only once the job has reached a terminal status (polling with these settings when an object). */
  wait?: boolean | Omit<WaitOptions, 'signal'>;
}

/**
 * The methods on `client.jobs`: one per operation of the spec ({@link JobsMethods}), create, stop and cancel with
 * the behaviour below, and the helpers built on them. Each validates its input before sending and throws a typed
 * error on failure.
 */
export interface JobsResource extends Omit<JobsMethods, 'create' | 'stop' | 'cancel'> {
  /**
   * Creates a fine-tune job; it starts in `REGISTERED`. Give an `id` to make retries safe: without one, a
   * request that may have reached the server is not retried, since that could start a second job.
   * With `{ ifExists: 'return' }`, a job that exists with this `id`, name and config is returned instead.
   * @throws {ValidationError} when the body breaks the spec's rules (`name`, `config.model`, `config.datasets`, `id`),
   * or `ifExists` is not `'error'` or `'return'` (or is `'return'` without an `id`).
   * @throws {ConflictError} when a job with this `id` already exists (and was not created by this call's own retry,
   * nor returned by `ifExists: 'return'`: then the message names the fields that differ). With `ifExists: 'return'`,
   * whatever the look-up of that job throws (but a 404: the conflict then stands).
   * @throws {ApiError} (a subclass per status) for any other error answer; {@link ConnectionError} when no answer came.
   */
  create(body: CreateJobParams, options?: CreateOptions): Promise<Job>;
  /**
   * Stops a job gracefully: an evaluation in progress finishes and the latest checkpoint is kept. Resolves to
   * the updated record, usually `STOPPING` (then `STOPPED` once finalized).
   * With `{ wait: true }` it resolves once the job has ended (normally `STOPPED`).
   * @throws {ValidationError} for a bad `jobId`.
   * @throws {ConflictError} when the job has already ended; {@link NotFoundError} when there is no such job.
   * @throws {WaitTimeoutError} when waiting with a `timeoutMs` that runs out.
   */
  stop(jobId: string, options?: EndJobOptions): Promise<Job>;
  /**
   * Cancels a job immediately: nothing is finalized and no further checkpoint is written. Resolves to the
   * updated record, usually `CANCELLED`. Use {@link JobsResource.stop} to keep the latest checkpoint.
   * With `{ wait: true }` it resolves once the job has ended.
   * @throws {ValidationError} for a bad `jobId`.
   * @throws {ConflictError} when the job has already ended; {@link NotFoundError} when there is no such job.
   * @throws {WaitTimeoutError} when waiting with a `timeoutMs` that runs out.
   */
  cancel(jobId: string, options?: EndJobOptions): Promise<Job>;
  /**
   * Polls a job until it reaches a terminal status (or one of `until`) and resolves to that record, calling
   * `onStatus` on every change. Polls back off while nothing changes.
   * @throws {WaitTimeoutError} after `timeoutMs`, with the last record seen in `lastJob`.
   * @throws {UserAbortError} when `signal` aborts; {@link NotFoundError} when there is no such job.
   * @throws {ValidationError} when `initial` is another job's record.
   */
  waitForJob(jobId: string, options?: WaitForJobOptions): Promise<Job>;
  /**
   * Iterates over every job matching `statuses`, page by page, each job once:
   * `for await (const job of client.jobs.iterate({ statuses: ['RUNNING'] }))`.
   * @throws {ValidationError} for a bad page size or status; errors of the page requests as they come.
   */
  iterate(params?: IterateParams, options?: RequestOptions): AsyncGenerator<Job, void, undefined>;
  /**
   * Stops many jobs gracefully, a bounded number at a time, slowing down on 429: these ids, or with
   * `{ statuses: ['RUNNING'] }` every job in those statuses (all listed first, each once). Resolves to every id's
   * outcome; one id's failure does not reject the whole.
   * @throws {ValidationError} when `target` is neither an array of ids nor `{ statuses }`, a status is not one,
   * or `concurrency` is not a positive integer; errors of the list requests, before any job is stopped.
   */
  stopMany(target: BulkTarget, options?: BulkOptions): Promise<BulkReport>;
  /**
   * Cancels many jobs immediately, a bounded number at a time, slowing down on 429: these ids, or with
   * `{ statuses: ['REGISTERED'] }` every job in those statuses (all listed first, each once). Resolves to every id's
   * outcome; one id's failure does not reject the whole.
   * @throws {ValidationError} when `target` is neither an array of ids nor `{ statuses }`, a status is not one,
   * or `concurrency` is not a positive integer; errors of the list requests, before any job is cancelled.
   */
  cancelMany(target: BulkTarget, options?: BulkOptions): Promise<BulkReport>;
}

/** What `client.jobs` is made of: what its operations send with, and the clock. */
export interface JobsDeps extends OperateDeps {
  readonly clock: Clock;
  /** The client's longest retry wait: stopMany/cancelMany fail an id at once rather than pause longer. */
  readonly maxRetryDelayMs: number;
}

/** Makes `client.jobs`. Never throws. */
export function createJobs(deps: JobsDeps): JobsResource {
  const { clock, maxRetryDelayMs, secrets } = deps;
  const generated = jobsMethods(createOperate(deps));

  const jobs: JobsResource = {
    ...generated,
    async create(given, options) {
      const started = clock.now();
      // Checked (and copied) first: the id and config read below are those of the body that is sent.
      const checked = checkedRequest(SURFACE.createJob, {}, given);
      const body = checked.body as CreateJobParams;
      const { ifExists = 'error', ...requestOptions } = options ?? {};
      assertRequestOptions(requestOptions);
      assertIfExists(ifExists, body.id);
      // Without a client id, a repeat that may reach the server could start a second job.
      const result = await sendChecked<Job>(deps, SURFACE.createJob, {}, checked, requestOptions, body.id !== undefined);
      // Our first attempt may have created the job before its answer was lost; the retry then meets our own job as
      // a conflict: returned only when it is ours, the same request created since this call began. With ifExists
      // 'return', a job this id names is returned when it is the same request, whenever it was made. Any 409 to a
      // create means the id is taken: it is the operation's one documented conflict, in whichever envelope it came.
      const retried = result.attempts > 1;
      if (!result.ok && result.error instanceof ConflictError && body.id !== undefined && (retried || ifExists === 'return')) {
        let existing: Job | undefined;
        let lookup: unknown;
        try {
          existing = await jobs.get(body.id, requestOptions);
        } catch (error) {
          if (error instanceof UserAbortError) throw error;
          lookup = error;
        }
        if (existing && retried && isThisCallsJob(existing, body, started)) return existing;
        if (ifExists === 'return') {
          // The job the conflict named is gone (404): the conflict stands. Any other failure of the look-up is
          // thrown as it is: the caller may retry it.
          if (!existing) throw lookup instanceof NotFoundError ? result.error : lookup;
          return existingOrConflict(existing, body, result.error, secrets);
        }
      }
      return unwrap(result);
    },
    stop: (jobId, options) => end('stop', jobId, options),
    cancel: (jobId, options) => end('cancel', jobId, options),
    async waitForJob(jobId, options) {
      // Checked as getJob checks it, before the first pause: a bad id must not wait out a poll interval.
      checkedRequest(SURFACE.getJob, { job_id: jobId }, undefined);
      // Typed a Job, but JavaScript callers may pass anything: checked as a value.
      const initial: unknown = options?.initial;
      if (initial !== undefined) {
        const record = typeof initial === 'object' && initial !== null ? (initial as { id?: unknown }) : undefined;
        if (record?.id !== jobId) {
          // Redacted: a careless caller may pass the key as an id, and the record may echo it.
          const given = record ? `the record of job ${JSON.stringify(redact(String(record.id), secrets))}` : `not a job record (${initial === null ? 'null' : typeof initial})`;
          throw new ValidationError('initial', `options.initial is ${given}, not of ${JSON.stringify(redact(jobId, secrets))}: pass the answer of this job's stop or cancel, or leave it out`);
        }
      }
      const { pollJob } = await import('./wait.js');
      return pollJob((id, signal) => jobs.get(id, { signal }), clock, jobId, options, secrets, options?.initial);
    },
    async *iterate(params, options) {
      const { iterateJobs } = await import('./iterate.js');
      yield* iterateJobs((page) => generated.list(page, options), params);
    },
    stopMany: (target, options) => many('stop', target, options),
    cancelMany: (target, options) => many('cancel', target, options),
  };

  /** stopMany or cancelMany: the target's ids (listed with the call's request options), then each ended. */
  async function many(how: 'stop' | 'cancel', target: BulkTarget, options: BulkOptions | undefined): Promise<BulkReport> {
    const { assertBulkOptions, idsOf, runMany } = await import('./bulk.js');
    // Before the jobs are listed: a bad setting must not cost a walk over every page first.
    assertBulkOptions(options);
    const ids = await idsOf(target, (statuses) => jobs.iterate({ statuses }, requestOptionsOf(options)));
    return runMany(ids, (id, o) => jobs[how](id, o), clock, maxRetryDelayMs, options, secrets);
  }

  /**
   * Stop or cancel. A retried request that meets 409 may be meeting its own first attempt, whose answer was lost
   * after the server acted: when the job is now where this call would have put it, that is success.
   */
  async function end(how: 'stop' | 'cancel', jobId: string, options: EndJobOptions | undefined): Promise<Job> {
    // Loaded and checked before the job is touched: a bad wait duration must not leave it stopped with nothing waited
    // for, nor a module that failed to load.
    const wait = options?.wait ? await import('./wait.js') : undefined;
    if (typeof options?.wait === 'object') wait?.assertWaitOptions(options.wait);
    const result = await callOperation<Job>(deps, how === 'stop' ? SURFACE.stopJob : SURFACE.cancelJob, { job_id: jobId }, undefined, options);
    let job: Job;
    if (result.ok) job = result.data;
    else if (result.error instanceof ConflictError && result.attempts > 1) {
      const now = await jobs.get(jobId, requestOptionsOf(options));
      if (!(ENDED_BY[how] as readonly JobStatus[]).includes(now.status)) throw result.error;
      job = now;
    } else throw result.error;
    if (!wait || !options?.wait) return job;
    // With `wait`, follow the job to its end: the call's signal, timeout and retries apply to every poll too.
    const waitOptions = typeof options.wait === 'object' ? options.wait : {};
    const perPoll = requestOptionsOf(options);
    // The answer just received is the first poll: the job is not asked about again until a pause later.
    return wait.pollJob((id, signal) => jobs.get(id, { ...perPoll, signal }), clock, jobId, { ...waitOptions, signal: options.signal }, secrets, job);
  }

  return jobs;
}

/** @throws {ValidationError} unless `ifExists` is `'error'`, or `'return'` with an id to look the job up by. */
function assertIfExists(ifExists: unknown, id: string | undefined): void {
  if (ifExists !== 'error' && ifExists !== 'return') {
    throw new ValidationError('ifExists', `options.ifExists must be 'error' or 'return', got ${typeof ifExists === 'string' ? JSON.stringify(ifExists) : String(ifExists)}.`);
  }
  if (ifExists === 'return' && id === undefined) {
    throw new ValidationError('ifExists', "options.ifExists 'return' needs the body's id: without one, every create starts a new job. Give the job an id of your own.");
  }
}

function requestOptionsOf(options: EndJobOptions | undefined): RequestOptions {
  const { signal, timeoutMs, maxRetries, headers } = options ?? {};
  return { signal, timeoutMs, maxRetries, headers };
}
