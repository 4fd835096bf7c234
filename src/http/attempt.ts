// One attempt of a request: send it, read the whole body, all under an exact per-attempt timer and the caller's
// signal. Failures come back as values, classified for the retry policy, never thrown.
import { ConnectionError, ConnectionTimeoutError, redact, ResponseTooLargeError, UserAbortError } from '../errors/index.js';
import { PROXY_TUNNEL_CLOSED, TooLarge, type WireAnswer, type Exchange, type Outgoing, type StopSignal } from './exchange.js';

/** What one attempt came to: an answer with its body read, or a typed error and whether the server may have acted. */
export type Attempt =
  | { answer: WireAnswer }
  | { error: ConnectionError | UserAbortError | ResponseTooLargeError; kind: 'not-sent' | 'no-answer' | 'aborted' | 'too-large' };

/** The limits of one attempt. */
export interface AttemptLimits {
  /** Time for the answer and its whole body, in ms. */
  timeoutMs: number;
  /** Most bytes of body read (after decompression); a larger answer is a ResponseTooLargeError. */
  maxBytes: number;
  /** The caller's signal: aborting it ends the attempt with a UserAbortError. */
  signal: AbortSignal | undefined;
  /** Redacted from every URL and message of the errors made here. */
  secrets: readonly string[];
}

// Socket errors raised before a byte was sent: the server cannot have acted on the request. The last is the Node
// transport's own, for a proxy that closed before the tunnel to the API was open (node-proxy.ts).
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH', PROXY_TUNNEL_CLOSED]);

/**
 * Sends `request` to `url` once through `exchange` and reads the body, giving up after `timeoutMs`, past
 * `maxBytes` or when `signal` aborts. Never throws: a failure is returned as a ConnectionError,
 * ConnectionTimeoutError, ResponseTooLargeError or UserAbortError.
 */
export async function attempt(exchange: Exchange, url: string, request: Outgoing, limits: AttemptLimits): Promise<Attempt> {
  const { timeoutMs, maxBytes, signal, secrets } = limits;
  const method = request.method;
  const stop = new Stop();
  // Set by the timer; `as boolean` because TypeScript cannot see a callback assign it.
  let timedOut = false as boolean;
  // Ends the attempt whatever the exchange does with the signal: a custom fetch (or its body) may ignore it. Called by
  // the timer and the caller's signal directly, since one more listener on the signal would cost every call.
  let stopWaiting: ((reason: unknown) => void) | undefined;
  const abort = (reason?: unknown) => {
    stop.abort(reason);
    stopWaiting?.(stop.reason);
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
    // The answer and its whole body, read inside the attempt so that the timeout and the retry decision cover both.
    const answer = await new Promise<WireAnswer>((resolve, reject) => {
      stopWaiting = reject;
      if (stop.aborted) reject(stop.reason);
      else exchange(url, request, stop, maxBytes).then(resolve, reject);
    });
    return { answer };
  } catch (cause) {
    // The URL can hold the key (a careless caller may pass it as a job id): errors show it redacted.
    const shownUrl = redact(url, secrets);
    if (cause instanceof TooLarge) return { error: new ResponseTooLargeError(method, shownUrl, maxBytes), kind: 'too-large' };
    if (signal?.aborted) return { error: new UserAbortError(signal.reason, `${method} ${shownUrl}`), kind: 'aborted' };
    if (timedOut) return { error: new ConnectionTimeoutError(method, shownUrl, timeoutMs), kind: 'no-answer' };
    const kind = NOT_SENT_CODES.has(socketCode(cause) ?? '') ? 'not-sent' : 'no-answer';
    return { error: new ConnectionError(method, shownUrl, cause, undefined, secrets), kind };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The {@link StopSignal} of one attempt: aborted once, by its timer or the caller's signal. */
class Stop implements StopSignal {
  aborted = false;
  reason: unknown = undefined;
  private listeners: (() => void)[] = [];

  addEventListener(_type: 'abort', listener: () => void): void {
    this.listeners.push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const at = this.listeners.indexOf(listener);
    if (at >= 0) this.listeners.splice(at, 1);
  }

  /** Aborts once, telling every listener; `reason` defaults to an AbortError, as AbortController's does. */
  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason ?? new DOMException('This operation was aborted', 'AbortError');
    for (const listener of this.listeners.splice(0)) listener();
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
