// The polling policy as a table, then as users meet it: GETs and detection delay for stops that take 5 s, 1 min,
// 10 min and 1 h, on a clock that never sleeps, against the policy before it (written out here as the reference).
import { describe, expect, it } from 'vitest';
import { previousPolicyCost, stopWaitCost } from '../../test-support/polling.js';
import { nextPollDelay } from './poll-policy.js';

const S = 1_000;
const DEFAULTS = { intervalMs: 400, maxIntervalMs: undefined };

describe('nextPollDelay', () => {
  it.each([
    ['the first record seen', { previousMs: undefined, changed: true, waitedMs: 0 }, DEFAULTS, 400],
    ['no change: twice the last pause', { previousMs: 400, changed: false, waitedMs: 400 }, DEFAULTS, 800],
    ['a change: the first pause again', { previousMs: 6_400, changed: true, waitedMs: 12_000 }, DEFAULTS, 400],
    ['capped at 15 s while the wait is young', { previousMs: 12_800, changed: false, waitedMs: 60 * S }, DEFAULTS, 15 * S],
    ['the cap rises to 2.5 % of the time waited', { previousMs: 15 * S, changed: false, waitedMs: 800 * S }, DEFAULTS, 20 * S],
    ['up to 30 s', { previousMs: 30 * S, changed: false, waitedMs: 3_600 * S }, DEFAULTS, 30 * S],
    ['maxIntervalMs replaces the rising cap', { previousMs: 15 * S, changed: false, waitedMs: 3_600 * S }, { intervalMs: 400, maxIntervalMs: 5 * S }, 5 * S],
    ['a cap below the first pause wins', { previousMs: undefined, changed: true, waitedMs: 0 }, { intervalMs: 400, maxIntervalMs: 100 }, 100],
    ['intervalMs sets the first pause', { previousMs: undefined, changed: true, waitedMs: 0 }, { intervalMs: 2 * S, maxIntervalMs: undefined }, 2 * S],
  ])('%s', (_name, state, settings, expected) => {
    expect(nextPollDelay(state, settings)).toBe(expected);
  });
});

describe('stop { wait } under the policy', () => {
  // Worked out by hand from the policy: polls at 0.4, 1.2, 2.8, 6.0, 12.4, 25.2 s, then 15 s apart (the cap), the
  // cap rising past 600 s of waiting to 30 s at 1200 s. The previous policy's figures, from its
  // reference in test-support/polling.ts, worked out the same way.
  it.each([
    ['5 s', 5 * S, { gets: 4, seenAfterMs: 1_000 }, { gets: 5, seenAfterMs: 3_125 }],
    ['1 min', 60 * S, { gets: 9, seenAfterMs: 10_200 }, { gets: 10, seenAfterMs: 2_171.875 }],
    ['10 min', 600 * S, { gets: 45, seenAfterMs: 10_200 }, { gets: 46, seenAfterMs: 2_171.875 }],
    ['1 h', 3_600 * S, { gets: 153, seenAfterMs: expect.any(Number) as unknown as number }, { gets: 246, seenAfterMs: expect.any(Number) as unknown as number }],
  ])('a stop that takes %s', async (_name, takes, now, before) => {
    const measured = await stopWaitCost(takes);
    expect(measured).toEqual(now);
    const previous = previousPolicyCost(takes);
    expect(previous).toEqual(before);
    expect(measured.seenAfterMs).toBeLessThanOrEqual(30 * S);
  });

  it('never costs more GETs than the previous policy, for any stop from 10 ms to 1 h', async () => {
    const worse: number[] = [];
    for (let takes = 10; takes <= 3_600 * S; takes += takes < 60 * S ? 10 : 1_000) {
      if ((await stopWaitCost(takes)).gets > previousPolicyCost(takes).gets) worse.push(takes);
    }
    expect(worse).toEqual([]);
  });

  it('sees a stop that takes 4 to 6 s 1.00 s late on average (the previous policy: 1.85 s)', async () => {
    let sum = 0;
    let before = 0;
    let n = 0;
    for (let takes = 4 * S; takes <= 6 * S; takes += 10, n++) {
      sum += (await stopWaitCost(takes)).seenAfterMs;
      before += previousPolicyCost(takes).seenAfterMs;
    }
    expect(Math.round(sum / n / 10) / 100).toBe(1);
    expect(Math.round(before / n / 10) / 100).toBe(1.85);
  });
});
