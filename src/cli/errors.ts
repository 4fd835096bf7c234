// The CLI's own failures, apart from the client's: each maps to an exit code in exit-codes.ts.

/** A mistake in how the command was called: exit code 2, reported with a pointer to `--help`. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * The user pressed Ctrl-C (SIGINT): exit code 3. The message says where it stopped and what was or was not done,
 * e.g. "aborted, nothing cancelled".
 */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
}
