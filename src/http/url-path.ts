// The path of a request's URL, as error messages show it (the base URL's origin left out).

/** The path of a URL, for messages (the whole of `url` when it does not parse). Never throws. */
export function pathOf(url: string): string {
  return URL.canParse(url) ? new URL(url).pathname : url;
}
