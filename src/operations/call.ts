// What one facade call came to, read from openapi-fetch's `data` and what the transport received: the checked body, or the API's
// error answer as an ApiError, with the number of attempts it took (a retried stop, cancel or create reads it).
import { pathOf } from '../http/url-path.js';
import type { Received } from '../http/transport.js';
import { ApiError, InvalidResponseError, RedirectError } from '../errors/index.js';
import type { CallAnswer } from '../response-check.js';

/** What one call came to: the parsed body, or the API's error answer; either way how many attempts were sent. */
export type CallResult<T> = { ok: true; data: T; attempts: number } | { ok: false; error: ApiError; attempts: number };

/**
 * The outcome of a call whose answer is `received` and whose body openapi-fetch parsed into `data` (undefined for
 * an empty body), checked by `isShape`.
 * @throws {InvalidResponseError} for a 2xx answer that is not the shape `isShape` accepts.
 * @throws {RedirectError} for a 3xx answer (the transport follows a GET's redirects, never another method's).
 */
export function callResult<T>(received: Received, data: unknown, isShape: (value: unknown) => value is T, secrets: readonly string[]): CallResult<T> {
  const { status, statusText, headers, text, attempts, method, url } = received;
  if (status < 200 || status >= 300) {
    const init = { status, statusText, headers, rawBody: text, method, path: pathOf(url), secrets };
    if (status >= 300 && status < 400) throw new RedirectError(init);
    return { ok: false, error: ApiError.from(init), attempts };
  }
  // openapi-fetch hands over an empty body as undefined: success only for an operation that documents no JSON.
  if (isShape(data)) return { ok: true, data, attempts };
  throw new InvalidResponseError(status, method, pathOf(url), text, secrets, text === '' ? undefined : 'is not the documented shape');
}

/** The answer as `validateResponses` checks it. Never throws. */
export function callAnswerOf(received: Received): CallAnswer {
  const { method, url, status, headers, text, finalUrl } = received;
  return { method, url, status, contentType: headers.get('content-type'), text, ...(finalUrl === url ? {} : { redirectedTo: finalUrl }) };
}

/**
 * The body of a successful call.
 * @throws {ApiError} (the subclass for the status) when the call's answer was an error.
 */
export function unwrap<T>(result: CallResult<T>): T {
  if (!result.ok) throw result.error;
  return result.data;
}
