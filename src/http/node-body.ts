// The body of an answer on the Node transport, read as fetch reads it: unpacked (gzip, deflate with or without its
// zlib header, br, zstd where Node has it; the codings planDecoding allows), within the size limit, decoded as UTF-8
// with a byte order mark dropped, whatever the framing.
import * as zlib from 'node:zlib';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { planDecoding, tooManyCodingsMessage, type Coding } from './content-coding.js';
import { TooLarge } from './exchange.js';

/**
 * The body as text, at most `maxBytes` of it after unpacking (gzip, deflate with or without its zlib header, br,
 * zstd where Node has it, as fetch does); a declared length above the limit is refused before reading. Decoded as
 * fetch's text() decodes: UTF-8, a leading byte order mark dropped, whatever the framing.
 * @throws {TooLarge} past the limit; an Error for more than MAX_CONTENT_CODINGS codings; the stream's error (an
 * abort, a reset, a body that does not unpack) as it comes.
 */
export async function readBody(body: Readable, headers: Record<string, string | string[] | undefined>, maxBytes: number): Promise<string> {
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
