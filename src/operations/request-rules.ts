// The spec's request rules (generated/surface.ts: each schema reduced to type, length, range, enum, items and
// required properties) applied to a value. The client checks every request with them before sending, and the mock
// checks every request it receives with them, so the two can never disagree on what is valid.
import { SCHEMA_RULES } from '../../generated/surface.js';
import { isRecord } from './shapes.js';

/** One schema of the spec as a rule: the keywords a request check needs, and its description and example. */
export interface Rule {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly notEnum?: readonly unknown[];
  /** Why the values of `notEnum` are excluded (the description of the schema's `not`). */
  readonly notReason?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, Rule>>;
  readonly items?: Rule;
  readonly description?: string;
  readonly example?: unknown;
}

/** What breaks a rule: where (`body.config.model`, `statuses[1]`, `jobId`) and a message naming it and the fix. */
export interface RuleProblem {
  readonly at: string;
  readonly message: string;
}

const RULES: Readonly<Record<string, Rule>> = SCHEMA_RULES;

/**
 * The first way `value` (found at `at`) breaks `rule`, or undefined when it keeps it. Lengths count code points,
 * as JSON Schema does; an integer must also be exact in JavaScript (at most 2^53 - 1); a string must be well-formed
 * text (no lone surrogate). Never throws for JSON data.
 */
export function ruleProblem(rule: Rule, value: unknown, at: string): RuleProblem | undefined {
  const own = resolve(rule);
  const problem = (what: string) => ({ at, message: `${at} ${what}${hint(own)}.` });
  const types = own.type === undefined ? [] : typeof own.type === 'string' ? [own.type] : own.type;
  if (types.length > 0 && !types.some((type) => hasType(value, type))) return problem(`must be ${types.map(typeWords).join(' or ')}, got ${describeValue(value)}`);
  if (typeof value === 'string') {
    // JSON text cannot carry it interoperably (RFC 8259, 8.2) and no URL can (encodeURIComponent throws).
    // Counted in code points only when there are surrogates to pair: most strings are counted by their length.
    const surrogates = /[\uD800-\uDFFF]/.test(value);
    if (surrogates && /\p{Cs}/u.test(value)) return { at, message: `${at} contains a lone UTF-16 surrogate, so it is not valid text; check how it was sliced or decoded.` };
    const length = surrogates ? Array.from(value).length : value.length;
    if (own.minLength !== undefined && length < own.minLength) return problem(length === 0 ? 'is empty' : `is ${length} characters long; it must be at least ${own.minLength}`);
    if (own.maxLength !== undefined && length > own.maxLength) return problem(`is ${length} characters long; it must be at most ${own.maxLength}`);
  }
  if (typeof value === 'number') {
    if (own.minimum !== undefined && value < own.minimum) return problem(`must be at least ${own.minimum}, got ${value}`);
    if (own.maximum !== undefined && value > own.maximum) return problem(`must be at most ${own.maximum}, got ${value}`);
  }
  if (own.enum && !own.enum.includes(value)) return problem(`must be one of ${own.enum.join(', ')}, got ${describeValue(value)}`);
  if (own.notEnum?.includes(value)) {
    const excluded = own.notEnum.map((v) => JSON.stringify(v)).join(' or ');
    return { at, message: `${at} is ${describeValue(value)}, which is never valid: ${own.notReason ?? `it must not be ${excluded}`}.${own.example === undefined ? '' : ` Pass a real one, e.g. ${JSON.stringify(own.example)}.`}` };
  }
  if (Array.isArray(value)) {
    if (own.minItems !== undefined && value.length < own.minItems) {
      return problem(value.length === 0 ? 'is an empty list: leave it out, or name at least one' : `must have at least ${own.minItems} items`);
    }
    if (own.maxItems !== undefined && value.length > own.maxItems) return problem(`must have at most ${own.maxItems} items`);
    const items = own.items;
    if (items) {
      for (const [i, item] of value.entries()) {
        const found = ruleProblem(items, item, `${at}[${i}]`);
        if (found) return found;
      }
    }
  }
  if (isRecord(value)) {
    // In the order the spec lists the properties, so that the first field a person fills in is reported first.
    const keys = [...new Set([...Object.keys(own.properties ?? {}), ...(own.required ?? [])])];
    for (const key of keys) {
      const property = own.properties?.[key];
      if (value[key] === undefined) {
        if (own.required?.includes(key)) return { at: `${at}.${key}`, message: `${at}.${key} is required${property ? hint(resolve(property)) : ''}.` };
        continue;
      }
      const found = property && ruleProblem(property, value[key], `${at}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** `rule` with its `$ref` followed (to the spec's schema of that name). Never throws. */
export function resolve(rule: Rule): Rule {
  for (let depth = 0; rule.$ref !== undefined && depth < 16; depth++) rule = RULES[rule.$ref] ?? {};
  return rule;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isSafeInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isRecord(value);
    case 'null':
      return value === null;
    default:
      return true;
  }
}

function typeWords(type: string): string {
  if (type === 'integer') return `an integer (at most ${Number.MAX_SAFE_INTEGER})`;
  if (type === 'null') return 'null';
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/** What the value is meant to be, from the spec: ` (its description, e.g. "its example")`, or nothing. */
function hint(rule: Rule): string {
  const description = rule.description ? rule.description.charAt(0).toLowerCase() + rule.description.slice(1) : '';
  const example = rule.example === undefined ? '' : `e.g. ${JSON.stringify(rule.example)}`;
  const words = [description, example].filter(Boolean).join(', ');
  return words ? ` (${words})` : '';
}

/** A value as an error message shows it: a string quoted (and cut at 80), else its type. Never throws. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return `a ${typeof value}`;
}
