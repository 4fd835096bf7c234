// The exchange on Node: undici's request API (the library Node's own fetch is built on), without fetch's WHATWG
// Request, Response and stream objects, which cost more than the network on a fast link. What fetch would do for
// us is done here: redirects of a GET followed (the key dropped when they leave the origin), a compressed body
// unpacked, the proxy of HTTPS_PROXY / HTTP_PROXY (NO_PROXY honoured) used. Loaded only on Node, by a dynamic
// import (and mapped away in browser bundles by package.json's `browser` field).
import { getGlobalDispatcher, request, type Dispatcher } from 'undici';
import { readEnv } from '../env.js';
import type { WireAnswer, Exchange, HeaderMap, Outgoing, StopSignal } from './exchange.js';
import { readBody } from './node-body.js';
import { proxyLender, type ProxyLease } from './node-proxy.js';

/** Most redirects one GET follows, as fetch does. */
export const MAX_REDIRECTS = 20;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
// Statuses that never carry a body, whatever their headers say (as fetch treats them).
const NO_BODY = new Set([204, 205, 304]);

// The lender of the proxy agent when a proxy variable was set at the first request, false when none was; undefined
// until then. Not null for "none": `??=` would take null as unset and read the environment again on every request.
let proxied: (() => ProxyLease) | false | undefined;

/** The exchange that sends with undici's `request`. Never throws; the exchange throws as {@link Exchange} says. */
export function nodeExchange(pool?: Dispatcher): Exchange {
  return async (url, outgoing, signal, maxBytes): Promise<WireAnswer> => {
    // Through the proxy of HTTPS_PROXY / HTTP_PROXY when one is set (NO_PROXY honoured; read at the first request,
    // once per process), else undici's global dispatcher, the one Node's fetch uses too, so that an app's
    // `setGlobalDispatcher(...)` (a MockAgent in its tests, an Agent with its own CA) applies as it did with fetch.
    proxied ??= PROXY_VARIABLES.some((name) => readEnv(name)) ? proxyLender() : false;
    if (pool || !proxied) return exchangeVia(pool ?? getGlobalDispatcher(), url, outgoing, signal, maxBytes);
    const used = proxied();
    // At the stop, not when undici settles: an aborted request waiting for a tunnel that never opens is never
    // settled, and only destroying its agent closes that connection.
    const onStop = () => {
      used.end(true);
    };
    signal.addEventListener('abort', onStop);
    try {
      const answer = await exchangeVia(used.dispatcher, url, outgoing, signal, maxBytes);
      used.end(false);
      return answer;
    } catch (error) {
      used.end(true);
      throw error;
    } finally {
      signal.removeEventListener('abort', onStop);
    }
  };
}

/** One exchange through `through`: the request, the redirects of a GET, the whole body. */
async function exchangeVia(through: Dispatcher, url: string, outgoing: Outgoing, signal: StopSignal, maxBytes: number): Promise<WireAnswer> {
  // Copied only when a redirect to another origin must drop the key: the caller's object is never changed.
  let headers = outgoing.headers;
  let target = url;
  for (let redirects = 0; ; redirects++) {
    const response = await request(target, {
      method: outgoing.method,
      headers,
      body: outgoing.body instanceof ArrayBuffer ? new Uint8Array(outgoing.body) : (outgoing.body ?? undefined),
      // undici listens to anything with addEventListener and removeEventListener, not only an AbortSignal.
      signal: signal as unknown as AbortSignal,
      dispatcher: through,
    });
    const location = response.headers.location;
    if (outgoing.follow && REDIRECTS.has(response.statusCode) && typeof location === 'string') {
      // The redirect's own body is not wanted: read a little of it so the connection can be kept, then drop it.
      await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      if (redirects >= MAX_REDIRECTS) throw new TypeError(`more than ${MAX_REDIRECTS} redirects`);
      const next = new URL(location, target);
      // As fetch does: a Location with credentials is a network error (they would be sent on, or shown in errors).
      if (next.username !== '' || next.password !== '') throw new TypeError('redirect location includes credentials');
      // As fetch does: the key is not sent on to another origin.
      if (next.origin !== new URL(target).origin) headers = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'authorization'));
      target = next.href;
      continue;
    }
    if (response.statusCode === 407) {
      // As fetch does (RFC 9110 makes 407 the answer of a proxy, which the client has not asked through): a
      // network error, not an answer of the API's.
      await response.body.dump().catch(() => undefined);
      throw new TypeError('proxy authentication required');
    }
    const bodiless = outgoing.method === 'HEAD' || NO_BODY.has(response.statusCode);
    const text = bodiless ? await response.body.dump().then(() => '', () => '') : await readBody(response.body, response.headers, maxBytes);
    return { status: response.statusCode, statusText: response.statusText, headers: new NodeHeaders(response.headers), text, finalUrl: target };
  }
}

/** An answer's headers as undici gives them (names lower-cased), read through the {@link HeaderMap} interface. */
class NodeHeaders implements HeaderMap {
  constructor(private readonly raw: Record<string, string | string[] | undefined>) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  forEach(callback: (value: string, name: string) => void): void {
    for (const [name, value] of Object.entries(this.raw)) if (value !== undefined) callback(Array.isArray(value) ? value.join(', ') : value, name);
  }
}
