// What one attempt needs from the network, whichever way it goes: send the request, read the whole answer. Two
// implementations: fetch-exchange.ts (any runtime's fetch, or the caller's own) and node-exchange.ts (undici's
// request API on Node, faster: no WHATWG Request/Response objects). attempt.ts runs either under its timer.

/** The headers of an answer: what `Headers` offers, without having to be one. */
export interface HeaderMap {
  /** The value of a header (several joined with ", "), case-insensitive; null when absent. */
  get(name: string): string | null;
  /** Calls `callback` for each header, names lower-cased. */
  forEach(callback: (value: string, name: string) => void): void;
}

/** What one exchange received over the wire: the status, headers and whole body (unpacked), and where it came from. */
export interface WireAnswer {
  status: number;
  /** The reason phrase as the server sent it (empty where the way it came does not carry one, as in HTTP/2). */
  statusText: string;
  headers: HeaderMap;
  text: string;
  /** The URL that answered: the one asked, or where its redirects led. */
  finalUrl: string;
}

/** A request as the transport sends it: headers lower-cased, the body (if any) already a string or bytes. */
export interface Outgoing {
  method: string;
  headers: Record<string, string>;
  body?: string | ArrayBuffer | Uint8Array | null | undefined;
  /** Whether a redirect is followed (GET and HEAD only: others get the 3xx answer back). */
  follow: boolean;
}

/**
 * What tells an exchange to stop: the part of AbortSignal exchanges use. Not an AbortSignal itself, which costs a
 * few microseconds to make and to listen to on every attempt; undici takes this shape as it is, fetch gets a real
 * signal made from it.
 */
export interface StopSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * Sends `request` to `url` once and reads the whole body, at most `maxBytes` of it (after decompression).
 * @throws {TooLarge} past `maxBytes`; the network's error when there is no answer; the signal's reason on abort.
 */
export type Exchange = (url: string, request: Outgoing, signal: StopSignal, maxBytes: number) => Promise<WireAnswer>;

/** Thrown by an exchange past the size limit; attempt() turns it into the ResponseTooLargeError naming the request. */
export class TooLarge extends Error {}

/**
 * The `code` of the error an exchange fails with when a proxy closed the connection before the tunnel to the API was
 * open: nothing reached the API, so the attempt counts as not sent (attempt.ts). Here, not in the Node transport's
 * own module, so that browser bundles need not load it for the constant.
 */
export const PROXY_TUNNEL_CLOSED = 'ATAI_PROXY_TUNNEL_CLOSED';
