// The client's defaults, in a module of their own so that what only prints them (the CLI's help) need not load the
// client.
/** Default time limit of one attempt. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Default number of retries of a retryable failure. */
export const DEFAULT_MAX_RETRIES = 2;
/** Default most bytes of an answer's body: far above any real page of jobs, far below what would exhaust memory. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/** Default first backoff step: retry waits are random in [0, this * 2^retry). */
export const DEFAULT_RETRY_BASE_DELAY_MS = 500;
/** Default longest single retry wait; a longer `Retry-After` is thrown, not slept. */
export const DEFAULT_MAX_RETRY_DELAY_MS = 30_000;
