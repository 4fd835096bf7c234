// The rules of a job id, in one place for the client's checks and the mock's routes. The spec says the same
// (`JobId`: minLength 1, maxLength 64); JSON Schema counts code points, not UTF-16 units, and so does this.

/** Fewest characters (code points) in a job id. */
export const JOB_ID_MIN_LENGTH = 1;
/** Most characters (code points) in a job id. */
export const JOB_ID_MAX_LENGTH = 64;

/** How many characters a job id has, as the spec counts them (code points). Never throws. */
export function jobIdLength(id: string): number {
  return Array.from(id).length;
}

/** Whether `id` has an allowed length, as the spec counts it. Never throws. */
export function hasValidJobIdLength(id: string): boolean {
  const length = jobIdLength(id);
  return length >= JOB_ID_MIN_LENGTH && length <= JOB_ID_MAX_LENGTH;
}
