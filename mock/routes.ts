// What each route of the API means, on top of the store: parameters and bodies are checked here, as the service
// checks them, so the store only ever sees well-formed requests.
import { LIMIT, OFFSET, OPERATIONS } from '../generated/facts.js';
import { excludedJobIdsText, hasValidJobIdLength, isExcludedJobId, JOB_ID_MAX_LENGTH, JOB_ID_MIN_LENGTH } from '../src/job-id.js';
import { isRecord } from '../src/shapes.js';
import { isJobStatus, type CreateJobParams, type JobStatus } from '../src/types.js';
import { MockApiError } from './answer.js';
import type { JobStore } from './job-store.js';

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

/**
 * Carries out one authenticated request against the store. The path is matched against the spec's paths
 * (generated/facts.ts) segment by segment, raw, and the job id is decoded on its own, so an encoded `/` stays part
 * of the id. The method is checked before the id, as a router does.
 * @returns the status and JSON body of the answer.
 * @throws {MockApiError} 404 for a path the spec does not have, or an unknown job; 405 (with `Allow`, the methods
 * the spec gives that path) for a method the path does not take; 400 for bad parameters, bodies or
 * percent-encoding; 422 for a job id the spec does not allow (its length, or `.` and `..`); 409 from the store;
 * and whatever `readBody` throws.
 */
export async function route(store: JobStore, request: RouteRequest, onJobId: (id: string) => void): Promise<{ status: number; body: unknown }> {
  const { method, url } = request;
  const matched = matchSpecPath(url.pathname.split('/').slice(1));
  if (!matched) throw notFound(method, url);
  const operation = OPERATIONS.find((op) => op.path === matched.path.template && op.method === method);
  if (!operation) throw methodNotAllowed(method, matched.path.methods);
  const jobId = () => checkedJobId(matched.params.job_id ?? '', onJobId);
  switch (operation.operationId) {
    case 'listJobs':
      return { status: 200, body: store.list({ statuses: statusesParam(url), ...pageParams(url) }) };
    case 'createJob':
      return { status: 200, body: store.create(parseCreateBody(await request.readBody())) };
    case 'getJob':
      return { status: 200, body: store.get(jobId()) };
    case 'getJobMetrics':
      return { status: 200, body: store.metrics(jobId(), pageParams(url)) };
    case 'stopJob':
      return { status: 200, body: store.stop(jobId()) };
    case 'cancelJob':
      return { status: 200, body: store.cancel(jobId()) };
    default: {
      // A new operation of the spec fails the typecheck here, naming it: the mock needs a route for it.
      const unrouted: never = operation;
      throw new MockApiError(501, 'not_implemented', `The mock has no route for ${(unrouted as { operationId: string }).operationId} yet.`);
    }
  }
}

/**
 * The job id of a job route, decoded and checked, and told to `onJobId` (the request log) once decoded.
 * @throws {MockApiError} 400 for bad percent-encoding, 422 for an id the spec does not allow.
 */
function checkedJobId(raw: string, onJobId: (id: string) => void): string {
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    throw new MockApiError(400, 'invalid_parameter', 'job_id is not valid percent-encoding.');
  }
  onJobId(id);
  if (!hasValidJobIdLength(id)) throw new MockApiError(422, 'invalid_parameter', `job_id must be ${JOB_ID_MIN_LENGTH} to ${JOB_ID_MAX_LENGTH} characters.`);
  // Unreachable over HTTP today (the URL parser collapses such a segment before it gets here), kept so that the
  // routes refuse every id the spec excludes whatever parses the path.
  if (isExcludedJobId(id)) throw new MockApiError(422, 'invalid_parameter', `job_id must not be ${excludedJobIdsText()}.`);
  return id;
}

/** The `statuses` filter of a list. @throws {MockApiError} 400 for a status the API does not know. */
function statusesParam(url: URL): JobStatus[] {
  const statuses = url.searchParams.getAll('statuses');
  const bad = statuses.find((s) => !isJobStatus(s));
  if (bad !== undefined) throw new MockApiError(400, 'invalid_parameter', `Unknown status ${bad}.`);
  return statuses.filter(isJobStatus);
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

/** `limit` (default -1: all) and `offset` (default 0) of list and metrics. */
function pageParams(url: URL): { limit: number; offset: number } {
  return { limit: intParam(url, 'limit', LIMIT.default, LIMIT.minimum), offset: intParam(url, 'offset', OFFSET.default, OFFSET.minimum) };
}

function intParam(url: URL, name: string, fallback: number, min: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < min) throw new MockApiError(400, 'invalid_parameter', `${name} must be an integer >= ${min}.`);
  return value;
}

/**
 * Checks the shape the store relies on (an app developer may call the mock with no validating proxy in front), so
 * a malformed body is a 400 naming the field, never a 500.
 */
function parseCreateBody(body: unknown): CreateJobParams {
  const invalid = (message: string) => new MockApiError(400, 'invalid_body', message);
  if (!isRecord(body)) throw invalid('The body must be a JSON object.');
  if (typeof body.name !== 'string' || body.name === '') throw invalid('name is required.');
  if (body.id !== undefined && (typeof body.id !== 'string' || !hasValidJobIdLength(body.id))) {
    throw invalid(`id must be ${JOB_ID_MIN_LENGTH} to ${JOB_ID_MAX_LENGTH} characters.`);
  }
  // No request could reach a job with such an id afterwards.
  if (typeof body.id === 'string' && isExcludedJobId(body.id)) throw invalid(`id must not be ${excludedJobIdsText()}.`);
  const config = body.config;
  if (!isRecord(config) || typeof config.model !== 'string' || !Array.isArray(config.datasets)) throw invalid('config with model and datasets is required.');
  if (config.model === '') throw invalid('config.model must not be empty: name the base model to fine-tune.');
  config.datasets.forEach((dataset: unknown, i) => {
    const ok =
      isRecord(dataset) &&
      typeof dataset.name === 'string' &&
      typeof dataset.split === 'string' &&
      Array.isArray(dataset.file_ids) &&
      dataset.file_ids.every((f: unknown) => typeof f === 'string');
    if (!ok) throw invalid(`config.datasets[${i}] must be { name, split, file_ids: [string] }.`);
  });
  return body as unknown as CreateJobParams;
}

