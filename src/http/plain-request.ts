// What openapi-fetch builds for a `client.jobs` call instead of a WHATWG Request, through its per-request `Request`
// option: the request never reaches the caller's code, only the fetch a call hands openapi-fetch, and on Node 20 a Request (with the
// AbortSignal each one allocates) costs as much as the rest of the call. `client.raw` builds real Requests, which its
// middleware may read, clone or send on.

/** The URL, method, headers and body of a request, nothing more. */
export class PlainRequest {
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | null;
  // openapi-fetch's default: a facade call's GET follows redirects (the transport follows no other method's).
  readonly redirect = 'follow';

  /** Keeps what openapi-fetch passes: the method, its Headers and the body it serialized. Never throws. */
  constructor(
    readonly url: string,
    init: RequestInit,
  ) {
    this.method = init.method as string;
    this.headers = init.headers as Headers;
    this.body = (init.body as string | undefined) ?? null;
  }
}
