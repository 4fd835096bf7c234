// Checks made before any request is sent, so a mistake costs no round trip and never reaches the wrong URL.
import { MAX_TIMER_MS } from './clock.js';
import { LIMIT, OFFSET } from '../generated/facts.js';
import { ValidationError } from './errors/index.js';
import { excludedJobIdsText, isExcludedJobId, JOB_ID_MAX_LENGTH, JOB_ID_MIN_LENGTH, jobIdLength } from './job-id.js';
import { isRecord } from './shapes.js';
import { isJobStatus, JOB_STATUSES, type CreateJobParams, type ListJobsParams, type PageParams } from './types.js';

/**
 * Checks a job id: a string of 1 to 64 characters that is not `.` or `..` (the spec's JobId, through
 * generated/facts.ts). Dots alone are refused because the URL parser collapses them as path segments: `stop('..')`
 * would otherwise be sent to `/fine-tune/stop`.
 * Everything else (`/`, `?`, `#`, `%`, unicode) is allowed and percent-encoded in the path.
 * @throws {ValidationError} naming the problem and the fix.
 */
export function assertJobId(jobId: unknown, param = 'jobId'): asserts jobId is string {
  if (typeof jobId !== 'string') {
    throw new ValidationError(param, `${param} must be a string (the job's id, e.g. "ftj-my-run-3de60a5c"), got ${describe(jobId)}.`);
  }
  const length = jobIdLength(jobId);
  if (length < JOB_ID_MIN_LENGTH) {
    throw new ValidationError(param, `${param} is empty: pass the job's id (${JOB_ID_MIN_LENGTH} to ${JOB_ID_MAX_LENGTH} characters), e.g. "ftj-my-run-3de60a5c".`);
  }
  if (length > JOB_ID_MAX_LENGTH) {
    throw new ValidationError(
      param,
      `${param} is ${length} characters long; job ids are ${JOB_ID_MIN_LENGTH} to ${JOB_ID_MAX_LENGTH} characters. Check that you passed the id, not the name or uuid.`,
    );
  }
  // A lone surrogate cannot be percent-encoded (encodeURIComponent throws): it is a broken string, not an id.
  if (/\p{Cs}/u.test(jobId)) {
    throw new ValidationError(param, `${param} contains a lone UTF-16 surrogate, so it is not valid text; check how the id was sliced or decoded.`);
  }
  if (isExcludedJobId(jobId)) {
    throw new ValidationError(
      param,
      `${param} "${jobId}" is not a valid job id: no id is ${excludedJobIdsText()}, which would be collapsed out of the URL and the request sent to another path. Pass the id from the job's record.`,
    );
  }
}

/**
 * Checks the body of a create before it is sent: the required `name` and `config` with its `model` and
 * `datasets`, and the optional `id` by the same rules as {@link assertJobId}; and that the whole body can be sent as
 * JSON.
 * @throws {ValidationError} naming the field and what it needs.
 */
export function assertCreateJobParams(body: unknown): asserts body is CreateJobParams {
  if (!isRecord(body)) throw new ValidationError('body', `The create body must be an object like { name, config: { model, datasets } }, got ${describe(body)}.`);
  if (typeof body.name !== 'string' || body.name.length === 0) {
    throw new ValidationError('body.name', `body.name is required: a non-empty string naming the job, got ${describe(body.name)}.`);
  }
  if (body.id !== undefined) assertJobId(body.id, 'body.id');
  const config = body.config;
  if (!isRecord(config)) {
    throw new ValidationError('body.config', `body.config is required: { model, datasets: [{ name, split, file_ids }] }, got ${describe(config)}.`);
  }
  if (typeof config.model !== 'string' || config.model.length === 0) {
    throw new ValidationError('body.config.model', `body.config.model is required: the base model's name, e.g. "Newton::c2_4_7b_251215a172f6d7", got ${describe(config.model)}.`);
  }
  if (!Array.isArray(config.datasets)) {
    throw new ValidationError('body.config.datasets', `body.config.datasets is required: an array of { name, split, file_ids }, got ${describe(config.datasets)}.`);
  }
  config.datasets.forEach((dataset: unknown, i) => {
    const at = `body.config.datasets[${i}]`;
    if (!isRecord(dataset)) throw new ValidationError(at, `${at} must be an object { name, split, file_ids }, got ${describe(dataset)}.`);
    for (const key of ['name', 'split'] as const) {
      if (typeof dataset[key] !== 'string') {
        throw new ValidationError(`${at}.${key}`, `${at}.${key} is required and must be a string${key === 'split' ? ' ("train" or "eval")' : ''}, got ${describe(dataset[key])}.`);
      }
    }
    const fileIds = dataset.file_ids;
    if (!Array.isArray(fileIds) || fileIds.some((f) => typeof f !== 'string')) {
      throw new ValidationError(`${at}.file_ids`, `${at}.file_ids must be an array of uploaded file ids (strings such as "file-abc123"), got ${describe(fileIds)}.`);
    }
  });
  // The body is sent as JSON: a value JSON cannot carry (a cycle, a BigInt, a getter or toJSON that throws, nesting
  // deep enough to overflow the stack) would otherwise escape as the serializer's own TypeError or RangeError.
  try {
    JSON.stringify(body);
  } catch (error) {
    const why = error instanceof RangeError ? 'it nests too deep' : error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ValidationError('body', `The create body cannot be sent as JSON (${why}). Pass plain data: strings, numbers, booleans, null, arrays and objects.`);
  }
}

/**
 * Checks list and metrics pagination: `limit` an integer from -1 (all) and `offset` one from 0, both at most
 * Number.MAX_SAFE_INTEGER. Larger numbers are refused because they cannot be sent as they are: from 1e21 on,
 * JavaScript writes them in exponent form (`limit=1e%2B21`), and above the safe range they are not exact.
 * @throws {ValidationError} naming the parameter.
 */
export function assertPageParams(params: PageParams | undefined): void {
  if (params?.limit !== undefined && !(Number.isSafeInteger(params.limit) && params.limit >= LIMIT.minimum)) {
    throw new ValidationError('limit', `limit must be an integer from ${LIMIT.minimum} (-1 returns all) to ${Number.MAX_SAFE_INTEGER}, got ${describe(params.limit)}.`);
  }
  if (params?.offset !== undefined && !(Number.isSafeInteger(params.offset) && params.offset >= OFFSET.minimum)) {
    throw new ValidationError('offset', `offset must be an integer from ${OFFSET.minimum} to ${Number.MAX_SAFE_INTEGER}, got ${describe(params.offset)}.`);
  }
}

/**
 * Checks the filters of a list: pagination, a non-empty `statuses`, and every status one of {@link JOB_STATUSES}.
 * @throws {ValidationError} naming the unknown status and the known ones, or saying the filter is empty.
 */
export function assertListParams(params: ListJobsParams | undefined): void {
  assertPageParams(params);
  // An empty filter sends no `statuses` at all, which the API reads as "every job": a selection that came out
  // empty must never turn into all jobs (and a cancelMany over them).
  if (params?.statuses !== undefined && (params.statuses as readonly unknown[]).length === 0) {
    throw new ValidationError('statuses', 'statuses is empty, which would list every job: name at least one status, or leave statuses out to list them all.');
  }
  for (const status of params?.statuses ?? []) {
    if (!isJobStatus(status)) {
      throw new ValidationError('statuses', `Unknown job status ${describe(status)}; use one of ${JOB_STATUSES.join(', ')}.`);
    }
  }
}

/**
 * Checks an optional count (e.g. `maxRetries`): a finite number >= 0 when given. A duration is checked with
 * {@link assertDuration} instead, which also bounds it.
 * @throws {ValidationError} naming the setting.
 */
export function assertNonNegative(value: number | undefined, name: string): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
    throw new ValidationError(name, `${name} must be a finite number >= 0, got ${String(value)}.`);
  }
}

/**
 * Checks an optional duration in ms (a delay, a limit, a poll interval): a number from 0 (above 0 when
 * `positive`) to {@link MAX_TIMER_MS}, about 24.8 days. Longer is refused rather than clamped because a Node timer
 * above it fires after 1 ms: a longer limit would end every request at once.
 * @throws {ValidationError} naming the option, the range and the maximum.
 */
export function assertDuration(value: number | undefined, name: string, { positive = false }: { positive?: boolean } = {}): void {
  if (value === undefined) return;
  if (typeof value === 'number' && (positive ? value > 0 : value >= 0) && value <= MAX_TIMER_MS) return;
  throw new ValidationError(
    name,
    `${name} must be a number of milliseconds ${positive ? '> 0' : '>= 0'} and at most ${MAX_TIMER_MS} (about 24.8 days), got ${describe(value)}.`,
  );
}

/**
 * Checks the per-call (and client-wide) `timeoutMs` (a duration > 0, see {@link assertDuration}) and
 * `maxRetries` (>= 0) when given.
 * @throws {ValidationError} naming the option.
 */
export function assertRequestOptions(options: { timeoutMs?: number; maxRetries?: number } | undefined): void {
  assertDuration(options?.timeoutMs, 'timeoutMs', { positive: true });
  assertNonNegative(options?.maxRetries, 'maxRetries');
}

/**
 * Checks `validateResponses`: left out, or what `specValidation()` of `atai-finetune/validation` makes.
 * @throws {ValidationError} naming the option and the fix (a string such as `'throw'` is not enough: the
 * validators live in their own entry point so that a client that does not validate carries none of them).
 */
export function assertResponseValidation(value: unknown): void {
  if (value === undefined || (isRecord(value) && typeof value.verify === 'function')) return;
  throw new ValidationError('validateResponses', `validateResponses must be specValidation('warn' | 'throw') from 'atai-finetune/validation', got ${describe(value)}.`);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return `a ${typeof value}`;
}
