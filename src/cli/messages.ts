// What the CLI says about a failure: one line, `atai-ft: error: <message>` (with the job id first for a per-job
// failure of stop or cancel), in the CLI's terms (flags, environment variables, commands) rather than the
// library's option names, and with every control character escaped, since messages quote what the server sent.
import { AtaiError, AuthenticationError, ConnectionTimeoutError, MissingApiKeyError, UserAbortError, WaitTimeoutError } from '../errors/index.js';
import { InterruptedError, UsageError } from './errors.js';
import { oneLine, safe, show } from './escape.js';

const MOCK_KEY = "(for 'atai-ft mock', the key it printed)";

/**
 * The line a failure gets on stderr, newline included: `atai-ft: error: [<id>: ]<message>`. Never throws.
 */
export function errorLine(error: unknown, id?: string): string {
  return `atai-ft: error: ${id === undefined ? '' : `${safe(id)}: `}${safe(oneLine(describe(error)))}\n`;
}

/** `text` ended as a sentence, so that what follows does not run into it: a server's message may lack its full stop. */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trimEnd()) ? text.trimEnd() : `${text.trimEnd()}.`;
}

function describe(error: unknown): string {
  if (error instanceof UsageError) return `${error.message}. See 'atai-ft --help'.`;
  if (error instanceof InterruptedError) return error.message;
  if (error instanceof MissingApiKeyError) return `no API key: export ATAI_API_KEY=<your key> ${MOCK_KEY}.`;
  if (error instanceof AuthenticationError) return `${sentence(error.message)} Check ATAI_API_KEY ${MOCK_KEY}.`;
  if (error instanceof WaitTimeoutError) {
    const seconds = error.timeoutMs / 1000;
    const status = error.lastJob?.status ?? 'unseen';
    return `job ${error.jobId} was still ${status} after ${seconds} seconds; raise --timeout, or check it later with 'atai-ft jobs get ${error.jobId}'.`;
  }
  // The library's own text, with its advice in flags: rebuilt from the fields instead, it could bypass the
  // redaction the message went through.
  if (error instanceof ConnectionTimeoutError) return error.message.replace(/ Raise timeoutMs\b.*$/s, ' If the API is just slow, raise --timeout.');
  if (error instanceof UserAbortError) return error.message.replace(/^Aborted by the caller\b/, 'interrupted');
  if (error instanceof AtaiError) return error.message;
  // A bug in atai-ft (or in something it runs): say so, rather than dress it up as the user's mistake.
  return `unexpected failure (a bug in atai-ft; please report it): ${text(error)}`;
}

function text(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : show(error);
  } catch {
    // A getter that throws: the error cannot be described, only reported.
    return 'an error that cannot be printed';
  }
}
