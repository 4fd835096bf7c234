// The rules of a job id, for the client's checks and the mock's routes. The limits and the excluded ids come from the
// spec's `JobId` (generated/facts.ts); JSON Schema counts code points, not UTF-16 units, and so does this.
import { EXCLUDED_JOB_IDS, JOB_ID_MAX_LENGTH, JOB_ID_MIN_LENGTH } from '../generated/facts.js';

export { EXCLUDED_JOB_IDS, JOB_ID_MAX_LENGTH, JOB_ID_MIN_LENGTH };

/** How many characters a job id has, as the spec counts them (code points). Never throws. */
export function jobIdLength(id: string): number {
  return Array.from(id).length;
}

/** Whether `id` has an allowed length, as the spec counts it. Never throws. */
export function hasValidJobIdLength(id: string): boolean {
  const length = jobIdLength(id);
  return length >= JOB_ID_MIN_LENGTH && length <= JOB_ID_MAX_LENGTH;
}

/**
 * Whether `id` is one the spec excludes by name (`.` or `..`): a URL path cannot carry it, as every URL parser
 * collapses it, so a job with that id could never be reached. Never throws.
 */
export function isExcludedJobId(id: string): boolean {
  return (EXCLUDED_JOB_IDS as readonly string[]).includes(id);
}

/** The excluded ids as a sentence names them: `"." or ".."`. Never throws. */
export function excludedJobIdsText(): string {
  return EXCLUDED_JOB_IDS.map((id) => JSON.stringify(id)).join(' or ');
}
