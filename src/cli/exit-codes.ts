// The CLI's exit codes: one table gives each code's meaning (for --help) and the error classes that lead to it
// (for the process), so the documentation cannot drift from what the process does.
import {
  ApiError,
  AtaiError,
  ConnectionError,
  ConnectionTimeoutError,
  InvalidResponseError,
  MissingApiKeyError,
  UserAbortError,
  ValidationError,
  WaitTimeoutError,
} from '../errors/index.js';
import { UsageError } from './options.js';
import type { CliIO } from './output.js';

// never[]: any error class fits, whatever its constructor takes.
type ErrorClass = abstract new (...args: never[]) => Error;

const TABLE: readonly { code: number; meaning: string; errors: readonly ErrorClass[] }[] = [
  { code: 0, meaning: 'success', errors: [] },
  // Also the code of anything not listed (AtaiError itself, a bug in the CLI): 1 is the generic failure.
  { code: 1, meaning: 'the API answered with an error (or some of several jobs failed)', errors: [ApiError, InvalidResponseError] },
  { code: 2, meaning: 'usage error: a bad flag or argument, or no API key', errors: [UsageError, ValidationError, MissingApiKeyError] },
  { code: 3, meaning: 'timed out or aborted (including --wait past --timeout)', errors: [ConnectionTimeoutError, WaitTimeoutError, UserAbortError] },
  { code: 4, meaning: 'network failure: no answer from the API', errors: [ConnectionError] },
];

const UNLISTED = 1;
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

/** `text` on one line: a message that spans lines would break "one stderr line per failure". Never throws. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/**
 * Writes the one stderr line a failure gets and returns its exit code: usage errors point to --help, API
 * errors show the API's code and message, other package errors are named by class. Never throws.
 */
export function reportError(error: unknown, io: Pick<CliIO, 'stderr'>): number {
  if (error instanceof UsageError) {
    io.stderr.write(`atai-ft: ${error.message}. See 'atai-ft --help'.\n`);
  } else if (error instanceof AtaiError) {
    const prefix = error instanceof ApiError ? 'error' : error.name;
    io.stderr.write(`atai-ft: ${prefix}: ${oneLine(error.message)}\n`);
  } else {
    io.stderr.write(`atai-ft: unexpected error: ${oneLine(String(error))}\n`);
  }
  return exitCodeFor(error);
}
