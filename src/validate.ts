// Checks of the client's own options (durations, counts, response validation), made before anything is sent. The
// requests themselves are checked against the spec's rules (src/operations/request-rules.ts, from src/operations/operate.ts).
import { MAX_TIMER_MS } from './http/clock.js';
import { ValidationError } from './errors/index.js';
import { describeValue as describe } from './operations/request-rules.js';
import { isRecord } from './operations/shapes.js';

/**
 * Checks an optional count (e.g. `maxRetries`): a finite number >= 0 when given. A duration is checked with
 * {@link assertDuration} instead, which also bounds it.
 * @throws {ValidationError} naming the setting.
 */
export function assertNonNegative(value: number | undefined, name: string): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
    throw new ValidationError(name, `${name} must be a finite number >= 0, got ${String(value)}.`);
  }
}

/**
 * Checks an optional duration in ms (a delay, a limit, a poll interval): a number from 0 (above 0 when
 * `positive`) to {@link MAX_TIMER_MS}, about 24.8 days. Longer is refused rather than clamped because a Node timer
 * above it fires after 1 ms: a longer limit would end every request at once.
 * @throws {ValidationError} naming the option, the range and the maximum.
 */
export function assertDuration(value: number | undefined, name: string, { positive = false }: { positive?: boolean } = {}): void {
  if (value === undefined) return;
  if (typeof value === 'number' && (positive ? value > 0 : value >= 0) && value <= MAX_TIMER_MS) return;
  throw new ValidationError(
    name,
    `${name} must be a number of milliseconds ${positive ? '> 0' : '>= 0'} and at most ${MAX_TIMER_MS} (about 24.8 days), got ${describe(value)}.`,
  );
}

/**
 * Checks the per-call (and client-wide) `timeoutMs` (a duration > 0, see {@link assertDuration}) and
 * `maxRetries` (>= 0) when given.
 * @throws {ValidationError} naming the option.
 */
export function assertRequestOptions(options: { timeoutMs?: number; maxRetries?: number; headers?: Record<string, string> } | undefined): void {
  assertDuration(options?.timeoutMs, 'timeoutMs', { positive: true });
  assertNonNegative(options?.maxRetries, 'maxRetries');
  assertHeaders(options?.headers);
}

/**
 * Checks `headers` (a client's or a call's): an object of header names (HTTP tokens) to string values that HTTP can
 * carry (no line break or NUL, no character above U+00FF), so that a bad one is named here rather than failing the
 * request as a connection error or a TypeError.
 * @throws {ValidationError} naming the header and what is wrong with it.
 */
export function assertHeaders(headers: unknown): void {
  if (headers === undefined) return;
  if (!isRecord(headers)) throw new ValidationError('headers', `headers must be an object of header names to string values, got ${describe(headers)}.`);
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) {
      throw new ValidationError('headers', `The header name ${JSON.stringify(name)} is not a valid HTTP header name: use letters, digits and !#$%&'*+-.^_|~ only.`);
    }
    if (typeof value !== 'string') throw new ValidationError('headers', `The header ${name} must be a string, got ${describe(value)}.`);
    if (/[\0\r\n]|[^\0-\xff]/.test(value)) {
      throw new ValidationError('headers', `The header ${name} holds a line break, a NUL or a character above U+00FF, which HTTP cannot send; encode the value (e.g. encodeURIComponent) first.`);
    }
  }
}

/**
 * Checks `validateResponses`: left out, or what `specValidation()` of `atai-finetune/validation` makes.
 * @throws {ValidationError} naming the option and the fix (a string such as `'throw'` is not enough: the
 * validators live in their own entry point so that a client that does not validate carries none of them).
 */
export function assertResponseValidation(value: unknown): void {
  if (value === undefined || (isRecord(value) && typeof value.verify === 'function')) return;
  throw new ValidationError('validateResponses', `validateResponses must be specValidation('warn' | 'throw') from 'atai-finetune/validation', got ${describe(value)}.`);
}
