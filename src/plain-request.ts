// What openapi-fetch builds for the facade instead of a WHATWG Request (through its `Request` option).

/**
 * The URL, method, headers and body of a request, nothing more. fetch() builds the real Request from these once;
 * building one here as well doubled the cost of a call (on Node 20 every Request also allocates an AbortSignal).
 */
export class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: RequestInit['body'] | null;
  readonly redirect: NonNullable<RequestInit['redirect']>;

  /** Keeps `init`'s method (default GET), headers, body and redirect mode. Never throws. */
  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.method = init.method ?? 'GET';
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
    this.redirect = init.redirect ?? 'follow';
  }
}
