// The options every call accepts, and what `onRetry` is told. Shared by the facade, the transport, bulk and wait.

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

/**
 * What the transport needs to know about one call besides its Request: the caller's options (its headers are in the
 * Request) and whether a repeat is harmless.
 */
export interface SendOptions extends Readonly<Omit<RequestOptions, 'headers'>> {
  /**
   * False for a create without a client id: once such a request may have reached the server, repeating it
   * could start a second job, so only failures that prove it was not processed (429, refused connection)
   * are retried.
   */
  readonly idempotent: boolean;
}
