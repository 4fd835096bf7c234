// Ajv's findings in the words of a drift report: where (a JSON pointer), what the spec says, what came. Pure.
import type { SchemaError } from '../../generated/validators.js';

/** One finding, ready for a drift report. */
export interface Finding {
  pointer: string;
  expected: string;
  got: string;
}

/** The longest `got` shown: enough to recognise a value, short enough for a terminal line. */
export const MAX_GOT_LENGTH = 120;

/**
 * Turns Ajv's errors for `body` into findings, one per place. For a value that matches none of an `anyOf`'s
 * choices, Ajv reports every choice's errors: the findings are those of the choices that failed inside the value
 * (past its own keys), or one finding naming the schema when none got that far. Never throws.
 */
export function describeErrors(errors: readonly SchemaError[], body: unknown, schema: string): Finding[] {
  const kept: SchemaError[] = [];
  for (const error of errors) {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') {
      kept.push(error);
      continue;
    }
    // Ajv lists the choices' errors just before the choice's own: those at or under this value are its choices'.
    let start = kept.length;
    while (start > 0 && isWithin((kept[start - 1] as SchemaError).instancePath, error.instancePath)) start--;
    const choices = kept.splice(start);
    // A choice that failed inside the value (`errors[0].error_uid`) is the one the answer meant: its errors say
    // more than "none of the choices". When every choice failed at the value itself, that is the finding.
    const inside = choices.filter((e) => e.instancePath !== error.instancePath);
    for (const e of inside.length > 0 ? inside : [error]) kept.push(e);
  }
  // One finding per place: `null` for a status breaks both its type and its enum, which is one problem to a reader.
  const byPointer = new Map<string, Finding>();
  for (const finding of kept.map((error) => describe(error, body, schema))) {
    const same = byPointer.get(finding.pointer);
    if (same) same.expected += ` and ${finding.expected}`;
    else byPointer.set(finding.pointer, finding);
  }
  return [...byPointer.values()];
}

function describe(error: SchemaError, body: unknown, schema: string): Finding {
  const p = error.params;
  switch (error.keyword) {
    case 'required': {
      const pointer = `${error.instancePath}/${escapePointer(String(p.missingProperty))}`;
      return { pointer, expected: 'a value (the field is required)', got: 'nothing' };
    }
    case 'enum':
      return at(error, body, `one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`);
    case 'type':
      return at(error, body, `a value of type ${Array.isArray(p.type) ? p.type.join(' or ') : String(p.type)}`);
    case 'format':
      return at(error, body, `a ${String(p.format)} string`);
    case 'minLength':
      return at(error, body, `at least ${String(p.limit)} characters`);
    case 'maxLength':
      return at(error, body, `at most ${String(p.limit)} characters`);
    case 'minimum':
      return at(error, body, `a number >= ${String(p.limit)}`);
    case 'minItems':
      return at(error, body, `at least ${String(p.limit)} items`);
    case 'pattern':
      return at(error, body, `a string matching ${String(p.pattern)}`);
    case 'not':
      // The spec uses `not` to exclude values (the job ids `.` and `..`, which no URL can carry).
      return at(error, body, 'a value the spec does not exclude');
    case 'anyOf':
    case 'oneOf':
      return at(error, body, error.instancePath === '' ? `one of the shapes ${schema} allows` : `one of the shapes allowed at ${error.instancePath}`);
    default:
      // A keyword the spec may use one day: Ajv's own words, without its "must".
      return at(error, body, (error.message ?? error.keyword).replace(/^must /, ''));
  }
}

function at(error: SchemaError, body: unknown, expected: string): Finding {
  return { pointer: error.instancePath, expected, got: show(valueAt(body, error.instancePath)) };
}

/**
 * A value as JSON, shortened to {@link MAX_GOT_LENGTH} (never inside a surrogate pair), with the control and
 * bidirectional characters JSON leaves as they are escaped too, so it prints as it reads; `nothing` for undefined.
 * Never throws: a value nested too deeply for JSON.stringify is described instead.
 */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    return `a ${Array.isArray(value) ? 'list' : typeof value} nested too deeply to show`;
  }
  text = text.replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (text.length <= MAX_GOT_LENGTH) return text;
  let cut = MAX_GOT_LENGTH - 3;
  if (/[\ud800-\udbff]/.test(text.charAt(cut - 1))) cut--;
  return `${text.slice(0, cut)}...`;
}

/** The value at a JSON pointer (RFC 6901) in `root`; undefined when there is none. */
function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isWithin(path: string, parent: string): boolean {
  return parent === '' || path === parent || path.startsWith(`${parent}/`);
}
