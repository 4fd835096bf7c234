// How long the server asked us to wait. No rate-limit header is documented, but a robust client honours one
// when it comes anyway, and the older error envelope put the wait in `details.retry_after` (seconds).

/**
 * Reads the wait the server asked for, in milliseconds: `retry-after-ms`, then `Retry-After` (seconds or an
 * HTTP date), then the older envelope's `error.details.retry_after`. Returns undefined when there is none or
 * it cannot be read. Never throws.
 */
export function retryAfterFromResponse(headers: Headers, body: unknown, now: () => number): number | undefined {
  const ms = Number(headers.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;

  const header = headers.get('retry-after');
  if (header !== null && header.trim() !== '') {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(header);
    if (Number.isFinite(date)) return Math.max(0, date - now());
  }

  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = body.error;
    if (typeof error === 'object' && error !== null && 'details' in error) {
      const details = error.details;
      if (typeof details === 'object' && details !== null && 'retry_after' in details) {
        const seconds = Number(details.retry_after);
        if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
      }
    }
  }
  return undefined;
}
