// A local fine-tune API with real state: jobs move through the documented lifecycle on a clock, stop and cancel
// act on them, and faults (429s, 5xx, resets, delays, bad bodies) can be injected per test. Prism answers from
// examples and keeps no state; this answers like the service would. Run it behind `prism proxy --errors` to
// have every answer checked against the spec.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { CreateJobParams, Job, JobStatus, MetricPoint } from '../src/types.js';

/** Where the mock reads the time. Pass a {@link ManualClock} to move jobs along without waiting. */
export interface Clock {
  now(): number;
}

/** A clock that only moves when told to: `advance(ms)`. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start = Date.parse('2026-04-27T14:32:18.421Z')) {
    this.current = start;
  }
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** How long a job stays in each status before it moves on by itself. */
export interface PhaseDurations {
  REGISTERED: number;
  STARTING: number;
  RUNNING: number;
  FINALIZING: number;
  STOPPING: number;
}

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
  | { kind: 'empty' };

/** Which requests a fault applies to, and whether the request is carried out first. */
export interface FaultScope {
  /** How many matching requests get the fault (default 1). */
  times?: number;
  method?: string;
  /** Only requests whose path (without query) ends with this. */
  pathEndsWith?: string;
  /** Carry out the request (create the job, stop it...) and then answer with the fault: the answer is lost. */
  afterProcessing?: boolean;
}

/** Settings of {@link startStatefulMock}. */
export interface StatefulMockOptions {
  /** The bearer key the mock accepts (default `mock-key`). */
  apiKey?: string;
  clock?: Clock;
  phases?: Partial<PhaseDurations>;
  /** Running time per 100 logged training steps (default 1000 ms). */
  msPer100Steps?: number;
  /** At most this many requests per second; more get 429 with Retry-After (default: no limit). */
  rateLimitPerSecond?: number;
  port?: number;
  host?: string;
}

/** One request as the mock saw it. */
export interface SeenRequest {
  method: string;
  /** The raw path as sent, percent-encoding included. */
  rawPath: string;
  /** The job id as decoded from the path, for job routes. */
  jobId?: string;
  status: number;
  fault?: Fault['kind'];
}

/** A running stateful mock. */
export interface StatefulMock {
  readonly url: string;
  readonly apiKey: string;
  /** Every request received, in order. */
  readonly requests: SeenRequest[];
  /** How many jobs have been created, ever (duplicates would show here). */
  created(): number;
  /** The current record of a job, after moving it along the clock; undefined when there is none. */
  job(id: string): Job | undefined;
  /** Puts a job in a status now (e.g. FAILED, which nothing else reaches). */
  setStatus(id: string, status: JobStatus): void;
  /** Queues a fault for the next matching request(s). */
  inject(fault: Fault, scope?: FaultScope): void;
  /** Changes the requests-per-second limit (undefined: none) from now on. */
  setRateLimit(perSecond: number | undefined): void;
  /** Clears queued faults and the request log. */
  reset(): void;
  stop(): Promise<void>;
}

const DEFAULT_PHASES: PhaseDurations = { REGISTERED: 2_000, STARTING: 3_000, RUNNING: 30_000, FINALIZING: 3_000, STOPPING: 3_000 };
const NEXT: Partial<Record<JobStatus, JobStatus>> = {
  REGISTERED: 'STARTING',
  STARTING: 'RUNNING',
  RUNNING: 'FINALIZING',
  FINALIZING: 'COMPLETED',
  STOPPING: 'STOPPED',
};
const TERMINAL = new Set<JobStatus>(['COMPLETED', 'STOPPED', 'CANCELLED', 'FAILED']);
const ENDED_AS: Record<string, string> = { COMPLETED: 'completed', STOPPED: 'been stopped', CANCELLED: 'been cancelled', FAILED: 'failed' };
const STATUSES = new Set<string>(['UNKNOWN', 'REGISTERED', 'STARTING', 'RUNNING', 'COMPLETED', 'FINALIZING', 'STOPPING', 'STOPPED', 'CANCELLED', 'FAILED']);
const ORG_UUID = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const MAX_BODY_BYTES = 1 << 20;

interface StoredJob {
  record: Job;
  enteredAt: number;
  /** Running time accumulated before the current RUNNING stint, and when that stint began. */
  runningMs: number;
  runningSince: number | undefined;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly suggestion?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** ISO 8601 with microseconds, as the service writes it: `2026-04-27T14:32:18.421000Z`. */
function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * Starts the mock on a free port (or `port`) and resolves once it listens.
 * @throws {Error} when the port cannot be bound.
 */
export async function startStatefulMock(options: StatefulMockOptions = {}): Promise<StatefulMock> {
  const apiKey = options.apiKey ?? 'mock-key';
  const clock = options.clock ?? { now: () => Date.now() };
  const phases = { ...DEFAULT_PHASES, ...options.phases };
  const msPer100Steps = options.msPer100Steps ?? 1_000;
  const jobs = new Map<string, StoredJob>();
  const requests: SeenRequest[] = [];
  const faults: { fault: Fault; scope: FaultScope; left: number }[] = [];
  let createdCount = 0;
  let window = { start: 0, count: 0 };
  let rateLimitPerSecond = options.rateLimitPerSecond;

  function move(stored: StoredJob, to: JobStatus, at: number): void {
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

  function advance(stored: StoredJob): Job {
    const now = clock.now();
    for (;;) {
      const status = stored.record.status;
      const next = NEXT[status];
      const duration = phases[status as keyof PhaseDurations];
      if (!next || duration === undefined || now - stored.enteredAt < duration) break;
      move(stored, next, stored.enteredAt + duration);
    }
    return stored.record;
  }

  function find(id: string): StoredJob {
    const stored = jobs.get(id);
    if (!stored) throw new HttpError(404, 'job_not_found', `No fine-tune job with id ${id}.`, 'List jobs to see the ids in your organization.');
    advance(stored);
    return stored;
  }

  function runningMs(stored: StoredJob): number {
    return stored.runningMs + (stored.runningSince === undefined ? 0 : clock.now() - stored.runningSince);
  }

  function metricsOf(stored: StoredJob, limit: number, offset: number) {
    const steps = Math.floor(runningMs(stored) / msPer100Steps);
    const all: MetricPoint[] = [];
    for (let i = 1; i <= steps; i++) {
      all.push({
        step: i * 100,
        loss: Number((2 / (1 + i * 0.3)).toFixed(4)),
        eval_loss: i % 2 === 0 ? Number((2.1 / (1 + i * 0.28)).toFixed(4)) : null,
        learning_rate: Number((0.0002 * 0.98 ** i).toPrecision(4)),
        wall_time_sec: Number(((i * msPer100Steps) / 1000).toFixed(1)),
      });
    }
    const lastStep = steps * 100;
    return {
      last_checkpoint_step: lastStep >= 200 ? Math.floor(lastStep / 200) * 200 : null,
      metrics: limit === -1 ? all.slice(offset) : all.slice(offset, offset + limit),
    };
  }

  function intParam(url: URL, name: string, fallback: number, min: number): number {
    const raw = url.searchParams.get(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || value < min) throw new HttpError(400, 'invalid_parameter', `${name} must be an integer >= ${min}.`);
    return value;
  }

  function validateCreate(body: unknown): CreateJobParams {
    const b = body as Partial<CreateJobParams> | null;
    if (typeof b !== 'object' || b === null || Array.isArray(b)) throw new HttpError(400, 'invalid_body', 'The body must be a JSON object.');
    if (typeof b.name !== 'string' || b.name === '') throw new HttpError(400, 'invalid_body', 'name is required.');
    if (b.id !== undefined && (typeof b.id !== 'string' || [...b.id].length < 1 || [...b.id].length > 64)) {
      throw new HttpError(400, 'invalid_body', 'id must be 1 to 64 characters.');
    }
    const c = b.config;
    if (typeof c !== 'object' || c === null || typeof c.model !== 'string' || !Array.isArray(c.datasets)) {
      throw new HttpError(400, 'invalid_body', 'config with model and datasets is required.');
    }
    return b as CreateJobParams;
  }

  function createJob(body: CreateJobParams): Job {
    const now = clock.now();
    const id = body.id ?? `ftj-${body.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40)}-${randomUUID().slice(0, 8)}`;
    if (jobs.has(id)) {
      throw new HttpError(409, 'job_already_exists', `A fine-tune job with id ${id} already exists.`, 'Choose another id, or get the existing job.');
    }
    const record: Job = {
      name: body.name,
      id,
      uuid: randomUUID(),
      org_uuid: ORG_UUID,
      status: 'REGISTERED',
      config: { model: body.config.model, datasets: body.config.datasets.map((d) => ({ name: d.name, split: d.split, file_ids: [...d.file_ids] })) },
      created_at: timestamp(now),
      updated_at: timestamp(now),
      inference_config_path: null,
    };
    jobs.set(id, { record, enteredAt: now, runningMs: 0, runningSince: undefined });
    createdCount++;
    return record;
  }

  function endJob(id: string, how: 'stop' | 'cancel'): Job {
    const stored = find(id);
    const status = stored.record.status;
    if (TERMINAL.has(status)) {
      throw new HttpError(
        409,
        'job_already_terminal',
        `Job ${id} has already ${ENDED_AS[status]}.`,
        'Only jobs that have not ended can be stopped or cancelled.',
      );
    }
    if (how === 'cancel') move(stored, 'CANCELLED', clock.now());
    else if (status !== 'STOPPING') move(stored, 'STOPPING', clock.now());
    return stored.record;
  }

  /** Routes one request; returns [status, body]. Path segments are matched raw and decoded one by one. */
  async function route(method: string, url: URL, req: IncomingMessage, seen: SeenRequest): Promise<[number, unknown]> {
    const segments = url.pathname.split('/').slice(1);
    if (segments[0] !== 'fine-tune' || segments[1] !== 'jobs') throw new HttpError(404, 'not_found', `No route ${method} ${url.pathname}.`);
    if (segments.length === 2) {
      if (method === 'GET') {
        const statuses = url.searchParams.getAll('statuses');
        const bad = statuses.find((s) => !STATUSES.has(s));
        if (bad !== undefined) throw new HttpError(400, 'invalid_parameter', `Unknown status ${bad}.`);
        const limit = intParam(url, 'limit', -1, -1);
        const offset = intParam(url, 'offset', 0, 0);
        const all = [...jobs.values()].map(advance).filter((j) => statuses.length === 0 || statuses.includes(j.status));
        return [200, limit === -1 ? all.slice(offset) : all.slice(offset, offset + limit)];
      }
      if (method === 'POST') return [200, createJob(validateCreate(await readJson(req)))];
      throw new HttpError(405, 'method_not_allowed', `${method} is not allowed here.`);
    }
    let id: string;
    try {
      id = decodeURIComponent(segments[2] ?? '');
    } catch {
      throw new HttpError(400, 'invalid_parameter', 'job_id is not valid percent-encoding.');
    }
    seen.jobId = id;
    if ([...id].length < 1 || [...id].length > 64) throw new HttpError(422, 'invalid_parameter', 'job_id must be 1 to 64 characters.');
    const action = segments.length === 3 ? '' : segments.length === 4 ? segments[3] : undefined;
    if (method === 'GET' && action === '') return [200, find(id).record];
    if (method === 'GET' && action === 'metrics') return [200, metricsOf(find(id), intParam(url, 'limit', -1, -1), intParam(url, 'offset', 0, 0))];
    if (method === 'PUT' && (action === 'stop' || action === 'cancel')) return [200, endJob(id, action)];
    throw new HttpError(404, 'not_found', `No route ${method} ${url.pathname}.`);
  }

  function takeFault(method: string, path: string): { fault: Fault; scope: FaultScope } | undefined {
    const index = faults.findIndex(
      (f) => (!f.scope.method || f.scope.method === method) && (!f.scope.pathEndsWith || path.endsWith(f.scope.pathEndsWith)),
    );
    if (index === -1) return undefined;
    const entry = faults[index] as (typeof faults)[number];
    if (--entry.left <= 0) faults.splice(index, 1);
    return entry;
  }

  function rateLimited(): HttpError | undefined {
    if (!rateLimitPerSecond) return undefined;
    const now = clock.now();
    if (now - window.start >= 1000) window = { start: now, count: 0 };
    if (window.count < rateLimitPerSecond) {
      window.count++;
      return undefined;
    }
    const seconds = Math.max(1, Math.ceil((window.start + 1000 - now) / 1000));
    return new HttpError(429, 'rate_limit_exceeded', 'Too many requests.', 'Retry after the time in Retry-After.', { 'retry-after': String(seconds) });
  }

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://mock');
    const seen: SeenRequest = { method, rawPath: url.pathname, status: 0 };
    requests.push(seen);
    const picked = takeFault(method, url.pathname);
    if (picked) seen.fault = picked.fault.kind;

    let status = 200;
    let body: unknown;
    let headers: Record<string, string> = {};
    try {
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        status = 401;
        body = { detail: 'Invalid authentication credentials' };
      } else {
        const limited = rateLimited();
        if (limited) throw limited;
        if (picked && !picked.scope.afterProcessing && picked.fault.kind !== 'delay') {
          // The request is answered with the fault and never carried out.
          req.resume();
        } else {
          [status, body] = await route(method, url, req, seen);
        }
      }
    } catch (error) {
      const e = error instanceof HttpError ? error : new HttpError(500, 'internal_error', 'An unexpected error occurred.');
      status = e.status;
      headers = e.headers;
      body = envelope(e);
    }

    if (picked) {
      seen.status = await sendFault(picked.fault, res, status, body, headers);
      return;
    }
    seen.status = status;
    send(res, status, body, headers);
  }

  async function sendFault(fault: Fault, res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): Promise<number> {
    switch (fault.kind) {
      case 'status': {
        const code = fault.status === 429 ? 'rate_limit_exceeded' : fault.status >= 500 ? 'upstream_error' : 'injected_error';
        const e = new HttpError(fault.status, code, `Injected ${fault.status}.`);
        send(res, fault.status, envelope(e), fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter });
        return fault.status;
      }
      case 'html502':
        res.writeHead(502, { 'content-type': 'text/html' }).end('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>');
        return 502;
      case 'reset':
        res.socket?.destroy();
        return 0;
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        if (!res.socket?.destroyed) send(res, status, body, headers);
        return status;
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"name": "my-finetune-run", "id": "ftj-');
        return 200;
      case 'empty':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '0' }).end();
        return 200;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;

  return {
    url: `http://${address.address}:${address.port}`,
    apiKey,
    requests,
    created: () => createdCount,
    job: (id) => {
      const stored = jobs.get(id);
      return stored ? structuredClone(advance(stored)) : undefined;
    },
    setStatus: (id, status) => move(find(id), status, clock.now()),
    inject: (fault, scope = {}) => {
      faults.push({ fault, scope, left: scope.times ?? 1 });
    },
    setRateLimit: (perSecond) => {
      rateLimitPerSecond = perSecond;
      window = { start: 0, count: 0 };
    },
    reset: () => {
      faults.length = 0;
      requests.length = 0;
    },
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function envelope(e: HttpError) {
  return { errors: [{ code: e.code, message: e.message, ...(e.suggestion ? { suggestion: e.suggestion } : {}), error_uid: `err-${randomUUID()}` }] };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers }).end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'payload_too_large', 'The request body is too large.');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_body', 'The body is not valid JSON.');
  }
}
