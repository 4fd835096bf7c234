// `atai-ft mock`: the stateful mock of the API as a local server, so the CLI and apps can be tried offline.
import { UsageError } from './errors.js';
import { DEFAULT_MOCK_PORT, type Flags } from './options.js';
import type { CliIO } from './output.js';
import { int } from './values.js';

/** `atai-ft mock`: runs the stateful mock until Ctrl-C (io.signal, else SIGINT) or SIGTERM. */
export const mock = {
  /** What follows `atai-ft mock` in the usage lines of the help. */
  synopsis: '[--port PORT]',
  /**
   * Starts the mock, prints its URL and key, and resolves to 0 once it has been stopped.
   * @throws {UsageError} for a bad --port, or a port that is in use or not allowed; the server's error otherwise.
   */
  async run({ values, io }: { values: Flags; io: CliIO }): Promise<number> {
    const port = int(values.port, 'port') ?? DEFAULT_MOCK_PORT;
    // Loaded only here, so the other commands do not pay for the mock's code at start-up.
    const { startStatefulMock } = await import('../../mock/index.js');
    const server = await startStatefulMock({ port }).catch((error: unknown) => {
      throw listenError(error, port);
    });
    io.stdout.write(`Mock fine-tune API listening on ${server.url}\n  export ATAI_BASE_URL=${server.url} ATAI_API_KEY=${server.apiKey}\nCtrl-C stops it.\n`);
    await untilStopped(io.signal);
    await server.stop();
    return 0;
  },
};

// The two ways a chosen port fails are the user's to fix, with another --port: say so, rather than print Node's
// `listen EADDRINUSE` as an unexpected error.
function listenError(error: unknown, port: number): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return new UsageError(`port ${port} is in use: choose another with --port PORT, or --port 0 for any free one`);
  if (code === 'EACCES') return new UsageError(`port ${port} needs privileges: choose one above 1023 with --port PORT, or --port 0 for any free one`);
  return error;
}

function untilStopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.once('SIGTERM', stop);
    // main.ts turns Ctrl-C into `signal`; a caller without one gets SIGINT caught here.
    if (signal) signal.addEventListener('abort', stop, { once: true });
    else process.once('SIGINT', stop);
    if (signal?.aborted) stop();
  });
}
