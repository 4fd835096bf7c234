// The one place that talks to the network: it adds the key, enforces the per-attempt timeout, retries what can
// succeed unchanged, and logs. openapi-fetch builds the request (URL, encoding, body) and hands it here as its
// `fetch`, so the raw openapi-fetch client gets the same behaviour as the facade.
import { ConnectionError, ConnectionTimeoutError, MissingApiKeyError, UserAbortError, redact } from './errors.js';
import { retryAfterFromResponse } from './retry-after.js';
import type { Logger } from './logger.js';

/** Client-wide settings of the transport, after defaults. */
export interface TransportSettings {
  /** Returns the key, or throws MissingApiKeyError; read per request so a key set later is picked up. */
  apiKey: () => string;
  fetch: typeof globalThis.fetch;
  headers: Headers;
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
}

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
// Socket errors raised before a byte was sent: the server cannot have acted on the request.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** Full-jitter exponential backoff: a random wait in [0, min(cap, base * 2^retry)). */
export function backoffDelayMs(retry: number, baseMs: number, capMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** retry));
}

/**
 * Makes the `fetch` that openapi-fetch calls for one request. The response it resolves to has its body fully
 * read (so the timeout covers the body too, and the body can be read again); HTTP errors come back as
 * responses, network failures as typed errors.
 */
export function createCallFetch(settings: TransportSettings, ctx: CallContext): (input: Request) => Promise<Response> {
  return async (request: Request): Promise<Response> => {
    const key = settings.apiKey();
    const secrets = [key];
    const timeoutMs = ctx.timeoutMs ?? settings.timeoutMs;
    const maxRetries = ctx.maxRetries ?? settings.maxRetries;
    const url = new URL(request.url);
    const where = `${request.method} ${url.pathname}${url.search}`;
    const headers = new Headers(settings.headers);
    request.headers.forEach((value, name) => headers.set(name, value));
    for (const [name, value] of Object.entries(ctx.headers ?? {})) headers.set(name, value);
    headers.set('authorization', `Bearer ${key}`);
    const body = request.body === null ? undefined : await request.arrayBuffer();

    for (let retry = 0; ; retry++) {
      if (ctx.signal?.aborted) throw new UserAbortError(request.method, request.url, ctx.signal.reason);
      ctx.attempts = retry + 1;
      const started = settings.clock.now();
      const attempt = await sendOnce(settings.fetch, request, headers, body, timeoutMs, ctx.signal);
      const duration = settings.clock.now() - started;

      let waitMs: number | undefined;
      let outcome: string;
      if ('error' in attempt) {
        const { error } = attempt;
        outcome = error.name;
        const retryable =
          error instanceof ConnectionError && (ctx.idempotent || (!(error instanceof ConnectionTimeoutError) && NOT_SENT_CODES.has(socketCode(error.cause) ?? '')));
        if (!retryable || retry >= maxRetries) {
          log(settings, secrets, { where, outcome, attempt: retry + 1, duration });
          throw error;
        }
        waitMs = backoffDelayMs(retry, settings.retryBaseDelayMs, settings.maxRetryDelayMs, settings.random);
      } else {
        const { response, bytes } = attempt;
        outcome = String(response.status);
        const retryable = RETRYABLE_STATUSES.has(response.status) && (ctx.idempotent || response.status === 429);
        if (retryable && retry < maxRetries) {
          const asked = retryAfterFromResponse(response.headers, parseJson(bytes), () => settings.clock.now());
          // A wait longer than the cap is not slept: the caller gets the 429/503 with its retryAfterMs.
          if (asked === undefined || asked <= settings.maxRetryDelayMs) {
            waitMs = asked ?? backoffDelayMs(retry, settings.retryBaseDelayMs, settings.maxRetryDelayMs, settings.random);
          }
        }
        if (waitMs === undefined) {
          log(settings, secrets, { where, outcome, attempt: retry + 1, duration });
          return new Response(NULL_BODY_STATUSES.has(response.status) ? null : bytes, {
            status: response.status,
            statusText: response.statusText,
            headers: response.headers,
          });
        }
      }
      log(settings, secrets, { where, outcome, attempt: retry + 1, duration, waitMs });
      ctx.onRetry?.('error' in attempt ? { attempt: retry + 1, waitMs, error: attempt.error } : { attempt: retry + 1, waitMs, status: attempt.response.status });
      try {
        await settings.clock.sleep(waitMs, ctx.signal);
      } catch {
        throw new UserAbortError(request.method, request.url, ctx.signal?.reason);
      }
    }
  };
}

type Attempt = { response: Response; bytes: ArrayBuffer } | { error: ConnectionError | UserAbortError };

async function sendOnce(
  fetchImpl: typeof globalThis.fetch,
  request: Request,
  headers: Headers,
  body: ArrayBuffer | undefined,
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
    const response = await fetchImpl(
      new Request(request.url, { method: request.method, headers, body: body ?? null, signal: controller.signal, redirect: request.redirect }),
    );
    // Read the body inside the attempt so that the timeout and the retry decision cover it.
    const bytes = await response.arrayBuffer();
    return { response, bytes };
  } catch (cause) {
    if (userSignal?.aborted) return { error: new UserAbortError(request.method, request.url, userSignal.reason) };
    if (timedOut) return { error: new ConnectionTimeoutError(request.method, request.url, timeoutMs) };
    return { error: new ConnectionError(request.method, request.url, cause) };
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

function parseJson(bytes: ArrayBuffer): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

interface LogFields {
  where: string;
  outcome: string;
  attempt: number;
  duration: number;
  waitMs?: number;
}

function log(settings: TransportSettings, secrets: readonly string[], f: LogFields): void {
  if (!settings.logger) return;
  const wait = f.waitMs === undefined ? '' : ` retry_in=${f.waitMs}ms`;
  settings.logger.debug(redact(`${f.where} -> ${f.outcome} attempt=${f.attempt} duration=${Math.round(f.duration)}ms${wait}`, secrets));
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
