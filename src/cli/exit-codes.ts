// The CLI's exit codes: one table gives each code's meaning (for --help) and the error classes that lead to it
// (for the process), so the documentation cannot drift from what the process does.
import {
  ApiError,
  ConnectionError,
  ConnectionTimeoutError,
  InvalidResponseError,
  MissingApiKeyError,
  UserAbortError,
  ValidationError,
  WaitTimeoutError,
} from '../errors/index.js';
import { InterruptedError, UsageError } from './errors.js';
import { errorLine } from './messages.js';
import type { CliIO } from './output.js';

// never[]: any error class fits, whatever its constructor takes.
type ErrorClass = abstract new (...args: never[]) => Error;

const TABLE: readonly { code: number; meaning: string; errors: readonly ErrorClass[] }[] = [
  { code: 0, meaning: 'success', errors: [] },
  // Also the code of anything not listed (AtaiError itself, a bug in the CLI): 1 is the generic failure.
  { code: 1, meaning: 'the API answered with an error (or some of several jobs failed; conformance: the API drifted from the spec; the output could not be written)', errors: [ApiError, InvalidResponseError] },
  { code: 2, meaning: 'usage error: a bad flag or argument, or no API key', errors: [UsageError, ValidationError, MissingApiKeyError] },
  { code: 3, meaning: 'timed out or aborted (a request or a wait past --timeout, or Ctrl-C)', errors: [ConnectionTimeoutError, WaitTimeoutError, UserAbortError, InterruptedError] },
  { code: 4, meaning: 'network failure: no answer from the API', errors: [ConnectionError] },
];

const UNLISTED = 1;

/** The exit code when the command's output could not be written (a full disk, say): the generic failure. */
export const OUTPUT_FAILED = 1;
const CODE_OF = new Map<unknown, number>(TABLE.flatMap((row) => row.errors.map((error) => [error, row.code] as const)));

/** The "Exit codes:" section of the help. */
export const EXIT_CODES = `Exit codes:\n${TABLE.map((row) => `  ${row.code}  ${row.meaning}`).join('\n')}`;

/**
 * The exit code for a failure: that of the most specific class in the table the error is an instance of (a
 * ConnectionTimeoutError is 3 although it is also a ConnectionError), else 1. Never throws.
 */
export function exitCodeFor(error: unknown): number {
  // Walking up from the error's own class finds the most specific listed class first, whatever the table's order.
  let proto: { constructor: unknown } | null = typeof error === 'object' && error !== null ? (Object.getPrototypeOf(error) as { constructor: unknown } | null) : null;
  while (proto) {
    const code = CODE_OF.get(proto.constructor);
    if (code !== undefined) return code;
    proto = Object.getPrototypeOf(proto) as { constructor: unknown } | null;
  }
  return UNLISTED;
}

/**
 * Writes the one stderr line a failure gets (`atai-ft: error: ...`, see errorLine) and returns its exit code.
 * Never throws.
 */
export function reportError(error: unknown, io: Pick<CliIO, 'stderr'>): number {
  io.stderr.write(errorLine(error));
  return exitCodeFor(error);
}
