// One facade call: openapi-fetch builds the request from the typed path and parameters, the transport sends it,
// and this turns the answer into the parsed body or throws the typed error. The result travels back as the
// return value; the only state is the answer held for the length of one call.
import { ApiError, InvalidResponseError } from './errors/index.js';
import type { CallOptions } from './request-options.js';
import type { Sent, Transport } from './transport.js';

/** Calls an openapi-fetch method with `fetch` as its per-request fetch, e.g. `(fetch) => api.GET(path, { fetch })`. */
export type BuildRequest = (fetch: (request: Request) => Promise<Response>) => Promise<unknown>;

/**
 * Sends the request `build` makes and resolves to its JSON body. The request must be built with
 * `parseAs: 'stream'`, so openapi-fetch leaves the body (already read by the transport) alone.
 * @throws {ApiError} (the subclass for the status) for a 4xx/5xx answer, the key redacted.
 * @throws {InvalidResponseError} for a 2xx answer that is not JSON.
 * @throws whatever {@link Transport.send} throws.
 */
export async function callJson<T>(transport: Transport, options: CallOptions, secrets: readonly string[], build: BuildRequest): Promise<T> {
  // Assigned by the fetch below, which openapi-fetch calls exactly once per request.
  let sent = undefined as Sent | undefined;
  await build(async (request) => {
    const answer = await transport.send(request, options);
    const { response } = answer;
    // Thrown here, through openapi-fetch, before it would try to read the consumed body of an error answer.
    if (!response.ok) {
      throw ApiError.from({
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        rawBody: answer.text,
        method: answer.method,
        path: pathOf(answer.url),
        secrets,
      });
    }
    sent = answer;
    return response;
  });
  if (sent === undefined) throw new Error('openapi-fetch did not call fetch');
  try {
    return JSON.parse(sent.text) as T;
  } catch {
    throw new InvalidResponseError(sent.response.status, sent.method, pathOf(sent.url), sent.text, secrets);
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
