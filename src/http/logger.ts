// Opt-in debug logging. Lines name the method, path, status, attempt, wait and duration; they never contain
// headers, and the transport redacts the key from every line before it gets here.
import { readEnv } from '../env.js';

/** Receives one line per attempt when debug logging is on. */
export interface Logger {
  debug(message: string): void;
}

/**
 * The logger a client uses when none is passed: one that writes to stderr when `ATAI_LOG=debug` (to the console
 * where there is no stderr), else none. Never throws.
 */
export function loggerFromEnv(
  env: Record<string, string | undefined> = { ATAI_LOG: readEnv('ATAI_LOG') },
  write: (line: string) => void = writeStderr,
): Logger | undefined {
  if (!debugRequested(env)) return undefined;
  return { debug: (message) => write(`[atai-finetune] ${message}\n`) };
}

/** Whether `env` asks for debug lines (`ATAI_LOG=debug`): the client's default logger's rule, and the CLI's. Never throws. */
export function debugRequested(env: Record<string, string | undefined>): boolean {
  return env.ATAI_LOG === 'debug';
}

/** What one log line says about an attempt. */
export interface AttemptLogFields {
  method: string;
  url: string;
  /** The status, or the error's name when there was no answer. */
  outcome: string;
  attempt: number;
  durationMs: number;
  /** The wait before the next attempt, when there is one. */
  waitMs?: number | undefined;
}

/** One debug line, e.g. `GET /fine-tune/jobs?limit=1 -> 503 attempt=1 duration=3ms retry_in=2000ms`. Never throws. */
export function formatAttemptLine(f: AttemptLogFields): string {
  let where = f.url;
  try {
    const { pathname, search } = new URL(f.url);
    where = `${pathname}${search}`;
  } catch {
    // not an absolute URL: log it as it is
  }
  const wait = f.waitMs === undefined ? '' : ` retry_in=${f.waitMs}ms`;
  return `${f.method} ${where} -> ${f.outcome} attempt=${f.attempt} duration=${Math.round(f.durationMs)}ms${wait}`;
}

function writeStderr(line: string): void {
  const stderr = (globalThis as { process?: { stderr?: { write?: (s: string) => unknown } } }).process?.stderr;
  if (typeof stderr?.write === 'function') stderr.write(line);
  else console.error(line.trimEnd());
}
