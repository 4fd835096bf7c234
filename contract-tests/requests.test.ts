// What the client sends for each operation, and what it makes of the default answers, on both mocks: Prism and
// Steady read the spec independently, and every request here must satisfy both (on Steady, the recording client
// fails a test whose request Steady reports anything about). Tests that pick Prism's answer with its `Prefer`
// header, or need its security check, are in jobs.test.ts; pagination, filters and bodies in request-params.test.ts.
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../generated/facts.js';
import type { FineTuneClient } from '../src/index.js';
import { jobBody, SEED_CANCEL_RESPONSE, SEED_STOP_RESPONSE } from '../test-support/fixtures.js';
import { defaultAnswer, mocks, recordingClient, TEST_KEY } from './helpers.js';
import { invokeMethod } from '../src/operations/invoke.js';
import { ID_OPERATIONS, JOB_ID, OPERATION_CALLS } from '../test-support/operation-calls.js';

// Every operation of the spec, with its facade call.
const CALLED = OPERATIONS.map((op) => ({ ...op, call: OPERATION_CALLS[op.operationId] }));

type IdCall = (client: FineTuneClient, id: string) => Promise<unknown>;
// Every operation whose path names a job, from the spec: its method, called with an id, and the path after the id.
const ID_CALLS: [string, IdCall, string][] = ID_OPERATIONS.map(({ op, after }) => [op.name, (c, id) => invokeMethod(c.jobs, op, [id], undefined, {}), after]);

// Every kind of id the client accepts, with the path segment it must become. Ids it refuses (empty, ".", "..",
// over 64 characters) are in validation.test.ts: nothing is sent for them, so no mock is involved.
const IDS: [string, string, string][] = [
  ['one character', 'x', 'x'],
  ['64 characters', 'y'.repeat(64), 'y'.repeat(64)],
  ['64 two-byte characters', 'é'.repeat(64), '%C3%A9'.repeat(64)],
  ['64 emoji (64 code points, 128 UTF-16 units)', '😀'.repeat(64), '%F0%9F%98%80'.repeat(64)],
  ['an emoji', 'run-🚀', 'run-%F0%9F%9A%80'],
  ['unicode', 'été-run', '%C3%A9t%C3%A9-run'],
  ['spaces', 'my run 1', 'my%20run%201'],
  ['a slash', 'a/b', 'a%2Fb'],
  ['a question mark', 'a?b', 'a%3Fb'],
  ['a hash', 'a#b', 'a%23b'],
  ['a percent sign', '100%', '100%25'],
  ['an encoded-looking id', '%2E%2E', '%252E%252E'],
  ['dots inside', 'a..b', 'a..b'],
];

describe.each(mocks())('on $name', (mock) => {
  describe.each(CALLED)('$operationId', (op) => {
    it('sends the documented method and path with the bearer key, and resolves to the first example of the first 2xx answer', async () => {
      const { client, sent } = recordingClient({}, mock);
      await expect(op.call(client)).resolves.toEqual(defaultAnswer(op.path, op.method));
      expect(sent).toHaveLength(1);
      const [request] = sent;
      expect(`${request?.method} ${new URL(request?.url as string).pathname}`).toBe(`${op.method} ${op.path.replace('{job_id}', encodeURIComponent(JOB_ID))}`);
      // Steady does not enforce the security scheme, so the key's arrival is checked here, on both.
      expect(request?.headers.get('authorization')).toBe(`Bearer ${TEST_KEY}`);
      expect(request?.headers.get('accept')).toBe('application/json');
      if (op.operationId === 'createJob') {
        expect(request?.headers.get('content-type')).toBe('application/json');
        expect(JSON.parse(request?.body as string)).toEqual(jobBody(JOB_ID));
      } else {
        expect(request?.body).toBeUndefined();
      }
    });
  });

  describe('the seeds', () => {
    it('stop resolves to the Stop Job reference page body, verbatim', async () => {
      const { client } = recordingClient({}, mock);
      await expect(client.jobs.stop(JOB_ID)).resolves.toEqual(SEED_STOP_RESPONSE);
    });

    it('cancel resolves to the Cancel Job reference page body, verbatim', async () => {
      const { client } = recordingClient({}, mock);
      await expect(client.jobs.cancel(JOB_ID)).resolves.toEqual(SEED_CANCEL_RESPONSE);
    });

    it('stop and cancel send PUT with no body and no Content-Type to the documented paths', async () => {
      const { client, sent } = recordingClient({}, mock);
      await client.jobs.stop(JOB_ID);
      await client.jobs.cancel(JOB_ID);
      expect(sent.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
        `PUT /fine-tune/jobs/${JOB_ID}/stop`,
        `PUT /fine-tune/jobs/${JOB_ID}/cancel`,
      ]);
      // Prism refuses a body on these operations, which declare none; Steady ignores one.
      expect(sent.map((r) => [r.body, r.headers.get('content-type')])).toEqual([
        [undefined, null],
        [undefined, null],
      ]);
    });
  });

  describe.each(ID_CALLS)('%s(jobId)', (_name, call, suffix) => {
    it.each(IDS)('sends an id of %s percent-encoded as one path segment, and the mock routes it', async (_case, id, encoded) => {
      const { client, sent } = recordingClient({}, mock);
      await expect(call(client, id)).resolves.toBeDefined();
      expect(sent).toHaveLength(1);
      expect(new URL(sent[0]?.url as string).pathname).toBe(`/fine-tune/jobs/${encoded}${suffix}`);
    });
  });
});
