// `client.jobs`: one method per operation, each checking its input, sending through the transport and resolving to
// the parsed record, plus the helpers built on them (wait, iterate, bulk).
import type { Client } from 'openapi-fetch';
import type { paths } from '../generated/fine-tune.js';
import { runMany, type BulkOptions, type BulkReport } from './bulk.js';
import { call, unwrap, type BuildRequest } from './call.js';
import type { Clock } from './clock.js';
import { ConflictError, UserAbortError } from './errors/index.js';
import { iterateJobs, type IterateParams } from './iterate.js';
import type { RequestOptions } from './request-options.js';
import type { CallAnswer, ResponseValidation } from './response-check.js';
import type { Transport } from './transport.js';
import { ENDED_BY, isThisCallsJob } from './own-doing.js';
import { isJob, isJobList, isJobMetrics } from './shapes.js';
import type { CreateJobParams, Job, JobMetrics, JobStatus, ListJobsParams, PageParams } from './types.js';
import { assertCreateJobParams, assertJobId, assertListParams, assertPageParams, assertRequestOptions } from './validate.js';
import { assertWaitOptions, pollJob, type WaitOptions } from './wait.js';

/** Options of stop and cancel: the usual request options, and whether to wait until the job has ended. */
export interface EndJobOptions extends RequestOptions {
  /** Resolve only once the job has reached a terminal status (polling with these settings when an object). */
  wait?: boolean | Omit<WaitOptions, 'signal'>;
}

/** The methods on `client.jobs`. Each validates its input before sending and throws a typed error on failure. */
export interface JobsResource {
  /**
   * Creates a fine-tune job; it starts in `REGISTERED`. Give an `id` to make retries safe: without one, a
   * request that may have reached the server is not retried, since that could start a second job.
   * @throws {ValidationError} when the body lacks `name`, `config.model` or `config.datasets`, or `id` is invalid.
   * @throws {ConflictError} when a job with this `id` already exists (and was not created by this call's own retry).
   * @throws {ApiError} (a subclass per status) for any other error answer; {@link ConnectionError} when no answer came.
   */
  create(body: CreateJobParams, options?: RequestOptions): Promise<Job>;
  /**
   * Lists jobs, optionally only those in `statuses`, one page by `limit` and `offset` (limit -1, the default, is all).
   * @throws {ValidationError} for a negative offset, a limit below -1 or an unknown status.
   * @throws {ApiError} (a subclass per status) for an error answer; {@link ConnectionError} when no answer came.
   */
  list(params?: ListJobsParams, options?: RequestOptions): Promise<Job[]>;
  /**
   * Fetches one job record.
   * @throws {ValidationError} when `jobId` is empty, longer than 64 characters, `.` or `..`.
   * @throws {NotFoundError} when there is no such job; other {@link ApiError} subclasses per status.
   */
  get(jobId: string, options?: RequestOptions): Promise<Job>;
  /**
   * Fetches a job's training metrics: the latest checkpoint step and one entry per logged step.
   * @throws {ValidationError} for a bad `jobId` or pagination.
   * @throws {NotFoundError} when there is no such job; other {@link ApiError} subclasses per status.
   */
  metrics(jobId: string, params?: PageParams, options?: RequestOptions): Promise<JobMetrics>;
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
   */
  waitForJob(jobId: string, options?: WaitOptions): Promise<Job>;
  /**
   * Iterates over every job matching `statuses`, page by page, each job once:
   * `for await (const job of client.jobs.iterate({ statuses: ['RUNNING'] }))`.
   * @throws {ValidationError} for a bad page size or status; errors of the page requests as they come.
   */
  iterate(params?: IterateParams, options?: RequestOptions): AsyncGenerator<Job, void, undefined>;
  /**
   * Stops many jobs gracefully, a bounded number at a time, slowing down on 429. Resolves to every id's
   * outcome; one id's failure does not reject the whole.
   * @throws {ValidationError} when `ids` is not an array or `concurrency` is not a positive integer.
   */
  stopMany(ids: readonly string[], options?: BulkOptions): Promise<BulkReport>;
  /**
   * Cancels many jobs immediately, a bounded number at a time, slowing down on 429. Resolves to every id's
   * outcome; one id's failure does not reject the whole.
   * @throws {ValidationError} when `ids` is not an array or `concurrency` is not a positive integer.
   */
  cancelMany(ids: readonly string[], options?: BulkOptions): Promise<BulkReport>;
}

/** What `client.jobs` is made of: the request builder, the transport, the key to redact and the clock. */
export interface JobsDeps {
  /** An openapi-fetch client that builds PlainRequests; it never sends anything itself. */
  api: Client<paths>;
  transport: Transport;
  secrets: readonly string[];
  clock: Clock;
  /** The client's longest retry wait: stopMany/cancelMany fail an id at once rather than pause longer. */
  maxRetryDelayMs: number;
  /** How answers are checked against the spec; undefined: not at all. */
  validation?: ResponseValidation | undefined;
}

/** Makes `client.jobs`. Never throws. */
export function createJobs({ api, transport, secrets, clock, maxRetryDelayMs, validation }: JobsDeps): JobsResource {
  const verify = validation && ((answer: CallAnswer) => validation.verify(answer, secrets));
  const attempt = <T>(options: RequestOptions | undefined, idempotent: boolean, isShape: (v: unknown) => v is T, build: BuildRequest) => {
    assertRequestOptions(options);
    return call<T>(transport, { ...options, idempotent }, secrets, isShape, build, verify);
  };
  const send = async <T>(options: RequestOptions | undefined, isShape: (v: unknown) => v is T, build: BuildRequest): Promise<T> =>
    unwrap(await attempt<T>(options, true, isShape, build));
  const path = (jobId: string) => ({ path: { job_id: jobId } });

  const jobs: JobsResource = {
    async create(body, options) {
      assertCreateJobParams(body);
      const started = clock.now();
      const result = await attempt(options, body.id !== undefined, isJob, (fetch) => api.POST('/fine-tune/jobs', { body, parseAs: 'stream', fetch }));
      // Our first attempt may have created the job before its answer was lost; the retry then meets our own job as
      // a conflict. Return it only when it is ours: the same request, created since this call began.
      if (!result.ok && result.error instanceof ConflictError && result.attempts > 1 && body.id !== undefined) {
        // The look-up only tells whether the conflict is this call's own doing; when it fails, the conflict stands.
        const existing = await jobs.get(body.id, options).catch((error: unknown) => {
          if (error instanceof UserAbortError) throw error;
          return undefined;
        });
        if (existing && isThisCallsJob(existing, body, started)) return existing;
      }
      return unwrap(result);
    },
    async list(params, options) {
      assertListParams(params);
      const query = { limit: params?.limit, offset: params?.offset, statuses: params?.statuses ? [...params.statuses] : undefined };
      return send(options, isJobList, (fetch) => api.GET('/fine-tune/jobs', { params: { query }, parseAs: 'stream', fetch }));
    },
    async get(jobId, options) {
      assertJobId(jobId);
      return send(options, isJob, (fetch) => api.GET('/fine-tune/jobs/{job_id}', { params: path(jobId), parseAs: 'stream', fetch }));
    },
    async metrics(jobId, params, options) {
      assertJobId(jobId);
      assertPageParams(params);
      const query = { limit: params?.limit, offset: params?.offset };
      return send(options, isJobMetrics, (fetch) => api.GET('/fine-tune/jobs/{job_id}/metrics', { params: { ...path(jobId), query }, parseAs: 'stream', fetch }));
    },
    async stop(jobId, options) {
      assertJobId(jobId);
      return end('stop', jobId, options, (fetch) => api.PUT('/fine-tune/jobs/{job_id}/stop', { params: path(jobId), parseAs: 'stream', fetch }));
    },
    async cancel(jobId, options) {
      assertJobId(jobId);
      return end('cancel', jobId, options, (fetch) => api.PUT('/fine-tune/jobs/{job_id}/cancel', { params: path(jobId), parseAs: 'stream', fetch }));
    },
    async waitForJob(jobId, options) {
      assertJobId(jobId);
      return pollJob((id, signal) => jobs.get(id, { signal }), clock, jobId, options, secrets);
    },
    iterate(params, options) {
      return iterateJobs((page) => jobs.list(page, options), params);
    },
    stopMany(ids, options) {
      return runMany(ids, (id, o) => jobs.stop(id, o), clock, maxRetryDelayMs, options, secrets);
    },
    cancelMany(ids, options) {
      return runMany(ids, (id, o) => jobs.cancel(id, o), clock, maxRetryDelayMs, options, secrets);
    },
  };

  /**
   * Stop or cancel. A retried request that meets 409 may be meeting its own first attempt, whose answer was lost
   * after the server acted: when the job is now where this call would have put it, that is success.
   */
  async function end(how: 'stop' | 'cancel', jobId: string, options: EndJobOptions | undefined, build: BuildRequest): Promise<Job> {
    // Checked before the job is touched: a bad wait duration must not leave it stopped with nothing waited for.
    if (typeof options?.wait === 'object') assertWaitOptions(options.wait);
    const result = await attempt(options, true, isJob, build);
    let job: Job;
    if (result.ok) job = result.data;
    else if (result.error instanceof ConflictError && result.attempts > 1) {
      const now = await jobs.get(jobId, requestOptionsOf(options));
      if (!(ENDED_BY[how] as readonly JobStatus[]).includes(now.status)) throw result.error;
      job = now;
    } else throw result.error;
    if (!options?.wait) return job;
    // With `wait`, follow the job to its end: the call's signal, timeout and retries apply to every poll too.
    const waitOptions = typeof options.wait === 'object' ? options.wait : {};
    const perPoll = requestOptionsOf(options);
    // The answer just received is the first poll: the job is not asked about again until a pause later.
    return pollJob((id, signal) => jobs.get(id, { ...perPoll, signal }), clock, jobId, { ...waitOptions, signal: options.signal }, secrets, job);
  }

  return jobs;
}

function requestOptionsOf(options: EndJobOptions | undefined): RequestOptions {
  const { signal, timeoutMs, maxRetries, headers } = options ?? {};
  return { signal, timeoutMs, maxRetries, headers };
}
