// How the contract tests call each operation of the spec through the facade, with the seed job's id and body.
// jobs.test.ts runs every documented response status of every operation found here on Prism, requests.test.ts
// calls each on both mocks, and coverage.test.ts names the operations of the spec that have no entry.
import type { OperationId } from '../generated/facts.js';
import type { FineTuneClient, RequestOptions } from '../src/index.js';
import { jobBody, SEED_STOP_RESPONSE } from '../test-support/fixtures.js';

/** The seed job's id, which the mocks' examples answer for. */
export const JOB_ID = SEED_STOP_RESPONSE.id;

/** One call of an operation, with per-call options (Prism's `Prefer` header goes there). */
export type OperationCall = (client: FineTuneClient, options?: RequestOptions) => Promise<unknown>;

/** The facade call of each operation. */
export const OPERATION_CALLS: Partial<Record<OperationId, OperationCall>> = {
  createJob: (c, o) => c.jobs.create(jobBody(JOB_ID), o),
  listJobs: (c, o) => c.jobs.list({}, o),
  getJob: (c, o) => c.jobs.get(JOB_ID, o),
  getJobMetrics: (c, o) => c.jobs.metrics(JOB_ID, {}, o),
  stopJob: (c, o) => c.jobs.stop(JOB_ID, o),
  cancelJob: (c, o) => c.jobs.cancel(JOB_ID, o),
};
