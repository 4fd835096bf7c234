// The ways the mock misbehaves on purpose: faults that a test injects for the next matching requests (checked when
// injected by fault-checks.ts), queued here, and sent. The HTTP layer asks the queue per request and sends what it says.
import type { ServerResponse } from 'node:http';
import { errorEnvelope, MockApiError, sendJson } from './answer.js';
import { checkedFault, checkedScope } from './fault-checks.js';
import type { ApiMethod } from './scope-reach.js';

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

/**
 * Which requests a fault applies to, and whether the request is carried out first. `inject` refuses a scope that no
 * operation of the spec can match (a method the API does not use on a path that ends so), naming the ones that exist.
 */
export interface FaultScope {
  /** How many matching requests get the fault: a whole number >= 1 (default 1). */
  times?: number;
  /**
   * Only requests with this method, one the API uses ({@link ApiMethod}), in any case. Typed as those (for editors
   * to offer) or any string: another is refused when injected.
   */
  method?: ApiMethod | Lowercase<ApiMethod> | (string & NonNullable<unknown>);
  /** Only requests whose path, as sent (without its query, percent-encoded), ends with this: `/ftj-1/stop`, `/metrics`. */
  pathEndsWith?: string;
  /** Carry out the request (create the job, stop it...) and then answer with the fault: the answer is lost. */
  afterProcessing?: boolean;
}

/** A fault still in the queue: what it sends, to which requests, and how many more requests it will take. */
export interface PendingFault {
  /** What it sends, as injected. */
  fault: Fault;
  /** Which requests it waits for, as injected (`method` in upper case). */
  scope: FaultScope;
  /** Requests it will still serve (its scope's `times`, less those it served). */
  left: number;
}

/**
 * Thrown by `assertNoPendingFaults()` when injected faults never reached a request: most often a scope that does
 * not match what the client sends (another method, another id in the path), or a call the test expected that never
 * came. `pending` lists them.
 */
export class PendingFaultsError extends Error {
  /** Always `PendingFaultsError`. */
  override name = 'PendingFaultsError';
  /** The faults still queued, oldest first. */
  readonly pending: readonly PendingFault[];

  /**
   * Builds the error naming each fault, its scope and the requests it still waits for. Never throws.
   * @param pending The faults still queued, oldest first.
   */
  constructor(pending: readonly PendingFault[]) {
    super(
      `${pending.length} injected ${pending.length === 1 ? 'fault' : 'faults'} never reached a request: ` +
        pending.map(({ fault, scope, left }) => `${JSON.stringify(fault)} for ${describeScope(scope)} (${left} ${left === 1 ? 'request' : 'requests'} left)`).join('; ') +
        '. Check the method and path the client sends (mock.requests lists what came), or that the call was made.',
    );
    this.pending = pending;
  }
}

function describeScope(scope: FaultScope): string {
  const { method, pathEndsWith, afterProcessing } = scope;
  const shown = { method, pathEndsWith, afterProcessing };
  if (method === undefined && pathEndsWith === undefined) return afterProcessing ? 'any request, after processing it' : 'any request';
  return JSON.stringify(shown);
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

/** Injected faults, oldest first; each serves `times` matching requests and then leaves the queue. */
export class FaultQueue {
  private readonly entries: { fault: Fault; scope: FaultScope; left: number }[] = [];

  /**
   * Queues `fault` for the next `scope.times` (default 1) requests that match `scope`.
   * @throws {TypeError | RangeError} from {@link checkedFault} and {@link checkedScope}, naming the bad argument;
   * nothing is queued then.
   */
  inject(fault: Fault, scope: FaultScope = {}): void {
    const queued = checkedFault(fault);
    const checked = checkedScope(scope);
    this.entries.push({ fault: queued, scope: checked, left: checked.times ?? 1 });
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

  /** The faults still queued, oldest first, as copies. Never throws. */
  pending(): PendingFault[] {
    return this.entries.map(({ fault, scope, left }) => ({ fault: structuredClone(fault), scope: { ...scope }, left }));
  }

  /** Drops every queued fault. Never throws. */
  clear(): void {
    this.entries.length = 0;
  }
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
