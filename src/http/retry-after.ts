// How long the server asked us to wait. No rate-limit header is documented, but a robust client honours one
// when it comes anyway, and the older error envelope put the wait in `details.retry_after` (seconds). Only a
// well-formed value counts: anything else (`-5`, `1e3`, `soon`) is no instruction, and the caller backs off as if
// there were none rather than guessing (Date.parse would read `-5` as a date in 2001, so: retry at once).
import type { HeaderMap } from './exchange.js';

// RFC 9110 §10.2.3: delay-seconds is 1*DIGIT.
const DELAY_SECONDS = /^\d+$/;
// retry-after-ms (a de-facto header, no standard): a non-negative number of ms, fractions allowed.
const NON_NEGATIVE_DECIMAL = /^\d+(?:\.\d+)?$/;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(?<month>${MONTHS.join('|')})`;
const WKDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const TIME = '(?<h>\\d{2}):(?<m>\\d{2}):(?<s>\\d{2})';
// The three HTTP-date forms a recipient must accept (RFC 9110 §5.6.7): IMF-fixdate, RFC 850 and asctime
// (`Sun Nov  6 08:49:37 1994`). Case-sensitive, as the grammar is.
const HTTP_DATES = [
  new RegExp(`^${WKDAY}, (?<day>\\d{2}) ${MONTH} (?<year>\\d{4}) ${TIME} GMT$`),
  new RegExp(`^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (?<day>\\d{2})-${MONTH}-(?<year>\\d{2}) ${TIME} GMT$`),
  new RegExp(`^${WKDAY} ${MONTH} (?<day>[ \\d]\\d) ${TIME} (?<year>\\d{4})$`),
];

/**
 * Reads the wait the server asked for, in milliseconds: `retry-after-ms` (a non-negative number), then
 * `Retry-After` (a non-negative integer of seconds or an HTTP date; a past date is 0), then the older envelope's
 * `error.details.retry_after` (non-negative seconds). A malformed value is skipped. Returns undefined when there
 * is none that can be read. Never throws.
 */
export function retryAfterFromResponse(headers: Pick<HeaderMap, 'get'>, body: unknown, now: () => number): number | undefined {
  const ms = parse(headers.get('retry-after-ms'), NON_NEGATIVE_DECIMAL);
  if (ms !== undefined) return ms;

  const header = headers.get('retry-after')?.trim();
  if (header !== undefined) {
    const seconds = parse(header, DELAY_SECONDS);
    if (seconds !== undefined) return seconds * 1000;
    const date = httpDate(header);
    if (date !== undefined) return Math.max(0, date - now());
  }

  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = body.error;
    if (typeof error === 'object' && error !== null && 'details' in error) {
      const details = error.details;
      if (typeof details === 'object' && details !== null && 'retry_after' in details) {
        const seconds = secondsOf(details.retry_after);
        if (seconds !== undefined) return seconds * 1000;
      }
    }
  }
  return undefined;
}

/** `text` as a finite number when it matches `form`; undefined otherwise (including digits too many for a double). */
function parse(text: string | null | undefined, form: RegExp): number | undefined {
  if (text === null || text === undefined || !form.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** A JSON number of seconds, or one written as a string; never `true`, `null` or `""` (Number() makes them 1 or 0). */
function secondsOf(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? raw : undefined;
  return typeof raw === 'string' ? parse(raw.trim(), NON_NEGATIVE_DECIMAL) : undefined;
}

/** An HTTP date in any of its three forms, as epoch ms; undefined for anything else, including a 30 February. */
function httpDate(text: string): number | undefined {
  const groups = HTTP_DATES.map((form) => form.exec(text)?.groups).find((g) => g !== undefined);
  if (!groups) return undefined;
  const { day = '', month = '', year = '', h = '', m = '', s = '' } = groups;
  const [d, hours, minutes, seconds] = [day, h, m, s].map(Number) as [number, number, number, number];
  let y = Number(year);
  if (year.length === 2) {
    // RFC 9110: a two-digit year more than 50 years ahead is the latest past year with those digits.
    const thisYear = new Date().getUTCFullYear();
    y += Math.floor(thisYear / 100) * 100;
    if (y > thisYear + 50) y -= 100;
  }
  if (hours > 23 || minutes > 59 || seconds > 60) return undefined;
  const time = Date.UTC(y, MONTHS.indexOf(month), d, hours, minutes, seconds);
  return new Date(time).getUTCDate() === d ? time : undefined;
}
