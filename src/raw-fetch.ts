// The fetch `client.raw` (openapi-fetch) sends with: the client's transport, its answer handed back as a Response
// whatever the server sent. openapi-fetch turns a 4xx/5xx into `{ error }` and parses a 2xx body itself; what it
// cannot take (a status `new Response()` refuses, a reason phrase it refuses, an empty body it would parse) is
// shaped here so that every answer comes back as `{ data }` or `{ error }`, and everything thrown is an AtaiError.
import { InvalidResponseError } from './errors/index.js';
import { invalidBodyWords, parseJson } from './json.js';
import type { Transport } from './transport.js';

// Statuses whose Response has no body, whatever was sent.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
// Headers that describe the body as it came over the wire; the Response holds it read and unpacked.
const FRAMING_HEADERS = ['content-length', 'content-encoding', 'transfer-encoding'];

/**
 * The fetch of `client.raw`. The request's own signal is honoured; a POST (a create) is retried only when nothing
 * can have reached the server. A 2xx body that is not JSON (or nests deeper than MAX_JSON_DEPTH) is an
 * InvalidResponseError, as from `client.jobs`, instead of the SyntaxError openapi-fetch would throw parsing it; an
 * empty one is `data: undefined`.
 * @throws whatever {@link Transport.send} throws, and InvalidResponseError as above, with `secrets` redacted.
 */
export function rawFetch(transport: Transport, secrets: readonly string[]): (request: Request) => Promise<Response> {
  return async (request) => {
    const { status, statusText, headers, text, method, url } = await transport.send(request, { idempotent: request.method !== 'POST', signal: request.signal });
    const copied = new Headers();
    headers.forEach((value, name) => {
      if (!FRAMING_HEADERS.includes(name)) copied.append(name, value);
    });
    const empty = text === '' || NULL_BODY_STATUSES.has(status);
    // openapi-fetch reads no body when the length is 0; it would try to parse an empty one otherwise.
    if (empty) copied.set('content-length', '0');
    if (!empty && status >= 200 && status < 300) {
      const parsed = parseJson(text);
      if (!parsed.ok) throw new InvalidResponseError(status, method, new URL(url).pathname, text, secrets, invalidBodyWords(parsed.problem));
    }
    return responseOf(status, statusText, copied, empty ? null : text);
  };
}

/**
 * The answer as a Response. `new Response()` accepts only statuses 200 to 599 and a reason phrase of visible ASCII,
 * but a server can send any three digits and any bytes: a status outside that range is set on the Response
 * afterwards (`response.status` is what was sent, `ok` false: an `{ error }` in openapi-fetch's result, as
 * `client.jobs` throws an ApiError for it), a reason phrase it refuses is left out. Never throws.
 */
function responseOf(status: number, statusText: string, headers: Headers, body: string | null): Response {
  const reason = /^[\t\x20-\x7e]*$/.test(statusText) ? statusText : '';
  if (status >= 200 && status <= 599) return new Response(NULL_BODY_STATUSES.has(status) ? null : body, { status, statusText: reason, headers });
  const response = new Response(body, { status: 599, statusText: reason, headers });
  Object.defineProperties(response, { status: { value: status }, ok: { value: false } });
  return response;
}
