// The public API of atai-finetune. Anything not exported here is internal and may change without notice.
export { createClient, DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from './client.js';
export type { ClientOptions, FineTuneClient, JobsResource } from './client.js';
export type { RequestOptions } from './transport.js';
export type { Logger } from './logger.js';
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
  UserAbortError,
  InvalidResponseError,
} from './errors.js';
export type { ApiErrorEntry, ErrorEnvelopeKind } from './errors.js';
export { JOB_STATUSES, TERMINAL_STATUSES, isTerminalStatus } from './types.js';
export type {
  Job,
  JobStatus,
  TerminalStatus,
  JobConfig,
  Dataset,
  CreateJobParams,
  JobMetrics,
  MetricPoint,
  ErrorDetail,
  ListJobsParams,
  PageParams,
} from './types.js';
export type { paths, components, operations } from '../generated/fine-tune.js';
