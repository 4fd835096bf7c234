// Type-level contract: what users' editors and tsc see. vitest runs this file through tsc (typecheck mode),
// so every assertion and @ts-expect-error below is a test that fails when the types drift.
import { describe, expectTypeOf, it } from 'vitest';
import {
  ApiError,
  createClient,
  isTerminalStatus,
  type ErrorCode,
  type CreateJobParams,
  type Job,
  type JobMetrics,
  type JobStatus,
} from '../src/index.js';

const client = createClient({ apiKey: 'unused', baseUrl: 'http://127.0.0.1:9' });

describe('types', () => {
  it('stop, cancel, get and create resolve to Job; list to Job[]; metrics to JobMetrics', () => {
    expectTypeOf(client.jobs.stop).returns.resolves.toEqualTypeOf<Job>();
    expectTypeOf(client.jobs.cancel).returns.resolves.toEqualTypeOf<Job>();
    expectTypeOf(client.jobs.get).returns.resolves.toEqualTypeOf<Job>();
    expectTypeOf(client.jobs.create).returns.resolves.toEqualTypeOf<Job>();
    expectTypeOf(client.jobs.list).returns.resolves.toEqualTypeOf<Job[]>();
    expectTypeOf(client.jobs.metrics).returns.resolves.toEqualTypeOf<JobMetrics>();
  });

  it("an error's code offers the codes the spec documents, and takes any other the service sends", () => {
    // The three the spec's own error answers name for jobs (NotFound, JobAlreadyEnded, CreateConflict).
    expectTypeOf<'job_not_found'>().toExtend<ErrorCode>();
    expectTypeOf<'job_already_terminal'>().toExtend<ErrorCode>();
    expectTypeOf<'job_already_exists'>().toExtend<ErrorCode>();
    // @ts-expect-error: not a documented code
    expectTypeOf<'job_went_away'>().toExtend<ErrorCode>();
    expectTypeOf<'job_already_exists'>().toExtend<ApiError['code']>();
    expectTypeOf<'a_code_from_next_year'>().toExtend<ApiError['code']>();
    expectTypeOf<undefined>().toExtend<ApiError['code']>();
  });

  it('status is the union of the ten documented statuses', () => {
    expectTypeOf<Job['status']>().toEqualTypeOf<
      'UNKNOWN' | 'REGISTERED' | 'STARTING' | 'RUNNING' | 'COMPLETED' | 'FINALIZING' | 'STOPPING' | 'STOPPED' | 'CANCELLED' | 'FAILED'
    >();
    expectTypeOf<JobStatus>().toEqualTypeOf<Job['status']>();
  });

  it('inference_config_path may be null; the id fields are strings', () => {
    expectTypeOf<Job['inference_config_path']>().toEqualTypeOf<string | null>();
    expectTypeOf<Job['uuid']>().toEqualTypeOf<string>();
  });

  it('TERMINAL_STATUSES are the four end states and narrow the status', () => {
    const status = 'RUNNING' as JobStatus;
    if (isTerminalStatus(status)) expectTypeOf(status).toEqualTypeOf<'COMPLETED' | 'STOPPED' | 'CANCELLED' | 'FAILED'>();
  });

  it('rejects wrong arguments at compile time', () => {
    // @ts-expect-error a job id is a string
    expectTypeOf(client.jobs.stop).toBeCallableWith(42);
    // @ts-expect-error the create body needs a config
    expectTypeOf(client.jobs.create).toBeCallableWith({ name: 'x' });
    // @ts-expect-error statuses are the enum, not any string
    expectTypeOf(client.jobs.list).toBeCallableWith({ statuses: ['RUNING'] });
    expectTypeOf(client.jobs.create).toBeCallableWith({ name: 'x', config: { model: 'm', datasets: [] } } satisfies CreateJobParams);
  });

  it('the raw openapi-fetch client is typed from the spec', () => {
    // Paths of the spec are accepted with their parameters; anything else is a compile error. (No list of every
    // path here: a new operation in the spec needs no edit of this test.)
    expectTypeOf(client.raw.PUT).toBeCallableWith('/fine-tune/jobs/{job_id}/stop', { params: { path: { job_id: 'x' } } });
    // @ts-expect-error a path the spec does not have
    expectTypeOf(client.raw.PUT).toBeCallableWith('/fine-tune/jobs/{job_id}/explode', { params: { path: { job_id: 'x' } } });
    // @ts-expect-error a GET path is not a PUT path
    expectTypeOf(client.raw.PUT).toBeCallableWith('/fine-tune/jobs/{job_id}/metrics', { params: { path: { job_id: 'x' } } });
  });
});
