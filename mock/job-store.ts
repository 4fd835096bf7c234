// The jobs of the mock and how they move, with no HTTP: a job advances through its statuses on the clock whenever
// it is read, so nothing runs in the background and a test's clock alone decides where every job is.
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../src/http/clock.js';
import { isTerminalStatus, type CreateJobParams, type Job, type JobMetrics, type JobStatus } from '../src/types.js';
import { MockApiError } from './answer.js';
import { trainingMetrics } from './metrics.js';
import { DEFAULT_PHASES, ENDED_AS, NEXT, type PhaseDurations } from './phases.js';

/** Settings of a {@link JobStore}. */
export interface JobStoreOptions {
  /** Where the store reads the time (default: the system clock). */
  clock?: Pick<Clock, 'now'>;
  phases?: Partial<PhaseDurations>;
  /** Running time per 100 logged training steps (default 1000 ms). */
  msPer100Steps?: number;
}

/** Which jobs {@link JobStore.list} returns; `limit` of -1 (the default) means all. */
export interface ListOptions {
  /** Only jobs in one of these statuses; none or empty: every job. */
  statuses?: readonly JobStatus[];
  limit?: number;
  offset?: number;
}

const ORG_UUID = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';

interface StoredJob {
  record: Job;
  enteredAt: number;
  /** Running time accumulated before the current RUNNING stint, and when that stint began. */
  runningMs: number;
  runningSince: number | undefined;
}

/** ISO 8601 with microseconds, as the service writes it: `2026-04-27T14:32:18.421000Z`. */
function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Pages a list the way the API does: `limit` of -1 means everything from `offset`. */
function page<T>(all: T[], limit: number, offset: number): T[] {
  return limit === -1 ? all.slice(offset) : all.slice(offset, offset + limit);
}

/**
 * The mock's jobs: create, read, list, stop and cancel them, as the service would. Every read first moves the job
 * along the clock (REGISTERED -> STARTING -> RUNNING -> FINALIZING -> COMPLETED; STOPPING -> STOPPED). Records
 * handed out are copies: they do not change when the job moves on.
 */
export class JobStore {
  private readonly jobs = new Map<string, StoredJob>();
  private readonly clock: Pick<Clock, 'now'>;
  private readonly phases: PhaseDurations;
  private readonly msPer100Steps: number;
  private createdCount = 0;

  /** Makes an empty store. Never throws. */
  constructor(options: JobStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.phases = { ...DEFAULT_PHASES, ...options.phases };
    this.msPer100Steps = options.msPer100Steps ?? 1_000;
  }

  /** How many jobs have been created, ever (a duplicate create would show here). Never throws. */
  get created(): number {
    return this.createdCount;
  }

  /**
   * Creates a job in REGISTERED, with `params.id` or else an id made from the name. The params are trusted: the
   * HTTP layer has checked them.
   * @throws {MockApiError} 409 `job_already_exists` when a job with that id exists; nothing is created then.
   */
  create(params: CreateJobParams): Job {
    const now = this.clock.now();
    const id = params.id ?? `ftj-${params.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40)}-${randomUUID().slice(0, 8)}`;
    if (this.jobs.has(id)) {
      throw new MockApiError(409, 'job_already_exists', `A fine-tune job with id ${id} already exists.`, 'Choose another id, or get the existing job.');
    }
    const record: Job = {
      name: params.name,
      id,
      uuid: randomUUID(),
      org_uuid: ORG_UUID,
      status: 'REGISTERED',
      // All of it, as the service echoes it: JobConfig (and Dataset) allow fields beyond model and datasets. A
      // copy, so the caller's object and the record never share anything.
      config: structuredClone(params.config),
      created_at: timestamp(now),
      updated_at: timestamp(now),
      inference_config_path: null,
    };
    this.jobs.set(id, { record, enteredAt: now, runningMs: 0, runningSince: undefined });
    this.createdCount++;
    return structuredClone(record);
  }

  /** The current record of a job, or undefined when there is none. Never throws. */
  find(id: string): Job | undefined {
    const stored = this.jobs.get(id);
    return stored ? structuredClone(this.catchUp(stored)) : undefined;
  }

  /**
   * The current record of a job.
   * @throws {MockApiError} 404 `job_not_found` when there is no job with this id.
   */
  get(id: string): Job {
    return structuredClone(this.stored(id).record);
  }

  /** The current records of the matching jobs, in creation order, paged. Never throws. */
  list(options: ListOptions = {}): Job[] {
    const statuses = options.statuses ?? [];
    const all = [...this.jobs.values()].map((s) => this.catchUp(s)).filter((j) => statuses.length === 0 || statuses.includes(j.status));
    return page(all, options.limit ?? -1, options.offset ?? 0).map((j) => structuredClone(j));
  }

  /**
   * The training metrics so far (see {@link trainingMetrics}), paged. They grow only while the job is RUNNING.
   * @throws {MockApiError} 404 `job_not_found` when there is no job with this id.
   */
  metrics(id: string, options: { limit?: number; offset?: number } = {}): JobMetrics {
    const stored = this.stored(id);
    const runningMs = stored.runningMs + (stored.runningSince === undefined ? 0 : this.clock.now() - stored.runningSince);
    const { last_checkpoint_step, metrics } = trainingMetrics(runningMs, this.msPer100Steps);
    return { last_checkpoint_step, metrics: page(metrics, options.limit ?? -1, options.offset ?? 0) };
  }

  /**
   * Asks a job to stop: it goes to STOPPING (or stays there) and reaches STOPPED after the STOPPING phase.
   * @throws {MockApiError} 404 `job_not_found` when there is no such job; 409 `job_already_terminal` when it has
   * already ended.
   */
  stop(id: string): Job {
    const stored = this.endable(id);
    if (stored.record.status !== 'STOPPING') this.move(stored, 'STOPPING', this.clock.now());
    return structuredClone(stored.record);
  }

  /**
   * Cancels a job: CANCELLED at once, with no inference config.
   * @throws {MockApiError} 404 `job_not_found` when there is no such job; 409 `job_already_terminal` when it has
   * already ended.
   */
  cancel(id: string): Job {
    const stored = this.endable(id);
    this.move(stored, 'CANCELLED', this.clock.now());
    return structuredClone(stored.record);
  }

  /**
   * Puts a job in a status now, whatever it was in (e.g. FAILED, which nothing else reaches).
   * @throws {MockApiError} 404 `job_not_found` when there is no job with this id.
   */
  setStatus(id: string, status: JobStatus): void {
    this.move(this.stored(id), status, this.clock.now());
  }

  private stored(id: string): StoredJob {
    const stored = this.jobs.get(id);
    if (!stored) throw new MockApiError(404, 'job_not_found', `No fine-tune job with id ${id}.`, 'List jobs to see the ids in your organization.');
    this.catchUp(stored);
    return stored;
  }

  private endable(id: string): StoredJob {
    const stored = this.stored(id);
    const status = stored.record.status;
    if (isTerminalStatus(status)) {
      throw new MockApiError(409, 'job_already_terminal', `Job ${id} has already ${ENDED_AS[status]}.`, 'Only jobs that have not ended can be stopped or cancelled.');
    }
    return stored;
  }

  /** Moves the job through every phase that has run out by now, each change dated when its phase ended. */
  private catchUp(stored: StoredJob): Job {
    const now = this.clock.now();
    for (;;) {
      const status = stored.record.status;
      const next = NEXT[status];
      // Only the statuses with a phase length move on by themselves.
      const duration = (this.phases as Partial<Record<JobStatus, number>>)[status];
      if (!next || duration === undefined || now - stored.enteredAt < duration) break;
      this.move(stored, next, stored.enteredAt + duration);
    }
    return stored.record;
  }

  private move(stored: StoredJob, to: JobStatus, at: number): void {
    if (stored.record.status === 'RUNNING' && stored.runningSince !== undefined) {
      stored.runningMs += at - stored.runningSince;
      stored.runningSince = undefined;
    }
    if (to === 'RUNNING') stored.runningSince = at;
    stored.record.status = to;
    stored.enteredAt = at;
    // Strictly later than the previous change, even when two happen within the same millisecond.
    const previous = Date.parse(stored.record.updated_at);
    stored.record.updated_at = timestamp(Math.max(at, previous + 1));
    if (to === 'COMPLETED' || to === 'STOPPED') {
      stored.record.inference_config_path = `s3://atai-finetune/inference-configs/${stored.record.id}.yaml`;
    }
  }
}
