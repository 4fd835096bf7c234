// The exchange on Node: undici's request API (the library Node's own fetch is built on), without fetch's WHATWG
// Request, Response and stream objects, which cost more than the network on a fast link. What fetch would do for
// us is done here: redirects of a GET followed (the key dropped when they leave the origin), a compressed body
// unpacked, the proxy of HTTPS_PROXY / HTTP_PROXY (NO_PROXY honoured) used. Loaded only on Node, by a dynamic
// import (and mapped away in browser bundles by package.json's `browser` field).
import * as zlib from 'node:zlib';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { getGlobalDispatcher, request, type Dispatcher } from 'undici';
import { planDecoding, tooManyCodingsMessage, type Coding } from './content-coding.js';
import { TooLarge, type Answer, type Exchange, type HeaderMap, type Outgoing, type StopSignal } from './exchange.js';
import { proxyLender, type ProxyLease } from './node-proxy.js';

/** Most redirects one GET follows, as fetch does. */
export const MAX_REDIRECTS = 20;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Statuses that never carry a body, whatever their headers say (as fetch treats them).
const NO_BODY = new Set([204, 205, 304]);
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

// The lender of the proxy agent when a proxy variable was set at the first request, null when none was; undefined
// until then.
let proxied: (() => ProxyLease) | null | undefined;

/** The exchange that sends with undici's `request`. Never throws; the exchange throws as {@link Exchange} says. */
export function nodeExchange(pool?: Dispatcher): Exchange {
  return async (url, outgoing, signal, maxBytes): Promise<Answer> => {
    // Through the proxy of HTTPS_PROXY / HTTP_PROXY when one is set (NO_PROXY honoured; read at the first request,
    // once per process), else undici's global dispatcher, the one Node's fetch uses too, so that an app's
    // `setGlobalDispatcher(...)` (a MockAgent in its tests, an Agent with its own CA) applies as it did with fetch.
    proxied ??= PROXY_VARIABLES.some((name) => process.env[name]) ? proxyLender() : null;
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
async function exchangeVia(through: Dispatcher, url: string, outgoing: Outgoing, signal: StopSignal, maxBytes: number): Promise<Answer> {
  const headers = { ...outgoing.headers };
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
      if (next.origin !== new URL(target).origin) delete headers.authorization;
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

/**
 * The body as text, at most `maxBytes` of it after unpacking (gzip, deflate with or without its zlib header, br,
 * zstd where Node has it, as fetch does); a declared length above the limit is refused before reading. Decoded as
 * fetch's text() decodes: UTF-8, a leading byte order mark dropped, whatever the framing.
 * @throws {TooLarge} past the limit; an Error for more than MAX_CONTENT_CODINGS codings; the stream's error (an
 * abort, a reset, a body that does not unpack) as it comes.
 */
async function readBody(body: Readable, headers: Record<string, string | string[] | undefined>, maxBytes: number): Promise<string> {
  // A body ended or cut short is destroyed below; its 'error' then must not go unhandled and end the process.
  body.on('error', () => undefined);
  const encoding = headers['content-encoding'];
  const plan = planDecoding(encoding === undefined ? null : Array.isArray(encoding) ? encoding.join(', ') : encoding, ZSTD);
  if ('tooMany' in plan) {
    body.destroy();
    throw new Error(tooManyCodingsMessage(plan.tooMany));
  }
  const declared = Number(headers['content-length'] ?? NaN);
  if (declared === 0) return '';
  const unpack = plan.undo.length > 0;
  if (!unpack && declared > maxBytes) {
    body.destroy();
    throw new TooLarge();
  }
  // A plain body of a length that fits: undici's own reader, the fast way (it drops a byte order mark too).
  if (!unpack && Number.isFinite(declared)) return (body as Readable & { text(): Promise<string> }).text();
  // pipeline, not pipe: an error or abort of the body must reach the unpacked stream read below.
  const source = unpack ? (pipeline([body, ...plan.undo.map(decoder)], () => undefined) as unknown as Readable) : body;
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
  // TextDecoder, not Buffer's toString: it drops a byte order mark, as fetch's text() does.
  return UTF8.decode(chunks.length === 1 ? (chunks[0]) : Buffer.concat(chunks, bytes));
}

const UTF8 = new TextDecoder();
// As fetch unpacks: flushing what has come even when the stream ends early, so a cut-short body reads as far as it
// got instead of failing.
const ZLIB = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI = { flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };
// zstd came to node:zlib in Node 22.15 and 23.8; fetch undoes it where it is there, and so does this.
const zstdDecompress = (zlib as { createZstdDecompress?: (options: object) => Transform }).createZstdDecompress;
const ZSTD = typeof zstdDecompress === 'function';
const ZSTD_CONSTANTS = zlib.constants as unknown as Record<'ZSTD_e_continue' | 'ZSTD_e_end', number>;

function decoder(coding: Coding): Transform {
  switch (coding) {
    case 'gzip':
      return zlib.createGunzip(ZLIB);
    case 'deflate':
      return new Inflate();
    case 'br':
      return zlib.createBrotliDecompress(BROTLI);
    case 'zstd':
      return (zstdDecompress as (options: object) => Transform)({ flush: ZSTD_CONSTANTS.ZSTD_e_continue, finishFlush: ZSTD_CONSTANTS.ZSTD_e_end });
  }
}

/**
 * `deflate` as servers send it: the zlib format the RFC means, or the raw deflate stream some send instead, told
 * apart by the first byte (a zlib header's low nibble is 8, the deflate method), as fetch tells them apart.
 */
class Inflate extends Transform {
  private inner: Transform | undefined;
  // zlib ends the stream at the end of the deflate data, even with bytes left over (a stray CRLF after it): what
  // comes after is dropped, as fetch drops it, and the end is not waited for twice.
  private innerEnded = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.innerEnded) {
      callback();
      return;
    }
    if (!this.inner) {
      if (chunk.length === 0) {
        callback();
        return;
      }
      const inner = ((chunk[0] as number) & 0x0f) === 0x08 ? zlib.createInflate(ZLIB) : zlib.createInflateRaw(ZLIB);
      inner.on('data', (data: Buffer) => this.push(data));
      inner.on('end', () => (this.innerEnded = true));
      inner.on('error', (error) => this.destroy(error));
      this.inner = inner;
    }
    this.inner.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner || this.innerEnded) {
      callback();
      return;
    }
    this.inner.once('end', () => callback());
    this.inner.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
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
