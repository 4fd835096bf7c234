// Every operation of the spec, through the facade, against a real Prism process serving the same spec: every
// documented answer, picked with Prism's `Prefer` header, and the 401 of its security check. Steady has neither;
// what the client sends, and the default answers, are tested on both mocks in requests.test.ts.
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  MissingApiKeyError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  type CreateJobParams,
} from '../src/index.js';
import { OPERATIONS as SPEC_OPERATIONS } from '../generated/facts.js';
import { jobBody } from '../test-support/fixtures.js';
import { JOB_ID, OPERATION_CALLS, type OperationCall } from '../test-support/operation-calls.js';
import { caught, example, recordingClient, spec, TEST_KEY } from './helpers.js';

const CREATE_BODY: CreateJobParams = jobBody(JOB_ID);

interface Operation {
  operationId: string;
  path: string;
  method: string;
  call: OperationCall;
}

// Every operation of the spec, with its facade call (derived from the spec, test-support/operation-calls.ts).
const OPERATIONS: Operation[] = SPEC_OPERATIONS.map((op) => ({ operationId: op.operationId, path: op.path, method: op.method.toLowerCase(), call: OPERATION_CALLS[op.operationId] }));

type ExampleMap = Record<string, { value?: unknown; $ref?: string }>;

function responsesOf(op: Operation) {
  const operation = spec.paths[op.path]?.[op.method];
  if (!operation) throw new Error(`${op.operationId} is not in the spec at ${op.method} ${op.path}`);
  return operation.responses as Record<string, { $ref?: string; content?: { 'application/json': { examples: ExampleMap } } }>;
}

/** Named examples of one response of an operation, with `$ref`s followed. */
function examplesOf(op: Operation, status: string): Record<string, unknown> {
  let response = responsesOf(op)[status];
  if (response?.$ref) response = spec.components.responses[response.$ref.split('/').pop() as string] as typeof response;
  const out: Record<string, unknown> = {};
  for (const [name, ex] of Object.entries(response?.content?.['application/json'].examples ?? {})) {
    out[name] = ex.$ref ? example(ex.$ref.split('/').pop() as string) : ex.value;
  }
  return out;
}

const ERROR_CLASS: Record<string, typeof ApiError> = {
  '400': BadRequestError,
  '401': AuthenticationError,
  '403': PermissionDeniedError,
  '404': NotFoundError,
  '409': ConflictError,
  '413': ApiError,
  '422': UnprocessableEntityError,
  '429': RateLimitError,
  '500': InternalServerError,
  '502': InternalServerError,
  '503': InternalServerError,
  '504': InternalServerError,
};

/** What the error's `errors` must hold for an example body, written out per envelope. */
function expectedEntries(body: unknown): unknown[] {
  type Issue = { loc: (string | number)[]; msg: string; type: string };
  const b = body as { errors?: unknown[]; detail?: string | Issue[]; error?: { code: string; message: string; details?: unknown } };
  if (b.errors) return b.errors;
  // FastAPI's 422 list: one entry per issue, the place joined with dots before the message, the kind as the code.
  if (Array.isArray(b.detail)) return b.detail.map((issue) => ({ code: issue.type, message: `${issue.loc.join('.')}: ${issue.msg}` }));
  if (b.detail !== undefined) return [{ message: b.detail }];
  if (b.error) return [b.error.details ? { code: b.error.code, message: b.error.message, details: b.error.details } : { code: b.error.code, message: b.error.message }];
  // In none of the envelopes: no entries, the body kept whole.
  return [];
}

describe.each(OPERATIONS)('$operationId', (op) => {
  it('resolves to the body of each named success example, for each documented 2xx status', async () => {
    const { client, sent } = recordingClient();
    const successes = Object.keys(responsesOf(op)).filter((status) => status.startsWith('2'));
    expect(successes.length).toBeGreaterThan(0);
    for (const status of successes) {
      const examples = examplesOf(op, status);
      expect(Object.keys(examples).length, `${status} examples`).toBeGreaterThan(0);
      for (const [name, value] of Object.entries(examples)) {
        await expect(op.call(client, { headers: { Prefer: `code=${status}, example=${name}` } }), `${status} example ${name}`).resolves.toEqual(value);
      }
    }
    // The call carries out this operation and no other: its method and path, as the spec has them.
    const expected = `${op.method.toUpperCase()} ${op.path.replace('{job_id}', encodeURIComponent(JOB_ID))}`;
    expect(new Set(sent.map((r) => `${r.method} ${new URL(r.url).pathname}`))).toEqual(new Set([expected]));
  });

  it('sends the bearer key and gets 401 as an AuthenticationError when the key does not arrive', async () => {
    const { client, sent } = recordingClient({
      // A proxy that strips the header: the request goes out without a key, and Prism enforces the security scheme.
      fetch: (request) => {
        const stripped = new Request(request as Request);
        stripped.headers.delete('authorization');
        return fetch(stripped);
      },
    });
    const error = await caught(() => op.call(client));
    expect(sent[0]?.headers.get('authorization')).toBe(`Bearer ${TEST_KEY}`);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, envelope: 'detail', errors: [{ message: 'Invalid authentication credentials' }] });
    expect((error as Error).message).toBe('401: Invalid authentication credentials');
  });

  it('throws MissingApiKeyError naming ATAI_API_KEY, before sending anything, when there is no key', async () => {
    const saved = process.env.ATAI_API_KEY;
    delete process.env.ATAI_API_KEY;
    try {
      const { client, sent } = recordingClient({ apiKey: undefined });
      const error = await caught(() => op.call(client));
      expect(error).toBeInstanceOf(MissingApiKeyError);
      expect((error as Error).message).toContain('ATAI_API_KEY');
      expect(sent).toHaveLength(0);
    } finally {
      if (saved !== undefined) process.env.ATAI_API_KEY = saved;
    }
  });

  const errorStatuses = Object.keys(responsesOf(op)).filter((status) => Number(status) >= 400);

  it('documents 400, 401, 403, 422, 429 and 500-504 errors', () => {
    expect(errorStatuses).toEqual(expect.arrayContaining(['400', '401', '403', '422', '429', '500', '502', '503', '504']));
  });

  it.each(errorStatuses)('turns every documented %s example into the typed error with all its entries', async (status) => {
    const { client } = recordingClient();
    const examples = examplesOf(op, status);
    expect(Object.keys(examples).length).toBeGreaterThan(0);
    for (const [name, body] of Object.entries(examples)) {
      const error = await caught(() => op.call(client, { headers: { Prefer: `code=${status}, example=${name}` } }));
      expect(error, `${status} ${name}`).toBeInstanceOf(ERROR_CLASS[status]);
      const apiError = error as ApiError;
      expect(apiError.status).toBe(Number(status));
      expect(apiError.body).toEqual(body);
      expect(apiError.rawBody).toBe(JSON.stringify(body));
      expect(apiError.errors).toEqual(expectedEntries(body));
      for (const entry of apiError.errors) {
        expect(apiError.message).toContain(entry.message);
        if (entry.code) expect(apiError.message).toContain(entry.code);
        if (entry.error_uid) expect(apiError.message).toContain(entry.error_uid);
      }
    }
  });
});

describe('404 and 409, as a user meets them', () => {
  it.each(OPERATIONS.filter((op) => op.path.includes('{job_id}')))('$operationId of an unknown job throws NotFoundError', async (op) => {
    const { client } = recordingClient();
    const error = await caught(() => op.call(client, { headers: { Prefer: 'code=404' } }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'job_not_found', errorUid: 'err-0c9b8a76-5d4e-4f3a-b2c1-d0e9f8a7b6c5' });
  });

  it.each(['stopJob', 'cancelJob'])('%s of a job that has already ended throws ConflictError with the code, message, suggestion and uid', async (id) => {
    const op = OPERATIONS.find((o) => o.operationId === id) as Operation;
    const { client } = recordingClient();
    const error = await caught(() => op.call(client, { headers: { Prefer: 'code=409' } }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      status: 409,
      code: 'job_already_terminal',
      errorUid: 'err-bfa600db-c703-4061-ad9c-c14628b3554c',
      envelope: 'errors',
      errors: [
        {
          code: 'job_already_terminal',
          message: 'Job ftj-my-finetune-run-3de60a5c has already completed.',
          suggestion: 'Only jobs that have not ended can be stopped or cancelled.',
          error_uid: 'err-bfa600db-c703-4061-ad9c-c14628b3554c',
        },
      ],
    });
    expect((error as Error).message).toBe(
      '409 job_already_terminal: Job ftj-my-finetune-run-3de60a5c has already completed. (err-bfa600db-c703-4061-ad9c-c14628b3554c) ' +
        'Suggestion: Only jobs that have not ended can be stopped or cancelled.',
    );
  });

  it('create with an id that exists throws ConflictError (job_already_exists)', async () => {
    const { client } = recordingClient();
    const error = await caught(() => client.jobs.create(CREATE_BODY, { headers: { Prefer: 'code=409' } }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'job_already_exists' });
  });

  it('a 400 with two errors keeps both, in order', async () => {
    const { client } = recordingClient();
    const error = (await caught(() => client.jobs.list({}, { headers: { Prefer: 'code=400, example=invalid_request' } }))) as ApiError;
    expect(error.errors.map((e) => e.error_uid)).toEqual(['err-3c0d9a41-5e7b-4f2a-9d61-0b8e2f7c1a55', 'err-3c0d9a41-5e7b-4f2a-9d61-0b8e2f7c1a56']);
    expect(error.message).toContain('limit must be');
    expect(error.message).toContain('offset must be');
  });

  it('the older envelope carries details.retry_after as retryAfterMs on the RateLimitError', async () => {
    const { client } = recordingClient();
    const error = await caught(() => client.jobs.get(JOB_ID, { headers: { Prefer: 'code=429, example=older_error' } }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 60_000, envelope: 'error' });
  });
});
