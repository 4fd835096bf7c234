// The coverage gate: every operation of the spec (generated/facts.ts, from `make generate`) must have a facade
// method, a CLI command, a stateful-mock route and contract tests. A new operation in the spec fails here with
// one line naming it and each piece it still lacks; no list in this file needs extending.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../generated/facts.js';
import { startStatefulMock, type StatefulMock } from '../mock/index.js';
import { JOBS_COMMANDS, type JobsCommand } from '../src/cli/commands.js';
import { createClient } from '../src/index.js';
import { FACADE_METHODS } from '../src/operations.js';
import { jobBody } from '../test-support/fixtures.js';
import { OPERATION_CALLS } from './operation-calls.js';

let mock: StatefulMock;
beforeAll(async () => {
  mock = await startStatefulMock();
});
afterAll(() => mock.stop());

/** Whether the mock has a route for this method and path: it answers anything but "no route" for a real job. */
async function mockRoutes(method: string, path: string): Promise<boolean> {
  const client = createClient({ baseUrl: mock.url, apiKey: mock.apiKey });
  const { id } = await client.jobs.create(jobBody());
  const response = await fetch(`${mock.url}${path.replace('{job_id}', encodeURIComponent(id))}`, {
    method,
    headers: { authorization: `Bearer ${mock.apiKey}`, 'content-type': 'application/json' },
    body: method === 'GET' ? undefined : JSON.stringify(jobBody()),
  });
  const body = (await response.json()) as { errors?: { code?: string }[] };
  const code = body.errors?.[0]?.code;
  return code !== 'not_found' && code !== 'method_not_allowed';
}

describe('every operation of the spec', () => {
  it('has a facade method, a CLI command, a stateful-mock route and contract tests', async () => {
    const jobs = createClient({ baseUrl: mock.url, apiKey: mock.apiKey }).jobs as unknown as Record<string, unknown>;
    const commands: JobsCommand[] = Object.values(JOBS_COMMANDS);
    const report: string[] = [];
    for (const op of OPERATIONS) {
      const missing: string[] = [];
      const method = FACADE_METHODS[op.operationId];
      if (!method || typeof jobs[method] !== 'function') missing.push('a facade method (client.jobs, and its entry in FACADE_METHODS in src/operations.ts)');
      if (!commands.some((command) => command.operationId === op.operationId)) missing.push('a CLI command (JOBS_COMMANDS in src/cli/commands.ts, with this operationId)');
      if (!(await mockRoutes(op.method, op.path))) missing.push('a stateful-mock route (mock/routes.ts)');
      if (!OPERATION_CALLS[op.operationId]) missing.push('contract tests (its call in contract-tests/operation-calls.ts; jobs.test.ts then checks every documented status)');
      if (missing.length > 0) report.push(`${op.operationId} (${op.method} ${op.path}) lacks ${missing.join('; ')}`);
    }
    expect(report, report.join('\n')).toEqual([]);
    // The operations came from the spec: none found would prove nothing.
    expect(OPERATIONS.length).toBeGreaterThan(0);
  });
});
