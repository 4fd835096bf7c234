// Which method of `client.jobs` carries out each operation of the spec: the one table the coverage test
// (contract-tests/coverage.test.ts) reads to tell a maintainer what a new operation still lacks.
import type { OperationId } from '../generated/facts.js';
import type { JobsResource } from './jobs.js';

/** The `client.jobs` method of each operation; an operation missing here has no facade method yet. */
export const FACADE_METHODS: Partial<Record<OperationId, keyof JobsResource>> = {
  createJob: 'create',
  listJobs: 'list',
  getJob: 'get',
  getJobMetrics: 'metrics',
  stopJob: 'stop',
  cancelJob: 'cancel',
};
