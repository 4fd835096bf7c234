// create's `ifExists: 'return'`: a 409 `job_already_exists` met by a re-run of the same create resolves to the job
// the first run made, when it is that job; otherwise the conflict stands, naming what differs.
import { ConflictError } from '../errors/index.js';
import type { CreateJobParams, Job } from '../types.js';
import { differences } from './own-doing.js';

/**
 * `existing` when it is the job `body` would make (same name and echoed config), never throws then.
 * @throws {ConflictError} `conflict` again, its message naming the fields of `existing` that differ from those sent.
 */
export function existingOrConflict(existing: Job, body: CreateJobParams, conflict: ConflictError, secrets: readonly string[]): Job {
  const differ = differences(existing, body);
  if (differ.length === 0) return existing;
  throw conflictNaming(conflict, differ, secrets);
}

/** The 409 `conflict` again, its message naming the fields of the existing job that differ from those sent. */
function conflictNaming(conflict: ConflictError, differ: readonly string[], secrets: readonly string[]): ConflictError {
  const headers = conflict.headers;
  return new ConflictError({
    status: conflict.status,
    headers: { get: (name) => headers[name.toLowerCase()] ?? null, forEach: (callback) => Object.entries(headers).forEach(([name, value]) => callback(value, name)) },
    rawBody: conflict.rawBody,
    method: conflict.method,
    path: conflict.path,
    secrets,
    message: () => `${conflict.message} The job with this id has another ${differ.join(', ')} than the one sent, so ifExists 'return' did not return it.`,
  });
}
