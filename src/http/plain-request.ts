// What openapi-fetch builds for a `client.jobs` call instead of a WHATWG Request, through its per-request `Request`
// option: the request never reaches the caller's code, only the client's fetch, and on Node 20 a Request (with the
// AbortSignal each one allocates) costs as much as the rest of the call. `client.raw` builds real Requests, which its
// middleware may read, clone or send on.

/** The URL, method, headers and body of a request, nothing more. */
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
