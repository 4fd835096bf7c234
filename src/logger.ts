// Opt-in debug logging. Lines name the method, path, status, attempt, wait and duration; they never contain
// headers, and the transport redacts the key from every line before it gets here.

/** Receives one line per attempt when debug logging is on. */
export interface Logger {
  debug(message: string): void;
}

/**
 * The logger a client uses when none is passed: one that writes to stderr when `ATAI_LOG=debug`, else none.
 * Never throws.
 */
export function loggerFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger | undefined {
  if (env.ATAI_LOG !== 'debug') return undefined;
  return { debug: (message) => write(`[atai-finetune] ${message}\n`) };
}
