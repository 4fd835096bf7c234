// One clock for the mock and the client under test: when the client waits (a retry, a poll), the mock's time moves by
// the same amount at once, so a test of a 40-second lifecycle takes milliseconds and never depends on the machine.
import type { Clock } from '../src/http/clock.js';

/** A fixed date, so that timestamps in a test's output are the same on every run. */
const DEFAULT_START = Date.parse('2026-04-27T14:32:18.421Z');

/**
 * A {@link Clock} that only moves when told to: by `advance(ms)`, or by `sleep(ms)`, which moves it and returns at
 * once. Pass the same instance to `startStatefulMock({ clock })` and to `createClient({ clock })`.
 */
export class ManualClock implements Clock {
  private current: number;

  /** Starts the clock at `start` (ms since the epoch; default 2026-04-27T14:32:18.421Z). Never throws. */
  constructor(start = DEFAULT_START) {
    this.current = start;
  }

  /** The current time in ms since the epoch. Never throws. */
  now(): number {
    return this.current;
  }

  /** Moves the clock forward by `ms` (backward when negative). Never throws. */
  advance(ms: number): void {
    this.current += ms;
  }

  /**
   * Moves the clock forward by `ms` (nothing for a negative wait, as a real sleep) and resolves without waiting.
   * @throws rejects with `signal.reason`, and leaves the clock alone, when `signal` is already aborted.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as unknown);
    this.advance(Math.max(0, ms));
    return Promise.resolve();
  }
}
