// The mock as an HTTP server: a local fine-tune API with real state. Jobs move through the documented lifecycle on a
// clock, stop and cancel act on them, and faults (429s, 5xx, resets, delays, bad bodies) can be injected per test.
// Prism answers from examples and keeps no state; this answers like the service would. Run it behind
// `prism proxy --errors` to have every answer checked against the spec.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { systemClock } from '../src/http/clock.js';
import { MAX_JSON_DEPTH, parseJson } from '../src/http/json.js';
import { errorEnvelope, MockApiError, sendJson } from './answer.js';
import { FaultQueue, needsAnswer, PendingFaultsError, sendFault, type Answer } from './faults.js';
import { JobStore } from './job-store.js';
import { RateLimiter, rateLimitError } from './rate-limit.js';
import { MAX_LOGGED_REQUESTS, type SeenRequest, type StatefulMock, type StatefulMockOptions } from './stateful-mock.js';
import { API_METHODS, route } from './routes.js';

/** Bodies above this are refused with 413: nothing the API takes comes near it. */
const MAX_BODY_BYTES = 1 << 20;
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
    pendingFaults: () => faults.pending(),
    assertNoPendingFaults: () => {
      const pending = faults.pending();
      if (pending.length > 0) throw new PendingFaultsError(pending);
    },
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
