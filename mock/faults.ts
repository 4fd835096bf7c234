// The ways the mock misbehaves on purpose: queued faults that a test injects for the next matching requests, and a
// requests-per-second limit. Both decide per request; the HTTP layer asks them and sends what they say.
import { validateHeaderValue, type ServerResponse } from 'node:http';
import { MAX_TIMER_MS, type Clock } from '../src/clock.js';
import { isRecord } from '../src/shapes.js';
import { errorEnvelope, MockApiError, sendJson } from './answer.js';
import { API_METHODS } from './routes.js';

/** A fault the next matching request(s) get instead of (or after) the normal answer. */
export type Fault =
  /**
   * A JSON error in the current envelope with this status (a final one, 200 to 599); `retryAfter` sets the
   * Retry-After header (a header value: no CR, LF or other control characters).
   */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** An HTML gateway page with status 502, as a load balancer sends it. */
  | { kind: 'html502' }
  /** The connection is destroyed without an answer. */
  | { kind: 'reset' }
  /** The answer comes after `ms` of real time, 0 to 2^31-1 (about 24.8 days, the longest a Node timer waits). */
  | { kind: 'delay'; ms: number }
  /** Status 200 with a truncated JSON body. */
  | { kind: 'malformed' }
  /** Status 200 with an empty body. */
  | { kind: 'empty' }
  /**
   * The normal answer with these fields of the record (of each record, for a list) left out or replaced: a server
   * that has drifted from the spec, e.g. `{ kind: 'rewrite', set: { status: 'PAUSED' } }` or `{ drop: ['uuid'] }`.
   * `drop` is an array of exact field names; `set` a plain object of JSON values.
   */
  | { kind: 'rewrite'; drop?: string[]; set?: Record<string, unknown> }
  /**
   * Exactly this status (200 to 599) and body, with Content-Type `application/json` unless `contentType` (a header
   * value) says otherwise.
   */
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

// A record, so that a kind added to Fault without being added here is a type error.
const KINDS: Record<Fault['kind'], true> = { status: true, html502: true, reset: true, delay: true, malformed: true, empty: true, rewrite: true, raw: true };
const FAULT_KINDS: ReadonlySet<string> = new Set(Object.keys(KINDS));

/**
 * The statuses a `status` or `raw` fault may send: final answers only. A 1xx is an interim answer, after which the
 * client keeps waiting for the final one that never comes (a connection error, or its timeout).
 */
const FAULT_STATUS_RANGE = { min: 200, max: 599 } as const;

/**
 * Checks a fault when it is injected, so that a mistake shows in the test that made it instead of as a fault that
 * never fires, or one that throws while it is sent and reaches the client as a connection reset.
 * @throws {TypeError} when the fault is not an object, `kind` is not a known kind, or a field has the wrong type or
 * a header value Node would refuse (see {@link assertKindFields}). {RangeError} when a status or `ms` is out of
 * range.
 */
function assertFault(fault: Fault): void {
  if (!isRecord(fault)) throw new TypeError(`fault must be an object such as { kind: 'status', status: 503 }, got ${describe(fault)}.`);
  const kind: unknown = fault.kind;
  if (typeof kind !== 'string' || !FAULT_KINDS.has(kind)) {
    throw new TypeError(`fault.kind must be one of ${[...FAULT_KINDS].join(', ')}, got ${kind === undefined ? 'nothing' : JSON.stringify(kind)}.`);
  }
  assertKindFields(fault);
}

/**
 * Checks the fields of each kind, each by the use {@link sendFault} makes of it.
 * @throws {RangeError} for a status outside {@link FAULT_STATUS_RANGE}, or a `delay` whose `ms` is not a number
 * from 0 to MAX_TIMER_MS. {TypeError} for a `retryAfter` or `contentType` that is no string or holds characters
 * a header cannot carry (CR, LF and other controls, or beyond Latin-1), a `raw` body that is no string, a
 * `rewrite` whose `drop` is not an array of strings or whose `set` is not a plain object JSON can carry.
 */
function assertKindFields(fault: Fault): void {
  switch (fault.kind) {
    case 'status':
      assertFaultStatus(fault.status);
      if (fault.retryAfter !== undefined) assertHeaderValue(fault.retryAfter, 'fault.retryAfter', 'retry-after');
      return;
    case 'raw':
      assertFaultStatus(fault.status);
      assertRawBody((fault as { body?: unknown }).body);
      if (fault.contentType !== undefined) assertHeaderValue(fault.contentType, 'fault.contentType', 'content-type');
      return;
    case 'delay':
      assertDelay(fault.ms);
      return;
    case 'rewrite':
      assertRewrite(fault);
      return;
    case 'html502':
    case 'reset':
    case 'malformed':
    case 'empty':
      return;
  }
}

/** @throws {RangeError} unless `status` is a whole number in {@link FAULT_STATUS_RANGE}. */
function assertFaultStatus(status: unknown): void {
  const { min, max } = FAULT_STATUS_RANGE;
  if (!(typeof status === 'number' && Number.isInteger(status) && status >= min && status <= max)) {
    throw new RangeError(
      `fault.status must be a final HTTP status, a whole number from ${min} to ${max} (a 1xx is only an interim answer: the client would wait on for a final one that never comes), got ${describe(status)}.`,
    );
  }
}

/** Sent with its byte length as Content-Length. @throws {TypeError} unless `body` is a string. */
function assertRawBody(body: unknown): void {
  if (typeof body !== 'string') throw new TypeError(`fault.body must be a string (the exact body to send), got ${describe(body)}.`);
}

/**
 * A delay runs on a Node timer, which fires after 1 ms (with a TimeoutOverflowWarning) for anything above
 * MAX_TIMER_MS: a longer `ms` would answer at once instead of late.
 * @throws {RangeError} unless `ms` is a number from 0 to MAX_TIMER_MS.
 */
function assertDelay(ms: unknown): void {
  if (!(typeof ms === 'number' && ms >= 0 && ms <= MAX_TIMER_MS)) {
    throw new RangeError(`fault.ms must be a number of milliseconds from 0 to ${MAX_TIMER_MS} (about 24.8 days, the longest a timer waits), got ${describe(ms)}.`);
  }
}

/**
 * Checks a header value the way `writeHead` will (Node's own validateHeaderValue), so that it cannot throw there.
 * @param field The fault's field, as the message names it.
 * @param header The header it is sent as.
 * @throws {TypeError} naming `field` when `value` is no string or holds a character a header cannot carry.
 */
function assertHeaderValue(value: unknown, field: string, header: string): void {
  if (typeof value !== 'string') throw new TypeError(`${field} must be a string, got ${describe(value)}.`);
  try {
    validateHeaderValue(header, value);
  } catch (error) {
    throw new TypeError(`${field} must be a valid ${header} header value, without CR, LF or other control characters, got ${JSON.stringify(value)}.`, { cause: error });
  }
}

/**
 * `drop` is matched by exact key (a string would match its substrings), and `set` is spread into each record and
 * sent as JSON.
 * @throws {TypeError} when `drop` is not an array of strings, or `set` is not a plain object that JSON can carry.
 */
function assertRewrite(fault: Extract<Fault, { kind: 'rewrite' }>): void {
  const { drop, set } = fault as { drop?: unknown; set?: unknown };
  if (drop !== undefined && !(Array.isArray(drop) && drop.every((key) => typeof key === 'string'))) {
    throw new TypeError(`fault.drop must be an array of field names such as ['uuid'], got ${describe(drop)}.`);
  }
  if (set === undefined) return;
  if (!isPlainObject(set)) throw new TypeError(`fault.set must be a plain object of fields such as { status: 'PAUSED' }, got ${describe(set)}.`);
  try {
    JSON.stringify(set);
  } catch (error) {
    throw new TypeError(`fault.set must be plain data that JSON can carry (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`, { cause: error });
  }
}

// A record, so that a field added to FaultScope without being added here is a type error.
const SCOPE_FIELDS: Record<keyof FaultScope, true> = { times: true, method: true, pathEndsWith: true, afterProcessing: true };
const SCOPE_KEYS: ReadonlySet<string> = new Set(Object.keys(SCOPE_FIELDS));

/**
 * The scope as the queue keeps it, checked when the fault is injected: `method` in upper case, as requests carry it.
 * `null` is refused rather than read as no scope: no scope is the widest one (every request), which a `null` that
 * came from a lookup gone wrong should not silently become.
 * @throws {TypeError} when the scope is not an object (null included), has a key that is not a scope field, or
 * `times`, `method` or `pathEndsWith` has the wrong type. {RangeError} when `times` is not a whole number >= 1, or `method` is not one the API uses.
 */
function normalizeScope(scope: FaultScope): FaultScope {
  if (!isRecord(scope)) throw new TypeError(`scope must be an object such as { method: 'GET', times: 2 }, or left out for the next request; got ${describe(scope)}.`);
  // A misspelt key (`pathEndWith`) would leave that part of the scope out: the widest scope, silently.
  const unknown = Object.keys(scope).find((key) => !SCOPE_KEYS.has(key));
  if (unknown !== undefined) throw new TypeError(`scope.${unknown} is not a scope field; use ${[...SCOPE_KEYS].join(', ')}.`);
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

/**
 * The fault as the queue keeps it: its own copy, arrays and `set` included, so that what was checked is what is
 * sent even if the caller changes its object afterwards.
 */
function snapshot(fault: Fault): Fault {
  if (fault.kind !== 'rewrite') return { ...fault };
  return { ...fault, ...(fault.drop ? { drop: [...fault.drop] } : {}), ...(fault.set ? { set: { ...fault.set } } : {}) };
}

/** An object literal (or one without a prototype): not null, an array, a Map, a Date or a class instance. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A value as a message names it: strings quoted, other kinds by type. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
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
    this.entries.push({ fault: snapshot(fault), scope: checked, left: checked.times ?? 1 });
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
      const drop = new Set(fault.drop);
      const change = (record: unknown) => rewritten(record, drop, fault.set ?? {});
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

/** The record with `set` spread over it and the keys in `drop` (exactly those) left out; other values as they are. */
function rewritten(record: unknown, drop: ReadonlySet<string>, set: Record<string, unknown>): unknown {
  if (typeof record !== 'object' || record === null) return record;
  return Object.fromEntries(Object.entries({ ...(record as Record<string, unknown>), ...set }).filter(([key]) => !drop.has(key)));
}
