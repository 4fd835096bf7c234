// What each route of the API means, on top of the store: the path is matched against the spec's, parameters and
// bodies are checked by the spec's rules (mock/request-checks.ts), so the store only ever sees well-formed requests.
import { LIMIT, OFFSET, OPERATIONS, type OperationId } from '../generated/facts.js';
import { OPERATION_DOCS } from '../generated/operation-docs.js';
import { SURFACE } from '../generated/surface.js';
import type { CreateJobParams, JobStatus } from '../src/types.js';
import { MockApiError } from './answer.js';
import type { JobStore } from './job-store.js';
import { checkedBody, pathParams, queryParams } from './request-checks.js';

/** The parts of a request the routes read. The body is read only by the routes that take one. */
export interface RouteRequest {
  method: string;
  url: URL;
  readBody(): Promise<unknown>;
}

/** The methods of the API's operations (from the spec), sorted: a fault scoped to any other would wait forever. */
export const API_METHODS: readonly string[] = [...new Set(OPERATIONS.map((operation) => operation.method))].sort();

/** One path of the spec as the routes match it. */
interface SpecPath {
  /** The path as the spec writes it, e.g. `/fine-tune/jobs/{job_id}/stop`. */
  template: string;
  /** Its segments after the leading `/`; a `{name}` segment matches any one segment. */
  segments: readonly string[];
  /** The methods its operations take, sorted: what a 405 on this path names in `Allow`. */
  methods: readonly string[];
}

/**
 * The paths of `operations`, each with the methods it takes. Concrete paths come before templated ones, as OpenAPI
 * matches them, so a literal segment is never taken for a parameter. Never throws.
 */
function specPaths(operations: readonly { method: string; path: string }[]): SpecPath[] {
  const byPath = new Map<string, Set<string>>();
  for (const { method, path } of operations) byPath.set(path, (byPath.get(path) ?? new Set()).add(method));
  const paramCount = (segments: readonly string[]) => segments.filter(isParamSegment).length;
  return [...byPath]
    .map(([template, methods]) => ({ template, segments: template.split('/').slice(1), methods: [...methods].sort() }))
    .sort((a, b) => paramCount(a.segments) - paramCount(b.segments));
}

const SPEC_PATHS: readonly SpecPath[] = specPaths(OPERATIONS);

/**
 * The spec path that raw path `segments` fall under, and the raw (still percent-encoded) value of each of its
 * parameters; undefined when the spec has no such path. Never throws.
 */
function matchSpecPath(segments: readonly string[]): { path: SpecPath; params: Record<string, string> } | undefined {
  for (const path of SPEC_PATHS) {
    const params = matchSegments(path.segments, segments);
    if (params) return { path, params };
  }
  return undefined;
}

function isParamSegment(segment: string): boolean {
  return /^\{[^{}]+\}$/.test(segment);
}

/** The parameters `segments` give `template`, or undefined when they do not fit it. */
function matchSegments(template: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (template.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of template.entries()) {
    const segment = segments[i] ?? '';
    if (isParamSegment(part)) params[part.slice(1, -1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}

/** What the mock does for one operation with lifecycle behaviour, given the request's checked parts. */
interface Lifecycle {
  /** The query parameters this behaviour honours; any other the spec documents is refused, never ignored. */
  readonly honours: readonly string[];
  run(store: JobStore, request: { path: Record<string, string>; query: Record<string, unknown>; body: unknown }): unknown;
}

/**
 * The operations the store carries out. Every other operation of the spec answers its documented example once its
 * request has passed the spec's rules (and its job, when it names one, exists).
 */
export const LIFECYCLE: Readonly<Partial<Record<OperationId, Lifecycle>>> = {
  listJobs: {
    honours: ['limit', 'offset', 'statuses'],
    run: (store, { query }) => store.list({ statuses: (query.statuses as JobStatus[] | undefined) ?? [], ...page(query) }),
  },
  createJob: { honours: [], run: (store, { body }) => store.create(body as CreateJobParams) },
  getJob: { honours: [], run: (store, { path }) => store.get(path.job_id ?? '') },
  getJobMetrics: { honours: ['limit', 'offset'], run: (store, { path, query }) => store.metrics(path.job_id ?? '', page(query)) },
  stopJob: { honours: [], run: (store, { path }) => store.stop(path.job_id ?? '') },
  cancelJob: { honours: [], run: (store, { path }) => store.cancel(path.job_id ?? '') },
};

/**
 * Carries out one authenticated request against the store. The path is matched against the spec's paths
 * (generated/facts.ts) segment by segment, raw, and each path parameter is decoded on its own, so an encoded `/`
 * stays part of the id. The method is checked before the parameters, as a router does; parameters and body are
 * checked by the spec's rules, as the client checks them (mock/request-checks.ts).
 * @returns the status and JSON body of the answer.
 * @throws {MockApiError} 404 for a path the spec does not have, or an unknown job; 405 (with `Allow`, the methods
 * the spec gives that path) for a method the path does not take; 400 for bad parameters, bodies or
 * percent-encoding, or a documented query parameter the mock does not honour; 422 for a path parameter the spec
 * does not allow (a job id's length, or `.` and `..`); 409 from the store; and whatever `readBody` throws.
 */
export async function route(store: JobStore, request: RouteRequest, onJobId: (id: string) => void): Promise<{ status: number; body: unknown }> {
  const { method, url } = request;
  const matched = matchSpecPath(url.pathname.split('/').slice(1));
  if (!matched) throw notFound(method, url);
  const found = OPERATIONS.find((op) => op.path === matched.path.template && op.method === method);
  if (!found) throw methodNotAllowed(method, matched.path.methods);
  const operation = SURFACE[found.operationId];
  const path = pathParams(operation, matched.params, (name, value) => {
    if (name === 'job_id') onJobId(value);
  });
  const query = queryParams(operation, url);
  const body = operation.body ? checkedBody(operation, await request.readBody()) : undefined;
  const lifecycle = LIFECYCLE[operation.operationId];
  const unhonoured = Object.keys(query).find((name) => !lifecycle?.honours.includes(name));
  if (unhonoured !== undefined) {
    throw new MockApiError(400, 'unsupported_parameter', `The mock does not implement the query parameter ${unhonoured} of ${operation.operationId}.`, 'Leave it out when testing against the mock.');
  }
  if (lifecycle) return { status: 200, body: lifecycle.run(store, { path, query, body }) };
  // No lifecycle: the documented answer, for a job that exists when the path names one.
  if (path.job_id !== undefined) store.get(path.job_id);
  return { status: operation.response.status, body: OPERATION_DOCS[operation.operationId].example };
}

/** `limit` (default -1: all) and `offset` (default 0) of list and metrics, as the spec's rules checked them. */
function page(query: Record<string, unknown>): { limit: number; offset: number } {
  return { limit: (query.limit as number | undefined) ?? LIMIT.default, offset: (query.offset as number | undefined) ?? OFFSET.default };
}

/**
 * The 405 for a method a path does not take, with the `Allow` header RFC 9110 requires: `allowed`, the methods the
 * spec documents for that path. Never throws.
 */
function methodNotAllowed(method: string, allowed: readonly string[]): MockApiError {
  return new MockApiError(405, 'method_not_allowed', `${method} is not allowed here.`, `Use ${allowed.join(' or ')}.`, { allow: allowed.join(', ') });
}

function notFound(method: string, url: URL): MockApiError {
  return new MockApiError(404, 'not_found', `No route ${method} ${url.pathname}.`);
}
