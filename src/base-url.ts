// What a base URL may be, for createClient and the CLI's --base-url / ATAI_BASE_URL alike. Paths are appended to
// it as text, so a query or a fragment in it would send every request to the wrong place (`/v0.5?tenant=a/fine-tune/
// jobs/x/stop`, or everything to `/v0.5` once a `#` cuts the path off), key attached. Credentials in it would be
// dropped by undici and refused by fetch, and shown in every error that names the URL: the key is the one way
// this API authenticates, so none are accepted.

/** The production base URL; paths start at `/fine-tune`. */
export const DEFAULT_BASE_URL = 'https://api.u1.archetypeai.app/v0.5';

/**
 * What is wrong with `raw` as a base URL, in words that say how to fix it, or undefined when it is fine. The URL
 * is shown with any user name and password replaced by `***`. Never throws.
 */
export function baseUrlProblem(raw: string): string | undefined {
  const parsed = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!parsed || !/^https?:$/.test(parsed.protocol)) return `must be an http(s) URL such as ${DEFAULT_BASE_URL}, got ${JSON.stringify(shownUrl(raw))}`;
  if (parsed.username !== '' || parsed.password !== '') {
    return `must not hold a user name or password (${JSON.stringify(shownUrl(raw))}): the API key authenticates; pass it as the key`;
  }
  // The raw text, not parsed.search and parsed.hash: a bare `?` or `#` leaves those empty but still cuts the path.
  const afterAuthority = raw.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  if (/[?#]/.test(afterAuthority)) {
    return `must not have a query or fragment (${JSON.stringify(shownUrl(raw))}): paths are appended to it; give the URL up to its path, e.g. ${DEFAULT_BASE_URL}`;
  }
  return undefined;
}

/**
 * `raw` with any user name and password replaced by `***`. A URL that does not parse (a password holding `/`, `?` or
 * `#` makes it so) is masked from its `//` to its last `@`, which may hide more than the credentials but never
 * shows them. Never throws.
 */
export function shownUrl(raw: string): string {
  if (URL.canParse(raw)) {
    const url = new URL(raw);
    if (url.username === '' && url.password === '') return raw;
    return `${url.protocol}//***@${url.host}${url.pathname}${url.search}${url.hash}`;
  }
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/*)[^]*@/i, (_match, scheme: string) => `${scheme}***@`);
}
