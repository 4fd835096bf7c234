// Text that came from the server (job names, ids, models, error messages) is shown with its control characters
// escaped. Printed raw, a job name holding `\x1b]0;...\x07\x1b[2J` would retitle the user's terminal and clear it,
// and a newline would forge a line of output. --json output needs none of this: JSON.stringify escapes them.

// C0 controls (newline and tab included: one cell, one line), DEL, C1 controls (\x9b acts as ESC [ on some
// terminals), and the bidirectional marks and overrides that make text display in another order than it is stored.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * `value` with every control character shown as an escape, as a programmer would write it: `\x1b`, `\n`,
 * `\u202e`. It prints as the characters it holds and cannot move the cursor, recolour, retitle or clear the
 * terminal. Backslashes are left as they are, so ordinary text reads unchanged. A value that is not a string (a
 * server may send a number or null where the spec says string) is shown as {@link show} gives it. Never throws.
 */
export function safe(value: unknown): string {
  return show(value).replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}

/** A string as it is; anything else as JSON, else as String() gives it. Never throws. */
export function show(value: unknown): string {
  if (typeof value === 'string') return value;
  // The values JSON has no text for (JSON.stringify gives undefined, whatever its type says).
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    // A BigInt, a cycle, or a throwing toJSON: the kind of value is all that can be said.
    return Object.prototype.toString.call(value);
  }
}

/** `text` on one line: a message that spans lines would break "one stderr line per failure". Never throws. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
