// The mock as an HTTP server: a local fine-tune API with real state. Jobs move through the documented lifecycle on a
// clock, stop and cancel act on them, and faults (429s, 5xx, resets, delays, bad bodies) can be injected per test.
// Prism answers from examples and keeps no state; this answers like the service would. Run it behind
// `prism proxy --errors` to have every answer checked against the spec.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { systemClock, type Clock } from '../src/http/clock.js';
import type { Job, JobStatus } from '../src/types.js';
import { MAX_JSON_DEPTH, parseJson } from '../src/http/json.js';
import { errorEnvelope, MockApiError, sendJson } from './answer.js';
import { FaultQueue, needsAnswer, sendFault, type Answer, type Fault, type FaultScope } from './faults.js';
import { JobStore, type PhaseDurations } from './job-store.js';
import { RateLimiter, rateLimitError } from './rate-limit.js';
import { API_METHODS, route } from './routes.js';

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
   * cannot carry, a `rewrite` whose `drop` is no array of strings or whose `set` is no plain object, a `null` scope or
   * a misspelt scope field.
   */
  inject(fault: Fault, scope?: FaultScope): void;
  /** Changes the requests-per-second limit (undefined: none) from now on. */
  setRateLimit(perSecond: number | undefined): void;
  /** Clears queued faults and the request log; jobs stay. */
  reset(): void;
  /** Closes every connection and the server. */
  stop(): Promise<void>;
}

/** Bodies above this are refused with 413: nothing the API takes comes near it. */
const MAX_BODY_BYTES = 1 << 20;
/** How many requests {@link StatefulMock.requests} keeps; older ones are dropped. */
export const MAX_LOGGED_REQUESTS = 10_000;

/**
 * Starts the mock on a free port (or `options.port`) and resolves once it listens.
 * @throws rejects with the server's error when the port cannot be bound.
 */
export async function startStatefulMock(options: StatefulMockOptions = {}): Promise<StatefulMock> {
  const apiKey = options.apiKey ?? 'mock-key';
  const clock = options.clock ?? systemClock;
  const store = new JobStore({ clock, phases: options.phases, msPer100Steps: options.msPer100Steps });
  const faults = new FaultQueue();
  const limiter = new RateLimiter(clock, options.rateLimitPerSecond);
  const requests: SeenRequest[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    // A request target that is no URL (`GET http://[`) is answered 400 below; it must not take the server down.
    const url = URL.canParse(target, 'http://mock') ? new URL(target, 'http://mock') : undefined;
    const seen: SeenRequest = { method, rawPath: url?.pathname ?? target.replace(/[?#].*$/s, ''), status: 0, receivedAt: clock.now() };
    requests.push(seen);
    if (requests.length > MAX_LOGGED_REQUESTS) requests.splice(0, requests.length - MAX_LOGGED_REQUESTS);
    // The key is checked first, as the service's gateway does: a request it refuses gets its 401 and leaves a
    // queued fault for the next request that gets through, so a test's fault is never spent on a stray request.
    const authenticated = req.headers.authorization === `Bearer ${apiKey}`;
    const picked = authenticated ? faults.take(method, seen.rawPath) : undefined;
    if (picked) seen.fault = picked.fault.kind;

    let answer: Answer = { status: 200, body: undefined, headers: {} };
    try {
      if (!authenticated) {
        answer = { status: 401, body: { detail: 'Invalid authentication credentials' }, headers: {} };
      } else {
        const retryAfter = limiter.admit(seen.receivedAt);
        if (retryAfter !== undefined) throw rateLimitError(retryAfter);
        if (picked && !picked.scope.afterProcessing && !needsAnswer(picked.fault)) {
          // The request is answered with the fault and never carried out.
          req.resume();
        } else {
          if (!url) throw new MockApiError(400, 'invalid_request', 'The request target is not a valid URL.');
          const routed = await route(store, { method, url, readBody: () => readJson(req) }, (id) => (seen.jobId = id));
          answer = { ...routed, headers: {} };
        }
      }
    } catch (error) {
      const e = error instanceof MockApiError ? error : new MockApiError(500, 'internal_error', 'An unexpected error occurred.');
      answer = { status: e.status, body: errorEnvelope(e), headers: e.headers };
    }

    if (picked) {
      seen.status = await sendFault(picked.fault, res, answer);
      return;
    }
    seen.status = answer.status;
    const text = sendJson(res, answer.status, answer.body, answer.headers);
    // Only an answer that went out, exactly as it went out.
    if (text !== undefined) options.onAnswer?.(seen, { status: answer.status, contentType: 'application/json', text });
  }

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    // CORS, so that an app's tests in a browser can use the mock too; a preflight is answered here and not logged.
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'retry-after');
    if (req.method === 'OPTIONS') {
      const headers = req.headers['access-control-request-headers'] ?? 'authorization, content-type';
      res.writeHead(204, { 'access-control-allow-methods': API_METHODS.join(', '), 'access-control-allow-headers': headers, 'access-control-max-age': '600' }).end();
      return;
    }
    // Whatever goes wrong with one request ends that request only, never the process with an unhandled rejection.
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;

  return {
    url: `http://${address.address}:${address.port}`,
    apiKey,
    requests,
    created: () => store.created,
    job: (id) => store.find(id),
    setStatus: (id, status) => store.setStatus(id, status),
    inject: (fault, scope) => faults.inject(fault, scope),
    setRateLimit: (perSecond) => limiter.setLimit(perSecond),
    reset: () => {
      faults.clear();
      requests.length = 0;
    },
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Reads the whole body as JSON. A body somewhat over the limit is still read to its end, without keeping it, so
 * that the 413 reaches the client instead of a connection reset in the middle of its upload; past twice the limit
 * the connection is dropped, so an endless upload cannot hold the mock.
 * @throws {MockApiError} 413 `payload_too_large` above {@link MAX_BODY_BYTES}; 400 `invalid_body` when it is not
 * JSON or nests deeper than MAX_JSON_DEPTH; rejects with the stream's error when the client goes away mid-body.
 */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    else if (size > 2 * MAX_BODY_BYTES) {
      req.destroy();
      break;
    }
  }
  if (size > MAX_BODY_BYTES) throw new MockApiError(413, 'payload_too_large', 'The request body is too large.');
  const parsed = parseJson(Buffer.concat(chunks).toString('utf8'));
  if (parsed.ok) return parsed.value;
  // Too deep is refused too: the record keeps the config and is copied and printed later, which recurses.
  throw new MockApiError(400, 'invalid_body', parsed.problem === 'too-deep' ? `The body nests deeper than ${MAX_JSON_DEPTH} levels.` : 'The body is not valid JSON.');
}
