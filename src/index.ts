// The public API of atai-finetune. Anything not exported here is internal and may change without notice.
/**
 * The fine-tune jobs client: `createClient`, `client.jobs` and `client.raw`, the typed errors and the spec's types.
 * @module atai-finetune
 */
export {
  createClient,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_RETRY_DELAY_MS,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_TIMEOUT_MS,
} from './client.js';
export type { ClientOptions, FineTuneClient } from './client.js';
export type { TransportKind } from './http/choose-exchange.js';
export type { CreateOptions, EndJobOptions, JobsResource } from './jobs/jobs.js';
export { systemClock } from './http/clock.js';
export { DEFAULT_POLL_INTERVAL_MS } from './jobs/poll-policy.js';
export type { Clock } from './http/clock.js';
export type { RequestOptions, RetryInfo } from './http/request-options.js';
export type { WaitForJobOptions, WaitOptions } from './jobs/wait.js';
export type { IterateParams } from './jobs/iterate.js';
export type { BulkOptions, BulkReport, BulkResult, BulkTarget } from './jobs/bulk.js';
export type { Logger } from './http/logger.js';
export type { CallAnswer, ResponseAnswer, ResponseValidation, SpecDrift } from './response-check.js';
export type { HeaderMap } from './http/exchange.js';
export {
  AtaiError,
  ValidationError,
  MissingApiKeyError,
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  ConnectionError,
  ConnectionTimeoutError,
  ResponseTooLargeError,
  UserAbortError,
  InvalidResponseError,
  RedirectError,
  WaitTimeoutError,
} from './errors/index.js';
export type { ApiErrorEntry, ApiErrorInit, ErrorCode, ErrorEnvelopeKind } from './errors/index.js';
export { ERROR_CODES } from '../generated/facts.js';
export { JOB_STATUSES, TERMINAL_STATUSES, isJobStatus, isTerminalStatus } from './types.js';
export type { TerminalStatus, CreateJobParams, PageParams, GetJobMetricsParams, ListJobsParams, JobsMethods } from './types.js';
// Every schema of the spec by its name (Job, JobStatus, JobConfig, ...): a schema the spec adds is public with it.
export type * from '../generated/schemas.js';
export type { paths, components, operations } from '../generated/fine-tune.js';
