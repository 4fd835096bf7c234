// The Response the client's fetch hands openapi-fetch (for `client.jobs` and `client.raw` alike): a real Response
// (`instanceof Response`, every method works) whose body the transport has already read whole, inside the attempt's
// timeout and size limit. Reading it back is cheap: text() and json() answer from the text at hand instead of a
// stream (on Node 20 a Response built around a string body costs more to make and read than the whole call), and a
// stream is made only for a caller that asks for `body`, `arrayBuffer()`, `blob()`, `formData()` or `clone()`.
import { InvalidResponseError } from '../errors/index.js';
import { invalidBodyWords, parseJson } from './json.js';
import type { Received } from './transport.js';

// Statuses whose Response has no body, whatever was sent.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
// Headers that describe the body as it came over the wire; the Response holds it read and unpacked.
const FRAMING_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding']);

/** A Response whose body the transport read whole, with what the call took to get it: what `client.raw` answers. */
export interface BufferedResponse extends Response {
  /** The body exactly as received (empty for a status that has none), readable any number of times. */
  readonly bodyText: string;
  /** How many attempts the call sent, from 1. */
  readonly attempts: number;
  /** The request's method. */
  readonly requestMethod: string;
  /** The request's URL, before any redirect (the URL that answered is `url`). */
  readonly requestUrl: string;
}

type BufferedResponseClass = new (received: Received, secrets: readonly string[]) => BufferedResponse;
// Made at the first answer, not at import: touching `Response` loads Node's fetch (~10 ms), which `atai-ft
// --version` should not pay for.
let Buffered: BufferedResponseClass | undefined;

/**
 * Wraps what the transport received as a Response. A status `new Response()` refuses (outside 200 to 599) is kept
 * as sent on `status`, with `ok` false; a reason phrase it refuses is left out. Never throws.
 * @param secrets redacted from the InvalidResponseError that the answer's json() throws for a body that is not JSON.
 */
export function bufferedResponse(received: Received, secrets: readonly string[]): BufferedResponse {
  Buffered ??= defineBuffered();
  return new Buffered(received, secrets);
}

// The members served from the text at hand rather than from the (empty) body Response itself holds.
type Served = 'url' | 'body' | 'bodyUsed' | 'text' | 'json' | 'arrayBuffer' | 'blob' | 'bytes' | 'formData' | 'clone';

function defineBuffered(): BufferedResponseClass {
  const Base = Response as unknown as new (body: null, init: ResponseInit) => Omit<Response, Served>;
  return class Buffered extends Base implements BufferedResponse {
    readonly bodyText: string;
    readonly attempts: number;
    readonly requestMethod: string;
    readonly requestUrl: string;
    readonly #received: Received;
    readonly #secrets: readonly string[];
    // The body as a real Response, made at the first read that needs a stream.
    #stream: Response | undefined;
    // Whether text() or json() consumed the body.
    #used = false;

    constructor(received: Received, secrets: readonly string[]) {
      const { status, statusText, text } = received;
      const body = NULL_BODY_STATUSES.has(status) ? '' : text;
      // Pairs, not a Headers: the Response makes its own from them, and filling one twice costs more than the rest.
      const headers: [string, string][] = [];
      received.headers.forEach((value, name) => {
        if (!FRAMING_HEADERS.has(name)) headers.push([name, value]);
      });
      // A length for the body as held, so that openapi-fetch takes an empty one as no data and reads any other with
      // json() (below), never with its own JSON.parse. A body that came unpacked and whole keeps the length sent.
      const sent = received.headers.get('content-length');
      const unpacked = received.headers.get('content-encoding') === null;
      headers.push(['content-length', body === '' ? '0' : unpacked && sent !== null && /^\d+$/.test(sent) ? sent : String(new TextEncoder().encode(body).length)]);
      const inRange = status >= 200 && status <= 599;
      const reason = statusText === 'OK' || /^[\t\x20-\x7e]*$/.test(statusText) ? statusText : '';
      super(null, { status: inRange ? status : 599, statusText: reason, headers });
      if (!inRange) Object.defineProperties(this, { status: { value: status }, ok: { value: false } });
      this.bodyText = body;
      this.attempts = received.attempts;
      this.requestMethod = received.method;
      this.requestUrl = received.url;
      this.#received = received;
      this.#secrets = secrets;
    }

    get url(): string {
      return this.#received.finalUrl;
    }

    get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
      return this.#used || this.bodyText === '' ? null : this.#asStream().body;
    }

    get bodyUsed(): boolean {
      return this.#used || (this.#stream?.bodyUsed ?? false);
    }

    text(): Promise<string> {
      if (this.#stream) return this.#stream.text();
      if (this.#used) return unusable();
      this.#used = true;
      return Promise.resolve(this.bodyText);
    }

    // Rejects with an InvalidResponseError for a body that is not JSON or nests deeper than MAX_JSON_DEPTH.
    json(): Promise<unknown> {
      if (this.#stream || this.#used) return this.text().then((text) => this.#parsed(text));
      this.#used = true;
      try {
        return Promise.resolve(this.#parsed(this.bodyText));
      } catch (error) {
        return Promise.reject(error);
      }
    }

    #parsed(text: string): unknown {
      const parsed = parseJson(text);
      if (!parsed.ok) throw new InvalidResponseError(this.status, this.requestMethod, pathOf(this.requestUrl), text, this.#secrets, invalidBodyWords(parsed.problem));
      return parsed.value;
    }

    arrayBuffer(): Promise<ArrayBuffer> {
      return this.#used ? unusable() : this.#asStream().arrayBuffer();
    }

    blob(): Promise<Blob> {
      return this.#used ? unusable() : this.#asStream().blob();
    }

    bytes(): Promise<Uint8Array<ArrayBuffer>> {
      return this.arrayBuffer().then((buffer) => new Uint8Array(buffer));
    }

    formData(): Promise<FormData> {
      // A Response has it, so this one does; deprecated for servers, harmless for an API's JSON.
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      return this.#used ? unusable() : this.#asStream().formData();
    }

    clone(): BufferedResponse {
      if (this.bodyUsed) throw new TypeError(USED);
      // It is a Response: Buffered extends Response, seen through a type without the members it serves itself.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
      return new Buffered(this.#received, this.#secrets);
    }

    #asStream(): Response {
      // The body as a stream, for the readers that need one (status and headers are this Response's own).
      this.#stream ??= new Response(this.bodyText === '' ? null : this.bodyText);
      return this.#stream;
    }
  };
}

const USED = 'Body is unusable: Body has already been read';

function unusable(): Promise<never> {
  return Promise.reject(new TypeError(USED));
}

/** The path of a URL, for messages (the whole of `url` when it does not parse). Never throws. */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

