// How the contract tests call each operation of the spec through the facade, derived from the spec's operations
// (generated/surface.ts): the seed job's id for every path parameter, and the operation's first request example as
// its params (create: the seed job's body, so that a retried create is safe). jobs.test.ts runs every documented
// response status of every operation on Prism, requests.test.ts calls each on both mocks; a new operation is called
// with no line added here.
import type { OperationId } from '../generated/facts.js';
import { OPERATION_DOCS } from '../generated/operation-docs.js';
import { SURFACE } from '../generated/surface.js';
import type { FineTuneClient, RequestOptions } from '../src/index.js';
import { invokeMethod } from '../src/operations/invoke.js';
import { jobBody, SEED_STOP_RESPONSE } from './fixtures.js';

/** The seed job's id, which the mocks' examples answer for. */
export const JOB_ID = SEED_STOP_RESPONSE.id;

/** One call of an operation, with per-call options (Prism's `Prefer` header goes there). */
export type OperationCall = (client: FineTuneClient, options?: RequestOptions) => Promise<unknown>;

// Params chosen for a test's sake rather than taken from the spec's example.
const PARAMS: Partial<Record<OperationId, unknown>> = { createJob: jobBody(JOB_ID) };

/** The facade call of each operation. */
export const OPERATION_CALLS: Readonly<Record<OperationId, OperationCall>> = Object.fromEntries(
  Object.values(SURFACE).map((op) => {
    const params = op.operationId in PARAMS ? PARAMS[op.operationId] : (OPERATION_DOCS[op.operationId].requestExample ?? {});
    const call: OperationCall = (client, options) =>
      invokeMethod(client[op.resource], op, op.pathParams.map(() => JOB_ID), params, options ?? {});
    return [op.operationId, call];
  }),
) as Record<OperationId, OperationCall>;

/** Every operation whose path names a job, with what follows the id in its path (`/stop`, or nothing). */
export const ID_OPERATIONS = Object.values(SURFACE).flatMap((op) => {
  const [before, after] = op.path.split('{job_id}');
  return after === undefined ? [] : [{ op, before: before ?? '', after }];
});
