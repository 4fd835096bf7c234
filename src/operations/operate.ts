// The runtime of the generated methods (generated/methods.ts): one operation of the spec called with its path
// parameters and its params object. The request is checked against the spec's rules, then built by openapi-fetch
// and sent with the client's transport (a fetch of this call's own, answering a PlainResponse), and its answer
// checked for the shape callers rely on.
import type { Client } from 'openapi-fetch';
import type { paths } from '../../generated/fine-tune.js';
import type { SURFACE } from '../../generated/surface.js';
import { PlainRequest } from '../http/plain-request.js';
import { callAnswerOf, callResult, unwrap, type CallResult } from './call.js';
import { PlainResponse } from '../http/plain-response.js';
import type { Transport } from '../http/transport.js';
import { ValidationError } from '../errors/index.js';
import type { RequestOptions, SendOptions } from '../http/request-options.js';
import { ruleProblem, type Rule } from './request-rules.js';
import type { ResponseValidation } from '../response-check.js';
import { isJob, isJobMetrics, isRecord } from './shapes.js';
import { assertRequestOptions } from '../validate.js';

/** One operation of the spec as the SDK sees it (generated/surface.ts). */
export type OperationSurface = (typeof SURFACE)[keyof typeof SURFACE];

/** A query parameter of an operation, as generated/surface.ts describes it. */
export interface QueryParam {
  readonly name: string;
  readonly required: boolean;
  readonly rule: Rule;
}

/** Calls one operation and resolves to its answer's body; what the generated methods hand their calls to. */
export type Operate = <T>(operation: OperationSurface, path: Readonly<Record<string, string>>, params: unknown, options: RequestOptions | undefined) => Promise<T>;

/** What the operations of one client send with. */
export interface OperateDeps {
  /** An openapi-fetch client without middleware (not `client.raw`): it builds each request and parses its answer. */
  readonly api: Client<paths>;
  /** The client's transport: every call hands openapi-fetch a fetch that sends with it, carrying the call's options. */
  readonly send: Transport['send'];
  readonly secrets: readonly string[];
  /** How answers are checked against the spec; undefined: not at all. */
  readonly validation?: ResponseValidation | undefined;
}

// The checks of an answer's body by its schema's name, beyond its JSON type: only what callers rely on, so that a
// new field or status from the vendor still passes.
const SHAPES: Readonly<Record<string, (value: unknown) => boolean>> = { Job: isJob, JobMetrics: isJobMetrics };

/**
 * Calls `operation`, resolving to the whole outcome: the body, or the API's error answer as an ApiError, with the
 * number of attempts. `idempotent` (default: every method but POST) says whether a repeat is harmless.
 * @throws {ValidationError} when a path parameter, a query parameter or the body breaks the spec's rules, or the
 * options are out of range, before anything is sent; whatever {@link sendChecked} throws.
 */
export function callOperation<T>(
  deps: OperateDeps,
  operation: OperationSurface,
  path: Readonly<Record<string, string>>,
  params: unknown,
  options: RequestOptions | undefined,
  idempotent = operation.method !== 'POST',
): Promise<CallResult<T>> {
  assertRequestOptions(options);
  return sendChecked<T>(deps, operation, path, checkedRequest(operation, path, params), options, idempotent);
}

/**
 * Sends a request {@link checkedRequest} has checked (and built), with options already checked: what
 * {@link callOperation} does after its checks, for a caller that needed the checked body first (create reads its id).
 * @throws whatever {@link callResult} and the client's transport throw; InvalidResponseError for a 2xx body that is not
 * JSON; whatever `validateResponses` throws (it sees every answer first, errors and redirects included).
 */
export async function sendChecked<T>(
  deps: OperateDeps,
  operation: OperationSurface,
  path: Readonly<Record<string, string>>,
  { query, body }: { query?: Record<string, unknown>; body?: unknown },
  options: RequestOptions | undefined,
  idempotent: boolean,
): Promise<CallResult<T>> {
  const { headers, ...rest } = options ?? {};
  const sendOptions: SendOptions = { ...rest, idempotent };
  const { send, validation, secrets } = deps;
  // openapi-fetch's own seams: a PlainRequest to build, and a fetch for this call, carrying its options to the
  // transport and answering a PlainResponse (with `validateResponses` the answer is checked there, before
  // openapi-fetch parses it).
  const fetch = async (request: PlainRequest) => {
    const received = await send(request, sendOptions);
    validation?.verify(callAnswerOf(received), secrets);
    return new PlainResponse(received, secrets);
  };
  // The operation is only known at run time here; its types were checked where the generated method was called.
  const request = deps.api.request as unknown as (method: string, url: string, init: object) => Promise<{ data?: unknown; response: PlainResponse }>;
  const { data, response } = await request(operation.method, operation.path, { params: { path, query }, body, bodySerializer, headers, fetch, Request: PlainRequest });
  return callResult<T>(response.received, data, shapeOf(operation) as (value: unknown) => value is T, secrets);
}

// Always JSON, whatever Content-Type a call's headers name (openapi-fetch's own would then send a form).
const bodySerializer = (body: unknown) => JSON.stringify(body);

/** Makes the {@link Operate} of one client: {@link callOperation}, its error answer thrown. Never throws. */
export function createOperate(deps: OperateDeps): Operate {
  return async <T>(operation: OperationSurface, path: Readonly<Record<string, string>>, params: unknown, options: RequestOptions | undefined) =>
    unwrap(await callOperation<T>(deps, operation, path, params, options));
}

/**
 * The query and body of a call, checked against the operation's rules: every path parameter, every query parameter
 * given (an unknown one is named, rather than silently dropped), the body. What is checked is what is sent: the
 * query is a fresh object of the spec's parameters (own properties only), the body a JSON copy of the one given.
 * @throws {ValidationError} naming the parameter or field, what the spec expects and the value given.
 */
export function checkedRequest(operation: OperationSurface, path: Readonly<Record<string, string>>, params: unknown): { query?: Record<string, unknown>; body?: unknown } {
  for (const param of operation.pathParams) fail(ruleProblem(param.rule, path[param.name], param.arg));
  const queryParams = operation.query as readonly QueryParam[];
  // Most calls (get, stop, cancel) have no params at all: nothing more to check or build.
  if (params === undefined && queryParams.length === 0 && !operation.body) return {};
  const names = queryParams.map((q) => q.name);
  const known = () => `${operation.resource}.${operation.name} takes ${names.length > 0 ? `the parameters ${names.join(', ')}` : 'no parameters'}`;
  if (params !== undefined && !isRecord(params) && !(operation.body && names.length === 0)) {
    throw new ValidationError('params', `The params must be an object: ${known()}${operation.body ? ' and its body' : ''}.`);
  }
  const given = isRecord(params) ? params : {};
  let query: Record<string, unknown> | undefined;
  if (names.length > 0) {
    query = {};
    for (const param of queryParams) {
      const value = Object.hasOwn(given, param.name) ? given[param.name] : undefined;
      if (value === undefined && !param.required) continue;
      fail(ruleProblem(param.rule, value, param.name));
      query[param.name] = value;
    }
  }
  if (operation.body) {
    const rest = names.length > 0 ? Object.fromEntries(Object.entries(given).filter(([key]) => !names.includes(key))) : params;
    const body = jsonCopy(rest);
    fail(ruleProblem(operation.body.rule, body, 'body'));
    return { query, body };
  }
  const unknown = Object.keys(given).find((key) => given[key] !== undefined && !names.includes(key));
  if (unknown !== undefined) throw new ValidationError(unknown, `${operation.resource}.${operation.name} has no parameter ${unknown}: ${known()}.`);
  return { query };
}

function fail(problem: { at: string; message: string } | undefined): void {
  if (problem) throw new ValidationError(problem.at, problem.message);
}

/**
 * The body as it will be sent: a JSON copy, so that a getter, a toJSON or an inherited field cannot make what is sent
 * differ from what was checked.
 * @throws {ValidationError} for a value JSON cannot carry (a cycle, a BigInt, a getter or toJSON that throws, nesting
 * deep enough to overflow the stack), instead of the serializer's own TypeError or RangeError.
 */
function jsonCopy(body: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch (error) {
    const why = error instanceof RangeError ? 'it nests too deep' : error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ValidationError('body', `The body cannot be sent as JSON (${why}). Pass plain data: strings, numbers, booleans, null, arrays and objects.`);
  }
  // JSON.stringify gives undefined for undefined, a function or a symbol: nothing to send, which the rule then names.
  return (text as string | undefined) === undefined ? undefined : (JSON.parse(text) as unknown);
}

/** The check of a successful answer's body: its schema's JSON type, and for a Job or JobMetrics what callers read. */
// One check per operation, made at its first call: the operations are the spec's, a fixed few.
const shapes = new Map<string, (value: unknown) => boolean>();

function shapeOf(operation: OperationSurface): (value: unknown) => boolean {
  let shape = shapes.get(operation.operationId);
  if (!shape) shapes.set(operation.operationId, (shape = makeShape(operation)));
  return shape;
}

function makeShape(operation: OperationSurface): (value: unknown) => boolean {
  const { schema, array, type, json } = operation.response as { schema: string | null; array: boolean; type: string | null; json: boolean };
  // No JSON documented (a 204): success is an empty body, which openapi-fetch hands over as undefined.
  if (!json) return (value) => value === undefined;
  const named = schema === null ? undefined : SHAPES[schema];
  const whole = named ?? (type === 'object' ? isRecord : type === 'array' ? Array.isArray : (value: unknown) => value !== undefined);
  return (value) => (array ? Array.isArray(value) && (named === undefined || value.every(named)) : whole(value));
}
