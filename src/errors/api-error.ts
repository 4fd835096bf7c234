// Errors for answers the server gave: a 4xx/5xx (ApiError and a subclass per status) or a 2xx whose body is not
// the JSON the spec promises (InvalidResponseError).
import type { HeaderMap } from '../http/exchange.js';
import { retryAfterFromResponse } from '../http/retry-after.js';
import { AtaiError } from './atai-error.js';
import { formatErrorMessage, parseErrorBody, readEnvelope, type ApiErrorEntry, type ErrorEnvelopeKind } from './envelope.js';
import { redact, redactDeep } from './redact.js';

/** What {@link ApiError.from} needs to know about a failed response. */
export interface ApiErrorInit {
  status: number;
  statusText?: string;
  /** The answer's headers: a `Headers`, or anything with its `get` and `forEach`. */
  headers: HeaderMap;
  /** The response body as text, exactly as received. */
  rawBody: string;
  method: string;
  /** The request path (without the base URL's origin), e.g. `/v0.5/fine-tune/jobs/x/stop`. */
  path: string;
  /** Strings that must not appear in the error (the API key), replaced by `[REDACTED]`. */
  secrets?: readonly string[];
  /** Clock used to turn a `Retry-After` date into a wait. */
  now?: () => number;
  /** The message, when not the one built from the body (`path` and `secrets` are applied to it). */
  message?: (path: string) => string;
}

/**
 * The API answered with a status other than success: a 4xx or 5xx, any other status outside 200 to 299, or a
 * redirect the client does not follow ({@link RedirectError}). `status`, every error `entry` and the raw body are
 * kept; use `instanceof` on the subclasses ({@link NotFoundError}, {@link ConflictError}, ...) to decide what to do.
 */
export class ApiError extends AtaiError {
  override name = 'ApiError';
  /** The HTTP status code. */
  readonly status: number;
  /** Every error in the body, in order (several can come in one response). Empty when the shape is unknown. */
  readonly errors: ApiErrorEntry[];
  /**
   * The first error's machine-readable code, when there is one: one the spec documents ({@link ErrorCode}:
   * `job_already_exists`, `job_already_terminal`, `job_not_found`...) or any other the service sends.
   */
  readonly code: ApiErrorEntry['code'];
  /** The first error's `error_uid`: quote it to support. */
  readonly errorUid: string | undefined;
  /** Which envelope the body was in; `unknown` means neither of the documented ones: read `rawBody`. */
  readonly envelope: ErrorEnvelopeKind;
  /** The body parsed as JSON, or the raw text when it is not JSON. */
  readonly body: unknown;
  /** The body exactly as received (with any secret redacted). */
  readonly rawBody: string;
  /** The response headers, lower-cased (set-cookie left out). */
  readonly headers: Record<string, string>;
  /** How long the server asked to wait before retrying, from `Retry-After` or `details.retry_after`. */
  readonly retryAfterMs: number | undefined;
  readonly method: string;
  readonly path: string;

  /** Builds the error; prefer {@link ApiError.from}, which picks the subclass. Never throws. */
  constructor(init: ApiErrorInit) {
    const secrets = init.secrets ?? [];
    const rawBody = redact(init.rawBody, secrets);
    // Redacted again once parsed: a key escaped twice is escaped once in the parsed strings.
    const body = redactDeep(parseErrorBody(rawBody), secrets);
    const { envelope, errors } = readEnvelope(body);
    const path = redact(init.path, secrets);
    const statusText = init.statusText === undefined ? undefined : redact(init.statusText, secrets);
    const message = init.message ? init.message(path) : formatErrorMessage({ ...init, statusText, path, contentType: init.headers.get('content-type'), envelope, errors, rawBody });
    // The message is redacted as a whole too: the reason phrase, the content type, anything the server chose.
    super(redact(message, secrets));
    this.status = init.status;
    this.errors = errors;
    this.code = errors[0]?.code;
    this.errorUid = errors.find((e) => e.error_uid)?.error_uid;
    this.envelope = envelope;
    this.body = body;
    this.rawBody = rawBody;
    this.headers = headersToRecord(init.headers, secrets);
    this.retryAfterMs = retryAfterFromResponse(init.headers, body, init.now ?? Date.now);
    this.method = init.method;
    this.path = path;
  }

  /**
   * Builds the error for a failed response, choosing the subclass from the status. Never throws, whatever the
   * body holds (HTML, truncated JSON, nothing).
   */
  static from(init: ApiErrorInit): ApiError {
    const Class = classForStatus(init.status);
    return new Class(init);
  }
}

/** 400: the parameters or body are invalid. Fix the request; it fails again unchanged. */
export class BadRequestError extends ApiError {
  override name = 'BadRequestError';
}
/** 401: the API key is missing or invalid. */
export class AuthenticationError extends ApiError {
  override name = 'AuthenticationError';
}
/** 403: the key is valid but not permitted to do this. */
export class PermissionDeniedError extends ApiError {
  override name = 'PermissionDeniedError';
}
/** 404: no such job (or resource) in the organization. */
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
}
/** 409: the request conflicts with the current state, e.g. stopping a job that has already ended. */
export class ConflictError extends ApiError {
  override name = 'ConflictError';
}
/** 422: the request is well-formed but cannot be processed, e.g. an unknown file id. */
export class UnprocessableEntityError extends ApiError {
  override name = 'UnprocessableEntityError';
}
/** 429: rate limit exceeded. `retryAfterMs` says how long the server asked to wait, when it did. */
export class RateLimitError extends ApiError {
  override name = 'RateLimitError';
}
/** 5xx: the service or a gateway in front of it failed. Safe to retry later. */
export class InternalServerError extends ApiError {
  override name = 'InternalServerError';
}

/**
 * The server answered with a redirect (3xx) the client does not follow: any redirect of a POST or PUT (fetch would
 * repeat it as a GET and hand back the GET's answer as if the create or stop had succeeded), or one without a usable
 * `Location`. `location` says where it pointed. An {@link ApiError}, since the API answered with no result.
 */
export class RedirectError extends ApiError {
  override name = 'RedirectError';
  /** The `Location` the server redirected to, if it sent one. */
  readonly location: string | undefined;

  /** Builds the error, naming the status and the Location. Never throws. */
  constructor(init: ApiErrorInit) {
    const location = init.headers.get('location') ?? undefined;
    super({
      ...init,
      message: (path) =>
        `${init.status} redirect of ${init.method} ${path} to ${location ?? '(no Location)'} was not followed` +
        `${init.method === 'GET' || init.method === 'HEAD' ? '' : ': only GET requests follow redirects'}. Check the base URL.`,
    });
    this.location = location === undefined ? undefined : redact(location, init.secrets ?? []);
  }
}

function classForStatus(status: number): typeof ApiError {
  switch (status) {
    case 400:
      return BadRequestError;
    case 401:
      return AuthenticationError;
    case 403:
      return PermissionDeniedError;
    case 404:
      return NotFoundError;
    case 409:
      return ConflictError;
    case 422:
      return UnprocessableEntityError;
    case 429:
      return RateLimitError;
    default:
      // 600 to 999 are no HTTP status (RFC 9110 defines 100 to 599): not a server error of the 5xx kind.
      return status >= 500 && status <= 599 ? InternalServerError : ApiError;
  }
}

function headersToRecord(headers: HeaderMap, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    if (key === 'set-cookie') return;
    out[key] = redact(value, secrets);
  });
  return out;
}

/**
 * A 2xx response whose body is not the JSON the spec promises (empty, HTML from a proxy, truncated).
 * The raw text is kept.
 */
export class InvalidResponseError extends AtaiError {
  override name = 'InvalidResponseError';
  readonly status: number;
  readonly rawBody: string;

  /**
   * Builds the error with `rawBody` redacted of `secrets`; `problem` says what is wrong with the body (default: it
   * is not valid JSON). Never throws.
   */
  constructor(status: number, method: string, path: string, rawBody: string, secrets: readonly string[] = [], problem = 'is not valid JSON') {
    const shown = redact(rawBody, secrets);
    super(
      `${status} response to ${method} ${redact(path, secrets)} ${problem} (${shown.length === 0 ? 'empty body' : `${shown.length} characters`}); the raw body is in err.rawBody`,
    );
    this.status = status;
    this.rawBody = shown;
  }
}
