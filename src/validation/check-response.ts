// Is this answer what the spec says this operation answers? The status must be documented, the content type the
// documented one, the body JSON of the documented schema (the validators `make generate` compiles from the spec).
import { RESPONSES, VALIDATORS } from '../../generated/validators.js';
import { redact } from '../errors/redact.js';
import type { CallAnswer, ResponseAnswer, SpecDrift } from '../response-check.js';
import { describeErrors, show } from './describe.js';
import { operationOf } from './operation-of.js';

/**
 * Lists every way `answer` differs from what the spec documents for its operation and status; empty when it
 * conforms. The body is checked whatever the status, error bodies included. Never throws.
 */
export function checkResponse(answer: ResponseAnswer): SpecDrift[] {
  const drift = (pointer: string, expected: string, got: string): SpecDrift => ({ operationId: answer.operationId, status: answer.status, pointer, expected, got });
  const documented = RESPONSES[answer.operationId];
  if (!documented) return [drift('', `an operation of the spec`, JSON.stringify(answer.operationId))];
  const status = String(answer.status);
  if (!Object.hasOwn(documented, status)) {
    return [drift('', `one of the statuses the spec documents for ${answer.operationId}: ${Object.keys(documented).join(', ')}`, status)];
  }
  const response = documented[status];
  if (!response) return answer.text === '' ? [] : [drift('', 'no body', show(answer.text))];
  const type = answer.contentType?.split(';')[0]?.trim().toLowerCase();
  if (type !== response.contentType) return [drift('', `Content-Type ${response.contentType}`, answer.contentType === null ? 'no Content-Type' : show(answer.contentType))];
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return [drift('', 'a JSON body', answer.text === '' ? 'an empty body' : show(answer.text))];
  }
  const validate = VALIDATORS[response.schema];
  if (!validate) return [drift('', `a body of schema ${response.schema}`, 'a schema the validators do not have (run make generate)')];
  if (validate(body)) return [];
  return describeErrors(validate.errors ?? [], body, response.schema).map((f) => drift(f.pointer, f.expected, f.got));
}

/**
 * A facade call's answer as an answer to its operation of the spec: the operation found from the method and path,
 * the body redacted. Never throws.
 */
export function toResponseAnswer(answer: CallAnswer, secrets: readonly string[]): ResponseAnswer {
  const { pathname } = new URL(answer.url);
  const operationId = operationOf(answer.method, pathname) ?? `${answer.method} ${pathname}`;
  return { operationId, status: answer.status, contentType: answer.contentType, text: redact(answer.text, secrets) };
}
