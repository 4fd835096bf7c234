// The mock's requests-per-second limit: fixed one-second windows on the mock's clock, and the 429 past them.
import type { Clock } from '../src/http/clock.js';
import { MockApiError } from './answer.js';

/**
 * At most `perSecond` requests in each fixed one-second window, the first window starting at the first request;
 * undefined or 0 means no limit.
 */
export class RateLimiter {
  private window = { start: 0, count: 0 };

  /** A limiter reading the time from `clock`. Never throws. */
  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private perSecond: number | undefined,
  ) {}

  /** Changes the limit and starts counting afresh. Never throws. */
  setLimit(perSecond: number | undefined): void {
    this.perSecond = perSecond;
    this.window = { start: 0, count: 0 };
  }

  /**
   * Counts one request, if the window has room for it.
   * @param now When the request came (default: the clock's time now); the HTTP layer passes the time it logged, so
   * that the log and the limit agree on which window each request fell in.
   * @returns undefined when the request is let through, else the whole seconds (at least 1) until the window ends,
   * for Retry-After. Never throws.
   */
  admit(now: number = this.clock.now()): number | undefined {
    if (!this.perSecond) return undefined;
    if (now - this.window.start >= 1000) this.window = { start: now, count: 0 };
    if (this.window.count < this.perSecond) {
      this.window.count++;
      return undefined;
    }
    return Math.max(1, Math.ceil((this.window.start + 1000 - now) / 1000));
  }
}

/** The 429 a rate-limited request gets. Never throws. */
export function rateLimitError(retryAfterSeconds: number): MockApiError {
  return new MockApiError(429, 'rate_limit_exceeded', 'Too many requests.', 'Retry after the time in Retry-After.', {
    'retry-after': String(retryAfterSeconds),
  });
}
