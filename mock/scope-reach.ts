// Which operations of the spec a fault's scope can reach: a method the operation uses, and a path of the operation
// (its template with any one segment for each parameter) that can end with `pathEndsWith`. A scope that reaches none
// would wait in the queue for ever, and the test that injected it fail far away, so inject refuses it.
import { OPERATIONS } from '../generated/facts.js';

export type { ApiMethod } from '../generated/facts.js';

/** One operation of the spec, as a scope is matched against it. */
export type ScopedOperation = (typeof OPERATIONS)[number];

/**
 * The operations a request matching `method` (upper case, or undefined for any) and `pathEndsWith` (undefined for
 * any) can be: those with that method whose path can end with `pathEndsWith`. Never throws.
 */
export function operationsReached(method: string | undefined, pathEndsWith: string | undefined): ScopedOperation[] {
  return OPERATIONS.filter((operation) => (method === undefined || operation.method === method) && (pathEndsWith === undefined || canEndWith(operation.path, pathEndsWith)));
}

/**
 * Whether some path of `template` (`/fine-tune/jobs/{job_id}/stop`) ends with `suffix`, as the mock matches it: a
 * path without its query, percent-encoded, so a parameter is one or more of the characters a URL path segment
 * carries as such (letters, digits, `-._~!$&'()*+,;=:@` and `%`), never `/`, `?`, `#`, a space, braces or a
 * non-ASCII character. The request's path is tried from each place it could start in the template: inside
 * a literal part, or inside a parameter's value. Never throws.
 */
export function canEndWith(template: string, suffix: string): boolean {
  // The template as tokens: one per literal character, one per parameter.
  const tokens = template.split(/(\{[^{}]+\})/).flatMap((part) => (/^\{[^{}]+\}$/.test(part) ? [PARAM] : part.split('')));
  const pattern = (token: string) => (token === PARAM ? `${SEGMENT_CHAR}+` : token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  for (let start = 0; start <= tokens.length; start++) {
    // Starting inside a parameter, the suffix may hold only the end of its value (or none of it).
    const head = tokens[start] === PARAM ? `${SEGMENT_CHAR}*` : (tokens[start] ?? '');
    const rest = tokens.slice(start + 1).map(pattern).join('');
    const first = tokens[start] === PARAM || start === tokens.length ? head : pattern(head);
    if (new RegExp(`^${first}${rest}$`).test(suffix)) return true;
  }
  return false;
}

const PARAM = '\u0000param';
// A character of a percent-encoded path segment (RFC 3986's pchar, with `%` for its escapes).
const SEGMENT_CHAR = "[A-Za-z0-9\\-._~!$&'()*+,;=:@%]";

/** An operation as messages name it: `PUT /fine-tune/jobs/{job_id}/stop (stopJob)`. */
export function operationWords(operation: ScopedOperation): string {
  return `${operation.method} ${operation.path} (${operation.operationId})`;
}
