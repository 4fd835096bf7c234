// atai-finetune/validation: answers checked against the spec, by validators compiled from it (JSON Schema 2020-12,
// generated/validators.ts). A separate entry point so that a client that does not validate carries none of it.
import type { ResponseValidation, SpecDrift } from '../response-check.js';
import { formatDrift, ValidationError } from '../errors/index.js';
import { checkResponse } from './check-response.js';

export { checkResponse } from './check-response.js';
export { operationOf } from './operation-of.js';
export type { ResponseAnswer, ResponseValidation, SpecDrift } from '../response-check.js';

/** Options of {@link specValidation}. */
export interface SpecValidationOptions {
  /** Told about each answer that breaks the spec in `warn` mode (default: one line per drift on stderr). */
  onDrift?: (drifts: SpecDrift[]) => void;
}

/**
 * Makes the `validateResponses` option of `createClient`: every answer of a facade call (errors included) is
 * checked against the spec. `throw`: the call rejects with a `ResponseValidationError` listing each drift (JSON
 * pointer, what the spec says, what came); `warn`: `onDrift` is told and the call goes on as usual. For
 * development and the CI of apps; leave it out in production (a check costs a few microseconds per call).
 * @throws {ValidationError} when `mode` is neither `warn` nor `throw`.
 */
export function specValidation(mode: 'warn' | 'throw', options: SpecValidationOptions = {}): ResponseValidation {
  // Checked although typed: plain JavaScript callers pass anything.
  if ((mode as unknown) !== 'warn' && (mode as unknown) !== 'throw') throw new ValidationError('mode', `specValidation(mode): mode must be 'warn' or 'throw', got ${JSON.stringify(mode)}.`);
  return { mode, check: checkResponse, warn: options.onDrift ?? warnOnStderr };
}

function warnOnStderr(drifts: SpecDrift[]): void {
  for (const drift of drifts) console.warn(`[atai-finetune] ${drift.operationId} answered ${drift.status}, which breaks the spec: ${formatDrift(drift)}`);
}
export { checkConformance, DEFAULT_CONFORMANCE_JOBS, type ConformanceDrift, type ConformanceOptions, type ConformanceReport } from './conformance.js';
