// Redaction lives apart from the error classes because the transport's log lines need it too. A server can echo
// the key back in any form: as is, JSON- or JavaScript-escaped, percent-encoded, as HTML entities or in base64.
// Every one of those forms is replaced, in the raw text, before anything is parsed or shown.
import { MAX_JSON_DEPTH } from '../http/json.js';

/** Secrets shorter than this are never redacted: no real key is that short, and redacting one would mangle text. */
export const MIN_SECRET_LENGTH = 4;

const REPLACEMENT = '[REDACTED]';
// One or more backslashes: a text escaped twice (a JSON string inside a JSON string) doubles them.
const BACKSLASH = String.raw`\\+`;
const patterns = new Map<string, RegExp>();

/**
 * Replaces every occurrence of each secret in `text`, in any of the forms a server may echo it in, with
 * `[REDACTED]`. Secrets under {@link MIN_SECRET_LENGTH} characters are left alone. Never throws.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    out = out.replace(patternFor(secret), REPLACEMENT);
  }
  return out;
}

function patternFor(secret: string): RegExp {
  let pattern = patterns.get(secret);
  if (!pattern) {
    const forms = [Array.from(secret, charForms).join(''), ...base64Forms(secret).map(escapeRegExp)];
    pattern = new RegExp(forms.join('|'), 'g');
    // A client has one key; the map only guards against rebuilding the pattern on every error.
    if (patterns.size > 16) patterns.clear();
    patterns.set(secret, pattern);
  }
  return pattern;
}

/** One character as itself or escaped: \uXXXX, \u{X}, \xXX, %XX, &#NN;, &#xXX;, or its short escape (\/). */
function charForms(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = hexPattern(code.toString(16));
  const percent = Array.from(new TextEncoder().encode(char), (byte) => `%${hexPattern(byte.toString(16).padStart(2, '0'))}`).join('');
  const forms = [escapeRegExp(char), `${BACKSLASH}u0*${hex}`, `${BACKSLASH}u\\{0*${hex}\\}`, `&#0*${code};`, `&#[xX]0*${hex};`, percent];
  if (code < 0x100) forms.push(`${BACKSLASH}x${hexPattern(code.toString(16).padStart(2, '0'))}`);
  if (char === '/' || char === '"' || char === '\\' || char === "'") forms.push(`${BACKSLASH}${escapeRegExp(char)}`);
  const named = NAMED_ENTITIES[char];
  if (named) forms.push(named);
  return `(?:${forms.join('|')})`;
}

const NAMED_ENTITIES: Partial<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Every string in `value` (object keys included) redacted: the parsed form of a body, where one level of
 * escaping is gone and what was escaped twice is now escaped once. What nests deeper than MAX_JSON_DEPTH (which a
 * body from the client never does: it is refused when parsed) is replaced by a note, so the walk stays bounded.
 * Never throws.
 */
export function redactDeep(value: unknown, secrets: readonly string[]): unknown {
  return redactWithin(value, secrets, 0);
}

function redactWithin(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_JSON_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => redactWithin(item, secrets, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key, secrets), redactWithin(item, secrets, depth + 1)]));
}

const TOO_DEEP = `[nested deeper than ${MAX_JSON_DEPTH} levels]`;

/** A hex number matching either case of its letters. */
function hexPattern(hex: string): string {
  return hex.replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);
}

/**
 * The part of the secret's base64 (and base64url) that is the same wherever it stands in a longer encoded text:
 * for each of the three byte alignments, the characters that encode only the secret's own bytes.
 */
function base64Forms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const forms: string[] = [];
  for (let lead = 0; lead < 3; lead++) {
    const padded = new Uint8Array(lead + bytes.length);
    padded.set(bytes, lead);
    const encoded = btoa(String.fromCharCode(...padded));
    const firstWholeGroup = lead === 0 ? 0 : 1;
    const wholeGroups = Math.floor((padded.length - firstWholeGroup * 3) / 3);
    const core = encoded.slice(firstWholeGroup * 4, (firstWholeGroup + wholeGroups) * 4);
    // Too short a core would match ordinary text.
    if (core.length >= 8) forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
