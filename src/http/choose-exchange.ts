// Which way a client's requests go: undici on Node (faster than fetch), fetch everywhere else and whenever the
// caller passes a fetch of their own. The Node exchange is imported only when it is used, so browsers, Deno and Bun
// never load it, and package.json's `browser` field keeps it out of browser bundles.
import { ValidationError } from '../errors/index.js';
import type { Exchange } from './exchange.js';
import { fetchExchange } from './fetch-exchange.js';

/** How requests are sent: `node` (undici, Node only), `fetch` (the global fetch), or `auto` (node on Node, else fetch). */
export type TransportKind = 'auto' | 'node' | 'fetch';

/** Whether this is Node itself (Deno and Bun also set `process.versions.node`). Never throws. */
function isNode(): boolean {
  const versions = (globalThis as { process?: { versions?: Record<string, string | undefined> } }).process?.versions;
  return typeof versions?.node === 'string' && versions.bun === undefined && !('Deno' in globalThis);
}

/**
 * The exchange for these options, as a function the transport calls per request: a value once known, a promise
 * the first time the Node exchange is loaded.
 * @throws {ValidationError} for an unknown `transport`, `node` off Node, or `node` together with a custom fetch.
 */
export function chooseExchange(transport: TransportKind | undefined, customFetch: typeof globalThis.fetch | undefined): () => Exchange | Promise<Exchange> {
  const kind = transport ?? 'auto';
  // Checked although typed: plain JavaScript callers pass anything.
  if (!(['auto', 'node', 'fetch'] as unknown[]).includes(kind)) {
    throw new ValidationError('transport', `transport must be 'auto', 'node' or 'fetch', got ${JSON.stringify(kind)}.`);
  }
  if (kind === 'node' && customFetch) throw new ValidationError('transport', "transport 'node' sends with undici, not a fetch: leave out either transport or fetch.");
  if (kind === 'node' && !isNode()) throw new ValidationError('transport', "transport 'node' needs Node.js; use 'fetch' (or 'auto') on this runtime.");
  if (customFetch || kind === 'fetch' || !isNode()) {
    const exchange = fetchExchange(customFetch ?? globalThis.fetch);
    return () => exchange;
  }
  let exchange: Exchange | undefined;
  let loading: Promise<Exchange> | undefined;
  return () =>
    exchange ??
    (loading ??= import('./node-exchange.js').then(
      // A bundle for browsers maps the module to an empty one (package.json's `browser` field): fetch then.
      (module: Partial<typeof import('./node-exchange.js')>) => (exchange = typeof module.nodeExchange === 'function' ? module.nodeExchange() : fetchExchange(globalThis.fetch)),
      // `auto` in a bundle that left the Node exchange out: fetch still works.
      (error: unknown) => {
        if (kind === 'node') throw error;
        return (exchange = fetchExchange(globalThis.fetch));
      },
    ));
}
