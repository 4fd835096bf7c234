// One attempt of a request: send it, read the whole body, all under an exact per-attempt timer and the caller's
// signal. Failures come back as values, classified for the retry policy, never thrown.
import { ConnectionError, ConnectionTimeoutError, redact, UserAbortError } from './errors/index.js';

/** What one attempt came to: an answer with its body read, or a typed error and whether the server may have acted. */
export type Attempt =
  | { response: Response; text: string }
  | { error: ConnectionError | UserAbortError; kind: 'not-sent' | 'no-answer' | 'aborted' };

// Socket errors raised before a byte was sent: the server cannot have acted on the request.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Sends `init` to `url` once and reads the body, giving up after `timeoutMs` or when `signal` aborts. Never
 * throws: a failure is returned as a ConnectionError, ConnectionTimeoutError or UserAbortError.
 */
export async function attempt(
  fetchImpl: typeof globalThis.fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  secrets: readonly string[],
): Promise<Attempt> {
  const method = init.method ?? 'GET';
  // The URL can hold the key (a careless caller may pass it as a job id): errors show it redacted.
  const shownUrl = redact(url, secrets);
  const controller = new AbortController();
  // Set by the timer; `as boolean` because TypeScript cannot see a callback assign it.
  let timedOut = false as boolean;
  // Ends the body read below. Called by the timer and the caller's signal directly: a custom fetch's body may
  // ignore the request's signal, and one more listener on it would cost every call.
  let stopReading: ((reason: unknown) => void) | undefined;
  const abort = (reason?: unknown) => {
    controller.abort(reason);
    stopReading?.(controller.signal.reason);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    abort();
  }, timeoutMs);
  const onAbort = () => {
    abort(signal?.reason);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await fetchImpl(url, { ...init, signal: controller.signal });
    // Read the body inside the attempt so that the timeout and the retry decision cover it.
    const text = await new Promise<string>((resolve, reject) => {
      if (controller.signal.aborted) reject(controller.signal.reason);
      stopReading = reject;
      response.text().then(resolve, reject);
    });
    return { response, text };
  } catch (cause) {
    if (signal?.aborted) return { error: new UserAbortError(signal.reason, `${method} ${shownUrl}`), kind: 'aborted' };
    if (timedOut) return { error: new ConnectionTimeoutError(method, shownUrl, timeoutMs), kind: 'no-answer' };
    const kind = NOT_SENT_CODES.has(socketCode(cause) ?? '') ? 'not-sent' : 'no-answer';
    return { error: new ConnectionError(method, shownUrl, cause, undefined, secrets), kind };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function socketCode(cause: unknown): string | undefined {
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}
