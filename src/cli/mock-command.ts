// `atai-ft mock`: the stateful mock of the API as a local server, so the CLI and apps can be tried offline.
import { DEFAULT_MOCK_PORT, int, type Flags } from './options.js';
import type { CliIO } from './output.js';

/** `atai-ft mock`: runs the stateful mock until SIGINT or SIGTERM. */
export const mock = {
  /** What follows `atai-ft mock` in the usage lines of the help. */
  synopsis: '[--port PORT]',
  /**
   * Starts the mock, prints its URL and key, and resolves to 0 once a signal has stopped it.
   * @throws {UsageError} for a bad --port; the server's error when the port cannot be bound.
   */
  async run({ values, io }: { values: Flags; io: CliIO }): Promise<number> {
    const port = int(values.port, 'port') ?? DEFAULT_MOCK_PORT;
    // Loaded only here, so the other commands do not pay for the mock's code at start-up.
    const { startStatefulMock } = await import('../../mock/index.js');
    const server = await startStatefulMock({ port });
    io.stdout.write(`Mock fine-tune API listening on ${server.url}\n  export ATAI_BASE_URL=${server.url} ATAI_API_KEY=${server.apiKey}\nCtrl-C stops it.\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.stop();
    return 0;
  },
};
