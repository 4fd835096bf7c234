// The facade: typed methods that return the job record or throw a typed error. The openapi-fetch client
// underneath stays reachable as `client.raw` for callers who prefer `{ data, error }` unions.
import createFetchClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/fine-tune.js';
import { ApiError, InvalidResponseError, MissingApiKeyError, ValidationError } from './errors.js';
import { loggerFromEnv, type Logger } from './logger.js';
import { runMany, type BulkOptions, type BulkReport } from './bulk.js';
import { iterateJobs, type IterateParams } from './iterate.js';
import { createCallFetch, PlainRequest, systemClock, type CallContext, type Clock, type RequestOptions, type TransportSettings } from './transport.js';
import type { CreateJobParams, Job, JobMetrics, ListJobsParams, PageParams } from './types.js';
import { pollJob, type WaitOptions } from './wait.js';
import { assertCreateJobParams, assertJobId, assertListParams, assertNonNegative, assertPageParams } from './validate.js';

/** The production base URL; paths start at `/fine-tune`. */
export const DEFAULT_BASE_URL = 'https://api.u1.archetypeai.app/v0.5';
/** Default time limit of one attempt. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Default number of retries of a retryable failure. */
export const DEFAULT_MAX_RETRIES = 2;

/** Settings of {@link createClient}. Every one is optional. */
export interface ClientOptions {
  /** The API key. Defaults to the `ATAI_API_KEY` environment variable. */
  apiKey?: string;
  /** Defaults to `ATAI_BASE_URL`, then {@link DEFAULT_BASE_URL}; point it at a mock to work offline. */
  baseUrl?: string;
  /** The `fetch` to use, e.g. one with a proxy agent. Defaults to the global `fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every request. `Authorization` is always set from the key. */
  headers?: Record<string, string>;
  /** Time limit of one attempt, in ms (default 60 000). */
  timeoutMs?: number;
  /** Retries of 429, 5xx and network failures (default 2); 0 disables. */
  maxRetries?: number;
  /** First backoff step in ms (default 500); waits are random in [0, base * 2^retry). */
  retryBaseDelayMs?: number;
  /** Longest single wait in ms (default 30 000). A `Retry-After` longer than this is not slept but thrown. */
  maxRetryDelayMs?: number;
  /** Receives one debug line per attempt. Defaults to stderr when `ATAI_LOG=debug`, else none. */
  logger?: Logger;
  /** Where time is read and how waits are made; replace it to run retries and polling on a test clock. */
  clock?: Clock;
}

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

/** A client for the fine-tune jobs API. */
export interface FineTuneClient {
  readonly jobs: JobsResource;
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /**
   * The underlying openapi-fetch client, typed from the spec, answering `{ data, error, response }` instead of
   * throwing. It shares the key, retries, timeouts and logging of this client.
   */
  readonly raw: Client<paths>;
}

/**
 * Creates a client. Nothing is sent and the key is not required yet: a missing key is reported by the first
 * call, so a client can be built before the environment is complete.
 * @throws {ValidationError} when `baseUrl` is not an http(s) URL or a numeric option is negative.
 */
export function createClient(options: ClientOptions = {}): FineTuneClient {
  const baseUrl = (options.baseUrl ?? (process.env.ATAI_BASE_URL || DEFAULT_BASE_URL)).replace(/\/+$/, '');
  let parsed: URL | undefined;
  try {
    parsed = new URL(baseUrl);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol)) {
    throw new ValidationError('baseUrl', `baseUrl must be an http(s) URL such as ${DEFAULT_BASE_URL}, got ${JSON.stringify(baseUrl)}.`);
  }
  validateRequestOptions(options);
  assertNonNegative(options.retryBaseDelayMs, 'retryBaseDelayMs');
  assertNonNegative(options.maxRetryDelayMs, 'maxRetryDelayMs');
  const apiKey = options.apiKey ?? process.env.ATAI_API_KEY;
  let validKey: string | undefined;
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  const settings: TransportSettings = {
    // Checked at the first call, not here, so a client can be built before the environment is complete.
    apiKey: () => (validKey ??= checkedKey(apiKey)),
    fetch: options.fetch ?? globalThis.fetch,
    headers,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
    maxRetryDelayMs: options.maxRetryDelayMs ?? 30_000,
    logger: options.logger ?? loggerFromEnv(),
    clock: options.clock ?? systemClock,
    random: Math.random,
  };
  const contextFor = (options: RequestOptions | undefined, idempotent: boolean): CallContext => {
    validateRequestOptions(options);
    return { ...options, idempotent, attempts: 0 };
  };
  // The raw client's own calls carry no per-call context: they get client-wide settings, POST not retried.
  const raw = createFetchClient<paths>({
    baseUrl,
    fetch: (request: Request) => createCallFetch(settings, contextFor(undefined, request.method !== 'POST'))(request),
  });
  // The facade's own openapi-fetch client: same paths and serialization, but it builds PlainRequests.
  const internal = createFetchClient<paths>({ baseUrl, Request: PlainRequest as unknown as typeof Request });
  const secrets = () => (apiKey ? [apiKey] : []);

  // Sends one facade call. openapi-fetch builds the request (parseAs 'stream' so it leaves the body alone);
  // the transport reads the body once into ctx.responseText, and this parses it or turns it into an error.
  async function call<T>(
    ctx: CallContext,
    method: string,
    send: (fetch: (r: Request) => Promise<Response>) => Promise<{ response: Response }>,
  ): Promise<T> {
    ctx.bodyInContext = true;
    const { response } = await send(createCallFetch(settings, ctx));
    const rawText = ctx.responseText ?? '';
    if (!response.ok) {
      throw ApiError.from({
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        rawBody: rawText,
        method,
        path: pathOf(ctx.url),
        secrets: secrets(),
      });
    }
    try {
      return JSON.parse(rawText) as T;
    } catch {
      throw new InvalidResponseError(response.status, method, pathOf(ctx.url), rawText, secrets());
    }
  }

  const jobs: JobsResource = {
    async create(body, options) {
      assertCreateJobParams(body);
      const ctx = contextFor(options, body.id !== undefined);
      try {
        return await call<Job>(ctx, 'POST', (fetch) => internal.POST('/fine-tune/jobs', { body, parseAs: 'stream', fetch }));
      } catch (error) {
        // Our first attempt may have created the job before its answer was lost; the retry then meets our own
        // job as a conflict. Return it rather than fail (and never create a second one).
        if (error instanceof ApiError && error.status === 409 && ctx.attempts > 1 && body.id !== undefined) {
          const existing = await jobs.get(body.id, options);
          if (existing.name === body.name) return existing;
        }
        throw error;
      }
    },
    async list(params, options) {
      assertListParams(params);
      const query = { limit: params?.limit, offset: params?.offset, statuses: params?.statuses ? [...params.statuses] : undefined };
      return call<Job[]>(contextFor(options, true), 'GET', (fetch) =>
        internal.GET('/fine-tune/jobs', { params: { query }, parseAs: 'stream', fetch }),
      );
    },
    async get(jobId, options) {
      assertJobId(jobId);
      return call<Job>(contextFor(options, true), 'GET', (fetch) =>
        internal.GET('/fine-tune/jobs/{job_id}', { params: { path: { job_id: jobId } }, parseAs: 'stream', fetch }),
      );
    },
    async metrics(jobId, params, options) {
      assertJobId(jobId);
      assertPageParams(params);
      const query = { limit: params?.limit, offset: params?.offset };
      return call<JobMetrics>(contextFor(options, true), 'GET', (fetch) =>
        internal.GET('/fine-tune/jobs/{job_id}/metrics', { params: { path: { job_id: jobId }, query }, parseAs: 'stream', fetch }),
      );
    },
    async stop(jobId, options) {
      assertJobId(jobId);
      const job = await call<Job>(contextFor(options, true), 'PUT', (fetch) =>
        internal.PUT('/fine-tune/jobs/{job_id}/stop', { params: { path: { job_id: jobId } }, parseAs: 'stream', fetch }),
      );
      return options?.wait ? waitAfter(jobId, options) : job;
    },
    async cancel(jobId, options) {
      assertJobId(jobId);
      const job = await call<Job>(contextFor(options, true), 'PUT', (fetch) =>
        internal.PUT('/fine-tune/jobs/{job_id}/cancel', { params: { path: { job_id: jobId } }, parseAs: 'stream', fetch }),
      );
      return options?.wait ? waitAfter(jobId, options) : job;
    },
    async waitForJob(jobId, options) {
      assertJobId(jobId);
      return pollJob((id, signal) => jobs.get(id, { signal }), settings.clock, jobId, options);
    },
    iterate(params, options) {
      return iterateJobs((page) => jobs.list(page, options), params);
    },
    stopMany(ids, options) {
      return runMany(ids, (id, o) => jobs.stop(id, o), settings.clock, options);
    },
    cancelMany(ids, options) {
      return runMany(ids, (id, o) => jobs.cancel(id, o), settings.clock, options);
    },
  };

  // stop/cancel answer STOPPING or CANCELLED; with `wait`, follow the job to its end with the same signal.
  function waitAfter(jobId: string, options: EndJobOptions): Promise<Job> {
    const waitOptions = typeof options.wait === 'object' ? options.wait : {};
    return jobs.waitForJob(jobId, { ...waitOptions, signal: options.signal });
  }

  return { jobs, baseUrl, raw };
}

function pathOf(url: string | undefined): string {
  return url ? new URL(url).pathname : '';
}

function checkedKey(apiKey: string | undefined): string {
  if (apiKey === undefined || apiKey === '') throw new MissingApiKeyError();
  // A key with a line break or a non-ASCII character cannot be a header value; fetch's own error would quote it.
  if (!/^[\x21-\x7e]+$/.test(apiKey)) {
    throw new ValidationError(
      'apiKey',
      'The API key contains a space, a line break or a non-ASCII character, so it cannot be sent in a header. Check for a trailing newline where it was read from.',
    );
  }
  return apiKey;
}

function validateRequestOptions(options: Pick<RequestOptions, 'timeoutMs' | 'maxRetries'> | undefined): void {
  if (options?.timeoutMs !== undefined && !(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)) {
    throw new ValidationError('timeoutMs', `timeoutMs must be a number of milliseconds > 0, got ${String(options.timeoutMs)}.`);
  }
  assertNonNegative(options?.maxRetries, 'maxRetries');
}
