// One error tree for the whole package. Everything the client throws is an AtaiError, so callers can catch
// the package's errors apart from their own bugs; subclasses let them branch on what to do next.
import { retryAfterFromResponse } from './retry-after.js';
import type { Job } from './types.js';

/** Base class of every error this package throws. */
export class AtaiError extends Error {
  override name = 'AtaiError';

  /**
   * What `JSON.stringify(err)` gives: the name, the message and the error's own fields, never the request's
   * headers (they carry the API key). A `cause` is reduced to its message for the same reason.
   */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key === 'cause') continue;
      out[key] = value;
    }
    if (this.cause !== undefined) out.cause = this.cause instanceof Error ? this.cause.message : String(this.cause);
    return out;
  }
}

/**
 * Bad input caught before any request was sent: a job id that is empty, too long or a dot segment, a create
 * body with a missing field, a bad option. The message names the argument and how to fix it.
 */
export class ValidationError extends AtaiError {
  override name = 'ValidationError';
  /** The argument or field that is wrong, e.g. `jobId` or `body.config.model`. */
  readonly param: string;

  constructor(param: string, message: string) {
    super(message);
    this.param = param;
  }
}

/** No API key was given and `ATAI_API_KEY` is not set. Thrown by the first call, before any request. */
export class MissingApiKeyError extends AtaiError {
  override name = 'MissingApiKeyError';

  constructor() {
    super(
      'No API key: pass createClient({ apiKey }) or set the ATAI_API_KEY environment variable. ' +
        'For the offline mock (make mock), any non-empty key works.',
    );
  }
}

/**
 * One error reported by the API, whatever envelope it came in. The current envelope fills every field;
 * the legacy `{detail}` envelope gives only `message`; the older `{error: {...}}` envelope gives `code`,
 * `message` and `details`.
 */
export interface ApiErrorEntry {
  code?: string;
  message: string;
  suggestion?: string;
  error_uid?: string;
  details?: Record<string, unknown>;
}

/** Which of the documented error envelopes the body was in, if any. */
export type ErrorEnvelopeKind = 'errors' | 'detail' | 'error' | 'unknown' | 'empty';

/** What {@link ApiError.from} needs to know about a failed response. */
export interface ApiErrorInit {
  status: number;
  statusText?: string;
  headers: Headers;
  /** The response body as text, exactly as received. */
  rawBody: string;
  method: string;
  /** The request path (without the base URL's origin), e.g. `/v0.5/fine-tune/jobs/x/stop`. */
  path: string;
  /** Strings that must not appear in the error (the API key), replaced by `[REDACTED]`. */
  secrets?: readonly string[];
  /** Clock used to turn a `Retry-After` date into a wait. */
  now?: () => number;
}

/**
 * The API answered with a 4xx or 5xx status. `status`, every error `entry` and the raw body are kept; use
 * `instanceof` on the subclasses ({@link NotFoundError}, {@link ConflictError}, ...) to decide what to do.
 */
export class ApiError extends AtaiError {
  override name = 'ApiError';
  /** The HTTP status code. */
  readonly status: number;
  /** Every error in the body, in order (several can come in one response). Empty when the shape is unknown. */
  readonly errors: ApiErrorEntry[];
  /** The first error's machine-readable code, when there is one. */
  readonly code: string | undefined;
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

  constructor(init: ApiErrorInit) {
    const secrets = init.secrets ?? [];
    const rawBody = redact(init.rawBody, secrets);
    const body = parseBody(rawBody);
    const { envelope, errors } = normalize(body);
    super(formatMessage(init, envelope, errors, rawBody));
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
    this.path = init.path;
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

/** The request never got an HTTP answer: refused, reset, DNS failure. The low-level error is `cause`. */
export class ConnectionError extends AtaiError {
  override name = 'ConnectionError';
  readonly method: string;
  readonly url: string;

  constructor(method: string, url: string, cause: unknown, message?: string) {
    super(message ?? `Connection failed: ${method} ${url}: ${describeCause(cause)}`, { cause });
    this.method = method;
    this.url = url;
  }
}

/** One attempt took longer than the timeout (`timeoutMs`). */
export class ConnectionTimeoutError extends ConnectionError {
  override name = 'ConnectionTimeoutError';
  readonly timeoutMs: number;

  constructor(method: string, url: string, timeoutMs: number) {
    super(
      method,
      url,
      undefined,
      `Request timed out after ${timeoutMs} ms: ${method} ${url}. Raise timeoutMs (client or per call) if the service is just slow.`,
    );
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's `AbortSignal` fired; no further attempt is made. */
export class UserAbortError extends AtaiError {
  override name = 'UserAbortError';

  constructor(method: string, url: string, reason?: unknown) {
    super(`Request aborted by the caller: ${method} ${url}`, reason === undefined ? undefined : { cause: reason });
  }
}

/**
 * A 2xx response whose body is not the JSON the spec promises (empty, HTML from a proxy, truncated).
 * The raw text is kept.
 */
export class InvalidResponseError extends AtaiError {
  override name = 'InvalidResponseError';
  readonly status: number;
  readonly rawBody: string;

  constructor(status: number, method: string, path: string, rawBody: string, secrets: readonly string[] = []) {
    const shown = redact(rawBody, secrets);
    super(
      `${status} response to ${method} ${path} is not valid JSON (${shown.length === 0 ? 'empty body' : `${shown.length} characters`}); the raw body is in err.rawBody`,
    );
    this.status = status;
    this.rawBody = shown;
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
      return status >= 500 ? InternalServerError : ApiError;
  }
}

/**
 * Replaces every occurrence of each secret with `[REDACTED]`. Strings under 4 characters are left alone: no
 * real key is that short, and redacting one would mangle ordinary text.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  }
  return out;
}

function parseBody(rawBody: string): unknown {
  if (rawBody.trim() === '') return undefined;
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    return rawBody;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function normalize(body: unknown): { envelope: ErrorEnvelopeKind; errors: ApiErrorEntry[] } {
  if (body === undefined) return { envelope: 'empty', errors: [] };
  if (isRecord(body)) {
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      const errors = body.errors.map((entry): ApiErrorEntry => {
        if (!isRecord(entry)) return { message: optionalString(entry) ?? '' };
        return dropUndefined({
          code: optionalString(entry.code),
          message: optionalString(entry.message) ?? '',
          suggestion: optionalString(entry.suggestion),
          error_uid: optionalString(entry.error_uid),
        });
      });
      return { envelope: 'errors', errors };
    }
    if ('detail' in body && body.detail !== undefined && body.detail !== null) {
      return { envelope: 'detail', errors: [{ message: optionalString(body.detail) ?? '' }] };
    }
    if (isRecord(body.error)) {
      const e = body.error;
      return {
        envelope: 'error',
        errors: [
          dropUndefined({
            code: optionalString(e.code),
            message: optionalString(e.message) ?? '',
            details: isRecord(e.details) ? e.details : undefined,
          }),
        ],
      };
    }
  }
  return { envelope: 'unknown', errors: [] };
}

function dropUndefined<T extends object>(obj: T): T {
  for (const key of Object.keys(obj) as (keyof T)[]) {
    if (obj[key] === undefined) delete obj[key];
  }
  return obj;
}

function formatEntry(entry: ApiErrorEntry): string {
  let text = entry.code ? `${entry.code}: ${entry.message}` : entry.message;
  if (entry.error_uid) text += ` (${entry.error_uid})`;
  if (entry.suggestion) text += ` Suggestion: ${entry.suggestion}`;
  return text;
}

function formatMessage(init: ApiErrorInit, envelope: ErrorEnvelopeKind, errors: ApiErrorEntry[], rawBody: string): string {
  const head = `${init.status}`;
  if (errors.length > 0) {
    const [first] = errors;
    const sep = first?.code ? ' ' : ': ';
    return head + sep + errors.map(formatEntry).join('; ');
  }
  const statusText = init.statusText ? ` ${init.statusText}` : '';
  const where = `${init.method} ${init.path}`;
  if (envelope === 'empty') return `${head}${statusText}: empty response body (${where})`;
  const type = init.headers.get('content-type') ?? 'no content-type';
  return `${head}${statusText}: the response body is not a known error shape (${type}, ${rawBody.length} characters; ${where}); the raw body is in err.rawBody`;
}

function headersToRecord(headers: Headers, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    if (key === 'set-cookie') return;
    out[key] = redact(value, secrets);
  });
  return out;
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  // undici wraps the socket error: "fetch failed" with the useful part (ECONNREFUSED ...) in cause.
  const inner = cause.cause;
  if (inner instanceof Error) {
    const code = (inner as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${code} (${inner.message})` : inner.message;
  }
  return cause.message;
}

/** `waitForJob` gave up before the job reached the status it waited for. `lastJob` is the last record seen. */
export class WaitTimeoutError extends AtaiError {
  override name = 'WaitTimeoutError';
  readonly jobId: string;
  readonly timeoutMs: number;
  /** The last job record seen, when at least one poll succeeded. */
  readonly lastJob: Job | undefined;

  constructor(jobId: string, timeoutMs: number, lastJob: Job | undefined) {
    super(
      `Job ${jobId} was still ${lastJob?.status ?? 'unseen'} after waiting ${timeoutMs} ms. ` +
        'Raise timeoutMs, or check the job with client.jobs.get().',
    );
    this.jobId = jobId;
    this.timeoutMs = timeoutMs;
    this.lastJob = lastJob;
  }
}
