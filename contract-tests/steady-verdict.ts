// What Steady thought of a request. Steady answers every request, valid or not, and puts its verdict in headers:
// `x-steady-request-valid` (false for routing and SDK issues, E2xxx/E3xxx) and, per diagnostic N of
// `x-steady-error-count`, `x-steady-error-N-code`, `-path` and `-message`. Content notes (E4xxx, e.g. a limit below
// the minimum) and undocumented parameters (E3015) leave request-valid true, so the count is read too.
import { JOB_ID_MAX_LENGTH } from '../generated/facts.js';

/** One diagnostic of Steady's, e.g. `{ code: 'E3016', path: 'query.statuses.0', message: 'Value "BOGUS" is not in allowed values' }`. */
export interface SteadyDiagnostic {
  code: string;
  /** Where in the request: `query.limit`, `path.job_id`, `body.id`, `header.content-type`, ... */
  path: string;
  message: string;
}

/** The request a verdict is about: its URL, and its body text when it had one. */
export interface SentRequest {
  url: string;
  body?: string;
}

/** Every diagnostic Steady attached to an answer, in its order. Never throws. */
export function steadyDiagnostics(headers: Headers): SteadyDiagnostic[] {
  const count = Number(headers.get('x-steady-error-count') ?? 0);
  return Array.from({ length: count }, (_, i) => ({
    code: headers.get(`x-steady-error-${i + 1}-code`) ?? '',
    path: headers.get(`x-steady-error-${i + 1}-path`) ?? '',
    message: headers.get(`x-steady-error-${i + 1}-message`) ?? '',
  }));
}

/**
 * What is wrong with a request by Steady's answer to it: each of its diagnostics but the one miscount excused
 * below, or a problem of its own when the answer carries no verdict (it did not come from Steady) or calls the
 * request invalid without saying why. Empty when Steady found nothing. Never throws.
 */
export function steadyProblems(request: SentRequest, headers: Headers): SteadyDiagnostic[] {
  const valid = headers.get('x-steady-request-valid');
  if (valid === null) return [{ code: 'no verdict', path: '', message: `the answer to ${request.url} has no x-steady-request-valid header: not from Steady` }];
  const problems = steadyDiagnostics(headers).filter((diagnostic) => !isCodeUnitMiscount(diagnostic, request));
  if (valid !== 'true' && problems.length === 0) problems.push({ code: 'invalid', path: '', message: `x-steady-request-valid is ${valid}` });
  return problems;
}

/** The problems as lines `code at path: message`, for a failure message. */
export function describeProblems(problems: readonly SteadyDiagnostic[]): string {
  return problems.map((p) => `${p.code} at ${p.path || '(request)'}: ${p.message}`).join('\n');
}

// Steady (0.22.2) measures a string's length in UTF-16 code units, JavaScript's `.length`; JSON Schema counts
// characters, i.e. code points (2020-12 validation §6.3.1: "as defined by RFC 8259"), and so does the
// client. A job id of 33 to 64 astral characters (emoji) is within JobId's maxLength of 64, yet Steady notes
// E4003. That note alone is excused, and only when the id really has at most 64 code points.
function isCodeUnitMiscount(diagnostic: SteadyDiagnostic, request: SentRequest): boolean {
  if (diagnostic.code !== 'E4003') return false;
  const id = diagnostic.path === 'path.job_id' ? idInPath(request.url) : diagnostic.path === 'body.id' ? idInBody(request.body) : undefined;
  return id !== undefined && id.length > JOB_ID_MAX_LENGTH && Array.from(id).length <= JOB_ID_MAX_LENGTH;
}

/** The job id of a `/fine-tune/jobs/{job_id}...` URL, decoded. */
function idInPath(url: string): string | undefined {
  const segment = new URL(url).pathname.split('/')[3];
  try {
    return segment === undefined ? undefined : decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The `id` of a JSON create body. */
function idInBody(body: string | undefined): string | undefined {
  try {
    const id = (JSON.parse(body ?? '') as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
