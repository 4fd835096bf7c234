// The public names for the spec's schemas. Everything here is derived from generated/, so a spec change
// reaches users through `make generate` and never through a hand-written copy.
import { TERMINAL_JOB_STATUSES } from '../generated/facts.js';
import { jobStatusValues, type components } from '../generated/fine-tune.js';

/** A fine-tune job record, as returned by create, list, get, stop and cancel. */
export type Job = components['schemas']['Job'];
/** Where a job is in its lifecycle, e.g. `RUNNING` or `STOPPED`. */
export type JobStatus = components['schemas']['JobStatus'];
/** What to train (`model`) and on which data (`datasets`). */
export type JobConfig = components['schemas']['JobConfig'];
/** One dataset of a job: a name, a split (`train` or `eval`) and uploaded file ids. */
export type Dataset = components['schemas']['Dataset'];
/** The body of `client.jobs.create()`. */
export type CreateJobParams = components['schemas']['CreateJobRequest'];
/** The metrics of a job: its latest checkpoint step and one entry per logged step. */
export type JobMetrics = components['schemas']['JobMetrics'];
/** The metrics logged at one training step. */
export type MetricPoint = components['schemas']['MetricPoint'];
/** One entry of the current error envelope `{errors: [...]}`. */
export type ErrorDetail = components['schemas']['ErrorDetail'];

/** Every status a job can have, in the spec's order. */
export const JOB_STATUSES: readonly JobStatus[] = jobStatusValues;

/** Whether `value` is one of {@link JOB_STATUSES}, exactly (statuses are upper case). Never throws. */
export function isJobStatus(value: unknown): value is JobStatus {
  return typeof value === 'string' && (JOB_STATUSES as readonly string[]).includes(value);
}

/** The statuses a job never leaves (the spec's `x-terminal` on JobStatus); stopping or cancelling one is a 409. */
export const TERMINAL_STATUSES = TERMINAL_JOB_STATUSES satisfies readonly JobStatus[];

/** A status in {@link TERMINAL_STATUSES}. */
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

/**
 * Tells whether a job in this status has ended for good.
 * @returns true for `COMPLETED`, `STOPPED`, `CANCELLED` and `FAILED`. Never throws.
 */
export function isTerminalStatus(status: JobStatus): status is TerminalStatus {
  return (TERMINAL_STATUSES as readonly JobStatus[]).includes(status);
}

/** Pagination of list and metrics: `limit` of -1 (the default) means all. */
export interface PageParams {
  limit?: number;
  offset?: number;
}

/** Filters and pagination for `client.jobs.list()`. */
export interface ListJobsParams extends PageParams {
  /** Only jobs in one of these statuses. */
  statuses?: readonly JobStatus[];
}
