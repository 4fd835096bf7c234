// The one place that talks to the network. openapi-fetch builds the request (URL, encoding, body); this adds the
// key and headers, runs attempts under the per-attempt timeout, retries what the retry policy allows, logs, and
// returns the final answer with its body read. Nothing is written back into the caller's objects.
import { attempt } from './attempt.js';
import type { Clock } from './clock.js';
import type { WireAnswer, Exchange, Outgoing } from './exchange.js';
import { parseErrorBody } from '../errors/envelope.js';
import { UserAbortError, redact } from '../errors/index.js';
import { formatAttemptLine, type Logger } from './logger.js';
import type { PlainRequest } from './plain-request.js';
import type { SendOptions } from './request-options.js';
import { retryAfterFromResponse } from './retry-after.js';
import { decideRetry, RETRYABLE_STATUSES, type AttemptOutcome } from './retry-policy.js';

/** Client-wide settings of the transport, after defaults. */
export interface TransportSettings {
  /** Returns the key, or throws MissingApiKeyError or ValidationError before anything is sent. */
  readonly apiKey: () => string;
  /** How an attempt goes over the network: fetch, or undici on Node (resolved at the first call). */
  readonly exchange: () => Exchange | Promise<Exchange>;
  /** Headers sent with every request, names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Most bytes of an answer's body the client reads. */
  readonly maxResponseBytes: number;
  readonly maxRetries: number;
  readonly retryBaseDelayMs: number;
  readonly maxRetryDelayMs: number;
  readonly logger: Logger | undefined;
  readonly clock: Clock;
  readonly random: () => number;
}

/** What a request finally received, after any retries: the answer, the attempts it took, and what was asked. */
export type Received = WireAnswer & {
  /** How many attempts were sent, from 1. */
  readonly attempts: number;
  /** The method and URL that were requested (where any redirect led is `finalUrl`). */
  readonly method: string;
  readonly url: string;
};

/** Sends requests with the client's settings. */
export interface Transport {
  /**
   * Sends `request` until it gets an answer the retry policy accepts, and returns it whatever its status.
   * @throws {MissingApiKeyError | ValidationError} from the key check, before anything is sent.
   * @throws {ConnectionError} (or {@link ConnectionTimeoutError}) when the last attempt got no answer, or the Node
   * transport could not be loaded; {@link ResponseTooLargeError} for an answer over `maxResponseBytes`.
   * @throws {UserAbortError} when `options.signal` aborts, also during a retry wait.
   */
  readonly send: (request: Request | PlainRequest, options: SendOptions) => Promise<Received>;
}

/** Makes the transport of one client. Never throws. */
export function createTransport(settings: TransportSettings): Transport {
  return { send: (request, options) => send(settings, request, options) };
}

async function send(settings: TransportSettings, request: Request | PlainRequest, options: SendOptions): Promise<Received> {
  const key = settings.apiKey();
  const { method, url } = request;
  const outgoing = outgoingOf(settings, request, key);
  // A facade call's body is the JSON text openapi-fetch made; a Request's is a stream, read once to send it on every
  // attempt.
  if (typeof request.body === 'string') outgoing.body = request.body;
  else if (request.body) outgoing.body = await (request as Request).arrayBuffer();
  // Resolved once the first call has loaded it: no await (one more turn of the event loop) after that.
  const pending = settings.exchange();
  const exchange = pending instanceof Promise ? await pending : pending;
  const timeoutMs = options.timeoutMs ?? settings.timeoutMs;
  const policy = {
    maxRetries: options.maxRetries ?? settings.maxRetries,
    idempotent: options.idempotent,
    baseDelayMs: settings.retryBaseDelayMs,
    maxDelayMs: settings.maxRetryDelayMs,
    random: settings.random,
  };
  const secrets = [key];
  const log = (fields: { outcome: string; attempt: number; durationMs: number; waitMs?: number }) =>
    settings.logger?.debug(redact(formatAttemptLine({ method, url, ...fields }), secrets));

  for (let n = 1; ; n++) {
    if (options.signal?.aborted) throw new UserAbortError(options.signal.reason, `${method} ${redact(url, secrets)}`);
    const started = settings.clock.now();
    const result = await attempt(exchange, url, outgoing, { timeoutMs, maxBytes: settings.maxResponseBytes, signal: options.signal, secrets });
    const durationMs = settings.clock.now() - started;
    const outcome: AttemptOutcome =
      'error' in result
        ? { kind: result.kind }
        : { kind: 'answer', status: result.answer.status, retryAfterMs: retryAfterOf(result.answer, settings.clock) };
    const decision = decideRetry(n, outcome, policy);
    const outcomeName = 'error' in result ? result.error.name : String(result.answer.status);
    if (!decision.retry) {
      log({ outcome: outcomeName, attempt: n, durationMs });
      if ('error' in result) throw result.error;
      // Field by field: a spread of the answer costs more, on every call.
      const { status, statusText, headers, text, finalUrl } = result.answer;
      return { status, statusText, headers, text, finalUrl, attempts: n, method, url };
    }
    log({ outcome: outcomeName, attempt: n, durationMs, waitMs: decision.waitMs });
    options.onRetry?.(
      'error' in result ? { attempt: n, waitMs: decision.waitMs, error: result.error } : { attempt: n, waitMs: decision.waitMs, status: result.answer.status },
    );
    try {
      await settings.clock.sleep(decision.waitMs, options.signal);
    } catch {
      throw new UserAbortError(options.signal?.reason, `${method} ${redact(url, secrets)}`);
    }
  }
}

/** The request sent on every attempt: the client's headers, then the request's (a call's own among them), then the key. */
function outgoingOf(settings: TransportSettings, request: Request | PlainRequest, key: string): Outgoing {
  // A plain object, not a Headers instance: this runs on every call, and both exchanges take a plain object.
  const headers: Record<string, string> = { ...settings.headers };
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  headers.authorization = `Bearer ${key}`;
  // Only a GET or HEAD may follow a redirect: fetch would turn a redirected POST or PUT into a GET and hand back
  // the GET's answer as if the create or stop had been done.
  const follow = (request.method === 'GET' || request.method === 'HEAD') && request.redirect !== 'manual' && request.redirect !== 'error';
  return { method: request.method, headers, follow };
}

function retryAfterOf(answer: WireAnswer, clock: Clock): number | undefined {
  // Only a retryable status makes the body worth parsing for the older envelope's details.retry_after.
  if (!RETRYABLE_STATUSES.has(answer.status)) return undefined;
  return retryAfterFromResponse(answer.headers, parseErrorBody(answer.text), () => clock.now());
}
