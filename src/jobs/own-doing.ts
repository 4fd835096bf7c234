// Whether a 409 a retried call met is its own doing: its first attempt acted, and only the answer was lost. Pure
// decisions on the record a look-up returned; jobs.ts does the look-up.
import { ECHOED_CONFIG } from '../../generated/facts.js';
import { isRecord } from '../operations/shapes.js';
import type { CreateJobParams, Job, JobStatus } from '../types.js';

/** Where stop and cancel put a job: what a retried call that met 409 accepts as its own doing. */
export const ENDED_BY = { stop: ['STOPPING', 'STOPPED'], cancel: ['CANCELLED'] } as const satisfies Record<string, readonly JobStatus[]>;

// A server's clock may run behind ours; a job stamped up to this long before the call began is still ours.
const CLOCK_SKEW_MS = 60_000;

/**
 * Whether `job` is what this create call made: the same name, the same config as far as the spec says a job record
 * echoes it (ECHOED_CONFIG: model and each dataset's name, split and file ids; a server may drop or normalize any
 * other field, so those prove nothing either way), created since the call began. Never throws.
 */
export function isThisCallsJob(job: Job, body: CreateJobParams, started: number): boolean {
  const created = Date.parse(job.created_at);
  return differences(job, body).length === 0 && Number.isFinite(created) && created >= started - CLOCK_SKEW_MS;
}

/**
 * Where `job` differs from the create `body` as far as the spec says a record echoes it: `name`, then the paths of
 * ECHOED_CONFIG's fields (`config.model`, `config.datasets[1].file_ids`), in that order; empty when it is the same
 * job. Never throws.
 */
export function differences(job: Job, body: CreateJobParams): string[] {
  return [...(job.name === body.name ? [] : ['name']), ...differing(job.config, body.config, ECHOED_CONFIG, 'config')];
}

type Shape = true | readonly Shape[] | { readonly [key: string]: Shape };

/** Where `actual` lacks `expected`'s values, at `path`, as far as `shape` says a record echoes them. */
function differing(actual: unknown, expected: unknown, shape: Shape, path: string): string[] {
  if (shape === true) return Object.is(actual, expected) ? [] : [path];
  if (Array.isArray(shape)) {
    const item = shape[0] as Shape;
    // A list of another length differs as a whole: its items cannot be paired.
    if (!Array.isArray(actual) || !Array.isArray(expected) || actual.length !== expected.length) return [path];
    return expected.flatMap((e, i) => differing(actual[i], e, item, `${path}[${i}]`));
  }
  if (!isRecord(actual) || !isRecord(expected)) return [path];
  return Object.entries(shape).flatMap(([key, inner]) => differing(actual[key], expected[key], inner, `${path}.${key}`));
}
