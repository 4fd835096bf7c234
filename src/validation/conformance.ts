// Is the API at a base URL still what the spec says? Read-only probes (list per status, get and metrics of a few
// jobs, a job that cannot exist, a wrong key), every answer checked against the spec, drift collected. Never
// creates, stops or cancels anything.
import { createClient, type ClientOptions } from '../client.js';
import { readEnv } from '../env.js';
import { ApiError, AtaiError, AuthenticationError, ConnectionError, MissingApiKeyError, PermissionDeniedError, redact, UserAbortError, ValidationError } from '../errors/index.js';
import type { CallAnswer, ResponseValidation, SpecDrift } from '../response-check.js';
import type { OperationId } from '../../generated/facts.js';
import { SURFACE } from '../../generated/surface.js';
import { invokeMethod } from '../operations/invoke.js';
import type { OperationSurface } from '../operations/operate.js';
import { RETRYABLE_STATUSES } from '../http/retry-policy.js';
import { JOB_STATUSES } from '../types.js';
import { checkResponse, toResponseAnswer } from './check-response.js';
import { DEFAULT_CONFORMANCE_JOBS, MAX_CONFORMANCE_JOBS } from './limits.js';

export { DEFAULT_CONFORMANCE_JOBS, MAX_CONFORMANCE_JOBS } from './limits.js';

/** The spec's reads of one job: every GET whose path names a job and nothing else, in the spec's order. */
export const JOB_READS: readonly OperationSurface[] = Object.values(SURFACE).filter(
  (op) => op.method === 'GET' && op.pathParams.length === 1 && (op.pathParams as readonly { name: string }[])[0]?.name === 'job_id',
);

/** Every operation a conformance run calls: the lists, the 404 and wrong-key probes, and each read of a job. */
export const PROBED_OPERATIONS: readonly OperationId[] = ['listJobs', 'getJob', ...JOB_READS.map((op) => op.operationId)];

/** Settings of {@link checkConformance}: the client's (key, base URL, timeouts, fetch...) and how many jobs to read. */
export interface ConformanceOptions extends Omit<ClientOptions, 'validateResponses'> {
  /** How many jobs to read with get and metrics, 1 to {@link MAX_CONFORMANCE_JOBS} (default {@link DEFAULT_CONFORMANCE_JOBS}). */
  maxJobs?: number;
  /** Ends the run: the report so far is returned, with the abort among its failures. */
  signal?: AbortSignal;
}

/** One drift, with the request whose answer it was found in, e.g. `GET /fine-tune/jobs?limit=5`. */
export interface ConformanceDrift extends SpecDrift {
  request: string;
}

/** A probe that could not check what it came for, and why. */
export interface ConformanceFailure {
  request: string;
  /** An error answer the spec allows (a 503, say), no answer at all, an abort, or an id the client refuses. */
  error: AtaiError;
}

/** What {@link checkConformance} found. */
export interface ConformanceReport {
  /** How many answers were checked. */
  answers: number;
  /** Every drift, in the order found; empty when every answer conformed. */
  drifts: ConformanceDrift[];
  /** Probes that could not check what they came for: conformance is then not proven, even without drift. */
  failures: ConformanceFailure[];
}


/**
 * Probes the API with read-only calls and checks every answer (status, content type, body, no redirect) against
 * the spec: a page of jobs unfiltered and one per status, get and metrics of up to `maxJobs` of them, get of an id
 * that cannot exist (the spec says 404) and a list with a wrong key (the spec says 401). A probe that gets no
 * answer, or an abort, ends the run; what was found so far is returned with it among the failures.
 * @throws {ValidationError} for a bad `maxJobs` or client option; {@link MissingApiKeyError} without a key;
 * {@link AuthenticationError} or {@link PermissionDeniedError} when the API refuses the key at the first probe.
 */
export async function checkConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const { maxJobs = DEFAULT_CONFORMANCE_JOBS, signal, ...clientOptions } = options;
  if (!(Number.isSafeInteger(maxJobs) && maxJobs >= 1 && maxJobs <= MAX_CONFORMANCE_JOBS)) {
    throw new ValidationError('maxJobs', `maxJobs must be a whole number from 1 to ${MAX_CONFORMANCE_JOBS}, got ${String(maxJobs)}.`);
  }
  // The wrong-key probe's client knows only the wrong key: everything is redacted with the real one here as well.
  const apiKey = clientOptions.apiKey ?? readEnv('ATAI_API_KEY');
  const secrets = apiKey ? [apiKey] : [];
  const report: ConformanceReport = { answers: 0, drifts: [], failures: [] };
  let request = '';
  // Every answer of every call passes through here (errors and redirects too); the probes run one at a time, so
  // `request` is the call in flight.
  const validation: ResponseValidation = {
    verify: (answer: CallAnswer, known: readonly string[]) => {
      report.answers++;
      for (const drift of checkResponse(toResponseAnswer(answer, [...known, ...secrets]))) report.drifts.push({ ...drift, request });
    },
  };
  const client = createClient({ ...clientOptions, validateResponses: validation });
  const wrongKey = createClient({ ...clientOptions, apiKey: `atai-conformance-wrong-key-${Math.random().toString(36).slice(2, 10)}`, validateResponses: validation });
  let stopped = false;

  /**
   * Runs one probe. An error answer that broke the spec is already drift; one the spec allows, or no answer, is a
   * failure (with `keyCheck`, a refused key is thrown instead: then nothing can be checked).
   */
  async function probe<T>(label: string, run: () => Promise<T>, keyCheck = false): Promise<T | undefined> {
    if (stopped) return undefined;
    request = redact(label, secrets);
    const before = report.drifts.length;
    try {
      return await run();
    } catch (error) {
      if (report.drifts.length > before) return undefined;
      if (keyCheck && (error instanceof AuthenticationError || error instanceof PermissionDeniedError)) throw error;
      fail(error);
      return undefined;
    }
  }

  function fail(error: unknown): void {
    // Not a finding about the API: no key means nothing can be checked at all.
    if (!(error instanceof AtaiError) || error instanceof MissingApiKeyError) throw error;
    report.failures.push({ request, error });
    // No answer, or an abort: the next probes would only wait as long; what was found so far is the report.
    if (error instanceof ConnectionError || error instanceof UserAbortError) stopped = true;
  }

  /** Runs a probe that must end in an error answer with `status`; an allowed answer that is not it is drift too. */
  async function expectStatus(label: string, operationId: string, status: number, why: string, run: () => Promise<unknown>): Promise<void> {
    if (stopped) return;
    request = redact(label, secrets);
    const before = report.drifts.length;
    let got = 200;
    try {
      await run();
    } catch (error) {
      if (!(error instanceof ApiError)) {
        fail(error);
        return;
      }
      got = error.status;
      // A status worth retrying (429, a transient 5xx) says the API was busy or down, not that it answers this probe
      // otherwise: a failure, not drift.
      if (got !== status && RETRYABLE_STATUSES.has(got) && report.drifts.length === before) {
        fail(error);
        return;
      }
    }
    if (got === status || report.drifts.length > before) return;
    report.drifts.push({ request, operationId, status: got, pointer: '', expected: `status ${status} (${why})`, got: String(got) });
  }

  const page = { limit: maxJobs };
  const ids = new Set<string>();
  // The first probe also tells whether the key works at all: refused, there is nothing to check.
  const listed = await probe(`GET /fine-tune/jobs?limit=${maxJobs}`, () => client.jobs.list(page, { signal }), true);
  for (const job of listed ?? []) ids.add(job.id);
  for (const status of JOB_STATUSES) {
    const jobs = await probe(`GET /fine-tune/jobs?statuses=${status}&limit=${maxJobs}`, () => client.jobs.list({ ...page, statuses: [status] }, { signal }));
    for (const job of jobs ?? []) ids.add(job.id);
  }
  // Every read of one job the spec has (get, metrics, and any it adds), for each job found, a page where it pages.
  for (const id of [...ids].slice(0, maxJobs)) {
    for (const op of JOB_READS) {
      const pages = op.query.some((q) => q.name === 'limit');
      const path = `${op.path.replace('{job_id}', shownId(id))}${pages ? `?limit=${maxJobs}` : ''}`;
      await probe(`GET ${path}`, () => invokeMethod(client.jobs, op, [id], pages ? page : undefined, { signal }));
    }
  }
  const missing = `atai-conformance-no-such-job-${Math.random().toString(36).slice(2, 10)}`;
  await expectStatus(`GET /fine-tune/jobs/${missing}`, 'getJob', 404, 'no job has this id', () => client.jobs.get(missing, { signal }));
  await expectStatus('GET /fine-tune/jobs?limit=1 (with a wrong key)', 'listJobs', 401, 'a key the API does not know', () => wrongKey.jobs.list({ limit: 1 }, { signal }));
  return report;
}

/** An id as a probe's label shows it: percent-encoded, or quoted when it is not valid text (the client refuses it). */
function shownId(id: string): string {
  try {
    return encodeURIComponent(id);
  } catch {
    return JSON.stringify(id);
  }
}
