// The public names for the spec's schemas and the facade's params (generated/schemas.ts, generated/methods.ts), and
// the status helpers built on them. Everything here is derived from generated/, so a spec change reaches users
// through `make generate` and never through a hand-written copy.
import { TERMINAL_JOB_STATUSES } from '../generated/facts.js';
import { jobStatusValues } from '../generated/fine-tune.js';

export type * from '../generated/schemas.js';
export type { CreateJobParams, GetJobMetricsParams, JobsMethods, ListJobsParams } from '../generated/methods.js';
import type { JobStatus } from '../generated/schemas.js';
import type { GetJobMetricsParams } from '../generated/methods.js';

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
export type PageParams = GetJobMetricsParams;
