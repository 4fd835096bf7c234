// Errors for requests that got no HTTP answer: refused, reset, DNS failure, or the per-attempt timeout.
import { AtaiError } from './atai-error.js';
import { redact } from './redact.js';

/** The request never got an HTTP answer: refused, reset, DNS failure. The low-level error is `cause`. */
export class ConnectionError extends AtaiError {
  override name = 'ConnectionError';
  readonly method: string;
  readonly url: string;

  /** Builds the error; the message names the socket error found in `cause`, with `secrets` redacted. Never throws. */
  constructor(method: string, url: string, cause: unknown, message?: string, secrets: readonly string[] = []) {
    super(redact(message ?? `Connection failed: ${method} ${url}: ${describeCause(cause)}`, secrets), { cause: redactedCause(cause, secrets) });
    this.method = method;
    this.url = url;
  }
}

/** One attempt took longer than the timeout (`timeoutMs`). */
export class ConnectionTimeoutError extends ConnectionError {
  override name = 'ConnectionTimeoutError';
  readonly timeoutMs: number;

  /** Builds the error; the message says which limit was hit and how to raise it. Never throws. */
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

/**
 * The cause as it may be shown: when there are secrets, a copy of the error chain (name, message, code, at most
 * four deep) with them redacted, since `inspect(err)` and `JSON.stringify(err)` show the cause.
 */
function redactedCause(cause: unknown, secrets: readonly string[], depth = 0): unknown {
  if (secrets.length === 0) return cause;
  if (!(cause instanceof Error)) return typeof cause === 'string' ? redact(cause, secrets) : cause === undefined ? undefined : typeof cause;
  const copy = new Error(redact(cause.message, secrets), depth < 4 && cause.cause !== undefined ? { cause: redactedCause(cause.cause, secrets, depth + 1) } : undefined);
  copy.name = cause.name;
  const code = (cause as Error & { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code });
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
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

/** The answer's body is larger than `maxResponseBytes`. It is dropped unread and the request is not retried. */
export class ResponseTooLargeError extends AtaiError {
  override name = 'ResponseTooLargeError';
  readonly limitBytes: number;

  /** Builds the error, naming the limit and the option that sets it. Never throws. */
  constructor(method: string, url: string, limitBytes: number) {
    super(
      `The answer to ${method} ${url} is larger than maxResponseBytes (${limitBytes} bytes), so it was dropped. ` +
        'Raise maxResponseBytes (a client option) if an answer this large is expected.',
    );
    this.limitBytes = limitBytes;
  }
}
