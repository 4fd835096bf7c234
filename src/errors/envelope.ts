// Reading an error body, whatever envelope the API used: the current `{errors: [...]}`, the legacy `{detail}` and
// the older `{error: {...}}`. Pure functions of the text; the ApiError class only stores what they return.
import type { ERROR_CODES } from '../../generated/facts.js';
import { parseJson } from '../http/json.js';
import { isRecord } from '../operations/shapes.js';

/**
 * One error reported by the API, whatever envelope it came in. The current envelope fills every field;
 * the legacy `{detail}` envelope gives only `message`; the older `{error: {...}}` envelope gives `code`,
 * `message` and `details`.
 */
export interface ApiErrorEntry {
  /** Machine-readable code: one the spec documents ({@link ErrorCode}, which editors offer) or any other the service sends. */
  code?: ErrorCode | (string & NonNullable<unknown>);
  message: string;
  suggestion?: string;
  error_uid?: string;
  details?: Record<string, unknown>;
}

/** An error code the spec documents (from its error answers' examples): `job_not_found`, `job_already_terminal`... */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Which of the documented error envelopes the body was in, if any. */
export type ErrorEnvelopeKind = 'errors' | 'detail' | 'error' | 'unknown' | 'empty';

/**
 * The body as JSON when it parses (and nests at most MAX_JSON_DEPTH deep), the text itself when not, undefined
 * when blank. Never throws.
 */
export function parseErrorBody(rawBody: string): unknown {
  if (rawBody.trim() === '') return undefined;
  const parsed = parseJson(rawBody);
  return parsed.ok ? parsed.value : rawBody;
}

/** Which envelope `body` is in and its entries, in order. Tolerates any value: wrong types become text. */
export function readEnvelope(body: unknown): { envelope: ErrorEnvelopeKind; errors: ApiErrorEntry[] } {
  if (body === undefined) return { envelope: 'empty', errors: [] };
  if (isRecord(body)) {
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      const errors = body.errors.map((entry: unknown): ApiErrorEntry => {
        if (!isRecord(entry)) return { message: optionalString(entry) ?? '' };
        return dropUndefined({
          code: optionalString(entry.code),
          message: optionalString(entry.message) ?? '',
          suggestion: optionalString(entry.suggestion),
          error_uid: optionalString(entry.error_uid),
        });
      });
      return { envelope: 'errors', errors };
    }
    if (Array.isArray(body.detail) && body.detail.length > 0) {
      return { envelope: 'detail', errors: body.detail.map(validationIssue) };
    }
    if ('detail' in body && body.detail !== undefined && body.detail !== null && !Array.isArray(body.detail)) {
      return { envelope: 'detail', errors: [{ message: optionalString(body.detail) ?? '' }] };
    }
    if (isRecord(body.error)) {
      const e = body.error;
      return {
        envelope: 'error',
        errors: [dropUndefined({ code: optionalString(e.code), message: optionalString(e.message) ?? '', details: isRecord(e.details) ? e.details : undefined })],
      };
    }
  }
  return { envelope: 'unknown', errors: [] };
}

/** What the message of an error answer says: every entry, or what the body was when it had none. */
export interface MessageParts {
  status: number;
  statusText?: string;
  method: string;
  path: string;
  contentType: string | null;
  envelope: ErrorEnvelopeKind;
  errors: readonly ApiErrorEntry[];
  rawBody: string;
}

/**
 * Most error entries the message of an error answer lists: a body may hold thousands, and a message is read by
 * people and printed on one line. The rest are counted; `err.errors` keeps every one.
 */
export const MAX_LISTED_ERRORS = 10;

/**
 * The one-line message of an error answer, e.g. `409 job_already_terminal: Job x has already completed. (err-...)`:
 * at most {@link MAX_LISTED_ERRORS} entries. Never throws.
 */
export function formatErrorMessage(p: MessageParts): string {
  const head = `${p.status}`;
  if (p.errors.length > 0) {
    const sep = p.errors[0]?.code ? ' ' : ': ';
    const more = p.errors.length - MAX_LISTED_ERRORS;
    return head + sep + p.errors.slice(0, MAX_LISTED_ERRORS).map(formatEntry).join('; ') + (more > 0 ? `; and ${more} more (all in err.errors)` : '');
  }
  const statusText = p.statusText ? ` ${p.statusText}` : '';
  const where = `${p.method} ${p.path}`;
  if (p.envelope === 'empty') return `${head}${statusText}: empty response body (${where})`;
  return `${head}${statusText}: the response body is not a known error shape (${p.contentType ?? 'no content-type'}, ${p.rawBody.length} characters; ${where}); the raw body is in err.rawBody`;
}

function formatEntry(entry: ApiErrorEntry): string {
  let text = entry.code ? `${entry.code}: ${entry.message}` : entry.message;
  if (entry.error_uid) text += ` (${entry.error_uid})`;
  if (entry.suggestion) text += ` Suggestion: ${entry.suggestion}`;
  return text;
}

/** One entry of FastAPI's 422 `detail` list, `{loc, msg, type}`: the message names where, the code what kind. */
function validationIssue(issue: unknown): ApiErrorEntry {
  if (!isRecord(issue)) return { message: optionalString(issue) ?? '' };
  const where = Array.isArray(issue.loc) ? issue.loc.map((part) => optionalString(part) ?? '').join('.') : undefined;
  const what = optionalString(issue.msg) ?? '';
  return dropUndefined({ code: optionalString(issue.type), message: where ? `${where}: ${what}` : what });
}


function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function dropUndefined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, value]) => value !== undefined)) as T;
}
