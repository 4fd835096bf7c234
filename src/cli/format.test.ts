import { describe, expect, it } from 'vitest';
import { formatJobs, paintStatus, table, useColor } from './format.js';

describe('colour', () => {
  it('is used only on a TTY, and never with NO_COLOR or a dumb terminal', () => {
    expect(useColor(true, {})).toBe(true);
    expect(useColor(false, {})).toBe(false);
    expect(useColor(true, { NO_COLOR: '1' })).toBe(false);
    expect(useColor(true, { TERM: 'dumb' })).toBe(false);
  });

  it('paints a status only when asked', () => {
    expect(paintStatus('FAILED', true)).toBe('\x1b[31mFAILED\x1b[0m');
    expect(paintStatus('FAILED', false)).toBe('FAILED');
  });
});

describe('table', () => {
  it('aligns columns by visible width, ignoring colour codes', () => {
    expect(table([['a', paintStatus('FAILED', true), 'x'], ['bbb', 'OK', 'y']])).toBe(`a    \x1b[31mFAILED\x1b[0m  x\nbbb  OK      y`);
  });

  it('says so when there are no jobs', () => {
    expect(formatJobs([], false)).toBe('No jobs.');
  });
});
