import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.js';

describe('ManualClock', () => {
  it('starts at 2026-04-27T14:32:18.421Z unless told otherwise, and moves only when advanced', () => {
    expect(new ManualClock().now()).toBe(Date.parse('2026-04-27T14:32:18.421Z'));
    const clock = new ManualClock(5_000);
    expect(clock.now()).toBe(5_000);
    clock.advance(250);
    expect(clock.now()).toBe(5_250);
  });

  it('sleep moves the clock by the wait and resolves at once', async () => {
    const clock = new ManualClock(0);
    const sleeping = clock.sleep(3_600_000);
    expect(clock.now()).toBe(3_600_000);
    await expect(sleeping).resolves.toBeUndefined();
    await clock.sleep(-5);
    expect(clock.now()).toBe(3_600_000);
  });

  it('sleep rejects with the reason of an already aborted signal and leaves the clock alone', async () => {
    const clock = new ManualClock(0);
    const reason = new Error('gave up');
    await expect(clock.sleep(1_000, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(clock.now()).toBe(0);
    await clock.sleep(1_000, new AbortController().signal);
    expect(clock.now()).toBe(1_000);
  });
});
