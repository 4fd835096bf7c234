// `atai-ft conformance`: is the API at the base URL still what the spec says? Read-only probes with the user's
// key (src/validation/conformance.ts), every answer checked against the spec, a drift report and one summary line.
import { SPEC_VERSION } from '../../generated/facts.js';
import { redact } from '../errors/index.js';
import { checkConformance, DEFAULT_CONFORMANCE_JOBS, type ConformanceReport } from '../validation/conformance.js';
import { reportError } from './exit-codes.js';
import { safe } from './escape.js';
import type { Flags } from './options.js';
import type { CliIO } from './output.js';
import { baseUrl, int, noArgsFor, seconds } from './values.js';

/** `atai-ft conformance`. */
export const conformance = {
  /** What follows `atai-ft conformance` in the usage lines of the help. */
  synopsis: '[--max-jobs N] [--base-url URL] [--json]',
  /**
   * Runs the probes, prints the drift report (or JSON with --json) on stdout and resolves to 0 when every answer
   * conforms, 1 on drift; when an allowed error answer kept a probe from checking (a 503, say), the report is
   * printed and that error's usual exit code returned.
   * @throws {UsageError} for bad flags or arguments; MissingApiKeyError (exit 2) without ATAI_API_KEY;
   * ConnectionError, ConnectionTimeoutError or UserAbortError (Ctrl-C) when a probe gets no answer.
   */
  async run({ values, args, io }: { values: Flags; args: readonly string[]; io: CliIO }): Promise<number> {
    noArgsFor('conformance', args);
    const url = baseUrl(values['base-url'], io.env);
    const apiKey = io.env.ATAI_API_KEY ?? '';
    const report = await checkConformance({
      apiKey,
      baseUrl: url,
      maxJobs: int(values['max-jobs'], 'max-jobs') ?? DEFAULT_CONFORMANCE_JOBS,
      timeoutMs: seconds(values.timeout, 'timeout'),
      maxRetries: int(values['max-retries'], 'max-retries'),
      signal: io.signal,
    });
    // Redacted with the user's key once more: what the wrong-key probe's answers held was checked by a client that
    // did not know it.
    const text = values.json ? `${JSON.stringify(toJson(report, url), null, 2)}\n` : formatReport(report, url);
    io.stdout.write(redact(text, apiKey ? [apiKey] : []));
    if (report.drifts.length > 0) return 1;
    const [failure] = report.failures;
    return failure ? reportError(failure, io) : 0;
  },
};

function toJson(report: ConformanceReport, url: string) {
  return { baseUrl: url, specVersion: SPEC_VERSION, answers: report.answers, conforms: report.drifts.length === 0 && report.failures.length === 0, drifts: report.drifts };
}

/** The drift table (operation, status, pointer, expected, got, and the request) and the summary line. */
export function formatReport(report: ConformanceReport, url: string): string {
  const lines: string[] = [];
  if (report.drifts.length > 0) {
    lines.push('Drift (the API answered outside the spec):');
    for (const d of report.drifts) {
      lines.push(`  ${d.operationId} ${d.status} ${d.pointer || '(answer)'}`, `    expected: ${safe(d.expected)}`, `    got:      ${safe(d.got)}`, `    request:  ${safe(d.request)}`);
    }
  }
  const answered = `${report.answers} answer${report.answers === 1 ? '' : 's'} from ${safe(url)} checked against spec ${SPEC_VERSION}`;
  const found = report.drifts.length;
  const answersWithDrift = new Set(report.drifts.map((d) => `${d.request} ${d.status}`)).size;
  if (found > 0) lines.push(`conformance: ${answered}: ${found} drift${found === 1 ? '' : 's'} in ${answersWithDrift} answer${answersWithDrift === 1 ? '' : 's'}.`);
  else if (report.failures.length > 0) lines.push(`conformance: ${answered}: no drift, but ${report.failures.length} probe${report.failures.length === 1 ? '' : 's'} got an error answer, so not everything was checked.`);
  else lines.push(`conformance: ${answered}: all conform.`);
  return `${lines.join('\n')}\n`;
}
