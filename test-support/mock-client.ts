// A stateful mock on a manual clock and a client for it, started before a test file's tests and stopped after:
// what the tests that drive client.jobs against real job lifecycles share.
import { afterAll, beforeAll } from 'vitest';
import { ManualClock, startStatefulMock, type StatefulMock } from '../mock/index.js';
import { createClient, type FineTuneClient } from '../src/client.js';

/** The mock, the client and their clock; `mock` and `client` are set once beforeAll has run. */
export interface MockAndClient {
  readonly clock: ManualClock;
  readonly mock: StatefulMock;
  readonly client: FineTuneClient;
}

/**
 * Registers beforeAll and afterAll hooks that start a stateful mock on a manual clock, with a client for it, and
 * stop it. Read the fields inside tests, not at the top level. Never throws; the hooks throw what starting throws.
 */
export function useMockAndClient(): MockAndClient {
  const clock = new ManualClock();
  const stack = { clock } as { clock: ManualClock; mock: StatefulMock; client: FineTuneClient };
  beforeAll(async () => {
    stack.mock = await startStatefulMock({ clock });
    stack.client = createClient({ baseUrl: stack.mock.url, apiKey: stack.mock.apiKey, clock });
  });
  afterAll(() => stack.mock.stop());
  return stack;
}
