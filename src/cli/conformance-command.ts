// `atai-ft conformance`: is the API at the base URL still what the spec says? Read-only probes with the user's
// key (src/validation/conformance.ts), every answer checked against the spec, a drift report and one summary line.
import { SPEC_VERSION } from '../../generated/facts.js';
import { redact, ValidationError } from '../errors/index.js';
import type { ConformanceReport } from '../validation/conformance.js';
import { DEFAULT_CONFORMANCE_JOBS } from '../validation/limits.js';
import { safe } from './escape.js';
import { exitCodeFor } from './exit-codes.js';
import { errorLine } from './messages.js';
import type { Flags } from './options.js';
import type { CliIO } from './output.js';
import { baseUrl, int, noArgsFor, seconds } from './values.js';

/** `atai-ft conformance`. */
export const conformance = {
  /** What follows `atai-ft conformance` in the usage lines of the help. */
  synopsis: '[--max-jobs N] [--base-url URL] [--json]',
  /**
   * Runs the probes, prints the report (the drift, the probes that could not check, a summary line; or JSON with
   * --json) on stdout and resolves to 0 when everything conforms, 1 on drift; else, when a probe could not check
   * (an error answer the spec allows, no answer, Ctrl-C), the exit code of its error, with its line on stderr.
   * @throws {UsageError} for bad flags or arguments; MissingApiKeyError (exit 2) without ATAI_API_KEY;
   * AuthenticationError or PermissionDeniedError (exit 1) when the API refuses the key.
   */
  async run({ values, args, io }: { values: Flags; args: readonly string[]; io: CliIO }): Promise<number> {
    noArgsFor('conformance', args);
    const url = baseUrl(values['base-url'], io.env);
    const apiKey = io.env.ATAI_API_KEY ?? '';
    const secrets = apiKey ? [apiKey] : [];
    // Loaded only here, so the other commands do not pay for the validators at start-up.
    const { checkConformance } = await import('../validation/conformance.js');
    const report = await checkConformance({
      apiKey,
      baseUrl: url,
      maxJobs: int(values['max-jobs'], 'max-jobs') ?? DEFAULT_CONFORMANCE_JOBS,
      timeoutMs: seconds(values.timeout, 'timeout'),
      maxRetries: int(values['max-retries'], 'max-retries'),
      logger: values.verbose ? { debug: (line) => io.stderr.write(`atai-ft: ${safe(redact(line, secrets))}\n`) } : undefined,
      signal: io.signal,
    });
    // Redacted with the user's key once more: what the wrong-key probe's answers held was checked by a client that
    // did not know it.
    const text = values.json ? `${JSON.stringify(toJson(report, url), null, 2)}\n` : formatReport(report, url);
    io.stdout.write(redact(text, secrets));
    if (report.drifts.length > 0) return 1;
    // An id of the API's that the client refuses is no usage error of the user's: reported, it counts as 1.
    const failure = report.failures.find((f) => !(f.error instanceof ValidationError)) ?? report.failures[0];
    if (!failure) return 0;
    io.stderr.write(redact(errorLine(failure.error), secrets));
    return failure.error instanceof ValidationError ? 1 : exitCodeFor(failure.error);
  },
};

function toJson(report: ConformanceReport, url: string) {
  return {
    baseUrl: url,
    specVersion: SPEC_VERSION,
    answers: report.answers,
    conforms: report.drifts.length === 0 && report.failures.length === 0,
    drifts: report.drifts,
    failures: report.failures.map((f) => ({ request: f.request, error: f.error.name, message: f.error.message })),
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The drift (operation, status, pointer, expected, got, request), the probes that could not check, the summary. */
function formatReport(report: ConformanceReport, url: string): string {
  const lines: string[] = [];
  if (report.drifts.length > 0) {
    lines.push('Drift (the API answered outside the spec):');
    for (const d of report.drifts) {
      lines.push(`  ${safe(d.operationId)} ${d.status} ${safe(d.pointer) || '(answer)'}`, `    expected: ${safe(d.expected)}`, `    got:      ${safe(d.got)}`, `    request:  ${safe(d.request)}`);
    }
  }
  if (report.failures.length > 0) {
    lines.push('Not checked:');
    for (const f of report.failures) lines.push(`  ${safe(f.request)}: ${safe(f.error.message)}`);
  }
  const answered = `${plural(report.answers, 'answer')} from ${safe(url)} checked against spec ${SPEC_VERSION}`;
  const answersWithDrift = new Set(report.drifts.map((d) => `${d.request} ${d.status}`)).size;
  const parts: string[] = [];
  if (report.drifts.length > 0) parts.push(`${plural(report.drifts.length, 'drift')} in ${plural(answersWithDrift, 'answer')}`);
  if (report.failures.length > 0) parts.push(`${plural(report.failures.length, 'probe')} could not check, so not everything was checked`);
  lines.push(`conformance: ${answered}: ${parts.length > 0 ? `${parts.join('; ')}.` : 'all conform.'}`);
  return `${lines.join('\n')}\n`;
}
