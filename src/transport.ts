// The one place that talks to the network: it adds the key, enforces the per-attempt timeout, retries what can
// succeed unchanged, and logs. openapi-fetch builds the request (URL, encoding, body) and hands it here as its
// `fetch`, so the raw openapi-fetch client gets the same behaviour as the facade.
import { ConnectionError, ConnectionTimeoutError, UserAbortError, redact } from './errors.js';
import { retryAfterFromResponse } from './retry-after.js';
import type { Logger } from './logger.js';

/** Client-wide settings of the transport, after defaults. */
export interface TransportSettings {
  /** Returns the key, or throws MissingApiKeyError or ValidationError before anything is sent. */
  apiKey: () => string;
  fetch: typeof globalThis.fetch;
  /** Headers sent with every request, names lower-cased. */
  headers: Record<string, string>;
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  maxRetryDelayMs: number;
  logger: Logger | undefined;
  clock: Clock;
  random: () => number;
}

/** Where the client reads the time and how it waits: replace it to run retries and polling on a test clock. */
export interface Clock {
  /** Milliseconds, monotonic enough for measuring waits. */
  now(): number;
  /** Resolves after `ms`, or rejects as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** What `onRetry` is told before each wait. */
export interface RetryInfo {
  /** The attempt that failed, from 1. */
  attempt: number;
  /** How long the client waits before the next attempt. */
  waitMs: number;
  /** The HTTP status that is retried, when there was an answer. */
  status?: number;
  /** The connection error that is retried, when there was no answer. */
  error?: Error;
}

/** Options every call accepts; each overrides the client's setting for that call only. */
export interface RequestOptions {
  /** Aborts the call, including any retry wait; no further attempt is made. */
  signal?: AbortSignal;
  /** Time limit of one attempt, in ms (the client's `timeoutMs` by default). */
  timeoutMs?: number;
  /** How many times to retry a retryable failure (the client's `maxRetries` by default); 0 disables. */
  maxRetries?: number;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
  /** Called before each retry wait, e.g. to log progress or to slow other work down on 429. */
  onRetry?: (info: RetryInfo) => void;
}

/** What the transport needs to know about one call beyond the request itself. */
export interface CallContext extends RequestOptions {
  /**
   * False for a create without a client id: once such a request may have reached the server, repeating it
   * could start a second job, so only failures that prove it was not processed (429, refused connection)
   * are retried.
   */
  idempotent: boolean;
  /** Filled in by the transport: how many attempts were sent. */
  attempts: number;
  /**
   * The facade reads the body from `responseText` and asks openapi-fetch not to (parseAs: 'stream'), so a
   * successful response is handed back already consumed instead of being copied into a new Response.
   */
  bodyInContext?: boolean;
  /** Filled in by the transport: the final response's body as text, and the URL it answered. */
  responseText?: string;
  url?: string;
}

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
// Socket errors raised before a byte was sent: the server cannot have acted on the request.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * What openapi-fetch builds for the facade instead of a WHATWG Request (through its `Request` option): the URL,
 * method, headers and body, nothing more. fetch() builds the real Request from these once; building one here
 * as well doubled the cost of a call (on Node 20 every Request also allocates an AbortSignal).
 */
export class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: RequestInit['body'] | null;
  readonly redirect: NonNullable<RequestInit['redirect']>;

  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.method = init.method ?? 'GET';
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
    this.redirect = init.redirect ?? 'follow';
  }
}

/** Full-jitter exponential backoff: a random wait in [0, min(cap, base * 2^retry)). */
export function backoffDelayMs(retry: number, baseMs: number, capMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** retry));
}

/**
 * Makes the `fetch` that openapi-fetch calls for one request. Each attempt reads the whole body (so the timeout
 * covers it too) into `ctx.responseText`; the response handed back is a fresh one with that body, or, for the
 * facade's successful calls, the consumed original. HTTP errors come back as responses (after any retries),
 * network failures as typed errors.
 */
export function createCallFetch(settings: TransportSettings, ctx: CallContext): (input: Request | PlainRequest) => Promise<Response> {
  return async (request: Request | PlainRequest): Promise<Response> => {
    const key = settings.apiKey();
    const timeoutMs = ctx.timeoutMs ?? settings.timeoutMs;
    const maxRetries = ctx.maxRetries ?? settings.maxRetries;
    const { method, url } = request;
    ctx.url = url;
    // A plain object, not a Headers instance: this runs on every call and fetch copies it anyway.
    const headers: Record<string, string> = { ...settings.headers };
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    if (ctx.headers) for (const [name, value] of Object.entries(ctx.headers)) headers[name.toLowerCase()] = value;
    headers.authorization = `Bearer ${key}`;
    const init: RequestInit = { method, headers, redirect: request.redirect };
    // A real Request (from the raw client) holds its body as a stream: read it once, to send it on every attempt.
    if (request instanceof PlainRequest) {
      if (request.body !== null) init.body = request.body;
    } else if (request.body !== null) {
      init.body = await request.arrayBuffer();
    }

    for (let retry = 0; ; retry++) {
      if (ctx.signal?.aborted) throw new UserAbortError(method, url, ctx.signal.reason);
      ctx.attempts = retry + 1;
      const started = settings.clock.now();
      const attempt = await sendOnce(settings.fetch, url, init, timeoutMs, ctx.signal);
      const duration = settings.clock.now() - started;

      let waitMs: number | undefined;
      let outcome: string;
      if ('error' in attempt) {
        const { error } = attempt;
        outcome = error.name;
        const retryable =
          error instanceof ConnectionError && (ctx.idempotent || (!(error instanceof ConnectionTimeoutError) && NOT_SENT_CODES.has(socketCode(error.cause) ?? '')));
        if (!retryable || retry >= maxRetries) {
          log(settings, key, { method, url, outcome, attempt: retry + 1, duration });
          throw error;
        }
        waitMs = backoffDelayMs(retry, settings.retryBaseDelayMs, settings.maxRetryDelayMs, settings.random);
      } else {
        const { response, text } = attempt;
        outcome = String(response.status);
        const retryable = RETRYABLE_STATUSES.has(response.status) && (ctx.idempotent || response.status === 429);
        if (retryable && retry < maxRetries) {
          const asked = retryAfterFromResponse(response.headers, parseJson(text), () => settings.clock.now());
          // A wait longer than the cap is not slept: the caller gets the 429/503 with its retryAfterMs.
          if (asked === undefined || asked <= settings.maxRetryDelayMs) {
            waitMs = asked ?? backoffDelayMs(retry, settings.retryBaseDelayMs, settings.maxRetryDelayMs, settings.random);
          }
        }
        if (waitMs === undefined) {
          log(settings, key, { method, url, outcome, attempt: retry + 1, duration });
          ctx.responseText = text;
          if (ctx.bodyInContext && response.ok) return response;
          return new Response(NULL_BODY_STATUSES.has(response.status) ? null : text, {
            status: response.status,
            statusText: response.statusText,
            headers: response.headers,
          });
        }
      }
      log(settings, key, { method, url, outcome, attempt: retry + 1, duration, waitMs });
      ctx.onRetry?.('error' in attempt ? { attempt: retry + 1, waitMs, error: attempt.error } : { attempt: retry + 1, waitMs, status: attempt.response.status });
      try {
        await settings.clock.sleep(waitMs, ctx.signal);
      } catch {
        throw new UserAbortError(method, url, ctx.signal?.reason);
      }
    }
  };
}

type Attempt = { response: Response; text: string } | { error: ConnectionError | UserAbortError };

async function sendOnce(
  fetchImpl: typeof globalThis.fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  userSignal: AbortSignal | undefined,
): Promise<Attempt> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort(userSignal?.reason);
  userSignal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await fetchImpl(url, { ...init, signal: controller.signal });
    // Read the body inside the attempt so that the timeout and the retry decision cover it.
    const text = await response.text();
    return { response, text };
  } catch (cause) {
    const method = init.method ?? 'GET';
    if (userSignal?.aborted) return { error: new UserAbortError(method, url, userSignal.reason) };
    if (timedOut) return { error: new ConnectionTimeoutError(method, url, timeoutMs) };
    return { error: new ConnectionError(method, url, cause) };
  } finally {
    clearTimeout(timer);
    userSignal?.removeEventListener('abort', onAbort);
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

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

interface LogFields {
  method: string;
  url: string;
  outcome: string;
  attempt: number;
  duration: number;
  waitMs?: number;
}

function log(settings: TransportSettings, key: string, f: LogFields): void {
  if (!settings.logger) return;
  const { pathname, search } = new URL(f.url);
  const wait = f.waitMs === undefined ? '' : ` retry_in=${f.waitMs}ms`;
  settings.logger.debug(redact(`${f.method} ${pathname}${search} -> ${f.outcome} attempt=${f.attempt} duration=${Math.round(f.duration)}ms${wait}`, [key]));
}

/** The real clock: `Date.now` and `setTimeout`. */
export const systemClock: Clock = { now: () => Date.now(), sleep: abortableSleep };

/** Waits `ms`, or rejects as soon as `signal` aborts. */
function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
