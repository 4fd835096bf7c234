// Which content-codings of an answer the Node transport undoes, decided as fetch (undici's) decides it, so that the
// two transports read the same bytes the same way: codings are undone last applied first; one it does not know
// (or `identity`) means the body is read as it came; more than five are refused before any decoder is built, since
// each costs memory and CPU and a 16 KiB header can list thousands.

/** Most content-codings one answer may list, as fetch allows (after curl's CVE-2022-32206). */
export const MAX_CONTENT_CODINGS = 5;

/** A content-coding the Node transport can undo (`zstd` only where node:zlib has it, as fetch). */
export type Coding = 'gzip' | 'deflate' | 'br' | 'zstd';

/** The codings to undo, in the order to undo them, or how many were listed when that is more than allowed. */
export type CodingPlan = { undo: Coding[] } | { tooMany: number };

/**
 * What to do with a `Content-Encoding` header (several headers joined with ", "): the codings to undo, none when
 * the header is absent or names one that cannot be undone, or `tooMany` past {@link MAX_CONTENT_CODINGS}.
 * Never throws.
 */
export function planDecoding(header: string | null, zstd: boolean): CodingPlan {
  const codings = header ? header.toLowerCase().split(',') : [];
  if (codings.length > MAX_CONTENT_CODINGS) return { tooMany: codings.length };
  const undo: Coding[] = [];
  for (const listed of codings.reverse()) {
    const coding = listed.trim();
    if (coding === 'gzip' || coding === 'x-gzip') undo.push('gzip');
    else if (coding === 'deflate' || coding === 'br' || (coding === 'zstd' && zstd)) undo.push(coding);
    else return { undo: [] };
  }
  return { undo };
}

/** The message of the error for too many codings, the same words fetch uses. Never throws. */
export function tooManyCodingsMessage(count: number): string {
  return `too many content-encodings in response: ${count}, maximum allowed is ${MAX_CONTENT_CODINGS}`;
}
