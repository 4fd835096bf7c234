// Is the API at a base URL still what the spec says? Read-only probes (list per status, get and metrics of a few
// jobs, a job that cannot exist, a wrong key), every answer checked against the spec, drift collected. Never
// creates, stops or cancels anything.
import { createClient, type ClientOptions } from '../client.js';
import { readEnv } from '../env.js';
import { ApiError, InvalidResponseError } from '../errors/index.js';
import type { CallAnswer, ResponseValidation, SpecDrift } from '../response-check.js';
import { JOB_STATUSES } from '../types.js';
import { checkResponse, toResponseAnswer } from './check-response.js';

/** Settings of {@link checkConformance}: the client's (key, base URL, timeouts, fetch...) and how many jobs to read. */
export interface ConformanceOptions extends Omit<ClientOptions, 'validateResponses'> {
  /** How many jobs to read with get and metrics (default {@link DEFAULT_CONFORMANCE_JOBS}). */
  maxJobs?: number;
  /** Ends the run: the call in flight rejects with a UserAbortError. */
  signal?: AbortSignal;
}

/** One drift, with the request whose answer it was found in, e.g. `GET /fine-tune/jobs?limit=5`. */
export interface ConformanceDrift extends SpecDrift {
  request: string;
}

/** What {@link checkConformance} found. */
export interface ConformanceReport {
  /** How many answers were checked. */
  answers: number;
  /** Every drift, in the order found; empty when the API conforms. */
  drifts: ConformanceDrift[];
  /**
   * Error answers the spec allows but that kept a probe from checking what it came for (a 503 on a list, say):
   * the run could not check everything. Conformance is then not proven, even without drift.
   */
  failures: ApiError[];
}

/** How many jobs {@link checkConformance} reads unless told otherwise. */
export const DEFAULT_CONFORMANCE_JOBS = 5;

/**
 * Probes the API with read-only calls and checks every answer (status, content type, body) against the spec:
 * a page of jobs unfiltered and one per status, get and metrics of up to `maxJobs` of them, get of an id that
 * cannot exist (the spec says 404) and a list with a wrong key (the spec says 401).
 * @throws {ValidationError} for bad options; {@link MissingApiKeyError} without a key; ConnectionError,
 * ConnectionTimeoutError or UserAbortError when a probe gets no answer (the run stops there).
 */
export async function checkConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const { maxJobs = DEFAULT_CONFORMANCE_JOBS, signal, ...clientOptions } = options;
  // The wrong-key probe's client knows only the wrong key: drifts are redacted with the real one here as well.
  const apiKey = clientOptions.apiKey ?? readEnv('ATAI_API_KEY');
  const secrets = apiKey ? [apiKey] : [];
  const drifts: ConformanceDrift[] = [];
  const failures: ApiError[] = [];
  let answers = 0;
  let request = '';
  // Every answer of every call passes through here (errors too); the probes run one at a time, so `request` is
  // the call in flight.
  const validation: ResponseValidation = {
    mode: 'warn',
    verify: (answer: CallAnswer, known: readonly string[]) => {
      answers++;
      const found = checkResponse(toResponseAnswer(answer, [...known, ...secrets]));
      drifts.push(...found.map((drift) => ({ request, ...drift })));
    },
  };
  const client = createClient({ ...clientOptions, validateResponses: validation });
  const drifted = () => drifts.length;

  /** Runs one probe; an error answer the spec allows is kept as a failure, one that broke it is already drift. */
  async function probe<T>(label: string, run: () => Promise<T>): Promise<T | undefined> {
    request = label;
    const before = drifted();
    try {
      return await run();
    } catch (error) {
      if (error instanceof InvalidResponseError || (error instanceof ApiError && drifted() > before)) return undefined;
      if (error instanceof ApiError) {
        failures.push(error);
        return undefined;
      }
      throw error;
    }
  }
  /** Runs a probe that must end in an error answer with `status`; any other outcome is drift. */
  async function expectStatus(label: string, operationId: string, status: number, why: string, run: () => Promise<unknown>): Promise<void> {
    request = label;
    const before = drifted();
    const outcome = await run().then(
      () => 200,
      (error: unknown) => {
        if (error instanceof ApiError || error instanceof InvalidResponseError) return error.status;
        throw error;
      },
    );
    // An answer that broke the spec is already reported; one the spec allows but that is not this one is drift too.
    if (outcome !== status && drifted() === before) drifts.push({ request, operationId, status: outcome, pointer: '', expected: `status ${status} (${why})`, got: String(outcome) });
  }

  const page = { limit: maxJobs };
  const ids = new Set<string>();
  const listed = await probe(`GET /fine-tune/jobs?limit=${maxJobs}`, () => client.jobs.list(page, { signal }));
  for (const job of listed ?? []) ids.add(job.id);
  for (const status of JOB_STATUSES) {
    const jobs = await probe(`GET /fine-tune/jobs?statuses=${status}&limit=${maxJobs}`, () => client.jobs.list({ ...page, statuses: [status] }, { signal }));
    for (const job of jobs ?? []) ids.add(job.id);
  }
  for (const id of [...ids].slice(0, maxJobs)) {
    const path = `/fine-tune/jobs/${encodeURIComponent(id)}`;
    await probe(`GET ${path}`, () => client.jobs.get(id, { signal }));
    await probe(`GET ${path}/metrics?limit=${maxJobs}`, () => client.jobs.metrics(id, page, { signal }));
  }
  const missing = `atai-conformance-no-such-job-${Math.random().toString(36).slice(2, 10)}`;
  await expectStatus(`GET /fine-tune/jobs/${missing}`, 'getJob', 404, 'no job has this id', () => client.jobs.get(missing, { signal }));
  const wrongKey = createClient({ ...clientOptions, apiKey: `atai-conformance-wrong-key-${Math.random().toString(36).slice(2, 10)}`, validateResponses: validation });
  await expectStatus('GET /fine-tune/jobs?limit=1 (with a wrong key)', 'listJobs', 401, 'a key the API does not know', () => wrongKey.jobs.list({ limit: 1 }, { signal }));
  return { answers, drifts, failures };
}
