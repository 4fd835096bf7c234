// Property-based tests (fast-check, 1,000 runs each): whatever id a caller passes, and whatever body an error
// comes with, the client does the right thing and nothing else.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createClient, NotFoundError, ValidationError } from '../src/index.js';
import { assertNoKey, TEST_KEY } from './helpers.js';
import { startStack, type Stack } from './stateful-helpers.js';

const RUNS = 1_000;
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ direct: true });
});
afterAll(() => stack.stop());

describe('job ids', () => {
  const anyId = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 70 }),
    fc.string({ unit: 'grapheme', maxLength: 70 }),
    fc.constantFrom('', '.', '..', '...', '%2e', '%2E%2e', '/', '../x', 'a/../b', '?', '#', '%', '%zz', ' ', '\n', '\u0000', '\ud800', 'x'.repeat(64), 'x'.repeat(65)),
    fc.stringMatching(/^[./%?#a-z]{0,6}$/),
  );

  it('any id is either refused locally with a ValidationError or reaches the server as exactly that id', async () => {
    const client = stack.client({ maxRetries: 0 });
    let refused = 0;
    let reached = 0;
    await fc.assert(
      fc.asyncProperty(anyId, async (id) => {
        stack.mock.reset();
        try {
          await client.jobs.get(id);
          throw new Error('the mock knows no job, so get must fail');
        } catch (error) {
          if (error instanceof ValidationError) {
            refused++;
            expect(stack.mock.requests).toHaveLength(0);
            return;
          }
          expect(error).toBeInstanceOf(NotFoundError);
          reached++;
          expect(stack.mock.requests).toHaveLength(1);
          expect(stack.mock.requests[0]?.jobId).toBe(id);
        }
      }),
      { numRuns: RUNS },
    );
    // Both branches were exercised, so the property says something about each.
    expect(refused).toBeGreaterThan(10);
    expect(reached).toBeGreaterThan(500);
  });
});

describe('error bodies', () => {
  const anyBody = fc.oneof(
    fc.json(),
    fc.string(),
    fc.constant(''),
    fc.constantFrom('<html><body>502 Bad Gateway</body></html>', '{"errors": [', '{"errors": []}', '{"errors": [null, 1, "x"]}', '{"detail": null}', '{"error": "flat"}'),
    fc.record({ errors: fc.array(fc.record({ code: fc.string(), message: fc.string(), suggestion: fc.option(fc.string()), error_uid: fc.string() }, { requiredKeys: [] })) }).map((o) => JSON.stringify(o)),
    fc.record({ detail: fc.oneof(fc.string(), fc.json()) }).map((o) => JSON.stringify(o)),
    fc.record({ error: fc.record({ code: fc.anything(), message: fc.anything(), details: fc.anything() }, { requiredKeys: [] }) }).map((o) => JSON.stringify(o)),
  );
  const anyStatus = fc.constantFrom(400, 401, 403, 404, 409, 413, 418, 422, 429, 500, 502, 503, 504, 599);

  it('any 4xx/5xx body becomes a typed ApiError with the raw body kept, and nothing else is thrown', async () => {
    await fc.assert(
      fc.asyncProperty(anyStatus, anyBody, async (status, body) => {
        // fetch is passed in: the client's whole path runs, the network is not involved.
        const client = createClient({ baseUrl: 'http://api.invalid', apiKey: TEST_KEY, maxRetries: 0, fetch: async () => new Response(body, { status }) });
        const error = await client.jobs.get('ftj-x').then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ApiError);
        const apiError = error as ApiError;
        expect(apiError.status).toBe(status);
        expect(apiError.rawBody).toBe(body);
        expect(apiError.message.length).toBeGreaterThan(0);
        expect(() => JSON.stringify(apiError)).not.toThrow();
        assertNoKey(apiError);
      }),
      { numRuns: RUNS },
    );
  });
});
