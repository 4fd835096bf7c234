// Time, in one injectable place: retries, polling, bulk pacing and the mock all read it through a Clock, so a test
// can run them on a clock it moves itself.

/** Where the client reads the time and how it waits: replace it to run retries and polling on a test clock. */
export interface Clock {
  /** Milliseconds, monotonic enough for measuring waits. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The longest delay a Node timer keeps, 2^31-1 ms (about 24.8 days): a longer setTimeout fires after 1 ms. Every
 * duration option is refused above it, and {@link systemClock} sleeps longer waits in steps of this size.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The real clock: `Date.now` and `setTimeout`. */
export const systemClock: Clock = { now: () => Date.now(), sleep: abortableSleep };

/**
 * Waits `ms` (longer than a timer allows, in steps), or rejects with the signal's reason as soon as `signal`
 * aborts. The timer and the listener are removed either way.
 */
function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    // NaN and negative waits are no wait at all (NaN would otherwise never count down).
    let left = ms > 0 ? ms : 0;
    let timer: ReturnType<typeof setTimeout>;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const step = () => {
      if (left <= 0) {
        signal?.removeEventListener('abort', onAbort);
        resolve();
        return;
      }
      const now = Math.min(left, MAX_TIMER_MS);
      left -= now;
      timer = setTimeout(step, now);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    step();
  });
}
