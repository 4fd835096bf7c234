// Errors raised on the caller's side, with no answer involved: bad input, no key, an abort, a wait that ran out.
import type { Job } from '../types.js';
import { AtaiError } from './atai-error.js';

/**
 * Bad input caught before any request was sent: a job id that is empty, too long or a dot segment, a create
 * body with a missing field, a bad option. The message names the argument and how to fix it.
 */
export class ValidationError extends AtaiError {
  override name = 'ValidationError';
  /** The argument or field that is wrong, e.g. `jobId` or `body.config.model`. */
  readonly param: string;

  /** Builds the error for `param`; `message` should say what is wrong and how to fix it. Never throws. */
  constructor(param: string, message: string) {
    super(message);
    this.param = param;
  }
}

/** No API key was given and `ATAI_API_KEY` is not set. Thrown by the first call, before any request. */
export class MissingApiKeyError extends AtaiError {
  override name = 'MissingApiKeyError';

  /** Builds the error, whose message says where a key can come from. Never throws. */
  constructor() {
    super(
      'No API key: pass createClient({ apiKey }) or set the ATAI_API_KEY environment variable. ' +
        "Offline, use the mock's own key: the one `atai-ft mock` prints, or `mock.apiKey` from atai-finetune/mock.",
    );
  }
}

/** The caller's `AbortSignal` fired; no further request is made. The signal's reason is `cause`. */
export class UserAbortError extends AtaiError {
  override name = 'UserAbortError';

  /**
   * Builds the error. `context` says what was going on, e.g. `GET https://.../jobs/x` or `waiting for job x`.
   * Never throws.
   */
  constructor(reason?: unknown, context?: string) {
    super(`Aborted by the caller${context ? `: ${context}` : ''}`, reason === undefined ? undefined : { cause: reason });
  }
}

/** `waitForJob` gave up before the job reached the status it waited for. `lastJob` is the last record seen. */
export class WaitTimeoutError extends AtaiError {
  override name = 'WaitTimeoutError';
  readonly jobId: string;
  readonly timeoutMs: number;
  /** The last job record seen, when at least one poll succeeded. */
  readonly lastJob: Job | undefined;

  /** Builds the error, naming the job, the limit and the last status seen. Never throws. */
  constructor(jobId: string, timeoutMs: number, lastJob: Job | undefined) {
    super(
      `Job ${jobId} was still ${lastJob?.status ?? 'unseen'} after waiting ${timeoutMs} ms. ` +
        'Raise timeoutMs, or check the job with client.jobs.get().',
    );
    this.jobId = jobId;
    this.timeoutMs = timeoutMs;
    this.lastJob = lastJob;
  }
}
