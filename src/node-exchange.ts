// The exchange on Node: undici's request API (the library Node's own fetch is built on), without fetch's WHATWG
// Request, Response and stream objects, which cost more than the network on a fast link. What fetch would do for
// us is done here: redirects of a GET followed (the key dropped when they leave the origin), a compressed body
// unpacked, the proxy of HTTPS_PROXY / HTTP_PROXY (NO_PROXY honoured) used. Loaded only on Node, by a dynamic
// import (and mapped away in browser bundles by package.json's `browser` field).
import { STATUS_CODES } from 'node:http';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { TooLarge, type Answer, type Exchange, type HeaderMap } from './exchange.js';

/** Most redirects one GET follows, as fetch does. */
export const MAX_REDIRECTS = 20;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

let shared: Dispatcher | undefined;

/**
 * The connection pool every client on this process shares (as fetch's global one is shared): through the proxy
 * of HTTPS_PROXY / HTTP_PROXY when one is set (NO_PROXY honoured), else direct with keep-alive. Read once, at the
 * first request. Never throws.
 */
function dispatcher(env: NodeJS.ProcessEnv = process.env): Dispatcher {
  shared ??= PROXY_VARIABLES.some((name) => env[name]) ? new EnvHttpProxyAgent() : new Agent();
  return shared;
}

/** The exchange that sends with undici's `request`. Never throws; the exchange throws as {@link Exchange} says. */
export function nodeExchange(pool?: Dispatcher): Exchange {
  return async (url, outgoing, signal, maxBytes): Promise<Answer> => {
    const headers = { ...outgoing.headers };
    let target = url;
    for (let redirects = 0; ; redirects++) {
      const response = await request(target, {
        method: outgoing.method,
        headers,
        body: outgoing.body instanceof ArrayBuffer ? new Uint8Array(outgoing.body) : (outgoing.body ?? undefined),
        signal,
        dispatcher: pool ?? dispatcher(),
      });
      const location = response.headers.location;
      if (outgoing.follow && REDIRECTS.has(response.statusCode) && typeof location === 'string') {
        response.body.resume();
        if (redirects >= MAX_REDIRECTS) throw new TypeError(`more than ${MAX_REDIRECTS} redirects`);
        const next = new URL(location, target);
        // As fetch does: the key is not sent on to another origin.
        if (next.origin !== new URL(target).origin) delete headers.authorization;
        target = next.href;
        continue;
      }
      const text = await readBody(response.body, response.headers, maxBytes);
      return { status: response.statusCode, statusText: STATUS_CODES[response.statusCode] ?? '', headers: new NodeHeaders(response.headers), text, finalUrl: target };
    }
  };
}

/**
 * The body as text, at most `maxBytes` of it after unpacking (gzip, deflate, br); a declared length above the
 * limit is refused before reading.
 * @throws {TooLarge} past the limit; the stream's error (an abort, a reset) as it comes.
 */
async function readBody(body: Readable, headers: Record<string, string | string[] | undefined>, maxBytes: number): Promise<string> {
  const declared = Number(headers['content-length'] ?? NaN);
  const encoding = String(headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const unpack = UNPACK[encoding];
  if (!unpack && declared > maxBytes) {
    body.destroy();
    throw new TooLarge();
  }
  // A plain body of a length that fits: undici's own reader, the fast way.
  if (!unpack && Number.isFinite(declared)) return (body as Readable & { text(): Promise<string> }).text();
  // pipeline, not pipe: an error or abort of the body must reach the unpacked stream read below.
  const source: Readable = unpack ? pipeline(body, unpack(), () => undefined) : body;
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      bytes += chunk.byteLength;
      if (bytes > maxBytes) throw new TooLarge();
      chunks.push(chunk);
    }
  } catch (error) {
    body.destroy();
    source.destroy();
    throw error;
  }
  return chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks, bytes).toString('utf8');
}

const UNPACK: Partial<Record<string, () => Transform>> = { gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate, br: createBrotliDecompress };

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
