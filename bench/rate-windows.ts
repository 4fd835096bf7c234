// How much of a rate limit a run used, counted the way the mock's limit counts (mock/faults.ts RateLimiter): fixed
// one-second windows, each opened by the first request after the previous one has lasted its second, each letting
// `perSecond` requests through. Requests divided by elapsed time is not that: the first window is used up at
// once, so a run of a few windows reads far above the limit (867 % was seen for a run inside one window).

/** One window as the limit counted it. */
export interface RateWindow {
  /** When its first request came, in ms on the mock's clock. */
  start: number;
  /** Requests it let through (every answer but 429). */
  admitted: number;
  /** Requests it refused with 429. */
  refused: number;
}

/** The windows of a run and the share of the allowed rate used in its full windows. */
export interface WindowedRate {
  windows: RateWindow[];
  /** Every window but the last: the run ended in the last one, which holds whatever was left. */
  full: RateWindow[];
  /** From the first window's start to the last one's: the full windows and the waits after each, in ms. */
  spanMs: number;
  /**
   * Requests let through in the full windows / (perSecond x spanMs / 1000); undefined when there is no full window,
   * so nothing was measured. At most 1 whatever the client does: each full window lets through at most perSecond
   * and is followed by the next one at least a second later; above 1 only if the limiter let more through.
   */
  share: number | undefined;
}

/**
 * Rebuilds the windows from a request log in arrival order (the mock's `requests`, which it logs at the instant its
 * limit counts each one), as the limit opened them, and the share of the allowed rate the full windows used. Every
 * request counts, as the limit counts it: the log must hold only requests that reached the limit (right key).
 * Never throws.
 */
export function windowedRate(log: readonly { receivedAt: number; status: number }[], perSecond: number): WindowedRate {
  const windows: RateWindow[] = [];
  let current: RateWindow | undefined;
  for (const request of log) {
    if (!current || request.receivedAt - current.start >= 1000) windows.push((current = { start: request.receivedAt, admitted: 0, refused: 0 }));
    if (request.status === 429) current.refused++;
    else current.admitted++;
  }
  const full = windows.slice(0, -1);
  const spanMs = (windows.at(-1)?.start ?? 0) - (windows[0]?.start ?? 0);
  const admitted = full.reduce((sum, w) => sum + w.admitted, 0);
  return { windows, full, spanMs, share: full.length === 0 ? undefined : admitted / ((perSecond * spanMs) / 1000) };
}
