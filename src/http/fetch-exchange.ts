// An exchange over a `fetch`: the global one on browsers, Deno and Bun, or the caller's own anywhere.
import { TooLarge, type WireAnswer, type Exchange } from './exchange.js';

/** The exchange that sends with `fetchImpl`. Never throws; the exchange throws as {@link Exchange} says. */
export function fetchExchange(fetchImpl: typeof globalThis.fetch): Exchange {
  return async (url, request, stop, maxBytes): Promise<WireAnswer> => {
    // fetch wants a real AbortSignal.
    const controller = new AbortController();
    const onStop = () => {
      controller.abort(stop.reason);
    };
    if (stop.aborted) onStop();
    else stop.addEventListener('abort', onStop);
    try {
      const signal = controller.signal;
      const init: RequestInit = { method: request.method, headers: request.headers, redirect: request.follow ? 'follow' : 'manual', signal };
      if (request.body !== undefined && request.body !== null) init.body = request.body as RequestInit['body'];
      const response = await fetchImpl(url, init);
      const text = await readText(response, maxBytes, signal);
      return { status: response.status, statusText: response.statusText, headers: response.headers, text, finalUrl: response.url || url };
    } finally {
      stop.removeEventListener('abort', onStop);
    }
  };
}

/**
 * The body as text, at most `maxBytes` of it. A plain body whose Content-Length fits is read by `text()`, the
 * fast way; one of unknown length or compressed (a small compressed body can unpack to gigabytes) is counted as it
 * comes and dropped as soon as it passes the limit.
 */
async function readText(response: Response, maxBytes: number, signal: AbortSignal): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  const encoding = response.headers.get('content-encoding');
  const plain = encoding === null || encoding === 'identity';
  if (plain && Number.isFinite(declared) && declared <= maxBytes) return response.text();
  if (!response.body) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const onAbort = () => {
    reader.cancel(signal.reason).catch(() => undefined);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    if (plain && declared > maxBytes) throw new TooLarge();
    const decoder = new TextDecoder();
    let text = '';
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      bytes += value.byteLength;
      if (bytes > maxBytes) throw new TooLarge();
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
