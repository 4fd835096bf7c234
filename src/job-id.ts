// The rules of a job id, for the client's checks and the mock's routes. The limits come from the spec's `JobId`
// (generated/facts.ts); JSON Schema counts code points, not UTF-16 units, and so does this.
import { JOB_ID_MAX_LENGTH, JOB_ID_MIN_LENGTH } from '../generated/facts.js';

export { JOB_ID_MAX_LENGTH, JOB_ID_MIN_LENGTH };

/** How many characters a job id has, as the spec counts them (code points). Never throws. */
export function jobIdLength(id: string): number {
  return Array.from(id).length;
}

/** Whether `id` has an allowed length, as the spec counts it. Never throws. */
export function hasValidJobIdLength(id: string): boolean {
  const length = jobIdLength(id);
  return length >= JOB_ID_MIN_LENGTH && length <= JOB_ID_MAX_LENGTH;
}
