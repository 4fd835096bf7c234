// The stateful mock on a manual clock, behind a Prism proxy that checks every answer against the spec, and
// clients whose waits move that clock instead of sleeping: lifecycle tests take milliseconds and never flake.
import { createClient, type ClientOptions, type Clock, type FineTuneClient } from '../src/index.js';
import { startPrism, type PrismServer } from '../test-support/prism.js';
import { ManualClock, startStatefulMock, type SeenRequest, type SentAnswer, type StatefulMock, type StatefulMockOptions } from '../mock/index.js';
import { checkResponse, operationOf } from '../src/validation/index.js';
import { formatDrift } from '../src/validation/response-validation-error.js';
import { checkingLogger, scanned, TEST_KEY } from './helpers.js';

export { jobBody } from '../test-support/fixtures.js';

export const PHASES = { REGISTERED: 1_000, STARTING: 2_000, RUNNING: 10_000, FINALIZING: 2_000, STOPPING: 3_000 };

/** A clock for the client that shares the mock's time: a wait advances it at once. */
export function virtualClock(clock: ManualClock, waits: number[] = []): Clock {
  return {
    now: () => clock.now(),
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      waits.push(ms);
      clock.advance(ms);
    },
  };
}

export interface Stack {
  mock: StatefulMock;
  clock: ManualClock;
  /** The validating Prism proxy in front of the mock; undefined for a direct stack. */
  proxy: PrismServer | undefined;
  /** Where clients send requests: the proxy, or the mock itself for a direct stack. */
  url: string;
  /** Every retry or poll wait clients of this stack asked for, in ms. */
  waits: number[];
  client(options?: ClientOptions): FineTuneClient;
  stop(): Promise<void>;
}

/**
 * Starts the mock with the test key, on a manual clock, and (unless `direct`) a `prism proxy --errors` in
 * front of it.
 */
export async function startStack(options: StatefulMockOptions & { direct?: boolean } = {}): Promise<Stack> {
  const clock = new ManualClock();
  // Every answer the mock gives of its own accord is checked against the spec by the generated validators, beside
  // the Prism proxy's check: stop() fails the file that used a mock that drifted.
  const drifts: string[] = [];
  const onAnswer = (request: SeenRequest, answer: SentAnswer) => {
    options.onAnswer?.(request, answer);
    const operationId = operationOf(request.method, request.rawPath);
    if (!operationId) return;
    for (const drift of checkResponse({ operationId, ...answer })) drifts.push(`${request.method} ${request.rawPath} -> ${formatDrift(drift)} (status ${drift.status})`);
  };
  const mock = await startStatefulMock({ apiKey: TEST_KEY, clock, phases: PHASES, ...options, onAnswer });
  const proxy = options.direct ? undefined : await startPrism({ mode: 'proxy', upstream: mock.url });
  const waits: number[] = [];
  const url = proxy?.url ?? mock.url;
  return {
    mock,
    clock,
    proxy,
    url,
    waits,
    client: (clientOptions = {}) =>
      scanned(createClient({ baseUrl: url, apiKey: TEST_KEY, clock: virtualClock(clock, waits), logger: checkingLogger, ...clientOptions })),
    stop: async () => {
      await proxy?.stop();
      await mock.stop();
      if (drifts.length > 0) throw new Error(`the stateful mock answered outside the spec:\n${drifts.join('\n')}`);
    },
  };
}

