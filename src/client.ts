// `createClient`: resolves the options (environment included) once, and wires the transport, the typed
// `client.jobs` and the raw openapi-fetch client to it. No request is sent here.
import createFetchClient, { createQuerySerializer, type Client } from 'openapi-fetch';
import type { paths } from '../generated/fine-tune.js';
import { systemClock, type Clock } from './http/clock.js';
import { baseUrlProblem, DEFAULT_BASE_URL } from './base-url.js';
import { readEnv } from './env.js';
import { MissingApiKeyError, ValidationError } from './errors/index.js';
import { clientFetch } from './http/client-fetch.js';
import { chooseExchange, type TransportKind } from './http/choose-exchange.js';
import { createJobs, type JobsResource } from './jobs/jobs.js';
import { loggerFromEnv, type Logger } from './http/logger.js';
import { createTransport, type TransportSettings } from './http/transport.js';
import type { ResponseValidation } from './response-check.js';
import { assertDuration, assertRequestOptions, assertResponseValidation } from './validate.js';
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_DELAY_MS, DEFAULT_RETRY_BASE_DELAY_MS, DEFAULT_TIMEOUT_MS } from './defaults.js';

export { DEFAULT_BASE_URL };
export { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_DELAY_MS, DEFAULT_RETRY_BASE_DELAY_MS, DEFAULT_TIMEOUT_MS };

/** Settings of {@link createClient}. Every one is optional. */
export interface ClientOptions {
  /** The API key. Defaults to the `ATAI_API_KEY` environment variable. */
  apiKey?: string;
  /** Defaults to `ATAI_BASE_URL`, then {@link DEFAULT_BASE_URL}; point it at a mock to work offline. */
  baseUrl?: string;
  /**
   * The `fetch` to send with, e.g. a mock's; requests then always go through it. Without one, Node sends with
   * undici (`transport`), other runtimes with the global `fetch`.
   */
  fetch?: typeof globalThis.fetch;
  /**
   * How requests are sent: `auto` (the default) is undici's request API on Node, faster than fetch, with
   * HTTPS_PROXY / HTTP_PROXY / NO_PROXY honoured, and the global `fetch` on other runtimes (browsers, Deno, Bun) or
   * when `fetch` is given; `node` or `fetch` chooses one.
   */
  transport?: TransportKind;
  /** Headers sent with every request. `Authorization` is always set from the key. */
  headers?: Record<string, string>;
  /** Time limit of one attempt, in ms (default 60 000). */
  timeoutMs?: number;
  /** Most bytes of an answer's body ({@link DEFAULT_MAX_RESPONSE_BYTES}); a larger one is a ResponseTooLargeError. */
  maxResponseBytes?: number;
  /** Retries of 429, 5xx and network failures (default 2); 0 disables. */
  maxRetries?: number;
  /** First backoff step in ms ({@link DEFAULT_RETRY_BASE_DELAY_MS}); waits are random in [0, base * 2^retry). */
  retryBaseDelayMs?: number;
  /** Longest single wait in ms ({@link DEFAULT_MAX_RETRY_DELAY_MS}). A longer `Retry-After` is not slept but thrown. */
  maxRetryDelayMs?: number;
  /** Receives one debug line per attempt. Defaults to stderr when `ATAI_LOG=debug`, else none. */
  logger?: Logger;
  /** Where time is read and how waits are made; replace it to run retries and polling on a test clock. */
  clock?: Clock;
  /**
   * Check every answer of a facade call against the spec: `specValidation('warn' | 'throw')` from
   * `atai-finetune/validation`. Off when left out (the default), which adds nothing to the client or its bundle.
   */
  validateResponses?: ResponseValidation;
}

/** A client for the fine-tune jobs API. */
export interface FineTuneClient {
  readonly jobs: JobsResource;
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /**
   * The underlying openapi-fetch client, typed from the spec, answering `{ data, error, response }` instead of
   * throwing. It shares the key, retries, timeouts and logging of this client, and honours a `signal` per call.
   */
  readonly raw: Client<paths>;
}

/**
 * Creates a client. Nothing is sent and the key is not required yet: a missing key is reported by the first
 * call, so a client can be built before the environment is complete. Works where there is no `process` global.
 * @throws {ValidationError} when `baseUrl` is not an http(s) URL or holds credentials, a query or a fragment, a numeric option is negative,
 * `validateResponses` is not what `specValidation` makes, or `transport` is unknown or cannot be used here.
 */
export function createClient(options: ClientOptions = {}): FineTuneClient {
  const baseUrl = checkedBaseUrl(options.baseUrl ?? (readEnv('ATAI_BASE_URL') || DEFAULT_BASE_URL));
  assertRequestOptions(options);
  assertDuration(options.retryBaseDelayMs, 'retryBaseDelayMs');
  assertDuration(options.maxRetryDelayMs, 'maxRetryDelayMs');
  if (options.maxResponseBytes !== undefined && !(Number.isSafeInteger(options.maxResponseBytes) && options.maxResponseBytes > 0)) {
    throw new ValidationError('maxResponseBytes', `maxResponseBytes must be a whole number of bytes > 0, got ${String(options.maxResponseBytes)}.`);
  }
  assertResponseValidation(options.validateResponses);
  const apiKey = options.apiKey ?? readEnv('ATAI_API_KEY');
  let validKey: string | undefined;
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  const settings: TransportSettings = {
    // Checked at the first call, not here, so a client can be built before the environment is complete.
    apiKey: () => (validKey ??= checkedKey(apiKey)),
    exchange: chooseExchange(options.transport, options.fetch),
    headers,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    retryBaseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS,
    maxRetryDelayMs: options.maxRetryDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS,
    logger: options.logger ?? loggerFromEnv(),
    clock: options.clock ?? systemClock,
    random: Math.random,
  };
  const secrets = apiKey ? [apiKey] : [];
  const transport = createTransport(settings);
  const send = clientFetch(transport, secrets);
  // One transport for both: `client.raw` sends with a fetch over it answering real Responses, each `client.jobs` call
  // passes openapi-fetch a fetch of its own carrying the call's options to it. Two openapi-fetch clients, so that
  // middleware a user adds to `client.raw` never meets a facade call. A raw call honours its Request's signal; its
  // POST (a create) is retried only when nothing can have reached the server.
  const raw = createFetchClient<paths>({ baseUrl, fetch: (request) => send(request, { idempotent: request.method !== 'POST', signal: request.signal }) });
  // openapi-fetch's own query serializer, made once: given none, it makes one on every call.
  const api = createFetchClient<paths>({ baseUrl, querySerializer: createQuerySerializer() });
  const jobs = createJobs({ api, send: transport.send, secrets, clock: settings.clock, maxRetryDelayMs: settings.maxRetryDelayMs, validation: options.validateResponses });
  return { jobs, baseUrl, raw };
}

function checkedBaseUrl(raw: string): string {
  const baseUrl = raw.replace(/\/+$/, '');
  const problem = baseUrlProblem(baseUrl);
  if (problem !== undefined) throw new ValidationError('baseUrl', `baseUrl ${problem}.`);
  return baseUrl;
}

function checkedKey(apiKey: string | undefined): string {
  if (apiKey === undefined || apiKey === '') throw new MissingApiKeyError();
  // A key with a line break or a non-ASCII character cannot be a header value; fetch's own error would quote it.
  if (!/^[\x21-\x7e]+$/.test(apiKey)) {
    throw new ValidationError(
      'apiKey',
      'The API key contains a space, a line break or a non-ASCII character, so it cannot be sent in a header. Check for a trailing newline where it was read from.',
    );
  }
  // Far longer than any real key; the redaction pattern built from the key grows with it.
  if (apiKey.length > MAX_API_KEY_LENGTH) {
    throw new ValidationError('apiKey', `The API key is ${apiKey.length} characters long; keys are at most ${MAX_API_KEY_LENGTH}. Check that the whole file was not read instead of the key.`);
  }
  return apiKey;
}

const MAX_API_KEY_LENGTH = 512;
