import { describe, expect, it } from 'vitest';
import { safe } from './escape.js';
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

describe('safe', () => {
  it('escapes C0, DEL, C1 and bidi controls as written in code; leaves other text and backslashes alone', () => {
    expect(safe('a\x1b]0;t\x07\x1b[2J\n\r\t\x7f\x9b\u202eb')).toBe('a\\x1b]0;t\\x07\\x1b[2J\\n\\r\\t\\x7f\\x9b\\u202eb');
    expect(safe('C:\\dir ünïcode ✓')).toBe('C:\\dir ünïcode ✓');
  });

  it('shows a value that is not a string as JSON, and never throws', () => {
    expect([null, 42, { a: '\x1b' }, undefined, 10n].map(safe)).toEqual(['null', '42', '{"a":"\\u001b"}', 'undefined', '[object BigInt]']);
  });
});
