// The ways the mock misbehaves on purpose: queued faults that a test injects for the next matching requests, and a
// requests-per-second limit. Both decide per request; the HTTP layer asks them and sends what they say.
import type { ServerResponse } from 'node:http';
import { OPERATIONS } from '../generated/facts.js';
import type { Clock } from '../src/clock.js';
import { errorEnvelope, MockApiError, sendJson } from './answer.js';

/** A fault the next matching request(s) get instead of (or after) the normal answer. */
export type Fault =
  /** A JSON error in the current envelope with this status; `retryAfter` sets the Retry-After header. */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** An HTML gateway page with status 502, as a load balancer sends it. */
  | { kind: 'html502' }
  /** The connection is destroyed without an answer. */
  | { kind: 'reset' }
  /** The answer comes after `ms` of real time. */
  | { kind: 'delay'; ms: number }
  /** Status 200 with a truncated JSON body. */
  | { kind: 'malformed' }
  /** Status 200 with an empty body. */
  | { kind: 'empty' }
  /**
   * The normal answer with these fields of the record (of each record, for a list) left out or replaced: a server
   * that has drifted from the spec, e.g. `{ kind: 'rewrite', set: { status: 'PAUSED' } }` or `{ drop: ['uuid'] }`.
   */
  | { kind: 'rewrite'; drop?: string[]; set?: Record<string, unknown> }
  /** Exactly this status and body, with Content-Type `application/json` unless `contentType` says otherwise. */
  | { kind: 'raw'; status: number; body: string; contentType?: string };

/** Which requests a fault applies to, and whether the request is carried out first. */
export interface FaultScope {
  /** How many matching requests get the fault: a whole number >= 1 (default 1). */
  times?: number;
  /** Only requests with this method, one the API uses (`GET`, `POST`, `PUT`), in any case. */
  method?: string;
  /** Only requests whose path (without query) ends with this. */
  pathEndsWith?: string;
  /** Carry out the request (create the job, stop it...) and then answer with the fault: the answer is lost. */
  afterProcessing?: boolean;
}

/** A fault taken from the queue for one request. */
export interface PickedFault {
  fault: Fault;
  scope: FaultScope;
}

/** The normal answer to a request, which some faults still send (late, or instead of nothing). */
export interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** The methods of the API's operations (from the spec): a fault scoped to any other would wait forever. */
const API_METHODS: readonly string[] = [...new Set(OPERATIONS.map((operation) => operation.method))].sort();

// A record, so that a kind added to Fault without being added here is a type error.
const KINDS: Record<Fault['kind'], true> = { status: true, html502: true, reset: true, delay: true, malformed: true, empty: true, rewrite: true, raw: true };
const FAULT_KINDS: ReadonlySet<string> = new Set(Object.keys(KINDS));

/**
 * Checks a fault when it is injected, so that a mistake shows in the test that made it instead of as a fault that
 * never fires (or a request that crashes when it does).
 * @throws {TypeError} when `kind` is not a known kind. {RangeError} when the status of a `status` or `raw` fault
 * is not an HTTP status (100 to 599), or the `ms` of a `delay` is not a number >= 0.
 */
function assertFault(fault: Fault): void {
  const kind: unknown = (fault as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !FAULT_KINDS.has(kind)) {
    throw new TypeError(`fault.kind must be one of ${[...FAULT_KINDS].join(', ')}, got ${kind === undefined ? 'nothing' : JSON.stringify(kind)}.`);
  }
  if ((fault.kind === 'status' || fault.kind === 'raw') && !(Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599)) {
    throw new RangeError(`fault.status must be an HTTP status, a whole number from 100 to 599, got ${String(fault.status)}.`);
  }
  if (fault.kind === 'delay' && !(typeof fault.ms === 'number' && Number.isFinite(fault.ms) && fault.ms >= 0)) {
    throw new RangeError(`fault.ms must be a number of milliseconds >= 0, got ${String(fault.ms)}.`);
  }
}

/**
 * The scope as the queue keeps it, checked when the fault is injected: `method` in upper case, as requests carry it.
 * @throws {RangeError} when `times` is not a whole number >= 1, or `method` is not one the API uses. {TypeError}
 * when `times`, `method` or `pathEndsWith` has the wrong type.
 */
function normalizeScope(scope: FaultScope): FaultScope {
  const { times, method, pathEndsWith } = scope;
  if (times !== undefined) {
    if (typeof times !== 'number') throw new TypeError(`scope.times must be a number, got a ${typeof times}.`);
    // A fault serves whole requests: 0, a fraction or Infinity cannot be served as declared.
    if (!Number.isSafeInteger(times) || times < 1) {
      throw new RangeError(`scope.times must be a whole number >= 1 (how many matching requests get the fault), got ${String(times)}; leave times out for one request.`);
    }
  }
  if (pathEndsWith !== undefined && typeof pathEndsWith !== 'string') throw new TypeError(`scope.pathEndsWith must be a string, got a ${typeof pathEndsWith}.`);
  if (method === undefined) return { ...scope };
  if (typeof method !== 'string') throw new TypeError(`scope.method must be a string such as 'GET', got a ${typeof method}.`);
  const upper = method.toUpperCase();
  if (!API_METHODS.includes(upper)) {
    throw new RangeError(`scope.method ${JSON.stringify(method)} is not a method of the API, so no request would get the fault; use one of ${API_METHODS.join(', ')}.`);
  }
  return { ...scope, method: upper };
}

/** Injected faults, oldest first; each serves `times` matching requests and then leaves the queue. */
export class FaultQueue {
  private readonly entries: { fault: Fault; scope: FaultScope; left: number }[] = [];

  /**
   * Queues `fault` for the next `scope.times` (default 1) requests that match `scope`.
   * @throws {TypeError | RangeError} from {@link assertFault} and {@link normalizeScope}, naming the bad argument;
   * nothing is queued then.
   */
  inject(fault: Fault, scope: FaultScope = {}): void {
    assertFault(fault);
    const checked = normalizeScope(scope);
    this.entries.push({ fault, scope: checked, left: checked.times ?? 1 });
  }

  /**
   * The oldest queued fault that matches this request, counted as used; undefined when none matches. Never throws.
   * @param method The request's method, in any case.
   * @param path The request path without its query.
   */
  take(method: string, path: string): PickedFault | undefined {
    const index = this.entries.findIndex(
      ({ scope }) => (!scope.method || scope.method === method.toUpperCase()) && (!scope.pathEndsWith || path.endsWith(scope.pathEndsWith)),
    );
    const entry = this.entries[index];
    if (!entry) return undefined;
    if (--entry.left <= 0) this.entries.splice(index, 1);
    return { fault: entry.fault, scope: entry.scope };
  }

  /** Drops every queued fault. Never throws. */
  clear(): void {
    this.entries.length = 0;
  }
}

/**
 * At most `perSecond` requests in each fixed one-second window, the first window starting at the first request;
 * undefined or 0 means no limit.
 */
export class RateLimiter {
  private window = { start: 0, count: 0 };

  /** A limiter reading the time from `clock`. Never throws. */
  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private perSecond: number | undefined,
  ) {}

  /** Changes the limit and starts counting afresh. Never throws. */
  setLimit(perSecond: number | undefined): void {
    this.perSecond = perSecond;
    this.window = { start: 0, count: 0 };
  }

  /**
   * Counts one request, if the window has room for it.
   * @param now When the request came (default: the clock's time now); the HTTP layer passes the time it logged, so
   * that the log and the limit agree on which window each request fell in.
   * @returns undefined when the request is let through, else the whole seconds (at least 1) until the window ends,
   * for Retry-After. Never throws.
   */
  admit(now: number = this.clock.now()): number | undefined {
    if (!this.perSecond) return undefined;
    if (now - this.window.start >= 1000) this.window = { start: now, count: 0 };
    if (this.window.count < this.perSecond) {
      this.window.count++;
      return undefined;
    }
    return Math.max(1, Math.ceil((this.window.start + 1000 - now) / 1000));
  }
}

/** The 429 a rate-limited request gets. Never throws. */
export function rateLimitError(retryAfterSeconds: number): MockApiError {
  return new MockApiError(429, 'rate_limit_exceeded', 'Too many requests.', 'Retry after the time in Retry-After.', {
    'retry-after': String(retryAfterSeconds),
  });
}

const GATEWAY_PAGE = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';

/**
 * Answers a request with `fault`; `answer` is what the request would otherwise have got, which a `delay` sends late.
 * @returns the status sent, or 0 when the connection was reset. Never throws or rejects.
 */
export async function sendFault(fault: Fault, res: ServerResponse, answer: Answer): Promise<number> {
  switch (fault.kind) {
    case 'status': {
      const code = fault.status === 429 ? 'rate_limit_exceeded' : fault.status >= 500 ? 'upstream_error' : 'injected_error';
      const error = new MockApiError(fault.status, code, `Injected ${fault.status}.`);
      sendJson(res, fault.status, errorEnvelope(error), fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter });
      return fault.status;
    }
    case 'html502':
      res.writeHead(502, { 'content-type': 'text/html' }).end(GATEWAY_PAGE);
      return 502;
    case 'reset':
      res.socket?.destroy();
      return 0;
    case 'delay':
      // Real time on purpose: the client's per-attempt timeout runs on real time too.
      // Ends early when the connection closes (the client gave up, or stop() destroyed it): no timer outlives it.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, fault.ms);
        res.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (!res.socket?.destroyed) sendJson(res, answer.status, answer.body, answer.headers);
      return answer.status;
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"name": "my-finetune-run", "id": "ftj-');
      return 200;
    case 'empty':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '0' }).end();
      return 200;
    case 'rewrite': {
      const change = (record: unknown) => rewritten(record, fault.drop ?? [], fault.set ?? {});
      sendJson(res, answer.status, Array.isArray(answer.body) ? answer.body.map(change) : change(answer.body), answer.headers);
      return answer.status;
    }
    case 'raw':
      res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json', 'content-length': Buffer.byteLength(fault.body) }).end(fault.body);
      return fault.status;
  }
}

/** Whether a fault sends the normal answer (changed or late), so the request must be carried out first. */
export function needsAnswer(fault: Fault): boolean {
  return fault.kind === 'delay' || fault.kind === 'rewrite';
}

function rewritten(record: unknown, drop: readonly string[], set: Record<string, unknown>): unknown {
  if (typeof record !== 'object' || record === null) return record;
  return Object.fromEntries(Object.entries({ ...(record as Record<string, unknown>), ...set }).filter(([key]) => !drop.includes(key)));
}
