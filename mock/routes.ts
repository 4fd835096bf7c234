// What each route of the API means, on top of the store: parameters and bodies are checked here, as the service
// checks them, so the store only ever sees well-formed requests.
import { LIMIT, OFFSET, OPERATIONS } from '../generated/facts.js';
import { excludedJobIdsText, hasValidJobIdLength, isExcludedJobId, JOB_ID_MAX_LENGTH, JOB_ID_MIN_LENGTH } from '../src/job-id.js';
import { isRecord } from '../src/shapes.js';
import { isJobStatus, type CreateJobParams } from '../src/types.js';
import { MockApiError } from './answer.js';
import type { JobStore } from './job-store.js';

/** The parts of a request the routes read. The body is read only by the routes that take one. */
export interface RouteRequest {
  method: string;
  url: URL;
  readBody(): Promise<unknown>;
}

/**
 * Carries out one authenticated request against the store. Path segments are matched raw and the job id is
 * decoded on its own, so an encoded `/` stays part of the id.
 * @returns the status and JSON body of the answer, and the decoded job id for job routes.
 * @throws {MockApiError} 404 for an unknown route or job, 405 (with `Allow`) for a method the collection does not
 * take, 400 for bad parameters, bodies or percent-encoding, 422 for a job id the spec does not allow (its length,
 * or `.` and `..`), 409 from the store, and whatever `readBody` throws.
 */
export async function route(store: JobStore, request: RouteRequest, onJobId: (id: string) => void): Promise<{ status: number; body: unknown }> {
  const { method, url } = request;
  const segments = url.pathname.split('/').slice(1);
  if (segments[0] !== 'fine-tune' || segments[1] !== 'jobs') throw notFound(method, url);
  if (segments.length === 2) {
    if (method === 'GET') {
      const statuses = url.searchParams.getAll('statuses');
      const bad = statuses.find((s) => !isJobStatus(s));
      if (bad !== undefined) throw new MockApiError(400, 'invalid_parameter', `Unknown status ${bad}.`);
      return { status: 200, body: store.list({ statuses: statuses.filter(isJobStatus), ...pageParams(url) }) };
    }
    if (method === 'POST') return { status: 200, body: store.create(parseCreateBody(await request.readBody())) };
    throw methodNotAllowed(method, COLLECTION_PATH);
  }
  let id: string;
  try {
    id = decodeURIComponent(segments[2] ?? '');
  } catch {
    throw new MockApiError(400, 'invalid_parameter', 'job_id is not valid percent-encoding.');
  }
  onJobId(id);
  if (!hasValidJobIdLength(id)) throw new MockApiError(422, 'invalid_parameter', `job_id must be ${JOB_ID_MIN_LENGTH} to ${JOB_ID_MAX_LENGTH} characters.`);
  // Unreachable over HTTP today (the URL parser collapses such a segment before it gets here), kept so that the
  // routes refuse every id the spec excludes whatever parses the path.
  if (isExcludedJobId(id)) throw new MockApiError(422, 'invalid_parameter', `job_id must not be ${excludedJobIdsText()}.`);
  const action = segments.length === 3 ? '' : segments.length === 4 ? segments[3] : undefined;
  if (method === 'GET' && action === '') return { status: 200, body: store.get(id) };
  if (method === 'GET' && action === 'metrics') return { status: 200, body: store.metrics(id, pageParams(url)) };
  if (method === 'PUT' && action === 'stop') return { status: 200, body: store.stop(id) };
  if (method === 'PUT' && action === 'cancel') return { status: 200, body: store.cancel(id) };
  throw notFound(method, url);
}

const COLLECTION_PATH = '/fine-tune/jobs';

/**
 * The 405 for a method a path does not take, with the `Allow` header RFC 9110 requires: the methods the spec
 * documents for that path. Never throws.
 */
function methodNotAllowed(method: string, path: string): MockApiError {
  const allowed = OPERATIONS.filter((operation) => operation.path === path).map((operation) => operation.method).sort();
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

