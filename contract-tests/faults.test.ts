// The fault matrix: each injected fault x each class of operation, straight to the stateful mock (some faults,
// like an HTML gateway page, would be stopped by the validating proxy). Counts what the server saw, so
// "retried", "not retried" and "no duplicate job" are measured, not assumed. Writes build/fault-matrix.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fault, type FaultScope } from '../mock/index.js';
import type { FineTuneClient } from '../src/index.js';
import { jobBody, startStack, type Stack } from './stateful-helpers.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ direct: true });
});
afterAll(() => stack.stop());

type OpClass = 'GET' | 'PUT' | 'POST with id' | 'POST without id';
const OP_CLASSES: OpClass[] = ['GET', 'PUT', 'POST with id', 'POST without id'];
let n = 0;

/** Sets up what the operation needs (a job to get or stop) with no fault pending, and returns the call. */
async function prepare(client: FineTuneClient, op: OpClass): Promise<() => Promise<unknown>> {
  if (op === 'POST with id') {
    const id = `ftj-fault-${++n}`;
    return () => client.jobs.create(jobBody(id));
  }
  if (op === 'POST without id') return () => client.jobs.create(jobBody(undefined, `fault-run-${++n}`));
  const { id } = await client.jobs.create(jobBody(`ftj-fault-${++n}`));
  return op === 'GET' ? () => client.jobs.get(id) : () => client.jobs.stop(id);
}

interface Expect {
  /** Requests of the operation's own method the server received. */
  attempts: number;
  outcome: string;
}
const ok = (attempts: number): Expect => ({ attempts, outcome: 'ok' });
const fail = (attempts: number, outcome: string): Expect => ({ attempts, outcome });

interface Row {
  name: string;
  fault: Fault;
  /** The client's per-attempt timeout for this row (default 10 s, so that a busy machine never trips it). */
  timeoutMs?: number;
  scope?: FaultScope;
  expect: Record<OpClass, Expect>;
}

// The expectations, written out: retry what can succeed unchanged; a create without an id is retried only when
// the server provably did not act on it (429); a create with an id that meets its own first attempt returns it.
const retried = { GET: ok(2), PUT: ok(2), 'POST with id': ok(2) };
const MATRIX: Row[] = [
  { name: '429 (Retry-After: 1)', fault: { kind: 'status', status: 429, retryAfter: '1' }, expect: { ...retried, 'POST without id': ok(2) } },
  ...[500, 502, 503, 504].map(
    (status): Row => ({ name: `${status} JSON`, fault: { kind: 'status', status }, expect: { ...retried, 'POST without id': fail(1, 'InternalServerError') } }),
  ),
  { name: '502 HTML gateway page', fault: { kind: 'html502' }, expect: { ...retried, 'POST without id': fail(1, 'InternalServerError') } },
  { name: 'connection reset before processing', fault: { kind: 'reset' }, expect: { ...retried, 'POST without id': fail(1, 'ConnectionError') } },
  {
    name: 'connection reset after processing',
    fault: { kind: 'reset' },
    scope: { afterProcessing: true },
    expect: { GET: ok(2), PUT: ok(2), 'POST with id': ok(2), 'POST without id': fail(1, 'ConnectionError') },
  },
  {
    name: 'answer delayed past the timeout',
    // The retry must answer within the timeout: 1 s is far more than a loopback request needs, even on a busy
    // machine, and far less than the 5 s delay.
    fault: { kind: 'delay', ms: 5_000 },
    timeoutMs: 1_000,
    expect: { GET: ok(2), PUT: ok(2), 'POST with id': ok(2), 'POST without id': fail(1, 'ConnectionTimeoutError') },
  },
  {
    name: 'malformed JSON with 200',
    fault: { kind: 'malformed' },
    scope: { afterProcessing: true },
    expect: { GET: fail(1, 'InvalidResponseError'), PUT: fail(1, 'InvalidResponseError'), 'POST with id': fail(1, 'InvalidResponseError'), 'POST without id': fail(1, 'InvalidResponseError') },
  },
  {
    name: 'empty body with 200',
    fault: { kind: 'empty' },
    scope: { afterProcessing: true },
    expect: { GET: fail(1, 'InvalidResponseError'), PUT: fail(1, 'InvalidResponseError'), 'POST with id': fail(1, 'InvalidResponseError'), 'POST without id': fail(1, 'InvalidResponseError') },
  },
  {
    name: '429 three times (retries exhausted)',
    fault: { kind: 'status', status: 429 },
    scope: { times: 3 },
    expect: { GET: fail(3, 'RateLimitError'), PUT: fail(3, 'RateLimitError'), 'POST with id': fail(3, 'RateLimitError'), 'POST without id': fail(3, 'RateLimitError') },
  },
  {
    name: '503 three times (retries exhausted)',
    fault: { kind: 'status', status: 503 },
    scope: { times: 3 },
    expect: { GET: fail(3, 'InternalServerError'), PUT: fail(3, 'InternalServerError'), 'POST with id': fail(3, 'InternalServerError'), 'POST without id': fail(1, 'InternalServerError') },
  },
  ...(
    [
      [400, 'BadRequestError'],
      [401, 'AuthenticationError'],
      [403, 'PermissionDeniedError'],
      [404, 'NotFoundError'],
      [409, 'ConflictError'],
      [422, 'UnprocessableEntityError'],
    ] as const
  ).map(
    ([status, errorName]): Row => ({
      name: `${status} (never retried)`,
      fault: { kind: 'status', status },
      expect: Object.fromEntries(OP_CLASSES.map((op) => [op, fail(1, errorName)])) as Row['expect'],
    }),
  ),
];

const table: string[] = [];


describe.each(MATRIX)('fault: $name', (row) => {
  it.each(OP_CLASSES)('%s', async (op) => {
    const client = stack.client({ timeoutMs: row.timeoutMs ?? 10_000, retryBaseDelayMs: 100 });
    const call = await prepare(client, op);
    const method = op.startsWith('POST') ? 'POST' : op;
    const createdBefore = stack.mock.created();
    stack.mock.reset();
    stack.mock.inject(row.fault, { method, ...row.scope });

    let outcome = 'ok';
    try {
      await call();
    } catch (error) {
      outcome = (error as Error).name;
    }
    const attempts = stack.mock.requests.filter((r) => r.method === method).length;
    const created = stack.mock.created() - createdBefore;
    table.push(`| ${row.name} | ${op} | ${attempts} | ${outcome} | ${op.startsWith('POST') ? created : '-'} |`);

    expect({ attempts, outcome }).toEqual(row.expect[op]);
    // Never a duplicate job; and a create that reports success created exactly one.
    expect(created).toBeLessThanOrEqual(1);
    if (op.startsWith('POST') && outcome === 'ok') expect(created).toBe(1);
  });
});


afterAll(() => {
  mkdirSync('build', { recursive: true });
  const header = ['| fault | operation | attempts | outcome | jobs created |', '|---|---|---|---|---|'];
  writeFileSync('build/fault-matrix.md', `${[...header, ...table].join('\n')}\n`);
});
