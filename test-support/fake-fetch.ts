// A `fetch` to inject into the client in unit tests: it answers from a script, records what it was sent, and never
// touches the network. The client's whole path above fetch runs for real.
import { SEED_STOP_RESPONSE } from './fixtures.js';

/** One request the fake fetch received. */
export interface FakeCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

/** What the fake does for one request: answer, or act on it (e.g. hang until aborted). */
export type Script = (call: FakeCall) => Response | Promise<Response>;

/** A fake fetch and what it has seen. */
export interface FakeFetch {
  fetch: typeof globalThis.fetch;
  calls: FakeCall[];
}

/**
 * A fetch that runs `scripts` in order, one per request, repeating the last one when they run out.
 * @throws when called with no scripts.
 */
export function fakeFetch(...scripts: Script[]): FakeFetch {
  if (scripts.length === 0) throw new Error('fakeFetch needs at least one script');
  const calls: FakeCall[] = [];
  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const headers: Record<string, string> = {};
    new Headers(init.headers ?? request?.headers).forEach((value, name) => (headers[name] = value));
    const body = init.body === undefined || init.body === null ? undefined : typeof init.body === 'string' ? init.body : new TextDecoder().decode(init.body as ArrayBuffer);
    const call: FakeCall = { url: input instanceof Request ? input.url : input instanceof URL ? input.href : input, method: init.method ?? request?.method ?? 'GET', headers, body, signal: init.signal ?? undefined };
    calls.push(call);
    const script = scripts[Math.min(calls.length - 1, scripts.length - 1)] as Script;
    return script(call);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

/** A JSON answer with this status. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Script {
  return () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** The seed's job record with status 200. */
export const okJob: Script = json(200, SEED_STOP_RESPONSE);

/** Never answers; rejects with the signal's reason once the request's signal aborts (as fetch does). */
export const hang: Script = (call) =>
  new Promise((_resolve, reject) => {
    if (call.signal?.aborted) reject(call.signal.reason);
    call.signal?.addEventListener('abort', () => reject(call.signal?.reason), { once: true });
  });

/** A network failure with this socket code, shaped as undici's "fetch failed". */
export function networkError(code: string): Script {
  return () => {
    throw new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code}`), { code }) });
  };
}

/** A clock whose sleeps return at once and are recorded, so retries run without waiting. */
export function instantClock(waits: number[] = []) {
  return {
    now: () => Date.now(),
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      waits.push(ms);
    },
  };
}
