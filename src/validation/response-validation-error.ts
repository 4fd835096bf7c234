// The answer came, but it is not what the spec says: thrown only when the client was asked to check answers
// (`validateResponses` in throw mode), for development and for the CI of apps built on the client.
import type { SpecDrift } from '../response-check.js';
import { AtaiError } from '../errors/atai-error.js';

/** An answer broke the spec, and the client checks answers in throw mode. `drifts` lists every difference. */
export class ResponseValidationError extends AtaiError {
  override name = 'ResponseValidationError';
  /** Every way the answer differs from the spec, each with its JSON pointer, what the spec says and what came. */
  readonly drifts: SpecDrift[];

  /** Builds the error, whose message lists the drifts. Never throws. */
  constructor(drifts: SpecDrift[]) {
    const first = drifts[0];
    const where = first ? `${first.operationId} answered ${first.status}` : 'an answer';
    super(`${where}, which breaks the spec: ${drifts.map(formatDrift).join('; ')}`);
    this.drifts = drifts;
  }
}

/** One drift on one line, e.g. `/status: expected one of "RUNNING", ..., got "PAUSED"`. Never throws. */
export function formatDrift(drift: SpecDrift): string {
  return `${drift.pointer || '(body)'}: expected ${drift.expected}, got ${drift.got}`;
}
