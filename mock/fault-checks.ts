// What a test asks of the mock's faults, checked when it injects them, so that a mistake shows in the test that made
// it instead of as a fault that never fires, fires on every request, or throws while it is sent and reaches the
// client as a connection reset.
import { validateHeaderValue } from 'node:http';
import { MAX_TIMER_MS } from '../src/http/clock.js';
import { isRecord } from '../src/operations/shapes.js';
import type { Fault, FaultScope } from './faults.js';
import { API_METHODS } from './routes.js';
import { operationsReached, operationWords } from './scope-reach.js';

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
 * `times`, `method` or `pathEndsWith` has the wrong type. {RangeError} when `times` is not a whole number >= 1,
 * `method` is not one the API uses, or no operation of the spec can receive a request the scope matches.
 */
export function checkedScope(scope: FaultScope): FaultScope {
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
  if (method !== undefined && typeof method !== 'string') throw new TypeError(`scope.method must be a string such as 'GET', got a ${typeof method}.`);
  const upper = method?.toUpperCase();
  if (upper !== undefined && !API_METHODS.includes(upper)) {
    throw new RangeError(`scope.method ${JSON.stringify(method)} is not a method of the API, so no request would get the fault; use one of ${API_METHODS.join(', ')}.`);
  }
  assertReachable(upper, pathEndsWith);
  return upper === undefined ? { ...scope } : { ...scope, method: upper };
}

/**
 * A scope must match a request some operation of the spec can receive: a fault for `POST .../stop` (stop is a PUT)
 * would wait in the queue for ever.
 * @throws {RangeError} naming the operations the path could be (or every operation, when it can be none of them).
 */
function assertReachable(method: string | undefined, pathEndsWith: string | undefined): void {
  if (operationsReached(method, pathEndsWith).length > 0) return;
  const byPath = operationsReached(undefined, pathEndsWith);
  const shown = JSON.stringify(pathEndsWith);
  if (byPath.length > 0) {
    throw new RangeError(
      `scope { method: ${JSON.stringify(method)}, pathEndsWith: ${shown} } matches no operation of the API, so no request would get the fault: a path ending in ${shown} is ${byPath.map(operationWords).join(' or ')}. Use that method, or leave method out.`,
    );
  }
  throw new RangeError(
    `scope.pathEndsWith ${shown} ends no path of the API, so no request would get the fault. The API's operations: ${operationsReached(undefined, undefined).map(operationWords).join(', ')}.`,
  );
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

/**
 * `fault` as the queue keeps it: checked, and a copy of its own.
 * @throws {TypeError | RangeError} from {@link assertFault}.
 */
export function checkedFault(fault: Fault): Fault {
  assertFault(fault);
  return snapshot(fault);
}
