// The shapes the facade promises its callers, checked on every answer before it is returned: a server (or a proxy
// in front of it) that answers `200 null` must not hand a caller something that crashes them later. Only what
// the caller relies on is checked, so a new field or a new status from the vendor still passes.
import type { Job, JobMetrics } from '../types.js';

/** A job record as far as callers rely on it: an object with a string `id` and `status`. Never throws. */
export function isJob(value: unknown): value is Job {
  return isRecord(value) && typeof value.id === 'string' && typeof value.status === 'string';
}

/** A metrics answer: an object whose `metrics` is an array of objects. Never throws. */
export function isJobMetrics(value: unknown): value is JobMetrics {
  return isRecord(value) && Array.isArray(value.metrics) && value.metrics.every(isRecord);
}

/** Whether `value` is a plain JSON object (not null, not an array). Never throws. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
