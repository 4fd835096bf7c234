// atai-finetune/validation: answers checked against the spec, by validators compiled from it (JSON Schema 2020-12,
// generated/validators.ts). A separate entry point so that a client that does not validate carries none of it.
/**
 * Answers checked against the spec: `specValidation` for `createClient({ validateResponses })`, `checkResponse` and
 * `checkConformance`.
 * @module atai-finetune/validation
 */
import { ValidationError } from '../errors/index.js';
import type { ResponseValidation, SpecDrift } from '../response-check.js';
import { checkResponse, toResponseAnswer } from './check-response.js';
import { formatDrift, ResponseValidationError } from './response-validation-error.js';

export { checkResponse, MAX_DRIFTS_PER_ANSWER, toResponseAnswer } from './check-response.js';
export { operationOf } from './operation-of.js';
export { ResponseValidationError } from './response-validation-error.js';
export {
  checkConformance,
  DEFAULT_CONFORMANCE_JOBS,
  MAX_CONFORMANCE_JOBS,
  type ConformanceDrift,
  type ConformanceFailure,
  type ConformanceOptions,
  type ConformanceReport,
} from './conformance.js';
export type { CallAnswer, ResponseAnswer, ResponseValidation, SpecDrift } from '../response-check.js';

/** Options of {@link specValidation}. */
export interface SpecValidationOptions {
  /** Told about each answer that breaks the spec in `warn` mode (default: one line per drift on stderr). */
  onDrift?: (drifts: SpecDrift[]) => void;
}

/**
 * Makes the `validateResponses` option of `createClient`: every answer of a facade call (errors included) is
 * checked against the spec, the key redacted first. `throw`: the call rejects with a {@link ResponseValidationError}
 * listing each drift (JSON pointer, what the spec says, what came); `warn`: `onDrift` is told and the call goes on
 * as usual. For development and the CI of apps; leave it out in production (it costs a few microseconds a call).
 * @throws {ValidationError} when `mode` is neither `warn` nor `throw`.
 */
export function specValidation(mode: 'warn' | 'throw', options: SpecValidationOptions = {}): ResponseValidation {
  // Checked although typed: plain JavaScript callers pass anything.
  if ((mode as unknown) !== 'warn' && (mode as unknown) !== 'throw') {
    throw new ValidationError('mode', `specValidation(mode): mode must be 'warn' or 'throw', got ${JSON.stringify(mode)}.`);
  }
  const onDrift = options.onDrift ?? warnOnStderr;
  return {
    verify(answer, secrets) {
      // Redacted before the check, so that no drift can show the key, not even cut in half by shortening.
      const drifts = checkResponse(toResponseAnswer(answer, secrets));
      if (drifts.length === 0) return;
      if (mode === 'throw') throw new ResponseValidationError(drifts);
      onDrift(drifts);
    },
  };
}

function warnOnStderr(drifts: SpecDrift[]): void {
  for (const drift of drifts) console.warn(`[atai-finetune] ${drift.operationId} answered ${drift.status}, which breaks the spec: ${formatDrift(drift)}`);
}
