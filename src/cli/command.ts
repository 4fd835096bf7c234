// What a jobs command is and what it works with, apart from the table of commands (commands.ts), so that the
// commands' own files import it without importing the table that imports them.
import type { OperationId } from '../../generated/facts.js';
import type { FineTuneClient } from '../client.js';
import type { Flags } from './options.js';
import type { Output } from './output.js';

/** What a jobs command works with. */
export interface JobsContext {
  readonly client: FineTuneClient;
  readonly out: Output;
  readonly values: Flags;
  /** The positionals after `jobs <command>`. */
  readonly args: readonly string[];
  /** Aborted on Ctrl-C; given to every client call. */
  readonly signal: AbortSignal | undefined;
}

/** One `atai-ft jobs` command. */
export interface JobsCommand {
  /** What follows `atai-ft jobs <name>` in the usage lines of the help. */
  readonly synopsis: string;
  /** The spec's operation this command carries out (src/surface.test.ts checks every operation has one). */
  readonly operationId?: OperationId;
  /** The command waits for jobs, so --timeout bounds the wait rather than each request. */
  readonly waits?: boolean;
  /**
   * Runs the command and resolves to its exit code.
   * @throws {UsageError} for bad arguments; InterruptedError on Ctrl-C at the cancel prompt or during a
   * wait; any client error (ApiError, ConnectionError, UserAbortError on Ctrl-C during a request...) as it comes.
   */
  run(ctx: JobsContext): Promise<number>;
}
