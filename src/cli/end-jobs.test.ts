// `atai-ft jobs stop ID --wait` against the stateful mock, in-process: the wait starts from the stop's own answer, so
// the first GET comes a pause (--interval) after the stop, not at once for a status the stop just gave.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStatefulMock, type StatefulMock } from '../../mock/index.js';
import { run } from './run.js';

let mock: StatefulMock;
beforeAll(async () => {
  // A job RUNNING from the start, and a stop that takes long enough for a few polls.
  mock = await startStatefulMock({ port: 0, phases: { REGISTERED: 0, STARTING: 0, RUNNING: 60_000, STOPPING: 900 } });
});
afterAll(() => mock.stop());

async function atai(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    env: { ATAI_BASE_URL: mock.url, ATAI_API_KEY: mock.apiKey },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: new PassThrough(),
  });
  return { code, stdout, stderr };
}

describe('jobs stop --wait', () => {
  it("waits from the stop's answer: its first GET comes one --interval after the stop, and it ends STOPPED", async () => {
    const created = await atai(['jobs', 'create', '--name', 'wait-from-answer', '--model', 'm', '--train', 'file-abc123', '--json']);
    expect(created.code).toBe(0);
    const id = (JSON.parse(created.stdout) as { id: string }).id;
    await atai(['jobs', 'get', id]); // moves it past REGISTERED and STARTING, which last 0 ms
    const stopped = await atai(['jobs', 'stop', id, '--wait', '--interval', '0.3', '--json']);
    expect(stopped.code).toBe(0);
    expect(JSON.parse(stopped.stdout)).toMatchObject({ id, status: 'STOPPED' });
    const after = mock.requests.filter((request) => request.jobId === id).slice(-10);
    const stop = after.findIndex((request) => request.method === 'PUT');
    const firstGet = after[stop + 1];
    expect(after[stop]?.rawPath).toMatch(/\/stop$/);
    expect(firstGet?.method).toBe('GET');
    expect((firstGet?.receivedAt ?? 0) - (after[stop]?.receivedAt ?? 0)).toBeGreaterThanOrEqual(300);
  });
});
