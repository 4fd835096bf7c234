// Which environment variables name a proxy for the Node transport (node-proxy.ts honours them, with NO_PROXY).
// Apart from node-exchange.ts, which imports undici: the CLI reads the list to choose its transport without loading it.

/** The variables that name a proxy, in the order they are looked at. */
export const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const;

/** Whether `read` gives a non-empty value for one of {@link PROXY_VARIABLES}. Never throws unless `read` does. */
export function namesProxy(read: (name: string) => string | undefined): boolean {
  return PROXY_VARIABLES.some((name) => Boolean(read(name)));
}
