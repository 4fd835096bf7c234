// One facade call: openapi-fetch builds the request from the typed path and parameters, the transport sends it,
// and this turns the answer into the parsed body or the typed error, returned as a value with the number of
// attempts it took (a retried stop, cancel or create reads it).
import { ApiError, AtaiError, InvalidResponseError, RedirectError } from './errors/index.js';
import { invalidBodyWords, parseJson } from './json.js';
import type { CallOptions } from './request-options.js';
import type { CallAnswer } from './response-check.js';
import type { Sent, Transport } from './transport.js';

/** Calls an openapi-fetch method with `fetch` as its per-request fetch, e.g. `(fetch) => api.GET(path, { fetch })`. */
export type BuildRequest = (fetch: (request: Request) => Promise<Response>) => Promise<unknown>;

// One answer for every call: openapi-fetch reads nothing from a 204, and building a Response per call costs time.
// Made at the first call, not at import: touching Response loads Node's fetch (~10 ms), which `atai-ft --version`
// should not pay for.
let noContent: Response | undefined;

/** What one call came to: the parsed body, or the API's error answer; either way how many attempts were sent. */
export type CallResult<T> = { ok: true; data: T; attempts: number } | { ok: false; error: ApiError; attempts: number };

/**
 * Sends the request `build` makes and resolves to its JSON body, checked by `isShape`, or its error answer.
 * openapi-fetch reads no body of the 204 it is handed, so no `parseAs` is needed.
 * @throws {InvalidResponseError} for a 2xx answer that is not JSON or not the shape `isShape` accepts.
 * @throws {RedirectError} for a 3xx answer (the transport follows a GET's redirects, never another method's).
 * @throws whatever {@link Transport.send} throws (no answer, an abort, a missing key), and whatever `verify` throws
 * (it sees every answer first, errors and redirects included).
 */
export async function call<T>(
  transport: Transport,
  options: CallOptions,
  secrets: readonly string[],
  isShape: (value: unknown) => value is T,
  build: BuildRequest,
  verify?: (answer: CallAnswer) => void,
): Promise<CallResult<T>> {
  // openapi-fetch calls this fetch exactly once and hands back only a Response; the answer is kept here for the
  // length of this one call and returned below.
  let sent = undefined as Sent | undefined;
  await build(async (request) => {
    sent = await transport.send(request, options);
    // openapi-fetch is done with a 204 at once; the answer itself is read from `sent`, never from this Response.
    return (noContent ??= new Response(null, { status: 204 }));
  });
  if (sent === undefined) throw new AtaiError('openapi-fetch did not send the request');
  const { status, statusText, headers, text, attempts, method } = sent;
  verify?.({ method, url: sent.url, status, contentType: headers.get('content-type'), text, ...(sent.finalUrl === sent.url ? {} : { redirectedTo: sent.finalUrl }) });
  if (status < 200 || status >= 300) {
    const init = { status, statusText, headers, rawBody: text, method, path: pathOf(sent.url), secrets };
    if (status >= 300 && status < 400) throw new RedirectError(init);
    return { ok: false, error: ApiError.from(init), attempts };
  }
  // An operation that documents no JSON (a 204) succeeds with an empty body: its shape check takes `undefined`.
  if (text === '' && isShape(undefined)) return { ok: true, data: undefined as T, attempts };
  const parsed = parseJson(text);
  if (!parsed.ok) throw new InvalidResponseError(status, method, pathOf(sent.url), text, secrets, invalidBodyWords(parsed.problem));
  const data = parsed.value;
  if (!isShape(data)) throw new InvalidResponseError(status, method, pathOf(sent.url), text, secrets, 'is not the documented shape');
  return { ok: true, data, attempts };
}

/**
 * The body of a successful call.
 * @throws {ApiError} (the subclass for the status) when the call's answer was an error.
 */
export function unwrap<T>(result: CallResult<T>): T {
  if (!result.ok) throw result.error;
  return result.data;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
