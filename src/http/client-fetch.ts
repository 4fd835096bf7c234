// The fetch `client.raw` sends with: the client's transport (key, retries, timeouts, logging), its answer handed
// back as a Response holding the body already read. (`client.jobs` calls answer openapi-fetch PlainResponses,
// operations/operate.ts.)
import type { BufferedResponse } from './buffered-response.js';
import type { SendOptions } from './request-options.js';
import type { Transport } from './transport.js';

/** Sends one request openapi-fetch built with a call's options, and resolves to the answer whatever its status. */
export type ClientFetch = (request: Request, options: SendOptions) => Promise<BufferedResponse>;

/**
 * Makes the fetch of one client. `secrets` are redacted from what the answer's json() throws.
 * The fetch throws whatever {@link Transport.send} throws (no answer, an abort, a missing key); never an answer.
 */
export function clientFetch(transport: Transport, secrets: readonly string[]): ClientFetch {
  return async (request, options) => {
    // Imported at the first raw call: an app that only uses client.jobs does not load (or bundle up front) the
    // Response it would never see.
    // A failed import is not kept: the next call tries again.
    const { bufferedResponse } = await (buffered ??= import('./buffered-response.js').catch((error: unknown) => {
      buffered = undefined;
      throw error;
    }));
    return bufferedResponse(await transport.send(request, options), secrets);
  };
}

let buffered: Promise<typeof import('./buffered-response.js')> | undefined;
