// The mock reads a request's parameters and body by the spec's rules (generated/surface.ts), the very rules the
// client checks before sending (src/operations/request-rules.ts): the two can never disagree on what is valid.
import type { SURFACE } from '../generated/surface.js';
import type { QueryParam } from '../src/operations/operate.js';
import { resolve, ruleProblem, type Rule } from '../src/operations/request-rules.js';
import { MockApiError } from './answer.js';

type Operation = (typeof SURFACE)[keyof typeof SURFACE];

/**
 * The path parameters of a request, decoded and checked, each told to `onParam` (the request log) once decoded.
 * @throws {MockApiError} 400 for bad percent-encoding, 422 for a value the spec does not allow (a job id's length,
 * or `.` and `..`).
 */
export function pathParams(operation: Operation, raw: Readonly<Record<string, string>>, onParam: (name: string, value: string) => void): Record<string, string> {
  const params: Record<string, string> = {};
  for (const param of operation.pathParams) {
    let value: string;
    try {
      value = decodeURIComponent(raw[param.name] ?? '');
    } catch {
      throw new MockApiError(400, 'invalid_parameter', `${param.name} is not valid percent-encoding.`);
    }
    onParam(param.name, value);
    const problem = ruleProblem(param.rule, value, param.name);
    if (problem) throw new MockApiError(422, 'invalid_parameter', problem.message);
    params[param.name] = value;
  }
  return params;
}

/**
 * The query parameters of a request that the spec documents, typed by their rules (an array from repeated
 * parameters, an integer from its digits) and checked; the others are ignored, as a server ignores them.
 * @throws {MockApiError} 400 naming the parameter that breaks its rule.
 */
export function queryParams(operation: Operation, url: URL): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const param of operation.query as readonly QueryParam[]) {
    const values = url.searchParams.getAll(param.name);
    if (values.length === 0) {
      if (param.required) throw new MockApiError(400, 'invalid_parameter', `${param.name} is required.`);
      continue;
    }
    const rule = resolve(param.rule);
    // A parameter that is not a list is given once: two values leave it open which one the caller meant.
    if (rule.type !== 'array' && values.length > 1) throw new MockApiError(400, 'invalid_parameter', `${param.name} is given ${values.length} times; give it once.`);
    const value = rule.type === 'array' ? values.map((v) => typed(resolve(rule.items ?? {}), v)) : typed(rule, values[0] ?? '');
    const problem = ruleProblem(param.rule, value, param.name);
    if (problem) throw new MockApiError(400, 'invalid_parameter', problem.message);
    query[param.name] = value;
  }
  return query;
}

/**
 * A query value as its rule's type reads it: an integer from its digits alone (and only while it is exact), a number
 * as JSON writes one, `true` or `false`; anything else stays text, for the rule to refuse with the text quoted.
 */
function typed(rule: Rule, text: string): unknown {
  if (rule.type === 'integer' && /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  if (rule.type === 'number' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return Number(text);
  if (rule.type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/**
 * The body of a request, checked by the operation's rule, so the store only ever sees well-formed requests and a
 * malformed body is a 400 naming the field, never a 500.
 * @throws {MockApiError} 400 `invalid_body` with the same words the client would have used.
 */
export function checkedBody(operation: Operation, body: unknown): unknown {
  if (!operation.body) return undefined;
  const problem = ruleProblem(operation.body.rule, body, 'body');
  if (problem) throw new MockApiError(400, 'invalid_body', problem.message);
  return body;
}
