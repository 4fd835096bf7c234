// The Response `client.raw`'s fetch hands openapi-fetch (and so its callers and middleware): a real Response
// (`instanceof Response`, every method works) whose body the transport has already read whole, inside the attempt's
// timeout and size limit. Reading it back is cheap: text() and json() answer from the text at hand instead of a
// stream (on Node 20 a Response built around a string body costs more to make and read than the whole call), and a
// stream is made only for a caller that asks for `body`, `arrayBuffer()`, `blob()`, `bytes()` or `formData()`.
import { InvalidResponseError } from '../errors/index.js';
import { invalidBodyWords, parseJson } from './json.js';
import { pathOf } from './url-path.js';
import type { Received } from './transport.js';

// Headers that describe the body as it came over the wire; the Response holds it read and unpacked.
const FRAMING_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding']);
const USED = 'Body is unusable: Body has already been read';

/** A Response whose body the transport read whole: what `client.raw` answers. */
export interface BufferedResponse extends Response {
  /** What the transport received: the status as sent, the body as text, the attempts it took, the request. */
  readonly received: Received;
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
type Served = 'url' | 'redirected' | 'body' | 'bodyUsed' | 'text' | 'json' | 'arrayBuffer' | 'blob' | 'bytes' | 'formData' | 'clone';

function defineBuffered(): BufferedResponseClass {
  const Base = Response as unknown as new (body: null, init: ResponseInit) => Omit<Response, Served>;
  return class Buffered extends Base implements BufferedResponse {
    readonly received: Received;
    readonly #secrets: readonly string[];
    // The body as a real Response, made at the first read that needs a stream.
    #stream: Response | undefined;
    // Whether text() or json() consumed the body.
    #used = false;

    constructor(received: Received, secrets: readonly string[]) {
      const { status, statusText, text, headers: sent } = received;
      // Pairs, not a Headers: the Response makes its own from them, and filling one twice costs more than the rest.
      const headers: [string, string][] = [];
      sent.forEach((value, name) => {
        if (!FRAMING_HEADERS.has(name)) headers.push([name, value]);
      });
      // A length for the body as held, so that openapi-fetch takes an empty one as no data and reads any other with
      // json() (below), never with its own JSON.parse. A body that came unpacked keeps the length sent.
      const length = sent.get('content-length');
      const unpacked = sent.get('content-encoding') === null && length !== null && /^\d+$/.test(length);
      headers.push(['content-length', text === '' ? '0' : unpacked ? length : String(new TextEncoder().encode(text).length)]);
      const inRange = status >= 200 && status <= 599;
      const reason = /^[\t\x20-\x7e]*$/.test(statusText) ? statusText : '';
      super(null, { status: inRange ? status : 599, statusText: reason, headers });
      if (!inRange) Object.defineProperties(this, { status: { value: status }, ok: { value: false } });
      this.received = received;
      this.#secrets = secrets;
    }

    get url(): string {
      return this.received.finalUrl;
    }

    get redirected(): boolean {
      return this.received.finalUrl !== this.received.url;
    }

    get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
      return this.#used || this.received.text === '' ? null : this.#asStream().body;
    }

    get bodyUsed(): boolean {
      return this.#used || (this.#stream?.bodyUsed ?? false);
    }

    text(): Promise<string> {
      if (this.#stream) return this.#stream.text();
      if (this.#used) return unusable();
      this.#used = true;
      return Promise.resolve(this.received.text);
    }

    // Rejects with an InvalidResponseError for a body that is not JSON or nests deeper than MAX_JSON_DEPTH.
    json(): Promise<unknown> {
      if (this.#stream || this.#used) return this.text().then((text) => this.#parsed(text));
      // No turn of the event loop for the usual read: openapi-fetch awaits this once per call.
      this.#used = true;
      try {
        return Promise.resolve(this.#parsed(this.received.text));
      } catch (error) {
        return Promise.reject(error);
      }
    }

    #parsed(text: string): unknown {
      const parsed = parseJson(text);
      if (parsed.ok) return parsed.value;
      const { status, method, url } = this.received;
      throw new InvalidResponseError(status, method, pathOf(url), text, this.#secrets, invalidBodyWords(parsed.problem));
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
      return new Buffered(this.received, this.#secrets);
    }

    #asStream(): Response {
      // The body as a stream, for the readers that need one; its headers say what blob() and formData() read.
      this.#stream ??= new Response(this.received.text === '' ? null : this.received.text, { headers: this.headers });
      return this.#stream;
    }
  };
}

function unusable(): Promise<never> {
  return Promise.reject(new TypeError(USED));
}
