// Whether to try a failed attempt again, and after how long: a pure function of the attempt, what happened and the
// policy, so every rule is visible in one table (retry-policy.test.ts) and the transport only carries it out.

/** What one attempt came to, as far as retrying is concerned. */
export type AttemptOutcome =
  /** The server answered with this status; `retryAfterMs` is the wait it asked for, if any. */
  | { kind: 'answer'; status: number; retryAfterMs?: number | undefined }
  /** No byte can have reached the server (refused, DNS): safe to repeat any request. */
  | { kind: 'not-sent' }
  /** No answer, and the server may have acted (reset, timeout): safe to repeat only an idempotent request. */
  | { kind: 'no-answer' }
  /** The caller aborted: never retried. */
  | { kind: 'aborted' }
  /** The answer was larger than the client accepts: the same request would get it again. */
  | { kind: 'too-large' };

/** The retry settings in force for one call. */
export interface RetryPolicy {
  /** Retries allowed after the first attempt. */
  maxRetries: number;
  /** Whether repeating the request is harmless (false for a create without a client id). */
  idempotent: boolean;
  /** First backoff step: waits are random in [0, baseDelayMs * 2^retry). */
  baseDelayMs: number;
  /** Longest wait; a longer Retry-After is not slept but handed to the caller. */
  maxDelayMs: number;
  /** A number in [0, 1), `Math.random` outside tests. */
  random: () => number;
}

/** Try again after `waitMs`, or stop and hand the outcome to the caller. */
export type RetryDecision = { retry: true; waitMs: number } | { retry: false };

/** Statuses that can succeed when repeated unchanged: rate limiting and the server or a gateway failing. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/**
 * Decides whether attempt number `attempt` (from 1), which ended in `outcome`, is followed by another.
 * A 429 proves the server did not act, so it is retried even when the request is not idempotent. Never throws.
 */
export function decideRetry(attempt: number, outcome: AttemptOutcome, policy: RetryPolicy): RetryDecision {
  if (attempt > policy.maxRetries) return { retry: false };
  const backoff = (): RetryDecision => ({ retry: true, waitMs: backoffDelayMs(attempt - 1, policy.baseDelayMs, policy.maxDelayMs, policy.random) });
  switch (outcome.kind) {
    case 'aborted':
    case 'too-large':
      return { retry: false };
    case 'not-sent':
      return backoff();
    case 'no-answer':
      return policy.idempotent ? backoff() : { retry: false };
    case 'answer': {
      if (!RETRYABLE_STATUSES.has(outcome.status)) return { retry: false };
      if (!policy.idempotent && outcome.status !== 429) return { retry: false };
      if (outcome.retryAfterMs === undefined) return backoff();
      // A wait longer than the cap is not slept: the caller gets the 429/503 with its retryAfterMs.
      return outcome.retryAfterMs <= policy.maxDelayMs ? { retry: true, waitMs: outcome.retryAfterMs } : { retry: false };
    }
  }
}

/** Full-jitter exponential backoff: a random wait in [0, min(cap, base * 2^retry)). Never throws. */
export function backoffDelayMs(retry: number, baseMs: number, capMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** retry));
}
