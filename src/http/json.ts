// Reading JSON that came from a server, with a bound on how deep it nests. JSON.parse itself copes with any depth,
// but everything that walks the result afterwards (redaction, printing, JSON.stringify, describing a drift) recurses
// and would overflow the stack on a body such as `[[[[...]]]]` thousands deep: a RangeError instead of the typed
// error the caller catches. No answer of this API nests more than a few levels, so a body deeper than the limit is
// treated as what it is, not the JSON the spec promises. Width and size need no limit of their own here: every
// walk is linear, and the body is at most `maxResponseBytes` long.

/** How deep a server's JSON may nest (objects and arrays); deeper is refused as if it were not JSON. */
export const MAX_JSON_DEPTH = 64;

/** What parsing a server's text came to: the value, or why there is none. */
export type ParsedJson = { ok: true; value: unknown } | { ok: false; problem: 'not-json' | 'too-deep' };

/** Parses `text` as JSON and checks, without recursing, that it nests at most {@link MAX_JSON_DEPTH} deep. Never throws. */
export function parseJson(text: string): ParsedJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  // A text with few brackets cannot nest deeply (a job record has a handful): no need to walk what it parsed to.
  return fewBrackets(text, MAX_JSON_DEPTH) || depthWithin(value, MAX_JSON_DEPTH) ? { ok: true, value } : { ok: false, problem: 'too-deep' };
}

/** Whether `text` holds at most `limit` opening brackets (`[` or `{`, quoted ones included). Never throws. */
function fewBrackets(text: string, limit: number): boolean {
  let count = 0;
  for (const bracket of ['{', '[']) {
    for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) if (++count > limit) return false;
  }
  return true;
}

/** Whether `value` nests at most `limit` objects or arrays deep (a scalar is depth 0). Iterative. Never throws. */
export function depthWithin(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth + 1 > limit) return false;
    for (const child of Array.isArray(item) ? item : Object.values(item)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return true;
}

/** How an InvalidResponseError words a body that did not parse: undefined (its default) for one that is not JSON. */
export function invalidBodyWords(problem: 'not-json' | 'too-deep'): string | undefined {
  return problem === 'too-deep' ? `nests deeper than ${MAX_JSON_DEPTH} levels` : undefined;
}
