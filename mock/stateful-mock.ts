// What a test holds of the stateful mock: the options it starts with, the handle it gets back (jobs, faults, the
// requests seen) and what each logged request records. mock/http.ts is the server behind them.
import type { Clock } from '../src/http/clock.js';
import type { Job, JobStatus } from '../src/types.js';
import type { Fault, FaultScope, PendingFault } from './faults.js';
import type { PhaseDurations } from './phases.js';

/** How many requests {@link StatefulMock.requests} keeps; older ones are dropped. */
export const MAX_LOGGED_REQUESTS = 10_000;

/** Settings of {@link startStatefulMock}. */
export interface StatefulMockOptions {
  /** The bearer key the mock accepts (default `mock-key`). */
  apiKey?: string;
  /** Where the mock reads the time (default: the system clock). Pass a `ManualClock` to move jobs without waiting. */
  clock?: Pick<Clock, 'now'>;
  /** How long each status lasts, in ms; the ones left out keep their defaults (about 40 s to COMPLETED). */
  phases?: Partial<PhaseDurations>;
  /** Running time per 100 logged training steps (default 1000 ms). */
  msPer100Steps?: number;
  /** At most this many requests per second; more get 429 with Retry-After (default: no limit). */
  rateLimitPerSecond?: number;
  /** The port to listen on (default 0: a free one). */
  port?: number;
  /** The address to listen on (default 127.0.0.1). */
  host?: string;
  /**
   * Told about every answer the mock gives of its own accord (not an injected fault), as sent: tests check each
   * against the spec with `checkResponse` of `atai-finetune/validation`, so the mock cannot drift from it. Must not
   * throw (the request's connection would be dropped).
   */
  onAnswer?: (request: SeenRequest, answer: SentAnswer) => void;
}

/** An answer as the mock sent it. */
export interface SentAnswer {
  status: number;
  contentType: string;
  /** The body as sent. */
  text: string;
}

/** One request as the mock saw it. */
export interface SeenRequest {
  method: string;
  /** The raw path as sent, percent-encoding included. */
  rawPath: string;
  /** The job id as decoded from the path, for job routes. */
  jobId?: string;
  /** The status answered; 0 while the request is in progress or when its connection was reset. */
  status: number;
  fault?: Fault['kind'];
  /**
   * When the mock received it, in ms on the mock's clock: the instant its rate limit counted it at, so the windows
   * the limit counted can be rebuilt from the log (the bulk bench does).
   */
  receivedAt: number;
}

/** A running stateful mock. */
export interface StatefulMock {
  /** Where to send requests, e.g. `http://127.0.0.1:53211`. */
  readonly url: string;
  /** The bearer key the mock accepts. */
  readonly apiKey: string;
  /** The requests received, in order: the latest {@link MAX_LOGGED_REQUESTS}, so a long-running mock stays small. */
  readonly requests: SeenRequest[];
  /** How many jobs have been created, ever (duplicates would show here). */
  created(): number;
  /** The current record of a job, after moving it along the clock; undefined when there is none. */
  job(id: string): Job | undefined;
  /** Puts a job in a status now (e.g. FAILED, which nothing else reaches); throws a 404 error when there is none. */
  setStatus(id: string, status: JobStatus): void;
  /**
   * Queues a fault for the next matching request(s) that the key lets through (a 401 never takes one).
   * @throws {TypeError | RangeError} naming the problem when the fault or its scope cannot be served as declared:
   * `times` not a whole number >= 1, a method the API does not use, an unknown kind, a status outside 200-599, a
   * delay above 2^31-1 ms, a header value (`retryAfter`, `contentType`) with CR, LF or another character a header
   * cannot carry, a `rewrite` whose `drop` is no array of strings or whose `set` is no plain object, a `null` scope,
   * a misspelt scope field, or a scope no operation of the spec can match (`{ method: 'POST', pathEndsWith: '/stop' }`:
   * stop is a PUT), the message naming the operations that exist.
   */
  inject(fault: Fault, scope?: FaultScope): void;
  /** The injected faults no request has taken yet (or not as many times as asked), oldest first. */
  pendingFaults(): PendingFault[];
  /**
   * Checks that every injected fault has been served as many times as asked, as nock's `isDone()` and undici's
   * `assertNoPendingInterceptors()` do: call it at the end of a test.
   * @throws {PendingFaultsError} naming each fault still waiting, its scope and how many requests it still expects.
   */
  assertNoPendingFaults(): void;
  /** Changes the requests-per-second limit (undefined: none) from now on. */
  setRateLimit(perSecond: number | undefined): void;
  /** Clears queued faults and the request log; jobs stay. */
  reset(): void;
  /** Closes every connection and the server. */
  stop(): Promise<void>;
}
