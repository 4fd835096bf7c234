// The fetch openapi-fetch sends with, for `client.jobs` and `client.raw` alike: the client's transport (key,
// retries, timeouts, logging), its answer handed back as a Response holding the body already read.
import { bufferedResponse, type BufferedResponse } from './buffered-response.js';
import type { PlainRequest } from './plain-request.js';
import type { SendOptions } from './request-options.js';
import type { Transport } from './transport.js';

/**
 * Sends one request openapi-fetch built (a Request for `client.raw`, a {@link PlainRequest} for `client.jobs`) with a
 * call's options, and resolves to the answer whatever its status.
 */
export type ClientFetch = (request: Request | PlainRequest, options: SendOptions) => Promise<BufferedResponse>;

/**
 * Makes the fetch of one client. `secrets` are redacted from what the answer's json() throws.
 * The fetch throws whatever {@link Transport.send} throws (no answer, an abort, a missing key); never an answer.
 */
export function clientFetch(transport: Transport, secrets: readonly string[]): ClientFetch {
  return async (request, options) => bufferedResponse(await transport.send(request, options), secrets);
}
