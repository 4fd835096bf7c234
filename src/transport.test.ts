import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './transport.js';

describe('backoffDelayMs', () => {
  it('is full jitter: from 0 up to (not including) base * 2^retry', () => {
    expect(backoffDelayMs(0, 500, 30_000, () => 0)).toBe(0);
    expect(backoffDelayMs(0, 500, 30_000, () => 0.999)).toBe(499);
    expect(backoffDelayMs(3, 500, 30_000, () => 0.5)).toBe(2_000);
  });

  it('never exceeds the cap, however many retries', () => {
    expect(backoffDelayMs(20, 500, 8_000, () => 0.999)).toBe(7_992);
  });
});
