// One attempt of a request: send it, read the whole body, all under an exact per-attempt timer and the caller's
// signal. Failures come back as values, classified for the retry policy, never thrown.
import { ConnectionError, ConnectionTimeoutError, redact, ResponseTooLargeError, UserAbortError } from './errors/index.js';

/** What one attempt came to: an answer with its body read, or a typed error and whether the server may have acted. */
export type Attempt =
  | { response: Response; text: string }
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

// Socket errors raised before a byte was sent: the server cannot have acted on the request.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Sends `init` to `url` once and reads the body, giving up after `timeoutMs`, past `maxBytes` or when `signal`
 * aborts. Never throws: a failure is returned as a ConnectionError, ConnectionTimeoutError, ResponseTooLargeError
 * or UserAbortError.
 */
export async function attempt(fetchImpl: typeof globalThis.fetch, url: string, init: RequestInit, limits: AttemptLimits): Promise<Attempt> {
  const { timeoutMs, maxBytes, signal, secrets } = limits;
  const method = init.method ?? 'GET';
  const controller = new AbortController();
  // Set by the timer; `as boolean` because TypeScript cannot see a callback assign it.
  let timedOut = false as boolean;
  // Ends the attempt whatever `fetch` does with the signal: a custom fetch (or its body) may ignore it. Called by
  // the timer and the caller's signal directly, since one more listener on the signal would cost every call.
  let stopWaiting: ((reason: unknown) => void) | undefined;
  const abort = (reason?: unknown) => {
    controller.abort(reason);
    stopWaiting?.(controller.signal.reason);
  };
  // The answer and its whole body, read inside the attempt so that the timeout and the retry decision cover both.
  const exchange = async () => {
    const response = await fetchImpl(url, { ...init, signal: controller.signal });
    return { response, text: await readText(response, maxBytes, controller.signal) };
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
    return await new Promise<{ response: Response; text: string }>((resolve, reject) => {
      stopWaiting = reject;
      if (controller.signal.aborted) reject(controller.signal.reason);
      else exchange().then(resolve, reject);
    });
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

// Thrown by readText past the limit; attempt() turns it into the ResponseTooLargeError naming the request.
class TooLarge extends Error {}

/**
 * The body as text, at most `maxBytes` of it. A plain body whose Content-Length fits is read by `text()`, the
 * fast way; one of unknown length or compressed (a small compressed body can unpack to gigabytes) is counted as it
 * comes and dropped as soon as it passes the limit.
 */
async function readText(response: Response, maxBytes: number, signal: AbortSignal): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  const encoding = response.headers.get('content-encoding');
  const plain = encoding === null || encoding === 'identity';
  if (plain && Number.isFinite(declared) && declared <= maxBytes) return response.text();
  if (!response.body) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const onAbort = () => {
    reader.cancel(signal.reason).catch(() => undefined);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    if (plain && declared > maxBytes) throw new TooLarge();
    const decoder = new TextDecoder();
    let text = '';
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      bytes += value.byteLength;
      if (bytes > maxBytes) throw new TooLarge();
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
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
