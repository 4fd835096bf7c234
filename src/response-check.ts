// Checking answers against the spec while the client runs (`createClient({ validateResponses })`). The checks
// themselves live in `atai-finetune/validation`, so a client that does not validate carries none of their code;
// this file holds only what the client needs to call one and to act on what it finds.
import { ResponseValidationError } from './errors/index.js';
import { redact } from './errors/redact.js';

/** One answer as it came, for checking against the spec. */
export interface ResponseAnswer {
  /** The operation that was called, e.g. `getJob`. */
  operationId: string;
  /** The HTTP status. */
  status: number;
  /** The Content-Type header, or null when there was none. */
  contentType: string | null;
  /** The body as text, exactly as received (with any secret redacted). */
  text: string;
}

/** One way an answer differs from what the spec says. */
export interface SpecDrift {
  /** The operation that was called, e.g. `getJob`. */
  operationId: string;
  /** The HTTP status of the answer. */
  status: number;
  /** JSON pointer (RFC 6901) into the body, e.g. `/status` or `/config/datasets/0/name`; '' for the body or answer as a whole. */
  pointer: string;
  /** What the spec says should be there, e.g. `one of "UNKNOWN", "REGISTERED", ...`. */
  expected: string;
  /** What came instead, as JSON (shortened), or `nothing` for a missing field. */
  got: string;
}

/**
 * How a client checks its answers: `specValidation('warn' | 'throw')` from `atai-finetune/validation` makes one.
 * Off (the default) when not given.
 */
export interface ResponseValidation {
  /** `throw`: a call whose answer breaks the spec rejects with a {@link ResponseValidationError}; `warn`: `warn` is told and the call goes on. */
  readonly mode: 'warn' | 'throw';
  /** Lists how `answer` breaks the spec; empty when it conforms. Must not throw. */
  check(answer: ResponseAnswer): SpecDrift[];
  /** Told about each answer that breaks the spec, in `warn` mode. */
  warn(drifts: SpecDrift[]): void;
}

/**
 * Checks one answer with `validation` (the key redacted before the check, so no drift can show it) and acts on
 * what it finds: nothing when it conforms, `warn` in warn mode.
 * @throws {ResponseValidationError} in throw mode, listing every drift.
 */
export function verifyAnswer(validation: ResponseValidation, answer: ResponseAnswer, secrets: readonly string[]): void {
  const drifts = validation.check({ ...answer, text: redact(answer.text, secrets) });
  if (drifts.length === 0) return;
  if (validation.mode === 'throw') throw new ResponseValidationError(drifts);
  validation.warn(drifts);
}
