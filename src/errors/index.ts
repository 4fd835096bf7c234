// The package's error tree in one import: the classes live in one file per kind of failure.
export { AtaiError } from './atai-error.js';
export { ValidationError, MissingApiKeyError, UserAbortError, WaitTimeoutError } from './local-errors.js';
export {
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  InvalidResponseError,
  RedirectError,
  type ApiErrorInit,
} from './api-error.js';
export { ConnectionError, ConnectionTimeoutError, ResponseTooLargeError } from './connection-error.js';
export type { ApiErrorEntry, ErrorCode, ErrorEnvelopeKind } from './envelope.js';
export { redact, redactDeep } from './redact.js';
