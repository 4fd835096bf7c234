// What the client's transport hands openapi-fetch for a `client.jobs` call: the answer it received, with the few
// members openapi-fetch reads (status, ok, two headers, text(), json()), not a WHATWG Response. The facade's
// requests are PlainRequests for the same reason (plain-request.ts): a Response costs more to make on Node than the
// rest of the facade's own work, about a fifth of a whole call at 64 in flight on loopback, and this one never
// reaches the caller's code; the facade reads `received`. `client.raw`, whose answers callers and middleware see,
// gets real Responses (buffered-response.ts).
import { InvalidResponseError } from '../errors/index.js';
import { pathOf } from './url-path.js';
import { invalidBodyWords, parseJson } from './json.js';
import type { Received } from './transport.js';

/** The part of Headers openapi-fetch reads from an answer. */
interface PlainHeaders {
  get(name: string): string | null;
}

/** An answer as openapi-fetch reads it for a facade call, and what the transport received. */
export class PlainResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: PlainHeaders;
  #used = false;

  /**
   * @param received what the transport received: its body is already read whole, unpacked and within the limit.
   * @param secrets redacted from the InvalidResponseError that json() rejects with.
   */
  constructor(
    readonly received: Received,
    private readonly secrets: readonly string[],
  ) {
    this.status = received.status;
    this.ok = received.status >= 200 && received.status < 300;
    // The body is held read and unpacked, so the framing it came with no longer applies: openapi-fetch takes a
    // length of "0" as no data, and reads any other body with json() below (never with its own JSON.parse). Only
    // that it is "0" or not is read: the length given is in UTF-16 units, not bytes.
    const length = received.text === '' ? '0' : String(received.text.length);
    this.headers = { get: (name) => (FRAMING.has(name.toLowerCase()) ? (name.toLowerCase() === 'content-length' ? length : null) : received.headers.get(name)) };
  }

  /** The body as text. Rejects with a TypeError when the body was already read, as a Response does. */
  text(): Promise<string> {
    if (this.#used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.#used = true;
    return Promise.resolve(this.received.text);
  }

  /**
   * The body parsed. Rejects with an InvalidResponseError for a body that is not JSON or nests deeper than
   * MAX_JSON_DEPTH, and with a TypeError when the body was already read.
   */
  json(): Promise<unknown> {
    if (this.#used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.#used = true;
    const { text, status, method, url } = this.received;
    const parsed = parseJson(text);
    if (parsed.ok) return Promise.resolve(parsed.value);
    return Promise.reject(new InvalidResponseError(status, method, pathOf(url), text, this.secrets, invalidBodyWords(parsed.problem)));
  }
}

const FRAMING = new Set(['content-length', 'content-encoding', 'transfer-encoding']);
