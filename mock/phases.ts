// The mock's lifecycle as data: how long a job stays in each status before it moves on by itself, where it moves,
// and how an error message words each end. mock/job-store.ts moves jobs by it.
import type { JobStatus, TerminalStatus } from '../src/types.js';

/** How long a job stays in each status before it moves on by itself, in ms. */
export interface PhaseDurations {
  REGISTERED: number;
  STARTING: number;
  RUNNING: number;
  FINALIZING: number;
  STOPPING: number;
}

/** About 40 s from REGISTERED to COMPLETED: long enough to watch with the CLI, short enough to wait for. */
export const DEFAULT_PHASES: PhaseDurations = { REGISTERED: 2_000, STARTING: 3_000, RUNNING: 30_000, FINALIZING: 3_000, STOPPING: 3_000 };

/** The status each one moves on to by itself, when its phase has passed. */
export const NEXT: Partial<Record<JobStatus, JobStatus>> = {
  REGISTERED: 'STARTING',
  STARTING: 'RUNNING',
  RUNNING: 'FINALIZING',
  FINALIZING: 'COMPLETED',
  STOPPING: 'STOPPED',
};
/** How a 409 says a job ended: `Job ID has already ${ENDED_AS[status]}.` */
export const ENDED_AS: Record<TerminalStatus, string> = { COMPLETED: 'completed', STOPPED: 'been stopped', CANCELLED: 'been cancelled', FAILED: 'failed' };
